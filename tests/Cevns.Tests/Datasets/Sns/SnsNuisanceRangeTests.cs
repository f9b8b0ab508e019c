using Cevns.Data;
using Cevns.Datasets.Kinds;
using Cevns.Datasets;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Datasets.Sns;

/// <summary>
/// The allowed ranges of the SNS nuisances are facts of the definition, written with the same keys in every SNS kind:
/// range: [lo, hi] on a normalisation, range_sigmas on a nuisance in standard deviations. The shipped files state the
/// ranges the code used before (so no number moves); an edited range reaches the likelihood's nuisances; a range that
/// excludes the central value is a one-line error naming the file, line and key.
/// </summary>
[Collection(GeMiniCountsCollection.Name)]
public class SnsNuisanceRangeTests
{
    private static IReadOnlyList<Nuisance> ArNuisances(DatasetDefinition def) =>
        ((ILikelihoodProvider)DatasetRegistry.Load(def, SourcesDataRoot.Path)).Likelihood().Nuisances;

    private static IReadOnlyList<Nuisance> GeNuisances(DatasetDefinition def)
    {
        var d = SnsEnergyTimeDataset.Load(def, SourcesDataRoot.Path);
        return new OnOffChiSquareLikelihood(d, new double[2 * d.Binning.Count], 1.0).Nuisances;
    }

    private static (double, double) Bounds(IReadOnlyList<Nuisance> n, string name)
    {
        var x = n.Single(v => v.Name.EndsWith("." + name, StringComparison.Ordinal));
        return (x.Lower, x.Upper);
    }

    [Fact]
    public void ArgonRangesComeFromTheDefinition()
    {
        const string id = "coherent-ar-2020";
        var shipped = ArNuisances(DatasetRegistry.Find(id));
        Assert.Equal((0.0, 5.0), Bounds(shipped, "signal_detector_norm"));
        Assert.Equal((0.0, 20.0), Bounds(shipped, "brn_delayed_norm"));
        Assert.Equal((-5.0, 5.0), Bounds(shipped, "cevns_f90"));

        var text = ShippedDefinition.Text(id)
            .Replace("sigma: 0.087, range: [0, 5] }", "sigma: 0.087, range: [0.5, 3] }", StringComparison.Ordinal)
            .Replace("sigma: 1.0, range: [0, 20] }", "sigma: 1.0, range: [0, 50] }", StringComparison.Ordinal)
            .Replace("minus: syst_cevns_f90_minus, range_sigmas: 5 }", "minus: syst_cevns_f90_minus, range_sigmas: 3 }", StringComparison.Ordinal);
        var edited = ArNuisances(DatasetDefinition.Parse($"Datasets/Definitions/{id}.yaml", text));
        Assert.Equal((0.5, 3.0), Bounds(edited, "signal_detector_norm"));
        Assert.Equal((0.0, 50.0), Bounds(edited, "brn_delayed_norm"));
        Assert.Equal((-3.0, 3.0), Bounds(edited, "cevns_f90"));
        Assert.Equal((-5.0, 5.0), Bounds(edited, "brn_energy"));
    }

    [Fact]
    public void GermaniumRangesComeFromTheDefinition()
    {
        const string id = "coherent-ge-2024";
        var shipped = GeNuisances(DatasetRegistry.Find(id));
        Assert.Equal((0.0, 5.0), Bounds(shipped, "eta"));
        Assert.Equal((0.2, 5.0), Bounds(shipped, "beta"));
        var edited = GeNuisances(ShippedDefinition.With(id, "sigma: 0.01, range: [0.2, 5] }", "sigma: 0.01, range: [0.5, 2] }"));
        Assert.Equal((0.5, 2.0), Bounds(edited, "beta"));
        Assert.Equal((0.0, 5.0), Bounds(edited, "eta"));
    }

    [Fact]
    public void ARangeWithoutTheCentralValueIsNamed()
    {
        var def = ShippedDefinition.With("coherent-ge-2024", "sigma_with_flux: 0.103, range: [0, 5] }", "sigma_with_flux: 0.103, range: [1.5, 5] }");
        var e = Assert.Throws<DefinitionFileException>(() => GeNuisances(def));
        Assert.Matches(@"^Datasets/Definitions/coherent-ge-2024\.yaml:\d+: systematics\.eta\.range: expected 0 <= lower < 1 < upper", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
