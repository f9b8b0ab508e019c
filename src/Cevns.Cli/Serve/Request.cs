using System.Globalization;
using System.Text.Json;

namespace Cevns.Cli.Serve;

/// <summary>Typed access to the fields of one serve request; a field of the wrong type is a usage error naming it.</summary>
internal sealed class Request(string cmd, JsonElement root)
{
    public string Cmd => cmd;

    public bool Has(string field) => root.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null;

    private JsonElement? Get(string field) => root.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    private CliException Wrong(string field, string expected, JsonElement got) =>
        CliException.Usage($"{cmd}: field '{field}': expected {expected}, got {Show(got)}");

    private static string Show(JsonElement e)
    {
        var text = e.GetRawText();
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    public string? OptionalString(string field) => Get(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { } other => throw Wrong(field, "a string", other),
    };

    public bool OptionalBool(string field) => Get(field) switch
    {
        null => false,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { } other => throw Wrong(field, "true or false", other),
    };

    public string RequiredString(string field) =>
        OptionalString(field) ?? throw CliException.Usage($"{cmd}: field '{field}' is required");

    public double RequiredNumber(string field) => Get(field) switch
    {
        null => throw CliException.Usage($"{cmd}: field '{field}' is required"),
        { } e => Number(field, e),
    };

    public int RequiredInteger(string field) => Get(field) switch
    {
        { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out var n) => n,
        null => throw CliException.Usage($"{cmd}: field '{field}' is required"),
        { } other => throw Wrong(field, "a whole number", other),
    };

    private double Number(string field, JsonElement e) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var x) && double.IsFinite(x) ? x : throw Wrong(field, "a finite number", e);

    /// <summary>An object of name: number (physics parameters), in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> NumberMap(string field) => Get(field) switch
    {
        null => [],
        { ValueKind: JsonValueKind.Object } o => o.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Number($"{field}.{p.Name}", p.Value))).ToArray(),
        { } other => throw Wrong(field, "an object of name: number", other),
    };

    /// <summary>An object of name: string or number (dataset options), values as text.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> StringMap(string field) => Get(field) switch
    {
        null => [],
        { ValueKind: JsonValueKind.Object } o => o.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.ValueKind switch
        {
            JsonValueKind.String => p.Value.GetString()!,
            JsonValueKind.Number => p.Value.GetRawText(),
            _ => throw Wrong($"{field}.{p.Name}", "a string or number", p.Value),
        })).ToArray(),
        { } other => throw Wrong(field, "an object of name: value", other),
    };

    /// <summary>A list of physics points, each an object of name: number.</summary>
    public IReadOnlyList<IReadOnlyList<KeyValuePair<string, double>>> Points(string field) => Get(field) switch
    {
        { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Select((p, k) => p.ValueKind == JsonValueKind.Object
            ? (IReadOnlyList<KeyValuePair<string, double>>)p.EnumerateObject().Select(q => KeyValuePair.Create(q.Name, Number($"{field}[{k}].{q.Name}", q.Value))).ToArray()
            : throw Wrong($"{field}[{k}]", "an object of name: number", p)).ToArray(),
        null => [],
        { } other => throw Wrong(field, "a list of objects of name: number", other),
    };

    /// <summary>"a,b" or ["a", "b"].</summary>
    public IReadOnlyList<string> StringList(string field, bool required) => Get(field) switch
    {
        null when required => throw CliException.Usage($"{cmd}: field '{field}' is required"),
        null => [],
        { ValueKind: JsonValueKind.String } s => s.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Wrong(field, "a list of strings", e)).ToArray(),
        { } other => throw Wrong(field, "a string or a list of strings", other),
    };

    /// <summary>An object of name: [a, b] (priors: [mean, sigma]; ranges: [lo, hi]).</summary>
    public IReadOnlyList<KeyValuePair<string, (double A, double B)>> PairMap(string field, string shape) => Get(field) switch
    {
        null => [],
        { ValueKind: JsonValueKind.Object } o => o.EnumerateObject().Select(p =>
            p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() == 2
                ? KeyValuePair.Create(p.Name, (Number($"{field}.{p.Name}", p.Value[0]), Number($"{field}.{p.Name}", p.Value[1])))
                : throw Wrong($"{field}.{p.Name}", shape, p.Value)).ToArray(),
        { } other => throw Wrong(field, $"an object of name: {shape}", other),
    };

    /// <summary>Scan axes as "name=lo:hi:n" texts: from "name=lo:hi:n", a list of them, or an object of name: [lo, hi, n].</summary>
    public IReadOnlyList<string> ScanAxes(string field) => Get(field) switch
    {
        null => throw CliException.Usage($"{cmd}: field '{field}' is required (e.g. \"nsi.u.ee=-1:1:21\")"),
        { ValueKind: JsonValueKind.Object } o => o.EnumerateObject().Select(p =>
            p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() == 3
                ? $"{p.Name}={R(Number(field, p.Value[0]))}:{R(Number(field, p.Value[1]))}:{p.Value[2].GetRawText()}"
                : throw Wrong($"{field}.{p.Name}", "[lo, hi, n]", p.Value)).ToArray(),
        _ => StringList(field, required: true),
    };

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
