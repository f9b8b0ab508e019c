using Cevns.Datasets;
using Cevns.Tests.Cli;
using Cevns.Tests.Data;
using Cevns.Tests.Datasets.Reactor;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Datasets;

/// <summary>
/// User dataset definitions read from folders (--datasets-dir, CEVNS_DATASETS) besides the built-in ones: a copy of a
/// built-in definition under another id predicts and fits exactly like the built-in; an id defined twice is a one-line
/// error naming both files; the folders reach every command that takes experiments.
/// </summary>
public class UserDefinitionFolderTests
{
    private static string BuiltinYaml(string id)
    {
        using var s = typeof(DatasetRegistry).Assembly.GetManifestResourceStream($"datasets/{id}.yaml")!;
        return new StreamReader(s).ReadToEnd();
    }

    /// <summary>A folder with a copy of a built-in definition whose id is <paramref name="newId"/>.</summary>
    private static string CopyUnderNewId(TempTree tree, string id, string newId)
    {
        var yaml = BuiltinYaml(id);
        Assert.Contains($"\nid: {id}\n", yaml);
        tree.File($"defs/{newId}.yaml", yaml.Replace($"\nid: {id}\n", $"\nid: {newId}\n"));
        return Path.Combine(tree.Root, "defs");
    }

    [Theory]
    [InlineData("dresden-ii-2022")]
    [InlineData("conus-plus-2025")]
    [InlineData("texono-2024")]
    public void CopyOfABuiltinUnderAnotherIdGivesTheSamePredictionAndFit(string id)
    {
        using var tree = new TempTree();
        var folder = CopyUnderNewId(tree, id, "my-copy");
        using (DatasetRegistry.Use(DatasetCatalog.WithFolders([folder])))
        {
            var def = DatasetRegistry.Find("my-copy");
            Assert.Equal(Path.Combine(folder, "my-copy.yaml"), def.SourceFile);
            ReactorRegressionPins.AssertMatchesPins(DatasetRegistry.Load("my-copy", SourcesDataRoot.Path), id);
            Assert.Contains(DatasetRegistry.Ids, x => x == id);
        }
        Assert.DoesNotContain(DatasetRegistry.Ids, x => x == "my-copy");
    }

    [Fact]
    public void AnIdDefinedTwiceNamesBothFiles()
    {
        using var tree = new TempTree();
        var a = tree.File("a/one.yaml", BuiltinYaml("texono-2024").Replace("\nid: texono-2024\n", "\nid: twice\n"));
        var b = tree.File("b/two.yaml", BuiltinYaml("texono-2024").Replace("\nid: texono-2024\n", "\nid: twice\n"));
        var e = Assert.Throws<DatasetException>(() => DatasetCatalog.WithFolders([Path.GetDirectoryName(a)!, Path.GetDirectoryName(b)!]));
        Assert.Contains(a, e.Message);
        Assert.Contains(b, e.Message);
        Assert.DoesNotContain('\n', e.Message);

        // an unchanged copy of a built-in clashes with the built-in
        var c = tree.File("c/texono-2024.yaml", BuiltinYaml("texono-2024"));
        var e2 = Assert.Throws<DatasetException>(() => DatasetCatalog.WithFolders([Path.GetDirectoryName(c)!]));
        Assert.Contains("built-in Datasets/Definitions/texono-2024.yaml", e2.Message);
        Assert.Contains(c, e2.Message);

        var run = CliRunner.Run(["experiments", "--datasets-dir", Path.GetDirectoryName(a)!, "--datasets-dir", Path.GetDirectoryName(b)!],
            new Dictionary<string, string>());
        Assert.Contains("defined twice", run.AssertOneLineError(3));
    }

    [Fact]
    public void AMissingFolderIsAOneLineError()
    {
        var run = CliRunner.Run(["predict", "--experiment", "texono-2024", "--datasets-dir", "/nonexistent/cevns-defs"], new Dictionary<string, string>());
        Assert.Contains("/nonexistent/cevns-defs", run.AssertOneLineError(3));
    }

    /// <summary>The CLI reads the folders from --datasets-dir and from CEVNS_DATASETS; the copy predicts like the built-in.</summary>
    [Fact]
    public void CliPredictAndExperimentsSeeTheUserFolder()
    {
        using var tree = new TempTree();
        var folder = CopyUnderNewId(tree, "texono-2024", "my-texono");
        var data = SourcesDataRoot.Path;
        var builtin = CliRunner.Json("predict", "--experiment", "texono-2024", "--data-dir", data);
        var copy = CliRunner.Json("predict", "--experiment", "my-texono", "--data-dir", data, "--datasets-dir", folder);
        Assert.Equal("my-texono", copy.GetProperty("experiment").GetString());
        Assert.Equal(builtin.GetProperty("signal_total").GetDouble(), copy.GetProperty("signal_total").GetDouble());
        Assert.Equal(builtin.GetProperty("bins").ToString(), copy.GetProperty("bins").ToString());

        var env = new Dictionary<string, string> { ["CEVNS_DATASETS"] = "/nonexistent-is-not-used-when-empty-entries:" + folder };
        var bad = CliRunner.Run(["experiments", "--data-dir", data], env);
        Assert.Contains("nonexistent-is-not-used-when-empty-entries", bad.AssertOneLineError(3));
        env["CEVNS_DATASETS"] = ":" + folder + ":";
        var list = CliRunner.Run(["experiments", "--data-dir", data, "--json"], env);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("\"my-texono\"", list.Out);
        Assert.Contains(Path.Combine(folder, "my-texono.yaml"), list.Out);

        // a fit through the environment variable
        var fit = CliRunner.Run(["fit", "--experiments", "my-texono", "--free", "signal_norm", "--data-dir", data, "--json"], env);
        Assert.True(fit.ExitCode == 0, fit.Error);
    }
}
