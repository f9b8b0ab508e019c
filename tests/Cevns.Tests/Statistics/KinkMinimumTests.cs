using Cevns.Benchmarking;
using Cevns.Physics;
using Cevns.Statistics;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Statistics;

/// <summary>
/// Minima on the kink of a piecewise-linear template interpolation (theta = 0): the minimiser certifies them with one-sided
/// slopes and a converged fit of the other parameters, and refuses points that are not minima.
/// </summary>
public class KinkMinimumTests
{
    // chi^2 = (x - 1)^2 + 0.3 |y| - 0.1 y + (y - c)^2: along y the slopes at 0 are 0.2 (right) and -0.4 (left) for c = 0, so
    // (1, 0) is the minimum; for c = 0.5 the minimum is at y = c - 0.1 = 0.4 (right slope at 0 is 2(0 - c) + 0.2 < 0).
    private static FitProblem Problem(double c) =>
        new([new FitParameter("x", 1.0, step: 0.5), new FitParameter("y", 0.0, step: 0.5)],
            p => Math.Pow(p[0] - 1, 2) + 0.3 * Math.Abs(p[1]) - 0.1 * p[1] + Math.Pow(p[1] - c, 2));

    [Fact]
    public void AMinimumOnAKinkIsCertified()
    {
        var problem = Problem(0.0);
        var r = KinkMinimum.Verify(problem, [1.0, 0.0], 0.0, new MinimiserOptions());
        Assert.NotNull(r);
        Assert.True(r.Fit.Converged);
        Assert.Contains("kink of y", r.Note);
        Assert.Equal(1.0, r.Fit["x"], 1e-4);
        Assert.Equal(0.0, r.Fit["y"], 15);
    }

    [Fact]
    public void AKinkThatIsNotTheMinimumIsRefused()
    {
        // At y = 0 chi^2 falls towards positive y: not a kink minimum.
        Assert.Null(KinkMinimum.Verify(Problem(0.5), [1.0, 0.0], 0.25, new MinimiserOptions()));
        // A smooth minimum is not taken for a kink (its one-sided slopes scale with the step).
        var smooth = new FitProblem([new FitParameter("x", 1.0, step: 0.5)], p => 1e4 * Math.Pow(p[0] - 1, 2));
        Assert.Empty(KinkMinimum.KinkedCoordinates(smooth, [1.0], 0.0));
    }

    /// <summary>
    /// The joint fit's SNS block (CsI 2021, Ar 2020, Ge-Mini and flux_norm.sns, ~19 parameters): the first 20 toys of the
    /// benchmark seed, 5 of which had a fit ending on a kink of the Ar templates (cevns_f90, brn_energy, brn_timing_mean at
    /// theta = 0) reported as not converged (no descent / numerical-Hessian EDM above tolerance). All converge now.
    /// </summary>
    [Fact]
    public void SeededJointToysWithArTemplateKinksAllConverge()
    {
        var w = BenchmarkWorkload.Load(BenchmarkWorkload.JointDatasets, SourcesDataRoot.Path);
        var truth = w.ProfiledChi2(Constants.Sin2ThetaWLowEnergy).X;
        var belt = w.Toys(20, 2, new BenchmarkSettings().Seed, truth);
        Assert.Equal(0, belt.NonConvergedToys[0]);
        Assert.Equal(20, belt.ToyDeltaChi2(0).Count);
    }
}
