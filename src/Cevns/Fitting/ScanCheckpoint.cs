using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cevns.Data;

namespace Cevns.Fitting;

/// <summary>What a checkpoint belongs to: the analysis, the shard, the command that started it and the fit parameters.</summary>
public sealed record ScanCheckpointHeader(string Fingerprint, ScanShard Shard, string Command, IReadOnlyList<string> Parameters);

/// <summary>
/// The checkpoint of a running scan, next to its output (<c>&lt;out&gt;.checkpoint</c>): an append-only log with one
/// record per line, the header first, then the global fit, then every finished minimisation (<see cref="ScanStep"/>,
/// with every parameter value, so a resumed chain warm-starts exactly as the interrupted one would have).
/// <para>
/// Atomicity: each record is one line "json TAB sha256-prefix(json)" written with a single write and flushed to disk
/// (fsync) before the scan goes on, so after a kill or a crash the file holds every finished record and at most one
/// torn last line, which the checksum exposes and <see cref="Start"/> cuts off. A bad line before the last one means
/// the file was damaged otherwise: that is an error, never silently skipped. Rewriting the whole file atomically
/// after every point would cost O(points^2) bytes; appending costs one line per point.
/// </para>
/// <para>
/// The file is held open exclusively (an advisory lock on Unix), so a second process resuming the same scan fails
/// instead of interleaving records. <see cref="Complete"/> deletes it once the output has been written.
/// </para>
/// </summary>
public sealed class ScanCheckpoint : IScanJournal, IDisposable
{
    public const string Suffix = ".checkpoint";
    private const int ChecksumLength = 16;
    private const string Format = "cevns-scan-checkpoint 1";

    private readonly string _path;
    private readonly ScanCheckpointHeader _header;
    private readonly object _gate = new();
    private readonly Dictionary<int, List<ScanStep>> _steps = [];
    private FileStream? _file;

    private ScanCheckpoint(string path, ScanCheckpointHeader header, FileStream file)
    {
        _path = path;
        _header = header;
        _file = file;
    }

    /// <summary>The checkpoint file of an output file.</summary>
    public static string PathFor(string outputPath) => outputPath + Suffix;

    public string Path => _path;

    public FitSnapshot? Global { get; private set; }

    /// <summary>Steps found in the file when it was opened (0 for a new checkpoint).</summary>
    public int RestoredSteps { get; private set; }

    /// <summary>True when an interrupted run's checkpoint was found (even one with only its header).</summary>
    public bool Resumed { get; private set; }

    /// <summary>Bytes of a torn last record cut off when the file was opened (0 if none).</summary>
    public long DiscardedBytes { get; private set; }

    /// <summary>
    /// Opens the checkpoint at <paramref name="path"/>: a new one, or (with <paramref name="resume"/>) the one an
    /// interrupted run left, which must have the same fingerprint and shard. Without <paramref name="resume"/> an
    /// existing checkpoint is refused (<see cref="ScanMismatchException"/>): finished work is never dropped silently.
    /// </summary>
    public static ScanCheckpoint Start(string path, ScanCheckpointHeader header, bool resume)
    {
        if (File.Exists(path) && !resume)
            throw new ScanMismatchException($"{path} holds the state of an interrupted scan: add --resume to continue it, or delete the file to start again");
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.None);
        }
        catch (IOException e)
        {
            throw new ScanMismatchException($"{path}: cannot open the checkpoint exclusively (is another scan writing it?): {e.Message}");
        }
        var cp = new ScanCheckpoint(path, header, file);
        try
        {
            cp.Load();
            return cp;
        }
        catch
        {
            cp.Dispose();
            throw;
        }
    }

    public IReadOnlyList<ScanStep> StepsOf(int chain)
    {
        lock (_gate)
            return _steps.TryGetValue(chain, out var list) ? list.ToArray() : [];
    }

    public void RecordGlobal(FitSnapshot global)
    {
        Append(ExactJson.Object(new GlobalRecord("global", global.ToJson())));
        Global = global;
    }

    public void Record(ScanStep step) =>
        Append(ExactJson.Object(new StepRecord("step", step.Chain, step.Step, step.Cell, step.Fit.ToJson(), step.LoweredGlobal?.ToJson())));

    /// <summary>The first record: what the checkpoint belongs to.</summary>
    private sealed record HeaderRecord(string Type, string Format, string Fingerprint, string Shard, string Command, IReadOnlyList<string> Parameters);

    /// <summary>The global fit of the scan.</summary>
    private sealed record GlobalRecord(string Type, FitSnapshotJson Fit);

    /// <summary>One finished minimisation of a chain, with the global fit it lowered to (left out when none).</summary>
    private sealed record StepRecord(string Type, int Chain, int Step, int Cell, FitSnapshotJson Fit,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FitSnapshotJson? LoweredGlobal);

    /// <summary>Closes and deletes the checkpoint: call after the output was written.</summary>
    public void Complete()
    {
        Dispose();
        File.Delete(_path);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    private void Append(string json)
    {
        var bytes = Encoding.UTF8.GetBytes($"{json}\t{Checksum(json)}\n");
        lock (_gate)
        {
            var f = _file ?? throw new ObjectDisposedException(_path);
            f.Write(bytes);
            f.Flush(flushToDisk: true);
        }
    }

    private static string Checksum(string json) => FileChecksum.Sha256Hex(Encoding.UTF8.GetBytes(json))[..ChecksumLength];

    private string HeaderJson() => ExactJson.Object(new HeaderRecord("header", Format, _header.Fingerprint, _header.Shard.ToString(), _header.Command, _header.Parameters));

    /// <summary>Reads the records of an interrupted run (cutting off a torn last line), or writes the header of a new checkpoint.</summary>
    private void Load()
    {
        var f = _file!;
        var bytes = new byte[f.Length];
        f.ReadExactly(bytes);
        var lines = SplitLines(bytes);
        long valid = 0;
        int lineNo = 0;
        bool header = false;
        foreach (var (start, length, complete) in lines)
        {
            lineNo++;
            bool last = lineNo == lines.Count;
            var text = Encoding.UTF8.GetString(bytes, start, length);
            int tab = text.LastIndexOf('\t');
            bool intact = complete && tab > 0 && text[(tab + 1)..] == Checksum(text[..tab]);
            if (!intact)
            {
                // A torn last line is what a kill during a write leaves; anything else is damage.
                if (last) break;
                throw DataFileException.At(_path, lineNo, "corrupt checkpoint record (checksum mismatch or truncated line); delete the file to start the scan again");
            }
            try
            {
                if (!header)
                {
                    CheckHeader(text[..tab]);
                    header = true;
                }
                else
                    ReadRecord(text[..tab]);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                throw DataFileException.At(_path, lineNo, $"malformed checkpoint record: {e.Message}");
            }
            valid = start + length + 1;
        }
        Resumed = bytes.Length > 0;
        DiscardedBytes = bytes.Length - valid;
        f.SetLength(valid);
        f.Seek(valid, SeekOrigin.Begin);
        if (!header) Append(HeaderJson());
        RestoredSteps = _steps.Values.Sum(l => l.Count);
    }

    private static List<(int Start, int Length, bool Complete)> SplitLines(byte[] bytes)
    {
        var lines = new List<(int, int, bool)>();
        int start = 0;
        for (int i = 0; i < bytes.Length; i++)
            if (bytes[i] == (byte)'\n')
            {
                lines.Add((start, i - start, true));
                start = i + 1;
            }
        if (start < bytes.Length) lines.Add((start, bytes.Length - start, false));
        return lines;
    }

    private void CheckHeader(string json)
    {
        using var doc = ScanDescription.ParseObject(json);
        var e = doc.RootElement;
        if (ExactJson.String(e, "type") != "header" || ExactJson.String(e, "format") != Format)
            throw new FormatException("the first record is not a cevns-scan-checkpoint 1 header");
        var fingerprint = ExactJson.String(e, "fingerprint");
        var command = ExactJson.String(e, "command");
        if (fingerprint != _header.Fingerprint)
            throw new ScanMismatchException($"{_path} belongs to a different analysis (fingerprint {fingerprint[..Math.Min(12, fingerprint.Length)]}..., this scan {_header.Fingerprint[..12]}...; it was started by '{command}'): delete it to start this scan, or resume with that command and software");
        var shard = ExactJson.String(e, "shard");
        if (shard != _header.Shard.ToString())
            throw new ScanMismatchException($"{_path} belongs to shard {shard}, not to shard {_header.Shard}: use the checkpoint's own --shard and --out");
        if (!ExactJson.Strings(e, "parameters").SequenceEqual(_header.Parameters))
            throw new FormatException("its fit parameters differ from this scan's");
    }

    private void ReadRecord(string json)
    {
        using var doc = ScanDescription.ParseObject(json);
        var e = doc.RootElement;
        switch (ExactJson.String(e, "type"))
        {
            case "global":
                if (Global is not null) throw new FormatException("a second global fit");
                Global = CheckedFit(ExactJson.Member(e, "fit"));
                break;
            case "step":
                if (Global is null) throw new FormatException("a step before the global fit");
                int chain = ExactJson.Int(e, "chain"), step = ExactJson.Int(e, "step"), cell = ExactJson.Int(e, "cell");
                if (!_steps.TryGetValue(chain, out var list)) _steps[chain] = list = [];
                if (step != list.Count) throw new FormatException($"chain {chain}: step {step} where step {list.Count} was expected");
                var lowered = e.TryGetProperty("lowered_global", out var g) ? CheckedFit(g) : null;
                list.Add(new ScanStep(chain, step, cell, CheckedFit(ExactJson.Member(e, "fit")), lowered));
                break;
            case var t:
                throw new FormatException($"unknown record type '{t}'");
        }
    }

    private FitSnapshot CheckedFit(JsonElement e)
    {
        var fit = FitSnapshot.Read(e);
        if (fit.X.Count != _header.Parameters.Count)
            throw new FormatException($"a fit with {fit.X.Count} parameter values, the scan has {_header.Parameters.Count}");
        return fit;
    }
}
