using Cevns.Data;
using Cevns.Datasets.Kinds;
using Cevns.Datasets;
using Cevns.Sources.Reactor;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Datasets.Reactor;

/// <summary>
/// The declarative reactor datasets: one kind ("reactor") with the statistic declared and checked, and the reactor
/// spectrum files named in one place (Sources/Reactor/reactor-spectrum-files.yaml), not in the definitions.
/// </summary>
public class ReactorDeclarationTests
{
    [Fact]
    public void EveryReactorDefinitionUsesTheOneReactorKind()
    {
        var reactor = DatasetRegistry.Definitions.Where(d => d.Facts.OptionalSection("source")?.OptionalString("type") == "reactor").ToArray();
        Assert.Equal(["conus-plus-2025", "dresden-ii-2022", "texono-2024"], reactor.Select(d => d.Id).Order());
        Assert.All(reactor, d => Assert.Equal(ReactorDataset.KindName, d.Kind));
        Assert.Equal(ReactorDataset.KindName, DatasetRegistry.Find("nugen-2025").Kind);
        Assert.DoesNotContain(DatasetKinds.Builders.Keys, k => k.StartsWith("reactor-", StringComparison.Ordinal));
    }

    /// <summary>Each spectrum file is named once: present and registered in the data directory, and in no definition.</summary>
    [Fact]
    public void SpectrumFilesAreNamedOnceInTheCatalogue()
    {
        var registered = DataRegistry.Shipped.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        Assert.True(ReactorSpectrumFiles.Catalogue.Count >= 40);
        foreach (var (name, relative) in ReactorSpectrumFiles.Catalogue)
        {
            Assert.True(File.Exists(Path.Combine(SourcesDataRoot.Path, relative)), $"{name}: {relative} missing");
            Assert.Contains(relative, registered);
        }
        Assert.Equal(ReactorSpectrumFiles.Catalogue.Count, ReactorSpectrumFiles.Catalogue.Values.Distinct().Count());
        foreach (var d in DatasetRegistry.Definitions)
            Assert.DoesNotContain(d.Files.Values, v => v.StartsWith("reactor/spectra/", StringComparison.Ordinal));
        // yet 'data verify' and fingerprints still count them as read by the reactor datasets
        Assert.Contains("reactor/spectra/mueller2011/mueller_u238.txt", DatasetRegistry.Find("dresden-ii-2022").DataFiles);
        Assert.DoesNotContain("reactor/spectra/mueller2011/mueller_u238.txt", DatasetRegistry.Find("coherent-csi-2021").DataFiles);
        var e = Assert.Throws<DataFileException>(() => ReactorSpectrumFiles.FilePath(SourcesDataRoot.Path, "no-such/U235"));
        Assert.Contains("reactor-spectrum-files.yaml", e.Message);
    }

    [Theory]
    [InlineData("texono-2024", "statistic: upper-limit", "statistic: spectrum", "unknown statistic 'spectrum'")]
    [InlineData("texono-2024", "statistic: upper-limit", "statistic: rate", "upper_limit_ratio_to_sm")]
    [InlineData("conus-plus-2025", "statistic: rate", "statistic: upper-limit", "observed_events")]
    [InlineData("texono-2024", "statistic: upper-limit ", "#", "statistic")]
    public void AWrongOrMissingStatisticIsAOneLineErrorNamingTheFile(string id, string oldText, string newText, string expected)
    {
        var def = ReactorTestData.ModifiedDefinition(id, oldText, newText);
        var e = Assert.ThrowsAny<Exception>(() => DatasetRegistry.Load(def, SourcesDataRoot.Path));
        Assert.True(e is DefinitionFileException or DatasetException, e.GetType().Name);
        Assert.Contains(expected, e.Message);
        Assert.Contains($"{id}.yaml", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
