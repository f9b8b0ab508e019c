using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Statistics;

namespace Cevns.Tests.Fitting;

/// <summary>
/// The fit runner computes the intervals, and again from every lower minimum that profiling finds, a limited number of
/// times. A lower minimum found in the last allowed round becomes the best fit, but the intervals then refer to the
/// previous one: the result must say so rather than claim they were recomputed.
/// </summary>
public class LowerMinimumRoundTests
{
    /// <summary>
    /// chi2(g, M) = min((g/0.05)^2 + 1.5, ((g - 0.25)/0.05)^2) + ((M - 1000)/100)^2: a shallow well in the coupling at 0
    /// (chi2 1.5), where a fit from the default start (g = 0, M = 1000) stays, and the deep one at 0.25 (chi2 0), which the
    /// coarse profile of g finds. Hand calculation from the deep well: 1 sigma 0.25 +- 0.05; 90 % 0 +- 0.05 sqrt(1.21)
    /// and 0.25 +- 0.05 sqrt(2.71). From the shallow well (1.5 higher) the 1 sigma region is 0 +- 0.05 and
    /// 0.25 +- 0.05 sqrt(2.5).
    /// </summary>
    private sealed class DoubleWellDataset(DatasetDefinition definition) : IDataset, ILikelihoodProvider
    {
        public DatasetDefinition Definition => definition;
        public DatasetPrediction Predict(PhysicsParameters parameters) => throw new NotSupportedException("not used");
        public IDatasetLikelihood Likelihood() => new Wells(this);

        private sealed class Wells(DoubleWellDataset d) : IDatasetLikelihood
        {
            public IDataset Dataset => d;
            public SourceKind Source => SourceKind.Reactor;
            public IReadOnlyList<Nuisance> Nuisances => [];
            public int DataPoints => 1;
            public bool RateOnly => true;
            IReadOnlyList<double> IDatasetLikelihood.Observed => [0.0];

            public double Chi2(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances)
            {
                double g = physics["vector_mediator.coupling"], m = physics["vector_mediator.mass"];
                return Math.Min(Math.Pow(g / 0.05, 2) + 1.5, Math.Pow((g - 0.25) / 0.05, 2)) + Math.Pow((m - 1000) / 100, 2);
            }

            public double[] Expected(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances) => [0.0];
            public IDatasetLikelihood WithObserved(IReadOnlyList<double> observed) => this;
        }
    }

    private static JointFit Fit() => JointFit.Create([DatasetLikelihoods.For(new DoubleWellDataset(SyntheticDefinitions.Make("double-well", "Ge")))],
        new FitSpecification
        {
            Free = ["vector_mediator.coupling", "vector_mediator.mass"],
            Ranges = [new("vector_mediator.coupling", -0.2, 0.5), new("vector_mediator.mass", 10.0, 1e4)],
        });

    // A plain fit from the default start (no global search), which ends in the shallow well.
    private static readonly FitOptions Options = new() { GlobalSearch = null };

    [Fact]
    public void IntervalsAreRecomputedFromALowerMinimumWhileRoundsAreLeft()
    {
        var r = JointFitRunner.Run(Fit(), Options);
        Assert.Equal(0.0, r.Chi2Min!.Value, 1e-6);
        Assert.Equal(0.25, r.BestFit["vector_mediator.coupling"], 1e-4);
        Assert.Contains(r.Notes, n => n.Contains("the best fit and intervals were recomputed", StringComparison.Ordinal));
        var g = r.Intervals["vector_mediator.coupling"];
        Assert.Equal(0.25, g.BestFit, 1e-4);
        var one = Assert.Single(g["1sigma"].Segments);
        Assert.Equal(0.2, one.Lower.Value!.Value, 1e-4);
        Assert.Equal(0.3, one.Upper.Value!.Value, 1e-4);
        var cl90 = g["90%"].Segments;
        Assert.Equal(2, cl90.Count);
        Assert.Equal(-0.05 * Math.Sqrt(1.21), cl90[0].Lower.Value!.Value, 1e-4);
        Assert.Equal(0.25 + 0.05 * Math.Sqrt(2.71), cl90[1].Upper.Value!.Value, 1e-4);
        Assert.DoesNotContain(g.Notes, n => n.Contains("not recomputed", StringComparison.Ordinal));
    }

    [Fact]
    public void ALowerMinimumInTheLastRoundIsReportedAsNotRecomputed()
    {
        var r = JointFitRunner.Run(Fit(), Options, maxRounds: 1);
        // The best fit is the lower minimum ...
        Assert.Equal(0.0, r.Chi2Min!.Value, 1e-6);
        Assert.Equal(0.25, r.BestFit["vector_mediator.coupling"], 1e-4);
        // ... but the intervals were not profiled again around it, and both the result and each parameter say so. The
        // profile of the mass never left the shallow well: its Delta chi2 still refer to chi2 = 1.5.
        Assert.DoesNotContain(r.Notes, n => n.Contains("intervals were recomputed", StringComparison.Ordinal));
        Assert.Contains(r.Notes, n => n.Contains("intervals were not recomputed", StringComparison.Ordinal));
        var m = r.Intervals["vector_mediator.mass"];
        Assert.Equal(1.5, m.Profile.MinimumChi2, 1e-4);
        Assert.Contains(m.Notes, n => n.Contains("refer to chi2 = 1.5 (1.5 above chi2_min)", StringComparison.Ordinal));
        foreach (var iv in r.Intervals.Values)
            Assert.Contains(iv.Notes, n => n.Contains("not recomputed", StringComparison.Ordinal));
    }
}
