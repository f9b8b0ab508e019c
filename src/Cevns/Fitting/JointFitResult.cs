using Cevns.Statistics;

namespace Cevns.Fitting;

/// <summary>
/// Outcome of <see cref="JointFit.Run"/>: the global fit with its status, chi^2 per dataset and prior, the degrees of
/// freedom, and the profiled intervals of the free physics and signal parameters. A fit that did not converge has
/// <see cref="Chi2Min"/> null and no intervals: its numbers are kept in <see cref="Global"/> for diagnosis only.
/// </summary>
public sealed class JointFitResult
{
    internal JointFitResult(JointFit fit, FitResult global, IReadOnlyDictionary<string, ParameterIntervals> intervals, IReadOnlyList<string> notes,
        IReadOnlyList<FitResult>? otherMinima = null)
    {
        Fit = fit;
        Global = global;
        OtherMinima = otherMinima ?? [];
        Intervals = intervals;
        Notes = notes;
        var breakdown = fit.Breakdown(global.X);
        Chi2ByDataset = breakdown.Where(b => !b.Label.StartsWith("prior ", StringComparison.Ordinal)).ToDictionary(b => b.Label, b => b.Chi2);
        Chi2ByPrior = breakdown.Where(b => b.Label.StartsWith("prior ", StringComparison.Ordinal)).ToDictionary(b => b.Label["prior ".Length..], b => b.Chi2);
    }

    public JointFit Fit { get; }

    /// <summary>The global minimisation (best of its starts), on the fit's main problem.</summary>
    public FitResult Global { get; }

    public bool Converged => Global.Converged;

    /// <summary>
    /// Other local minima of chi^2 (distinct from the best fit: separated by a barrier) within
    /// <see cref="FitOptions.OtherMinimaDeltaChi2"/> of chi2_min, lowest first: minima the data hardly distinguish from the
    /// best fit (e.g. the two solutions of a total rate quadratic in a coupling). Empty when the minimum is unique.
    /// </summary>
    public IReadOnlyList<FitResult> OtherMinima { get; }

    public FitStatus Status => Global.Status;

    /// <summary>Minimum chi^2, or null when the fit did not converge.</summary>
    public double? Chi2Min => Converged ? Global.Chi2 : null;

    public int DegreesOfFreedom => Fit.DegreesOfFreedom;

    /// <summary>Best-fit values of the free physics and signal parameters.</summary>
    public IReadOnlyDictionary<string, double> BestFit => Fit.FreeParameters.ToDictionary(n => n, n => Global[n]);

    /// <summary>Best-fit (profiled) values of the nuisances.</summary>
    public IReadOnlyDictionary<string, double> Nuisances => Fit.Nuisances.ToDictionary(n => n, n => Global[n]);

    /// <summary>chi^2 of each dataset at the best fit (its nuisance pulls included).</summary>
    public IReadOnlyDictionary<string, double> Chi2ByDataset { get; }

    /// <summary>chi^2 of each external prior at the best fit.</summary>
    public IReadOnlyDictionary<string, double> Chi2ByPrior { get; }

    /// <summary>Profiled intervals by parameter (empty if the fit did not converge or intervals were not asked for).</summary>
    public IReadOnlyDictionary<string, ParameterIntervals> Intervals { get; }

    public IReadOnlyList<string> Notes { get; }
}

/// <summary>Global fit, then the profiled intervals of every free physics and signal parameter, in parallel over parameters.</summary>
internal static class JointFitRunner
{
    /// <summary>How often the intervals are computed at most: the first time, and again after each lower minimum found by profiling.</summary>
    internal const int MaxRounds = 3;

    public static JointFitResult Run(JointFit fit, FitOptions o) => Run(fit, o, MaxRounds);

    /// <param name="maxRounds">How often the intervals are computed at most (<see cref="MaxRounds"/>; other values for tests).
    /// When the last of them still finds a lower minimum, that minimum becomes the best fit but the intervals are not
    /// recomputed: they and their notes say so (their Delta chi^2 refer to the previous minimum).</param>
    internal static JointFitResult Run(JointFit fit, FitOptions o, int maxRounds)
    {
        var (global, minima) = GlobalFit(fit, o);
        var notes = new List<string>();
        if (!global.Converged || !o.ComputeIntervals || fit.FreeParameters.Count == 0)
            return new JointFitResult(fit, global, new Dictionary<string, ParameterIntervals>(), notes, OthersWithin(fit, global, minima, o));

        var pool = new WorkerPool(fit, o.Threads);
        double margin = 10 * o.Intervals.Profile.Minimiser.Tolerance;
        double maxLevel = o.Intervals.Levels.Max(l => l.DeltaChi2);
        IntervalProfiler.Outcome[] outcomes = [];
        var stale = new Dictionary<string, string>();   // a note per parameter when its intervals refer to an earlier minimum
        for (int round = 0; round < maxRounds; round++)
        {
            var g = global;
            var errors = fit.FreeParameters.Select(n => ErrorOf(g, n)).ToArray();
            // Every other minimum low enough to matter at the largest level is a centre of the interval scans.
            var centres = minima.Where(m => !SameMinimum(fit, m, g) && m.Chi2 - g.Chi2 <= maxLevel).ToArray();
            // After a lower minimum, each parameter keeps the points it profiled: only the reference of Delta chi^2 and the
            // neighbourhood of the new best fit change (IntervalProfiler.Compute, previous).
            var before = outcomes;
            outcomes = pool.Run(fit.FreeParameters.Count, (problem, i) =>
                IntervalProfiler.Compute(problem, g, fit.FreeParameters[i], errors[i], o.Intervals, centres.Select(c => c.X).ToArray(),
                    before.Length > 0 ? before[i] : null));
            var lowered = outcomes.Select(r => r.LoweredGlobal).Where(f => f is not null).Select(f => f!)
                .Where(f => f.Converged && f.Chi2 < g.Chi2 - margin).ToArray();
            if (lowered.Length == 0) break;
            var lowest = lowered.MinBy(f => f.Chi2)!;
            var refit = Minimiser.Minimise(fit.Problem, o.Minimiser with
            {
                IncludeInitialStart = false,
                StartPoints = [lowest.X, g.X],
                RandomStarts = 0,
                ComputeCovariance = true,
            });
            if (!refit.Converged || !(refit.Chi2 < g.Chi2 - margin)) break;
            minima = [refit, .. minima];
            global = refit;
            if (round == maxRounds - 1)
            {
                // No round left: the lower minimum is the best fit, the intervals stay those of the previous one.
                // A parameter whose profile found it already refers its Delta chi^2 to it (or nearly), but was not profiled
                // again around it; the others still refer to the previous minimum (their regions too wide).
                notes.Add($"profiling found a lower minimum (chi2 {IntervalEnd.F(g.Chi2)} -> {IntervalEnd.F(refit.Chi2)}) in the last of {maxRounds} rounds; it is the best fit, but the intervals were not recomputed from it");
                foreach (var r in outcomes)
                {
                    double reference = r.Intervals.Profile.MinimumChi2;
                    stale[r.Intervals.Parameter] = $"intervals not recomputed after the lower minimum found in the last round: their Delta chi2 refer to chi2 = {IntervalEnd.F(reference)} ({IntervalEnd.F(reference - refit.Chi2)} above chi2_min) around the best fit {IntervalEnd.F(r.Intervals.BestFit)} (now {IntervalEnd.F(refit[r.Intervals.Parameter])})";
                }
                break;
            }
            notes.Add($"profiling found a lower minimum (chi2 {IntervalEnd.F(g.Chi2)} -> {IntervalEnd.F(refit.Chi2)}); the best fit and intervals were recomputed from it");
        }
        var intervals = outcomes.ToDictionary(r => r.Intervals.Parameter,
            r => stale.TryGetValue(r.Intervals.Parameter, out var note) ? r.Intervals with { Notes = [.. r.Intervals.Notes, note] } : r.Intervals);
        return new JointFitResult(fit, global, intervals, notes, OthersWithin(fit, global, minima, o));
    }

    /// <summary>The global fit (with covariance) and the distinct local minima found on the way, lowest first.</summary>
    private static (FitResult Global, IReadOnlyList<FitResult> Minima) GlobalFit(JointFit fit, FitOptions o)
    {
        if (o.GlobalSearch is not { } search || fit.FreeParameters.Count == 0)
        {
            var g = fit.Minimise(o.Minimiser);
            return (g, [g]);
        }
        var found = GlobalMinimumSearch.Find(fit.Problem, fit.FreeParameters.Select(fit.Problem.IndexOf).ToArray(),
            o.Minimiser with { ComputeCovariance = true }, search);
        return (found.Best, found.Minima);
    }

    private static IReadOnlyList<FitResult> OthersWithin(JointFit fit, FitResult global, IReadOnlyList<FitResult> minima, FitOptions o) =>
        global.Converged
            ? minima.Where(m => m.Converged && !SameMinimum(fit, m, global) && m.Chi2 - global.Chi2 <= o.OtherMinimaDeltaChi2).OrderBy(m => m.Chi2).ToArray()
            : [];

    /// <summary>Whether two minima coincide in every free physics and signal parameter (within 1e-3 of its fit range).</summary>
    private static bool SameMinimum(JointFit fit, FitResult a, FitResult b) => fit.FreeParameters.All(n =>
    {
        var p = fit.Problem[n];
        return Math.Abs(a[n] - b[n]) <= 1e-3 * (p.Upper - p.Lower);
    });

    /// <summary>Parabolic error from the covariance; NaN where there is none (on a bound, flat direction, no covariance).</summary>
    private static double ErrorOf(FitResult fit, string name)
    {
        if (fit.Covariance is null) return double.NaN;
        double e = fit.Error(name);
        return double.IsFinite(e) && e > 0 ? e : double.NaN;
    }
}
