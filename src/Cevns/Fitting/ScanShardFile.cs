using System.Text;
using Cevns.Data;

namespace Cevns.Fitting;

/// <summary>A chain as a shard file reports it: its index, a digest of its rows, and the global fit it lowered to.</summary>
public sealed record ShardChainRecord(int Index, string Digest, FitSnapshot? LoweredGlobal);

/// <summary>A row of a shard file: the grid cell, the row, its raw text (for digests) and its line number.</summary>
public sealed record ShardRow(int Cell, ScanRow Row, string Text, int Line);

/// <summary>A shard file read back (<see cref="ScanShardFile.Read"/>).</summary>
public sealed record ShardFile(string Path, ScanShard Shard, string FingerprintHex, AnalysisFingerprint Fingerprint, ScanDescription Description,
    string DescriptionJson, FitSnapshot Global, IReadOnlyList<ShardChainRecord> Chains, IReadOnlyList<ShardRow> Rows, IReadOnlyList<string> Comments)
{
    /// <summary>The Feldman-Cousins toys of the shard's points, if the scan has them (--feldman-cousins).</summary>
    public FeldmanCousinsShardSection? FeldmanCousins { get; init; }

    /// <summary>Line of the '#@feldman_cousins:' settings (0 without them), for messages.</summary>
    public int FeldmanCousinsLine { get; init; }
}

/// <summary>
/// The file of one shard of a scan (cevns scan --shard i/N): '#' comment lines for people (what the file is, the
/// command, the data directory), '#@key: value' lines for <see cref="ScanMerge"/> (format, shard, fingerprint and its
/// parts, the scan description, the initial global fit, and per chain run a digest of its rows and the global fit it
/// lowered to), a header, and one row per cell of the shard: cell index, scanned values, chi2, converged and the
/// profiled values (nan where the fit did not converge). There is no delta_chi2: it needs every shard. The digest of a
/// chain covers the rows of all its cells, including spine cells another shard reports, so merge can check that
/// every shard computed the shared spine identically. A Feldman-Cousins scan adds its toys at the shard's own points
/// (<see cref="FeldmanCousinsShardSection"/>, optional '#@' lines that older files simply lack).
/// </summary>
public static class ScanShardFile
{
    public const string Format1 = "cevns-scan-shard 1";

    public static string Format(ScanShardResult r, AnalysisFingerprint fingerprint, IEnumerable<string> leadingComments,
        FeldmanCousinsShardSection? feldmanCousins = null)
    {
        var sb = new StringBuilder();
        void Line(string s) => sb.Append(s).Append('\n');
        Line($"# cevns scan shard {r.Shard}: part of a scan, not a result (delta_chi2 needs every shard); combine all {r.Shard.Count} shard files with 'cevns merge'");
        foreach (var c in leadingComments) Line($"# {c}");
        var d = r.Description;
        Line($"# datasets: {string.Join(", ", d.DatasetIds)}");
        Line($"# this shard: {r.Plan.Cells.Count} of {r.Schedule.CellCount} points, {r.Plan.Chains.Count} chain(s)"
             + (r.Plan.Cells.Count == 0 ? $" (nothing but the global fit: the scan has only {r.Schedule.UnitCount} unit(s) of work)" : ""));
        Line($"#@format: {Format1}");
        Line($"#@shard: {r.Shard}");
        Line($"#@fingerprint: {fingerprint.Hex}");
        Line($"#@command: {fingerprint.Command}");
        Line($"#@software: {fingerprint.Software.Version} {fingerprint.Software.Build}");
        foreach (var f in fingerprint.DataFiles) Line($"#@data: {f.Sha256} {f.Path}");
        Line($"#@description: {d.ToJson()}");
        Line($"#@global: {ExactJson.Object(FitSnapshot.Of(r.InitialGlobal).ToJson())}");
        foreach (var c in r.Chains)
        {
            var digest = Digest(c.Chain.Cells.Select(cell => RowText(cell, r.RowAt(cell))));
            Line("#@chain: " + ExactJson.Object(new ChainRecord(c.Chain.Index, digest, c.LoweredGlobal is { } g ? FitSnapshot.Of(g).ToJson() : null)));
        }
        if (feldmanCousins is not null)
        {
            Line($"# feldman-cousins: {feldmanCousins.ToysPerPoint} toys per point at this shard's {feldmanCousins.Points.Count} point(s), seed {feldmanCousins.Seed}; {feldmanCousins.Points.Sum(p => p.NonConverged)} toy fit(s) not converged");
            foreach (var l in feldmanCousins.Lines()) Line("#@" + l);
        }
        Line(string.Join(',', ["cell", .. d.Axes.Select(a => a.Name), "chi2", "converged", .. d.Profiled]));
        foreach (int cell in r.Plan.Cells) Line(RowText(cell, r.RowAt(cell)));
        return sb.ToString();
    }

    /// <summary>A '#@chain:' object: the chain, the digest of its rows and the global fit it lowered to (left out when none).</summary>
    private sealed record ChainRecord(int Index, string Digest,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] FitSnapshotJson? LoweredGlobal);

    internal static string RowText(int cell, ScanRow row)
    {
        bool ok = row.Converged;
        return string.Join(',', [cell.ToString(System.Globalization.CultureInfo.InvariantCulture), .. row.Values.Select(ScanCsv.R),
            ok ? ScanCsv.R(row.Chi2) : "nan", ok ? "true" : "false", .. row.Profiled.Select(v => ok ? ScanCsv.R(v) : "nan")]);
    }

    internal static string Digest(IEnumerable<string> rows) => FileChecksum.Sha256Hex(Encoding.UTF8.GetBytes(string.Join('\n', rows)));

    /// <summary>
    /// Reads a shard file. A file without the format line is not a shard file (<see cref="ScanMismatchException"/>);
    /// a malformed or inconsistent one raises a <see cref="DataFileException"/> naming the file and line.
    /// </summary>
    public static ShardFile Read(string path)
    {
        if (!File.Exists(path)) throw DataFileException.Missing(path);
        var comments = new List<string>();
        var keys = new List<(string Key, string Value, int Line)>();
        string[]? columns = null;
        var rawRows = new List<(string Text, int Line)>();
        int lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (line.StartsWith("#@", StringComparison.Ordinal))
            {
                int colon = line.IndexOf(": ", StringComparison.Ordinal);
                if (colon < 0 || columns is not null) throw DataFileException.At(path, lineNo, "expected '#@key: value' before the header line");
                keys.Add((line[2..colon], line[(colon + 2)..], lineNo));
            }
            else if (line.StartsWith('#'))
                comments.Add(line.TrimStart('#').Trim());
            else if (line.Length == 0)
                continue;
            else if (columns is null)
                columns = line.Split(',');
            else
                rawRows.Add((line, lineNo));
        }
        if (!keys.Any(k => k.Key == "format"))
            throw new ScanMismatchException($"{path} is not a shard file of 'cevns scan --shard' (no '#@format: {Format1}' line)");

        (string Value, int Line) One(string key)
        {
            var found = keys.Where(k => k.Key == key).ToArray();
            if (found.Length != 1) throw DataFileException.In(path, found.Length == 0 ? $"no '#@{key}:' line" : $"'#@{key}:' given {found.Length} times");
            return (found[0].Value, found[0].Line);
        }
        T Parse<T>(string key, Func<string, T> parse)
        {
            var (value, line) = One(key);
            try
            {
                return parse(value);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                throw DataFileException.At(path, line, $"#@{key}: {e.Message}");
            }
        }

        var format = One("format");
        if (format.Value != Format1) throw DataFileException.At(path, format.Line, $"unsupported shard format '{format.Value}' (this cevns reads '{Format1}')");
        var shard = Parse("shard", ScanShard.Parse);
        var hex = Parse("fingerprint", v => FileChecksum.IsSha256Hex(v) ? v : throw new FormatException("expected 64 hex digits"));
        var command = One("command").Value;
        var software = Parse("software", v =>
        {
            int space = v.LastIndexOf(' ');
            return space > 0 ? new SoftwareVersion(v[..space], v[(space + 1)..]) : throw new FormatException("expected 'version build'");
        });
        var data = keys.Where(k => k.Key == "data").Select(k =>
        {
            int space = k.Value.IndexOf(' ');
            if (space < 0 || !FileChecksum.IsSha256Hex(k.Value[..space])) throw DataFileException.At(path, k.Line, "#@data: expected 'sha256 path'");
            return new DataFileHash(k.Value[(space + 1)..], k.Value[..space]);
        }).ToArray();
        var fingerprint = new AnalysisFingerprint(command, data, software);
        if (fingerprint.Hex != hex)
            throw DataFileException.At(path, One("fingerprint").Line, "the fingerprint does not match the command, data and software lines (was the file edited?)");
        var descriptionJson = One("description").Value;
        var description = Parse("description", ScanDescription.FromJson);
        var global = Parse("global", v =>
        {
            using var doc = ScanDescription.ParseObject(v);
            return FitSnapshot.Read(doc.RootElement);
        });
        if (global.X.Count != description.Parameters.Count)
            throw DataFileException.At(path, One("global").Line, $"the global fit has {global.X.Count} values for {description.Parameters.Count} parameters");
        var chains = keys.Where(k => k.Key == "chain").Select(k =>
        {
            try
            {
                using var doc = ScanDescription.ParseObject(k.Value);
                var e = doc.RootElement;
                var lowered = e.TryGetProperty("lowered_global", out var g) ? FitSnapshot.Read(g) : null;
                if (lowered is not null && lowered.X.Count != description.Parameters.Count) throw new FormatException("lowered global fit of the wrong size");
                return new ShardChainRecord(ExactJson.Int(e, "index"), ExactJson.String(e, "digest"), lowered);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                throw DataFileException.At(path, k.Line, $"#@chain: {e.Message}");
            }
        }).ToArray();

        string[] expected = ["cell", .. description.Axes.Select(a => a.Name), "chi2", "converged", .. description.Profiled];
        if (columns is null) throw DataFileException.In(path, "no header line (column names) found");
        if (!columns.SequenceEqual(expected))
            throw DataFileException.In(path, $"header '{string.Join(',', columns)}' does not match the description (expected '{string.Join(',', expected)}')");
        int nAxes = description.Axes.Count;
        var rows = rawRows.Select(r =>
        {
            var cells = r.Text.Split(',');
            if (cells.Length != expected.Length)
                throw DataFileException.At(path, r.Line, $"expected {expected.Length} comma-separated values, found {cells.Length}");
            if (!int.TryParse(cells[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int cell))
                throw DataFileException.At(path, r.Line, $"cell '{cells[0]}' is not a grid index");
            double Number(int i) => cells[i] == "nan" ? double.NaN
                : double.TryParse(cells[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v
                : throw DataFileException.At(path, r.Line, $"column {expected[i]}: '{cells[i]}' is not a number");
            bool converged = cells[nAxes + 2] switch
            {
                "true" => true,
                "false" => false,
                var t => throw DataFileException.At(path, r.Line, $"column converged: '{t}' is not true or false"),
            };
            var row = new ScanRow(Enumerable.Range(1, nAxes).Select(Number).ToArray(), converged, Number(nAxes + 1),
                Enumerable.Range(nAxes + 3, description.Profiled.Count).Select(Number).ToArray());
            return new ShardRow(cell, row, r.Text, r.Line);
        }).ToArray();
        FeldmanCousinsShardSection? fc = null;
        int fcLine = 0;
        var fcSettings = keys.Where(k => k.Key == FeldmanCousinsShardSection.SettingsKey).ToArray();
        var fcPoints = keys.Where(k => k.Key == FeldmanCousinsShardSection.PointKey).ToArray();
        if (fcSettings.Length > 0 || fcPoints.Length > 0)
        {
            var settings = Parse(FeldmanCousinsShardSection.SettingsKey, FeldmanCousinsShardSection.ReadSettings);
            fcLine = One(FeldmanCousinsShardSection.SettingsKey).Line;
            var points = fcPoints.Select(k =>
            {
                try
                {
                    var p = FeldmanCousinsShardSection.ReadPoint(k.Value);
                    if (p.SortedDeltaChi2.Count + p.NonConverged != settings.ToysPerPoint)
                        throw new FormatException($"point {p.Point} has {p.SortedDeltaChi2.Count} converged and {p.NonConverged} non-converged toys, not {settings.ToysPerPoint}");
                    for (int i = 1; i < p.SortedDeltaChi2.Count; i++)
                        if (!(p.SortedDeltaChi2[i - 1] <= p.SortedDeltaChi2[i])) throw new FormatException($"the toys of point {p.Point} are not sorted");
                    return p;
                }
                catch (Exception e) when (e is FormatException or InvalidOperationException)
                {
                    throw DataFileException.At(path, k.Line, $"#@{FeldmanCousinsShardSection.PointKey}: {e.Message}");
                }
            }).ToArray();
            if (description.Axes.Count != 1 || description.Axes[0].Name != settings.Parameter)
                throw DataFileException.At(path, fcLine, $"Feldman-Cousins toys of '{settings.Parameter}' in a scan of {string.Join(", ", description.Axes.Select(a => a.Name))}");
            fc = settings with { Points = points };
        }
        return new ShardFile(path, shard, hex, fingerprint, description, descriptionJson, global, chains, rows, comments)
        {
            FeldmanCousins = fc,
            FeldmanCousinsLine = fcLine,
        };
    }
}
