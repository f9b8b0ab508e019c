using System.Text.Json;
using System.Text.Json.Serialization;
using Cevns.Data;
using Cevns.Fitting;

namespace Cevns.Cli.Serve;

/// <summary>
/// A scan as one JSON object (the 'cevns serve' answer to a scan request): the description and global minimum that
/// head a scan CSV file, and per grid point the scanned values, chi2, delta_chi2, converged and the profiled values
/// (null where the point did not converge, as the CSV writes nan).
/// </summary>
public static class ScanJson
{
    public static void Write(Utf8JsonWriter w, ScanReport r) => JsonSerializer.Serialize(w, Of(r), JsonFormats.Report);

    internal static Answer Of(ScanReport r)
    {
        var d = r.Description;
        var g = r.Global;
        return new Answer(d.DatasetIds, d.RateOnly, d.Axes.Select(a => new Axis(a.Name, a.Lower, a.Upper, a.Points)).ToArray(),
            d.Fixed.ToDictionary(f => f.Name, f => f.Value), d.Priors, d.FreeParameters, d.DegreesOfFreedom,
            new Global(g.Converged, g.Status.ToString(), g.Converged ? g.Chi2 : null,
                d.FreeParameters.Select((n, k) => (n, k)).ToDictionary(p => p.n, p => g.Converged ? g.FreeValues[p.k] : (double?)null)),
            r.MinimumChi2, r.NonConverged, d.Profiled, r.Rows.Select(row => Point(d, r.MinimumChi2, row)).ToArray(), r.Notes);
    }

    /// <summary>One grid point: the scanned values under their parameter names, then chi2, delta_chi2, converged, profiled and tied values.</summary>
    private static Dictionary<string, object?> Point(ScanDescription d, double minimumChi2, ScanRow row)
    {
        var p = new Dictionary<string, object?>();
        for (int i = 0; i < d.Axes.Count; i++) p[d.Axes[i].Name] = row.Values[i];
        bool ok = row.Converged && double.IsFinite(row.Chi2);
        p["chi2"] = ok ? row.Chi2 : null;
        p["delta_chi2"] = ok ? row.Chi2 - minimumChi2 : double.NaN;
        p["converged"] = row.Converged;
        p["profiled"] = d.Profiled.Select((n, i) => (n, i)).ToDictionary(t => t.n, t => ok ? row.Profiled[t.i] : double.NaN);
        if (d.Ties.Count > 0) p["tied"] = d.Ties.ToDictionary(t => t.Target, t => d.TiedValue(t, row));
        return p;
    }

    /// <summary>free_parameters and dof as in the description; chi2_min is the minimum delta_chi2 refers to (null when nothing converged).</summary>
    internal sealed record Answer(IReadOnlyList<string> Datasets, IReadOnlyList<string> RateOnly, IReadOnlyList<Axis> Axes, IReadOnlyDictionary<string, double> Fixed,
        IReadOnlyList<string> Priors, IReadOnlyList<string> FreeParameters, int Dof, Global Global, [property: JsonPropertyName("chi2_min")] double Chi2Min,
        int NotConverged, IReadOnlyList<string> Profiled, IReadOnlyList<Dictionary<string, object?>> Points, IReadOnlyList<string> Notes);

    internal sealed record Axis(string Name, double Lower, double Upper, int Points);

    /// <summary>chi2 and the best-fit values are null when the global fit did not converge.</summary>
    internal sealed record Global(bool Converged, string Status, [property: JsonPropertyName("chi2")] double? Chi2, IReadOnlyDictionary<string, double?> BestFit);
}
