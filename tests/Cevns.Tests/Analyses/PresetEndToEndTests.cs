using System.Text.Json;
using Cevns.Tests.Cli;
using Cevns.Tests.Data;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Analyses;

/// <summary>
/// The small preset end to end on the public data, through the command line as a user runs it: the report folder
/// has every file, results.json parses, the figures are valid images, and the numbers agree with the direct
/// 'cevns fit' of the same dataset and parameter (the same chi^2 minimised by two code paths: the global fit plus a
/// scan with root-refined crossings in 'run', the automatic interval search in 'fit').
/// </summary>
public sealed class PresetEndToEndTests : IDisposable
{
    private readonly TempTree _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static IReadOnlyDictionary<string, string> Environment() => new Dictionary<string, string>
    {
        ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "",
        ["CEVNS_DATA"] = SourcesDataRoot.Path,
    };

    /// <summary>
    /// The energy and the time projection of one dataset sum the same bins: equal totals of data and prediction; in
    /// each bin the stacked components add up to the fitted expectation of their fit.
    /// </summary>
    private static void AssertProjectionsAgree(string report, params string[] stems)
    {
        var totals = new List<(double Observed, double Expected)>();
        foreach (var stem in stems)
        {
            var lines = File.ReadAllLines(Path.Combine(report, stem + ".csv"));
            var header = lines[0].Split(',');
            int expected = Array.FindIndex(header, h => h.StartsWith("expected_"));
            var fit = header[expected]["expected_".Length..];
            var components = header.Select((h, i) => (h, i)).Where(t => t.h.StartsWith($"component_{fit}_")).Select(t => t.i).ToArray();
            Assert.NotEmpty(components);
            double obs = 0, exp = 0;
            foreach (var line in lines.Skip(1))
            {
                var c = line.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                Assert.Equal(c[expected], components.Sum(k => c[k]), 6);
                obs += c[3];
                exp += c[expected];
            }
            totals.Add((obs, exp));
        }
        Assert.Equal(totals[0].Observed, totals[1].Observed, 9);
        Assert.Equal(totals[0].Expected, totals[1].Expected, 6);
    }

    [Fact]
    public void ArgonSignalStrengthPresetMatchesTheFitCommand()
    {
        var report = Path.Combine(_tmp.Root, "report");
        var run = CliRunner.Run(["run", "preset:ar-signal-strength", "--out", report], Environment());
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"report: {report}", run.Out);

        foreach (var file in new[] { "summary.md", "results.json", "analysis.yaml", "scan_mu_ar.csv", "profile_mu.csv", "spectrum_ar.csv" })
            Assert.True(File.Exists(Path.Combine(report, file)), $"missing {file}");
        foreach (var stem in new[] { "profile_mu", "spectrum_ar", "spectrum_ar_time", "form_factor_Ar", "cross_section_ar" })
            foreach (var ext in new[] { "png", "svg" })
                ImageFiles.AssertValid(Path.Combine(report, $"{stem}.{ext}"));
        AssertProjectionsAgree(report, "spectrum_ar", "spectrum_ar_time");

        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(report, "results.json")));
        var fit = results.RootElement.GetProperty("fits")[0];
        Assert.True(fit.GetProperty("converged").GetBoolean());
        var mu = fit.GetProperty("parameters").GetProperty("signal_norm");
        double best = mu.GetProperty("best_fit").GetDouble();
        double chi2 = fit.GetProperty("chi2_min").GetDouble();
        Assert.Equal("profile_scan", mu.GetProperty("error_source").GetString());
        var oneSigma = results.RootElement.GetProperty("scans")[0].GetProperty("fits")[0].GetProperty("intervals")[0].GetProperty("segments")[0];

        var direct = CliRunner.Run(["fit", "--experiments", "coherent-ar-2020", "--free", "signal_norm", "--json"], Environment());
        Assert.True(direct.ExitCode == 0, direct.Error);
        using var fitJson = JsonDocument.Parse(direct.Out);
        var f = fitJson.RootElement;
        // Both minimisers stop at EDM < 1e-6 (chi^2 units): chi^2 agrees to ~1e-6, the best fit to ~sqrt(2e-6) sigma.
        Assert.Equal(f.GetProperty("chi2_min").GetDouble(), chi2, 4);
        double sigma = mu.GetProperty("plus_error").GetDouble();
        Assert.InRange(best - f.GetProperty("best_fit").GetProperty("signal_norm").GetDouble(), -0.005 * sigma, 0.005 * sigma);
        var fitOneSigma = f.GetProperty("intervals").GetProperty("signal_norm").GetProperty("1sigma");
        // Interval edges: both root-find the Delta chi^2 = 1 crossing of the same profile, to 1e-4 of their brackets.
        Assert.Equal(fitOneSigma[0].GetDouble(), oneSigma.GetProperty("lower").GetDouble(), 2);
        Assert.Equal(fitOneSigma[1].GetDouble(), oneSigma.GetProperty("upper").GetDouble(), 2);
        // The published fit: 159 +- 43 events against 128 +- 17 predicted (docs/physics.md section 10), Data/SM 1.2 +- 0.35.
        Assert.InRange(best, 0.8, 1.6);
    }
}
