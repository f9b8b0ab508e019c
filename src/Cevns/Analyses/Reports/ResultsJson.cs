using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cevns.Fitting;
using Cevns.Statistics;

namespace Cevns.Analyses.Reports;

/// <summary>A rendered figure: its file stem, caption and the files written for it (data, script, images).</summary>
public sealed record RenderedFigure(string Name, string Caption, IReadOnlyList<string> Files);

/// <summary>
/// results.json: the machine-readable report. No timestamps or host names: rerunning with the same inputs gives the
/// same file. Non-finite numbers and missing values are null.
/// </summary>
public static class ResultsJson
{
    public const string FileName = "results.json";

    public static string Build(AnalysisResults r, IReadOnlyList<string> scanFiles, IReadOnlyList<RenderedFigure> figures, IReadOnlyList<string> notes)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var a = r.Analysis;
            w.WriteStartObject();
            w.WriteStartObject("analysis");
            w.WriteString("name", a.Name);
            w.WriteString("title", a.Title);
            w.WriteString("file", a.Origin);
            w.WriteString("sha256", a.Sha256);
            w.WriteEndObject();
            w.WriteStartObject("software");
            w.WriteString("name", "cevns");
            w.WriteString("version", r.SoftwareVersion);
            w.WriteEndObject();

            w.WriteStartArray("datasets");
            foreach (var d in r.Datasets)
            {
                w.WriteStartObject();
                w.WriteString("label", d.Label);
                w.WriteString("id", d.Id);
                w.WriteString("title", d.Title);
                w.WriteString("reference", d.Reference);
                Map(w, "options", d.Options);
                Map(w, "files", d.Files);
                w.WriteStringArray("notes", d.Notes);
                if (d.Unavailable is { } why) w.WriteString("unavailable", why);
                else w.WriteNull("unavailable");
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartObject("fixed");
            foreach (var (k, v) in a.Fixed) Number(w, k, v);
            w.WriteEndObject();
            w.WriteStartArray("priors");
            foreach (var p in a.Priors)
            {
                w.WriteStartObject();
                w.WriteString("parameter", p.Name);
                Number(w, "mean", p.Mean);
                Number(w, "sigma", p.Sigma);
                w.WriteString("source", p.Source);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("ties");
            foreach (var t in a.Ties)
            {
                w.WriteStartObject();
                w.WriteString("target", t.Target);
                w.WriteString("expression", t.Expression);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("fits");
            foreach (var f in r.Fits) Fit(w, f, a.Ties);
            w.WriteEndArray();

            w.WriteStartArray("scans");
            for (int s = 0; s < r.Scans.Count; s++) Scan(w, r.Scans[s], scanFiles[s]);
            w.WriteEndArray();

            w.WriteStartArray("figures");
            foreach (var f in figures)
            {
                w.WriteStartObject();
                w.WriteString("name", f.Name);
                w.WriteString("caption", f.Caption);
                w.WriteStringArray("files", f.Files);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStringArray("notes", notes);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Fit(Utf8JsonWriter w, FitOutcome f, IReadOnlyList<Cevns.Fitting.ParameterTie> ties)
    {
        w.WriteStartObject();
        w.WriteString("label", f.Label);
        w.WriteStringArray("datasets", f.Datasets);
        Number(w, "chi2_min", f.Chi2);
        w.WriteNumber("data_points", f.DataPoints);
        w.WriteNumber("free_parameters", f.FreeParameters);
        w.WriteBoolean("converged", f.Converged);
        w.WriteString("status", f.Status);
        w.WriteStartObject("parameters");
        foreach (var p in f.Parameters.Where(p => !p.IsNuisance)) Estimate(w, p);
        w.WriteEndObject();
        w.WriteStartObject("nuisances");
        foreach (var p in f.Parameters.Where(p => p.IsNuisance)) Estimate(w, p);
        w.WriteEndObject();
        // Tied parameters at the best fit (derived from their roots, no uncertainty of their own).
        w.WriteStartArray("ties");
        foreach (var t in ties)
        {
            w.WriteStartObject();
            w.WriteString("target", t.Target);
            w.WriteString("expression", t.Expression);
            Number(w, "value", f.Converged ? f.Physics[t.Target] : null);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("chi2_by_term");
        foreach (var t in f.Breakdown)
        {
            w.WriteStartObject();
            w.WriteString("term", t.Label);
            Number(w, "chi2", t.Chi2);
            w.WriteNumber("data_points", t.DataPoints);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("events");
        foreach (var s in f.Spectra)
        {
            w.WriteStartObject();
            w.WriteString("dataset", s.Label);
            Number(w, "expected_total", s.Expected.Sum());
            Number(w, "observed_total", s.Observed.Sum());
            w.WriteBoolean("gaussian", s.Gaussian);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Estimate(Utf8JsonWriter w, ParameterEstimate p)
    {
        w.WriteStartObject(p.Name);
        Number(w, "best_fit", p.BestFit);
        Number(w, "minus_error", p.MinusError);
        Number(w, "plus_error", p.PlusError);
        w.WriteString("error_source", p.Source switch
        {
            ErrorSource.ProfileScan => "profile_scan",
            ErrorSource.Parabolic => "parabolic",
            _ => "none",
        });
        w.WriteBoolean("at_bound", p.AtBound);
        w.WriteEndObject();
    }

    private static void Scan(Utf8JsonWriter w, ScanOutcome s, string file)
    {
        w.WriteStartObject();
        w.WriteString("label", s.Spec.Label);
        w.WriteString("file", file);
        Axis(w, "x", s.Spec.X);
        if (s.Spec.Y is { } y) Axis(w, "y", y);
        w.WriteStartArray("fits");
        foreach (var f in s.Fits)
        {
            w.WriteStartObject();
            w.WriteString("fit", f.Fit);
            Number(w, "minimum_chi2", f.MinimumChi2);
            Number(w, "best_x", f.BestX);
            if (f.BestY is { } by) Number(w, "best_y", by);
            w.WriteBoolean("all_converged", f.Converged.All(c => c));
            if (s.Spec.Y is null)
            {
                w.WriteStartArray("intervals");
                foreach (var ci in f.Intervals) Interval(w, ci);
                w.WriteEndArray();
            }
            else
            {
                w.WriteStartArray("contours");
                foreach (var (level, lines) in f.Contours)
                {
                    w.WriteStartObject();
                    Number(w, "delta_chi2", level);
                    w.WriteNumber("lines", lines.Count);
                    w.WriteBoolean("closed", lines.All(l => l.Closed));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteStringArray("notes", f.Notes);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Interval(Utf8JsonWriter w, ConfidenceInterval ci)
    {
        w.WriteStartObject();
        w.WriteString("level", ci.Level);
        w.WriteStartArray("segments");
        foreach (var seg in ci.Segments)
        {
            w.WriteStartObject();
            Number(w, "lower", seg.Lower.Value);
            w.WriteString("lower_kind", Kind(seg.Lower.Kind));
            Number(w, "upper", seg.Upper.Value);
            w.WriteString("upper_kind", Kind(seg.Upper.Kind));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteBoolean("all_fits_converged", ci.AllFitsConverged);
        w.WriteEndObject();
    }

    private static string Kind(IntervalEdgeKind k) => k switch
    {
        IntervalEdgeKind.Crossing => "crossing",
        IntervalEdgeKind.ParameterBound => "parameter_bound",
        _ => "open_at_scan_end",
    };

    private static void Axis(Utf8JsonWriter w, string name, ScanAxis a)
    {
        w.WriteStartObject(name);
        w.WriteString("parameter", a.Name);
        Number(w, "from", a.Lower);
        Number(w, "to", a.Upper);
        w.WriteNumber("points", a.Points);
        w.WriteString("scale", a.Scale == AxisScale.Log ? "log" : "linear");
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } x && double.IsFinite(x)) w.WriteNumber(name, x);
        else w.WriteNull(name);
    }


    private static void Map(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> map)
    {
        w.WriteStartObject(name);
        foreach (var (k, v) in map) w.WriteString(k, v);
        w.WriteEndObject();
    }
}
