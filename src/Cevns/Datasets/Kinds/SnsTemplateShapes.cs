namespace Cevns.Datasets.Kinds;

/// <summary>
/// The template-shape systematics of an <see cref="SnsEnergyTimeDataset"/> (type template-shape in <c>systematics:</c>):
/// released +1 and -1 sigma templates of one component on the binning (read like every binned file of the dataset),
/// interpolated piecewise-linearly in the nuisance (<see cref="TemplateInterpolation.PiecewiseLinear"/>, as the CENNS-10
/// release companion arXiv:2006.12659 does; a one-sided template is mirrored). For a signal channel the templates act as
/// per-bin ratios to the released signal PDF its PSD shape comes from (so they move our own prediction by the released
/// relative change); for a background they are absolute changes of its template after renormalising them to its nominal
/// total (a pure shape change: the normalisation has its own norm systematic).
/// </summary>
internal static class SnsTemplateShapes
{
    public static IReadOnlyDictionary<string, TemplateVariation> Build(SnsEnergyTimeDataset d)
    {
        var result = new Dictionary<string, TemplateVariation>();
        foreach (var s in d.Systematics.Where(x => x.Type == SnsEnergyTimeSystematic.TemplateShape))
        {
            double[] Read(string key) => d.ReadBinned(d.Definition.FilePath(d.DataDirectory, key));
            var plus = Read(s.Plus!);
            var minus = s.Minus is null ? null : Read(s.Minus);
            if (d.BackgroundTerms.FirstOrDefault(b => b.Name == s.Component) is { } background)
            {
                result[s.Name] = TemplateVariation.Absolute(s.Name, background.Template, plus, minus, renormalise: true);
                continue;
            }
            var psd = s.Component == SnsEnergyTimeSignals.Cevns ? d.CevnsPsd : d.ElectronPsd;
            if (psd is null)
                throw new DatasetException($"dataset {d.Definition.Id}: systematics.{s.Name}: the templates of signal {s.Component} are relative to its released PDF: give it a psd shape (signals.{s.Component}.psd)");
            result[s.Name] = TemplateVariation.Relative(s.Name, psd.ReleasePdf, plus, minus);
        }
        return result;
    }
}
