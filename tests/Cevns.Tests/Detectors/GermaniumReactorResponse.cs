using Cevns.Datasets;
using Cevns.Detectors;

namespace Cevns.Tests.Detectors;

/// <summary>
/// The Dresden-II germanium response as its definition declares it (Datasets/Definitions/dresden-ii-2022.yaml: the
/// Fef/YBe table under files: quenching_table, detector.resolution with its "=name" values from the release's parameter
/// table), so detector-level tests use the facts from their one place instead of copies in C#.
/// </summary>
internal static class GermaniumReactorResponse
{
    private static DatasetDefinition Dresden => DatasetRegistry.Find("dresden-ii-2022");

    /// <summary>The Collar et al. 2021 Fef/YBe curves, relative to the data directory.</summary>
    public static string QuenchingTableRelativePath => Dresden.Files["quenching_table"];

    /// <summary>sigma_n = 68.5 eV, F = 0.11, eta = 2.96 eV (reactor/dresden-ii/dresden_ii_background_model_params.csv).</summary>
    public static GermaniumNoiseFanoResolution DresdenIIResolution() =>
        (GermaniumNoiseFanoResolution)DetectorFacts.Resolution(Dresden.Facts.Section("detector").Section("resolution"),
            FactNumbers.For(Dresden, DetectorTestData.Root));

    public static TabulatedQuenchingFactor Quenching(GermaniumQuenchingModel model) =>
        TabulatedQuenchingFactor.ReadGermanium(DetectorTestData.PathOf(QuenchingTableRelativePath), model);
}
