using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Tests.Data;
using Cevns.Tests.Datasets.Reactor;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Scale;

/// <summary>
/// A definition read from a user folder is part of the analysis fingerprint by content: editing its YAML changes the
/// fingerprint, moving the folder does not; built-in definitions add no entry (the library build covers them).
/// </summary>
public class UserDefinitionFingerprintTests
{
    private static IReadOnlyList<DataFileHash> Hashes(string folder)
    {
        using (DatasetRegistry.Use(DatasetCatalog.WithFolders([folder])))
            return AnalysisFingerprint.HashDataFiles([DatasetRegistry.Find("example-reactor-ge")], SourcesDataRoot.Path);
    }

    private static string Copy(TempTree tree, string name, string yaml)
    {
        var folder = tree.Folder(name);
        File.WriteAllText(Path.Combine(folder, "example-reactor-ge.yaml"), yaml);
        File.Copy(Path.Combine(WorkedExampleTests.ExampleFolder(), "spectrum.csv"), Path.Combine(folder, "spectrum.csv"));
        return folder;
    }

    [Fact]
    public void EditingAUserDefinitionChangesTheFingerprint()
    {
        var yaml = File.ReadAllText(Path.Combine(WorkedExampleTests.ExampleFolder(), "example-reactor-ge.yaml"));
        Assert.Contains("  mass_kg: 1.0\n", yaml);
        using var tree = new TempTree();
        var a = Hashes(Copy(tree, "a", yaml));
        var moved = Hashes(Copy(tree, "elsewhere/b", yaml));
        var edited = Hashes(Copy(tree, "c", yaml.Replace("  mass_kg: 1.0\n", "  mass_kg: 2.0\n")));

        var software = new SoftwareVersion("v", "b");
        var fa = new AnalysisFingerprint("cevns scan", a, software);
        Assert.Contains(a, h => h.Path == AnalysisFingerprint.DefinitionPrefix + "example-reactor-ge");
        Assert.Equal(fa.Hex, new AnalysisFingerprint("cevns scan", moved, software).Hex);
        var fc = new AnalysisFingerprint("cevns scan", edited, software);
        Assert.NotEqual(fa.Hex, fc.Hex);
        Assert.StartsWith("the definition file of example-reactor-ge differs", fa.Difference(fc));
    }

    [Fact]
    public void BuiltInDefinitionsAddNoDefinitionEntry()
    {
        var hashes = AnalysisFingerprint.HashDataFiles([DatasetRegistry.Find("texono-2024")], SourcesDataRoot.Path);
        Assert.DoesNotContain(hashes, h => h.Path.StartsWith(AnalysisFingerprint.DefinitionPrefix, StringComparison.Ordinal));
    }
}
