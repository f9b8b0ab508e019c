using System.Text.Json.Nodes;
using Cevns.Cli;
using Cevns.Cli.Commands;
using Cevns.Cli.Serve;
using Cevns.Tests.Data;

namespace Cevns.Tests.Cli;

/// <summary>--tie on fit, scan and predict, and the tie field of 'cevns serve', on the shipped CsI 2021 data.</summary>
public class TieOptionTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["CEVNS_DATA"] = DataTestSupport.Shared };

    private static CliRun Run(params string[] args) => CliRunner.Run(args, Environment);

    [Theory]
    [InlineData("nsi.d.ee=nsi.x", "unknown parameter 'nsi.x'")]
    [InlineData("nsi.u.ee=nsi.d.ee", "parameter 'nsi.u.ee' is both tied (--tie nsi.u.ee=nsi.d.ee) and free")]
    [InlineData("nsi.d.ee=3*nsi.u.ee*2", "is not a linear expression")]
    public void BadTiesAreOneLineUsageErrors(string tie, string message)
    {
        foreach (var command in new[] { "fit", "scan" })
        {
            string[] args = command == "fit"
                ? ["fit", "--experiments", "coherent-csi-2021", "--free", "nsi.u.ee", "--tie", tie]
                : ["scan", "--experiments", "coherent-csi-2021", "--param", "nsi.u.ee=-0.1:0.1:3", "--out", Path.Combine(Path.GetTempPath(), "tie-bad.csv"), "--tie", tie];
            var r = Run(args);
            Assert.Equal(ExitCodes.Usage, r.ExitCode);
            Assert.Single(r.ErrorLines);
            Assert.Contains(message, r.Error);
        }
    }

    [Fact]
    public void PredictDerivesTheTiedValue()
    {
        var tied = Run("predict", "--experiment", "coherent-csi-2021", "--set", "nsi.u.ee=0.1", "--tie", "nsi.d.ee=-2*nsi.u.ee+0.05", "--json");
        var byHand = Run("predict", "--experiment", "coherent-csi-2021", "--set", "nsi.u.ee=0.1", "--set", "nsi.d.ee=-0.15", "--json");
        Assert.Equal(0, tied.ExitCode);
        var t = JsonNode.Parse(tied.Out)!;
        Assert.Equal(-0.15, t["parameters"]!["nsi.d.ee"]!.GetValue<double>(), 15);
        Assert.Equal(JsonNode.Parse(byHand.Out)!["signal_total"]!.GetValue<double>(), t["signal_total"]!.GetValue<double>(), 1e-9);
        var text = Run("predict", "--experiment", "coherent-csi-2021", "--set", "nsi.u.ee=0.1", "--tie", "nsi.d.ee=nsi.u.ee");
        Assert.Contains("tied: nsi.d.ee=nsi.u.ee = 0.1", text.Out);
        var both = Run("predict", "--experiment", "coherent-csi-2021", "--set", "nsi.d.ee=0.1", "--tie", "nsi.d.ee=nsi.u.ee");
        Assert.Equal(ExitCodes.Usage, both.ExitCode);
        Assert.Contains("both tied (--tie nsi.d.ee=nsi.u.ee) and set (--set)", both.Error);
    }

    [Fact]
    public void PredictPointsFileHasTheTiedColumn()
    {
        var points = Path.Combine(Path.GetTempPath(), $"tie-points-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(points, "nsi.u.ee\n0.1\n0.2\n");
            var r = Run("predict", "--experiment", "coherent-csi-2021", "--points", points, "--tie", "nsi.d.ee=2*nsi.u.ee+0.01");
            Assert.True(r.ExitCode == 0, r.Error);
            var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipWhile(l => !l.StartsWith("nsi.u.ee", StringComparison.Ordinal)).ToArray();
            Assert.Equal(["nsi.u.ee", "nsi.d.ee"], lines[0].Split(',')[..2]);
            Assert.Equal(0.21, double.Parse(lines[1].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture), 12);
            Assert.Equal(0.41, double.Parse(lines[2].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture), 12);
        }
        finally
        {
            File.Delete(points);
        }
    }

    /// <summary>
    /// 'run' writes its scans with the writer of 'scan' (ScanCsv): the same fit and grid give the same columns, the same
    /// description and the same numbers (the two compute the global fit with their own starts, so chi^2 agrees to the
    /// minimiser's tolerance, not bit for bit).
    /// </summary>
    [Fact]
    public void RunScanFileIsTheScanCommandFile()
    {
        const string text = """
            title: tied NSI
            datasets:
              csi: { id: coherent-csi-2021 }
            fits:
              csi: [csi]
            free:
              nsi.u.ee: { range: [-0.5, 0.5] }
            ties:
              nsi.d.ee: "2*nsi.u.ee+0.01"
            scans:
              u:
                x: { parameter: nsi.u.ee, range: [-0.1, 0.1], points: 3 }
            """;
        var analysis = Cevns.Analyses.AnalysisFileParser.Parse("tied.yaml", "tied", text);
        var results = new Cevns.Analyses.AnalysisRunner(new Cevns.Analyses.JointFitBackend()) { Threads = 1 }.Run(analysis, DataTestSupport.Shared, "test");
        var dir = Path.Combine(Path.GetTempPath(), $"tie-run-{Guid.NewGuid():N}");
        var path = Path.Combine(Path.GetTempPath(), $"tie-scan-{Guid.NewGuid():N}.csv");
        try
        {
            Directory.CreateDirectory(dir);
            var runFile = Path.Combine(dir, Cevns.Analyses.Reports.ReportWriter.ScanFileName(analysis.Scans[0], "csi"));
            File.WriteAllText(runFile, Cevns.Analyses.Reports.ReportWriter.ScanFileText(results, analysis.Scans[0], results.Scans[0].Fits[0]));
            var r = Run("scan", "--experiments", "coherent-csi-2021", "--param", "nsi.u.ee=-0.1:0.1:3", "--tie", "nsi.d.ee=2*nsi.u.ee+0.01",
                "--threads", "1", "--out", path);
            Assert.True(r.ExitCode == 0, r.Error);
            var run = Cevns.Fitting.ScanCsv.Read(runFile);
            var scan = Cevns.Fitting.ScanCsv.Read(path);
            Assert.Equal("nsi.u.ee,chi2,delta_chi2,converged", string.Join(',', run.Columns.Take(4)));
            Assert.Equal("nsi.d.ee", run.Columns[^1]);
            Assert.Equal(scan.Columns, run.Columns);
            Assert.StartsWith("cevns run tied.yaml: scan u, fit csi", run.Comments[0]);
            string[] Described(Cevns.Fitting.ScanTable t) => t.Comments.Where(c => c.StartsWith("datasets:") || c.StartsWith("scanned:") || c.StartsWith("fixed:")
                || c.StartsWith("profiled:") || c.StartsWith("tied:") || c.StartsWith("all points")).ToArray();
            Assert.Equal(6, Described(run).Length);
            Assert.Equal(Described(scan), Described(run));
            Assert.Equal(3, run.Rows.Count);
            for (int k = 0; k < 3; k++)
                for (int c = 0; c < run.Columns.Count; c++)
                    Assert.Equal(scan.Rows[k][c], run.Rows[k][c], 1e-5 * (1 + Math.Abs(scan.Rows[k][c])));
            Assert.Equal([-0.19, 0.01, 0.21], run.Column("nsi.d.ee").Select(v => Math.Round(v, 12)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
            File.Delete(path);
        }
    }

    [Fact]
    public void ScanFileHasTheTiedColumnAndServeScansTheSame()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tie-scan-{Guid.NewGuid():N}.csv");
        try
        {
            var r = Run("scan", "--experiments", "coherent-csi-2021", "--param", "nsi.u.ee=-0.1:0.1:3", "--tie", "nsi.d.ee=2*nsi.u.ee+0.01",
                "--threads", "1", "--out", path);
            Assert.True(r.ExitCode == 0, r.Error);
            var table = Cevns.Fitting.ScanCsv.Read(path);
            Assert.Contains(table.Comments, c => c == "tied: nsi.d.ee=2*nsi.u.ee+0.01");
            Assert.Equal([-0.19, 0.01, 0.21], table.Column("nsi.d.ee").Select(v => Math.Round(v, 12)));

            var stdout = new StringWriter();
            var context = new CliContext(stdout, new StringWriter(), name => Environment.GetValueOrDefault(name), Path.GetTempPath());
            var request = """{"cmd": "scan", "experiments": ["coherent-csi-2021"], "param": "nsi.u.ee=-0.1:0.1:3", "tie": {"nsi.d.ee": "2*nsi.u.ee+0.01"}, "threads": 1}""";
            Assert.Equal(0, CevnsApp.Run(["serve"], context, [new ServeCommand(() => new StringReader(request + "\n"))]));
            var answer = JsonNode.Parse(stdout.ToString())!;
            var points = answer["points"]!.AsArray();
            Assert.Equal(0.21, points[2]!["tied"]!["nsi.d.ee"]!.GetValue<double>(), 12);
            var chi2 = table.Column("chi2");
            for (int k = 0; k < 3; k++)
                Assert.Equal(chi2[k], points[k]!["chi2"]!.GetValue<double>(), 1e-9 * chi2[k]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ServePredictWithATie()
    {
        var stdout = new StringWriter();
        var context = new CliContext(stdout, new StringWriter(), name => Environment.GetValueOrDefault(name), Path.GetTempPath());
        var input = """
            {"cmd": "predict", "experiment": "coherent-csi-2021", "params": {"nsi.u.ee": 0.1}, "tie": {"nsi.d.ee": "nsi.u.ee"}}
            {"cmd": "predict", "experiment": "coherent-csi-2021", "params": {"nsi.u.ee": 0.1, "nsi.d.ee": 0.1}}
            {"cmd": "predict", "experiment": "coherent-csi-2021", "points": [{"nsi.u.ee": 0.2}], "tie": {"nsi.d.ee": "nsi.u.ee"}}
            {"cmd": "predict", "experiment": "coherent-csi-2021", "tie": {"nsi.d.ee": "nsi.u.ee*"}}
            """;
        Assert.Equal(0, CevnsApp.Run(["serve"], context, [new ServeCommand(() => new StringReader(input + "\n"))]));
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal(lines[1]["signal_total"]!.GetValue<double>(), lines[0]["signal_total"]!.GetValue<double>(), 1e-9);
        Assert.Equal(0.1, lines[0]["parameters"]!["nsi.d.ee"]!.GetValue<double>());
        Assert.Equal(0.2, lines[2]["predictions"]![0]!["parameters"]!["nsi.d.ee"]!.GetValue<double>());
        Assert.Contains("not a linear expression", lines[3]["error"]!.GetValue<string>());
        Assert.Equal(ExitCodes.Usage, lines[3]["exit_code"]!.GetValue<int>());
    }

    [Fact]
    public void FitJsonListsTheTiesAtTheBestFit()
    {
        var r = Run("fit", "--experiments", "coherent-csi-2021", "--free", "nsi.u.ee", "--tie", "nsi.d.ee=0.5*nsi.u.ee", "--threads", "2", "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        var o = JsonNode.Parse(r.Out)!;
        var tie = o["ties"]!.AsArray().Single()!;
        Assert.Equal("nsi.d.ee", tie["target"]!.GetValue<string>());
        Assert.Equal("0.5*nsi.u.ee", tie["expression"]!.GetValue<string>());
        Assert.Equal(0.5 * o["best_fit"]!["nsi.u.ee"]!.GetValue<double>(), tie["value"]!.GetValue<double>(), 15);
    }
}
