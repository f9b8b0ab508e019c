using Cevns.Cli;
using Cevns.Data;
using Cevns.Fitting;
using Cevns.Tests.Cli;
using Cevns.Tests.Data;

namespace Cevns.Tests.Scale;

/// <summary>
/// Feldman-Cousins toys in shards: the toys of grid point i depend only on the master seed, i and the profiled data fit at
/// i, so shards computing every N-th point and merged give the one-process belt, regions and file exactly; merge refuses
/// shards of different toy settings, missing shards and lost toys with one line.
/// </summary>
public class FeldmanCousinsShardTests
{
    private static readonly AnalysisFingerprint Fingerprint = new("cevns scan --feldman-cousins (test)", [], SoftwareVersion.Current);
    private static readonly ScanAxis Axis = ScaleFixtures.Grid1D[0];

    private static JointFit Fit() => ScaleFixtures.Joint(ScaleFixtures.Grid1D, "norm.mu");

    private static FeldmanCousinsScanOptions Options(ulong seed = 5, int toys = 12, int threads = 2) => new() { ToysPerPoint = toys, Seed = seed, Threads = threads };

    private static string WriteShard(string folder, string name, ScanShard shard, FeldmanCousinsScanOptions o)
    {
        var part = FeldmanCousinsScan.RunShard(Fit(), Axis, shard, o);
        var path = Path.Combine(folder, name);
        ScanCsv.WriteAtomic(path, ScanShardFile.Format(part.Scan, Fingerprint, ["test shard"], part.Toys));
        return path;
    }

    private static MergedScan Merge(params string[] paths) => ScanMerge.MergeAll(paths.Select(ScanShardFile.Read).ToArray());

    [Fact]
    public void ShardsShareTheGridPointsEveryNthPoint()
    {
        Assert.Equal([0, 3, 6], FeldmanCousinsScan.ToyPoints(9, new ScanShard(1, 3)));
        Assert.Equal([1, 4, 7], FeldmanCousinsScan.ToyPoints(9, new ScanShard(2, 3)));
        Assert.Equal([2, 5, 8], FeldmanCousinsScan.ToyPoints(9, new ScanShard(3, 3)));
        Assert.Equal(Enumerable.Range(0, 9), FeldmanCousinsScan.ToyPoints(9, ScanShard.Whole));
        Assert.Empty(FeldmanCousinsScan.ToyPoints(2, new ScanShard(3, 3)));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    public void MergedShardsGiveTheOneProcessBeltRegionsAndFileExactly(int n, int threads)
    {
        var single = FeldmanCousinsScan.Run(Fit(), Axis, Options(threads: 3 - threads));
        using var dir = new TempTree();
        var paths = Enumerable.Range(1, n).Select(i => WriteShard(dir.Root, $"fc_{i}.csv", new ScanShard(i, n), Options(threads: threads))).ToArray();
        var merged = Merge(paths.Reverse().ToArray());

        Assert.NotNull(merged.Belt);
        for (int i = 0; i < Axis.Points; i++)
        {
            Assert.Equal(12, single.Belt.ToyDeltaChi2(i).Count + single.Belt.NonConvergedToys[i]);
            Assert.Equal(single.Belt.ToyDeltaChi2(i), merged.Belt.ToyDeltaChi2(i));
            Assert.Equal(single.Belt.NonConvergedToys[i], merged.Belt.NonConvergedToys[i]);
        }
        for (int l = 0; l < 2; l++)
            Assert.All(merged.Belt.Critical(l), c => Assert.True(double.IsFinite(c) && c >= 0, $"critical value {c}"));
        Assert.Equal(single.Intervals.Select(x => x.ToString()), merged.Intervals.Select(x => x.ToString()));
        var one = ScanCsv.Format(single.Data, ["test"], single);
        Assert.Contains("# feldman-cousins region: ", one);
        Assert.Equal(one, ScanCsv.Format(merged.Report, ["test"], merged.Belt, merged.Intervals));
    }

    [Fact]
    public void MixedSeedsOrToyCountsMissingShardsAndLostToysAreRefusedInOneLine()
    {
        using var dir = new TempTree();
        var a1 = WriteShard(dir.Root, "a1.csv", new ScanShard(1, 2), Options());
        var a2 = WriteShard(dir.Root, "a2.csv", new ScanShard(2, 2), Options());
        var seed = WriteShard(dir.Root, "seed.csv", new ScanShard(2, 2), Options(seed: 6));
        var toys = WriteShard(dir.Root, "toys.csv", new ScanShard(2, 2), Options(toys: 13));
        var plain = Path.Combine(dir.Root, "plain.csv");
        ScanCsv.WriteAtomic(plain, ScanShardFile.Format(ProfileScan.RunShard(Fit(), ScaleFixtures.Grid1D, new ScanShard(2, 2)), Fingerprint, ["test shard"]));
        Assert.NotNull(Merge(a1, a2).Belt);

        static string OneLine(Exception e)
        {
            Assert.DoesNotContain('\n', e.Message);
            return e.Message;
        }
        Assert.Contains("are shards of different Feldman-Cousins constructions: the toy seeds differ (5 vs 6)", OneLine(Assert.Throws<ScanMismatchException>(() => Merge(a1, seed))));
        Assert.Contains("the toys per point differ (12 vs 13)", OneLine(Assert.Throws<ScanMismatchException>(() => Merge(a1, toys))));
        Assert.Contains($"{a1} has Feldman-Cousins toys but {plain} has none", OneLine(Assert.Throws<ScanMismatchException>(() => Merge(a1, plain))));
        Assert.Contains("missing shard 2/2", OneLine(Assert.Throws<ScanMismatchException>(() => Merge(a1))));

        var lines = File.ReadAllLines(a2);
        File.WriteAllLines(a2, lines.Where((l, i) => i != Array.FindLastIndex(lines, x => x.StartsWith("#@fc_point:", StringComparison.Ordinal))));
        var lost = OneLine(Assert.Throws<DataFileException>(() => Merge(a1, a2)));
        Assert.Contains(a2, lost);
        Assert.Contains("shard 2/2 should hold the Feldman-Cousins toys of its 4 point(s) (cells 1, 3, 5, 7) but holds them at cells 1, 3, 5", lost);
    }
}

/// <summary>cevns scan --feldman-cousins --shard i/N and cevns merge: the merged file and regions equal the one-process run's.</summary>
public class FeldmanCousinsShardCliTests
{
    private static readonly string[] Analysis =
        ["--experiments", "csi-new,ge", "--param", "sin2_theta_w=0.22:0.27:6", "--feldman-cousins", "8", "--data-dir", Path.GetTempPath()];

    private static CliRun Scan(TempTree dir, params string[] extra) => ScanCliTests.Run(ScaleFixtures.Source(), dir.Root, ["scan", .. Analysis, .. extra]);

    private static CliRun Merge(TempTree dir, params string[] args) => ScanCliTests.Run(ScaleFixtures.Source(), dir.Root, ["merge", .. args]);

    private static string[] Regions(string output) => output.Split('\n').Where(l => l.Contains("(Feldman-Cousins", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void ShardsMergeIntoTheOneProcessFileAndRegions()
    {
        using var dir = new TempTree();
        var single = Scan(dir, "--out", "single.csv", "--threads", "2");
        Assert.Equal(ExitCodes.Success, single.ExitCode);
        Assert.Equal(2, Regions(single.Out).Length);
        for (int i = 1; i <= 3; i++)
        {
            var shard = Scan(dir, "--shard", $"{i}/3", "--out", $"shard_{i}.csv", "--threads", i == 2 ? "2" : "1");
            Assert.Equal(ExitCodes.Success, shard.ExitCode);
            Assert.Contains($"wrote shard {i}/3 (", shard.Out);
            Assert.Contains("Feldman-Cousins toys at 2 point(s), 8 each", shard.Out);
        }
        var merge = Merge(dir, "shard_2.csv", "shard_3.csv", "shard_1.csv", "--out", "merged.csv");
        Assert.Equal(ExitCodes.Success, merge.ExitCode);
        Assert.Equal("", merge.Error);
        Assert.Equal(Regions(single.Out), Regions(merge.Out));
        string singlePath = Path.Combine(dir.Root, "single.csv"), mergedPath = Path.Combine(dir.Root, "merged.csv");
        Assert.Equal(ScanCliTests.Body(singlePath), ScanCliTests.Body(mergedPath));
        Assert.Contains(ScanCliTests.Body(mergedPath), l => l.StartsWith("# feldman-cousins: 8 toys per point, seed 20240917", StringComparison.Ordinal));
        Assert.Equal(ScanCliTests.Line(singlePath, "# analysis fingerprint: "), ScanCliTests.Line(mergedPath, "# analysis fingerprint: "));
        Assert.EndsWith("--feldman-cousins 8 --seed 20240917", File.ReadLines(mergedPath).Skip(1).First());

        Assert.Equal(ExitCodes.Success, Scan(dir, "--shard", "2/3", "--out", "seed_2.csv", "--seed", "7").ExitCode);
        var line = Merge(dir, "shard_1.csv", "seed_2.csv", "shard_3.csv", "--out", "m.csv").AssertOneLineError(ExitCodes.Usage);
        Assert.Contains($"{Path.Combine(dir.Root, "seed_2.csv")} belongs to a different analysis than {Path.Combine(dir.Root, "shard_1.csv")}: the commands differ", line);
        line = Merge(dir, "shard_1.csv", "shard_3.csv", "--out", "m.csv").AssertOneLineError(ExitCodes.Usage);
        Assert.StartsWith("cevns merge: missing shard 2/3 (given 2 of 3)", line);
        Assert.False(File.Exists(Path.Combine(dir.Root, "m.csv")));
    }
}
