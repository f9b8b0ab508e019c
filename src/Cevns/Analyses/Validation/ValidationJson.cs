using System.Text;
using System.Text.Json;

namespace Cevns.Analyses.Validation;

/// <summary>The JSON twin of docs/validation.md: the same outcomes, machine-readable (null where there is no number).</summary>
public static class ValidationJson
{
    public static string Write(IReadOnlyList<ValidationOutcome> outcomes, string command, string softwareVersion)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("command", command);
            w.WriteString("software", softwareVersion);
            w.WriteString("entries_file", ValidationMarkdown.EntriesFile);
            w.WriteStartArray("entries");
            foreach (var o in outcomes)
            {
                var e = o.Entry;
                var p = e.Published;
                w.WriteStartObject();
                w.WriteString("id", e.Id);
                w.WriteString("quantity", e.Quantity);
                w.WriteString("reference", e.Reference);
                w.WriteString("setup", e.Setup);
                w.WriteStartObject("published");
                w.WriteString("kind", p.Kind.ToString());
                Number(w, "value", p.Kind is PublishedKind.Interval ? null : p.Central);
                Number(w, "error_minus", p.ErrorMinus);
                Number(w, "error_plus", p.ErrorPlus);
                Number(w, "lower", p.Kind is PublishedKind.Interval ? p.Lower : null);
                Number(w, "upper", p.Kind is PublishedKind.Interval ? p.Upper : null);
                Number(w, "cl", p.ConfidenceLevel);
                Number(w, "dof", p.DegreesOfFreedom);
                w.WriteString("unit", p.Unit);
                w.WriteEndObject();
                w.WriteString("computed", e.Compute is { } c ? ValidationMarkdown.ComputeText(c, p) : null);
                w.WriteStartObject("ours");
                Number(w, "value", o.Ours);
                Number(w, "error_minus", o.OursErrorMinus);
                Number(w, "error_plus", o.OursErrorPlus);
                Number(w, "lower", o.OursLower);
                Number(w, "upper", o.OursUpper);
                w.WriteEndObject();
                Number(w, "ratio", o.Ratio);
                Number(w, "ratio_lower", o.RatioLower);
                Number(w, "ratio_upper", o.RatioUpper);
                Number(w, "pull", o.Pull);
                w.WriteString("status", ValidationOutcome.StatusText(o.Status));
                w.WriteString("reason", o.Reason);
                w.WriteString("known", e.Known);
                w.WriteStartArray("notes");
                foreach (var n in o.Notes) w.WriteStringValue(n);
                w.WriteEndArray();
                w.WriteBoolean("fast", e.Fast);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Number(Utf8JsonWriter w, string name, double? x)
    {
        if (x is { } v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
