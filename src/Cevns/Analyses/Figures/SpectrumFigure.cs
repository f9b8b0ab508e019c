using Cevns.Analyses.Reports;
using ScottPlot;

namespace Cevns.Analyses.Figures;

/// <summary>Expected counts per bin of one fit at its best fit.</summary>
public sealed record SpectrumSeries(string Fit, bool Combined, IReadOnlyList<double> Expected);

/// <summary>The components of one fit's prediction per bin, drawn stacked (backgrounds at the bottom, CEvNS on top).</summary>
public sealed record SpectrumStack(string Fit, IReadOnlyList<SpectrumComponent> Components);

/// <summary>
/// Predicted against observed data per bin along one axis: the components of one fit's prediction stacked as filled
/// histograms (backgrounds, nu-e scattering, Migdal, CEvNS per neutrino species), each fit's total prediction as a step line,
/// observations as points, and below them the residuals. Bins of unequal width are drawn per unit of the axis. Counts (<c>poisson</c>): sqrt(N) error bars and Pearson
/// residuals (observed - expected)/sqrt(expected). Rates with Gaussian errors: error bars sigma and pulls
/// (observed - expected)/sigma when the errors are known, otherwise no error bars and the plain difference.
/// </summary>
public static class SpectrumFigure
{
    /// <param name="axisLabel">x-axis label, e.g. "energy [PE]".</param>
    public static Figure Build(string name, string title, string axisLabel, IReadOnlyList<(double Lo, double Hi)> bins,
        IReadOnlyList<double> observed, IReadOnlyList<SpectrumSeries> series, bool poisson = true, IReadOnlyList<double>? errors = null,
        SpectrumStack? stack = null)
    {
        if (errors is not null && (poisson || errors.Count != bins.Count))
            throw new ArgumentException($"spectrum figure {name}: errors are for Gaussian data, one per bin");
        if (series.Count == 0) throw new ArgumentException($"spectrum figure {name}: no predictions");
        if (observed.Count != bins.Count || series.Any(s => s.Expected.Count != bins.Count)
            || (stack?.Components.Any(c => c.Values.Count != bins.Count) ?? false))
            throw new ArgumentException($"spectrum figure {name}: bins, observations and predictions differ in length");
        var components = stack?.Components.Where(c => c.Values.Any(v => v != 0)).ToArray() ?? [];

        var header = new List<string> { "bin_low", "bin_high", "bin_center", "observed", "observed_error" };
        header.AddRange(series.Select(s => $"expected_{s.Fit}"));
        header.AddRange(series.Select(s => $"residual_{s.Fit}"));
        header.AddRange(components.Select(c => $"component_{stack!.Fit}_{c.Name}"));
        var csv = new CsvTable(name + ".csv", header.ToArray());
        var error = new double[bins.Count];
        var residuals = series.Select(_ => new double[bins.Count]).ToArray();
        double residualMax = 0;
        for (int i = 0; i < bins.Count; i++)
        {
            var (lo, hi) = bins[i];
            double n = observed[i];
            error[i] = poisson ? Math.Sqrt(Math.Max(n, 0)) : errors?[i] ?? double.NaN;
            var row = new List<object?> { lo, hi, 0.5 * (lo + hi), n, error[i] };
            row.AddRange(series.Select(s => (object?)s.Expected[i]));
            for (int k = 0; k < series.Count; k++)
            {
                residuals[k][i] = Residual(n, series[k].Expected[i], poisson, error[i]);
                if (double.IsFinite(residuals[k][i])) residualMax = Math.Max(residualMax, Math.Abs(residuals[k][i]));
            }
            row.AddRange(residuals.Select(r => (object?)r[i]));
            row.AddRange(components.Select(c => (object?)c.Values[i]));
            csv.Add(row.ToArray());
        }
        double xLo = bins.Min(b => b.Lo), xHi = bins.Max(b => b.Hi);
        var centres = bins.Select(b => 0.5 * (b.Lo + b.Hi)).ToArray();
        // Bins of different widths are drawn as densities (per unit of the axis), so their heights compare; the CSV
        // keeps the numbers per bin and the residuals do not change.
        var widths = bins.Select(b => b.Hi - b.Lo).ToArray();
        bool density = widths.Max() > 1.01 * widths.Min() && widths.Min() > 0;
        var perUnit = widths.Select(w => density ? 1.0 / w : 1.0).ToArray();
        double[] Shown(IReadOnlyList<double> v) => v.Select((x, i) => x * perUnit[i]).ToArray();
        double yMax = Enumerable.Range(0, bins.Count).Max(i => perUnit[i] * Math.Max(observed[i] + (double.IsFinite(error[i]) ? error[i] : 0),
            Math.Max(components.Sum(c => c.Values[i]), series.Max(s => s.Expected[i]))));

        var top = FigureStyle.NewPlot();
        top.Title(title);
        string quantity = poisson ? "events" : "rate";
        top.YLabel(density ? $"{quantity} per {UnitOf(axisLabel)}" : $"{quantity} per bin");
        // Stack: backgrounds first (bottom), then nu-e scattering, Migdal, then CEvNS, so the signal sits on top.
        var order = components.OrderBy(c => c.Kind switch
        {
            SpectrumComponentKind.Background => 0,
            SpectrumComponentKind.ElectronScattering => 1,
            SpectrumComponentKind.Migdal => 2,
            _ => 3,
        }).ToArray();
        var below = new double[bins.Count];
        int backgroundIndex = 0, signalIndex = 0;
        var legend = new List<LegendItem>();
        foreach (var c in order)
        {
            var above = below.Select((b, i) => b + perUnit[i] * Math.Max(0, c.Values[i])).ToArray();
            var colour = c.Kind == SpectrumComponentKind.Background ? FigureStyle.BackgroundColor(backgroundIndex++)
                : c.Kind == SpectrumComponentKind.ElectronScattering ? FigureStyle.ElectronScatteringColor
                : c.Kind == SpectrumComponentKind.Migdal ? FigureStyle.MigdalColor
                : FigureStyle.SignalColor(c.Species, signalIndex++);
            var polygon = top.Add.Polygon(StepBand(bins, below, above));
            polygon.FillColor = colour.WithAlpha(0.85);
            polygon.LineColor = colour.Darken(0.25);
            polygon.LineWidth = 0.5f;
            legend.Add(new LegendItem { LabelText = c.Name, FillColor = colour.WithAlpha(0.85), LineColor = colour.Darken(0.25), LineWidth = 0.5f });
            below = above;
        }
        for (int k = 0; k < series.Count; k++)
        {
            var s = series[k];
            bool stacked = stack is not null && s.Fit == stack.Fit;
            var colour = stacked ? Colors.Black : FigureStyle.FitColor(k, s.Combined);
            var pattern = stacked ? LinePattern.Solid : LinePattern.Dashed;
            foreach (var (xs, ys) in StepLine(bins, Shown(s.Expected)))
            {
                var line = top.Add.ScatterLine(xs, ys, colour);
                line.LineWidth = FigureStyle.LineWidth;
                line.LinePattern = pattern;
            }
            legend.Add(new LegendItem { LabelText = (components.Length > 0 ? "total fit, " : "expected, ") + s.Fit, LineColor = colour, LineWidth = FigureStyle.LineWidth, LinePattern = pattern });
        }
        bool bars = poisson || errors is not null;
        if (bars)
        {
            var eb = top.Add.ErrorBar(centres, Shown(observed), Shown(error));
            eb.Color = FigureStyle.Data;
            eb.LineWidth = 1.2f;
            eb.CapSize = 0;
        }
        var points = top.Add.ScatterPoints(centres, Shown(observed), FigureStyle.Data);
        points.MarkerSize = FigureStyle.MarkerSize;
        points.MarkerShape = MarkerShape.FilledCircle;
        legend.Insert(0, new LegendItem { LabelText = bars ? (poisson ? "data (±√N)" : "data (±σ)") : "data", MarkerShape = MarkerShape.FilledCircle, MarkerSize = FigureStyle.MarkerSize, MarkerFillColor = FigureStyle.Data, MarkerLineColor = FigureStyle.Data, LineWidth = 0 });
        top.Axes.SetLimits(xLo, xHi, 0, yMax > 0 ? 1.12 * yMax : 1);
        top.Axes.Bottom.TickLabelStyle.IsVisible = false;
        top.Legend.ManualItems.AddRange(legend);
        top.ShowLegend(Edge.Right);

        var bottom = FigureStyle.NewPlot();
        bottom.XLabel(axisLabel);
        bottom.YLabel(poisson ? "(obs−exp)/√exp" : errors is not null ? "(obs−exp)/σ" : "obs − exp");
        bottom.Axes.Left.Label.FontSize = FigureStyle.TickSize;
        var zero = bottom.Add.HorizontalLine(0, 1f, FigureStyle.ReferenceLine, LinePattern.Dashed);
        zero.ExcludeFromLegend = true;
        for (int k = 0; k < series.Count; k++)
        {
            bool stacked = stack is not null && series[k].Fit == stack.Fit;
            var r = bottom.Add.ScatterPoints(centres, residuals[k], stacked ? Colors.Black : FigureStyle.FitColor(k, series[k].Combined));
            r.MarkerSize = FigureStyle.MarkerSize;
            r.MarkerShape = stacked || series.Count == 1 ? MarkerShape.FilledCircle : MarkerShape.OpenCircle;
        }
        // Symmetric residual range with room for the largest point.
        double rm = poisson || errors is not null ? Math.Max(2.0, Math.Ceiling(residualMax + 0.5)) : (residualMax > 0 ? 1.25 * residualMax : 1.0);
        bottom.Axes.SetLimits(xLo, xHi, -rm, rm);

        // Same margins in both panels, so their x axes line up; the right margin holds the legend.
        float right = LegendWidth(legend);
        top.Layout.Fixed(new PixelPadding(66, right, 6, 36));
        bottom.Layout.Fixed(new PixelPadding(66, right, 44, 6));
        return new Figure(name, components.Length > 0
                ? $"{title}: data against the stacked components of the {stack!.Fit} best fit and each fit's total; residuals {(poisson ? "(obs − exp)/√exp" : errors is not null ? "(obs − exp)/σ" : "obs − exp")}"
                : poisson
                    ? $"{title}: expected ({string.Join(", ", series.Select(s => s.Fit))}) vs observed counts per bin, error bars √N; residuals (obs − exp)/√exp"
                    : errors is not null
                        ? $"{title}: expected ({string.Join(", ", series.Select(s => s.Fit))}) vs observed rates per bin, error bars σ; residuals (obs − exp)/σ"
                        : $"{title}: expected ({string.Join(", ", series.Select(s => s.Fit))}) vs observed rates per bin; residuals obs − exp",
            [csv], [new FigurePanel(top, 0f, 0.68f), new FigurePanel(bottom, 0.68f, 1f)]) { WidthPoints = 612f, HeightPoints = 432f };
    }

    /// <summary>The unit in the last brackets of an axis label ("time [μs]" -&gt; "μs"), else "unit".</summary>
    private static string UnitOf(string axisLabel)
    {
        int open = axisLabel.LastIndexOf('['), close = axisLabel.LastIndexOf(']');
        return open >= 0 && close > open + 1 ? axisLabel[(open + 1)..close] : "unit";
    }

    /// <summary>
    /// Right margin that holds the legend: the widest entry at the legend font, plus the symbol, the legend's padding
    /// and its distance from the frame.
    /// </summary>
    private static float LegendWidth(IEnumerable<LegendItem> items)
    {
        using var font = new SkiaSharp.SKFont(EmbeddedFont.Typeface, FigureStyle.LegendSize);
        float widest = items.Select(i => font.MeasureText(i.LabelText ?? "")).DefaultIfEmpty(0f).Max();
        return widest + FigureStyle.LegendSymbolWidth + 62f;
    }

    /// <summary>The outline of a band between two step functions (lower edge left to right, upper edge back).</summary>
    private static Coordinates[] StepBand(IReadOnlyList<(double Lo, double Hi)> bins, double[] lower, double[] upper)
    {
        var pts = new List<Coordinates>();
        for (int i = 0; i < bins.Count; i++)
        {
            pts.Add(new Coordinates(bins[i].Lo, lower[i]));
            pts.Add(new Coordinates(bins[i].Hi, lower[i]));
        }
        for (int i = bins.Count - 1; i >= 0; i--)
        {
            pts.Add(new Coordinates(bins[i].Hi, upper[i]));
            pts.Add(new Coordinates(bins[i].Lo, upper[i]));
        }
        return pts.ToArray();
    }

    /// <summary>A step line through the bins, one polyline per run of adjacent bins.</summary>
    private static IEnumerable<(double[] Xs, double[] Ys)> StepLine(IReadOnlyList<(double Lo, double Hi)> bins, IReadOnlyList<double> values)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < bins.Count; i++)
        {
            if (i > 0 && Math.Abs(bins[i].Lo - bins[i - 1].Hi) > 1e-9 * Math.Max(1, Math.Abs(bins[i].Lo)))
            {
                yield return (xs.ToArray(), ys.ToArray());
                xs.Clear();
                ys.Clear();
            }
            xs.Add(bins[i].Lo); ys.Add(values[i]);
            xs.Add(bins[i].Hi); ys.Add(values[i]);
        }
        if (xs.Count > 0) yield return (xs.ToArray(), ys.ToArray());
    }

    private static double Residual(double observed, double expected, bool poisson, double error) =>
        poisson ? (expected > 0 ? (observed - expected) / Math.Sqrt(expected) : double.NaN)
        : double.IsFinite(error) ? (error > 0 ? (observed - expected) / error : double.NaN)
        : observed - expected;
}
