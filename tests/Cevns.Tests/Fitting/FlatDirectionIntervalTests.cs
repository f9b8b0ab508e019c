using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Statistics;

namespace Cevns.Tests.Fitting;

/// <summary>
/// A two-parameter fit shaped like a light mediator (coupling g, mass M): the data see only the combination
/// e = 4 g^2 m0^2 / (m0^2 + M^2) (m0 = 30, a momentum-transfer scale), through a total rate R = (1 - e)^2 observed as
/// 0.81 +- 0.1. chi2 = ((R - 0.81) / 0.1)^2 vanishes on the valleys e = 0.1 and e = 1.9 (a flat direction: a larger
/// coupling with a heavier mass), is 3.61 at e = 0 (g = 0, the Standard Model) and symmetric in g. Hand calculation of the
/// profiles (fit ranges g in [-1, 1], M in [1e-3, 1e4]):
/// <list type="bullet">
/// <item>coupling: at fixed g, e ranges over [~0, 4 c0 g^2] with c0 = m0^2 / (m0^2 + 1e-6) (M at its lower end), so
/// Delta chi2 = 0 for 4 c0 g^2 &gt;= 0.1, else Delta chi2 = (((1 - 4 c0 g^2)^2 - 0.81) / 0.1)^2. Below a level L &lt; 3.61 the region is
/// [-1, -g_L] U [g_L, 1] with 4 c0 g_L^2 = 1 - sqrt(0.81 + 0.1 sqrt(L)); for L &gt;= 3.61 (2 and 3 sigma) the whole range.</item>
/// <item>mass: at fixed M, e ranges over [0, 4 c(M)], c(M) = m0^2 / (m0^2 + M^2): Delta chi2 = 0 while 4 c(M) &gt;= 0.1, then
/// rising towards 3.61 as M grows: the region is [1e-3, M_L] with 4 c(M_L) = 1 - sqrt(0.81 + 0.1 sqrt(L)) for L &lt; 3.61,
/// the whole range above.</item>
/// </list>
/// At every level the 1 sigma region must lie inside the 90 % one, and that inside the 2 and 3 sigma ones.
/// </summary>
public class FlatDirectionIntervalTests
{
    private const double M0 = 30.0, Observed = 0.81, Sigma = 0.1, Lower = 1e-3, Upper = 1e4;

    private static double E(double g, double m) => 4 * g * g * M0 * M0 / (M0 * M0 + m * m);

    private sealed class MediatorRateDataset(DatasetDefinition definition) : IDataset, ILikelihoodProvider
    {
        public DatasetDefinition Definition => definition;
        public DatasetPrediction Predict(PhysicsParameters parameters) => throw new NotSupportedException("not used");
        public IDatasetLikelihood Likelihood() => new Rate(this);

        private sealed class Rate(MediatorRateDataset d) : IDatasetLikelihood
        {
            public IDataset Dataset => d;
            public SourceKind Source => SourceKind.Reactor;
            public IReadOnlyList<Nuisance> Nuisances => [];
            public int DataPoints => 1;
            public bool RateOnly => true;
            IReadOnlyList<double> IDatasetLikelihood.Observed => [Observed];

            private static double R(PhysicsParameters p) => Math.Pow(1 - E(p["vector_mediator.coupling"], p["vector_mediator.mass"]), 2);

            public double Chi2(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances) =>
                Math.Pow((R(physics) - Observed) / Sigma, 2);

            public double[] Expected(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances) => [R(physics)];
            public IDatasetLikelihood WithObserved(IReadOnlyList<double> observed) => this;
        }
    }

    /// <summary>e at the edge of a level L below 3.61 (Delta chi2 at e = 0).</summary>
    private static double EdgeE(double level) => 1 - Math.Sqrt(Observed + Sigma * Math.Sqrt(level));

    private static JointFitResult Fit()
    {
        var dataset = new MediatorRateDataset(SyntheticDefinitions.Make("mediator-rate", "Ge"));
        var fit = JointFit.Create([DatasetLikelihoods.For(dataset)], new FitSpecification
        {
            Free = ["vector_mediator.coupling", "vector_mediator.mass"],
            Ranges = [new("vector_mediator.coupling", -1.0, 1.0), new("vector_mediator.mass", Lower, Upper)],
        });
        return fit.Run();
    }

    [Fact]
    public void IntervalsOfAFlatDirectionAreTheHandCalculatedOnesAndNested()
    {
        var r = Fit();
        Assert.True(r.Converged);
        Assert.Equal(0.0, r.Chi2Min!.Value, 1e-6);
        double c0 = M0 * M0 / (M0 * M0 + Lower * Lower);

        var g = r.Intervals["vector_mediator.coupling"];
        var m = r.Intervals["vector_mediator.mass"];
        Assert.Equal(["1sigma", "90%", "2sigma", "3sigma"], g.Levels.Select(l => l.Level.Label));
        foreach (var level in g.Levels)
        {
            double L = level.Level.DeltaChi2;
            if (L < 3.61)
            {
                double gL = Math.Sqrt(EdgeE(L) / (4 * c0));
                Assert.True(level.Segments.Count == 2, $"{level.Level.Label}: {level}");
                Assert.Equal(-1.0, level.Segments[0].Lower.ScanBound, 1e-9);
                Assert.Equal(-gL, level.Segments[0].Upper.Value!.Value, 1e-4);
                Assert.Equal(gL, level.Segments[1].Lower.Value!.Value, 1e-4);
                Assert.Equal(1.0, level.Segments[1].Upper.ScanBound, 1e-9);
            }
            else
            {
                var s = Assert.Single(level.Segments);
                Assert.Equal(-1.0, s.Lower.ScanBound, 1e-9);
                Assert.Equal(1.0, s.Upper.ScanBound, 1e-9);
            }
        }

        foreach (var level in m.Levels)
        {
            double L = level.Level.DeltaChi2;
            var s = Assert.Single(level.Segments);
            Assert.Equal(Lower, s.Lower.ScanBound, 1e-12);
            if (L < 3.61)
            {
                double c = EdgeE(L) / 4;
                Assert.Equal(M0 * Math.Sqrt(1 / c - 1), s.Upper.Value!.Value, 1e-3 * M0 * Math.Sqrt(1 / c - 1));
            }
            else
                Assert.Equal(Upper, s.Upper.ScanBound, 1e-6);
        }

        // Nested regions: every point of a lower level's region lies in every higher level's.
        foreach (var iv in new[] { g, m })
            for (int k = 1; k < iv.Levels.Count; k++)
                foreach (var x in iv.Profile.Grid.Where(x => iv.Levels[k - 1].Raw.Contains(x)))
                    Assert.True(iv.Levels[k].Raw.Contains(x), $"{iv.Parameter} = {x} is inside {iv.Levels[k - 1].Level.Label} but outside {iv.Levels[k].Level.Label}");
    }
}
