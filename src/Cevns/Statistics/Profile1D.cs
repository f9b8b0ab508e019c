using System.Globalization;

namespace Cevns.Statistics;

/// <summary>
/// A 1D profile: chi^2 minimised over all other parameters at each grid value of <see cref="Parameter"/>.
/// Delta chi^2 refers to the lowest chi^2 known (global fit or any profile point). Intervals are found
/// on the grid and their edges refined by root-finding on directly profiled evaluations.
/// </summary>
public sealed class Profile1D
{
    private readonly FitResult[] _fits;
    private readonly double[] _grid;
    private readonly List<(double X, FitResult Fit)> _refined = [];

    internal Profile1D(ProfileLikelihood source, string parameter, double[] grid, FitResult[] fits)
    {
        Source = source;
        Parameter = parameter;
        _grid = grid;
        _fits = fits;
    }

    public ProfileLikelihood Source { get; }

    public string Parameter { get; }

    public IReadOnlyList<double> Grid => _grid;

    /// <summary>The profiled fit at each grid point (with its convergence status).</summary>
    public IReadOnlyList<FitResult> Fits => _fits;

    /// <summary>Profiled chi^2 at each grid point.</summary>
    public double[] Chi2 => _fits.Select(f => f.Chi2).ToArray();

    /// <summary>The global fit (kept up to date by <see cref="Source"/>).</summary>
    public FitResult GlobalFit => Source.GlobalFit;

    /// <summary>Lowest chi^2 known among converged fits: the global fit or a (refined) profile point, whichever is lower.</summary>
    public double MinimumChi2 =>
        Math.Min(GlobalFit.Converged ? GlobalFit.Chi2 : double.PositiveInfinity, _fits.Concat(_refined.Select(r => r.Fit)).Where(f => f.Converged).Select(f => f.Chi2).DefaultIfEmpty(double.PositiveInfinity).Min());

    public double BestFitValue => GlobalFit[Parameter];

    /// <summary>chi^2 - <see cref="MinimumChi2"/> at each grid point.</summary>
    public double[] DeltaChi2
    {
        get
        {
            double min = MinimumChi2;
            return _fits.Select(f => f.Chi2 - min).ToArray();
        }
    }

    public bool AllConverged => GlobalFit.Converged && _fits.All(f => f.Converged);

    /// <summary>Grid values whose profiled fit did not converge.</summary>
    public IReadOnlyList<double> NonConvergedPoints => _grid.Where((_, i) => !_fits[i].Converged).ToArray();

    /// <summary>Profiled evaluations made while refining interval edges (value, fit).</summary>
    public IReadOnlyList<(double X, FitResult Fit)> RefinedPoints => _refined;

    /// <summary>
    /// The region where Delta chi^2 &lt;= <paramref name="deltaChi2"/> (e.g. <see cref="DeltaChi2Levels.Cl90OneDof"/>):
    /// segments between threshold crossings, located by root-finding on the profiled chi^2 (bracketed by the grid)
    /// when <paramref name="refine"/> is true, otherwise by linear interpolation of the grid.
    /// </summary>
    public ConfidenceInterval Interval(double deltaChi2, bool refine = true)
    {
        if (!(deltaChi2 > 0))
            throw new ArgumentOutOfRangeException(nameof(deltaChi2), $"Delta chi^2 level {deltaChi2} must be > 0");
        var parameter = Source.Problem[Parameter];
        string levelText = $"Delta chi2 = {deltaChi2.ToString("G4", CultureInfo.InvariantCulture)}";
        var notes = new List<string>();
        var refineFits = new List<FitResult>();
        List<IntervalSegment> segments = [];
        for (int attempt = 0; attempt < 4; attempt++)
        {
            notes.Clear();
            double min = MinimumChi2;
            var (xs, fits) = PointsWithBestFit();
            // A fit that did not converge gives no number: NaN, which IntervalFinder treats as unknown.
            var excess = fits.Select(f => f.Converged ? f.Chi2 - min - deltaChi2 : double.NaN).ToArray();
            Func<int, double> crossing = refine
                ? i => RefinedCrossing(xs, fits, excess, i, min, deltaChi2, refineFits)
                : i => IntervalFinder.Linear(xs, excess, i);
            segments = IntervalFinder.Segments(xs, excess, parameter, crossing, levelText, notes);
            if (MinimumChi2 == min) break;
            // A refinement point lowered the minimum: Delta chi^2 changed everywhere, redo.
        }

        if (segments.Count == 0)
            notes.Add($"{levelText} is exceeded at every scanned point: empty on this grid (a narrow minimum may fall between points)");
        if (BestFitValue < _grid[0] || BestFitValue > _grid[^1])
            notes.Add($"the best fit {BestFitValue.ToString("G6", CultureInfo.InvariantCulture)} lies outside the scan");
        bool converged = AllConverged && refineFits.All(f => f.Converged);
        if (!GlobalFit.Converged)
            notes.Add($"global fit did not converge ({GlobalFit.Status})");
        var bad = NonConvergedPoints;
        if (bad.Count > 0)
            notes.Add($"{bad.Count} profile point(s) did not converge: {string.Join(", ", bad.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)))}");
        int badRefine = refineFits.Count(f => !f.Converged);
        if (badRefine > 0)
            notes.Add($"{badRefine} refinement fit(s) did not converge");
        return new ConfidenceInterval(Parameter, levelText, BestFitValue, segments, notes, converged);
    }

    /// <summary>Confidence regions at several levels (default: 1, 2.71, 4, 9).</summary>
    public IReadOnlyList<ConfidenceInterval> Intervals(IEnumerable<double>? levels = null, bool refine = true) =>
        (levels ?? DeltaChi2Levels.Standard1D).Select(l => Interval(l, refine)).ToArray();

    /// <summary>Grid points plus the global best fit (when it lies inside the scan), sorted.</summary>
    private (double[] Xs, FitResult[] Fits) PointsWithBestFit()
    {
        var points = _grid.Select((x, i) => (X: x, Fit: _fits[i])).ToList();
        double b = BestFitValue;
        if (b > _grid[0] && b < _grid[^1] && !_grid.Any(g => Math.Abs(g - b) <= 1e-12 * Math.Max(1, Math.Abs(b))))
            points.Add((b, GlobalFit));
        foreach (var r in _refined)
            if (r.Fit.Converged) points.Add(r);
        points.Sort((p, q) => p.X.CompareTo(q.X));
        return (points.Select(p => p.X).ToArray(), points.Select(p => p.Fit).ToArray());
    }

    private double RefinedCrossing(double[] xs, FitResult[] fits, double[] excess, int i, double min, double level, List<FitResult> refineFits)
    {
        double a = xs[i], b = xs[i + 1];
        var startA = fits[i].X;
        var startB = fits[i + 1].X;
        double F(double x)
        {
            var fit = Source.ProfileFrom(Parameter, x, startA, startB);
            refineFits.Add(fit);
            _refined.Add((x, fit));
            return fit.Converged ? fit.Chi2 - min - level : double.NaN;
        }
        double tolerance = Math.Min(Source.Options.RootTolerance, Source.Options.RootChi2Tolerance);
        return IntervalFinder.BrentRoot(F, a, excess[i], b, excess[i + 1], tolerance, Source.Options.MaxRootEvaluations);
    }
}
