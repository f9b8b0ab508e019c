using Cevns.Tests.Data;
using Cevns.Analyses;
using Cevns.Analyses.Figures;
using Cevns.Analyses.Reports;
using Cevns.Datasets;
using Cevns.Datasets.Kinds;
using Cevns.Physics;
using Cevns.Physics.Electroweak;

namespace Cevns.Tests.Analyses;

public sealed class Sin2RunningFigureTests : IDisposable
{
    private readonly TempTree _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static ExternalMeasurementDataset Load(string id) =>
        ExternalMeasurementDataset.Create(DatasetRegistry.Definitions.First(d => d.Id == id));

    /// <summary>The figure renders in all formats and writes the SM curve and the probes as CSV.</summary>
    [Fact]
    public void RendersTheCurveAndThePoints()
    {
        var dir = _tmp.Folder("sin2");
        var probes = new[] { new Sin2Probe("apv", 0.0024, 0.2371, 0.0024), new Sin2Probe("qweak", 0.158, 0.2383, 0.0011) };
        var f = Sin2RunningFigure.Build("sin2_running", probes);
        var files = FigureRenderer.Render(f, dir, [FigureFormat.Png, FigureFormat.Svg, FigureFormat.Pdf]);
        foreach (var ext in new[] { "png", "svg", "pdf" })
        {
            ImageFiles.AssertValid(Path.Combine(dir, $"sin2_running.{ext}"));
            Assert.Contains($"sin2_running.{ext}", files);
        }
        var curve = File.ReadAllLines(Path.Combine(dir, "sin2_running.csv"));
        Assert.Equal(Sin2RunningFigure.Points + 1, curve.Count(l => !l.StartsWith('#')));
        var points = File.ReadAllLines(Path.Combine(dir, "sin2_running_probes.csv"));
        Assert.Contains(points, l => l.StartsWith("qweak,"));
    }

    /// <summary>With a combination fit only its datasets are probes (apv21, an alternative input for the same measurement, fitted
    /// in a fit of its own, is not drawn); without one, every dataset is.</summary>
    [Fact]
    public void ProbesAreTheDatasetsOfTheCombination()
    {
        FitOutcome Fit(bool combination) => new("all", ["apv", "csi", "rncs"], combination, 1.0, 3, 2, true, "converged", [], [], [], [],
            Cevns.Physics.PhysicsParameters.StandardModel);
        Assert.True(Sin2RunningProbes.Shown(Fit(true), "csi"));
        Assert.False(Sin2RunningProbes.Shown(Fit(true), "apv21"));
        Assert.True(Sin2RunningProbes.Shown(Fit(false), "apv21"));
        Assert.True(Sin2RunningProbes.Shown(null, "apv21"));
    }

    /// <summary>The combined fit's legend names the fit once and shows a prior on sin^2 the fit contains (it is in the band).</summary>
    [Fact]
    public void CombinedFitLabelNamesItsFitOnceAndItsPrior()
    {
        Assert.Equal("all (combined fit)", new Sin2Combined("all", 0.2383, 0.001, 0.001).Label);
        Assert.Equal("combined fit (incl. prior 0.254 ± 0.024)",
            new Sin2Combined("combined", 0.255, 0.02, 0.02) { Prior = (0.254, 0.024) }.Label);
    }

    /// <summary>
    /// A dataset fit with asymmetric errors and a |Q| range and the combined fit: the CSV lists every probe with its kind, lower
    /// and upper errors and the drawn |Q|, and the curve file the combined value shifted along the SM running.
    /// </summary>
    [Fact]
    public void WritesAsymmetricErrorsAndTheCombinedFit()
    {
        var dir = _tmp.Folder("sin2b");
        var probes = new[]
        {
            new Sin2Probe("apv", 0.0024, 0.2371, 0.0024),
            new Sin2Probe("csi", 0.058, 0.245, 0.025, 0.026) { Kind = Sin2ProbeKind.DatasetFit, MomentumRangeGeV = (0.047, 0.070) },
            new Sin2Probe("ar", 0.061, 0.26, 0.05, 0.05) { Kind = Sin2ProbeKind.DatasetFit, MomentumRangeGeV = (0.033, 0.064) },
        };
        var f = Sin2RunningFigure.Build("sin2_running", probes, new Sin2Combined("all", 0.2372, 0.0024, 0.0025));
        FigureRenderer.Render(f, dir, [FigureFormat.Png]);
        var rows = File.ReadAllLines(Path.Combine(dir, "sin2_running_probes.csv"));
        Assert.Equal("probe,kind,q_gev,q_low_gev,q_high_gev,sin2_theta_w,error_lower,error_upper,q_drawn_gev", rows[0]);
        Assert.Equal(["apv", "csi", "ar"], rows.Skip(1).Select(r => r.Split(',')[0]).ToArray());
        var csi = rows[2].Split(',');
        Assert.Equal(("dataset-fit", "0.025", "0.026"), (csi[1], csi[6], csi[7]));
        // csi and ar lie 0.02 decade apart: drawn side by side, each MinSeparationDecades / 2 from their mean log |Q|.
        double mean = (Math.Log10(0.058) + Math.Log10(0.061)) / 2;
        Assert.Equal(mean - Sin2RunningFigure.MinSeparationDecades / 2, Math.Log10(double.Parse(csi[8], System.Globalization.CultureInfo.InvariantCulture)), 9);
        Assert.Contains("side by side", f.Caption);
        var curve = File.ReadAllLines(Path.Combine(dir, "sin2_running.csv"));
        var last = curve[^1].Split(',').Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(0.2372 + WeakMixingRunning.Shift(last[0]), last[2], 12);
        Assert.Equal(0.2372 - 0.0024 + WeakMixingRunning.Shift(last[0]), last[3], 12);
        Assert.Equal(0.2372 + 0.0025 + WeakMixingRunning.Shift(last[0]), last[4], 12);
    }

    /// <summary>Points closer than the minimum separation are spread around their mean; others stay; ties keep input order.</summary>
    [Fact]
    public void ClosePointsAreDrawnSideBySide()
    {
        double d = Sin2RunningFigure.MinSeparationDecades;
        var drawn = Sin2RunningFigure.DrawnPositions([-2.0, -1.0, -2.0, 0.0, 0.02]);
        double[] expected = [-2.0 - d / 2, -1.0, -2.0 + d / 2, 0.01 - d / 2, 0.01 + d / 2];
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], drawn[i], 12);
    }

    /// <summary>The frame takes bars below 0.05, or up to twice the smallest error when every probe is less precise.</summary>
    [Fact]
    public void FrameTakesTheInformativeBars()
    {
        Assert.True(Sin2RunningFigure.FramedError([0.001, 0.12]) < 0.05);
        Assert.Equal(0.11, Sin2RunningFigure.FramedError([0.06, 0.055]), 12);
    }

    /// <summary>The curve is anchored at the published 0.23873 at Q -> 0 and follows the running shift.</summary>
    [Fact]
    public void StandardModelCurveIsAnchoredAtTheLowEnergyValue()
    {
        Assert.Equal(0.23873, Sin2RunningFigure.StandardModel(0.0), 12);
        Assert.Equal(0.23873 + WeakMixingRunning.Sin2(10.0) - WeakMixingRunning.Sin2(0.0), Sin2RunningFigure.StandardModel(10.0), 12);
    }

    /// <summary>
    /// Inversion: a sin^2 measurement gives back its own value and error; Qweak gives s^2 = 0.0710 -> 0.23857 + (0.0710 - 0.0719)/4
    /// = 0.23835 (at its Q, linear in s^2) with error 0.0045 / 4.
    /// </summary>
    [Fact]
    public void ProbesInvertTheirMeasurement()
    {
        var sm = PhysicsParameters.StandardModel;
        var nue = Sin2RunningProbes.Probe(Load("texono-nue-2010"), sm)!;
        Assert.Equal(0.251, nue.Sin2, 8);
        Assert.Equal(0.039, nue.Error, 6);
        var qweak = Sin2RunningProbes.Probe(Load("qweak-2018"), sm)!;
        Assert.Equal(0.23857 + (0.0710 - 0.0719) / 4, qweak.Sin2, 8);
        Assert.Equal(0.0045 / 4, qweak.Error, 6);
        Assert.Null(Sin2RunningProbes.Probe(Load("cs-neutron-radius-2024"), sm));
    }
}
