using System.Text.Json;
using Cevns.Analyses;
using Cevns.Analyses.Figures;
using Cevns.Analyses.Reports;
using Cevns.Tests.Data;

namespace Cevns.Tests.Analyses;

/// <summary>
/// The runner and the report writer on the synthetic <see cref="GaussianBackend"/>, whose best fits, errors and
/// intervals are known in closed form: the report holds those numbers, every file exists and parses, a rerun gives
/// identical files, and a failure leaves no report folder.
/// </summary>
public sealed class AnalysisRunnerTests : IDisposable
{
    public const string Analysis = """
        title: Synthetic Gaussian analysis
        datasets:
          A: { id: test-a }
          B: { id: test-b }
        fits:
          A: [A]
          B: [B]
          combined: [A, B]
        free:
          norm.e: { range: [0, 3] }
          norm.mu: { range: [0, 3] }
        scans:
          ne:
            x: { parameter: norm.e, range: [0.2, 2.0], points: 19 }
          both:
            x: { parameter: norm.e, range: [0.2, 2.0], points: 10 }
            y: { parameter: norm.mu, range: [0.4, 1.6], points: 9 }
            fits: [A, combined]
        tables: [chi2_by_dataset, nuisances, events]
        figures:
          formats: [pdf, png, svg]
          spectra: [A]
        """;

    private readonly TempTree _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static AnalysisResults Run(string text = Analysis) =>
        new AnalysisRunner(new GaussianBackend()).Run(AnalysisFileParser.Parse("synthetic.yaml", "synthetic", text), "/nowhere", "test-version");

    [Fact]
    public void BestFitsErrorsAndIntervalsAreTheClosedFormValues()
    {
        var r = Run();
        foreach (var (fit, ids) in new[] { ("A", new[] { "test-a" }), ("B", ["test-b"]), ("combined", ["test-a", "test-b"]) })
        {
            var (mean, sigma) = GaussianBackend.NormE(ids);
            var ne = r.Fit(fit).Parameters.Single(p => p.Name == "norm.e");
            Assert.Equal(mean, ne.BestFit, 4);
            Assert.Equal(ErrorSource.ProfileScan, ne.Source);
            Assert.Equal(sigma, ne.MinusError!.Value, 3);
            Assert.Equal(sigma, ne.PlusError!.Value, 3);
            var scan = r.Scans[0].Fits.Single(f => f.Fit == fit);
            // 90 % CL: Delta chi^2 = 2.71 -> mean +- sqrt(2.71) sigma for a Gaussian profile.
            var cl90 = scan.Intervals[1];
            Assert.Equal(mean - Math.Sqrt(2.71) * sigma, cl90.Lower!.Value, 3);
            Assert.Equal(mean + Math.Sqrt(2.71) * sigma, cl90.Upper!.Value, 3);
        }
        // norm.mu is not scanned in 1D: its error comes from the profiled interval all the same (as in 'fit'), exactly t
        // for one dataset.
        var nm = r.Fit("A").Parameters.Single(p => p.Name == "norm.mu");
        Assert.Equal(ErrorSource.ProfileScan, nm.Source);
        Assert.Equal(0.9, nm.BestFit, 4);
        Assert.Equal(0.15, nm.MinusError!.Value, 3);
        // chi2_min of the combination: the norm.e tension plus the norm.mu tension between A and B.
        var (m, _) = GaussianBackend.NormE("test-a", "test-b");
        double wmu = 1 / (0.15 * 0.15) + 1 / (0.25 * 0.25), mu = (0.9 / (0.15 * 0.15) + 1.1 / (0.25 * 0.25)) / wmu;
        double expected = Sq(m - 1.2) / (0.04 + 0.01) + Sq(m - 0.8) / (0.09 + 0.01) + Sq((mu - 0.9) / 0.15) + Sq((mu - 1.1) / 0.25);
        Assert.Equal(expected, r.Fit("combined").Chi2, 5);
        Assert.True(r.Fit("combined").IsCombination);
        Assert.False(r.Fit("A").IsCombination);
    }

    /// <summary>
    /// norm.mu of dataset A is 0.9 +- 0.15 (closed form): with the fit range starting at 0.85, inside the Delta chi^2 = 1
    /// interval [0.75, 1.05], the lower end is open (0.85 is no physical bound of a signal strength). The estimate keeps
    /// the profiled upper error and says the lower side is open; it is never replaced by a parabolic +-0.15.
    /// </summary>
    [Fact]
    public void AnIntervalOpenAtTheFitRangeIsReportedOpenNotParabolic()
    {
        const string text = """
            title: Open interval
            datasets:
              A: { id: test-a }
            fits:
              A: [A]
            free:
              norm.mu: { range: [0.85, 3] }
            """;
        var r = Run(text);
        var nm = r.Fit("A").Parameters.Single(p => p.Name == "norm.mu");
        Assert.Equal(0.9, nm.BestFit, 4);
        Assert.Equal(ErrorSource.OpenInterval, nm.Source);
        Assert.Null(nm.MinusError);
        Assert.Equal(0.15, nm.PlusError!.Value, 3);
        Assert.Equal("0.90 +0.15 −open", SummaryMarkdown.Estimate(nm));
        // Closed on both sides with the default range: the profiled errors, as before.
        var closed = Run(text.Replace("[0.85, 3]", "[0, 3]")).Fit("A").Parameters.Single(p => p.Name == "norm.mu");
        Assert.Equal(ErrorSource.ProfileScan, closed.Source);
        Assert.Equal(0.15, closed.MinusError!.Value, 3);
    }

    [Fact]
    public void TwoDimensionalContourOfOneDatasetIsTheEllipseOfItsErrors()
    {
        var r = Run();
        var a = r.Scans[1].Fits.Single(f => f.Fit == "A");
        var (mean, sigma) = GaussianBackend.NormE("test-a");
        var lines = a.Contours.Single(c => c.Level == 2.30).Lines;
        Assert.NotEmpty(lines);
        foreach (var (x, y) in lines.SelectMany(l => l.Points))
        {
            double q = Sq((x - mean) / sigma) + Sq((y - 0.9) / 0.15);
            // Contour points are interpolated linearly along grid edges; on an edge of length h along an axis with
            // error sigma a quadratic deviates from its chord by at most (h/sigma)^2/4: 0.2 here (h = 0.2, 0.15).
            double bound = Math.Max(Sq(0.2 / sigma), Sq(0.15 / 0.15)) / 4;
            Assert.InRange(q, 2.30 - bound, 2.30 + 1e-9);
        }
    }

    [Fact]
    public void ReportFolderHasEveryFileAndTheJsonHoldsTheResults()
    {
        var r = Run();
        var dir = ReportWriter.Write(r, Path.Combine(_tmp.Root, "report"));
        foreach (var f in new[] { "analysis.yaml", "summary.md", "results.json", "scan_ne_A.csv", "scan_ne_B.csv",
                     "scan_ne_combined.csv", "scan_both_A.csv", "scan_both_combined.csv", "profile_ne.csv", "contour_both.csv", "spectrum_A.csv" })
            Assert.True(File.Exists(Path.Combine(dir, f)), $"missing {f}");
        foreach (var stem in new[] { "profile_ne", "contour_both", "spectrum_A" })
            foreach (var ext in new[] { "png", "svg" })
                ImageFiles.AssertValid(Path.Combine(dir, $"{stem}.{ext}"));
        Assert.Equal(Analysis, File.ReadAllText(Path.Combine(dir, "analysis.yaml")));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        var root = json.RootElement;
        Assert.Equal(AnalysisFileParser.Hash(Analysis), root.GetProperty("analysis").GetProperty("sha256").GetString());
        Assert.Equal("test-version", root.GetProperty("software").GetProperty("version").GetString());
        var combined = root.GetProperty("fits").EnumerateArray().Single(f => f.GetProperty("label").GetString() == "combined");
        var ne = combined.GetProperty("parameters").GetProperty("norm.e");
        Assert.Equal(GaussianBackend.NormE("test-a", "test-b").Mean, ne.GetProperty("best_fit").GetDouble(), 4);
        Assert.Equal("profile_scan", ne.GetProperty("error_source").GetString());
        Assert.True(combined.GetProperty("nuisances").TryGetProperty("test-a.bkg", out _));
        Assert.Equal(2, combined.GetProperty("chi2_by_term").GetArrayLength());
        var scan = root.GetProperty("scans")[0];
        Assert.Equal("scan_ne_A.csv", scan.GetProperty("fits")[0].GetProperty("file").GetString());
        Assert.Equal(4, scan.GetProperty("fits")[0].GetProperty("intervals").GetArrayLength());
        Assert.Equal(3, root.GetProperty("figures").GetArrayLength());

        var csv = Cevns.Fitting.ScanCsv.Read(Path.Combine(dir, "scan_ne_A.csv"));
        Assert.Equal(["norm.e", "chi2", "delta_chi2", "converged", "norm.mu", "test-a.bkg"], csv.Columns);
        Assert.Equal(19, csv.Rows.Count);
        Assert.Equal("cevns run synthetic.yaml: scan ne, fit A", csv.Comments[0]);
        var summary = File.ReadAllText(Path.Combine(dir, "summary.md"));
        Assert.Contains("# Synthetic Gaussian analysis", summary);
        Assert.Contains(AnalysisFileParser.Hash(Analysis), summary);
        Assert.Contains("![profile_ne](profile_ne.png)", summary);
        Assert.Contains("Gaussian measurement test-a", summary);
    }

    /// <summary>The scan files' delta_chi2 refers to the minimum results.json and the intervals use (1D and 2D).</summary>
    [Fact]
    public void ScanFilesReferToTheMinimumOfTheReport()
    {
        foreach (var scan in Run().Scans)
            foreach (var f in scan.Fits)
            {
                Assert.Equal(f.MinimumChi2, f.Table.MinimumChi2);
                Assert.Equal(f.Chi2.Count, f.Table.Rows.Count);
            }
    }

    [Fact]
    public void RerunGivesIdenticalNumbers()
    {
        var first = ReportWriter.Write(Run(), Path.Combine(_tmp.Root, "one"), null);
        var second = ReportWriter.Write(Run(), Path.Combine(_tmp.Root, "two"), null);
        foreach (var f in new[] { "results.json", "summary.md", "scan_ne_A.csv", "scan_both_combined.csv" })
            Assert.Equal(File.ReadAllText(Path.Combine(first, f)), File.ReadAllText(Path.Combine(second, f)));
    }

    [Fact]
    public void NumbersDoNotDependOnTheThreadCount()
    {
        var file = AnalysisFileParser.Parse("synthetic.yaml", "synthetic", Analysis);
        string Json(int threads) => ResultsJson.Build(
            new AnalysisRunner(new GaussianBackend()) { Threads = threads }.Run(file, "/nowhere", "v"), [], []);
        Assert.Equal(Json(1), Json(4));
    }

    [Fact]
    public void FailureWhileWritingLeavesNoReportAndNoTemporaryFolder()
    {
        var parent = _tmp.Folder("out");
        IReadOnlyList<string> Broken(Figure f, string dir, IReadOnlyList<FigureFormat> formats) => throw new FigureException($"figure {f.Name} could not be drawn");
        Assert.Throws<FigureException>(() => ReportWriter.Write(Run(), Path.Combine(parent, "report"), Broken));
        Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
    }

    [Fact]
    public void AnEarlierReportIsReplacedButAnyOtherFolderIsRefused()
    {
        var target = Path.Combine(_tmp.Root, "again");
        ReportWriter.Write(Run(), target, null);
        File.WriteAllText(Path.Combine(target, "stale.txt"), "from before");
        ReportWriter.Write(Run(), target, null);
        Assert.False(File.Exists(Path.Combine(target, "stale.txt")));
        Assert.Single(Directory.EnumerateFileSystemEntries(_tmp.Root), e => Path.GetFileName(e).Contains("again"));

        var precious = _tmp.Folder("precious");
        File.WriteAllText(Path.Combine(precious, "thesis.tex"), "do not delete");
        var e = Assert.Throws<AnalysisFileException>(() => ReportWriter.Write(Run(), precious, null));
        Assert.Contains("not a cevns report", e.Message);
        Assert.True(File.Exists(Path.Combine(precious, "thesis.tex")));
    }

    [Fact]
    public void ScanOfAParameterTheFitDoesNotFreeIsAnError()
    {
        // Parsing accepts it (norm.mu is free in the file); the backend's problem must also have it free.
        var text = Analysis.Replace("  norm.mu: { range: [0, 3] }\n", "  norm.mu: { range: [0, 3] }\n  signal_norm: {}\n")
            .Replace("tables:", "  sn:\n    x: { parameter: signal_norm, range: [0.5, 1.5], points: 3 }\ntables:");
        var e = Assert.Throws<AnalysisFileException>(() => Run(text));
        Assert.Contains("scans.sn: signal_norm is not a free parameter of fit A", e.Message);
    }

    [Fact]
    public void UnavailableOptionalDatasetIsLeftOutWithANote()
    {
        var text = Analysis.Replace("  B: { id: test-b }\n", "  B: { id: test-b }\n  C: { id: test-missing, optional: true }\n")
            .Replace("  combined: [A, B]\n", "  combined: [A, B, C]\n  C: [C]\n");
        var r = Run(text);
        Assert.Equal(["A", "B", "combined"], r.Fits.Select(f => f.Label));
        Assert.Equal(["A", "B"], r.Fit("combined").Datasets);
        Assert.Contains(r.Notes, n => n.StartsWith("optional dataset C (test-missing) left out: its data file is not in the data directory"));
        Assert.Contains(r.Notes, n => n == "fit C left out: all its datasets are unavailable");
        Assert.Equal(GaussianBackend.NormE("test-a", "test-b").Mean, r.Fit("combined").Parameters[0].BestFit, 4);

        // Not optional: the run stops before anything is computed, naming the file, line and dataset.
        var required = text.Replace("test-missing, optional: true", "test-missing");
        var e = Assert.Throws<AnalysisFileException>(() => Run(required));
        Assert.StartsWith("synthetic.yaml:5: datasets.C.id: dataset 'test-missing' is not available", e.Message);
    }

    private static double Sq(double x) => x * x;
}

public sealed class RunnerNoteTests
{
    [Fact]
    public void NotesDifferingOnlyInTheLevelAreCondensed()
    {
        var notes = AnalysisRunner.CondenseLevels([
            "upper edge open: Delta chi2 = 4 is not exceeded up to the scan bound 3; extend the scan",
            "upper edge open: Delta chi2 = 9 is not exceeded up to the scan bound 3; extend the scan",
            "1 refinement fit(s) did not converge",
        ]);
        Assert.Equal([
            "upper edge open: Delta chi2 = 4, 9 is not exceeded up to the scan bound 3; extend the scan",
            "1 refinement fit(s) did not converge",
        ], notes);
    }
}
