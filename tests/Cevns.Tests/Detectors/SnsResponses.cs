using Cevns.Data;
using Cevns.Datasets;
using Cevns.Detectors;
using Cevns.Tests.Datasets;

namespace Cevns.Tests.Detectors;

/// <summary>
/// Response models of the SNS releases built from the shipped dataset definitions through <see cref="DetectorFacts"/>:
/// their numbers and file names live only in the definitions (coherent-csi-2017, coherent-csi-2021, coherent-ar-2020).
/// </summary>
internal static class SnsResponses
{
    private static Facts Detector(string id) => DatasetRegistry.Find(id).Facts.Section("detector");

    /// <summary>CsI 2017 constant quenching factor, shifted by a number of its standard deviations.</summary>
    public static ConstantQuenchingFactor CsI2017Quenching(double sigmas = 0) =>
        (ConstantQuenchingFactor)DetectorFacts.Quenching(Detector("coherent-csi-2017").Section("quenching"), variant: ModelVariant.Shift("factor", sigmas));

    public static PoissonPhotoelectronResolution CsI2017Resolution() =>
        (PoissonPhotoelectronResolution)DetectorFacts.Resolution(Detector("coherent-csi-2017").Section("resolution"));

    public static GammaPhotoelectronResolution CsI2021Resolution() =>
        (GammaPhotoelectronResolution)DetectorFacts.Resolution(Detector("coherent-csi-2021").Section("resolution"));

    /// <summary>CENNS-10 linear quenching with a or b shifted by a number of standard deviations (one at a time).</summary>
    public static LinearQuenchingFactor ArgonQuenching(double aSigmas = 0, double bSigmas = 0)
    {
        if (aSigmas != 0 && bSigmas != 0) throw new ArgumentException("shift one parameter at a time");
        var variant = bSigmas != 0 ? ModelVariant.Shift("b_per_kev", bSigmas) : ModelVariant.Shift("a", aSigmas);
        return (LinearQuenchingFactor)DetectorFacts.Quenching(Detector("coherent-ar-2020").Section("quenching"), variant: variant);
    }

    public static StochasticTermResolution ArgonResolution() =>
        (StochasticTermResolution)DetectorFacts.Resolution(Detector("coherent-ar-2020").Section("resolution"));

    /// <summary>The CENNS-10 efficiency table as the definition reads it, from a data directory.</summary>
    public static TabulatedEfficiency ArgonEfficiency(string dataDirectory)
    {
        var def = DatasetRegistry.Find("coherent-ar-2020");
        return (TabulatedEfficiency)DetectorFacts.Efficiency(def.Facts.Section("detector").Section("efficiency"), def, dataDirectory);
    }

    /// <summary>The CENNS-10 efficiency table as the definition reads it, from a file anywhere.</summary>
    public static TabulatedEfficiency ArgonEfficiencyAt(string path)
    {
        var def = ShippedDefinition.With("coherent-ar-2020", "efficiency: " + ArgonEfficiencyFile, "efficiency: " + Path.GetFileName(path));
        return (TabulatedEfficiency)DetectorFacts.Efficiency(def.Facts.Section("detector").Section("efficiency"), def, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    public static string ArgonEfficiencyFile => DatasetRegistry.Find("coherent-ar-2020").Files["efficiency"];
    public static string CsI2021EfficiencyFile => DatasetRegistry.Find("coherent-csi-2021").Files["efficiency"];
    public static string CsI2021QuenchingFile => DatasetRegistry.Find("coherent-csi-2021").Files["quenching"];

    public static IReadOnlyList<CsIQuarticQuenching> CsI2021QuenchingRows(string dataDirectory) =>
        CsIQuarticQuenching.Read(Path.Combine(dataDirectory, CsI2021QuenchingFile));

    public static IReadOnlyList<LogisticEfficiency> CsI2021EfficiencyRows(string dataDirectory) =>
        LogisticEfficiency.Read(Path.Combine(dataDirectory, CsI2021EfficiencyFile));
}
