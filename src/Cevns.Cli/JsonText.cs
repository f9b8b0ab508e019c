using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cevns.Cli;

/// <summary>Writes one JSON document to a TextWriter with the conventions of <see cref="Cevns.Data.JsonFormats.Report"/> (numbers in shortest round-trip form, non-finite ones null).</summary>
public static class JsonText
{
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write, bool indented = true) =>
        output.WriteLine(Text(write, indented));

    /// <summary>One record as an indented JSON document (<see cref="Cevns.Data.JsonFormats.Report"/>).</summary>
    public static void Write<T>(TextWriter output, T record) => Write(output, w => JsonSerializer.Serialize(w, record, Cevns.Data.JsonFormats.Report));

    /// <summary>The JSON document as text: indented (as the commands print it) or on one line (as predict --points writes JSON lines).</summary>
    public static string Text(Action<Utf8JsonWriter> write, bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = indented,
            // Output for people and scripts, not for embedding in HTML: keep < > & ' readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
            write(writer);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
