using System.Globalization;

namespace Cevns.Statistics;

/// <summary>
/// Turns a scanned function excess(x) = value(x) - threshold (inside where &lt;= 0) into the union of
/// segments where it is &lt;= 0, locating each crossing with a caller-supplied refinement and classifying
/// the ends of the scan (parameter bound vs open). A NaN excess marks a point whose fit did not converge: it is
/// neither inside nor outside, and a segment next to it ends in an unknown edge (<see cref="IntervalEdgeKind.NotConverged"/>).
/// </summary>
internal static class IntervalFinder
{
    /// <param name="crossing">Locates the crossing between points i and i + 1 (excess of opposite signs).</param>
    public static List<IntervalSegment> Segments(IReadOnlyList<double> xs, IReadOnlyList<double> excess, FitParameter parameter,
        Func<int, double> crossing, string levelText, List<string> notes)
    {
        int n = xs.Count;
        var segments = new List<IntervalSegment>();
        int i = 0;
        while (i < n)
        {
            if (!(excess[i] <= 0)) { i++; continue; }
            int start = i;
            while (i + 1 < n && excess[i + 1] <= 0) i++;
            int end = i;
            var lower = start == 0 ? EndEdge(xs[0], lowerEnd: true, parameter, levelText, notes)
                : double.IsNaN(excess[start - 1]) ? Unknown(xs[start], xs[start - 1], lowerEnd: true, levelText, notes)
                : new IntervalEdge(crossing(start - 1), IntervalEdgeKind.Crossing);
            var upper = end == n - 1 ? EndEdge(xs[n - 1], lowerEnd: false, parameter, levelText, notes)
                : double.IsNaN(excess[end + 1]) ? Unknown(xs[end], xs[end + 1], lowerEnd: false, levelText, notes)
                : new IntervalEdge(crossing(end), IntervalEdgeKind.Crossing);
            segments.Add(new IntervalSegment(lower, upper));
            i++;
        }
        if (segments.Count > 1)
            notes.Add($"{segments.Count} disjoint segments (the profile has several minima)");
        return segments;
    }

    /// <summary>Linear interpolation of the zero of the excess between points i and i + 1.</summary>
    public static double Linear(IReadOnlyList<double> xs, IReadOnlyList<double> excess, int i)
    {
        double t = excess[i] / (excess[i] - excess[i + 1]);
        return xs[i] + t * (xs[i + 1] - xs[i]);
    }

    private static IntervalEdge EndEdge(double x, bool lowerEnd, FitParameter p, string levelText, List<string> notes)
    {
        double bound = lowerEnd ? p.Lower : p.Upper;
        string v = x.ToString("G6", CultureInfo.InvariantCulture);
        if (double.IsFinite(bound) && Math.Abs(x - bound) <= 1e-9 * Math.Max(1.0, Math.Abs(bound)))
        {
            notes.Add(lowerEnd
                ? $"one-sided: {levelText} is not exceeded down to the parameter's lower bound {v} (an upper limit)"
                : $"one-sided: {levelText} is not exceeded up to the parameter's upper bound {v} (a lower limit)");
            return new IntervalEdge(bound, IntervalEdgeKind.ParameterBound);
        }
        notes.Add(lowerEnd
            ? $"lower edge open: {levelText} is not exceeded down to the scan bound {v}; extend the scan"
            : $"upper edge open: {levelText} is not exceeded up to the scan bound {v}; extend the scan");
        return new IntervalEdge(null, IntervalEdgeKind.OpenAtScanBound);
    }

    private static IntervalEdge Unknown(double inside, double failed, bool lowerEnd, string levelText, List<string> notes)
    {
        string a = inside.ToString("G6", CultureInfo.InvariantCulture), b = failed.ToString("G6", CultureInfo.InvariantCulture);
        notes.Add(lowerEnd
            ? $"lower edge unknown: {levelText} is not exceeded down to {a}, and the fit at {b} did not converge"
            : $"upper edge unknown: {levelText} is not exceeded up to {a}, and the fit at {b} did not converge");
        return new IntervalEdge(null, IntervalEdgeKind.NotConverged, inside);
    }

    /// <summary>
    /// Zero of f bracketed by (a, fa) and (b, fb) of opposite signs, by Brent's method (R. P. Brent, Algorithms for
    /// Minimization without Derivatives (1973), ch. 4; MathNet.Numerics' <see cref="MathNet.Numerics.RootFinding.Brent"/>)
    /// in the variable t = (x - a)/(b - a), so that <paramref name="tolerance"/> is both the bracket width, as a fraction of
    /// b - a, and |f| at which it stops. The ends are not evaluated again (their values are given). An evaluation that gives
    /// NaN (a fit that did not converge) stops it, as does reaching <paramref name="maxEvaluations"/>: the result is then the
    /// linear interpolation of the narrowest bracket of valid values found.
    /// </summary>
    public static double BrentRoot(Func<double, double> f, double a, double fa, double b, double fb, double tolerance, int maxEvaluations)
    {
        if (fa == 0) return a;
        if (fb == 0) return b;
        if (Math.Sign(fa) == Math.Sign(fb))
            throw new ArgumentException($"root not bracketed: f({a}) = {fa}, f({b}) = {fb}");
        var known = new List<(double T, double F)> { (0, fa), (1, fb) };
        int evaluations = 0;
        double G(double t)
        {
            if (t == 0) return fa;
            if (t == 1) return fb;
            if (evaluations++ >= maxEvaluations) throw new StoppedException();
            double v = f(a + t * (b - a));
            if (double.IsNaN(v)) throw new StoppedException();
            known.Add((t, v));
            return v;
        }
        try
        {
            if (MathNet.Numerics.RootFinding.Brent.TryFindRoot(G, 0, 1, tolerance, maxEvaluations, out double t))
                return a + t * (b - a);
        }
        catch (StoppedException)
        {
        }
        // The narrowest bracket among the valid evaluations.
        double lo = 0, flo = fa, hi = 1, fhi = fb;
        foreach (var (t, v) in known)
        {
            if (Math.Sign(v) == Math.Sign(fa) && t > lo) (lo, flo) = (t, v);
            if (Math.Sign(v) == Math.Sign(fb) && t < hi) (hi, fhi) = (t, v);
        }
        double tl = lo + flo / (flo - fhi) * (hi - lo);
        return a + tl * (b - a);
    }

    private sealed class StoppedException : Exception;
}
