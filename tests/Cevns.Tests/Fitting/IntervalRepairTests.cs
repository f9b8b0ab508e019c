using Cevns.Fitting;
using Cevns.Statistics;

namespace Cevns.Tests.Fitting;

/// <summary>
/// The repair pass of <see cref="IntervalProfiler"/> re-minimises spikes (points above both neighbours) from their
/// neighbours' solutions, except converged spikes that lie, with both neighbours, above the largest level times the
/// search margin: no level is crossed there, so refitting them cannot move an interval.
/// </summary>
public class IntervalRepairTests
{
    /// <summary>chi2(x, y) = (x / 0.1)^2 + (y - x)^2: the profile in x is (x / 0.1)^2 with y = x (hand calculation).</summary>
    private static double Chi2(double[] v) => Math.Pow(v[0] / 0.1, 2) + Math.Pow(v[1] - v[0], 2);

    [Fact]
    public void SpikesAboveEveryLevelAreNotRefittedSpikesNearALevelAre()
    {
        int calls = 0;
        var problem = new FitProblem([new FitParameter("x", 0.0, -1, 1, 0.1), new FitParameter("y", 0.0, step: 0.1)],
            v => { calls++; return Chi2(v); });
        var profile = new ProfileLikelihood(problem);
        Assert.Equal(0.0, profile.GlobalFit.Chi2, 1e-8);
        var grid = new[] { -1.0, -0.75, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0 };
        var fits = grid.Select(x => profile.ProfileAt("x", x)).ToArray();
        Assert.All(fits, f => Assert.True(f.Converged));

        // Wrong-branch spikes: y off by sqrt(50) at x = 0.75 (Delta chi2 106.25 between 25 and 100: everything above
        // 9 x 1.1) and by sqrt(30) at x = 0.25 (36.25 between 0 and 25: next to a point below the levels).
        FitResult Spike(int i, double dy) =>
            new(fits[i].Problem, [grid[i], grid[i] + dy], Chi2([grid[i], grid[i] + dy]), FitStatus.Converged, "wrong branch", 0, 0, 0.0, [], 0, null);
        fits[7] = Spike(7, Math.Sqrt(50));
        fits[5] = Spike(5, Math.Sqrt(30));
        Assert.Equal(106.25, fits[7].Chi2, 1e-9);

        calls = 0;
        int refits = IntervalProfiler.Repair(profile, "x", grid, fits, irrelevantAbove: 9.0 * 1.1);
        Assert.Equal(1, refits);
        Assert.True(calls > 0);
        Assert.Equal(6.25, fits[5].Chi2, 1e-4);     // repaired: (0.25 / 0.1)^2
        Assert.Equal(106.25, fits[7].Chi2, 1e-9);   // left alone: no level between 25, 106.25 and 100

        // Without the rule (threshold above every point) both spikes are refitted, and so are the ends x = -1 and 1
        // (Delta chi2 100 above their only neighbour, 56.25 at -0.75 and, once repaired, at 0.75).
        fits[7] = Spike(7, Math.Sqrt(50));
        fits[5] = Spike(5, Math.Sqrt(30));
        Assert.Equal(4, IntervalProfiler.Repair(profile, "x", grid, fits, irrelevantAbove: double.PositiveInfinity));
        Assert.Equal(56.25, fits[7].Chi2, 1e-4);
    }

    /// <summary>
    /// The fine grid around a centre stops beyond the first point above every level (times the margin) once the rest of
    /// the side is no wider than the coarse spacing; the points before it, and so every crossing, are those of the full scan.
    /// </summary>
    [Fact]
    public void FineGridStopsBeyondTheFirstPointAboveEveryLevel()
    {
        int calls = 0;
        var problem = new FitProblem([new FitParameter("x", 0.0, -1, 1, 0.1), new FitParameter("y", 0.0, step: 0.1)],
            v => { calls++; return Chi2(v); });
        var profile = new ProfileLikelihood(problem);
        _ = profile.GlobalFit;
        var grid = IntervalProfiler.Grid(-1.0, 0.0, 1.0, 10);   // -1, -0.9, ..., 1

        calls = 0;
        var full = IntervalProfiler.FineScan(profile, "x", grid, 0.0, stopAbove: 9.9, maxGap: 0.0);
        int fullCalls = calls;
        Assert.Equal(21, full.Count);

        // Delta chi2 = (x / 0.1)^2 passes 9.9 between 0.3 (9) and 0.4 (16): each side stops at |x| = 0.4.
        calls = 0;
        var stopped = IntervalProfiler.FineScan(profile, "x", grid, 0.0, stopAbove: 9.9, maxGap: 1.0);
        Assert.Equal(9, stopped.Count);
        Assert.Equal(-0.4, stopped[0].X, 1e-12);
        Assert.Equal(0.4, stopped[^1].X, 1e-12);
        Assert.True(calls < fullCalls, $"{calls} evaluations with the stop, {fullCalls} without");
        foreach (var (x, fit) in stopped)
            Assert.Equal(full.Single(t => Math.Abs(t.X - x) < 1e-12).Fit.Chi2, fit.Chi2, 1e-6);

        // A side wider than the coarse spacing beyond the first high point is profiled to its end.
        Assert.Equal(21, IntervalProfiler.FineScan(profile, "x", grid, 0.0, stopAbove: 9.9, maxGap: 0.05).Count);
    }
}
