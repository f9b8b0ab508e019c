using Cevns.Data;
using Cevns.Datasets;

namespace Cevns.Tests.Data;

/// <summary>
/// The shipped registry against the data directory it was generated from (tools/data_registry.py), the rules for its
/// origins and URLs, and one-line errors for a malformed registry.
/// </summary>
public class DataRegistryTests
{
    private static readonly DataRegistry Shipped = DataRegistry.Shipped;

    [Fact]
    public void EveryFileOfTheDataDirectoryIsRegisteredWithItsSizeAndChecksum()
    {
        // Fails when the data directory changes: rerun python3 tools/data_registry.py.
        var result = DataVerifier.Verify(Shipped, DataTestSupport.Shared);
        Assert.Empty(result.Failures.Select(c => $"{c.File.Path}: {c.StatusText} {c.Detail}"));
        Assert.Empty(result.Unregistered);
        Assert.Equal(Directory.EnumerateFiles(DataTestSupport.Shared, "*", SearchOption.AllDirectories).Count(), Shipped.Files.Count);
    }

    [Fact]
    public void GitKeepsTheShippedDataBytesUnchanged()
    {
        // Line-ending conversion on checkout would change sizes and checksums (some upstream files have CRLF endings).
        var root = RepositoryRoot.Above(AppContext.BaseDirectory)!;
        var rules = File.ReadAllLines(Path.Combine(root, ".gitattributes")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
        Assert.Contains("data/** -text", rules);
        Assert.Contains(Shipped.Files, f => DataTestSupport.SharedBytes(f.Path).Contains((byte)'\r'));
    }

    [Fact]
    public void ChecksumsAreThoseOfTheFiles()
    {
        // Independent of DataVerifier: hash two files directly (SHA256 of the bytes) and compare with the registry.
        foreach (var path in new[] { "coherent/csi-2021/dataBeamOnC.txt", "reactor/spectra/huber2011/huber_u235.txt" })
        {
            var bytes = DataTestSupport.SharedBytes(path);
            var entry = Shipped.Find(path)!;
            Assert.Equal(bytes.LongLength, entry.Size);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), entry.Sha256);
        }
    }

    [Fact]
    public void PublicUrlsArePinnedToACommitAndEndWithTheUpstreamPathOfTheOrigin()
    {
        var withUrl = Shipped.Files.Where(f => f.HasPublicUrl).ToArray();
        Assert.NotEmpty(withUrl);
        foreach (var f in withUrl)
        {
            // origin = owner/repo@<40 hex>:<path>; url = https://raw.githubusercontent.com/owner/repo/<40 hex>/<path>
            var m = System.Text.RegularExpressions.Regex.Match(f.Origin, "^([^@]+)@([0-9a-f]{40}):(.+)$");
            Assert.True(m.Success, $"{f.Path}: origin '{f.Origin}' is not repository@commit:path");
            var expected = $"https://raw.githubusercontent.com/{m.Groups[1].Value}/{m.Groups[2].Value}/{m.Groups[3].Value}";
            Assert.Equal(expected, Uri.UnescapeDataString(f.Url!.AbsoluteUri));
        }
    }

    [Fact]
    public void FilesWithoutPublicUrlSayWhyAndAreTheHandMadeOnes()
    {
        var without = Shipped.Files.Where(f => !f.HasPublicUrl).ToArray();
        foreach (var f in without)
        {
            Assert.Matches("^(hand-written|converted here from |derived here|assembled here|provenance notes written)", f.Origin);
            Assert.Contains("no public URL", f.Origin);
        }
        // Every provenance note (SOURCE.md) is written here; of the data files, exactly those described as
        // hand-written, converted or assembled in their SOURCE.md have no URL.
        Assert.All(Shipped.Files.Where(f => f.Path.EndsWith("/SOURCE.md", StringComparison.Ordinal)), f => Assert.False(f.HasPublicUrl));
        Assert.Equal(
            [
                "coherent/sns-flux/nuEnergyAndTime_energy.csv", "coherent/sns-flux/nuEnergyAndTime_time.csv",
                "reactor/atomic/charge_radii_selected.csv", "reactor/atomic/ge_isotopes.csv", "reactor/atomic/other_target_masses.csv",
                "reactor/conus-plus/conus_plus_run1_summary.csv", "reactor/dresden-ii/dresden_ii_background_model_params.csv",
                "reactor/nugen/nugen_context.csv", "reactor/spectra/parametrizations/energy_per_fission.csv",
                "reactor/spectra/parametrizations/exp_polynomial_parameters.csv",
                "reactor/spectra/vogel-engel1989/vogel_engel1989_tableII_lowE.csv", "reactor/texono/texono_2024_summary.csv",
            ],
            without.Where(f => !f.Path.EndsWith("SOURCE.md", StringComparison.Ordinal)).Select(f => f.Path).ToArray());
    }

    [Fact]
    public void EveryFileADatasetDefinitionNamesIsRegistered()
    {
        var usage = new DatasetUsage(DatasetRegistry.Definitions.Select(d => (d.Id, (IEnumerable<string>)d.Files.Values)));
        Assert.Empty(usage.Unregistered(Shipped).Select(u => $"{u.Dataset}: {u.Path}"));
    }

    [Fact]
    public void DatasetUsageMapsPathsToDatasetIds()
    {
        var usage = new DatasetUsage([
            ("a", ["x/1.txt", "x/2.txt"]),
            ("b", ["x/2.txt", "coherent/csi-2021/dataBeamOnC.txt", "not/registered.txt"]),
        ]);
        Assert.Equal(["a", "b"], usage.DatasetsUsing("x/2.txt"));
        Assert.Equal(["b"], usage.DatasetsUsing("coherent/csi-2021/dataBeamOnC.txt"));
        Assert.Empty(usage.DatasetsUsing("x/3.txt"));
        Assert.Equal([("a", "x/1.txt"), ("a", "x/2.txt"), ("b", "x/2.txt"), ("b", "not/registered.txt")], usage.Unregistered(Shipped));
    }

    [Fact]
    public void MirrorUrlKeepsTheRelativePathAndEscapesSegments()
    {
        var f = Shipped.Find("coherent/cenns10-2020/SystErrors/brnpdf+1sigEnergy.txt")!;
        var mirror = new Uri("http://127.0.0.1:8080/mirror/data/");
        Assert.Equal("http://127.0.0.1:8080/mirror/data/coherent/cenns10-2020/SystErrors/brnpdf%2B1sigEnergy.txt", f.SourceUrl(mirror)!.AbsoluteUri);
        Assert.Equal(f.Url, f.SourceUrl(null));
        // Hand-written files have no public URL but a mirror serves them.
        var hand = Shipped.Find("reactor/texono/texono_2024_summary.csv")!;
        Assert.Null(hand.SourceUrl(null));
        Assert.Equal("http://127.0.0.1:8080/mirror/data/reactor/texono/texono_2024_summary.csv", hand.SourceUrl(mirror)!.AbsoluteUri);
    }

    [Fact]
    public void PrefixSelection()
    {
        Assert.Equal(Shipped.Files.Count, Shipped.Under([]).Count);
        var csi = Shipped.Under(["coherent/csi-2021/"]);
        Assert.Equal(9, csi.Count);   // 8 release files + SOURCE.md
        Assert.All(csi, f => Assert.StartsWith("coherent/csi-2021/", f.Path));
        Assert.Equal(csi, Shipped.Under(["./coherent\\csi-2021/"]));
        Assert.Equal(["nope/"], Shipped.UnmatchedPrefixes(["coherent/", "nope/"]));
    }

    private const string Valid = """
        files:
          - path: "a/b.txt"
            size: 3
            sha256: ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
            origin: "hand-written"
          - path: "a/c.txt"
            size: 0
            sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            origin: "o/r@0123456789012345678901234567890123456789:c.txt"
            url: "https://example.org/c.txt"
        """;

    [Fact]
    public void ParsesAValidRegistry()
    {
        var r = DataRegistry.Parse("reg.yaml", Valid);
        Assert.Equal(2, r.Files.Count);
        Assert.Equal(new RegisteredFile("a/b.txt", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "hand-written", null), r.Files[0]);
        Assert.Equal(new Uri("https://example.org/c.txt"), r.Find("a/c.txt")!.Url);
    }

    [Theory]
    [InlineData("size: 3", "size: -3", "reg.yaml:3: size of 'a/b.txt': expected a whole number of bytes >= 0, got '-3'")]
    [InlineData("size: 3", "size: 3.5", "reg.yaml:3: size of 'a/b.txt'")]
    [InlineData("sha256: ba78", "sha256: BA78", "reg.yaml:4: sha256 of 'a/b.txt': expected 64 lower-case hex digits")]
    [InlineData("path: \"a/b.txt\"", "path: \"../b.txt\"", "reg.yaml:2: path '../b.txt' must be relative")]
    [InlineData("path: \"a/b.txt\"", "path: \"/a/b.txt\"", "reg.yaml:2: path '/a/b.txt' must be relative")]
    [InlineData("path: \"a/b.txt\"", "path: \"a/c.txt\"", "reg.yaml:6: path 'a/c.txt' is listed twice (first at line 2)")]
    [InlineData("    origin: \"hand-written\"", "    orign: \"hand-written\"", "reg.yaml:5: unknown key 'orign'")]
    [InlineData("url: \"https://example.org/c.txt\"", "url: \"ftp://example.org/c.txt\"", "reg.yaml:10: url of 'a/c.txt': expected an absolute http(s) URL")]
    [InlineData("files:", "fils:", "reg.yaml:1: expected 'files:'")]
    [InlineData("size: 3", "size: [3", "reg.yaml:")]
    public void MalformedRegistryIsOneLineWithFileAndLine(string from, string to, string expectedStart)
    {
        var yaml = ReplaceFirst(Valid, from, to);
        var e = Assert.Throws<DataFileException>(() => DataRegistry.Parse("reg.yaml", yaml));
        Assert.StartsWith(expectedStart, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void EntryWithoutOriginIsRejected()
    {
        var yaml = Valid.Replace("    origin: \"hand-written\"\n", "");
        var e = Assert.Throws<DataFileException>(() => DataRegistry.Parse("reg.yaml", yaml));
        Assert.Equal("reg.yaml:2: entry without 'origin'", e.Message);
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        int i = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(i >= 0, $"'{from}' not in the test registry");
        return text[..i] + to + text[(i + from.Length)..];
    }
}
