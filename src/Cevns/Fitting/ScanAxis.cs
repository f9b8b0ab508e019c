using Cevns.Statistics;

namespace Cevns.Fitting;

/// <summary>How the points of a scan axis are spaced.</summary>
public enum AxisScale
{
    /// <summary>Equal steps in the value.</summary>
    Linear,
    /// <summary>Equal steps in log10 of the value (both ends &gt; 0): masses and couplings over decades.</summary>
    Log,
}

/// <summary>
/// One scanned parameter: <see cref="Points"/> values from Lower to Upper, equally spaced in the value or (log axis)
/// in its logarithm, both ends exact; written name=lo:hi:n or name=lo:hi:n:log. The one axis type of 'scan' and of the
/// scans of an analysis file.
/// </summary>
public sealed record ScanAxis(string Name, double Lower, double Upper, int Points, AxisScale Scale = AxisScale.Linear)
{
    /// <summary>Upper limit on points per axis (a 2D scan of 1000 x 1000 profiled fits is already days of work).</summary>
    public const int MaxPoints = 10_000;

    /// <summary>The scan values: evenly spaced, or evenly spaced in log10 for a log axis; both ends exact.</summary>
    public double[] Values => Grid(Lower, Upper, Points, Scale);

    /// <summary>n values from lo to hi (both exact): lo + (hi - lo) t, or lo (hi/lo)^t on a log axis, t = i/(n - 1).</summary>
    public static double[] Grid(double lo, double hi, int n, AxisScale scale)
    {
        if (scale == AxisScale.Linear) return ProfileLikelihood.LinearGrid(lo, hi, n);
        if (n < 2 || !(hi > lo) || !(lo > 0))
            throw new ArgumentException($"log grid needs n >= 2 and 0 < lo < hi, got n = {n}, [{lo}, {hi}]");
        return Enumerable.Range(0, n).Select(i => i == 0 ? lo : i == n - 1 ? hi : lo * Math.Pow(hi / lo, (double)i / (n - 1))).ToArray();
    }

    /// <summary>"name=lo:hi:n", with ":log" for a log axis (numbers in round-trip form).</summary>
    public string Text => FormattableString.Invariant($"{Name}={Lower:R}:{Upper:R}:{Points}{(Scale == AxisScale.Log ? ":log" : "")}");

    public static ScanAxis Parse(string text)
    {
        var (name, rest) = FitText.SplitAssignment(text, "scan parameter", "name=lo:hi:n[:log]");
        var parts = rest.Split(':');
        if (parts.Length is not (3 or 4))
            throw new FitSetupException($"scan parameter '{text}': expected name=lo:hi:n or name=lo:hi:n:log, e.g. sin2_theta_w=0.15:0.35:41");
        double lo = FitText.Number(parts[0], $"scan parameter '{text}': lower end");
        double hi = FitText.Number(parts[1], $"scan parameter '{text}': upper end");
        if (!(lo < hi))
            throw new FitSetupException($"scan parameter '{text}': lower end must be below the upper end");
        if (!int.TryParse(parts[2].Trim(), out int n) || n < 2 || n > MaxPoints)
            throw new FitSetupException($"scan parameter '{text}': number of points '{parts[2].Trim()}' must be an integer from 2 to {MaxPoints}");
        var scale = AxisScale.Linear;
        if (parts.Length == 4)
        {
            scale = parts[3].Trim() switch
            {
                "log" => AxisScale.Log,
                "lin" or "linear" => AxisScale.Linear,
                var s => throw new FitSetupException($"scan parameter '{text}': scale '{s}' must be log or linear"),
            };
            if (scale == AxisScale.Log && !(lo > 0))
                throw new FitSetupException($"scan parameter '{text}': a log axis needs a lower end > 0");
        }
        return new ScanAxis(name, lo, hi, n, scale);
    }

    /// <summary>
    /// The fit specification of a scan: the scanned parameters become free (they are fixed point by point; free in
    /// the global fit), with a fit range covering both their default (or --range) fit range and the scan range, so
    /// Delta chi^2 refers to the minimum over that whole range. Checks 1 or 2 distinct physics or signal parameters
    /// within their allowed ranges and not fixed by --set.
    /// </summary>
    public static FitSpecification Extend(FitSpecification spec, IReadOnlyList<ScanAxis> axes)
    {
        if (axes.Count is < 1 or > 2)
            throw new FitSetupException($"a scan needs one or two scanned parameters, got {axes.Count}");
        if (axes.Count == 2 && axes[0].Name == axes[1].Name)
            throw new FitSetupException($"parameter '{axes[0].Name}' is scanned twice");
        var free = spec.Free.ToList();
        var ranges = spec.Ranges.ToList();
        foreach (var a in axes)
        {
            if (!FitRanges.IsKnown(a.Name))
                throw FitRanges.UnknownParameter(a.Name);
            if (spec.Fixed.Any(f => f.Name == a.Name))
                throw new FitSetupException($"parameter '{a.Name}' is both scanned and fixed (--set); choose one");
            var e = FitRanges.For(a.Name);
            if (a.Lower < e.AllowedLower || a.Upper > e.AllowedUpper)
                throw new FitSetupException($"scan range [{FitText.F(a.Lower)}, {FitText.F(a.Upper)}] of '{a.Name}' is outside its allowed range {e.AllowedRangeText}");
            // Parameters tied to a scanned one must stay inside their allowed ranges over the grid; the default fit
            // range around it is narrowed to do so (as FitSpecification.RangeOf narrows it in a fit).
            var (tlo, thi) = spec.Ties.Count == 0 ? (double.NegativeInfinity, double.PositiveInfinity) : spec.ResolvedTies.AllowedRootRange(a.Name);
            if (a.Lower < tlo || a.Upper > thi)
                throw new FitSetupException($"scan range [{FitText.F(a.Lower)}, {FitText.F(a.Upper)}] of '{a.Name}' takes a parameter tied to it outside its allowed range "
                    + $"({string.Join(", ", spec.Ties.Where(t => t.Source == a.Name))}); '{a.Name}' must stay within [{FitText.F(tlo)}, {FitText.F(thi)}]");
            var existing = ranges.FirstOrDefault(r => r.Name == a.Name);
            double lo = existing?.Lower ?? Math.Max(e.FitLower, tlo), hi = existing?.Upper ?? Math.Min(e.FitUpper, thi);
            if (existing is not null) ranges.Remove(existing);
            ranges.Add(new RangeOverride(a.Name, Math.Min(lo, a.Lower), Math.Max(hi, a.Upper)));
            if (!free.Contains(a.Name)) free.Add(a.Name);
        }
        return spec with { Free = free, Ranges = ranges };
    }
}
