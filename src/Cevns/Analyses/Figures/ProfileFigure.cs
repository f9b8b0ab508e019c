using Cevns.Analyses.Reports;
using Cevns.Statistics;
using ScottPlot;
using Cevns.Fitting;

namespace Cevns.Analyses.Figures;

/// <summary>The 1D profile of one fit: Delta chi^2 at each scan value.</summary>
public sealed record ProfileCurve(string Fit, bool Combined, IReadOnlyList<double> DeltaChi2);

/// <summary>
/// 1D Delta chi^2 profiles of one parameter, several fits overlaid, with the 1 sigma, 90 % CL, 2 sigma and 3 sigma
/// levels (Delta chi^2 = 1, 2.71, 4, 9 for one parameter; PDG Statistics review, Table 40.2) drawn and labelled.
/// A log scan is drawn on a log axis.
/// </summary>
public static class ProfileFigure
{
    public static readonly IReadOnlyList<(double Level, string Label)> Levels =
    [
        (DeltaChi2Levels.OneSigma1D, "1σ"), (DeltaChi2Levels.Cl90OneDof, "90% CL"),
        (DeltaChi2Levels.TwoSigma1D, "2σ"), (DeltaChi2Levels.ThreeSigma1D, "3σ"),
    ];

    public const double YMax = 10.0;

    public static Figure Build(string name, string parameter, IReadOnlyList<double> grid, IReadOnlyList<ProfileCurve> curves, AxisScale scale)
    {
        if (curves.Count == 0) throw new ArgumentException($"profile figure {name}: no curves");
        foreach (var c in curves)
            if (c.DeltaChi2.Count != grid.Count)
                throw new ArgumentException($"profile figure {name}: fit {c.Fit} has {c.DeltaChi2.Count} values for {grid.Count} scan points");

        var csv = new CsvTable(name + ".csv", [parameter, .. curves.Select(c => $"delta_chi2_{c.Fit}")]);
        for (int i = 0; i < grid.Count; i++)
            csv.Add([grid[i], .. curves.Select(c => (object?)c.DeltaChi2[i])]);

        bool log = scale == AxisScale.Log;
        var xs = log ? FigureStyle.Log10(grid) : grid.ToArray();
        double xLo = xs.Where(double.IsFinite).Min(), xHi = xs.Where(double.IsFinite).Max();

        var plot = FigureStyle.NewPlot();
        plot.XLabel(ParameterLabels.Axis(parameter));
        plot.YLabel("Δχ²");
        // Level lines first, so the curves are drawn over them; labels at the right end, just above each line.
        foreach (var (level, label) in Levels)
        {
            var line = plot.Add.HorizontalLine(level, 1f, FigureStyle.ReferenceLine, LinePattern.Dashed);
            line.ExcludeFromLegend = true;
            var text = plot.Add.Text(label, xHi - 0.01 * (xHi - xLo), level);
            text.LabelFontSize = FigureStyle.AnnotationSize;
            text.LabelFontColor = Color.FromHex("#505050");
            text.LabelAlignment = Alignment.LowerRight;
            text.LabelOffsetY = -1;
        }
        for (int k = 0; k < curves.Count; k++)
        {
            var c = curves[k];
            // Values above the frame are clipped by the axis limits; NaN (failed points) leave gaps.
            var s = plot.Add.ScatterLine(xs, c.DeltaChi2.ToArray(), FigureStyle.FitColor(k, c.Combined));
            s.LineWidth = c.Combined ? FigureStyle.LineWidth + 0.6f : FigureStyle.LineWidth;
            s.LegendText = c.Fit;
        }
        plot.Axes.SetLimits(xLo, xHi, 0, YMax);
        if (log) plot.Axes.Bottom.TickGenerator = FigureStyle.LogTicks(xLo, xHi);
        // Below the plot: the curves rise through the whole top of the frame.
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        return new Figure(name, $"Profile Δχ² of {parameter} ({string.Join(", ", curves.Select(c => c.Fit))}); levels 1σ, 90% CL, 2σ, 3σ",
            [csv], [new FigurePanel(plot)]);
    }
}
