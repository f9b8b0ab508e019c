using Cevns.Benchmarking;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Statistics;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Performance;

/// <summary>
/// The fast paths of the joint fit of all datasets against the plain ones, and their independence of the thread count
/// (issue 6: identical to 1e-6 with 1 and 2 threads): gradients and block-by-block minimisation give the same profiled
/// chi^2 as the minimiser's own finite differences on the whole problem; a profiled scan and Feldman-Cousins toys give
/// the same numbers on 1 and 2 threads.
/// </summary>
public class JointFitSpeedPathTests
{
    private static readonly Lazy<BenchmarkWorkload> Joint = new(() => BenchmarkWorkload.Load(BenchmarkWorkload.JointDatasets, SourcesDataRoot.Path));

    [Fact]
    public void ProfiledChi2IsTheSameWithEveryCombinationOfSpeedUps()
    {
        var w = Joint.Value;
        var plainFit = JointFit.Create(w.Likelihoods.Select(l => l.WithObserved(l.Observed)).ToArray(),
            new FitSpecification { Free = [BenchmarkWorkload.Parameter1D] }, gradients: false);
        double sin2 = 0.25;
        var fast = w.ProfiledChi2(sin2);
        var noStructure = w.ProfiledChi2(sin2, new MinimiserOptions { UseStructure = false });
        var plain = Minimiser.Minimise(plainFit.Problem.WithFixed(BenchmarkWorkload.Parameter1D, sin2), new MinimiserOptions { UseStructure = false });
        Assert.True(fast.Converged && noStructure.Converged && plain.Converged, $"{fast.Status} {noStructure.Status} {plain.Status}");
        // Minimiser tolerance 1e-6 in EDM: chi^2 agree to a few 1e-6.
        Assert.Equal(plain.Chi2, fast.Chi2, 1e-5);
        Assert.Equal(plain.Chi2, noStructure.Chi2, 1e-5);
        Assert.True(fast.FunctionCalls < plain.FunctionCalls, $"fast path used {fast.FunctionCalls} calls, plain {plain.FunctionCalls}");
    }

    [Fact]
    public void GlobalFitIsTheSameWithAndWithoutBlocks()
    {
        var w = Joint.Value;
        var options = new MinimiserOptions();
        var separable = Minimiser.Minimise(w.Fit1D.Problem, options);
        var plain = Minimiser.Minimise(w.Fit1D.Problem, options with { UseStructure = false });
        Assert.True(separable.Converged && plain.Converged, $"{separable.Status}: {separable.Message}; {plain.Status}");
        Assert.Equal(plain.Chi2, separable.Chi2, 1e-5);
        Assert.Equal(plain[BenchmarkWorkload.Parameter1D], separable[BenchmarkWorkload.Parameter1D], 1e-4);
    }

    [Fact]
    public void ScanAndToysAreIdenticalOnOneAndTwoThreads()
    {
        var w = Joint.Value;
        var global = Minimiser.Minimise(w.Fit1D.Problem, new MinimiserOptions());
        var one = w.Scan1D(6, 1, global);
        var two = w.Scan1D(6, 2, global);
        Assert.Equal(0, one.NonConverged);
        Assert.True(BenchmarkSuite.MaxRelative(one.Points.Select(p => p.Fit.Chi2), two.Points.Select(p => p.Fit.Chi2)) <= 1e-6);

        var truth = w.ProfiledChi2(Constants.Sin2ThetaWLowEnergy).X;
        var toysOne = w.Toys(8, 1, 99, truth);
        var toysTwo = w.Toys(8, 2, 99, truth);
        // Toys whose minimum sits on the kink of a piecewise-linear Ar shape template converge too (KinkMinimum).
        Assert.Equal(0, toysOne.NonConvergedToys[0]);
        Assert.Equal(toysOne.NonConvergedToys, toysTwo.NonConvergedToys);
        Assert.True(BenchmarkSuite.MaxRelative(toysOne.ToyDeltaChi2(0), toysTwo.ToyDeltaChi2(0)) <= 1e-6);
        // Another seed gives other toys (the seed is used).
        var other = w.Toys(8, 2, 100, truth);
        Assert.NotEqual(toysOne.ToyDeltaChi2(0), other.ToyDeltaChi2(0));
    }
}
