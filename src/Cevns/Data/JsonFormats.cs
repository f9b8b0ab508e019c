using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cevns.Data;

/// <summary>
/// The JSON conventions of every JSON text cevns writes, in one place. Objects are records serialised with
/// System.Text.Json: property names from the snake_case policy (or an explicit name where the policy would not give
/// the documented one), in declaration order; dictionary keys as given; nulls are written unless a property says
/// otherwise; text escaped only where JSON requires it (output for people and scripts, not for HTML). Finite numbers
/// are written in shortest round-trip form (1E-07, 0.125, 12.000000000000002). Non-finite numbers follow one of two
/// policies:
/// <list type="bullet">
/// <item><see cref="Report"/> (results.json, the --json objects, the serve answers, validation.json): null, since JSON
/// has no NaN or infinity and these outputs are read by scripts that expect a number or nothing.</item>
/// <item><see cref="Exact"/> (scan shard files and checkpoints, which cevns reads back): the strings "nan", "inf" and
/// "-inf", so that every double reads back bit for bit (<see cref="ExactDoubleConverter"/>).</item>
/// </list>
/// </summary>
public static class JsonFormats
{
    /// <summary>Reports and command answers: non-finite numbers as null. Indentation comes from the writer.</summary>
    public static readonly JsonSerializerOptions Report = Options(new FiniteOrNullConverter(), indented: false);

    /// <summary><see cref="Report"/> as an indented text (results.json, validation.json).</summary>
    public static readonly JsonSerializerOptions ReportIndented = Options(new FiniteOrNullConverter(), indented: true);

    /// <summary>Files read back by cevns (shards, checkpoints): compact, non-finite numbers as "nan", "inf", "-inf".</summary>
    public static readonly JsonSerializerOptions Exact = Options(new ExactDoubleConverter(), indented: false);

    private static JsonSerializerOptions Options(JsonConverter numbers, bool indented)
    {
        var o = new JsonSerializerOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = indented,
            Converters = { numbers },
        };
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }
}

/// <summary>Writes a double as the shortest round-trip number, or null when it is NaN or infinite (JSON has no such numbers).</summary>
public sealed class FiniteOrNullConverter : JsonConverter<double>
{
    public override bool HandleNull => false;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }
}

/// <summary>
/// Writes a double so that it reads back exactly: a finite value as its shortest round-trip ("R") text, NaN and the
/// infinities as the strings "nan", "inf", "-inf"; reads both forms.
/// </summary>
public sealed class ExactDoubleConverter : JsonConverter<double>
{
    public static string Text(double v) =>
        double.IsNaN(v) ? "nan" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf" : v.ToString("R", CultureInfo.InvariantCulture);

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => double.Parse(reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonTokenType.String => reader.GetString() switch
        {
            "nan" => double.NaN,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var s => throw new JsonException($"'{s}' is not a number"),
        },
        var t => throw new JsonException($"expected a number, found {t}"),
    };

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value)) writer.WriteRawValue(Text(value));
        else writer.WriteStringValue(Text(value));
    }
}
