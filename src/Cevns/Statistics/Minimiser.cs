namespace Cevns.Statistics;

/// <summary>
/// Bounded chi^2 minimiser: BFGS in transformed variables (<see cref="QuasiNewtonRun"/>) from several
/// deterministic starts (the problem's initial values, explicit start points, seeded random points),
/// keeping the lowest converged solution. Stateless and thread-safe as long as each problem's objective
/// is only used from one thread at a time.
/// </summary>
public static class Minimiser
{
    public static FitResult Minimise(FitProblem problem, MinimiserOptions? options = null)
    {
        var o = options ?? new MinimiserOptions();
        o.Validate();
        if (o.UseStructure && SeparableMinimiser.Applies(problem))
            return SeparableMinimiser.Minimise(problem, o);
        var run = new QuasiNewtonRun(problem, o);
        var starts = StartPoints(problem, o);
        var outcomes = new List<(double[] Start, QuasiNewtonRun.Outcome Outcome)>(starts.Count);
        foreach (var start in starts)
        {
            outcomes.Add((start, run.Run(start)));
            if (run.FreeCount == 0) break;
        }

        int best = -1;
        for (int i = 0; i < outcomes.Count; i++)
        {
            var c = outcomes[i].Outcome;
            if (best < 0) { best = i; continue; }
            var b = outcomes[best].Outcome;
            bool cConv = IsConverged(c.Status), bConv = IsConverged(b.Status);
            // Converged beats non-converged; among equals the lower chi^2 wins (ties: earlier start).
            if ((cConv && !bConv) || (cConv == bConv && c.Chi2 < b.Chi2)) best = i;
        }
        var win = outcomes[best].Outcome;
        string? note = null;
        if (!IsConverged(win.Status) && problem.Gradient is not null && IsFinite(win.Chi2))
        {
            // A minimum on a kink of the objective (e.g. an expectation clamped at zero) cannot be verified with exact
            // gradients, whose slope jumps there; central differences average the two slopes and verify it.
            var plain = new QuasiNewtonRun(problem.WithObjective(problem.Objective), o);
            var retry = plain.Run(win.X);
            if (IsConverged(retry.Status) && retry.Chi2 <= win.Chi2 + o.Tolerance)
            {
                outcomes.Add((win.X, retry));
                best = outcomes.Count - 1;
                win = retry with { Calls = retry.Calls + win.Calls };
                note = "verified with finite differences (the exact gradient jumps at this minimum: a kink of the objective)";
            }
        }

        bool onKink = false;
        if (!IsConverged(win.Status) && IsFinite(win.Chi2) && KinkMinimum.Verify(problem, win.X, win.Chi2, o) is { } kink)
        {
            var k = kink.Fit;
            var verified = new QuasiNewtonRun.Outcome(k.X.ToArray(), k.Chi2, k.Status, k.Message, k.Iterations, k.FunctionCalls + win.Calls, k.Edm,
                win.U, null);
            outcomes.Add((win.X, verified));
            best = outcomes.Count - 1;
            win = verified;
            note = kink.Note;
            onKink = true;
        }

        double[,]? covariance = null;
        if (o.ComputeCovariance && run.FreeCount > 0)
        {
            if (onKink) covariance = run.CovarianceAt(win.X, win.Chi2);
            else
            {
                var analysed = win with { Hessian = run.AnalyseAt(win) };
                if (analysed.Hessian is not null) covariance = run.ExternalCovariance(analysed);
            }
        }

        var summaries = outcomes.Select(t => new StartOutcome(t.Start, t.Outcome.X, t.Outcome.Chi2, t.Outcome.Status,
            t.Outcome.Iterations, t.Outcome.Calls)).ToArray();
        string message = note is null ? win.Message : $"{win.Message}; {note}";
        int nConverged = summaries.Count(s => s.Converged);
        if (summaries.Length > 1)
            message += $"; best of {summaries.Length} starts ({nConverged} converged)";
        return new FitResult(problem, win.X, win.Chi2, win.Status, message, win.Iterations, win.Calls, win.Edm,
            summaries, best, covariance);
    }

    internal static bool IsConverged(FitStatus s) => s is FitStatus.Converged or FitStatus.NothingToFit;

    private static bool IsFinite(double x) => double.IsFinite(x);

    /// <summary>The starting points in order: initial values, explicit starts, then seeded random ones.</summary>
    internal static List<double[]> StartPoints(FitProblem problem, MinimiserOptions o)
    {
        var list = new List<double[]>();
        var initial = problem.InitialValues();
        if (o.IncludeInitialStart) list.Add(initial);
        foreach (var sp in o.StartPoints)
        {
            if (sp.Count != problem.Count)
                throw new ArgumentException($"start point has {sp.Count} values, the problem has {problem.Count} parameters");
            var x = (double[])initial.Clone();
            for (int i = 0; i < x.Length; i++)
            {
                var p = problem.Parameters[i];
                if (!p.IsFixed && double.IsFinite(sp[i])) x[i] = p.Clamp(sp[i]);
            }
            list.Add(x);
        }
        if (o.RandomStarts > 0)
        {
            var rng = new Random(o.Seed);
            for (int r = 0; r < o.RandomStarts; r++)
            {
                var x = (double[])initial.Clone();
                for (int i = 0; i < x.Length; i++)
                {
                    var p = problem.Parameters[i];
                    double u = rng.NextDouble();
                    if (p.IsFixed) continue;
                    double lo = p.HasLowerBound ? p.Lower : p.Initial - o.RandomSpreadSteps * p.Step;
                    double hi = p.HasUpperBound ? p.Upper : p.Initial + o.RandomSpreadSteps * p.Step;
                    x[i] = p.Clamp(lo + (hi - lo) * u);
                }
                list.Add(x);
            }
        }
        return list;
    }
}
