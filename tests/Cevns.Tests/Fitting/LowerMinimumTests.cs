using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Statistics;

namespace Cevns.Tests.Fitting;

/// <summary>
/// A chi^2 with two minima in sin2_theta_w: min(((s - 0.25)/0.05)^2 + 1.5, ((s - 0.1)/0.05)^2). The branches cross at
/// s = 0.1875 (chi^2 = 3.0625). A global fit started at the default 0.2387 without random starts stops in the shallow
/// minimum at 0.25; the interval search walks over the low barrier into the deeper one at 0.1, and the fit must then
/// be redone from it (shown with the global search switched off; with it, the deep minimum is found first). The intervals
/// follow by hand from the two parabolas.
/// </summary>
public class LowerMinimumTests
{
    [Fact]
    public void ProfilingThatFindsALowerMinimumRedoesTheFit()
    {
        var dataset = new DoubleWellDataset(SyntheticDefinitions.Make("double-well", "Ge"));
        var fit = JointFit.Create([DatasetLikelihoods.For(dataset)], new FitSpecification { Free = ["sin2_theta_w"] });
        var local = fit.Minimise(new MinimiserOptions());
        Assert.Equal(0.25, local["sin2_theta_w"], 1e-4);

        var r = fit.Run(new FitOptions { Minimiser = new MinimiserOptions(), GlobalSearch = null });
        Assert.True(r.Converged);
        Assert.Equal(0.1, r.BestFit["sin2_theta_w"], 1e-4);
        Assert.Equal(0.0, r.Chi2Min!.Value, 1e-8);
        Assert.Contains(r.Notes, n => n.StartsWith("profiling found a lower minimum", StringComparison.Ordinal));
        var iv = r.Intervals["sin2_theta_w"];
        Assert.Equal(0.1, iv.BestFit, 1e-4);
        // Delta chi2 = 1: the deep well only, 0.1 +- 0.05.
        var one = iv["1sigma"];
        Assert.Single(one.Segments);
        Assert.Equal(0.05, one.Lower.Value!.Value, 1e-4);
        Assert.Equal(0.15, one.Upper.Value!.Value, 1e-4);
        // 2.71: both wells, separated by the barrier 3.0625: 0.1 +- 0.05 sqrt(2.71) and 0.25 +- 0.05 sqrt(2.71 - 1.5).
        var cl90 = iv["90%"];
        Assert.Equal(2, cl90.Segments.Count);
        Assert.Equal(0.1 - 0.05 * Math.Sqrt(2.71), cl90.Segments[0].Lower.Value!.Value, 1e-4);
        Assert.Equal(0.1 + 0.05 * Math.Sqrt(2.71), cl90.Segments[0].Upper.Value!.Value, 1e-4);
        Assert.Equal(0.25 - 0.05 * Math.Sqrt(1.21), cl90.Segments[1].Lower.Value!.Value, 1e-4);
        Assert.Equal(0.25 + 0.05 * Math.Sqrt(1.21), cl90.Segments[1].Upper.Value!.Value, 1e-4);
        // 4: one segment from the physical bound 0 (chi2 = 4 exactly there) to 0.25 + 0.05 sqrt(2.5).
        var two = iv["2sigma"];
        Assert.Single(two.Segments);
        Assert.Equal(0.0, two.Lower.Value!.Value, 1e-4);
        Assert.Equal(0.25 + 0.05 * Math.Sqrt(2.5), two.Upper.Value!.Value, 1e-4);
    }

    [Fact]
    public void GlobalSearchFindsTheDeepMinimumBeforeProfiling()
    {
        var dataset = new DoubleWellDataset(SyntheticDefinitions.Make("double-well", "Ge"));
        var fit = JointFit.Create([DatasetLikelihoods.For(dataset)], new FitSpecification { Free = ["sin2_theta_w"] });
        var r = fit.Run(new FitOptions { Minimiser = new MinimiserOptions() });
        Assert.Equal(0.1, r.BestFit["sin2_theta_w"], 1e-4);
        Assert.DoesNotContain(r.Notes, n => n.StartsWith("profiling found a lower minimum", StringComparison.Ordinal));
        Assert.Empty(r.OtherMinima);   // the shallow minimum is 1.5 above: not within Delta chi2 = 1
        Assert.Equal(2, r.Intervals["sin2_theta_w"]["90%"].Segments.Count);
    }

    private sealed class DoubleWellDataset(DatasetDefinition definition) : IDataset, ILikelihoodProvider
    {
        public DatasetDefinition Definition => definition;
        public DatasetPrediction Predict(PhysicsParameters parameters) => throw new NotSupportedException("not used");
        public IDatasetLikelihood Likelihood() => new Well(this);

        private sealed class Well(DoubleWellDataset d) : IDatasetLikelihood
        {
            public IDataset Dataset => d;
            public SourceKind Source => SourceKind.Spallation;
            public IReadOnlyList<Nuisance> Nuisances => [];
            public int DataPoints => 2;
            public bool RateOnly => false;
            public IReadOnlyList<double> Observed => [0, 0];

            public double Chi2(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances)
            {
                double s = physics.Sin2ThetaW;
                return Math.Min(Math.Pow((s - 0.25) / 0.05, 2) + 1.5, Math.Pow((s - 0.1) / 0.05, 2));
            }

            public double[] Expected(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances) => [0, 0];
            public IDatasetLikelihood WithObserved(IReadOnlyList<double> observed) => this;
        }
    }
}
