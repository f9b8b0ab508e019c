using Cevns.Datasets;
using Cevns.Tests.Data;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Datasets.Reactor;

/// <summary>
/// Facts of the reactor definitions live in the definitions: the Fef/YBe quenching curves are read only from the file a
/// definition names (files: quenching_table); there is no fallback path in C#.
/// </summary>
public class ReactorFactsInDefinitionsTests
{
    private static string BuiltinYaml(string id)
    {
        using var s = typeof(DatasetRegistry).Assembly.GetManifestResourceStream($"datasets/{id}.yaml")!;
        return new StreamReader(s).ReadToEnd();
    }

    [Fact]
    public void FefQuenchingWithoutAQuenchingTableEntryNamesTheDefinition()
    {
        var yaml = BuiltinYaml("dresden-ii-2022");
        const string entry = "  quenching_table: reactor/quenching/QF_Fef_YBe.txt\n";
        Assert.Contains(entry, yaml);
        Assert.Contains("default: fef", yaml);
        using var tree = new TempTree();
        tree.File("defs/no-table.yaml", yaml.Replace("\nid: dresden-ii-2022\n", "\nid: no-table\n").Replace(entry, ""));
        using (DatasetRegistry.Use(DatasetCatalog.WithFolders([Path.Combine(tree.Root, "defs")])))
        {
            var e = Assert.ThrowsAny<Exception>(() => DatasetRegistry.Load("no-table", SourcesDataRoot.Path));
            Assert.Contains("no-table.yaml", e.Message);
            Assert.Contains("quenching_table", e.Message);
        }
    }
}
