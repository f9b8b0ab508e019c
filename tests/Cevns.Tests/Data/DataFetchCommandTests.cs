using System.Net;
using System.Net.Sockets;
using Cevns.Cli;
using Cevns.Data;
using Cevns.Tests.Cli;

namespace Cevns.Tests.Data;

/// <summary>
/// cevns data fetch against a local HTTP server on 127.0.0.1 that serves the repository's data directory as a mirror
/// (same relative paths), with injected faults. Downloads go to temp folders; no internet is needed.
/// </summary>
public class DataFetchCommandTests
{
    private const string Big = "coherent/csi-2021/dataBeamOnC.txt";   // 70306 bytes

    private static string Target(TempTree tree, string rel) => Path.Combine(tree.Root, rel.Replace('/', Path.DirectorySeparatorChar));

    private static bool IsRegisteredCopy(TempTree tree, string rel) =>
        File.Exists(Target(tree, rel)) && File.ReadAllBytes(Target(tree, rel)).SequenceEqual(DataTestSupport.SharedBytes(rel));

    private static CliRun Fetch(TempTree tree, LocalFileServer server, params string[] more) =>
        DataTestSupport.Run(["data", "fetch", "--data-dir", tree.Root, "--base-url", server.BaseUrl.AbsoluteUri, .. more]);

    private static string[] PartFiles(TempTree tree) =>
        Directory.EnumerateFiles(tree.Root, "*" + DataFetcher.PartSuffix, SearchOption.AllDirectories).ToArray();

    [Fact]
    public void DownloadsAFolderIntoAnEmptyDirectory()
    {
        using var tree = new TempTree();
        using var server = new LocalFileServer(DataTestSupport.Shared);
        var files = DataRegistry.Shipped.Under(["coherent/csi-2017/"]);

        var run = Fetch(tree, server, "--only", "coherent/csi-2017/");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.All(files, f => Assert.True(IsRegisteredCopy(tree, f.Path), f.Path));
        Assert.Empty(PartFiles(tree));
        // One plain GET per file (the mirror also serves SOURCE.md, which has no public URL).
        Assert.Equal(files.Select(f => f.Path).Order(), server.Requests.Select(r => r.Path).Order());
        Assert.All(server.Requests, r => Assert.Null(r.Range));
        Assert.Contains($"{files.Count} files: {files.Count} downloaded, 0 already present, 0 failed", run.Out);
        Assert.Contains($"downloading from: mirror {server.BaseUrl} (from --base-url)", run.Out);
        // The result passes verify.
        Assert.Equal(0, DataTestSupport.Run("data", "verify", "--data-dir", tree.Root, "--only", "coherent/csi-2017/").ExitCode);
    }

    [Fact]
    public void TruncatedTransferIsResumedWithARangeRequest()
    {
        using var tree = new TempTree();
        using var server = new LocalFileServer(DataTestSupport.Shared);
        server.Set(Big, new LocalFileServer.Behaviour { TruncateAfterBytes = 30000 });

        var run = Fetch(tree, server, "--only", Big);
        Assert.Equal(0, run.ExitCode);
        Assert.True(IsRegisteredCopy(tree, Big));
        Assert.Equal([new LocalFileServer.Request(Big, null), new LocalFileServer.Request(Big, "bytes=30000-")], server.RequestsFor(Big));
        Assert.Contains("connection lost after 30000 of 70306 bytes", run.Out);
        Assert.Contains("(2 attempts)", run.Out);
        Assert.Empty(PartFiles(tree));
    }

    [Fact]
    public void PartialDownloadKeptAfterGivingUpIsResumedByTheNextRun()
    {
        using var tree = new TempTree();
        using var server = new LocalFileServer(DataTestSupport.Shared);
        // Every attempt of the first run is cut: 3 x 10000 bytes arrive, each attempt resuming the previous.
        server.Set(Big, new LocalFileServer.Behaviour { TruncateAfterBytes = 10000, TruncateTimes = 3 });

        var first = Fetch(tree, server, "--only", Big);
        Assert.Equal(ExitCodes.Data, first.ExitCode);
        var line = Assert.Single(first.ErrorLines);
        Assert.Contains(Big, line);
        Assert.False(File.Exists(Target(tree, Big)));   // never a partial file in place
        var part = Target(tree, Big) + DataFetcher.PartSuffix;
        Assert.Equal(30000, new FileInfo(part).Length);
        Assert.Contains("30000 bytes kept in dataBeamOnC.txt.part to resume next time", first.Out);
        Assert.Equal([null, "bytes=10000-", "bytes=20000-"], server.RequestsFor(Big).Select(r => r.Range));

        var second = Fetch(tree, server, "--only", Big);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("bytes=30000-", server.RequestsFor(Big)[^1].Range);
        Assert.True(IsRegisteredCopy(tree, Big));
        Assert.False(File.Exists(part));
    }

    [Fact]
    public void WrongChecksumIsNotPlacedAndExitsThree()
    {
        using var tree = new TempTree();
        using var server = new LocalFileServer(DataTestSupport.Shared);
        const string bad = "coherent/csi-2017/promptPDF.txt";
        var content = DataTestSupport.SharedBytes(bad);
        content[500] = (byte)(content[500] == (byte)'7' ? '8' : '7');   // same length, one digit changed
        server.Set(bad, new LocalFileServer.Behaviour { Content = content });

        var run = Fetch(tree, server, "--only", "coherent/csi-2017/");
        Assert.Equal(ExitCodes.Data, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"cevns data fetch: 1 of 12 files are not in place in {tree.Root}: 1 failed ({bad})", line);
        Assert.Contains($"FAILED      {bad}: checksum mismatch: {server.BaseUrl}{bad} served sha256", run.Out);
        Assert.Contains("nothing placed", run.Out);
        Assert.False(File.Exists(Target(tree, bad)));
        Assert.Empty(PartFiles(tree));
        // The other files of the folder were placed; the bad one was asked for once (a fresh, not resumed, download).
        Assert.Equal(11, DataRegistry.Shipped.Under(["coherent/csi-2017/"]).Count(f => IsRegisteredCopy(tree, f.Path)));
        Assert.Single(server.RequestsFor(bad));
        Assert.DoesNotContain("   at ", run.Out + run.Error);
    }

    [Fact]
    public void WrongContentDoesNotReplaceAnExistingFile()
    {
        using var tree = new TempTree();
        using var server = new LocalFileServer(DataTestSupport.Shared);
        const string rel = "coherent/csi-2017/qfData_chicago.txt";
        tree.File(rel, "old local content");
        var longer = DataTestSupport.SharedBytes(rel).Concat("extra line\n"u8.ToArray()).ToArray();
        server.Set(rel, new LocalFileServer.Behaviour { Content = longer });

        var run = Fetch(tree, server, "--only", rel);
        Assert.Equal(ExitCodes.Data, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains("sent more than the registered 724 bytes", run.Out);
        Assert.Equal("old local content", File.ReadAllText(Target(tree, rel)));
        Assert.Empty(PartFiles(tree));
    }

    [Fact]
    public void CorrectFilesAreNotDownloadedAgainAndWrongOnesAreReplaced()
    {
        using var tree = new TempTree();
        using var server = new LocalFileServer(DataTestSupport.Shared);
        DataTestSupport.CopyShared(tree.Root, "coherent/csi-2021/");
        const string wrong = "coherent/csi-2021/effCoefficients.txt";
        File.WriteAllText(Target(tree, wrong), "edited by hand");

        var run = Fetch(tree, server, "--only", "coherent/csi-2021/");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal([wrong], server.Requests.Select(r => r.Path));
        Assert.True(IsRegisteredCopy(tree, wrong));
        Assert.Contains("9 files: 1 downloaded, 8 already present, 0 failed", run.Out);

        // A second run downloads nothing.
        var again = Fetch(tree, server, "--only", "coherent/csi-2021/");
        Assert.Equal(0, again.ExitCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void LeftoverPartFileIsResumed()
    {
        using var tree = new TempTree();
        using var server = new LocalFileServer(DataTestSupport.Shared);
        var part = Target(tree, Big) + DataFetcher.PartSuffix;
        Directory.CreateDirectory(Path.GetDirectoryName(part)!);
        File.WriteAllBytes(part, DataTestSupport.SharedBytes(Big)[..12345]);

        Assert.Equal(0, Fetch(tree, server, "--only", Big).ExitCode);
        Assert.Equal([new LocalFileServer.Request(Big, "bytes=12345-")], server.RequestsFor(Big));
        Assert.True(IsRegisteredCopy(tree, Big));
    }

    [Fact]
    public void CorruptPartFileIsDownloadedAgainWhole()
    {
        using var tree = new TempTree();
        using var server = new LocalFileServer(DataTestSupport.Shared);
        var part = Target(tree, Big) + DataFetcher.PartSuffix;
        Directory.CreateDirectory(Path.GetDirectoryName(part)!);
        File.WriteAllBytes(part, new byte[20000]);   // zeros: resuming gives the right size but the wrong checksum

        var run = Fetch(tree, server, "--only", Big);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["bytes=20000-", null], server.RequestsFor(Big).Select(r => r.Range));
        Assert.Contains("checksum mismatch after resuming; downloading it again from the start", run.Out);
        Assert.True(IsRegisteredCopy(tree, Big));
    }

    [Fact]
    public void ServerIgnoringRangeRestartsTheFile()
    {
        using var tree = new TempTree();
        using var server = new LocalFileServer(DataTestSupport.Shared);
        server.Set(Big, new LocalFileServer.Behaviour { IgnoreRange = true });
        var part = Target(tree, Big) + DataFetcher.PartSuffix;
        Directory.CreateDirectory(Path.GetDirectoryName(part)!);
        File.WriteAllBytes(part, DataTestSupport.SharedBytes(Big)[..5000]);

        Assert.Equal(0, Fetch(tree, server, "--only", Big).ExitCode);
        Assert.Single(server.RequestsFor(Big));
        Assert.True(IsRegisteredCopy(tree, Big));
    }

    [Fact]
    public void TransientServerErrorsAreRetried()
    {
        using var tree = new TempTree();
        using var server = new LocalFileServer(DataTestSupport.Shared);
        server.Set(Big, new LocalFileServer.Behaviour { FailStatus = 503, FailTimes = 2 });

        var run = Fetch(tree, server, "--only", Big);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, server.RequestsFor(Big).Count);
        Assert.Contains("HTTP 503", run.Out);
        Assert.True(IsRegisteredCopy(tree, Big));
    }

    [Fact]
    public void NotFoundIsNotRetried()
    {
        using var tree = new TempTree();
        using var server = new LocalFileServer(DataTestSupport.Shared);
        server.Set(Big, new LocalFileServer.Behaviour { FailStatus = 404 });

        var run = Fetch(tree, server, "--only", Big);
        Assert.Equal(ExitCodes.Data, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Single(server.RequestsFor(Big));
        Assert.Contains($"HTTP 404 Failure from {server.BaseUrl}{Big}", run.Out);
        Assert.False(File.Exists(Target(tree, Big)));
    }

    [Fact]
    public void UnreachableHostFailsFastAfterTheFirstFile()
    {
        using var tree = new TempTree();
        // A port that was free a moment ago and has no listener: connections are refused.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var run = DataTestSupport.Run("data", "fetch", "--data-dir", tree.Root, "--base-url", $"http://127.0.0.1:{port}/", "--only", "coherent/csi-2021/");
        Assert.Equal(ExitCodes.Data, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("9 of 9 files are not in place", line);
        Assert.Contains($"not tried: 127.0.0.1:{port} could not be reached for coherent/csi-2021/SOURCE.md", run.Out);
        // The first file was tried MaxAttempts times, the others not at all.
        Assert.Equal(DataTestSupport.FastRetries.MaxAttempts - 1, run.Out.Split('\n').Count(l => l.Contains("retry")));
        Assert.Empty(Directory.EnumerateFiles(tree.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void FilesWithoutPublicUrlNeedAMirror()
    {
        // No mirror: the public URLs are used, and these files have none, so no network is touched.
        using var tree = new TempTree();
        var run = DataTestSupport.Run("data", "fetch", "--data-dir", tree.Root, "--only", "reactor/texono/");
        Assert.Equal(ExitCodes.Data, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("2 missing or wrong without a public URL (reactor/texono/SOURCE.md, reactor/texono/texono_2024_summary.csv)", line);
        Assert.Contains("NO URL      reactor/texono/texono_2024_summary.csv: missing, and it has no public URL (origin: hand-written, see SOURCE.md; no public URL (shipped in data/ only))", run.Out);
        Assert.Contains("downloading from: the public URLs in the registry", run.Out);
    }

    [Fact]
    public void MirrorFromTheEnvironmentVariable()
    {
        using var tree = new TempTree();
        using var server = new LocalFileServer(DataTestSupport.Shared);
        var env = new Dictionary<string, string> { [DataFetchSettings.MirrorVariable] = server.BaseUrl.AbsoluteUri };
        var run = DataTestSupport.Run(["data", "fetch", "--data-dir", tree.Root, "--only", "reactor/texono/"], env);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"(from {DataFetchSettings.MirrorVariable})", run.Out);
        Assert.True(IsRegisteredCopy(tree, "reactor/texono/texono_2024_summary.csv"));
    }

    [Theory]
    [InlineData("--base-url", "ftp://example.org/data", "cevns data fetch: --base-url: 'ftp://example.org/data' is not an absolute http:// or https:// URL")]
    [InlineData("--base-url", "data/mirror", "cevns data fetch: --base-url: 'data/mirror' is not an absolute")]
    [InlineData("--only", "nothing/here", "cevns data fetch: --only nothing/here: no registered data file")]
    public void BadOptionsAreOneLineUsageErrors(string option, string value, string expectedStart)
    {
        using var tree = new TempTree();
        var line = DataTestSupport.Run("data", "fetch", "--data-dir", tree.Root, option, value).AssertOneLineError(ExitCodes.Usage);
        Assert.StartsWith(expectedStart, line);
        Assert.Empty(Directory.EnumerateFileSystemEntries(tree.Root));
    }

    [Fact]
    public void DataDirectoryThatCannotBeCreatedIsOneLineExitThree()
    {
        using var tree = new TempTree();
        var file = tree.File("plain-file", "x");
        var line = DataTestSupport.Run("data", "fetch", "--data-dir", Path.Combine(file, "data"), "--only", "reactor/texono/")
            .AssertOneLineError(ExitCodes.Data);
        Assert.Contains("cannot create the data directory", line);
    }
}
