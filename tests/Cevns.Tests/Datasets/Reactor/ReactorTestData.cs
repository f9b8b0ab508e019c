using Cevns.Datasets;
using Cevns.Datasets.Kinds;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Datasets.Reactor;

/// <summary>
/// The reactor datasets built once for all tests, and the independent numbers of
/// tests/Cevns.Tests/Reference/reactor_ge_reference.py (run: python3 reactor_ge_reference.py ../../../data).
/// </summary>
internal static class ReactorTestData
{
    public static string Root => SourcesDataRoot.Path;

    private static readonly Lazy<ReactorSpectrumDataset> DresdenLazy = new(() => (ReactorSpectrumDataset)DatasetRegistry.Load("dresden-ii-2022", Root));
    private static readonly Lazy<ReactorRateDataset> ConusLazy = new(() => (ReactorRateDataset)DatasetRegistry.Load("conus-plus-2025", Root));
    private static readonly Lazy<ReactorRateDataset> TexonoLazy = new(() => (ReactorRateDataset)DatasetRegistry.Load("texono-2024", Root));

    public static ReactorSpectrumDataset Dresden => DresdenLazy.Value;
    public static ReactorRateDataset Conus => ConusLazy.Value;
    public static ReactorRateDataset Texono => TexonoLazy.Value;

    // reactor_ge_reference.py output (Dresden-II: 2.924 kg, 96.4 d, HMVE + 0.6 captures, 4.8e13 /cm^2/s, 0.2-1.5 keVee)
    public const double DresdenNeutrinosPerFission = 6.808977;
    public const double DresdenFefTotal = 9.358129e+03;
    public const double DresdenFef02To03 = 8.394742e+03;
    public const double DresdenFef03To04 = 9.287181e+02;
    public const double DresdenFefRatio = 9.039064;
    public static readonly double[] DresdenFefFirstBins = [1.661848e+03, 1.401752e+03, 1.177468e+03];
    public const double DresdenYbeTotal = 4.770856e+03;
    public const double DresdenYbeRatio = 18.027677;
    public const double DresdenLindhardTotal = 2.036857e+03;
    public const double DresdenLindhardRatio = 16.080486;
    public const double DresdenElectronScatteringTotal = 2.902812e+00;
    // CONUS+ (1.5e13, 327 kg d, thresholds 160/170/180 eVee in thirds, Lindhard 0.162) for sigma_n = 0, 21, 30 eVee
    public const double ConusSigma0 = 280.508061, ConusSigma21 = 323.135900, ConusSigma30 = 375.764620;
    // TEXONO (2.9 GW at 28 m, 242 kg d, 200 eVee, Lindhard 0.162, sigma_n 21 eVee)
    public const double TexonoFlux = 6.050516e+12, TexonoEvents = 43.589343;

    /// <summary>A copy of the public reactor data in a temporary tree (for corrupted-file tests); dispose deletes it.</summary>
    public static Cevns.Tests.Data.TempTree CopyReactorData()
    {
        var tree = new Cevns.Tests.Data.TempTree();
        var source = Path.Combine(Root, "reactor");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(tree.Root, "reactor", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetAttributes(target, FileAttributes.Normal);
        }
        return tree;
    }

    /// <summary>A shipped definition with some text replaced (e.g. an assumed resolution), parsed again.</summary>
    public static DatasetDefinition ModifiedDefinition(string id, string oldText, string newText)
    {
        var asm = typeof(DatasetRegistry).Assembly;
        using var s = asm.GetManifestResourceStream($"datasets/{id}.yaml")!;
        var yaml = new StreamReader(s).ReadToEnd();
        Assert.Contains(oldText, yaml);
        return DatasetDefinition.Parse($"{id}.yaml (modified)", yaml.Replace(oldText, newText));
    }
}
