using System.Globalization;
using Cevns.Analyses.Reports;
using Cevns.Physics;
using Cevns.Physics.Electroweak;
using ScottPlot;

namespace Cevns.Analyses.Figures;

/// <summary>One probe's determination of sin^2 theta_W at its momentum transfer |Q| (GeV), with its 1 sigma error.</summary>
public sealed record Sin2Probe(string Label, double MomentumTransferGeV, double Sin2, double Error);

/// <summary>
/// The running of sin^2 theta_W with the momentum transfer: the SM curve s^2_SM(Q) = 0.23873 + [R(Q) - R(0)]
/// (<see cref="WeakMixingRunning"/>, anchored at the published low-energy value, docs/physics.md sec. 1 and 11) on a log |Q| axis
/// from 0.1 MeV to m_Z, and each probe's value at its |Q| with its error (the standard figure of the low-energy
/// sin^2 theta_W papers, e.g. arXiv:2405.09416). The CSV files hold the curve and the points.
/// </summary>
public static class Sin2RunningFigure
{
    public const int Points = 241;
    public const double QMinGeV = 1e-4;

    /// <summary>Probes with a larger sin^2 error do not widen the frame.</summary>
    public const double MaxFramedError = 0.05;

    /// <summary>The SM curve anchored at the published Q -> 0 value.</summary>
    public static double StandardModel(double qGeV) => WeakMixingRunning.AtMomentumTransfer(Constants.Sin2ThetaWLowEnergy, qGeV);

    public static Figure Build(string name, IReadOnlyList<Sin2Probe> probes)
    {
        double lo = Math.Log10(QMinGeV), hi = Math.Log10(WeakMixingRunning.ZMassGeV);
        var qs = Enumerable.Range(0, Points).Select(i => Math.Min(WeakMixingRunning.ZMassGeV, Math.Pow(10, lo + (hi - lo) * i / (Points - 1)))).ToArray();
        var sm = qs.Select(StandardModel).ToArray();
        var curve = new CsvTable(name + ".csv", "q_gev", "sin2_theta_w_sm");
        for (int i = 0; i < Points; i++) curve.Add([qs[i], sm[i]]);
        var points = new CsvTable(name + "_probes.csv", "probe", "q_gev", "sin2_theta_w", "error");
        foreach (var p in probes) points.Add([p.Label, p.MomentumTransferGeV, p.Sin2, p.Error]);

        var plot = FigureStyle.NewPlot();
        plot.XLabel("momentum transfer |Q| [GeV]");
        plot.YLabel("sin²θ_W (MS-bar)");
        var line = plot.Add.ScatterLine(FigureStyle.Log10(qs), sm, FigureStyle.Combined);
        line.LineWidth = FigureStyle.LineWidth;
        line.LegendText = "SM running (MS-bar)";
        var shown = probes.Where(p => p.MomentumTransferGeV >= QMinGeV && double.IsFinite(p.Sin2) && double.IsFinite(p.Error)).ToArray();
        for (int k = 0; k < shown.Length; k++)
        {
            var p = shown[k];
            // Black is the SM curve's: probes cycle through the other colours, then through marker shapes.
            int colours = FigureStyle.Palette.Count - 1;
            var colour = FigureStyle.Palette[k % colours];
            double x = Math.Log10(p.MomentumTransferGeV);
            var eb = plot.Add.ErrorBar(new[] { x }, new[] { p.Sin2 }, new[] { p.Error });
            eb.Color = colour;
            eb.LineWidth = 1.4f;
            var marker = plot.Add.ScatterPoints(new[] { x }, new[] { p.Sin2 }, colour);
            marker.MarkerSize = FigureStyle.MarkerSize + 1;
            marker.MarkerShape = (k / colours % 3) switch { 0 => MarkerShape.FilledCircle, 1 => MarkerShape.FilledSquare, _ => MarkerShape.FilledTriangleUp };
            marker.LegendText = string.Create(CultureInfo.InvariantCulture, $"{p.Label}: {p.Sin2:F4} ± {p.Error:F4}");
        }
        // The frame follows the curve and the informative probes (error below MaxFramedError); a probe whose error is larger
        // (e.g. PVES when its neutron radius is fitted too) is drawn with its bar running out of the frame.
        var framed = shown.Where(p => p.Error < MaxFramedError).ToArray();
        double yLo = Math.Min(sm.Min() - 0.01, framed.Length > 0 ? framed.Min(p => p.Sin2 - p.Error) : double.PositiveInfinity);
        double yHi = Math.Max(sm.Max() + 0.01, framed.Length > 0 ? framed.Max(p => p.Sin2 + p.Error) : double.NegativeInfinity);
        double pad = 0.08 * (yHi - yLo);
        plot.Axes.SetLimits(lo, hi, yLo - pad, yHi + pad);
        plot.Axes.Bottom.TickGenerator = FigureStyle.LogTicks(lo, hi);
        plot.ShowLegend(Edge.Right);
        return new Figure(name, $"Running of sin²θ_W: SM curve and {shown.Length} probe(s) at their momentum transfer",
            [curve, points], [new FigurePanel(plot)]) { WidthPoints = 612f, HeightPoints = 360f };
    }
}
