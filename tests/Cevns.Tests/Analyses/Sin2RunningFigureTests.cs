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
