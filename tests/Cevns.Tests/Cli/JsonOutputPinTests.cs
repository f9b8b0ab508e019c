using System.Globalization;
using System.Text.RegularExpressions;
using Cevns.Benchmarking;
using Cevns.Cli.Commands;
using Cevns.Fitting;
using Cevns.Statistics;
using Cevns.Tests.Data;
using Cevns.Tests.Scale;

namespace Cevns.Tests.Cli;

/// <summary>
/// The JSON texts cevns writes, byte for byte against Reference/json_pins/*: the --json objects of parameters,
/// experiments, xsec, predict, data, data verify and bench, and the JSON parts of scan shard files and checkpoints
/// (scan description, fit snapshots, chain records, Feldman-Cousins lines, checkpoint records). The fixtures were
/// written by the field-by-field writers (Utf8JsonWriter); a change of the writer must not change them. Numbers that
/// come out of a computation are compared to 10 significant digits (the platform's exp/log may differ in the last
/// bit); machine paths are replaced by a placeholder; synthetic inputs are compared exactly.
/// Setting CEVNS_WRITE_JSON_PINS to a folder writes the fixtures there instead (to create them, never in CI).
/// </summary>
public sealed class JsonOutputPinTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["CEVNS_DATA"] = DataTestSupport.Shared };

    internal static void Check(string name, string actual)
    {
        var write = System.Environment.GetEnvironmentVariable("CEVNS_WRITE_JSON_PINS");
        if (!string.IsNullOrEmpty(write))
        {
            File.WriteAllText(Path.Combine(write, name), actual);
            return;
        }
        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "json_pins", name)), actual);
    }

    /// <summary>Long computed numbers to 10 significant digits (as the fit --json pins do).</summary>
    internal static string RoundNumbers(string json) => Regex.Replace(json,
        @"-?\d+\.\d{10,}(?:[eE][-+]?\d+)?|-?\d\.\d+[eE][-+]?\d+",
        m => double.Parse(m.Value, CultureInfo.InvariantCulture).ToString("G10", CultureInfo.InvariantCulture));

    private static string Cli(params string[] args)
    {
        var run = CliRunner.Run(args, Environment);
        Assert.True(run.ExitCode == 0, run.Error);
        return run.Out.Replace(System.Text.Json.JsonEncodedText.Encode(DataTestSupport.Shared, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(), "<data>");
    }

    [Theory]
    [InlineData("parameters.json", new[] { "parameters", "--json" })]
    [InlineData("experiments.json", new[] { "experiments", "--json" })]
    [InlineData("xsec.json", new[] { "xsec", "--target", "Ge", "--flavor", "nue", "--enu", "30", "--trecoil", "5", "--json" })]
    [InlineData("xsec_options.json", new[] { "xsec", "--target", "CsI", "--flavor", "numubar", "--enu", "40", "--trecoil", "12.5",
        "--nuclear-model", "d1s", "--charge-radius-q-dependent", "--set", "nsi.u.ee=0.1", "--json" })]
    [InlineData("predict_csi.json", new[] { "predict", "--experiment", "coherent-csi-2021", "--set", "nsi.u.ee=0.05", "--json" })]
    [InlineData("predict_dresden.json", new[] { "predict", "--experiment", "dresden-ii-2022", "--json" })]
    [InlineData("data.json", new[] { "data", "--json" })]
    [InlineData("data_verify.json", new[] { "data", "verify", "--json" })]
    public void CommandJsonIsTheStoredText(string name, string[] args) => Check(name, RoundNumbers(Cli(args)));

    [Fact]
    public void BenchJsonIsTheStoredText()
    {
        var report = new BenchmarkReport(new MachineInfo("Test CPU \"x\" <&>", 2, "Linux", ".NET 10", double.NaN),
            new BenchmarkSettings { Threads = 2, Quick = true, Seed = 18446744073709551615 },
            [new BenchmarkMeasurement("csi", "predict", "1 point", 0.125, double.NaN, 0.5, 1.25, 1024, "warm"),
             new BenchmarkMeasurement("joint", "scan", "100 points", 1e-7, 2.5e-7, null, null, 0, "")],
            [new DeterminismCheck("joint", "scan", 2, 0, 1.5, 0.75), new DeterminismCheck("joint", "toys", 2, 3e-6, 1, 0.5)],
            123456789, 98765, 12.000000000000002, ["a note", "χ² ünïcode"]);
        var text = new StringWriter();
        BenchCommand.WriteJson(text, report);
        Check("bench.json", text.ToString());
    }

    /// <summary>
    /// A count that is not a number (e.g. from a parameter point outside a table) is null in predict --json; the
    /// field-by-field writer threw (Utf8JsonWriter refuses NaN), so the command failed with a stack trace.
    /// </summary>
    [Fact]
    public void PredictJsonWritesNonFiniteCountsAsNull()
    {
        var prediction = new Cevns.Datasets.DatasetPrediction
        {
            DatasetId = "test",
            Bins = [new Cevns.Datasets.AnalysisBin([new Cevns.Datasets.BinRange("energy", "keV", 1, 2)])],
            InAnalysis = [true],
            Cevns = new Dictionary<Cevns.Physics.NeutrinoSpecies, double[]> { [Cevns.Physics.NeutrinoSpecies.NuE] = [double.NaN] },
            ElectronScattering = new Dictionary<Cevns.Physics.NeutrinoSpecies, double[]>(),
            Backgrounds = new Dictionary<string, double[]> { ["flat"] = [double.PositiveInfinity] },
        };
        var text = Cevns.Cli.JsonText.Text(w => PredictCommand.WriteJson(w, prediction, Cevns.Physics.PhysicsParameters.StandardModel), indented: false);
        Assert.Contains("\"signal_total\":null", text);
        Assert.Contains("\"energy_keV\":[1,2]", text);
        Assert.Contains("\"cevns\":{\"nue\":null}", text);
        Assert.Contains("\"backgrounds\":{\"flat\":null}", text);
    }

    internal static ScanDescription Description() =>
        new(["coherent-csi-2021", "ge"], ["ge"],
            [new ScanAxis("sin2_theta_w", 0.2, 0.26, 7), new ScanAxis("z.mass", 1e-3, 1000, 5, AxisScale.Log)],
            [new FixedValue("nsi.u.ee", 0.1), new FixedValue("norm.e", 1)], ["norm.mu=1:0.3"],
            ["sin2_theta_w", "z.mass", "norm.mu"], 17, ["norm.mu", "csi.bkg"], ["sin2_theta_w", "z.mass", "norm.mu", "csi.bkg", "nsi.u.ee"])
        {
            Ties = [new TiedColumn("nsi.d.ee", "2*nsi.u.ee+0.01", null, 0, 0.21000000000000002), new TiedColumn("z.coupling", "0.5*norm.mu", "norm.mu", 0.5, 0)],
        };

    /// <summary>The serve answer to a scan request (converged and not-converged global fit, rows with and without convergence).</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ServeScanJsonIsTheStoredText(bool globalConverged)
    {
        var rows = new[]
        {
            new ScanRow([0.2, 0.001], true, 2.5, [0.9, double.NaN]),
            new ScanRow([0.2, 1000], false, 1e300, [1.1, 2.0]),
            new ScanRow([0.26, 0.001], true, 1.25, [1.0000000000000002, -0.0]),
        };
        var report = new ScanReport(Description(), new ScanGlobalFit(globalConverged, 1.5, globalConverged ? FitStatus.Converged : FitStatus.IterationLimit,
            "message \"x\"", [0.23, double.PositiveInfinity, 0.9]), globalConverged ? 1.25 : double.PositiveInfinity, ["a note"], rows);
        Check($"serve_scan_{(globalConverged ? "converged" : "not_converged")}.json",
            Cevns.Cli.JsonText.Text(w => Cevns.Cli.Serve.ScanJson.Write(w, report), indented: true) + "\n");
    }

    internal static FitSnapshot Snapshot(double chi2 = 12.345678901234567) =>
        new([0.2385, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.0000000000000002e-300], chi2, FitStatus.Converged,
            "ok \"quoted\" <&> χ²", 42, 1234, 3.1e-9);

    [Fact]
    public void ScanDescriptionJsonIsTheStoredText()
    {
        Check("scan_description.json", Description().ToJson());
        Check("scan_description_plain.json", (Description() with { Ties = [], RateOnly = [], Priors = [], Fixed = [] }).ToJson());
    }

    [Fact]
    public void FitSnapshotJsonIsTheStoredText() => Check("fit_snapshot.json", ExactJson.Object(Snapshot().ToJson()));

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "json_pins", name));

    /// <summary>The stored texts, written by the field-by-field writers, read back into the objects they were written from.</summary>
    [Fact]
    public void StoredTextsReadBack()
    {
        var d = ScanDescription.FromJson(Fixture("scan_description.json"));
        Assert.Equal(Description().ToJson(), d.ToJson());
        Assert.Equal(AxisScale.Log, d.Axes[1].Scale);
        Assert.Null(d.Ties[0].Root);
        Assert.Empty(ScanDescription.FromJson(Fixture("scan_description_plain.json")).Ties);
        using (var doc = System.Text.Json.JsonDocument.Parse(Fixture("fit_snapshot.json")))
            Assert.True(Snapshot().SameAs(FitSnapshot.Read(doc.RootElement)));
        var lines = Fixture("feldman_cousins_lines.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var settings = FeldmanCousinsShardSection.ReadSettings(lines[0][(FeldmanCousinsShardSection.SettingsKey.Length + 2)..]);
        Assert.Equal((18446744073709551615UL, 3, 0.26), (settings.Seed, settings.ToysPerPoint, settings.Upper));
        var point = FeldmanCousinsShardSection.ReadPoint(lines[2][(FeldmanCousinsShardSection.PointKey.Length + 2)..]);
        Assert.Equal([0, 0.125, 1.0000000000000002], point.SortedDeltaChi2);
    }

    [Fact]
    public void FeldmanCousinsLinesAreTheStoredText()
    {
        var section = new FeldmanCousinsShardSection("sin2_theta_w", 0.2, 0.26, 3, 18446744073709551615, [0.6827, 0.9],
            [new FeldmanCousinsPointToys(4, [0, 0.125, 1.0000000000000002], 0), new FeldmanCousinsPointToys(1, [2.5], 2)]);
        Check("feldman_cousins_lines.txt", string.Join("\n", section.Lines()) + "\n");
    }

    [Fact]
    public void CheckpointRecordsAreTheStoredText()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pin-{Guid.NewGuid():N}.checkpoint");
        try
        {
            var header = new ScanCheckpointHeader(new string('a', 64), new ScanShard(2, 3), "cevns scan --param \"x\" <&>", ["sin2_theta_w", "z.mass", "norm.mu", "csi.bkg", "nsi.u.ee"]);
            using (var cp = ScanCheckpoint.Start(path, header, resume: false))
            {
                cp.RecordGlobal(Snapshot());
                cp.Record(new ScanStep(0, 0, 3, Snapshot(13.5), null));
                cp.Record(new ScanStep(0, 1, 4, Snapshot(14), Snapshot(11)));
            }
            Check("checkpoint.txt", File.ReadAllText(path));
            using var resumed = ScanCheckpoint.Start(path, header, resume: true);
            Assert.Equal(2, resumed.RestoredSteps);
            Assert.True(resumed.Global!.SameAs(Snapshot()));
            Assert.True(resumed.StepsOf(0)[1].LoweredGlobal!.SameAs(Snapshot(11)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ShardFileIsTheStoredText()
    {
        var part = ProfileScan.RunShard(ScaleFixtures.Joint(ScaleFixtures.Grid1D), ScaleFixtures.Grid1D, new ScanShard(1, 2));
        var text = ScanShardFile.Format(part, new AnalysisFingerprint("cevns scan (test)", [], new SoftwareVersion("1.0", "test")), ["test shard"]);
        // Digests cover the exact row texts: masked with the numbers they depend on.
        Check("shard_file.txt", RoundNumbers(Regex.Replace(text, "\"digest\":\"[0-9a-f]{64}\"", "\"digest\":\"<sha256>\"")));
    }
}
