using System.Text.Json;
using System.Text.Json.Serialization;
using Cevns.Statistics;

namespace Cevns.Fitting;

/// <summary>
/// The Feldman-Cousins part of a shard file (cevns scan --feldman-cousins T --shard i/N): the settings every shard must
/// share (scanned parameter and its bounds, toys per point, master seed, confidence levels) and, per grid point of the
/// shard's share (<see cref="FeldmanCousinsScan.ToyPoints"/>), the sorted Delta chi^2 of its converged toys and the number of non-converged ones. The toys themselves, not only
/// the critical values, are kept so that the merged belt is the one-machine belt in full (quantiles and their bands).
/// In the file: one '#@feldman_cousins: {...}' line and one '#@fc_point: {...}' line per point of its share; shard files
/// without them are plain scan shards.
/// </summary>
public sealed record FeldmanCousinsShardSection(string Parameter, double Lower, double Upper, int ToysPerPoint, ulong Seed,
    IReadOnlyList<double> ConfidenceLevels, IReadOnlyList<FeldmanCousinsPointToys> Points)
{
    public const string SettingsKey = "feldman_cousins";
    public const string PointKey = "fc_point";

    /// <summary>The settings as text (compared between shards; every double in round-trip form).</summary>
    public string SettingsJson() => ExactJson.Object(new SettingsRecord(Parameter, Lower, Upper, ToysPerPoint, Seed, ConfidenceLevels));

    /// <summary>The '#@' lines of the section (without the "#@" prefix).</summary>
    public IEnumerable<string> Lines()
    {
        yield return $"{SettingsKey}: {SettingsJson()}";
        foreach (var p in Points.OrderBy(p => p.Point))
            yield return $"{PointKey}: {ExactJson.Object(new PointRecord(p.Point, p.NonConverged, p.SortedDeltaChi2))}";
    }

    /// <summary>The '#@feldman_cousins:' object.</summary>
    private sealed record SettingsRecord(string Parameter, double Lower, double Upper, int ToysPerPoint, ulong Seed, IReadOnlyList<double> Levels);

    /// <summary>A '#@fc_point:' object: the grid cell, its non-converged toys and the sorted Delta chi^2 of the converged ones.</summary>
    private sealed record PointRecord(int Cell, int NonConverged, [property: JsonPropertyName("delta_chi2")] IReadOnlyList<double> DeltaChi2);

    /// <summary>The scanned parameter as far as the regions need it: its bounds (an edge there is one-sided).</summary>
    public FitParameter Bounds() => new(Parameter, Math.Clamp(0.0, Lower, Upper), Lower, Upper);

    /// <summary>Reads the settings line; a malformed value throws a <see cref="FormatException"/> naming it.</summary>
    public static FeldmanCousinsShardSection ReadSettings(string json)
    {
        using var doc = ScanDescription.ParseObject(json);
        var e = doc.RootElement;
        var seed = ExactJson.Member(e, "seed") is { ValueKind: JsonValueKind.Number } s && s.TryGetUInt64(out ulong v) ? v
            : throw new FormatException("'seed' is not a non-negative integer");
        var levels = ExactJson.Member(e, "levels").EnumerateArray().Select(ExactJson.Value).ToArray();
        int toys = ExactJson.Int(e, "toys_per_point");
        if (toys < 1) throw new FormatException($"'toys_per_point' {toys} must be >= 1");
        if (levels.Length == 0 || levels.Any(l => !(l > 0 && l < 1))) throw new FormatException("'levels' must be confidence levels in (0, 1)");
        double lower = ExactJson.Double(e, "lower"), upper = ExactJson.Double(e, "upper");
        if (!(lower < upper)) throw new FormatException("'lower' must be below 'upper'");
        return new FeldmanCousinsShardSection(ExactJson.String(e, "parameter"), lower, upper, toys, seed, levels, []);
    }

    /// <summary>Reads one point line; a malformed value throws a <see cref="FormatException"/> naming it.</summary>
    public static FeldmanCousinsPointToys ReadPoint(string json)
    {
        using var doc = ScanDescription.ParseObject(json);
        var e = doc.RootElement;
        var values = ExactJson.Member(e, "delta_chi2").EnumerateArray().Select(ExactJson.Value).ToArray();
        if (values.Any(x => !(x >= 0) || double.IsInfinity(x))) throw new FormatException("'delta_chi2' holds a value that is not a finite number >= 0");
        int bad = ExactJson.Int(e, "non_converged");
        if (bad < 0) throw new FormatException("'non_converged' is negative");
        return new FeldmanCousinsPointToys(ExactJson.Int(e, "cell"), values, bad);
    }
}
