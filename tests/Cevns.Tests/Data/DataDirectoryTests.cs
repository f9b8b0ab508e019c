using Cevns.Data;

namespace Cevns.Tests.Data;

public class DataDirectoryTests
{
    private static Func<string, string?> Env(string? cevnsData) =>
        name => name == DataDirectory.EnvironmentVariable ? cevnsData : null;

    [Fact]
    public void CommandLineBeatsEnvironmentBeatsDefault()
    {
        using var tree = new TempTree();
        var (repo, defaultData) = tree.FakeCheckout();
        var cli = tree.Folder("from-cli");
        var env = tree.Folder("from-env");

        var a = DataDirectory.Resolve(cli, Env(env), tree.Root, repo);
        Assert.Equal((cli, DataDirectorySource.CommandLine, "--data-dir"), (a.Path, a.Source, a.SourceLabel));

        var b = DataDirectory.Resolve(null, Env(env), tree.Root, repo);
        Assert.Equal((env, DataDirectorySource.EnvironmentVariable, "CEVNS_DATA"), (b.Path, b.Source, b.SourceLabel));

        var c = DataDirectory.Resolve(null, Env(null), tree.Root, repo);
        Assert.Equal((defaultData, DataDirectorySource.Default, "default"), (c.Path, c.Source, c.SourceLabel));
        Assert.Equal($"{defaultData} (from default)", c.Description);
    }

    [Fact]
    public void BlankValuesCountAsNotGiven()
    {
        using var tree = new TempTree();
        var (repo, defaultData) = tree.FakeCheckout();
        var d = DataDirectory.Resolve("  ", Env(""), tree.Root, repo);
        Assert.Equal(DataDirectorySource.Default, d.Source);
        Assert.Equal(defaultData, d.Path);
    }

    [Fact]
    public void RelativePathsAreTakenFromTheCurrentDirectoryAndTrailingSeparatorDropped()
    {
        using var tree = new TempTree();
        var expected = tree.Folder("work/data");
        var d = DataDirectory.Resolve("data/", Env(null), Path.Combine(tree.Root, "work"), repositoryRoot: null);
        Assert.Equal(expected, d.Path);
        var e = DataDirectory.Resolve(null, Env("../work/data"), Path.Combine(tree.Root, "repo"), repositoryRoot: null);
        Assert.Equal(expected, e.Path);
    }

    [Fact]
    public void NoRootAndNothingGivenSaysWhatToDo()
    {
        var ex = Assert.Throws<DataFileException>(() => DataDirectory.Resolve(null, Env(null), Path.GetTempPath(), repositoryRoot: null));
        Assert.Contains("--data-dir", ex.Message);
        Assert.Contains("CEVNS_DATA", ex.Message);
        Assert.Contains("cevns.slnx", ex.Message);
    }

    [Fact]
    public void MissingDirectoryIsReportedWithItsSource()
    {
        using var tree = new TempTree();
        var missing = Path.Combine(tree.Root, "nowhere");
        var d = DataDirectory.Resolve(null, Env(missing), tree.Root, null);
        Assert.False(d.Exists);
        var ex = Assert.Throws<DataFileException>(() => d.EnsureExists());
        Assert.Contains($"{missing} (from CEVNS_DATA) does not exist", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Throws<DataFileException>(() => d.EnsureContains([]));
    }

    [Fact]
    public void MissingFilesAreReportedByName()
    {
        using var tree = new TempTree();
        tree.File("data/coherent/csi-2021/dataBeamOnAC.txt", "1 2 3");
        var d = new DataDirectory(tree.Folder("data"), DataDirectorySource.CommandLine);
        string[] wanted = ["coherent/csi-2021/dataBeamOnAC.txt", "coherent/csi-2021/brnPE.txt", "coherent/csi-2021", "reactor/x.csv"];
        Assert.Equal(["coherent/csi-2021/brnPE.txt", "reactor/x.csv"], d.Missing(wanted));
        var ex = Assert.Throws<DataFileException>(() => d.EnsureContains(wanted));
        Assert.Contains("(from --data-dir)", ex.Message);
        Assert.Contains("missing 2 file(s): coherent/csi-2021/brnPE.txt, reactor/x.csv", ex.Message);
        Assert.Same(d, d.EnsureContains(wanted.Take(1)));
        Assert.Equal(Path.Combine(d.Path, "coherent", "csi-2021", "dataBeamOnAC.txt"), d.PathOf("coherent/csi-2021/dataBeamOnAC.txt"));
    }

    [Fact]
    public void RepositoryRootIsFoundFromVariableThenFoldersAbove()
    {
        using var tree = new TempTree();
        var (repo, _) = tree.FakeCheckout();
        var deep = tree.Folder("repo/src/a/b");
        Assert.Equal(repo, RepositoryRoot.Above(deep));
        Assert.Null(RepositoryRoot.Above(tree.Root));

        // The variable wins when it points at a checkout; otherwise it is ignored.
        Assert.Equal(repo, RepositoryRoot.Find(n => n == RepositoryRoot.EnvironmentVariable ? repo : null, tree.Root));
        var fallback = RepositoryRoot.Find(n => n == RepositoryRoot.EnvironmentVariable ? tree.Root : null, deep);
        Assert.NotEqual(tree.Root, fallback);
    }

    [Fact]
    public void RepositoryRootOfTheTestRunIsThisCheckout()
    {
        // The tests run from tests/Cevns.Tests/bin/...: walking up from the assembly finds the solution.
        var root = RepositoryRoot.Find(_ => null, Path.GetTempPath());
        Assert.NotNull(root);
        Assert.True(File.Exists(Path.Combine(root, "cevns.slnx")));
        Assert.True(Directory.Exists(Path.Combine(root, "src", "Cevns")));
        var d = DataDirectory.Resolve(null, _ => null, Path.GetTempPath(), root);
        Assert.Equal(Path.GetFullPath(Path.Combine(root, "data")), d.Path);
    }

    [Fact]
    public void DataFileExceptionFormatsFileAndLine()
    {
        Assert.Equal("/d/f.txt:7: expected 2 numbers", DataFileException.At("/d/f.txt", 7, "expected 2 numbers").Message);
        Assert.Equal("/d/f.txt: file not found", DataFileException.In("/d/f.txt", "file not found").Message);
    }
}
