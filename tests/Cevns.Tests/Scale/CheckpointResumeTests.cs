using System.Text;
using Cevns.Data;
using Cevns.Fitting;
using Cevns.Statistics;
using Cevns.Tests.Data;

namespace Cevns.Tests.Scale;

/// <summary>
/// Checkpoints and --resume in the library: a scan stopped after k finished minimisations (a simulated kill: the
/// cancellation takes effect before the next minimisation, as a kill between two would) and resumed from its
/// checkpoint gives the uninterrupted scan byte for byte, restores exactly the k recorded minimisations and computes
/// only the rest; torn and damaged checkpoints, and checkpoints of other scans, are handled or refused.
/// </summary>
public class CheckpointResumeTests
{
    private static readonly ScanAxis[] Axes = ScaleFixtures.Grid2D;
    private const string FingerprintHex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static ScanCheckpointHeader Header(ScanShard? shard = null, string fingerprint = FingerprintHex) =>
        new(fingerprint, shard ?? ScanShard.Whole, "cevns scan (test)", ScaleFixtures.Joint(Axes).Problem.Parameters.Select(p => p.Name).ToArray());

    /// <summary>Forwards to a journal, counts the records and cancels after <see cref="StopAfter"/> of them.</summary>
    private sealed class CountingJournal(IScanJournal inner, int stopAfter = int.MaxValue) : IScanJournal
    {
        private int _records;
        public readonly CancellationTokenSource Kill = new();
        public int StopAfter => stopAfter;
        public int Records => _records;
        public FitSnapshot? Global => inner.Global;
        public IReadOnlyList<ScanStep> StepsOf(int chain) => inner.StepsOf(chain);

        public void RecordGlobal(FitSnapshot global)
        {
            inner.RecordGlobal(global);
            if (stopAfter == 0) Kill.Cancel();
        }

        public void Record(ScanStep step)
        {
            inner.Record(step);
            if (Interlocked.Increment(ref _records) >= stopAfter) Kill.Cancel();
        }
    }

    private static string Text(ScanResult r) => ScanCsv.Format(r, ["test"]);

    private static readonly Lazy<(string Text, int Steps)> Uninterrupted = new(() =>
    {
        int steps = 0;
        var r = ProfileScan.Run(ScaleFixtures.Joint(Axes), Axes, new ScanOptions { Progress = (_, total) => steps = total });
        return (Text(r), steps);
    });

    /// <summary>Starts or resumes the scan of the checkpoint; stops it after <paramref name="stopAfter"/> new records (null: runs to the end).</summary>
    private static (ScanResult? Result, CountingJournal Journal, int Restored) Attempt(string path, int? stopAfter, int threads = 1)
    {
        using var checkpoint = ScanCheckpoint.Start(path, Header(), resume: true);
        var journal = new CountingJournal(checkpoint, stopAfter ?? int.MaxValue);
        var options = new ScanOptions { Threads = threads, Journal = journal, Cancellation = journal.Kill.Token };
        try
        {
            var r = ProfileScan.Run(ScaleFixtures.Joint(Axes), Axes, options);
            checkpoint.Complete();
            return (r, journal, checkpoint.RestoredSteps);
        }
        catch (OperationCanceledException)
        {
            return (null, journal, checkpoint.RestoredSteps);
        }
    }

    [Theory]
    [InlineData(0)]    // killed right after the global fit
    [InlineData(1)]
    [InlineData(4)]    // inside the first spine chain's forward pass
    [InlineData(9)]    // inside a spine chain's extra sweep
    [InlineData(23)]   // among the columns
    [InlineData(45)]   // one before the end
    public void AKilledScanResumesToTheUninterruptedResultWithoutRecomputing(int k)
    {
        var (expected, total) = Uninterrupted.Value;
        // 30 points, each chain swept back over all but its last point: 2 spine chains and 2 per column, 14 chains.
        Assert.Equal(2 * 30 - 14, total);
        k = Math.Min(k, total - 1);
        using var dir = new TempTree();
        var path = Path.Combine(dir.Root, "scan.csv.checkpoint");
        var killed = Attempt(path, k);
        Assert.Null(killed.Result);
        Assert.Equal(k, killed.Journal.Records);
        var resumed = Attempt(path, null);
        Assert.Equal(k, resumed.Restored);
        Assert.Equal(total - k, resumed.Journal.Records);
        Assert.Equal(expected, Text(resumed.Result!));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void RepeatedKillsWithTwoThreadsStillGiveTheUninterruptedResult()
    {
        var (expected, total) = Uninterrupted.Value;
        using var dir = new TempTree();
        var path = Path.Combine(dir.Root, "scan.csv.checkpoint");
        int done = 0;
        foreach (int more in new[] { 7, 11, 13 })
        {
            var killed = Attempt(path, more, threads: 2);
            Assert.Null(killed.Result);
            Assert.Equal(done, killed.Restored);
            // With two threads the other chain may finish the minimisation it was running.
            Assert.InRange(killed.Journal.Records, more, more + 1);
            done += killed.Journal.Records;
        }
        var resumed = Attempt(path, null, threads: 2);
        Assert.Equal(done, resumed.Restored);
        Assert.Equal(total - done, resumed.Journal.Records);
        Assert.Equal(expected, Text(resumed.Result!));
    }

    [Fact]
    public void AKilledShardResumesToTheUninterruptedShardFile()
    {
        var fingerprint = new AnalysisFingerprint("cevns scan (test)", [], SoftwareVersion.Current);
        var shard = new ScanShard(2, 3);
        string Format(ScanShardResult r) => ScanShardFile.Format(r, fingerprint, []);
        var expected = Format(ProfileScan.RunShard(ScaleFixtures.Joint(Axes), Axes, shard));
        using var dir = new TempTree();
        var path = Path.Combine(dir.Root, "shard_2.csv.checkpoint");
        using (var cp = ScanCheckpoint.Start(path, Header(shard), resume: false))
        {
            var journal = new CountingJournal(cp, 6);
            Assert.Throws<OperationCanceledException>(() =>
                ProfileScan.RunShard(ScaleFixtures.Joint(Axes), Axes, shard, new ScanOptions { Journal = journal, Cancellation = journal.Kill.Token }));
        }
        using var again = ScanCheckpoint.Start(path, Header(shard), resume: true);
        var resumed = ProfileScan.RunShard(ScaleFixtures.Joint(Axes), Axes, shard, new ScanOptions { Journal = again });
        Assert.Equal(6, again.RestoredSteps);
        Assert.Equal(6, resumed.RestoredSteps);
        Assert.Equal(expected, Format(resumed));
    }

    [Fact]
    public void ATornLastRecordIsCutOffAndTheScanResumes()
    {
        var (expected, _) = Uninterrupted.Value;
        using var dir = new TempTree();
        var path = Path.Combine(dir.Root, "scan.csv.checkpoint");
        Attempt(path, 5);
        var torn = Encoding.UTF8.GetBytes("{\"type\":\"step\",\"chain\":0,\"step\":5,\"cell\":");
        using (var f = new FileStream(path, FileMode.Append)) f.Write(torn);
        long before = new FileInfo(path).Length;
        using (var cp = ScanCheckpoint.Start(path, Header(), resume: true))
        {
            Assert.Equal(torn.Length, cp.DiscardedBytes);
            Assert.Equal(5, cp.RestoredSteps);
        }
        Assert.Equal(before - torn.Length, new FileInfo(path).Length);
        // A complete last line whose checksum does not match (a block of a crashed machine's disk) is cut off too.
        var lines = File.ReadAllLines(path);
        File.WriteAllText(path, string.Join('\n', lines[..^1]) + "\n" + lines[^1].Replace("\"chi2\":", "\"chi2\":1") + "\n");
        var resumed = Attempt(path, null);
        Assert.Equal(4, resumed.Restored);
        Assert.Equal(expected, Text(resumed.Result!));
    }

    [Fact]
    public void ADamagedRecordBeforeTheLastIsAnErrorNamingFileAndLine()
    {
        using var dir = new TempTree();
        var path = Path.Combine(dir.Root, "scan.csv.checkpoint");
        Attempt(path, 5);
        var lines = File.ReadAllLines(path);
        lines[3] = lines[3].Replace("\"cell\":", "\"cell\":1");
        File.WriteAllLines(path, lines);
        var e = Assert.Throws<DataFileException>(() => ScanCheckpoint.Start(path, Header(), resume: true));
        Assert.Equal($"{path}:4: corrupt checkpoint record (checksum mismatch or truncated line); delete the file to start the scan again", e.Message);
    }

    [Fact]
    public void CheckpointsOfOtherScansAndUnrequestedResumesAreRefused()
    {
        using var dir = new TempTree();
        var path = Path.Combine(dir.Root, "scan.csv.checkpoint");
        Attempt(path, 3);
        Assert.Contains("holds the state of an interrupted scan: add --resume to continue it, or delete the file",
            Assert.Throws<ScanMismatchException>(() => ScanCheckpoint.Start(path, Header(), resume: false)).Message);
        Assert.Contains("belongs to a different analysis (fingerprint 0123456789ab..., this scan fedcba987654...; it was started by 'cevns scan (test)')",
            Assert.Throws<ScanMismatchException>(() => ScanCheckpoint.Start(path, Header(fingerprint: "fedcba9876543210" + FingerprintHex[16..]), resume: true)).Message);
        Assert.Contains("belongs to shard 1/1, not to shard 2/4",
            Assert.Throws<ScanMismatchException>(() => ScanCheckpoint.Start(path, Header(new ScanShard(2, 4)), resume: true)).Message);
        using var first = ScanCheckpoint.Start(path, Header(), resume: true);
        Assert.Contains("cannot open the checkpoint exclusively",
            Assert.Throws<ScanMismatchException>(() => ScanCheckpoint.Start(path, Header(), resume: true)).Message);
    }

    [Fact]
    public void FitSnapshotsRoundTripBitForBit()
    {
        var random = new Random(20240607);
        var specials = new[] { 0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 1e-310, 0.1, 1.0 / 3, double.NaN,
            double.PositiveInfinity, double.NegativeInfinity };
        var values = specials.Concat(Enumerable.Range(0, 2000).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64()))).ToArray();
        var snapshot = new FitSnapshot(values, -0.0, FitStatus.LineSearchFailed, "a \"quoted\"\tmessage, with commas", 7, 99, double.NaN);
        using var doc = System.Text.Json.JsonDocument.Parse(ExactJson.Object(snapshot.ToJson()));
        var back = FitSnapshot.Read(doc.RootElement);
        Assert.True(snapshot.SameAs(back));
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits).Where((_, i) => !double.IsNaN(values[i])),
            back.X.Select(BitConverter.DoubleToInt64Bits).Where((_, i) => !double.IsNaN(values[i])));
        Assert.Equal(snapshot.Message, back.Message);
        Assert.False(snapshot.SameAs(snapshot with { Chi2 = 0.0 }));   // -0 and 0 differ in their bits
    }
}
