using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cevns.Statistics;

namespace Cevns.Fitting;

/// <summary>
/// The numbers of a <see cref="FitResult"/> that a scan uses later (warm starts, the global minimum, the reported
/// values), in a form that is written to checkpoint and shard files and read back bit for bit: doubles are written
/// in shortest round-trip form ("R"), which parses back to the same double (non-finite values as "nan", "inf", "-inf").
/// </summary>
public sealed record FitSnapshot(IReadOnlyList<double> X, double Chi2, FitStatus Status, string Message, int Iterations, int FunctionCalls, double Edm)
{
    public bool Converged => Status is FitStatus.Converged or FitStatus.NothingToFit;

    public static FitSnapshot Of(FitResult f) => new(f.ToArray(), f.Chi2, f.Status, f.Message, f.Iterations, f.FunctionCalls, f.Edm);

    /// <summary>A result on <paramref name="problem"/> with these numbers (no per-start outcomes, no covariance).</summary>
    internal FitResult ToResult(FitProblem problem)
    {
        if (X.Count != problem.Count)
            throw new InvalidOperationException($"fit snapshot has {X.Count} parameters, the problem {problem.Count}");
        return new FitResult(problem, X.ToArray(), Chi2, Status, Message, Iterations, FunctionCalls, Edm, [], 0, null);
    }

    /// <summary>True when every number is bitwise equal (NaN payloads aside) and the texts are equal.</summary>
    public bool SameAs(FitSnapshot other) =>
        X.Count == other.X.Count && X.Zip(other.X).All(p => ExactJson.Same(p.First, p.Second)) && ExactJson.Same(Chi2, other.Chi2)
        && Status == other.Status && Message == other.Message && Iterations == other.Iterations && FunctionCalls == other.FunctionCalls
        && ExactJson.Same(Edm, other.Edm);

    /// <summary>The object written to shard and checkpoint files (<see cref="Data.JsonFormats.Exact"/>).</summary>
    internal FitSnapshotJson ToJson() => new(X, Chi2, Status.ToString(), Message, Iterations, FunctionCalls, Edm);

    /// <summary>Reads what <see cref="ToJson"/> gave; a missing or malformed member throws a <see cref="FormatException"/> naming it.</summary>
    public static FitSnapshot Read(JsonElement e)
    {
        var x = ExactJson.Member(e, "x");
        if (x.ValueKind != JsonValueKind.Array) throw new FormatException("fit: 'x' is not an array");
        var status = ExactJson.String(e, "status");
        if (!Enum.TryParse<FitStatus>(status, out var s) || !Enum.IsDefined(s))
            throw new FormatException($"fit: unknown status '{status}'");
        return new FitSnapshot(x.EnumerateArray().Select(ExactJson.Value).ToArray(), ExactJson.Double(e, "chi2"), s, ExactJson.String(e, "message"),
            ExactJson.Int(e, "iterations"), ExactJson.Int(e, "calls"), ExactJson.Double(e, "edm"));
    }
}

/// <summary>Shard and checkpoint JSON: records written with <see cref="Data.JsonFormats.Exact"/>, read back member by member with checks naming what is wrong.</summary>
internal static class ExactJson
{
    public static string Text(double v) => Data.ExactDoubleConverter.Text(v);

    public static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b) || (double.IsNaN(a) && double.IsNaN(b));

    public static double Value(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => double.Parse(e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.String => e.GetString() switch
        {
            "nan" => double.NaN,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var s => throw new FormatException($"'{s}' is not a number"),
        },
        _ => throw new FormatException($"expected a number, found {e.ValueKind}"),
    };

    public static JsonElement Member(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : throw new FormatException($"missing '{name}'");

    public static double Double(JsonElement e, string name)
    {
        try
        {
            return Value(Member(e, name));
        }
        catch (FormatException ex) when (!ex.Message.StartsWith("missing", StringComparison.Ordinal))
        {
            throw new FormatException($"'{name}': {ex.Message}");
        }
    }

    public static int Int(JsonElement e, string name) =>
        Member(e, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out int i) ? i : throw new FormatException($"'{name}' is not an integer");

    public static string String(JsonElement e, string name) =>
        Member(e, name) is { ValueKind: JsonValueKind.String } v ? v.GetString()! : throw new FormatException($"'{name}' is not a string");

    public static string[] Strings(JsonElement e, string name) =>
        Member(e, name) is { ValueKind: JsonValueKind.Array } v
            ? v.EnumerateArray().Select(s => s.ValueKind == JsonValueKind.String ? s.GetString()! : throw new FormatException($"'{name}' holds a non-string")).ToArray()
            : throw new FormatException($"'{name}' is not an array");

    /// <summary>One record as compact JSON text (<see cref="Data.JsonFormats.Exact"/>).</summary>
    public static string Object<T>(T record) => JsonSerializer.Serialize(record, Data.JsonFormats.Exact);
}

/// <summary>A <see cref="FitSnapshot"/> in a shard or checkpoint file.</summary>
internal sealed record FitSnapshotJson(IReadOnlyList<double> X, [property: JsonPropertyName("chi2")] double Chi2, string Status, string Message,
    int Iterations, int Calls, double Edm);
