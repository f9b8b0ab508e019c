using System.Text.Json;

namespace Cevns.Fitting;

/// <summary>Small writers shared by the JSON outputs (scan shard files, results.json, the serve answers).</summary>
public static class JsonWriterExtensions
{
    /// <summary>"name": ["a", "b", ...] in the order given.</summary>
    public static void WriteStringArray(this Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
