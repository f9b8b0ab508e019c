using System.Globalization;
using Cevns.Analyses.Reports;
using Cevns.Statistics;
using ScottPlot;
using ContourLine = Cevns.Statistics.ContourLine;
using Cevns.Fitting;

namespace Cevns.Analyses.Figures;

/// <summary>
/// The allowed regions of one fit in a 2D scan: contour lines per level, the best-fit point, and the grid points whose
/// profiled fit did not converge (marked, since the lines near them are less reliable).
/// </summary>
public sealed record ContourSet(string Fit, bool Combined, IReadOnlyList<(double Level, IReadOnlyList<ContourLine> Lines)> Levels,
    double BestX, double BestY)
{
    public IReadOnlyList<(double X, double Y)> NotConverged { get; init; } = [];
}

/// <summary>
/// 2D allowed regions of two parameters, several fits overlaid (colour per fit), at Delta chi^2 = 2.30, 4.61, 6.18
/// (1 sigma, 90 % CL, 2 sigma for two parameters; PDG Statistics review, Table 40.2), line pattern per level; with at
/// most two fits, a fit whose regions all close inside the scan is also filled (nested fills, darkest at 1 sigma).
/// Best fits as dots, the reference point (e.g. the Standard Model) as a diamond. Log scans are drawn on log axes.
/// </summary>
public static class ContourFigure
{
    public static readonly IReadOnlyList<(double Level, string Key, string Label)> Levels =
    [
        (DeltaChi2Levels.OneSigma2D, "1sigma", "1σ"),
        (DeltaChi2Levels.Cl90TwoDof, "cl90", "90% CL"),
        (DeltaChi2Levels.TwoSigma2D, "2sigma", "2σ"),
    ];

    public static Figure Build(string name, ScanAxis x, ScanAxis y, IReadOnlyList<ContourSet> sets,
        (double X, double Y, string Label)? reference = null)
    {
        if (sets.Count == 0) throw new ArgumentException($"contour figure {name}: no fits");
        var csv = new CsvTable(name + ".csv", "fit", "curve", "delta_chi2", x.Name, y.Name);
        foreach (var s in sets)
        {
            foreach (var (level, lines) in s.Levels)
            {
                var key = LevelKey(level);
                foreach (var line in lines)
                {
                    foreach (var (px, py) in line.Points) csv.Add(s.Fit, key, level, px, py);
                    csv.AddBreak();
                }
            }
            csv.Add(s.Fit, "best_fit", 0.0, s.BestX, s.BestY);
            csv.AddBreak();
            foreach (var (nx, ny) in s.NotConverged)
                csv.Add(s.Fit, "not_converged", double.NaN, nx, ny);
            if (s.NotConverged.Count > 0) csv.AddBreak();
        }
        if (reference is { } r)
            csv.Add(r.Label, "reference", double.NaN, r.X, r.Y);

        bool logX = x.Scale == AxisScale.Log, logY = y.Scale == AxisScale.Log;
        double X(double v) => logX ? (v > 0 ? Math.Log10(v) : double.NaN) : v;
        double Y(double v) => logY ? (v > 0 ? Math.Log10(v) : double.NaN) : v;

        var plot = FigureStyle.NewPlot();
        plot.XLabel(ParameterLabels.Axis(x.Name));
        plot.YLabel(ParameterLabels.Axis(y.Name));
        var legend = new List<LegendItem>();
        // Fills of every fit first, then the lines and points on top, so no fill hides another fit's lines. Three or
        // more overlapping fills mix into muddy colours: then outlines only.
        var fills = sets.Select(s => sets.Count <= MaxFilledFits && s.Levels.Count > 0 && s.Levels.All(l => l.Lines.Count > 0 && l.Lines.All(line => line.Closed))).ToArray();
        for (int k = 0; k < sets.Count; k++)
        {
            if (!fills[k]) continue;
            var colour = FigureStyle.FitColor(k, sets[k].Combined);
            // Outermost level first, so the inner fills lie on top and the 1 sigma region is the darkest.
            foreach (var (_, lines) in sets[k].Levels.OrderByDescending(l => l.Level))
                foreach (var line in lines.Where(l => l.Points.Count > 2))
                {
                    var polygon = plot.Add.Polygon(line.Points.Select(p => new Coordinates(X(p.X), Y(p.Y))).ToArray());
                    polygon.FillColor = colour.WithAlpha(FigureStyle.RegionAlpha);
                    polygon.LineWidth = 0;
                }
        }
        for (int k = 0; k < sets.Count; k++)
        {
            var s = sets[k];
            var colour = FigureStyle.FitColor(k, s.Combined);
            foreach (var (level, lines) in s.Levels)
                foreach (var line in lines)
                {
                    var curve = plot.Add.ScatterLine(line.Points.Select(p => X(p.X)).ToArray(), line.Points.Select(p => Y(p.Y)).ToArray(), colour);
                    curve.LineWidth = s.Combined ? FigureStyle.LineWidth + 0.4f : FigureStyle.LineWidth;
                    curve.LinePattern = PatternOf(level);
                }
            var best = plot.Add.Marker(X(s.BestX), Y(s.BestY), MarkerShape.FilledCircle, 7, colour);
            best.MarkerLineColor = Colors.White;
            best.MarkerLineWidth = 0.8f;
            bool outside = !(InRange(X(s.BestX), X(x.Lower), X(x.Upper)) && InRange(Y(s.BestY), Y(y.Lower), Y(y.Upper)));
            legend.Add(new LegendItem
            {
                LabelText = outside ? $"{s.Fit} (best fit outside)" : s.Fit, LineColor = colour, LineWidth = FigureStyle.LineWidth + 1,
                FillColor = fills[k] ? colour.WithAlpha(2 * FigureStyle.RegionAlpha) : Colors.Transparent,
            });
        }
        foreach (var (level, _, label) in Levels)
            legend.Add(new LegendItem { LabelText = label, LineColor = Colors.Black, LineWidth = FigureStyle.LineWidth, LinePattern = PatternOf(level) });
        legend.Add(new LegendItem { LabelText = "best fit", MarkerShape = MarkerShape.FilledCircle, MarkerSize = 7, MarkerFillColor = Colors.Black, MarkerLineColor = Colors.Black, LineWidth = 0 });
        var failed = sets.SelectMany(s => s.NotConverged).ToArray();
        if (failed.Length > 0)
        {
            var marks = plot.Add.ScatterPoints(failed.Select(p => X(p.X)).ToArray(), failed.Select(p => Y(p.Y)).ToArray(), Color.FromHex("#909090"));
            marks.MarkerShape = MarkerShape.Eks;
            marks.MarkerSize = 6;
            legend.Add(new LegendItem { LabelText = "fit not converged", MarkerShape = MarkerShape.Eks, MarkerSize = 6, MarkerLineColor = Color.FromHex("#909090"), MarkerFillColor = Color.FromHex("#909090"), LineWidth = 0 });
        }
        if (reference is { } rf)
        {
            var star = plot.Add.Marker(X(rf.X), Y(rf.Y), MarkerShape.FilledDiamond, 9, Colors.Black);
            star.MarkerLineColor = Colors.White;
            star.MarkerLineWidth = 0.8f;
            legend.Add(new LegendItem { LabelText = rf.Label, MarkerShape = MarkerShape.FilledDiamond, MarkerSize = 9, MarkerFillColor = Colors.Black, MarkerLineColor = Colors.Black, LineWidth = 0 });
        }
        double xLo = X(x.Lower), xHi = X(x.Upper), yLo = Y(y.Lower), yHi = Y(y.Upper);
        plot.Axes.SetLimits(xLo, xHi, yLo, yHi);
        if (logX) plot.Axes.Bottom.TickGenerator = FigureStyle.LogTicks(xLo, xHi);
        if (logY) plot.Axes.Left.TickGenerator = FigureStyle.LogTicks(yLo, yHi);
        plot.Legend.ManualItems.AddRange(legend);
        plot.ShowLegend(Edge.Right);
        return new Figure(name, $"Allowed regions of ({x.Name}, {y.Name}) at 1σ, 90% CL, 2σ ({string.Join(", ", sets.Select(s => s.Fit))})",
            [csv], [new FigurePanel(plot)]) { WidthPoints = 576f, HeightPoints = 396f };
    }

    public const int MaxFilledFits = 2;

    private static bool InRange(double v, double a, double b) => v >= Math.Min(a, b) && v <= Math.Max(a, b);

    private static LinePattern PatternOf(double level)
    {
        int i = Levels.Select(l => l.Level).ToList().IndexOf(level);
        return i >= 0 ? FigureStyle.LevelPatterns[i] : LinePattern.DenselyDashed;
    }

    /// <summary>The CSV key of a standard 2D level, or the level as a number.</summary>
    public static string LevelKey(double level) =>
        Levels.FirstOrDefault(l => l.Level == level).Key ?? level.ToString("R", CultureInfo.InvariantCulture);
}
