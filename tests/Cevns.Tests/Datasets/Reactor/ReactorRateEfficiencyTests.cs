using Cevns.Datasets;
using Cevns.Physics;
using Cevns.Tests.Data;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Datasets.Reactor;

/// <summary>
/// Rate-only reactor datasets take a named efficiency model (DetectorFacts.Efficiency) instead of "1 above threshold":
/// a flat table of 0.5 halves every signal channel exactly (the efficiency multiplies the rate in reconstructed energy).
/// </summary>
public class ReactorRateEfficiencyTests
{
    private static string BuiltinYaml(string id)
    {
        using var s = typeof(DatasetRegistry).Assembly.GetManifestResourceStream($"datasets/{id}.yaml")!;
        return new StreamReader(s).ReadToEnd();
    }

    private static string Folder(TempTree tree, string newId, string efficiency)
    {
        var yaml = BuiltinYaml("conus-plus-2025");
        const string line = "  efficiency: 1 above threshold";
        Assert.Contains(line, yaml);
        yaml = yaml.Replace("\nid: conus-plus-2025\n", $"\nid: {newId}\n").Replace(line, "  efficiency: " + efficiency + " #")
            .Replace("\nfiles:\n", "\nfiles:\n  efficiency: flat-half.csv\n");
        tree.File($"defs/{newId}.yaml", yaml);
        tree.File("defs/flat-half.csv", "# E_keVee efficiency\n0.0,0.5\n10.0,0.5\n");
        return Path.Combine(tree.Root, "defs");
    }

    [Fact]
    public void AFlatHalfEfficiencyTableHalvesTheRateOnlyPrediction()
    {
        var reference = ReactorTestData.Conus.Predict(PhysicsParameters.StandardModel);
        using var tree = new TempTree();
        using (DatasetRegistry.Use(DatasetCatalog.WithFolders([Folder(tree, "conus-half", "{ model: table, file: efficiency }")])))
        {
            var p = DatasetRegistry.Load("conus-half", SourcesDataRoot.Path).Predict(PhysicsParameters.StandardModel);
            Assert.Equal(0.5 * reference.SignalTotal, p.SignalTotal, 1e-9 * reference.SignalTotal);
            Assert.Equal(0.5 * reference.ElectronScatteringTotal, p.ElectronScatteringTotal, 1e-9 * reference.ElectronScatteringTotal);
            Assert.Contains(p.Notes, n => n.Contains("efficiency: table model declared in the definition"));
        }
    }

    [Fact]
    public void AnUnknownEfficiencyTextNamesTheKeyAndTheChoices()
    {
        using var tree = new TempTree();
        using (DatasetRegistry.Use(DatasetCatalog.WithFolders([Folder(tree, "conus-bad", "0.8 above threshold")])))
        {
            var e = Assert.ThrowsAny<Exception>(() => DatasetRegistry.Load("conus-bad", SourcesDataRoot.Path));
            Assert.Contains("conus-bad.yaml", e.Message);
            Assert.Contains("efficiency", e.Message);
            Assert.Contains("named efficiency model", e.Message);
        }
    }
}
