using Cevns.Data;
using Cevns.Statistics;

namespace Cevns.Fitting;

/// <summary>Merged shards: the scan report and, for a Feldman-Cousins scan, the assembled belt and the regions of the data.</summary>
public sealed record MergedScan(ScanReport Report, FeldmanCousinsBelt? Belt, IReadOnlyList<ConfidenceInterval> Intervals);

/// <summary>
/// Combines the shard files of a scan into the report of the whole scan, exactly as the single machine would have
/// written it. Refuses, with one line naming the files:
/// <list type="bullet">
/// <item>the wrong set of files (<see cref="ScanMismatchException"/>, a usage error): a file that is not a shard file,
/// shards of different analyses (fingerprints differ; the message says whether the command, a data file or the
/// software), of different splits (N differs), a shard given twice, missing shards;</item>
/// <item>inconsistent contents (<see cref="DataFileException"/>): shards disagreeing on the global fit or on a chain
/// they both ran (a spine recomputed differently, e.g. on a machine with other floating-point results), a shard
/// without exactly the cells and chains its plan assigns (a point missing, duplicated, or in two shards), rows that do
/// not match their chain's digest.</item>
/// </list>
/// The plan of every shard is recomputed from the grid and the global fit (<see cref="ScanSchedule.Plan"/>), so
/// together the shards cover every grid point exactly once. Shards of a Feldman-Cousins scan must all carry toys with the
/// same settings (seed, toys per point, levels; else a usage error) and each the toys of exactly its share of the grid
/// points (<see cref="FeldmanCousinsScan.ToyPoints"/>; else a data error); the belt assembled from them and the regions are those the single machine finds.
/// </summary>
public static class ScanMerge
{
    /// <summary>The scan report of the merged shards (without any Feldman-Cousins part; see <see cref="MergeAll"/>).</summary>
    public static ScanReport Merge(IReadOnlyList<ShardFile> shards) => MergeAll(shards).Report;

    public static MergedScan MergeAll(IReadOnlyList<ShardFile> shards)
    {
        if (shards.Count == 0) throw new ScanMismatchException("no shard files given");
        var first = shards[0];
        foreach (var s in shards.Skip(1))
        {
            if (s.FingerprintHex != first.FingerprintHex)
                throw new ScanMismatchException($"{s.Path} belongs to a different analysis than {first.Path}: {first.Fingerprint.Difference(s.Fingerprint)}");
            if (s.Shard.Count != first.Shard.Count)
                throw new ScanMismatchException($"{first.Path} is shard {first.Shard} but {s.Path} is shard {s.Shard}: all shards must come from one split into N parts");
            CheckSameToys(first, s);
        }
        int n = first.Shard.Count;
        var byIndex = new Dictionary<int, ShardFile>();
        foreach (var s in shards)
            if (!byIndex.TryAdd(s.Shard.Index, s))
                throw new ScanMismatchException($"shard {s.Shard} is given twice ({byIndex[s.Shard.Index].Path} and {s.Path})");
        var missing = Enumerable.Range(1, n).Where(i => !byIndex.ContainsKey(i)).ToArray();
        if (missing.Length > 0)
            throw new ScanMismatchException($"missing shard{(missing.Length == 1 ? "" : "s")} {Shortened(missing.Select(i => $"{i}/{n}"))} (given {shards.Count} of {n}): run them, or pass all their files");

        foreach (var s in shards.Skip(1))
        {
            if (s.DescriptionJson != first.DescriptionJson)
                throw DataFileException.In(s.Path, $"its scan description differs from that of {first.Path} although the fingerprints agree (was a file edited?)");
            if (!s.Global.SameAs(first.Global))
                throw DataFileException.In(s.Path, $"its global fit (chi2 {ScanCsv.R(s.Global.Chi2)}) differs from that of {first.Path} (chi2 {ScanCsv.R(first.Global.Chi2)}): the shards did not compute identically (same build on machines with identical floating-point results is required)");
        }

        var d = first.Description;
        var gx = d.Axes[0].Values;
        var gy = d.Axes.Count == 2 ? d.Axes[1].Values : null;
        var schedule = ScanSchedule.Build(gx, gy, first.Global.X[d.IndexOf(d.Axes[0].Name)], gy is null ? 0.0 : first.Global.X[d.IndexOf(d.Axes[1].Name)]);
        var rows = new ShardRow?[schedule.CellCount];
        var owner = new ShardFile?[schedule.CellCount];
        var chainRecords = new List<(ShardFile File, ShardChainRecord Record)>[schedule.Chains.Count];
        for (int k = 0; k < chainRecords.Length; k++) chainRecords[k] = [];

        foreach (var s in shards.OrderBy(s => s.Shard.Index))
        {
            var plan = schedule.Plan(s.Shard);
            var expectedCells = plan.Cells.ToHashSet();
            foreach (var r in s.Rows)
            {
                if (r.Cell < 0 || r.Cell >= rows.Length)
                    throw DataFileException.At(s.Path, r.Line, $"cell {r.Cell} is outside the grid of {rows.Length} points");
                if (owner[r.Cell] is { } other)
                    throw DataFileException.At(s.Path, r.Line, $"point {Where(d, r.Row)} (cell {r.Cell}) is also in {other.Path}{(ReferenceEquals(other, s) ? " (twice)" : $" (shard {other.Shard})")}");
                if (!expectedCells.Contains(r.Cell))
                    throw DataFileException.At(s.Path, r.Line, $"point {Where(d, r.Row)} (cell {r.Cell}) does not belong to shard {s.Shard} (the shards overlap)");
                CheckValues(s, r, gx, gy, schedule.Ny);
                rows[r.Cell] = r;
                owner[r.Cell] = s;
            }
            var lacking = plan.Cells.Where(c => owner[c] is null || !ReferenceEquals(owner[c], s)).ToArray();
            if (lacking.Length > 0)
                throw DataFileException.In(s.Path, $"shard {s.Shard} should hold {plan.Cells.Count} points but lacks {lacking.Length} (cells {Shortened(lacking.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)))}): the file is incomplete");
            var reported = s.Chains.Select(c => c.Index).ToArray();
            if (!reported.Order().SequenceEqual(plan.Chains.Order()))
                throw DataFileException.In(s.Path, $"shard {s.Shard} reports chains [{string.Join(", ", reported)}] but its plan runs [{string.Join(", ", plan.Chains)}]");
            foreach (var c in s.Chains) chainRecords[c.Index].Add((s, c));
        }

        var lowered = new FitSnapshot?[schedule.Chains.Count];
        for (int k = 0; k < schedule.Chains.Count; k++)
        {
            var records = chainRecords[k];
            if (records.Count == 0)
                throw DataFileException.In(first.Path, $"no shard ran chain {k} (an inconsistent set of shard files)");
            var digest = ScanShardFile.Digest(schedule.Chains[k].Cells.Select(c => rows[c]!.Text));
            foreach (var (file, rec) in records)
            {
                if (rec.Digest != digest)
                    throw DataFileException.In(file.Path, $"its chain {k}{(schedule.Chains[k].IsSpine ? " (a spine chain every shard needing it recomputes)" : "")} does not match the rows the shards report for it: the shards did not compute identically (same build on machines with identical floating-point results is required)");
                var (f0, r0) = records[0];
                if (!SameLowered(rec.LoweredGlobal, r0.LoweredGlobal))
                    throw DataFileException.In(file.Path, $"its chain {k} lowered the global fit differently from {f0.Path}: the shards did not compute identically");
            }
            lowered[k] = records[0].Record.LoweredGlobal;
        }

        var (best, note) = ScanReport.ChooseGlobal(first.Global.Chi2, lowered.Select(g => g is null ? null : ((bool, double)?)(g.Converged, g.Chi2)).ToArray());
        var global = best < 0 ? first.Global : lowered[best]!;
        var all = rows.Select(r => r!.Row).ToArray();
        double min = ScanReport.Minimum(global.Converged, global.Chi2, all.Select(r => (r.Converged, r.Chi2)));
        var report = new ScanReport(d, ScanGlobalFit.Of(global, d), min, note is null ? [] : [note], all);
        if (first.FeldmanCousins is not { } fc)
            return new MergedScan(report, null, []);

        foreach (var s in shards)
        {
            var own = FeldmanCousinsScan.ToyPoints(gx.Length, s.Shard).ToArray();
            var toys = s.FeldmanCousins!.Points.Select(p => p.Point).Order().ToArray();
            if (!toys.SequenceEqual(own))
                throw DataFileException.At(s.Path, s.FeldmanCousinsLine, $"shard {s.Shard} should hold the Feldman-Cousins toys of its {own.Length} point(s) (cells {Shortened(own.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)))}) but holds them at cells {Shortened(toys.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)))}: the file is incomplete or edited");
        }
        var belt = FeldmanCousinsBelt.FromPoints(fc.Parameter, gx, fc.ConfidenceLevels, fc.ToysPerPoint, fc.Seed, shards.SelectMany(s => s.FeldmanCousins!.Points));
        double bestFit = global.X[d.IndexOf(fc.Parameter)];
        var intervals = Enumerable.Range(0, belt.ConfidenceLevels.Count).Select(l => FeldmanCousinsScan.Interval(report, fc.Bounds(), bestFit, belt, l)).ToArray();
        return new MergedScan(report, belt, intervals);
    }

    /// <summary>Shards of one Feldman-Cousins scan share its toy settings (also part of the fingerprint's command when written by cevns scan).</summary>
    private static void CheckSameToys(ShardFile first, ShardFile s)
    {
        if (first.FeldmanCousins is null && s.FeldmanCousins is null) return;
        if (first.FeldmanCousins is null || s.FeldmanCousins is null)
        {
            var (with, without) = first.FeldmanCousins is null ? (s, first) : (first, s);
            throw new ScanMismatchException($"{with.Path} has Feldman-Cousins toys but {without.Path} has none: all shards must come from one 'cevns scan --feldman-cousins' command");
        }
        var a = first.FeldmanCousins;
        var b = s.FeldmanCousins;
        string? difference =
            a.Seed != b.Seed ? $"the toy seeds differ ({a.Seed} vs {b.Seed})"
            : a.ToysPerPoint != b.ToysPerPoint ? $"the toys per point differ ({a.ToysPerPoint} vs {b.ToysPerPoint})"
            : !a.ConfidenceLevels.SequenceEqual(b.ConfidenceLevels) ? $"the confidence levels differ ({string.Join(", ", a.ConfidenceLevels.Select(ScanCsv.R))} vs {string.Join(", ", b.ConfidenceLevels.Select(ScanCsv.R))})"
            : a.SettingsJson() != b.SettingsJson() ? $"the Feldman-Cousins settings differ ({a.SettingsJson()} vs {b.SettingsJson()})"
            : null;
        if (difference is not null)
            throw new ScanMismatchException($"{s.Path} and {first.Path} are shards of different Feldman-Cousins constructions: {difference}");
    }

    private static bool SameLowered(FitSnapshot? a, FitSnapshot? b) => a is null ? b is null : b is not null && a.SameAs(b);

    private static void CheckValues(ShardFile s, ShardRow r, double[] gx, double[]? gy, int ny)
    {
        double[] expected = gy is null ? [gx[r.Cell]] : [gx[r.Cell / ny], gy[r.Cell % ny]];
        if (!r.Row.Values.SequenceEqual(expected))
            throw DataFileException.At(s.Path, r.Line, $"cell {r.Cell} has scanned values ({string.Join(", ", r.Row.Values.Select(ScanCsv.R))}), the grid ({string.Join(", ", expected.Select(ScanCsv.R))})");
    }

    private static string Where(ScanDescription d, ScanRow row) =>
        string.Join(", ", d.Axes.Select((a, i) => $"{a.Name} = {ScanCsv.R(row.Values[i])}"));

    private static string Shortened(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 8 ? string.Join(", ", list) : $"{string.Join(", ", list.Take(8))}, ... ({list.Count} in all)";
    }
}
