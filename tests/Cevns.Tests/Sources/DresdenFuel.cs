using Cevns.Datasets;
using Cevns.Sources.Reactor;

namespace Cevns.Tests.Sources;

/// <summary>
/// Dresden-II fuel (boiling-water reactor) from its one place, the release's parameter table
/// reactor/dresden-ii/dresden_ii_background_model_params.csv (U235 0.58, U238 0.08, Pu239 0.29, Pu241 0.05, the values of
/// the re-analysis code LeireLarizgoitia/Reactor_CEnuNS), for flux tests that need a realistic composition.
/// </summary>
internal static class DresdenFuel
{
    private static readonly Lazy<FissionFractions> FractionsLazy = new(() =>
    {
        var table = ParameterTable.Read(Path.Combine(SourcesDataRoot.Path, "reactor", "dresden-ii", "dresden_ii_background_model_params.csv"));
        double F(string isotope) => table.Get("fission_fraction_" + isotope).Value!.Value;
        return new FissionFractions(F("U235"), F("U238"), F("Pu239"), F("Pu241"));
    });

    public static FissionFractions Fractions => FractionsLazy.Value;
}
