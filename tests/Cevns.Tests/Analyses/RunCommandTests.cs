using Cevns.Cli;
using Cevns.Cli.Commands;
using Cevns.Tests.Cli;
using Cevns.Tests.Data;

namespace Cevns.Tests.Analyses;

/// <summary>
/// 'cevns run' on the synthetic Gaussian backend: the report folder appears only when complete, bad analysis files
/// give one line on stderr and write nothing; figures need no program on PATH.
/// </summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly TempTree _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private CliRun Run(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var env = environment ?? new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" };
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr, n => env.GetValueOrDefault(n), _tmp.Root);
        int code = CevnsApp.Run(args, context, [new RunCommand(() => new GaussianBackend())]);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    private string AnalysisFile(string text = AnalysisRunnerTests.Analysis) => _tmp.File("synthetic.yaml", text);

    [Fact]
    public void WritesTheReportIntoTheDefaultFolderAndSaysWhere()
    {
        var file = AnalysisFile();
        var r = Run(null, "run", file, "--data-dir", _tmp.Folder("data"));
        Assert.True(r.ExitCode == 0, r.Error);
        var report = Path.Combine(_tmp.Root, "reports", "synthetic");
        Assert.Contains($"report: {report}", r.Out);
        Assert.Contains("combined: chi2_min = ", r.Out);
        Assert.Contains("scan ne, fit combined: 19 points", r.Out);
        foreach (var f in new[] { "summary.md", "results.json", "scan_ne_combined.csv", "profile_ne.png", "contour_both.svg" })
            Assert.True(File.Exists(Path.Combine(report, f)), f);
    }

    [Fact]
    public void MalformedAnalysisFileGivesOneLineAndWritesNothing()
    {
        var file = AnalysisFile(AnalysisRunnerTests.Analysis.Replace("points: 19", "points: many"));
        var r = Run(null, "run", file, "--out", "out/report");
        var line = r.AssertOneLineError(ExitCodes.Usage);
        Assert.StartsWith($"cevns run: {file}:", line);
        Assert.Contains("scans.ne.x.points: expected a finite number", line);
        Assert.False(Directory.Exists(Path.Combine(_tmp.Root, "out")));
    }

    [Fact]
    public void FiguresAreDrawnWithNothingOnPathAndNoFiguresSkipsThem()
    {
        var file = AnalysisFile();
        var r = Run(new Dictionary<string, string> { ["PATH"] = _tmp.Folder("empty-bin") }, "run", file, "--data-dir", _tmp.Folder("data"));
        Assert.True(r.ExitCode == 0, r.Error);
        foreach (var f in new[] { "profile_ne.png", "profile_ne.svg", "spectrum_A.png" })
            ImageFiles.AssertValid(Path.Combine(_tmp.Root, "reports", "synthetic", f));

        var noFigures = Run(new Dictionary<string, string> { ["PATH"] = _tmp.Folder("empty-bin") }, "run", file, "--no-figures", "--data-dir", _tmp.Folder("data"));
        Assert.True(noFigures.ExitCode == 0, noFigures.Error);
        Assert.False(File.Exists(Path.Combine(_tmp.Root, "reports", "synthetic", "profile_ne.png")));
    }

    [Fact]
    public void RefusesToOverwriteAFolderThatIsNotAReport()
    {
        var file = AnalysisFile();
        _tmp.File("mine/notes.txt", "keep");
        var r = Run(null, "run", file, "--out", "mine");
        Assert.Contains("not a cevns report", r.AssertOneLineError(ExitCodes.Usage));
        Assert.True(File.Exists(Path.Combine(_tmp.Root, "mine", "notes.txt")));
    }

    [Fact]
    public void ListShowsThePresetsAndUnknownPresetsAreUsageErrors()
    {
        var list = Run(null, "run", "--list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("preset:sin2-theta-w", list.Out);
        Assert.Contains("Weak mixing angle from COHERENT and reactor CEvNS", list.Out);
        var unknown = Run(null, "run", "preset:nope");
        Assert.StartsWith("cevns run: unknown preset 'nope'", unknown.AssertOneLineError(ExitCodes.Usage));
        var none = Run(null, "run");
        Assert.Contains("give an analysis file or preset:NAME", none.AssertOneLineError(ExitCodes.Usage));
    }
}
