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
    private const int MaxRounds = 3;

    public static ProfiledFitResult Run(IFitProblemSource fit, FitOptions o)
    {
        var (global, minima) = GlobalFit(fit, o);
        return Profile(fit, global, minima, o, []);
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
        return Profile(fit, refit, [refit, previous.Global, .. previous.OtherMinima], o, notes);
    }

    private static ProfiledFitResult Profile(IFitProblemSource fit, FitResult global, IReadOnlyList<FitResult> minima, FitOptions o, List<string> notes)
    {
        if (!global.Converged || !o.ComputeIntervals || fit.FreeParameters.Count == 0)
            return new ProfiledFitResult(global, OthersWithin(fit, global, minima, o), new Dictionary<string, ParameterIntervals>(), notes);

        var pool = new WorkerPool(fit, o.Threads);
        double margin = 10 * o.Intervals.Profile.Minimiser.Tolerance;
        double maxLevel = o.Intervals.Levels.Max(l => l.DeltaChi2);
        IntervalProfiler.Outcome[] outcomes = [];
        for (int round = 0; round < MaxRounds; round++)
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
            notes.Add($"profiling found a lower minimum (chi2 {IntervalEnd.F(g.Chi2)} -> {IntervalEnd.F(refit.Chi2)}); the best fit and intervals were recomputed from it");
            minima = [refit, .. minima];
            global = refit;
        }
        var intervals = outcomes.ToDictionary(r => r.Intervals.Parameter, r => r.Intervals);
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
