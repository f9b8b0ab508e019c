using System.Globalization;
using Cevns.Analyses.Reports;
using Cevns.Physics;
using Cevns.Physics.FormFactors;
using Cevns.Physics.Nuclei;
using ScottPlot;

namespace Cevns.Analyses.Figures;

/// <summary>
/// Proton and neutron form factors F(q) of one element for several models (FormFactorFactory), from the element's
/// radii rp.&lt;element&gt; and rn.&lt;element&gt; of the given parameters.
/// </summary>
public static class FormFactorFigure
{
    public const int Points = 301;

    public static Figure Build(string name, string element, IReadOnlyList<FormFactorModel> models, double qMaxPerFm, PhysicsParameters parameters)
    {
        double rp = parameters.ProtonRadiusFm(element);
        double rn = parameters.NeutronRadiusFm(element);
        var curves = models.SelectMany(m => new[]
        {
            (Label: $"proton, {ModelName(m)}", Column: $"F_proton_{Key(m)}", Ff: FormFactorFactory.Create(m, rp), Neutron: false, Model: m),
            (Label: $"neutron, {ModelName(m)}", Column: $"F_neutron_{Key(m)}", Ff: FormFactorFactory.Create(m, rn), Neutron: true, Model: m),
        }).ToArray();
        var csv = new CsvTable(name + ".csv", ["q_per_fm", .. curves.Select(c => c.Column)]);
        var qs = Enumerable.Range(0, Points).Select(i => qMaxPerFm * i / (Points - 1)).ToArray();
        var values = curves.Select(c => qs.Select(c.Ff.At).ToArray()).ToArray();
        for (int i = 0; i < Points; i++)
            csv.Add([qs[i], .. values.Select(v => (object?)v[i])]);
        var plot = FigureStyle.NewPlot();
        plot.XLabel("momentum transfer |q| [fm⁻¹]");
        plot.YLabel("form factor F(|q|)");
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"{element}: point-proton R_p = {rp:F3} fm, neutron R_n = {rn:F3} fm"));
        for (int k = 0; k < curves.Length; k++)
        {
            var c = curves[k];
            var line = plot.Add.ScatterLine(qs, values[k], FigureStyle.Palette[Array.IndexOf(models.ToArray(), c.Model) % FigureStyle.Palette.Count]);
            line.LineWidth = FigureStyle.LineWidth;
            line.LinePattern = c.Neutron ? LinePattern.Solid : LinePattern.Dashed;
            line.LegendText = c.Label;
        }
        // F(0) = 1; the first zero of a heavy nucleus lies near q = 1 fm^-1, where F changes sign.
        plot.Axes.SetLimits(0, qMaxPerFm, Math.Min(0, values.Min(v => v.Min())) - 0.03, 1.05);
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.ShowLegend();
        return new Figure(name, $"Proton (dashed) and neutron (solid) form factors of {element} ({string.Join(", ", models.Select(ModelName))})",
            [csv], [new FigurePanel(plot)]);
    }

    public static string ModelName(FormFactorModel m) => m switch
    {
        FormFactorModel.Helm => "Helm",
        FormFactorModel.SymmetrizedFermi => "symmetrized Fermi",
        _ => "Klein-Nystrand",
    };

    private static string Key(FormFactorModel m) => m switch
    {
        FormFactorModel.Helm => "helm",
        FormFactorModel.SymmetrizedFermi => "sf",
        _ => "kn",
    };
}
