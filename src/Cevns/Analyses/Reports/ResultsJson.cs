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

    public static string Build(AnalysisResults r, IReadOnlyList<RenderedFigure> figures, IReadOnlyList<string> notes)
    {
        var a = r.Analysis;
        var document = new ResultsDocument(
            new AnalysisInfo(a.Name, a.Title, a.Origin, a.Sha256),
            new SoftwareInfo("cevns", r.SoftwareVersion),
            r.Datasets.Select(d => new DatasetEntry(d.Label, d.Id, d.Title, d.Reference, d.Options, d.Files, d.Notes, d.Unavailable)).ToArray(),
            a.Fixed,
            a.Priors.Select(p => new PriorEntry(p.Name, p.Mean, p.Sigma, p.Source)).ToArray(),
            a.Ties.Select(t => new TieEntry(t.Target, t.Expression)).ToArray(),
            r.Fits.Select(f => Fit(f, a.Ties)).ToArray(),
            r.Scans.Select(Scan).ToArray(),
            figures.Select(f => new FigureEntry(f.Name, f.Caption, f.Files)).ToArray(),
            notes);
        return JsonSerializer.Serialize(document, Data.JsonFormats.ReportIndented) + "\n";
    }

    private static FitEntry Fit(FitOutcome f, IReadOnlyList<Cevns.Fitting.ParameterTie> ties) => new(
        f.Label, f.Datasets, f.Chi2, f.DataPoints, f.FreeParameters, f.Converged, f.Status,
        Estimates(f.Parameters.Where(p => !p.IsNuisance)),
        Estimates(f.Parameters.Where(p => p.IsNuisance)),
        ties.Select(t => new TieValueEntry(t.Target, t.Expression, f.Converged ? f.Physics[t.Target] : null)).ToArray(),
        f.Breakdown.Select(t => new TermEntry(t.Label, t.Chi2, t.DataPoints)).ToArray(),
        f.Spectra.Select(s => new EventsEntry(s.Label, s.Expected.Sum(), s.Observed.Sum(), s.Gaussian)).ToArray());

    private static Dictionary<string, EstimateEntry> Estimates(IEnumerable<ParameterEstimate> ps)
    {
        var map = new Dictionary<string, EstimateEntry>();
        foreach (var p in ps)
            map[p.Name] = new EstimateEntry(p.BestFit, p.MinusError, p.PlusError, p.Source switch
            {
                ErrorSource.ProfileScan => "profile_scan",
                ErrorSource.Parabolic => "parabolic",
                ErrorSource.OpenInterval => "open_interval",
                ErrorSource.NotConstrained => "not_constrained",
                _ => "none",
            }, p.AtBound);
        return map;
    }

    private static ScanEntry Scan(ScanOutcome s) => new(
        s.Spec.Label, Axis(s.Spec.X), s.Spec.Y is { } y ? Axis(y) : null,
        s.Fits.Select(f => new ScanFitEntry(
            f.Fit, ReportWriter.ScanFileName(s.Spec, f.Fit), f.MinimumChi2, f.BestX, f.BestY, f.Converged.All(c => c),
            s.Spec.Y is null ? f.Intervals.Select(Interval).ToArray() : null,
            s.Spec.Y is null ? null : f.Contours.Select(c => new ContourEntry(c.Level, c.Lines.Count, c.Lines.All(l => l.Closed))).ToArray(),
            f.Notes)).ToArray());

    private static IntervalEntry Interval(ConfidenceInterval ci) => new(
        ci.Level,
        ci.Segments.Select(seg => new SegmentEntry(seg.Lower.Value, Kind(seg.Lower.Kind), seg.Upper.Value, Kind(seg.Upper.Kind))).ToArray(),
        ci.AllFitsConverged);

    private static string Kind(IntervalEdgeKind k) => k switch
    {
        IntervalEdgeKind.Crossing => "crossing",
        IntervalEdgeKind.ParameterBound => "parameter_bound",
        _ => "open_at_scan_end",
    };

    private static AxisEntry Axis(ScanAxis a) =>
        new(a.Name, a.Lower, a.Upper, a.Points, a.Scale == AxisScale.Log ? "log" : "linear");
}
