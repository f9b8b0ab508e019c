using System.Globalization;
using Cevns.Analyses.Reports;
using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Physics.Nuclei;
using ScottPlot;

namespace Cevns.Analyses.Figures;

/// <summary>
/// dsigma/dT per target unit (TargetCrossSection, cm^2/keV) against recoil energy on log axes, for each species and
/// neutrino energy, at several parameter points: colour per parameter point and neutrino energy, line pattern per
/// species (CEvNS is nearly the same for every flavour, so the patterns let overlapping curves be told apart).
/// </summary>
public static class CrossSectionFigure
{
    public const int Points = 200;

    public static Figure Build(string name, CrossSectionFigureSpec spec, IReadOnlyList<(string Label, PhysicsParameters Parameters)> points)
    {
        var target = NuclearCatalog.FindTarget(spec.Target) ?? throw new ArgumentException($"unknown target '{spec.Target}'");
        var options = new CrossSectionOptions { FormFactor = spec.FormFactor };
        var curves = new List<(string Column, string Title, int Colour, int Pattern, Func<double, double> Value)>();
        for (int si = 0; si < spec.Species.Count; si++)
            for (int ei = 0; ei < spec.NeutrinoEnergiesMeV.Count; ei++)
            {
                var s = spec.Species[si];
                double e = spec.NeutrinoEnergiesMeV[ei];
                for (int p = 0; p < points.Count; p++)
                {
                    var (label, parameters) = points[p];
                    double enu = e;
                    var species = s;
                    curves.Add(($"dsigma_dT_{s.Name()}_{e.ToString("R", CultureInfo.InvariantCulture)}MeV_{Column(label)}",
                        $"{SpectrumComponent.SpeciesName(s)}, {e.ToString("G4", CultureInfo.InvariantCulture)} MeV{(points.Count > 1 ? ", " + label : "")}",
                        p * spec.NeutrinoEnergiesMeV.Count + ei, si,
                        t => Positive(TargetCrossSection.DifferentialCm2PerKeV(target, species, enu, t, spec.Channel, parameters, options))));
                }
            }
        var csv = new CsvTable(name + ".csv", ["recoil_kev", .. curves.Select(c => c.Column)]);
        double lo = Math.Log(spec.RecoilMinKeV), hi = Math.Log(spec.RecoilMaxKeV);
        var recoils = Enumerable.Range(0, Points).Select(i => i == Points - 1 ? spec.RecoilMaxKeV : Math.Exp(lo + (hi - lo) * i / (Points - 1))).ToArray();
        var values = curves.Select(c => recoils.Select(c.Value).ToArray()).ToArray();
        for (int i = 0; i < Points; i++)
            csv.Add([recoils[i], .. values.Select(v => (object?)v[i])]);
        double largest = values.SelectMany(v => v).Where(double.IsFinite).DefaultIfEmpty(0).Max();

        bool cevns = spec.Channel == ScatteringChannel.Cevns;
        var plot = FigureStyle.NewPlot();
        plot.XLabel(cevns ? "nuclear recoil energy T_nr [keV]" : "electron recoil energy T_e [keV]");
        plot.YLabel($"dσ/dT per {spec.Target} [cm² keV⁻¹]");
        plot.Title($"{(cevns ? "CEvNS" : "ν-e scattering")} on {spec.Target} (legend: species, E_ν)");
        var xs = FigureStyle.Log10(recoils);
        for (int k = 0; k < curves.Count; k++)
        {
            var line = plot.Add.ScatterLine(xs, FigureStyle.Log10(values[k]), FigureStyle.Palette[curves[k].Colour % FigureStyle.Palette.Count]);
            line.LineWidth = FigureStyle.LineWidth;
            line.LinePattern = Patterns[curves[k].Pattern % Patterns.Length];
            line.LegendText = curves[k].Title;
        }
        double xLo = xs[0], xHi = xs[^1];
        // Four decades below the largest value: the steep fall at the kinematic end point would otherwise set the scale.
        double yHi = largest > 0 ? Math.Log10(largest * 3) : 0, yLo = yHi - Math.Log10(3e4);
        plot.Axes.SetLimits(xLo, xHi, yLo, yHi);
        plot.Axes.Bottom.TickGenerator = FigureStyle.LogTicks(xLo, xHi);
        plot.Axes.Left.TickGenerator = FigureStyle.LogTicks(yLo, yHi);
        // Beside the plot: with several parameter points the legend is long.
        plot.ShowLegend(Edge.Right);
        return new Figure(name, $"dσ/dT on {spec.Target} ({(cevns ? "CEvNS" : "ν-e scattering")}) at {string.Join(", ", points.Select(p => p.Label))}",
            [csv], [new FigurePanel(plot)]) { WidthPoints = 648f };
    }

    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    private static double Positive(double x) => x > 0 ? x : double.NaN;

    private static string Column(string label) => new(label.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '+' ? c : '_').ToArray());
}
