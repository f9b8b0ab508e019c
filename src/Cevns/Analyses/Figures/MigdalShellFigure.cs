using System.Globalization;
using Cevns.Analyses.Reports;
using Cevns.Datasets;
using Cevns.Physics;
using ScottPlot;

namespace Cevns.Analyses.Figures;

/// <summary>
/// CEvNS and CEvNS with a Migdal electron, total and per shell, against observed energy for a dataset whose Migdal
/// channel is on (docs/physics.md sec. 12), log scale: the comparison of arXiv:2307.12911 (Dresden-II with Lindhard
/// quenching). Events per bin along the first axis, summed over any other axes, in the analysis region.
/// </summary>
public static class MigdalShellFigure
{
    public static Figure Build(string name, string label, DatasetPrediction p)
    {
        if (p.Migdal.Count == 0)
            throw new ArgumentException($"dataset {label}: the Migdal channel is off (option migdal: \"on\")");
        var groups = Enumerable.Range(0, p.Bins.Count).Where(i => p.InAnalysis[i])
            .GroupBy(i => (p.Bins[i].Ranges[0].Lo, p.Bins[i].Ranges[0].Hi)).OrderBy(g => g.Key.Lo).ToArray();
        var first = p.Bins[0].Ranges[0];
        double[] Project(double[] perBin) => groups.Select(g => g.Sum(i => perBin[i])).ToArray();
        var curves = new List<(string Column, string Title, double[] Values)>
        {
            ("cevns", "CEvNS (nuclear recoil)", Project(p.CevnsPerBin())),
            ("migdal_total", "Migdal, all shells", Project(p.MigdalPerBin())),
        };
        foreach (var m in p.MigdalByShell)
            curves.Add(($"migdal_{m.Shell}", $"Migdal, {m.Shell}", Project(m.Counts)));
        var csv = new CsvTable(name + ".csv", [$"{first.Axis}_lo_{first.Unit}", $"{first.Axis}_hi_{first.Unit}", .. curves.Select(c => c.Column)]);
        for (int k = 0; k < groups.Length; k++)
            csv.Add([groups[k].Key.Lo, groups[k].Key.Hi, .. curves.Select(c => (object?)c.Values[k])]);

        var plot = FigureStyle.NewPlot();
        plot.Title($"{p.DatasetId}: CEvNS and Migdal by shell");
        plot.XLabel(first.Unit.Length > 0 ? $"{first.Axis} [{first.Unit}]" : first.Axis);
        plot.YLabel("events per bin");
        var xs = groups.Select(g => 0.5 * (g.Key.Lo + g.Key.Hi)).ToArray();
        double largest = curves.SelectMany(c => c.Values).DefaultIfEmpty(0).Max();
        // Six decades below the largest: shells far below (the K and L shells of Ge outside their energies) are not drawn.
        double yHi = largest > 0 ? Math.Log10(largest * 3) : 0, yLo = yHi - 6;
        for (int k = 0; k < curves.Count; k++)
        {
            var ys = FigureStyle.Log10(curves[k].Values.Select(v => v > 0 ? v : double.NaN));
            if (!ys.Any(y => double.IsFinite(y) && y > yLo)) continue;
            var line = plot.Add.ScatterLine(xs, ys.Select(y => double.IsFinite(y) && y > yLo - 1 ? y : double.NaN).ToArray(),
                k == 0 ? FigureStyle.Combined : k == 1 ? FigureStyle.MigdalColor : FigureStyle.Palette[(k - 2) % (FigureStyle.Palette.Count - 1)]);
            line.LineWidth = FigureStyle.LineWidth;
            line.LinePattern = k < 2 ? LinePattern.Solid : LinePattern.Dashed;
            line.LegendText = curves[k].Title;
        }
        plot.Axes.SetLimits(xs[0], xs[^1], yLo, yHi);
        plot.Axes.Left.TickGenerator = FigureStyle.LogTicks(yLo, yHi);
        plot.ShowLegend(Edge.Right);
        double migdal = p.MigdalTotal, cevns = p.SignalTotal;
        return new Figure(name, string.Create(CultureInfo.InvariantCulture,
            $"{label}: CEvNS and CEvNS with a Migdal electron per shell against observed energy (analysis region: Migdal {migdal:G3}, CEvNS {cevns:G4} events)"),
            [csv], [new FigurePanel(plot)]) { WidthPoints = 648f };
    }
}
