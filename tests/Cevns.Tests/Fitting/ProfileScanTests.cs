using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Statistics;

namespace Cevns.Tests.Fitting;

/// <summary>The parallel profile scan against <see cref="ProfileLikelihood"/>, its determinism, and its CSV file.</summary>
public class ProfileScanTests
{
    private static JointFit Joint(IReadOnlyList<ScanAxis> axes, params string[] free)
    {
        var truth = PhysicsParameters.StandardModel.With("sin2_theta_w", 0.245);
        var csi = CountingDataset.CsI(nuisances: new(Efficiency: true)).WithAsimov(truth, new SignalScale(1, 0.9, 1, 1));
        // Observations off the Asimov point so that chi2_min > 0.
        var ge = CountingDataset.GeReactor();
        ge.WithAsimov(truth.With("rn.Ge", 4.6));
        return JointFit.Create([DatasetLikelihoods.For(csi), DatasetLikelihoods.For(ge)],
            ScanAxis.Extend(new FitSpecification { Free = free }, axes));
    }

    [Fact]
    public void OneDimensionalScanEqualsProfileLikelihood()
    {
        ScanAxis[] axes = [new("sin2_theta_w", 0.2, 0.3, 11)];
        var scan = ProfileScan.Run(Joint(axes, "norm.mu"), axes);
        var reference = new ProfileLikelihood(Joint(axes, "norm.mu").Problem).Scan("sin2_theta_w", axes[0].Values);
        Assert.Equal(11, scan.Points.Count);
        Assert.Equal(0, scan.NonConverged);
        Assert.True(reference.AllConverged);
        Assert.Equal(reference.MinimumChi2, scan.MinimumChi2, 1e-6);
        for (int i = 0; i < 11; i++)
        {
            Assert.Equal(axes[0].Values[i], scan.Points[i].Values[0]);
            Assert.Equal(reference.Chi2[i], scan.Points[i].Fit.Chi2, 1e-6);
            Assert.Equal(reference.DeltaChi2[i], scan.DeltaChi2(scan.Points[i]), 1e-6);
            Assert.Equal(reference.Fits[i]["norm.mu"], scan.Points[i].Fit["norm.mu"], 1e-3);
        }
        Assert.Equal(["norm.mu", "synthetic-csi.bkg_norm", "synthetic-csi.eff", "synthetic-ge.bkg_norm"], scan.ProfiledParameters);
    }

    [Fact]
    public void TwoDimensionalScanEqualsProfileLikelihood()
    {
        ScanAxis[] axes = [new("sin2_theta_w", 0.22, 0.27, 5), new("norm.mu", 0.6, 1.2, 4)];
        var scan = ProfileScan.Run(Joint(axes), axes);
        // Reference: every point minimised on its own from the global best fit (no chains, no warm starts).
        var problem = Joint(axes).Problem;
        var profile = new ProfileLikelihood(problem);
        int ix = problem.IndexOf("sin2_theta_w"), iy = problem.IndexOf("norm.mu");
        var reference = new double[5, 4];
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 4; j++)
                reference[i, j] = profile.MinimiseFixed([(ix, axes[0].Values[i]), (iy, axes[1].Values[j])], []).Chi2;
        double minimum = Math.Min(profile.GlobalFit.Chi2, reference.Cast<double>().Min());
        Assert.Equal(20, scan.Points.Count);
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 4; j++)
            {
                var p = scan.Points[i * 4 + j];
                Assert.Equal([axes[0].Values[i], axes[1].Values[j]], p.Values);
                Assert.True(p.Fit.Converged);
                Assert.Equal(reference[i, j], p.Fit.Chi2, 1e-6);
                Assert.Equal(reference[i, j] - minimum, scan.DeltaChi2(p), 1e-6);
            }
    }

    [Fact]
    public void LogAxisIsEquallySpacedInTheLogarithmAndLinearIsTheDefault()
    {
        var log = ScanAxis.Parse("vector_mediator.mass=1:10000:5:log");
        Assert.Equal(AxisScale.Log, log.Scale);
        double[] decades = [1, 10, 100, 1000, 10000];
        for (int i = 0; i < 5; i++) Assert.Equal(decades[i], log.Values[i], 1e-12 * decades[i]);
        Assert.Equal("vector_mediator.mass=1:10000:5:log", log.Text);
        var linear = ScanAxis.Parse("sin2_theta_w=0.2:0.3:3");
        Assert.Equal(AxisScale.Linear, linear.Scale);
        Assert.Equal([0.2, 0.25, 0.3], linear.Values);
        Assert.Equal("sin2_theta_w=0.2:0.3:3", linear.Text);
        Assert.Throws<FitSetupException>(() => ScanAxis.Parse("vector_mediator.coupling=0:1:5:log"));
        Assert.Throws<FitSetupException>(() => ScanAxis.Parse("sin2_theta_w=0.2:0.3:3:cubic"));
    }

    [Fact]
    public void LogAxisSurvivesTheShardDescription()
    {
        ScanAxis[] axes = [new("sin2_theta_w", 0.2, 0.3, 3, AxisScale.Log)];
        var description = ScanDescription.Of(Joint(axes, "norm.mu"), axes);
        var back = ScanDescription.FromJson(description.ToJson());
        Assert.Equal(axes[0], back.Axes[0]);
    }

    [Fact]
    public void OneAndTwoThreadsGiveIdenticalFiles()
    {
        ScanAxis[] axes = [new("sin2_theta_w", 0.22, 0.27, 6), new("norm.mu", 0.6, 1.2, 5)];
        string Text(int threads) => ScanCsv.Format(ProfileScan.Run(Joint(axes), axes, new ScanOptions { Threads = threads }), ["test"]);
        Assert.Equal(Text(1), Text(2));
    }

    [Fact]
    public void ProgressCountsEveryMinimisation()
    {
        ScanAxis[] axes = [new("sin2_theta_w", 0.22, 0.27, 4), new("norm.mu", 0.6, 1.2, 3)];
        int calls = 0, lastTotal = 0;
        var lockObject = new object();
        ProfileScan.Run(Joint(axes), axes, new ScanOptions
        {
            Threads = 2,
            Progress = (done, total) => { lock (lockObject) { calls++; lastTotal = total; } },
        });
        // 12 points, each chain of n points is swept back once more (n - 1): 2 * 12 - (number of chains).
        Assert.Equal(lastTotal, calls);
        Assert.InRange(calls, 12, 2 * 12 - 1);
    }

    [Fact]
    public void CsvRoundTripsAndIsWrittenAtomically()
    {
        ScanAxis[] axes = [new("sin2_theta_w", 0.2, 0.3, 7)];
        var scan = ProfileScan.Run(Joint(axes, "norm.mu"), axes);
        var dir = Directory.CreateTempSubdirectory("cevns-scan-");
        try
        {
            var path = Path.Combine(dir.FullName, "scan.csv");
            File.WriteAllText(path, "old content");
            ScanCsv.WriteAtomic(path, ScanCsv.Format(scan, ["cevns scan (test)"]));
            Assert.Equal(["scan.csv"], Directory.GetFiles(dir.FullName).Select(Path.GetFileName));

            var table = ScanCsv.Read(path);
            Assert.Equal("cevns scan (test)", table.Comments[0]);
            Assert.Contains(table.Comments, c => c == "datasets: synthetic-csi, synthetic-ge");
            Assert.Contains(table.Comments, c => c.StartsWith("global minimum: chi2 = ", StringComparison.Ordinal));
            Assert.Equal(["sin2_theta_w", "chi2", "delta_chi2", "converged", .. scan.ProfiledParameters], table.Columns);
            Assert.Equal(scan.Points.Select(p => p.Values[0]), table.Column("sin2_theta_w"));
            Assert.Equal(scan.Points.Select(p => p.Fit.Chi2), table.Column("chi2"));
            Assert.Equal(scan.Points.Select(scan.DeltaChi2), table.Column("delta_chi2"));
            Assert.Equal(scan.Points.Select(_ => 1.0), table.Column("converged"));
            foreach (var name in scan.ProfiledParameters)
                Assert.Equal(scan.Points.Select(p => p.Fit[name]), table.Column(name));
            Assert.True(table.Column("delta_chi2").Min() >= -1e-9);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void CheckWritableNamesAMissingFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "cevns-no-such-folder-" + Guid.NewGuid().ToString("N"), "scan.csv");
        Assert.Contains("does not exist", Assert.Throws<FitSetupException>(() => ScanCsv.CheckWritable(path)).Message);
    }

    [Fact]
    public void MalformedScanFileNamesFileAndLine()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "# comment\na,chi2\n1,2\n3\n");
            var e = Assert.Throws<Cevns.Data.DataFileException>(() => ScanCsv.Read(path));
            Assert.Contains($"{path}:4", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
