using Cevns.Analyses;
using Cevns.Fitting;
using Cevns.Datasets;
using Cevns.Physics.FormFactors;

namespace Cevns.Tests.Analyses;

/// <summary>
/// The analysis-file schema: a complete file parses into what it says; every malformed file gives ONE line naming the
/// file, the line and the key.
/// </summary>
public sealed class AnalysisFileParserTests
{
    private const string Valid = """
        title: Weak mixing angle from two datasets
        description: test analysis
        datasets:
          csi: { id: coherent-csi-2021 }
          dresden-fef:
            id: dresden-ii-2022
            options: { quenching: fef }
        fits:
          CsI: [csi]
          combined: [csi, dresden-fef]
        free:
          sin2_theta_w: { range: [0.1, 0.4] }
          flux_norm.sns: {}
        fixed:
          rn.Cs: 5.1
        priors:
          sin2_theta_w: { mean: 0.2386, sigma: 0.0016, source: "nu-e scattering" }
        scans:
          s2:
            x: { parameter: sin2_theta_w, range: [0.15, 0.35], points: 21 }
          both:
            x: { parameter: sin2_theta_w, range: [0.15, 0.35], points: 5 }
            y: { parameter: flux_norm.sns, range: [0.5, 1.5], points: 4 }
            fits: [combined]
        tables: [chi2_by_dataset, events]
        figures:
          formats: [svg, png]
          spectra: [csi]
          form_factors: { elements: [Cs, I], models: [helm, kn], q_max_per_fm: 0.8 }
          cross_sections:
            csi: { target: CsI, flavors: [nue, numu], enu_mev: [30], recoil_kev: [0.5, 60] }
        """;

    private static AnalysisFile Parse(string text) => AnalysisFileParser.Parse("test.yaml", "test", text);

    private static string Error(string text) =>
        Assert.Throws<AnalysisFileException>(() => Parse(text)).Message;

    /// <summary>The valid file with one line replaced (matched by its start after indentation).</summary>
    private static string With(string startOfLine, string replacement)
    {
        var lines = Valid.Split('\n').ToList();
        int i = lines.FindIndex(l => l.TrimStart().StartsWith(startOfLine, StringComparison.Ordinal));
        Assert.True(i >= 0, $"no line starts with '{startOfLine}'");
        lines[i] = replacement;
        return string.Join('\n', lines);
    }

    private static int LineOf(string text, string startOfLine) =>
        text.Split('\n').ToList().FindIndex(l => l.TrimStart().StartsWith(startOfLine, StringComparison.Ordinal)) + 1;

    [Fact]
    public void ValidFileParsesIntoItsSections()
    {
        var a = Parse(Valid);
        Assert.Equal("Weak mixing angle from two datasets", a.Title);
        Assert.Equal(["csi", "dresden-fef"], a.Datasets.Select(d => d.Label));
        Assert.Equal("dresden-ii-2022", a.Dataset("dresden-fef").Id);
        Assert.Equal("fef", a.Dataset("dresden-fef").Options["quenching"]);
        Assert.Equal(["CsI", "combined"], a.Fits.Select(f => f.Label));
        Assert.Equal(["csi", "dresden-fef"], a.Fits[1].Datasets);
        Assert.Equal(new FreeParameter("sin2_theta_w", 0.1, 0.4), a.Free[0]);
        Assert.Equal(new FreeParameter("flux_norm.sns", null, null), a.Free[1]);
        Assert.Equal(5.1, a.Fixed["rn.Cs"]);
        Assert.Equal(new ParameterPrior("sin2_theta_w", 0.2386, 0.0016, "nu-e scattering"), a.Priors[0]);
        Assert.Equal(2, a.Scans.Count);
        Assert.Equal(["CsI", "combined"], a.Scans[0].Fits);
        Assert.Equal(["combined"], a.Scans[1].Fits);
        Assert.Equal(4, a.Scans[1].Y!.Points);
        Assert.Equal([ReportTable.Chi2ByDataset, ReportTable.Events], a.Tables);
        Assert.Equal([FigureFormat.Svg, FigureFormat.Png], a.Figures.Formats);
        Assert.Equal(["Cs", "I"], a.Figures.FormFactors!.Elements);
        Assert.Equal([FormFactorModel.Helm, FormFactorModel.KleinNystrand], a.Figures.FormFactors.Models);
        Assert.Equal(60, a.Figures.CrossSections[0].RecoilMaxKeV);
        Assert.Equal(64, a.Sha256.Length);
    }

    [Fact]
    public void DefaultsAreOneCombinedFitAndStandardFigures()
    {
        var a = Parse("title: t\ndatasets:\n  a: { id: x }\n  b: { id: y }\n");
        Assert.Equal("combined", Assert.Single(a.Fits).Label);
        Assert.Equal(["a", "b"], a.Fits[0].Datasets);
        Assert.True(a.Figures.Profiles && a.Figures.Contours);
        Assert.Equal([FigureFormat.Png, FigureFormat.Svg], a.Figures.Formats);
        var single = Parse("title: t\ndatasets:\n  coherent-ar-2020: {}\n");
        Assert.Equal("coherent-ar-2020", single.Fits[0].Label);
        Assert.Equal("coherent-ar-2020", single.Datasets[0].Id);
    }

    [Fact]
    public void ScanGridsAreLinearOrLogarithmicWithExactEnds()
    {
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], new ScanAxis("p", 0, 1, 5, AxisScale.Linear).Values);
        var log = new ScanAxis("p", 1, 1000, 4, AxisScale.Log).Values;
        Assert.Equal(1.0, log[0]);
        Assert.Equal(10.0, log[1], 12);
        Assert.Equal(100.0, log[2], 12);
        Assert.Equal(1000.0, log[3]);
    }

    [Fact]
    public void HashIsSha256OfTheText()
    {
        // sha256("abc") from FIPS 180-2, Appendix B.1.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", AnalysisFileParser.Hash("abc"));
    }

    public static TheoryData<string, string, string, string> Malformed => new()
    {
        // (line to replace, replacement, key path expected in the message, what the message says)
        { "tables:", "table: [events]", "table", "unknown key" },
        { "options:", "    option: { quenching: fef }", "datasets.dresden-fef.option", "unknown key" },
        { "rn.Cs:", "  rn.Xx: 5.1", "fixed.rn.Xx", "unknown parameter" },
        { "rn.Cs:", "  rn.Cs: 50", "fixed.rn.Cs", "outside the allowed range" },
        { "rn.Cs:", "  coherent-csi-2021.brn_norm: 1", "fixed.coherent-csi-2021.brn_norm", "nuisance" },
        { "rn.Cs:", "  sin2_theta_w: 0.24", "fixed.sin2_theta_w", "both free and fixed" },
        { "rn.Cs:", "  rn.Cs: five", "fixed.rn.Cs", "expected a finite number" },
        { "CsI:", "  CsI: [cs]", "fits.CsI", "unknown dataset 'cs'" },
        { "CsI:", "  CsI: []", "fits.CsI", "at least one dataset" },
        { "sin2_theta_w: { range", "  sin2_theta_w: { range: [0.4, 0.1] }", "free.sin2_theta_w.range", "low < high" },
        { "sin2_theta_w: { range", "  sin2_theta_w: { range: [-0.5, 0.4] }", "free.sin2_theta_w.range", "exceeds the allowed range" },
        { "sin2_theta_w: { range", "  sin2_theta_w: { start: 0.2 }", "free.sin2_theta_w.start", "unknown key" },
        { "sin2_theta_w: { mean", "  rn.I: { mean: 5, sigma: 0.1, source: x }", "priors.rn.I", "needs a free parameter" },
        { "sin2_theta_w: { mean", "  sin2_theta_w: { mean: 0.2386, sigma: 0, source: x }", "priors.sin2_theta_w.sigma", "positive" },
        { "x: { parameter: sin2_theta_w, range: [0.15, 0.35], points: 21", "    x: { parameter: rn.Cs, range: [4, 6], points: 21 }", "scans.s2.x.parameter", "not a free parameter" },
        { "x: { parameter: sin2_theta_w, range: [0.15, 0.35], points: 21", "    x: { parameter: sin2_theta_w, range: [0.05, 0.35], points: 21 }", "scans.s2.x.range", "exceeds the fit range" },
        { "x: { parameter: sin2_theta_w, range: [0.15, 0.35], points: 21", "    x: { parameter: sin2_theta_w, range: [0.15, 0.35], points: 2.5 }", "scans.s2.x.points", "whole number" },
        { "x: { parameter: sin2_theta_w, range: [0.15, 0.35], points: 21", "    x: { parameter: sin2_theta_w, range: [0.15, 0.35], points: 1 }", "scans.s2.x.points", "from 2 to 1001" },
        { "x: { parameter: sin2_theta_w, range: [0.15, 0.35], points: 21", "    x: { parameter: sin2_theta_w, range: [0.15, 0.35], points: 21, scale: logarithmic }", "scans.s2.x.scale", "unknown scale" },
        { "y: { parameter", "    y: { parameter: sin2_theta_w, range: [0.15, 0.35], points: 4 }", "scans.both.y", "both axes" },
        { "fits: [combined]", "    fits: [all]", "scans.both.fits", "unknown fit 'all'" },
        { "formats:", "  formats: [jpg]", "figures.formats", "unknown format 'jpg'" },
        { "spectra:", "  spectra: [ar]", "figures.spectra", "unknown dataset 'ar'" },
        { "form_factors:", "  form_factors: { elements: [Xe] }", "figures.form_factors.elements", "unknown element 'Xe'" },
        { "csi: { target", "    csi: { target: NaI, flavors: [nue], enu_mev: [30], recoil_kev: [0.5, 60] }", "figures.cross_sections.csi.target", "unknown target" },
        { "csi: { target", "    csi: { target: CsI, flavors: [nux], enu_mev: [30], recoil_kev: [0.5, 60] }", "figures.cross_sections.csi.flavors", "unknown flavour" },
        { "tables:", "tables: [everything]", "tables", "unknown table" },
        { "title:", "titel: x", "titel", "unknown key" },
        { "title:", "combined: everything", "combined", "unknown fit 'everything'" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedFileGivesOneLineNamingFileLineAndKey(string line, string replacement, string key, string what)
    {
        var text = With(line, replacement);
        var message = Error(text);
        Assert.DoesNotContain('\n', message);
        Assert.StartsWith("test.yaml:", message);
        Assert.Contains($": {key}", message);
        Assert.Contains(what, message);
        // The line number points at the replaced line (or, for a key inside a flow mapping, that same line).
        int expectedLine = text.Split('\n').ToList().IndexOf(replacement) + 1;
        Assert.StartsWith($"test.yaml:{expectedLine}:", message);
    }

    [Fact]
    public void MissingTitleAndDatasetsAreNamed()
    {
        Assert.Contains("title: missing required key", Error("datasets:\n  a: {}\n"));
        Assert.Contains("datasets: missing required key", Error("title: t\n"));
        Assert.Contains("datasets: no datasets", Error("title: t\ndatasets: {}\n"));
    }

    [Fact]
    public void BrokenYamlAndDuplicateKeysNameTheLine()
    {
        var broken = Error("title: t\ndatasets:\n  a: { id: x\n  b: {}\n");
        Assert.StartsWith("test.yaml:", broken);
        Assert.Contains("malformed YAML", broken);
        Assert.DoesNotContain('\n', broken);
        var duplicate = Error("title: t\ndatasets:\n  a: {}\n  a: {}\n");
        Assert.Equal("test.yaml:4: a: the key appears twice in the same section", duplicate);
        var unclosed = Error("title: t\ndatasets:\n  a: [x, y\n");
        Assert.StartsWith("test.yaml:", unclosed);
        Assert.Contains("malformed YAML", unclosed);
    }

    [Fact]
    public void SameDatasetTwiceInOneFitIsRefused()
    {
        var text = "title: t\ndatasets:\n  fef: { id: dresden-ii-2022, options: { quenching: fef } }\n"
                   + "  ybe: { id: dresden-ii-2022, options: { quenching: ybe } }\nfits:\n  both: [fef, ybe]\n";
        var m = Error(text);
        Assert.StartsWith("test.yaml:6: fits.both", m);
        Assert.Contains("twice", m);
    }

    [Fact]
    public void UnknownDatasetIdIsReportedAtItsLineBeforeAnythingRuns()
    {
        var a = Parse("title: t\ndatasets:\n  csi: { id: coherent-csi-2021 }\n  xe: { id: xenon-2030 }\n");
        var defs = new[] { Definition("coherent-csi-2021") };
        var m = Assert.Throws<AnalysisFileException>(() => AnalysisDatasets.Check(a, defs)).Message;
        Assert.Equal("test.yaml:4: datasets.xe.id: dataset 'xenon-2030' is not available in this build (available: coherent-csi-2021)", m);
    }

    [Fact]
    public void FitOfASupersededPairIsRefused()
    {
        var a = Parse("title: t\ndatasets:\n  new: { id: coherent-csi-2021 }\n  old: { id: coherent-csi-2017 }\nfits:\n  both: [new, old]\n");
        var defs = new[] { Definition("coherent-csi-2021", "coherent-csi-2017"), Definition("coherent-csi-2017") };
        var m = Assert.Throws<AnalysisFileException>(() => AnalysisDatasets.Check(a, defs)).Message;
        Assert.StartsWith("test.yaml:6: fits.both: combines coherent-csi-2021 with coherent-csi-2017", m);
    }

    /// <summary>
    /// A preset has at most one combination fit (drawn in black; its radii feed the sin^2 running figure): by default the fit
    /// of every dataset; where two datasets can never share a fit (apv-cs-1997 and apv-cs-2021 in sin2-global and apv-csi) the
    /// 'combined' key names it, so those presets keep one. Presets of alternatives (one fit per quenching model) have none.
    /// </summary>
    [Fact]
    public void PresetsHaveAtMostOneCombinationAndTheApvPresetsTheirNamedOne()
    {
        foreach (var name in PresetCatalog.Names)
        {
            var a = PresetCatalog.Load(name);
            Assert.True(a.Fits.Count(f => AnalysisRunner.IsCombination(a, f.Label)) <= 1, $"preset {name}: several combination fits");
        }
        foreach (var (name, fit) in new[] { ("sin2-global", "all"), ("apv-csi", "APV+CsI+RnCs") })
        {
            var a = PresetCatalog.Load(name);
            Assert.Equal(fit, a.Combined);
            Assert.Equal([fit], a.Fits.Where(f => AnalysisRunner.IsCombination(a, f.Label)).Select(f => f.Label));
        }
        var unnamed = PresetCatalog.Load("sin2-theta-w");
        Assert.Null(unnamed.Combined);
        Assert.Equal(["combined"], unnamed.Fits.Where(f => AnalysisRunner.IsCombination(unnamed, f.Label)).Select(f => f.Label));
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        var m = Assert.Throws<AnalysisFileException>(() => AnalysisFileParser.Load("/nonexistent/analysis.yaml")).Message;
        Assert.Equal("analysis file '/nonexistent/analysis.yaml' not found", m);
    }

    private static DatasetDefinition Definition(string id, params string[] supersedes) =>
        DatasetDefinition.Parse($"{id}.yaml",
            $"id: {id}\nkind: test\ntitle: {id}\nreference: none\ntarget: CsI\n" + (supersedes.Length > 0 ? $"supersedes: [{string.Join(", ", supersedes)}]\n" : ""));
}
