using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Statistics;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Fitting;

/// <summary>
/// Fits whose chi^2 has two minima of equal depth, as a total rate quadratic in a coupling has: the best fit must not
/// depend on the start, the other minimum is reported, and every level's region is the union of the segments around both.
/// </summary>
public class MultipleMinimaTests
{
    /// <summary>
    /// A measured total rate with an interference term, as a millicharge q (in 1e-12 e) shifts the weak charge:
    /// R(q) = (1 + (q - c)/k)^2, observed 1.21 +- 0.1, k = 1e4. chi2 = ((R - 1.21)/0.1)^2 is zero where
    /// 1 + (q - c)/k = +-1.1: q = c + 1000 and q = c - 21000; between them R vanishes at q = c - k (chi2 = 146).
    /// Delta chi2 &lt;= L where |R - 1.21| &lt;= 0.1 sqrt(L): the edges q = c + k (+-sqrt(1.21 -+ 0.1 sqrt(L)) - 1).
    /// </summary>
    private sealed class QuadraticRateDataset(DatasetDefinition definition, double c) : IDataset, ILikelihoodProvider
    {
        public const double K = 1e4, Observed = 1.21, Sigma = 0.1;
        public DatasetDefinition Definition => definition;
        public DatasetPrediction Predict(PhysicsParameters parameters) => throw new NotSupportedException("not used");
        public IDatasetLikelihood Likelihood() => new Rate(this, c);

        private sealed class Rate(QuadraticRateDataset d, double c) : IDatasetLikelihood
        {
            public IDataset Dataset => d;
            public SourceKind Source => SourceKind.Reactor;
            public IReadOnlyList<Nuisance> Nuisances => [];
            public int DataPoints => 1;
            public bool RateOnly => true;
            IReadOnlyList<double> IDatasetLikelihood.Observed => [Observed];

            public double Chi2(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances) =>
                Math.Pow((R(physics["millicharge.ee"]) - Observed) / Sigma, 2);

            private double R(double q) => Math.Pow(1 + (q - c) / K, 2);

            public double[] Expected(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances) => [R(physics["millicharge.ee"])];
            public IDatasetLikelihood WithObserved(IReadOnlyList<double> observed) => this;
        }
    }

    private static double Edge(double c, double level, bool outerBranch, bool lowerRate) =>
        c + QuadraticRateDataset.K * ((outerBranch ? -1 : 1) * Math.Sqrt(QuadraticRateDataset.Observed + (lowerRate ? -1 : 1) * QuadraticRateDataset.Sigma * Math.Sqrt(level)) - 1);

    /// <param name="c">Where the minima lie relative to the start (the default 0): c = -1000 starts on the near minimum,
    /// c = 1e4 on the top of the barrier (zero gradient), c = 25000 next to the far minimum.</param>
    [Theory]
    [InlineData(-1000.0)]
    [InlineData(10000.0)]
    [InlineData(25000.0)]
    public void TwoEqualMinimaGiveTwoSegmentsWhateverTheStart(double c)
    {
        var dataset = new QuadraticRateDataset(SyntheticDefinitions.Make("quadratic-rate", "Ge"), c);
        var fit = JointFit.Create([DatasetLikelihoods.For(dataset)], new FitSpecification { Free = ["millicharge.ee"] });
        var r = fit.Run();
        Assert.True(r.Converged);
        Assert.Equal(0.0, r.Chi2Min!.Value, 1e-8);
        double near = c + 1000, far = c - 21000;
        double best = r.BestFit["millicharge.ee"];
        Assert.True(Math.Abs(best - near) < 0.5 || Math.Abs(best - far) < 0.5, $"best fit {best}");
        var other = Assert.Single(r.OtherMinima);
        Assert.Equal(Math.Abs(best - near) < 0.5 ? far : near, other["millicharge.ee"], 0.5);

        var iv = r.Intervals["millicharge.ee"];
        foreach (var label in new[] { "1sigma", "90%", "2sigma", "3sigma" })
        {
            var level = iv[label];
            double L = level.Level.DeltaChi2;
            Assert.Equal(2, level.Segments.Count);
            Assert.Equal(Edge(c, L, outerBranch: true, lowerRate: false), level.Segments[0].Lower.Value!.Value, 0.5);
            Assert.Equal(Edge(c, L, outerBranch: true, lowerRate: true), level.Segments[0].Upper.Value!.Value, 0.5);
            Assert.Equal(Edge(c, L, outerBranch: false, lowerRate: true), level.Segments[1].Lower.Value!.Value, 0.5);
            Assert.Equal(Edge(c, L, outerBranch: false, lowerRate: false), level.Segments[1].Upper.Value!.Value, 0.5);
        }
    }

    /// <summary>
    /// CONUS+ enters through its total rate, quadratic in the millicharge q_ee: two solutions, one near q = 0 and one far
    /// away where the interference term flips the weak charge. q = 0 (the Standard Model) must lie in an allowed region
    /// at 90 % CL, whichever solution is the best fit. Assertions on structure only: the numbers move with the rate model.
    /// </summary>
    [Fact]
    public void ConusPlusMillichargeRegionContainsTheStandardModel()
    {
        var fit = JointFit.Create([DatasetLikelihoods.Load("conus-plus-2025", SourcesDataRoot.Path)], new FitSpecification { Free = ["millicharge.ee"] });
        var r = fit.Run();
        Assert.True(r.Converged);
        var cl90 = r.Intervals["millicharge.ee"]["90%"];
        Assert.True(cl90.Raw.Contains(0.0), $"90% CL region {cl90} excludes q = 0");
        double best = r.BestFit["millicharge.ee"];
        Assert.True(cl90.Raw.Contains(best));
        // Either two segments (one around each solution) or one that holds both solutions.
        Assert.True(cl90.Segments.Count > 1 || r.OtherMinima.All(m => cl90.Raw.Contains(m["millicharge.ee"])), $"90% CL region {cl90}");
        foreach (var m in r.OtherMinima)
            Assert.True(cl90.Raw.Contains(m["millicharge.ee"]), $"the other minimum {m["millicharge.ee"]} lies outside {cl90}");
    }
}
