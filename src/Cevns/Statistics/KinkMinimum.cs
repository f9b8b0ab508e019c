namespace Cevns.Statistics;

/// <summary>
/// Verification of a minimum that sits on a kink of the objective along some coordinates, e.g. a nuisance of a
/// piecewise-linear template interpolation at its kink theta = 0 (docs/physics.md sec. 9; <c>TemplateVariation</c>). There the
/// gradient jumps, so neither the quasi-Newton EDM nor a numerical Hessian can certify the point, and a fit of many parameters
/// ends with "no descent" or "EDM stays above tolerance" although it is at the minimum.
/// The test used instead is the first-order condition of a piecewise-smooth function whose pieces meet on coordinate
/// hyperplanes (F. H. Clarke, Optimization and Nonsmooth Analysis, 1983, Sec. 2.3; for such functions the directional derivative
/// is the sum of one-sided partial derivatives): (1) the kinked coordinates K are those along which chi^2 rises on both sides
/// (right slope &gt; 0 &gt; left slope); (2) with K fixed there, the remaining parameters are minimised by the ordinary minimiser with
/// its full convergence test (EDM verified with a numerical Hessian): a smooth problem; (3) at that minimum every coordinate of
/// K must still have right slope &gt;= 0 &gt;= left slope, so no direction lowers chi^2 to first order. Only then is the point declared
/// a converged minimum; otherwise the fit stays non-converged.
/// </summary>
internal static class KinkMinimum
{
    /// <summary>One-sided difference step, relative to max(|x|, parameter step): far below any smooth curvature scale.</summary>
    private const double RelativeStep = 1e-6;

    internal sealed record Result(FitResult Fit, string Note);

    /// <summary>The verified minimum on a kink near <paramref name="x"/>, or null if the point is not one.</summary>
    public static Result? Verify(FitProblem problem, IReadOnlyList<double> x, double chi2, MinimiserOptions options)
    {
        var kinked = KinkedCoordinates(problem, x, chi2);
        if (kinked.Count == 0) return null;
        var fixedProblem = problem.WithObjective(problem.Objective, problem.Gradient)
            .WithFixed(kinked.Select(i => new KeyValuePair<string, double>(problem.Parameters[i].Name, x[i])))
            .WithInitialValues(x);
        var fit = Minimiser.Minimise(fixedProblem, options with
        {
            IncludeInitialStart = true, StartPoints = [], RandomStarts = 0, ComputeCovariance = false, UseStructure = false,
        });
        if (!Minimiser.IsConverged(fit.Status) || !(fit.Chi2 <= chi2 + options.Tolerance)) return null;
        var still = KinkedCoordinates(problem, fit.X, fit.Chi2);
        if (!kinked.All(still.Contains)) return null;
        var names = string.Join(", ", kinked.Select(i => problem.Parameters[i].Name));
        var result = new FitResult(problem, fit.X.ToArray(), fit.Chi2, FitStatus.Converged, fit.Message, fit.Iterations, fit.FunctionCalls, fit.Edm,
            fit.Starts, fit.BestStart, null);
        return new Result(result, $"minimum on a kink of {names}: chi^2 rises on both sides of it, the other parameters converged with it fixed");
    }

    private static (double Right, double Left) OneSidedSlopes(FitProblem problem, double[] w, int i, double chi2, double h)
    {
        double xi = w[i];
        w[i] = xi + h;
        double up = problem.Objective(w);
        w[i] = xi - h;
        double down = problem.Objective(w);
        w[i] = xi;
        return ((up - chi2) / h, (chi2 - down) / h);
    }

    /// <summary>Free coordinates along which chi^2 rises on both sides of <paramref name="x"/> with different slopes.</summary>
    internal static List<int> KinkedCoordinates(FitProblem problem, IReadOnlyList<double> x, double chi2)
    {
        var list = new List<int>();
        var w = x.ToArray();
        for (int i = 0; i < problem.Count; i++)
        {
            var p = problem.Parameters[i];
            if (p.IsFixed) continue;
            double h = RelativeStep * Math.Max(Math.Abs(x[i]), p.Step);
            if (!p.Contains(x[i] + h) || !p.Contains(x[i] - h)) continue;
            var (right, left) = OneSidedSlopes(problem, w, i, chi2, h);
            // Rising on both sides by more than rounding of chi^2 ...
            double noise = 1e3 * 2.2e-16 * (1 + Math.Abs(chi2)) / h;
            if (!(right > noise && left < -noise)) continue;
            // ... with a jump of the slope: smooth curvature c gives right - left = c h, growing with the step, while a kink gives
            // a jump that does not shrink with it. Twice the step: a kink if the difference grows by less than half.
            if (!p.Contains(x[i] + 2 * h) || !p.Contains(x[i] - 2 * h)) continue;
            var (right2, left2) = OneSidedSlopes(problem, w, i, chi2, 2 * h);
            if (right2 - left2 < 1.5 * (right - left)) list.Add(i);
        }
        return list;
    }
}
