using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Statistics;
using Cevns.Tests.Fitting;

namespace Cevns.Tests.Performance;

/// <summary>
/// Feldman-Cousins on joint fits (<see cref="FeldmanCousinsScan"/>) where the answer is known in closed form: for Gaussian
/// measurements linear in an unbounded parameter the toy Delta chi^2 is chi^2 with one degree of freedom (critical values
/// 1.00 at 68.27 % and 2.706 at 90 %); with the truth on a physical boundary (signal_norm = 0 &gt;= 0) it is the mixture
/// half 0 + half chi^2_1, whose 90 % quantile is the 80 % quantile of chi^2_1, 1.642 (Feldman and Cousins, PRD 57 (1998)
/// 3873, Sec. IV; Chernoff, Ann. Math. Stat. 25 (1954) 573). Tolerances are three binomial standard deviations of the
/// quantile for the number of toys (the chi^2_1 density is 0.242 at 1.0, 0.0595 at 2.706 and 0.1082 at 1.642).
/// </summary>
public class FeldmanCousinsScanTests
{
    /// <summary>Gaussian points y_i = c_i x + d_i (physics parameter or signal_norm), errors sigma_i; toys are Gaussian too.</summary>
    private sealed class GaussianLine(string id, string parameter, double[] slope, double[] offset, double[] sigma, double[] observed) : IDataset, IDatasetLikelihood, ILikelihoodProvider
    {
        public DatasetDefinition Definition { get; } = SyntheticDefinitions.Make(id, "CsI");
        public DatasetPrediction Predict(PhysicsParameters parameters) => throw new NotSupportedException("not used");
        public IDatasetLikelihood Likelihood() => this;
        public IDataset Dataset => this;
        public SourceKind Source => SourceKind.Spallation;
        public IReadOnlyList<Nuisance> Nuisances => [];
        public int DataPoints => slope.Length;
        public bool RateOnly => false;
        public IReadOnlyList<double> Observed => observed;

        private double X(PhysicsParameters physics, SignalScale scale) => parameter == "signal_norm" ? scale.SignalNorm : physics[parameter];

        public double[] Expected(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances)
        {
            double x = X(physics, scale);
            return slope.Select((c, i) => c * x + offset[i]).ToArray();
        }

        public double Chi2(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances) =>
            GaussianChiSquare.Sum(observed, sigma, Expected(physics, scale, nuisances));

        public IDatasetLikelihood WithObserved(IReadOnlyList<double> values) => new GaussianLine(id, parameter, slope, offset, sigma, values.ToArray());

        public void SampleObservations(Random random, ReadOnlySpan<double> expected, Span<double> into)
        {
            for (int i = 0; i < expected.Length; i++) into[i] = ToySampling.Gaussian(random, expected[i], sigma[i]);
        }
    }

    private static JointFit Line(string parameter, double[] observed) =>
        JointFit.Create([new GaussianLine("line", parameter, [10.0, 20.0, -5.0], [1.0, 2.0, 3.0], [0.5, 1.0, 0.8], observed)],
            new FitSpecification { Free = [parameter] });

    [Fact]
    public void UnboundedLinearGaussianGivesChiSquareCriticalValues()
    {
        var fit = Line("sin2_theta_w", [3.4, 6.8, 1.8]);
        var truth = Minimiser.Minimise(fit.Problem.WithFixed("sin2_theta_w", 0.24)).X;
        var belt = FeldmanCousinsScan.Belt(fit, "sin2_theta_w", [0.24], _ => truth, new FeldmanCousinsScanOptions { ToysPerPoint = 2000, Threads = 2, Seed = 7 });
        Assert.Equal(0, belt.NonConvergedToys[0]);
        Assert.InRange(belt.Critical(0)[0], 1.0 - 0.13, 1.0 + 0.13);
        Assert.InRange(belt.Critical(1)[0], 2.706 - 0.34, 2.706 + 0.34);
    }

    [Fact]
    public void TruthOnThePhysicalBoundaryGivesTheHalfChiSquareMixture()
    {
        var fit = Line("signal_norm", [1.0, 2.0, 3.0]);
        var truth = fit.Problem.InitialValues();
        truth[0] = 0.0;
        var belt = FeldmanCousinsScan.Belt(fit, "signal_norm", [0.0], _ => truth, new FeldmanCousinsScanOptions { ToysPerPoint = 2000, Threads = 2, Seed = 11 });
        var toys = belt.ToyDeltaChi2(0);
        // About half the toys fit at the boundary (Delta chi^2 = 0): binomial 1000 +- 3 x 22.
        Assert.InRange(toys.Count(d => d < 1e-9), 1000 - 67, 1000 + 67);
        Assert.InRange(belt.Critical(1)[0], 1.642 - 0.25, 1.642 + 0.25);
    }

    [Fact]
    public void IntervalsFollowTheDataScanAndAreReproducibleFromTheSeed()
    {
        var fit = Line("sin2_theta_w", [3.4, 6.8, 1.8]);
        var axis = new ScanAxis("sin2_theta_w", 0.12, 0.36, 25);
        var options = new FeldmanCousinsScanOptions { ToysPerPoint = 200, Threads = 2, Seed = 3 };
        var a = FeldmanCousinsScan.Run(fit, axis, options);
        var b = FeldmanCousinsScan.Run(fit, axis, options with { Threads = 1 });
        for (int i = 0; i < axis.Points; i++)
            Assert.Equal(a.Belt.ToyDeltaChi2(i), b.Belt.ToyDeltaChi2(i));
        var c = FeldmanCousinsScan.Run(fit, axis, options with { Seed = 4 });
        Assert.NotEqual(a.Belt.ToyDeltaChi2(0), c.Belt.ToyDeltaChi2(0));
        // The 90 % region contains the best fit, lies inside the scan and is about +-1.645 sigma wide:
        // sigma^-2 = sum (c_i/s_i)^2 = 400 + 400 + 39.06 gives sigma = 0.03451.
        var interval = a.Intervals[1];
        double best = a.Data.GlobalFit["sin2_theta_w"];
        var segment = Assert.Single(interval.Segments);
        Assert.True(segment.Contains(best));
        double width = segment.Upper.Value!.Value - segment.Lower.Value!.Value;
        Assert.InRange(width, 2 * 1.645 * 0.03451 * 0.8, 2 * 1.645 * 0.03451 * 1.2);
        Assert.Contains(interval.Notes, n => n.Contains("200 toys per point, seed 3"));
    }

    /// <summary>
    /// A data point whose fit did not converge has no Delta chi^2: the region stops before it with an unknown edge instead
    /// of using the failed fit's chi^2 (here 0.5, which would have put the point inside and the edge at a crossing at 3.33).
    /// </summary>
    [Fact]
    public void ANonConvergedDataPointGivesAnUnknownEdgeNotACrossing()
    {
        var axis = new ScanAxis("sin2_theta_w", 0.0, 4.0, 5);
        var d = new ScanDescription(["line"], [], [axis], [], [], ["sin2_theta_w"], 2, [], ["sin2_theta_w"]);
        double[] chi2 = [5, 1, 0, 0.5, 5];
        var rows = chi2.Select((c, i) => new ScanRow([axis.Values[i]], i != 3, c, [])).ToArray();
        var report = new ScanReport(d, new ScanGlobalFit(true, 0, FitStatus.Converged, "", [2.0]), 0, [], rows);
        // One toy per point with Delta chi^2 = 2: the critical value is 2 at every level.
        var belt = FeldmanCousinsBelt.FromPoints("sin2_theta_w", axis.Values, [0.9], 1, 1, Enumerable.Range(0, 5).Select(i => new FeldmanCousinsPointToys(i, [2.0], 0)));
        var interval = FeldmanCousinsScan.Interval(report, new FitParameter("sin2_theta_w", 2.0, -10, 10), 2.0, belt, 0);
        var segment = Assert.Single(interval.Segments);
        Assert.Equal(IntervalEdgeKind.Crossing, segment.Lower.Kind);
        Assert.Equal(0.75, segment.Lower.Value!.Value, 12);   // excess 3 at x = 0 and -1 at x = 1
        Assert.Equal(IntervalEdgeKind.NotConverged, segment.Upper.Kind);
        Assert.Equal(2.0, segment.Upper.KnownTo);
        Assert.False(interval.AllFitsConverged);
        Assert.Contains(interval.Notes, n => n == "1 data scan point(s) did not converge");
    }
}
