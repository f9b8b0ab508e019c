using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cevns.Analyses.Reports;

// The objects of results.json, one record per JSON object; property names come from the snake_case naming policy of
// ResultsJson, property order is the declaration order. Numbers are double: non-finite values are written as null
// (Data.FiniteOrNullConverter, the Report policy of Data.JsonFormats); a property marked WhenWritingNull is left out when it does not apply.

internal sealed record ResultsDocument(
    AnalysisInfo Analysis, SoftwareInfo Software, IReadOnlyList<DatasetEntry> Datasets,
    IReadOnlyDictionary<string, double> Fixed, IReadOnlyList<PriorEntry> Priors, IReadOnlyList<TieEntry> Ties,
    IReadOnlyList<FitEntry> Fits, IReadOnlyList<ScanEntry> Scans, IReadOnlyList<FigureEntry> Figures, IReadOnlyList<string> Notes);

internal sealed record AnalysisInfo(string Name, string Title, string File, string Sha256);

internal sealed record SoftwareInfo(string Name, string Version);

internal sealed record DatasetEntry(
    string Label, string Id, string Title, string Reference, IReadOnlyDictionary<string, string> Options,
    IReadOnlyDictionary<string, string> Files, IReadOnlyList<string> Notes, string? Unavailable);

internal sealed record PriorEntry(string Parameter, double Mean, double Sigma, string Source);

internal sealed record TieEntry(string Target, string Expression);

/// <summary>A tied parameter at a best fit: derived from its roots, no uncertainty of its own; null when not converged.</summary>
internal sealed record TieValueEntry(string Target, string Expression, double? Value);

internal sealed record FitEntry(
    string Label, IReadOnlyList<string> Datasets, [property: JsonPropertyName("chi2_min")] double Chi2Min, int DataPoints,
    int FreeParameters, bool Converged, string Status, IReadOnlyDictionary<string, EstimateEntry> Parameters,
    IReadOnlyDictionary<string, EstimateEntry> Nuisances, IReadOnlyList<TieValueEntry> Ties,
    [property: JsonPropertyName("chi2_by_term")] IReadOnlyList<TermEntry> Chi2ByTerm, IReadOnlyList<EventsEntry> Events);

internal sealed record EstimateEntry(double BestFit, double? MinusError, double? PlusError, string ErrorSource, bool AtBound);

internal sealed record TermEntry(string Term, [property: JsonPropertyName("chi2")] double Chi2, int DataPoints);

internal sealed record EventsEntry(string Dataset, double ExpectedTotal, double ObservedTotal, bool Gaussian);

internal sealed record ScanEntry(
    string Label, AxisEntry X,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AxisEntry? Y, IReadOnlyList<ScanFitEntry> Fits);

internal sealed record AxisEntry(string Parameter, double From, double To, int Points, string Scale);

internal sealed record ScanFitEntry(
    string Fit, string File, [property: JsonPropertyName("minimum_chi2")] double MinimumChi2, double BestX,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? BestY, bool AllConverged,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<IntervalEntry>? Intervals,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ContourEntry>? Contours,
    IReadOnlyList<string> Notes);

internal sealed record IntervalEntry(string Level, IReadOnlyList<SegmentEntry> Segments, bool AllFitsConverged);

internal sealed record SegmentEntry(double? Lower, string LowerKind, double? Upper, string UpperKind);

internal sealed record ContourEntry([property: JsonPropertyName("delta_chi2")] double DeltaChi2, int Lines, bool Closed);

internal sealed record FigureEntry(string Name, string Caption, IReadOnlyList<string> Files);
