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

    /// <summary>
    /// The SNS kind is declarative too: a copy of the argon definition (energy x F90 x time, release templates and
    /// template-shape systematics) or of the CsI 2021 one under another id predicts the same per bin and has the same
    /// likelihood (nuisances up to the id prefix; chi^2 and its gradient at the central and at shifted nuisances), bit for bit.
    /// </summary>
    [Theory]
    [InlineData("coherent-ar-2020")]
    [InlineData("coherent-csi-2021")]
    public void CopyOfAnSnsDefinitionUnderAnotherIdGivesTheSameLikelihood(string id)
    {
        using var tree = new TempTree();
        var folder = CopyUnderNewId(tree, id, "my-sns-copy");
        var builtin = DatasetRegistry.Load(id, SourcesDataRoot.Path);
        IDataset copy;
        using (DatasetRegistry.Use(DatasetCatalog.WithFolders([folder])))
            copy = DatasetRegistry.Load("my-sns-copy", SourcesDataRoot.Path);
        var sm = Cevns.Physics.PhysicsParameters.StandardModel;
        var (p, q) = (builtin.Predict(sm), copy.Predict(sm));
        Assert.Equal(p.CevnsPerBin(), q.CevnsPerBin());
        Assert.Equal(p.ElectronScatteringPerBin(), q.ElectronScatteringPerBin());
        Assert.Equal(p.Backgrounds.Keys, q.Backgrounds.Keys);
        foreach (var (name, values) in p.Backgrounds) Assert.Equal(values, q.Backgrounds[name]);
        Assert.Equal(p.Observed, q.Observed);

        var (a, b) = (((ILikelihoodProvider)builtin).Likelihood(), ((ILikelihoodProvider)copy).Likelihood());
        Assert.Equal(a.Nuisances.Select(n => n with { Name = n.Name[(id.Length + 1)..] }), b.Nuisances.Select(n => n with { Name = n.Name["my-sns-copy".Length..][1..] }));
        Assert.Equal(a.Observed, b.Observed);
        var scale = new SignalScale(1.1, 0.9, 1, 1.05);
        foreach (double shift in new[] { 0.0, 0.3 })
        {
            var x = a.Nuisances.Select(n => Math.Clamp(n.Central + shift * (double.IsFinite(n.Sigma) ? n.Sigma : 0.1), n.Lower, n.Upper)).ToArray();
            var (ga, gb) = (new double[x.Length], new double[x.Length]);
            var (sa, sb) = (new double[SignalScale.Components], new double[SignalScale.Components]);
            Assert.Equal(a.Chi2WithGradient(sm, scale, x, ga, sa), b.Chi2WithGradient(sm, scale, x, gb, sb));
            Assert.Equal(ga, gb);
            Assert.Equal(sa, sb);
        }
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
