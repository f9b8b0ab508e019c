using Cevns.Statistics;

namespace Cevns.Fitting;

/// <summary>
/// What <see cref="ProfiledFit.Run"/> finds: the global fit (with covariance), the other minima within
/// <see cref="FitOptions.OtherMinimaDeltaChi2"/> of it, and the profiled intervals of every free parameter (empty when the
/// global fit did not converge or intervals were not asked for).
/// </summary>
public sealed record ProfiledFitResult(
    FitResult Global,
    IReadOnlyList<FitResult> OtherMinima,
    IReadOnlyDictionary<string, ParameterIntervals> Intervals,
    IReadOnlyList<string> Notes);

/// <summary>
/// The fit engine of 'fit', 'scan' and 'run': the global fit (<see cref="GlobalMinimumSearch"/> over the fit ranges of
/// the free parameters, so the best fit does not depend on the start), then the profiled intervals of every free physics
/// and signal parameter (<see cref="IntervalProfiler"/>), in parallel over parameters. If profiling finds a lower minimum
/// the global fit is redone from it and the intervals recomputed (at most <see cref="MaxRounds"/> times).
/// </summary>
public static class ProfiledFit
{
    /// <summary>How often the intervals are computed at most: the first time, and again after each lower minimum found by profiling.</summary>
    internal const int MaxRounds = 3;

    public static ProfiledFitResult Run(IFitProblemSource fit, FitOptions o) => Run(fit, o, MaxRounds);

    /// <param name="maxRounds">How often the intervals are computed at most (<see cref="MaxRounds"/>; other values for tests).
    /// When the last of them still finds a lower minimum, that minimum becomes the best fit but the intervals are not
    /// recomputed: they and their notes say so (their Delta chi^2 refer to the previous minimum).</param>
    internal static ProfiledFitResult Run(IFitProblemSource fit, FitOptions o, int maxRounds)
    {
        var (global, minima) = GlobalFit(fit, o);
        return Profile(fit, global, minima, o, [], maxRounds);
    }

    /// <summary>
    /// The global fit redone from a point lower than <paramref name="previous"/> (found by a scan), then the intervals
    /// from it as in <see cref="Run"/>; if the refit is not lower, the previous result stands.
    /// </summary>
    public static ProfiledFitResult RunFrom(IFitProblemSource fit, FitOptions o, ProfiledFitResult previous, FitResult lower)
    {
        double margin = 10 * o.Intervals.Profile.Minimiser.Tolerance;
        var refit = Refit(fit, o, lower, previous.Global);
        if (!refit.Converged || !(refit.Chi2 < previous.Global.Chi2 - margin)) return previous;
        var notes = new List<string>
        {
            $"a scan found a lower minimum (chi2 {IntervalEnd.F(previous.Global.Chi2)} -> {IntervalEnd.F(refit.Chi2)}); the best fit and intervals were recomputed from it",
        };
        return Profile(fit, refit, [refit, previous.Global, .. previous.OtherMinima], o, notes, MaxRounds);
    }

    private static ProfiledFitResult Profile(IFitProblemSource fit, FitResult global, IReadOnlyList<FitResult> minima, FitOptions o, List<string> notes,
        int maxRounds)
    {
        if (!global.Converged || !o.ComputeIntervals || fit.FreeParameters.Count == 0)
            return new ProfiledFitResult(global, OthersWithin(fit, global, minima, o), new Dictionary<string, ParameterIntervals>(), notes);

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
            var refit = Refit(fit, o, lowered.MinBy(f => f.Chi2)!, g);
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
        return new ProfiledFitResult(global, OthersWithin(fit, global, minima, o), intervals, notes);
    }

    /// <summary>The global fit (with covariance) from a lower point and the previous best fit.</summary>
    private static FitResult Refit(IFitProblemSource fit, FitOptions o, FitResult lower, FitResult previous) =>
        Minimiser.Minimise(fit.Problem, o.Minimiser with
        {
            IncludeInitialStart = false,
            StartPoints = [lower.X, previous.X],
            RandomStarts = 0,
            ComputeCovariance = true,
        });

    /// <summary>The global fit (with covariance) and the distinct local minima found on the way, lowest first.</summary>
    private static (FitResult Global, IReadOnlyList<FitResult> Minima) GlobalFit(IFitProblemSource fit, FitOptions o)
    {
        if (o.GlobalSearch is not { } search || fit.FreeParameters.Count == 0)
        {
            var g = Minimiser.Minimise(fit.Problem, o.Minimiser with { ComputeCovariance = true });
            return (g, [g]);
        }
        var found = GlobalMinimumSearch.Find(fit.Problem, fit.FreeParameters.Select(fit.Problem.IndexOf).ToArray(),
            o.Minimiser with { ComputeCovariance = true }, search);
        return (found.Best, found.Minima);
    }

    private static IReadOnlyList<FitResult> OthersWithin(IFitProblemSource fit, FitResult global, IReadOnlyList<FitResult> minima, FitOptions o) =>
        global.Converged
            ? minima.Where(m => m.Converged && !SameMinimum(fit, m, global) && m.Chi2 - global.Chi2 <= o.OtherMinimaDeltaChi2).OrderBy(m => m.Chi2).ToArray()
            : [];

    /// <summary>Whether two minima coincide in every free physics and signal parameter (within 1e-3 of its fit range).</summary>
    private static bool SameMinimum(IFitProblemSource fit, FitResult a, FitResult b) => fit.FreeParameters.All(n =>
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
