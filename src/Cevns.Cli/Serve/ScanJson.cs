using System.Text.Json;
using Cevns.Fitting;

namespace Cevns.Cli.Serve;

/// <summary>
/// A scan as one JSON object (the 'cevns serve' answer to a scan request): the description and global minimum that
/// head a scan CSV file, and per grid point the scanned values, chi2, delta_chi2, converged and the profiled values
/// (null where the point did not converge, as the CSV writes nan).
/// </summary>
public static class ScanJson
{
    public static void Write(Utf8JsonWriter w, ScanReport r)
    {
        var d = r.Description;
        w.WriteStartObject();
        Strings(w, "datasets", d.DatasetIds);
        Strings(w, "rate_only", d.RateOnly);
        w.WriteStartArray("axes");
        foreach (var a in d.Axes)
        {
            w.WriteStartObject();
            w.WriteString("name", a.Name);
            w.WriteNumber("lower", a.Lower);
            w.WriteNumber("upper", a.Upper);
            w.WriteNumber("points", a.Points);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("fixed");
        foreach (var f in d.Fixed) w.WriteNumber(f.Name, f.Value);
        w.WriteEndObject();
        Strings(w, "priors", d.Priors);
        Strings(w, "free_parameters", d.FreeParameters);
        w.WriteNumber("dof", d.DegreesOfFreedom);
        w.WriteStartObject("global");
        w.WriteBoolean("converged", r.Global.Converged);
        w.WriteString("status", r.Global.Status.ToString());
        if (r.Global.Converged) w.WriteNumber("chi2", r.Global.Chi2);
        else w.WriteNull("chi2");
        w.WriteStartObject("best_fit");
        for (int k = 0; k < d.FreeParameters.Count; k++)
            if (r.Global.Converged) w.WriteNumberOrNull(d.FreeParameters[k], r.Global.FreeValues[k]);
            else w.WriteNull(d.FreeParameters[k]);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteNumberOrNull("chi2_min", r.MinimumChi2);
        w.WriteNumber("not_converged", r.NonConverged);
        Strings(w, "profiled", d.Profiled);
        w.WriteStartArray("points");
        foreach (var row in r.Rows)
        {
            w.WriteStartObject();
            for (int i = 0; i < d.Axes.Count; i++) w.WriteNumber(d.Axes[i].Name, row.Values[i]);
            bool ok = row.Converged && double.IsFinite(row.Chi2);
            if (ok) w.WriteNumber("chi2", row.Chi2); else w.WriteNull("chi2");
            w.WriteNumberOrNull("delta_chi2", ok ? row.Chi2 - r.MinimumChi2 : double.NaN);
            w.WriteBoolean("converged", row.Converged);
            w.WriteStartObject("profiled");
            for (int i = 0; i < d.Profiled.Count; i++)
                if (ok) w.WriteNumberOrNull(d.Profiled[i], row.Profiled[i]); else w.WriteNull(d.Profiled[i]);
            w.WriteEndObject();
            if (d.Ties.Count > 0)
            {
                w.WriteStartObject("tied");
                foreach (var t in d.Ties) w.WriteNumberOrNull(t.Target, d.TiedValue(t, row));
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Strings(w, "notes", r.Notes);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WritePropertyName(name);
        JsonSerializer.Serialize(w, values, Cevns.Data.JsonFormats.Report);
    }
}
