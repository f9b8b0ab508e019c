using System.Globalization;
using System.Text;
using Cevns.Analyses.Reports;
using Cevns.Physics;
using Cevns.Physics.FormFactors;
using Cevns.Physics.Nuclei;

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
        for (int i = 0; i < Points; i++)
        {
            double q = qMaxPerFm * i / (Points - 1);
            csv.Add([q, .. curves.Select(c => (object?)c.Ff.At(q))]);
        }
        var g = new StringBuilder();
        g.AppendLine("set xlabel 'momentum transfer |q| [fm^{-1}]'");
        g.AppendLine("set ylabel 'form factor F(|q|)'");
        g.AppendLine(CultureInfo.InvariantCulture, $"set xrange [0:{GnuplotText.Number(qMaxPerFm)}]");
        g.AppendLine("set key top right");
        g.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"set title '{GnuplotText.EscapeMarkup(element)}: point-proton R_p = {rp:F3} fm, neutron R_n = {rn:F3} fm'"));
        var plots = curves.Select((c, k) =>
            $"'{csv.FileName}' skip 1 using 1:{k + 2} with lines ls {Array.IndexOf(models.ToArray(), c.Model) % FigureRenderer.Palette.Count + 1} dt {(c.Neutron ? 1 : 2)} title {GnuplotText.Literal(c.Label)}");
        g.AppendLine("plot " + string.Join(", \\\n     ", plots));
        return new Figure(name, $"Proton (dashed) and neutron (solid) form factors of {element} ({string.Join(", ", models.Select(ModelName))})", [csv], g.ToString());
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
