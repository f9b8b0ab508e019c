using System.Text.Json;
using System.Text.Json.Serialization;
using Cevns.Fitting;

namespace Cevns.Cli.Commands;

/// <summary>
/// The JSON object of fit --json (also the answer of 'cevns serve' to a fit request), one record per JSON object. Values
/// that do not exist because the fit did not converge are null; non-finite numbers are null (JSON has no such numbers).
/// </summary>
internal sealed record FitJson(
    bool Converged, string Status, string Message, IReadOnlyDictionary<string, double?> BestFit,
    // Free parameters no dataset or prior of the fit reads: the value they were held at (not varied, no interval, not
    // counted in dof; JointFit.NotConstrained). Left out when there is none.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, double>? NotConstrained,
    [property: JsonPropertyName("chi2_min")] double? Chi2Min, int Dof, bool ChargeRadiusQDependent,
    IReadOnlyList<FitJson.Minimum> OtherMinima,
    // Per parameter and level: null (empty region), [lower, upper] (connected) or [[lower, upper], ...] (disjoint
    // segments, never their hull, which would include excluded values).
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> Intervals,
    IReadOnlyDictionary<string, FitJson.IntervalDetail> IntervalDetails,
    IReadOnlyList<string> Datasets, IReadOnlyDictionary<string, int> DataPoints,
    [property: JsonPropertyName("chi2_by_dataset")] IReadOnlyDictionary<string, double?> Chi2ByDataset,
    [property: JsonPropertyName("chi2_by_prior")] IReadOnlyDictionary<string, double?> Chi2ByPrior,
    IReadOnlyList<string> RateOnly, IReadOnlyDictionary<string, double?> Nuisances, IReadOnlyDictionary<string, double> Fixed,
    IReadOnlyList<FitJson.Tie> Ties, IReadOnlyDictionary<string, double[]> Priors, IReadOnlyList<string> Notes)
{
    public sealed record Minimum(
        IReadOnlyDictionary<string, double> Values, [property: JsonPropertyName("chi2")] double Chi2,
        [property: JsonPropertyName("delta_chi2")] double DeltaChi2);

    /// <summary>Open and not-converged ends: per level with such an end, [lower, upper], each the value up to which the
    /// level is known not to be reached, or null.</summary>
    public sealed record IntervalDetail(
        double BestFit, bool Converged, double[] ScanRange, IReadOnlyDictionary<string, double?[][]> Segments,
        IReadOnlyDictionary<string, double?[]> OpenEndsScanBounds, IReadOnlyDictionary<string, double?[]> NotConvergedEndsKnownTo,
        IReadOnlyList<string> Notes);

    public sealed record Tie(string Target, string Expression, double? Value);

    /// <summary>Writes the object with the writer's own indentation and encoder.</summary>
    public void Write(Utf8JsonWriter w) => JsonSerializer.Serialize(w, this, Cevns.Data.JsonFormats.Report);

    public static FitJson Of(JointFitResult r)
    {
        var fit = r.Fit;
        double? IfConverged(double v) => r.Converged ? v : null;
        Dictionary<string, double?> Values(IEnumerable<KeyValuePair<string, double>> map) => map.ToDictionary(kv => kv.Key, kv => IfConverged(kv.Value));
        static double?[] Pair(IntervalEnd lo, IntervalEnd hi) => [lo.Value, hi.Value];
        static Dictionary<string, double?[]> UnknownEnds(ParameterIntervals iv, IntervalEndKind kind) =>
            iv.Levels.Where(l => l.Lower.Kind == kind || l.Upper.Kind == kind).ToDictionary(l => l.Level.Label,
                l => new double?[] { l.Lower.Kind == kind ? l.Lower.ScanBound : null, l.Upper.Kind == kind ? l.Upper.ScanBound : null });

        return new FitJson(
            r.Converged, r.Status.ToString(), ErrorReport.OneLine(r.Global.Message),
            fit.FreeParameters.ToDictionary(n => n, n => IfConverged(r.Global[n])),
            fit.NotConstrained.Count == 0 ? null : fit.NotConstrained.ToDictionary(c => c.Name, c => c.Value),
            r.Chi2Min, r.DegreesOfFreedom, fit.Likelihoods.Any(l => l.Dataset.Definition.CrossSections.MomentumDependentChargeRadius),
            r.OtherMinima.Select(m => new Minimum(fit.FreeParameters.ToDictionary(n => n, n => m[n]), m.Chi2, m.Chi2 - r.Global.Chi2)).ToArray(),
            r.Intervals.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, object?>)kv.Value.Levels.ToDictionary(l => l.Level.Label, l =>
                l.IsEmpty ? null
                : l.Segments.Count == 1 ? (object)Pair(l.Lower, l.Upper)
                : l.Segments.Select(s => Pair(s.Lower, s.Upper)).ToArray())),
            r.Intervals.ToDictionary(kv => kv.Key, kv => new IntervalDetail(
                kv.Value.BestFit, kv.Value.Converged, [kv.Value.ScanLower, kv.Value.ScanUpper],
                kv.Value.Levels.ToDictionary(l => l.Level.Label, l => l.Segments.Select(s => Pair(s.Lower, s.Upper)).ToArray()),
                UnknownEnds(kv.Value, IntervalEndKind.Open), UnknownEnds(kv.Value, IntervalEndKind.NotConverged), kv.Value.Notes)),
            fit.DatasetIds.ToArray(),
            fit.Likelihoods.ToDictionary(l => l.Dataset.Definition.Id, l => l.DataPoints),
            Values(r.Chi2ByDataset), Values(r.Chi2ByPrior), fit.RateOnly.ToArray(), Values(r.Nuisances),
            fit.Specification.Fixed.ToDictionary(f => f.Name, f => f.Value),
            fit.TiedValuesAt(r.Global.X).Select(tv => new Tie(tv.Item1.Target, tv.Item1.Tie.Expression, IfConverged(tv.Item2))).ToArray(),
            fit.Specification.Priors.ToDictionary(p => p.Name, p => new[] { p.Mean, p.Sigma }),
            r.Notes.ToArray());
    }
}
