using System.Globalization;
using Cevns.Datasets;
using Cevns.Datasets.Kinds;
using Cevns.Tests.Detectors;

namespace Cevns.Tests.Datasets.CsI;

/// <summary>The two CsI datasets, built once per test run from the public data directory.</summary>
internal static class CsIData
{
    private static readonly Lazy<SnsEnergyTimeDataset> Lazy2021 = new(() => SnsEnergyTimeDataset.Load(DatasetRegistry.Find("coherent-csi-2021"), Root));
    private static readonly Lazy<SnsEnergyTimeDataset> Lazy2017 = new(() => SnsEnergyTimeDataset.Load(DatasetRegistry.Find("coherent-csi-2017"), Root));

    public static string Root => DetectorTestData.Root;
    public static SnsEnergyTimeDataset Csi2021 => Lazy2021.Value;
    public static SnsEnergyTimeDataset Csi2017 => Lazy2017.Value;

    public static SnsEnergyTimeDataset Get(string id) => id == "coherent-csi-2021" ? Csi2021 : Csi2017;

    /// <summary>The first two columns of a release file (comma or blank separated; '#' starts a comment), read directly for hand checks.</summary>
    public static IEnumerable<(double X, double V)> Rows(string relative)
    {
        foreach (var line in File.ReadLines(Path.Combine(Root, relative)))
        {
            var s = line.Split('#')[0].Trim();
            if (s.Length == 0) continue;
            var f = s.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            yield return (double.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture));
        }
    }
}
