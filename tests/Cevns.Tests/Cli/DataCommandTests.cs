using System.Text.Json;
using Cevns.Cli;
using Cevns.Tests.Data;

namespace Cevns.Tests.Cli;

/// <summary>cevns data: which directory is used (and why), its dataset folders, missing files.</summary>
public class DataCommandTests
{
    private static (string Path, string Source, string[] Datasets) Json(CliRun run)
    {
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var r = doc.RootElement;
        return (r.GetProperty("data_dir").GetString()!, r.GetProperty("source").GetString()!,
            r.GetProperty("datasets").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public void ResolutionOrderThroughTheCommandLine()
    {
        using var tree = new TempTree();
        var (repo, defaultData) = tree.FakeCheckout();
        var cli = tree.Folder("cli");
        var env = tree.Folder("env");
        var withEnv = new Dictionary<string, string> { ["CEVNS_ROOT"] = repo, ["CEVNS_DATA"] = env };
        var withoutEnv = new Dictionary<string, string> { ["CEVNS_ROOT"] = repo };

        Assert.Equal((cli, "--data-dir"), Pick(Json(CliRunner.Run(["data", "--data-dir", cli, "--json"], withEnv))));
        Assert.Equal((env, "CEVNS_DATA"), Pick(Json(CliRunner.Run(["data", "--json"], withEnv))));
        Assert.Equal((defaultData, "default"), Pick(Json(CliRunner.Run(["data", "--json"], withoutEnv))));

        static (string, string) Pick((string Path, string Source, string[] _) j) => (j.Path, j.Source);
    }

    [Fact]
    public void TextOutputNamesDirectoryAndSourceAndListsDatasets()
    {
        using var tree = new TempTree();
        tree.File("d/coherent/csi-2021/SOURCE.md");
        tree.File("d/reactor/spectra/huber2011/SOURCE.md");
        tree.File("d/notes/readme.txt");
        var dir = Path.Combine(tree.Root, "d");
        var run = CliRunner.Run("data", "--data-dir", dir);
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal($"data directory: {dir} (from --data-dir)", lines[0]);
        Assert.Equal(["  coherent/csi-2021", "  reactor/spectra/huber2011"], lines[2..]);
    }

    [Fact]
    public void MissingDirectoryIsOneLineExitThree()
    {
        using var tree = new TempTree();
        var missing = Path.Combine(tree.Root, "absent");
        var run = CliRunner.Run(["data", "--json"], new Dictionary<string, string> { ["CEVNS_DATA"] = missing });
        var line = run.AssertOneLineError(ExitCodes.Data);
        Assert.Contains($"{missing} (from CEVNS_DATA) does not exist", line);
        Assert.Contains("--data-dir", line);
    }

    [Fact]
    public void MissingRequiredFilesAreNamed()
    {
        using var tree = new TempTree();
        tree.File("d/a/present.txt");
        var dir = Path.Combine(tree.Root, "d");
        var run = CliRunner.Run("data", "--data-dir", dir, "--json", "--require", "a/present.txt", "--require", "a/absent.txt");
        var line = run.AssertOneLineError(ExitCodes.Data);
        Assert.Contains("a/absent.txt", line);
        Assert.DoesNotContain("present.txt,", line);
    }

    [Fact]
    public void DefaultIsTheDataFolderOfTheCheckoutNamedByCevnsRoot()
    {
        using var tree = new TempTree();
        var (repo, defaultData) = tree.FakeCheckout();
        var run = CliRunner.Run(["data"], new Dictionary<string, string> { ["CEVNS_ROOT"] = repo });
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"data directory: {defaultData} (from default)", run.Out);
        Assert.Contains("no dataset folders", run.Out);
    }

    [Fact]
    public void ThisCheckoutShipsItsDataAndTheDefaultFindsThem()
    {
        // No --data-dir, no CEVNS_DATA, no CEVNS_ROOT: the root is found above the test assembly and data/ in it is used.
        var root = Cevns.Data.RepositoryRoot.Find(_ => null, Path.GetTempPath());
        Assert.NotNull(root);
        var dir = Cevns.Data.DataDirectory.Resolve(null, _ => null, root, root);
        Assert.Equal((Path.Combine(root, "data"), Cevns.Data.DataDirectorySource.Default), (dir.Path, dir.Source));
        var result = Cevns.Data.DataVerifier.Verify(Cevns.Data.DataRegistry.Shipped, dir.Path);
        Assert.Empty(result.Failures.Select(c => $"{c.File.Path}: {c.StatusText} {c.Detail}"));
        Assert.Empty(result.Unregistered);
    }

    [Fact]
    public void AFreshCloneWithoutSharedFolderVerifiesAndPredictsFromItsOwnData()
    {
        // A clone is a folder with cevns.slnx and data/ and nothing beside it: copy the shipped data into clone/data.
        using var tree = new TempTree();
        tree.File("clone/cevns.slnx", "<Solution />");
        var data = Path.Combine(tree.Root, "clone", "data");
        DataTestSupport.CopyShared(data);
        Assert.False(Directory.Exists(Path.Combine(tree.Root, "shared")));
        var env = new Dictionary<string, string> { ["CEVNS_ROOT"] = Path.Combine(tree.Root, "clone") };

        var verify = CliRunner.Run(["data", "verify", "--json"], env);
        Assert.True(verify.ExitCode == 0, verify.Error);
        using (var doc = JsonDocument.Parse(verify.Out))
        {
            Assert.Equal(data, doc.RootElement.GetProperty("data_dir").GetString());
            Assert.Equal("default", doc.RootElement.GetProperty("source").GetString());
            Assert.True(doc.RootElement.GetProperty("ok").GetBoolean());
        }

        var predict = CliRunner.Run(["predict", "--experiment", "coherent-csi-2021", "--json"], env);
        Assert.True(predict.ExitCode == 0, predict.Error);
        using (var p = JsonDocument.Parse(predict.Out))
            Assert.True(p.RootElement.GetProperty("signal_total").GetDouble() > 0);
        // The same numbers as from the repository's own data directory named explicitly.
        var reference = CliRunner.Run("predict", "--experiment", "coherent-csi-2021", "--json", "--data-dir", DataTestSupport.Shared);
        Assert.Equal(reference.Out, predict.Out);
    }
}
