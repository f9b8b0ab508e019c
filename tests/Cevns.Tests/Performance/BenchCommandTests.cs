using System.Text.Json;
using Cevns.Cli;
using Cevns.Tests.Cli;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Performance;

/// <summary>cevns bench on a small selection (a rate-only dataset: the whole suite in well under a second).</summary>
public class BenchCommandTests
{
    private static CliRun Bench(params string[] extra) =>
        CliRunner.Run(["bench", "--experiments", "texono-2024", "--no-joint", "--quick", "--threads", "2", "--data-dir", SourcesDataRoot.Path, .. extra]);

    [Fact]
    public void TextReportListsEveryOperationWithTargetsAndMemory()
    {
        var run = Bench();
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        foreach (var operation in new[] { "prediction (new physics point)", "prediction (new neutron radii)", "profiled chi2", "1D profiled scan",
                     "2D profiled scan", "Feldman-Cousins toys", "identity 1 vs 2 threads" })
            Assert.Contains(operation, run.Out);
        Assert.Contains("10 (extrapolated to 100)", run.Out);
        Assert.Contains("36 (extrapolated to 2500)", run.Out);
        Assert.Contains("peak working set:", run.Out);
        Assert.Contains("machine:", run.Out);
        Assert.DoesNotContain("FAILED", run.Out);
    }

    [Fact]
    public void JsonReportHasMeasurementsTargetsIdentityAndMemory()
    {
        var run = Bench("--json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("settings").GetProperty("threads").GetInt32());
        Assert.True(root.GetProperty("settings").GetProperty("quick").GetBoolean());
        var measurements = root.GetProperty("measurements").EnumerateArray().ToArray();
        var prediction = measurements.Single(m => m.GetProperty("operation").GetString() == "prediction (new physics point)");
        Assert.Equal("texono-2024", prediction.GetProperty("workload").GetString());
        Assert.True(prediction.GetProperty("seconds").GetDouble() > 0);
        Assert.Equal(1e-3, prediction.GetProperty("target_seconds").GetDouble());
        var toys = measurements.Single(m => m.GetProperty("operation").GetString() == "Feldman-Cousins toys");
        Assert.Equal(60.0, toys.GetProperty("target_seconds").GetDouble());
        Assert.Equal(toys.GetProperty("seconds").GetDouble() * 1000 / 40, toys.GetProperty("extrapolated_seconds").GetDouble(), 1e-9);
        var identity = root.GetProperty("thread_identity").EnumerateArray().ToArray();
        Assert.Equal(2, identity.Length);
        Assert.All(identity, c => Assert.True(c.GetProperty("passed").GetBoolean()));
        Assert.True(root.GetProperty("memory").GetProperty("peak_working_set_bytes").GetInt64() > 0);
    }

    [Fact]
    public void UnknownDatasetAndBadThreadCountAreUsageErrors()
    {
        var unknown = CliRunner.Run("bench", "--experiments", "nugen-2025", "--data-dir", SourcesDataRoot.Path);
        Assert.Contains("nugen-2025", unknown.AssertOneLineError(ExitCodes.Usage));
        var threads = CliRunner.Run("bench", "--threads", "0", "--data-dir", SourcesDataRoot.Path);
        Assert.Contains("--threads must be >= 1", threads.AssertOneLineError(ExitCodes.Usage));
    }
}

/// <summary>cevns scan --feldman-cousins: critical values per grid point and the regions, identical on 1 and 2 threads.</summary>
public class FeldmanCousinsScanCommandTests
{
    private static (CliRun Run, string[] Lines) Scan(string path, int threads, params string[] extra)
    {
        var run = CliRunner.Run(["scan", "--experiments", "conus-plus-2025", "--param", "sin2_theta_w=0.15:0.35:5", "--out", path,
            "--feldman-cousins", "30", "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", SourcesDataRoot.Path, .. extra]);
        return (run, File.Exists(path) ? File.ReadAllLines(path) : []);
    }

    [Fact]
    public void WritesCriticalValuesAndRegionsIndependentlyOfThreads()
    {
        var dir = Directory.CreateTempSubdirectory("cevns-fc-");
        try
        {
            var (one, a) = Scan(Path.Combine(dir.FullName, "one.csv"), 1);
            var (two, b) = Scan(Path.Combine(dir.FullName, "two.csv"), 2);
            Assert.Equal(ExitCodes.Success, one.ExitCode);
            Assert.Equal(ExitCodes.Success, two.ExitCode);
            Assert.Contains("sin2_theta_w (Feldman-Cousins 90% CL):", one.Out);
            Assert.Equal(a.Skip(1), b.Skip(1));
            Assert.Contains(a, l => l.StartsWith("# feldman-cousins: 30 toys per point, seed 20240917", StringComparison.Ordinal));
            var table = Cevns.Fitting.ScanCsv.Read(Path.Combine(dir.FullName, "one.csv"));
            Assert.Equal(["fc_critical_68.27", "fc_critical_90"], table.Columns.TakeLast(2));
            Assert.All(table.Column("fc_critical_90"), v => Assert.InRange(v, 0.1, 20));
            var (other, c) = Scan(Path.Combine(dir.FullName, "other.csv"), 2, "--seed", "5");
            Assert.Equal(ExitCodes.Success, other.ExitCode);
            Assert.NotEqual(a.Last(), c.Last());
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void FeldmanCousinsNeedsOneAxisAndToys()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cevns-fc-{Guid.NewGuid():N}.csv");
        var twoD = CliRunner.Run("scan", "--experiments", "conus-plus-2025", "--param", "sin2_theta_w=0.15:0.35:3", "--param", "norm.e=0.5:1.5:3",
            "--out", path, "--feldman-cousins", "10", "--data-dir", SourcesDataRoot.Path);
        Assert.Contains("needs a 1D scan", twoD.AssertOneLineError(ExitCodes.Usage));
        var zero = CliRunner.Run("scan", "--experiments", "conus-plus-2025", "--param", "sin2_theta_w=0.15:0.35:3", "--out", path,
            "--feldman-cousins", "0", "--data-dir", SourcesDataRoot.Path);
        Assert.Contains("--feldman-cousins must be >= 1", zero.AssertOneLineError(ExitCodes.Usage));
        var resume = CliRunner.Run("scan", "--experiments", "conus-plus-2025", "--param", "sin2_theta_w=0.15:0.35:3", "--out", path,
            "--feldman-cousins", "10", "--resume", "--data-dir", SourcesDataRoot.Path);
        Assert.Contains("--feldman-cousins cannot be combined with --resume", resume.AssertOneLineError(ExitCodes.Usage));
        Assert.False(File.Exists(path));
    }
}
