using Cevns.Analyses;
using Cevns.Fitting;
using Cevns.Analyses.Figures;
using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Physics.FormFactors;
using Cevns.Statistics;
using Cevns.Tests.Data;

namespace Cevns.Tests.Analyses;

/// <summary>
/// Each figure type drawn in-process from known data: the images are valid and not blank (PNG decoded, SVG parsed, PDF
/// checked; see <see cref="ImageFiles"/>) and the CSV beside them holds the plotted numbers. Set CEVNS_KEEP_FIGURES to
/// a folder to keep the images for looking at them.
/// </summary>
public sealed class FigureTests : IDisposable
{
    private readonly TempTree _tmp = new();
    private readonly string _dir;
    private static readonly FigureFormat[] All = [FigureFormat.Pdf, FigureFormat.Png, FigureFormat.Svg];

    public FigureTests()
    {
        _dir = Environment.GetEnvironmentVariable("CEVNS_KEEP_FIGURES") is { Length: > 0 } keep
            ? Directory.CreateDirectory(keep).FullName
            : _tmp.Folder("figures");
    }

    public void Dispose() => _tmp.Dispose();

    private IReadOnlyList<string> Draw(Figure f)
    {
        var files = FigureRenderer.Render(f, _dir, All);
        foreach (var ext in new[] { "pdf", "png", "svg" })
        {
            ImageFiles.AssertValid(Path.Combine(_dir, $"{f.Name}.{ext}"));
            Assert.Contains($"{f.Name}.{ext}", files);
        }
        foreach (var d in f.Data) Assert.True(File.Exists(Path.Combine(_dir, d.FileName)));
        return files;
    }

    [Fact]
    public void ProfileFigureDrawsEveryFitAndWritesItsCurveAsCsv()
    {
        // Parabolas Delta chi^2 = ((x - mu)/sigma)^2: the CSV must hold exactly these values.
        var grid = ScanGrid(0.15, 0.35, 41);
        var curves = new[]
        {
            new ProfileCurve("CsI", false, grid.Select(x => Sq((x - 0.24) / 0.03)).ToArray()),
            new ProfileCurve("Ar", false, grid.Select(x => Sq((x - 0.22) / 0.05)).ToArray()),
            new ProfileCurve("combined", true, grid.Select(x => Sq((x - 0.235) / 0.025)).ToArray()),
        };
        Draw(ProfileFigure.Build("profile_sin2", "sin2_theta_w", grid, curves, AxisScale.Linear));
        var lines = File.ReadAllLines(Path.Combine(_dir, "profile_sin2.csv"));
        Assert.Equal("sin2_theta_w,delta_chi2_CsI,delta_chi2_Ar,delta_chi2_combined", lines[0]);
        Assert.Equal(42, lines.Length);
        var row = lines[21].Split(',').Select(double.Parse).ToArray();   // grid[20] = 0.25
        Assert.Equal(0.25, row[0], 12);
        Assert.Equal(Sq(0.01 / 0.03), row[1], 12);
    }

    [Fact]
    public void ContourFigureOverlaysFitsAtTheThreeLevels()
    {
        // Circular Gaussian chi^2 = (dx^2 + dy^2)/s^2: the 2.30 contour is a circle of radius s sqrt(2.30).
        var x = new ScanAxis("norm.e", 0, 2, 41, AxisScale.Linear);
        var y = new ScanAxis("norm.mu", 0, 2, 41, AxisScale.Linear);
        var sets = new[]
        {
            Set("CsI", false, 1.1, 0.9, 0.2, x, y), Set("Ar", false, 0.8, 1.2, 0.3, x, y) with { NotConverged = [(0.5, 1.5)] },
            Set("combined", true, 1.0, 1.0, 0.15, x, y),
        };
        Draw(ContourFigure.Build("contour_norms", x, y, sets, (1, 1, "SM")));
        var rows = File.ReadAllLines(Path.Combine(_dir, "contour_norms.csv")).Skip(1).Where(l => l.StartsWith("combined,1sigma,")).ToArray();
        Assert.NotEmpty(rows);
        foreach (var r in rows)
        {
            var c = r.Split(',');
            double dx = double.Parse(c[3]) - 1.0, dy = double.Parse(c[4]) - 1.0;
            // Linear interpolation between grid points of a quadratic: within (grid step)^2 / s^2 of the exact radius.
            Assert.Equal(0.15 * Math.Sqrt(2.30), Math.Sqrt(dx * dx + dy * dy), 2);
        }
        Assert.Contains("Ar,not_converged,nan,0.5,1.5", File.ReadAllLines(Path.Combine(_dir, "contour_norms.csv")));
    }

    [Fact]
    public void SpectrumFigureHasResidualsOfEachPrediction()
    {
        var bins = Enumerable.Range(0, 12).Select(i => (Lo: 0.2 + 0.1 * i, Hi: 0.3 + 0.1 * i)).ToArray();
        var expected = bins.Select(b => 40 * Math.Exp(-3 * b.Lo) + 5).ToArray();
        var observed = expected.Select((e, i) => Math.Round(e + (i % 3 - 1) * Math.Sqrt(e))).ToArray();
        var sm = expected.Select(e => 0.9 * e).ToArray();
        Draw(SpectrumFigure.Build("spectrum_test", "Test reactor spectrum", "energy [keVee]", bins, observed,
            [new SpectrumSeries("best fit", true, expected), new SpectrumSeries("SM", false, sm)]));
        var lines = File.ReadAllLines(Path.Combine(_dir, "spectrum_test.csv"));
        Assert.Equal("bin_low,bin_high,bin_center,observed,observed_error,expected_best fit,expected_SM,residual_best fit,residual_SM", lines[0]);
        var first = lines[1].Split(',').Select(double.Parse).ToArray();
        Assert.Equal((observed[0] - expected[0]) / Math.Sqrt(expected[0]), first[7], 12);
        Assert.Equal(Math.Sqrt(observed[0]), first[4], 12);
    }

    [Fact]
    public void SpectrumOfRatesShowsDifferencesWithoutPoissonErrors()
    {
        var bins = Enumerable.Range(0, 8).Select(i => (Lo: 0.2 + 0.15 * i, Hi: 0.35 + 0.15 * i)).ToArray();
        var expected = bins.Select(b => 3.0 / b.Lo).ToArray();
        var observed = expected.Select((e, i) => e + (i % 2 == 0 ? 0.4 : -0.3)).ToArray();
        Draw(SpectrumFigure.Build("spectrum_rates", "Rates", "energy [keVee]", bins, observed,
            [new SpectrumSeries("fit", false, expected)], poisson: false));
        var row = File.ReadAllLines(Path.Combine(_dir, "spectrum_rates.csv"))[1].Split(',');
        Assert.Equal("nan", row[4]);
        Assert.Equal(0.4, double.Parse(row[6]), 12);

        // With known errors: error bars sigma and pulls (obs - exp)/sigma.
        var sigma = expected.Select(e => 0.2 * e).ToArray();
        Draw(SpectrumFigure.Build("spectrum_pulls", "Rates", "energy [keVee]", bins, observed,
            [new SpectrumSeries("fit", false, expected)], poisson: false, errors: sigma));
        var pulls = File.ReadAllLines(Path.Combine(_dir, "spectrum_pulls.csv"))[1].Split(',');
        Assert.Equal(sigma[0], double.Parse(pulls[4]), 12);
        Assert.Equal(0.4 / sigma[0], double.Parse(pulls[6]), 12);
    }

    [Fact]
    public void FormFactorFigureStartsAtOneAndUsesTheNeutronRadiusParameter()
    {
        var p = PhysicsParameters.StandardModel.With("rn.Ge", 4.5);
        Draw(FormFactorFigure.Build("form_factors_Ge", "Ge", [FormFactorModel.Helm, FormFactorModel.SymmetrizedFermi, FormFactorModel.KleinNystrand], 1.5, p));
        var lines = File.ReadAllLines(Path.Combine(_dir, "form_factors_Ge.csv"));
        Assert.Equal("q_per_fm,F_proton_helm,F_neutron_helm,F_proton_sf,F_neutron_sf,F_proton_kn,F_neutron_kn", lines[0]);
        Assert.All(lines[1].Split(',').Skip(1).Select(double.Parse), f => Assert.Equal(1.0, f, 9));
        var mid = lines[101].Split(',').Select(double.Parse).ToArray();
        Assert.Equal(new HelmFormFactor(4.5).At(mid[0]), mid[2], 12);
    }

    [Fact]
    public void CrossSectionFigureMatchesTheTargetCrossSection()
    {
        var spec = new CrossSectionFigureSpec("csi", "CsI", ScatteringChannel.Cevns, [NeutrinoSpecies.NuE, NeutrinoSpecies.NuMu],
            [30.0], 0.1, 100, FormFactorModel.Helm);
        var bsm = PhysicsParameters.StandardModel.With("charge_radius.e", 30);
        Draw(CrossSectionFigure.Build("xsec_csi", spec, [("SM", PhysicsParameters.StandardModel), ("charge radius", bsm)]));
        var lines = File.ReadAllLines(Path.Combine(_dir, "xsec_csi.csv"));
        Assert.Equal(5, lines[0].Split(',').Length);
        var row = lines[50].Split(',').Select(double.Parse).ToArray();
        double expected = TargetCrossSection.DifferentialCm2PerKeV(Cevns.Physics.Nuclei.NuclearCatalog.FindTarget("CsI")!, NeutrinoSpecies.NuE, 30, row[0],
            ScatteringChannel.Cevns, PhysicsParameters.StandardModel, CrossSectionOptions.Default);
        Assert.Equal(expected, row[1], expected * 1e-12);
        Assert.NotEqual(row[1], row[2]);
    }

    [Fact]
    public void SpectrumFigureStacksTheComponentsOfOneFit()
    {
        var bins = Enumerable.Range(0, 6).Select(i => (Lo: 4.0 * i, Hi: 4.0 * i + 4)).ToArray();
        double[] cevnsMu = [30, 25, 15, 8, 3, 1], cevnsE = [10, 12, 9, 5, 2, 1], brn = [5, 4, 3, 2, 2, 1], ss = [20, 20, 20, 20, 20, 20];
        var total = bins.Select((_, i) => cevnsMu[i] + cevnsE[i] + brn[i] + ss[i]).ToArray();
        var observed = total.Select((t, i) => Math.Round(t + (i % 2 == 0 ? 1 : -1) * Math.Sqrt(t))).ToArray();
        var stack = new SpectrumStack("combined",
        [
            new SpectrumComponent(NeutrinoSpecies.NuMu, SpectrumComponentKind.Cevns, "CEvNS ν_μ", cevnsMu),
            new SpectrumComponent(NeutrinoSpecies.NuE, SpectrumComponentKind.Cevns, "CEvNS ν_e", cevnsE),
            new SpectrumComponent(null, SpectrumComponentKind.Background, "BRN", brn),
            new SpectrumComponent(null, SpectrumComponentKind.Background, "steady-state", ss),
            new SpectrumComponent(null, SpectrumComponentKind.ElectronScattering, "ν-e scattering", new double[6]),
        ]);
        Draw(SpectrumFigure.Build("spectrum_stack", "CsI", "energy [PE]", bins, observed,
            [new SpectrumSeries("combined", true, total), new SpectrumSeries("CsI", false, total.Select(t => 1.1 * t).ToArray())], stack: stack));
        var lines = File.ReadAllLines(Path.Combine(_dir, "spectrum_stack.csv"));
        // A component that is zero everywhere is left out.
        Assert.Equal("bin_low,bin_high,bin_center,observed,observed_error,expected_combined,expected_CsI,residual_combined,residual_CsI,"
                     + "component_combined_CEvNS ν_μ,component_combined_CEvNS ν_e,component_combined_BRN,component_combined_steady-state", lines[0]);
        foreach (var line in lines.Skip(1))
        {
            var c = line.Split(',').Select(double.Parse).ToArray();
            Assert.Equal(c[5], c[9] + c[10] + c[11] + c[12], 12);
        }
    }

    [Fact]
    public void SpectrumFigureRejectsComponentsOfAnotherLength()
    {
        var bins = new[] { (0.0, 1.0), (1.0, 2.0) };
        var stack = new SpectrumStack("fit", [new SpectrumComponent(null, SpectrumComponentKind.Background, "bkg", [1.0])]);
        var e = Assert.Throws<ArgumentException>(() => SpectrumFigure.Build("bad", "bad", "x", bins, [1, 2], [new SpectrumSeries("fit", false, [1, 2])], stack: stack));
        Assert.Contains("differ in length", e.Message);
    }

    [Fact]
    public void LogScansAreDrawnOnLogAxesLabelledInPowersOfTen()
    {
        var x = new ScanAxis("vector_mediator.mass", 1, 1000, 31, AxisScale.Log);
        var grid = x.Values;
        var curves = new[] { new ProfileCurve("CsI", false, grid.Select(m => 4 * Sq(Math.Log10(m) - 1.5)).ToArray()) };
        Draw(ProfileFigure.Build("profile_mass", x.Name, grid, curves, AxisScale.Log));
        var ticks = FigureStyle.LogTickMarks(0, 3);
        Assert.Equal(["1", "10", "10²", "10³"], ticks.Where(t => t.Label is not null).Select(t => t.Label));
        Assert.Equal(8 * 3, ticks.Count(t => t.Label is null));
        Assert.Equal(Math.Log10(200), ticks.Single(t => t.Label is null && t.Position > 2.2 && t.Position < 2.4).Position, 12);
        // Within one decade, 2 and 5 are labelled as well.
        Assert.Equal(["2", "5", "10"], FigureStyle.LogTickMarks(Math.Log10(1.5), Math.Log10(12)).Where(t => t.Label is not null).Select(t => t.Label));
        Assert.Equal("10⁻¹²", FigureStyle.PowerOfTen(-12));
    }

    [Fact]
    public void TheEmbeddedFontHasEveryCharacterOfTheLabels()
    {
        var labels = new[] { "sin2_theta_w", "charge_radius.mu", "magnetic_moment.e", "millicharge.e", "nsi.u.e_mu", "vector_mediator.mass", "scalar_mediator.mass" }
            .Select(ParameterLabels.Axis).Concat(["Δχ²", "(obs−exp)/√exp", "data (±√N)", "ν\u0304_μ", "1σ 2σ 3σ", "time [μs]", "dσ/dT [cm² keV⁻¹]", "10⁻³⁸"]);
        using var font = new SkiaSharp.SKFont(EmbeddedFont.Typeface, 12);
        Assert.Equal("DejaVu Sans", EmbeddedFont.Typeface.FamilyName);
        foreach (var label in labels)
            Assert.True(font.ContainsGlyphs(label), $"no glyph for a character of '{label}'");
        Assert.Equal("⟨r²⟩(ν_μ) [10⁻³² cm²]", ParameterLabels.Axis("charge_radius.mu"));
        Assert.Equal("sin²θ_W", ParameterLabels.Axis("sin2_theta_w"));
        Assert.Equal("q_ν,eμ [10⁻¹² e]", ParameterLabels.Axis("millicharge.e_mu"));
        Assert.Equal("μ_ν(ν_e) [10⁻¹⁰ μ_B]", ParameterLabels.Axis("magnetic_moment.e"));
    }

    [Fact]
    public void PlotsResolveTheirFontToTheEmbeddedTypeface()
    {
        // Not a system font: with no fonts installed (and no fontconfig) the text must still be drawn.
        var plot = FigureStyle.NewPlot();
        Assert.Equal(EmbeddedFont.Name, plot.Axes.Title.Label.FontName);
        Assert.Equal(EmbeddedFont.Name, plot.Axes.Bottom.Label.FontName);
        Assert.Same(EmbeddedFont.Typeface, ScottPlot.Fonts.GetTypeface(EmbeddedFont.Name, false, false));
    }

    [Fact]
    public void TextIsDrawn()
    {
        // The same empty plot with and without a title: the title must change pixels (it would not if no font loaded).
        static byte[] Png(string? title)
        {
            var plot = FigureStyle.NewPlot();
            if (title is not null) plot.Title(title);
            plot.Layout.Fixed(new ScottPlot.PixelPadding(60, 20, 40, 40));
            using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(400, 300));
            FigureRenderer.Draw(new Figure("t", "t", [], [new FigurePanel(plot)]) { WidthPoints = 400, HeightPoints = 300 }, surface.Canvas);
            using var image = surface.Snapshot();
            using var pixels = SkiaSharp.SKBitmap.FromImage(image);
            return pixels.Bytes;
        }
        var with = Png("sin²θ_W ⟨r²⟩ μ_ν");
        var without = Png(null);
        Assert.True(with.Zip(without).Count(p => p.First != p.Second) > 200);
    }

    [Fact]
    public void AFigureThatCannotBeDrawnGivesOneLine()
    {
        var plot = FigureStyle.NewPlot();
        var empty = new Figure("empty", "empty", [], [new FigurePanel(plot)]) { WidthPoints = 0, HeightPoints = 0 };
        var e = Assert.Throws<FigureException>(() => FigureRenderer.Render(empty, _dir, [FigureFormat.Png]));
        Assert.Contains("empty", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static double Sq(double x) => x * x;

    private static double[] ScanGrid(double lo, double hi, int n) => new ScanAxis("x", lo, hi, n, AxisScale.Linear).Values;

    private static ContourSet Set(string fit, bool combined, double cx, double cy, double s, ScanAxis x, ScanAxis y)
    {
        var gx = x.Values;
        var gy = y.Values;
        var v = new double[gx.Length, gy.Length];
        for (int i = 0; i < gx.Length; i++)
            for (int j = 0; j < gy.Length; j++) v[i, j] = (Sq(gx[i] - cx) + Sq(gy[j] - cy)) / (s * s);
        var levels = ContourFigure.Levels.Select(l => (l.Level, ContourTracer.Trace(gx, gy, v, l.Level))).ToArray();
        return new ContourSet(fit, combined, levels, cx, cy);
    }
}
