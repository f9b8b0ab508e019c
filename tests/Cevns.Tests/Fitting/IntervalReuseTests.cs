using Cevns.Fitting;
using Cevns.Statistics;

namespace Cevns.Tests.Fitting;

/// <summary>
/// When profiling finds a lower minimum, the intervals are recomputed against it: the points already profiled are kept
/// (a chi^2 value does not depend on the reference of Delta chi^2) and only the neighbourhood of the new best fit is
/// profiled again. The recomputed intervals must equal those of a profile started afresh from the new minimum, for fewer
/// objective evaluations (a count, not a time).
/// </summary>
public class IntervalReuseTests
{
    /// <summary>
    /// chi2(s, y) = min(((s - 0.25)/0.05)^2 + 1.5, ((s - 0.1)/0.05)^2) + (y - s)^2: the double well of LowerMinimumTests with
    /// a nuisance y profiled at y = s. 1 sigma: 0.1 +- 0.05 (the deep well only); 90 %: 0.1 +- 0.05 sqrt(2.71) and
    /// 0.25 +- 0.05 sqrt(2.71 - 1.5) (hand calculation).
    /// </summary>
    private static double Chi2(double[] v) =>
        Math.Min(Math.Pow((v[0] - 0.25) / 0.05, 2) + 1.5, Math.Pow((v[0] - 0.1) / 0.05, 2)) + Math.Pow(v[1] - v[0], 2);

    [Fact]
    public void ALowerMinimumKeepsTheProfiledPointsAndGivesTheSameIntervals()
    {
        int calls = 0;
        var problem = new FitProblem([new FitParameter("sin2_theta_w", 0.25, 0.0, 1.0, 0.01), new FitParameter("y", 0.25, step: 0.1)],
            v => { calls++; return Chi2(v); });
        var shallow = Minimiser.Minimise(problem, new MinimiserOptions());
        Assert.Equal(0.25, shallow["sin2_theta_w"], 1e-4);

        var first = IntervalProfiler.Compute(problem, shallow, "sin2_theta_w", double.NaN, new IntervalOptions());
        var deep = Assert.IsType<FitResult>(first.LoweredGlobal);
        Assert.Equal(0.1, deep["sin2_theta_w"], 1e-4);

        calls = 0;
        var fresh = IntervalProfiler.Compute(problem, deep, "sin2_theta_w", double.NaN, new IntervalOptions());
        int freshCalls = calls;
        calls = 0;
        var reused = IntervalProfiler.Compute(problem, deep, "sin2_theta_w", double.NaN, new IntervalOptions(), previous: first);
        int reusedCalls = calls;
        Assert.True(reusedCalls < freshCalls / 2, $"{reusedCalls} evaluations with the earlier points, {freshCalls} afresh");

        foreach (var iv in new[] { fresh.Intervals, reused.Intervals })
        {
            var one = Assert.Single(iv["1sigma"].Segments);
            Assert.Equal(0.05, one.Lower.Value!.Value, 1e-4);
            Assert.Equal(0.15, one.Upper.Value!.Value, 1e-4);
            var cl90 = iv["90%"].Segments;
            Assert.Equal(2, cl90.Count);
            Assert.Equal(0.1 - 0.05 * Math.Sqrt(2.71), cl90[0].Lower.Value!.Value, 1e-4);
            Assert.Equal(0.1 + 0.05 * Math.Sqrt(2.71), cl90[0].Upper.Value!.Value, 1e-4);
            Assert.Equal(0.25 - 0.05 * Math.Sqrt(1.21), cl90[1].Lower.Value!.Value, 1e-4);
            Assert.Equal(0.25 + 0.05 * Math.Sqrt(1.21), cl90[1].Upper.Value!.Value, 1e-4);
        }
    }
}
