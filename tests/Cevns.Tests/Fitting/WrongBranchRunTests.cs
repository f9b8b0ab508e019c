using Cevns.Fitting;
using Cevns.Statistics;

namespace Cevns.Tests.Fitting;

/// <summary>
/// Several consecutive profile points on a wrong branch of the other parameters' solution (as a light mediator's mass
/// running to its upper bound, where the coupling no longer matters and chi^2 sits on the Standard-Model plateau) form a
/// run higher than a point on each side; none of them is a spike (its neighbours on the branch are as high), so they
/// are re-minimised as a run, from the solutions on either side.
/// </summary>
public class WrongBranchRunTests
{
    /// <summary>
    /// chi2(s, y) = min(((s - 0.3)/0.25)^2 + (y/0.05)^2, 1.4 + ((y - 1)/0.05)^2): a valley along y = 0 with the profile
    /// ((s - 0.3)/0.25)^2 and a flat one along y = 1 at 1.4. The profile is min(((s - 0.3)/0.25)^2, 1.4) (hand calculation):
    /// minimum 0 at s = 0.3, Delta chi2 = 1 at s = 0.05 and 0.55, one segment.
    /// </summary>
    private static double Chi2(double[] v) =>
        Math.Min(Math.Pow((v[0] - 0.3) / 0.25, 2) + Math.Pow(v[1] / 0.05, 2), 1.4 + Math.Pow((v[1] - 1) / 0.05, 2));

    [Fact]
    public void ARunOfPointsOnTheFlatBranchIsReminimisedFromItsNeighbours()
    {
        var problem = new FitProblem([new FitParameter("s", 0.3, 0.0, 1.0, 0.05), new FitParameter("y", 0.0, -2.0, 2.0, 0.05)], Chi2);
        var profile = new ProfileLikelihood(problem);
        Assert.Equal(0.0, profile.GlobalFit.Chi2, 1e-6);
        var grid = Enumerable.Range(0, 13).Select(k => 0.05 * k).ToArray();   // 0, 0.05, ..., 0.6
        // Points 0.35, 0.4 and 0.45 profiled from the flat valley only: they stay on it (Delta chi2 1.4 instead of 0.04,
        // 0.16 and 0.36), which splits the 1 sigma region in two.
        var fits = grid.Select(s => profile.ProfileFrom("s", s, s > 0.33 && s < 0.47 ? [s, 1.0] : [s, 0.0])).ToArray();
        Assert.All(fits, f => Assert.True(f.Converged));
        Assert.Equal(1.4, fits[8].Chi2, 1e-4);
        Assert.Equal(0.64, fits[10].Chi2, 1e-4);
        Assert.Equal(2, new Profile1D(profile, "s", grid, fits.ToArray()).Interval(1.0, refine: false).Segments.Count);

        IntervalProfiler.Repair(profile, "s", grid, fits, irrelevantAbove: 9.0 * 1.1, noise: IntervalProfiler.CoarseTolerance);

        // Every point now on the valley along y = 0 (also the ends 0 and 0.6, at 1.44 just above the flat branch: profiled
        // from y = 0 and above every level, they are no concern here).
        for (int i = 0; i < grid.Length; i++)
            Assert.Equal(Math.Pow((grid[i] - 0.3) / 0.25, 2), fits[i].Chi2, 1e-4);
        var ci = new Profile1D(profile, "s", grid, fits).Interval(1.0);
        var segment = Assert.Single(ci.Segments);
        Assert.Equal(0.05, segment.Lower.Value!.Value, 1e-3);
        Assert.Equal(0.55, segment.Upper.Value!.Value, 1e-3);
    }

    /// <summary>
    /// Two branches whose valley moves with s, reached only through two strongly correlated parameters (as a mediator's
    /// mass, whose best value grows with the coupling, moved together with the detector nuisances):
    /// chi2 = ((y1 - y2)/eps)^2 + min(((s - 0.3)/0.25)^2 + ((y1 + y2 - 2 s)/w)^2, 1.4 + ((y1 + y2 - 3)/w)^2), eps = 1e-4,
    /// w = 0.1. The profile is min(((s - 0.3)/0.25)^2, 1.4) as above (hand calculation), 1 sigma [0.05, 0.55]. From a
    /// neighbour's solution (y1 + y2 = 2 s' for s' = s -+ 0.05) the quasi-Newton EDM estimate with the diagonal metric,
    /// (y1 + y2 - 2 s)^2 2 eps^2 / w^4 = 2e-6 to 8e-6, is far below the loose tolerance 1e-3 at the start: a loose fit stops
    /// there, ~1 above the profile (and the next point of a sweep from there ~4 above), so a run swept with loose fits
    /// keeps a false gap; the repair's fits, verified with the numerical Hessian, follow the valley.
    /// </summary>
    [Fact]
    public void ARunIsReminimisedWithVerifiedFitsWhereLooseFitsStopOnTheSlope()
    {
        const double eps = 1e-4, w = 0.1;
        static double Sq(double v) => v * v;
        double Chi2Of(double[] v) => Sq((v[1] - v[2]) / eps)
            + Math.Min(Sq((v[0] - 0.3) / 0.25) + Sq((v[1] + v[2] - 2 * v[0]) / w), 1.4 + Sq((v[1] + v[2] - 3) / w));
        var problem = new FitProblem([
            new FitParameter("s", 0.3, 0.0, 1.0, 0.05), new FitParameter("y1", 0.3, -5.0, 5.0, 0.01), new FitParameter("y2", 0.3, -5.0, 5.0, 0.01)], Chi2Of);
        var profile = new ProfileLikelihood(problem);
        Assert.Equal(0.0, profile.GlobalFit.Chi2, 1e-6);
        // The grids' settings, as IntervalProfiler.Compute uses them.
        profile.PointMinimiser = IntervalProfiler.Loose(profile.Options.Minimiser);
        var grid = Enumerable.Range(0, 13).Select(k => 0.05 * k).ToArray();   // 0, 0.05, ..., 0.6
        // Points 0.35, 0.4 and 0.45 from the flat branch (at its minimum: 1.4), the others from their own valley point.
        var fits = grid.Select(s => profile.ProfileFrom("s", s, s > 0.33 && s < 0.47 ? [s, 1.5, 1.5] : [s, s, s])).ToArray();
        Assert.All(fits, f => Assert.True(f.Converged));
        Assert.Equal(1.4, fits[8].Chi2, 1e-4);
        Assert.Equal(0.64, fits[10].Chi2, 1e-4);
        // The loose settings alone stop at the neighbour's solution (the mechanism described above).
        var stuck = profile.ProfileFrom("s", 0.35, fits[6].X);
        Assert.True(stuck.Chi2 > 0.04 + 0.9, $"loose fit from the neighbour: chi2 {stuck.Chi2}");

        IntervalProfiler.Repair(profile, "s", grid, fits, irrelevantAbove: 9.0 * 1.1, noise: IntervalProfiler.CoarseTolerance);

        for (int i = 1; i < grid.Length - 1; i++)
            Assert.Equal(Sq((grid[i] - 0.3) / 0.25), fits[i].Chi2, 1e-4);
        var segment = Assert.Single(new Profile1D(profile, "s", grid, fits).Interval(1.0, refine: false).Segments);
        Assert.Equal(0.05, segment.Lower.Value!.Value, 1e-3);
        Assert.Equal(0.55, segment.Upper.Value!.Value, 1e-3);
        // Repair leaves the caller's settings as they were.
        Assert.False(profile.PointMinimiser.VerifyWithHessian);
        Assert.Equal(IntervalProfiler.CoarseTolerance, profile.PointMinimiser.Tolerance);
    }
}
