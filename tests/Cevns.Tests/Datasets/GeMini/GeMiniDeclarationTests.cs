using System.Text.RegularExpressions;
using Cevns.Data;
using Cevns.Datasets;
using Cevns.Datasets.Kinds;
using Cevns.Physics;
using Cevns.Tests.Datasets.CsI;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Datasets.GeMini;

/// <summary>
/// The pieces of the generic sns-energy-time kind that Ge-Mini declares: a detector array is the sum of its elements
/// (each computed as a one-detector dataset, which takes the other code path), and the new declarations (statistic,
/// array, excluded energy bins, on-off observations) fail with one line naming the file, line and key, or a message
/// saying what the statistic lacks, instead of a silently different likelihood.
/// </summary>
[Collection(Sns.GeMiniCountsCollection.Name)]
public class GeMiniDeclarationTests
{
    private const string Id = "coherent-ge-2024";
    private static readonly PhysicsParameters Sm = PhysicsParameters.StandardModel;

    /// <summary>The definition with the array replaced by one of its elements as a one-detector detector section.</summary>
    private static DatasetDefinition OneElement(string element)
    {
        var text = ShippedDefinition.Text(Id);
        var row = new Regex(@"^    (Ge\d+): \{ mass_kg: ([0-9.]+), resolution: (\{[^}]*\}), efficiency: (\{[^}]*\}) \}\s*$", RegexOptions.Multiline);
        var m = row.Matches(text).Single(x => x.Groups[1].Value == element);
        int start = text.IndexOf("  array:", StringComparison.Ordinal);
        int end = text.IndexOf("integration:", start, StringComparison.Ordinal);
        var single = $"  mass_kg: {m.Groups[2].Value}\n  resolution: {m.Groups[3].Value}\n  efficiency: {m.Groups[4].Value}\n";
        return DatasetDefinition.Parse($"Datasets/Definitions/{Id}.yaml", text[..start] + single + text[end..]);
    }

    [Fact]
    public void ArraySignalIsTheSumOverItsElementsComputedAsSingleDetectors()
    {
        var array = (SnsEnergyTimeDataset)DatasetRegistry.Load(Id, SourcesDataRoot.Path);
        Assert.Equal(["Ge21", "Ge23", "Ge25", "Ge26", "Ge28"], array.Detectors!.Elements.Select(e => e.Name));
        var p = array.Predict(Sm);
        var cevns = new double[p.Bins.Count];
        var es = new double[p.Bins.Count];
        foreach (var e in array.Detectors.Elements)
        {
            var one = SnsEnergyTimeDataset.Load(OneElement(e.Name), SourcesDataRoot.Path);
            Assert.Null(one.Detectors);
            Assert.Equal(e.MassKg, one.MassKg);
            var q = one.Predict(Sm);
            var c = q.CevnsPerBin();
            var s = q.ElectronScatteringPerBin();
            for (int i = 0; i < cevns.Length; i++) { cevns[i] += c[i]; es[i] += s[i]; }
        }
        var ac = p.CevnsPerBin();
        var ae = p.ElectronScatteringPerBin();
        for (int i = 0; i < cevns.Length; i++)
        {
            Assert.Equal(cevns[i], ac[i], 1e-10 * Math.Max(cevns[i], 1e-12));
            Assert.Equal(es[i], ae[i], 1e-10 * Math.Max(es[i], 1e-20));
        }
    }

    [Theory]
    [InlineData("statistic: on-off-chi2", "statistic: on-off", "statistic: unknown statistic 'on-off'")]
    [InlineData("  array:", "  mass_kg: 10.66\n  array:", "detector.mass_kg: give either mass_kg")]
    [InlineData("excluded_energy_bins: [4, 5]", "excluded_energy_bins: [4, 10]", "analysis.excluded_energy_bins: expected bin numbers 1..9")]
    [InlineData("steady-state (beam-off): { type: beam-off }", "steady-state (beam-off): { type: beam-off, file: x }", "unknown key")]
    [InlineData("eta: { type: norm, signal: cevns, sigma_with_flux: 0.103,", "eta: { type: norm, signal: cevns, sigma: 0.02, sigma_with_flux: 0.103,", "systematics.eta.sigma: give either sigma")]
    [InlineData("max_recoil_above_last_edge_kev: 5", "max_recoil_above_last_edge_kev: -5", "integration_es.max_recoil_above_last_edge_kev")]
    public void BadDeclarationIsOneLineNamingFileLineAndKey(string from, string to, string what)
    {
        var def = ShippedDefinition.With(Id, from, to);
        var e = Assert.Throws<DefinitionFileException>(() => SnsEnergyTimeDataset.Load(def, SourcesDataRoot.Path));
        Assert.Matches(@"^Datasets/Definitions/coherent-ge-2024\.yaml:\d+: ", e.Message);
        Assert.Contains(what, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    /// <summary>Without the beam-ON/OFF counts file neither statistic builds a likelihood: the error says so (no likelihood on empty data).</summary>
    [Fact]
    public void WithoutCountsNeitherStatisticGivesALikelihood()
    {
        var def = ShippedDefinition.With(Id, "statistic: on-off-chi2", "statistic: binned-poisson");
        var d = SnsEnergyTimeDataset.Load(def, SourcesDataRoot.Path);
        var e = Assert.Throws<DatasetException>(() => d.Likelihood());
        Assert.Contains("no observed counts, so no likelihood", e.Message);
        Assert.Throws<DatasetException>(() => d.OnOffLikelihood());
    }

    /// <summary>The ON/OFF chi^2 needs beam-ON/OFF observations; a CsI definition asking for it is named.</summary>
    [Fact]
    public void OnOffStatisticNeedsOnOffObservations()
    {
        var def = ShippedDefinition.With("coherent-csi-2021", "observations: { file: events_c, format: events }",
            "observations: { file: events_c, format: events }\nstatistic: on-off-chi2");
        var e = Assert.Throws<DefinitionFileException>(() => SnsEnergyTimeDataset.Load(def, CsIData.Root));
        Assert.Contains("statistic: on-off-chi2 needs observations of format on-off", e.Message);
    }
}
