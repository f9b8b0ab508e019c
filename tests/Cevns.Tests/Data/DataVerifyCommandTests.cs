using System.Text.Json;
using Cevns.Cli;
using Cevns.Data;
using Cevns.Tests.Cli;

namespace Cevns.Tests.Data;

/// <summary>cevns data verify on temporary copies of the data directory (never on the repository's data/ itself, which is only read).</summary>
public class DataVerifyCommandTests
{
    private const string Modified = "coherent/csi-2021/dataBeamOnC.txt";
    private const string Removed = "reactor/quenching/QF_Fef_YBe.txt";
    private const string Truncated = "coherent/csi-2017/promptPDF.txt";

    [Fact]
    public void CompleteCopyIsOk()
    {
        using var tree = new TempTree();
        DataTestSupport.CopyShared(tree.Root);
        var run = DataTestSupport.Run("data", "verify", "--data-dir", tree.Root);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains($"{DataRegistry.Shipped.Files.Count} registered files: {DataRegistry.Shipped.Files.Count} ok", run.Out);
    }

    [Fact]
    public void ModifiedRemovedAndTruncatedFilesAreReportedWithExitThree()
    {
        using var tree = new TempTree();
        DataTestSupport.CopyShared(tree.Root);
        var modified = Path.Combine(tree.Root, Modified);
        var bytes = File.ReadAllBytes(modified);
        bytes[1000] = (byte)(bytes[1000] == (byte)'1' ? '2' : '1');   // same size, other content
        File.WriteAllBytes(modified, bytes);
        File.Delete(Path.Combine(tree.Root, Removed));
        var truncated = Path.Combine(tree.Root, Truncated);
        File.WriteAllBytes(truncated, File.ReadAllBytes(truncated)[..100]);
        tree.File("notes/extra.txt", "not registered");

        var run = DataTestSupport.Run("data", "verify", "--data-dir", tree.Root);
        Assert.Equal(ExitCodes.Data, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        // the datasets that read one of the three files are named (the list grows as datasets are added)
        var affected = Cevns.Datasets.DatasetRegistry.Definitions
            .Where(d => d.Files.Values.Any(f => f is Modified or Removed or Truncated)).Select(d => d.Id).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal($"cevns data verify: 3 of {DataRegistry.Shipped.Files.Count} registered files are not ok " +
                     $"(1 missing, 1 wrong size, 1 wrong checksum) in {tree.Root} (from --data-dir)" +
                     (affected.Length > 0 ? $"; datasets affected: {string.Join(", ", affected)}" : "") +
                     "; 'git checkout -- data' restores the copy shipped in the repository, 'cevns data fetch' files with a public URL",
            line);
        var rows = run.Out.Split('\n').Select(l => l.Trim()).ToArray();
        Assert.Contains(rows, r => r.StartsWith("wrong checksum") && r.Contains(Modified));
        Assert.Contains(rows, r => r.StartsWith("missing") && r.Contains(Removed));
        Assert.Contains(rows, r => r.StartsWith("wrong size") && r.Contains(Truncated) && r.Contains("100 bytes, registered 1298"));
        Assert.Contains("info: notes/extra.txt is not in the registry", run.Out);
        Assert.DoesNotContain("   at ", run.Out + run.Error);
    }

    [Fact]
    public void JsonNamesEveryStateAndTheActualChecksum()
    {
        using var tree = new TempTree();
        DataTestSupport.CopyShared(tree.Root, "coherent/csi-2021/");
        var modified = Path.Combine(tree.Root, Modified);
        var bytes = File.ReadAllBytes(modified);
        bytes[^2] ^= 0x01;
        File.WriteAllBytes(modified, bytes);
        File.Delete(Path.Combine(tree.Root, "coherent/csi-2021/ninPE.txt"));

        var run = DataTestSupport.Run("data", "verify", "--data-dir", tree.Root, "--only", "coherent/csi-2021/", "--json");
        Assert.Equal(ExitCodes.Data, run.ExitCode);
        Assert.Single(run.ErrorLines);
        using var doc = JsonDocument.Parse(run.Out);
        var r = doc.RootElement;
        Assert.False(r.GetProperty("ok").GetBoolean());
        Assert.Equal(7, r.GetProperty("counts").GetProperty("ok").GetInt32());
        Assert.Equal(1, r.GetProperty("counts").GetProperty("missing").GetInt32());
        Assert.Equal(1, r.GetProperty("counts").GetProperty("wrong_checksum").GetInt32());
        var files = r.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!);
        Assert.Equal(9, files.Count);
        var m = files[Modified];
        Assert.Equal("wrong_checksum", m.GetProperty("status").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), m.GetProperty("actual_sha256").GetString());
        Assert.Equal(DataRegistry.Shipped.Find(Modified)!.Sha256, m.GetProperty("sha256").GetString());
        Assert.Equal("missing", files["coherent/csi-2021/ninPE.txt"].GetProperty("status").GetString());
        Assert.Empty(r.GetProperty("unregistered").EnumerateArray());
    }

    [Fact]
    public void UnreadableFileIsReportedNotThrown()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
            return;   // root reads files whatever their mode
        using var tree = new TempTree();
        DataTestSupport.CopyShared(tree.Root, "reactor/texono/");
        var path = Path.Combine(tree.Root, "reactor/texono/texono_2024_summary.csv");
        File.SetUnixFileMode(path, UnixFileMode.None);
        var run = DataTestSupport.Run("data", "verify", "--data-dir", tree.Root, "--only", "reactor/texono/");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal(ExitCodes.Data, run.ExitCode);
        Assert.Contains("1 unreadable", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void MissingDataDirectoryIsOneLineExitThree()
    {
        using var tree = new TempTree();
        var line = DataTestSupport.Run("data", "verify", "--data-dir", Path.Combine(tree.Root, "absent")).AssertOneLineError(ExitCodes.Data);
        Assert.Contains("does not exist", line);
    }

    [Fact]
    public void UnknownPrefixIsAUsageError()
    {
        using var tree = new TempTree();
        var line = DataTestSupport.Run("data", "verify", "--data-dir", tree.Root, "--only", "cohernet/").AssertOneLineError(ExitCodes.Usage);
        Assert.StartsWith("cevns data verify: --only cohernet/: no registered data file", line);
    }

    [Fact]
    public void PlainDataCommandIsUnchanged()
    {
        using var tree = new TempTree();
        tree.File("d/coherent/csi-2021/SOURCE.md");
        var dir = Path.Combine(tree.Root, "d");
        var run = DataTestSupport.Run("data", "--data-dir", dir);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  coherent/csi-2021", run.Out);
        Assert.Equal(ExitCodes.Data, DataTestSupport.Run("data", "--data-dir", dir, "--require", "x.txt").ExitCode);
    }
}
