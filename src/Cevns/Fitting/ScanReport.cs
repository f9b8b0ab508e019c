using System.Text.Json;
using System.Text.Json.Serialization;
using Cevns.Statistics;

namespace Cevns.Fitting;

/// <summary>
/// What a scan is, independent of its results: datasets, scanned axes, fixed values, priors, the free and profiled
/// parameters, the degrees of freedom and the names of the fit parameters in problem order. Shard files carry it
/// (<see cref="ToJson"/>) so that <see cref="ScanMerge"/> can write the scan file without the datasets.
/// </summary>
public sealed record ScanDescription(
    IReadOnlyList<string> DatasetIds,
    IReadOnlyList<string> RateOnly,
    IReadOnlyList<ScanAxis> Axes,
    IReadOnlyList<FixedValue> Fixed,
    IReadOnlyList<string> Priors,
    IReadOnlyList<string> FreeParameters,
    int DegreesOfFreedom,
    IReadOnlyList<string> Profiled,
    IReadOnlyList<string> Parameters)
{
    /// <summary>Tied parameters: a column each in the scan file, after the profiled values.</summary>
    public IReadOnlyList<TiedColumn> Ties { get; init; } = [];

    /// <summary>Parameters given as free that no dataset or prior of the fit reads, held at these values (<see cref="JointFit.NotConstrained"/>).</summary>
    public IReadOnlyList<FixedValue> NotConstrained { get; init; } = [];

    public static ScanDescription Of(JointFit fit, IReadOnlyList<ScanAxis> axes) => new(
        fit.DatasetIds, fit.RateOnly, axes, fit.Specification.Fixed, fit.Specification.Priors.Select(p => p.ToString()).ToArray(),
        fit.FreeParameters, fit.DegreesOfFreedom, ProfiledOf(fit, axes), fit.Problem.Parameters.Select(p => p.Name).ToArray())
    {
        Ties = fit.Ties.Resolved.Select(r => fit.FreeParameters.Contains(r.Root)
            ? new TiedColumn(r.Target, r.Tie.Expression, r.Root, r.Scale, r.Offset)
            : new TiedColumn(r.Target, r.Tie.Expression, null, 0, fit.FixedPhysics[r.Target])).ToArray(),
        NotConstrained = fit.NotConstrained,
    };

    /// <summary>The value of a tied column at a row: from the scanned or profiled value of its root, or the constant.</summary>
    public double TiedValue(TiedColumn t, ScanRow row)
    {
        if (t.Root is null) return t.Offset;
        for (int k = 0; k < Axes.Count; k++)
            if (Axes[k].Name == t.Root) return t.Scale * row.Values[k] + t.Offset;
        for (int k = 0; k < Profiled.Count; k++)
            if (Profiled[k] == t.Root) return row.Converged ? t.Scale * row.Profiled[k] + t.Offset : double.NaN;
        throw new InvalidOperationException($"tied parameter {t.Target}: root {t.Root} is neither scanned nor profiled");
    }

    /// <summary>The parameters minimised over at each point (the other free ones and the nuisances), in problem order.</summary>
    public static IReadOnlyList<string> ProfiledOf(JointFit fit, IReadOnlyList<ScanAxis> axes)
    {
        var scanned = axes.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        return fit.Problem.Parameters.Where(p => !p.IsFixed && !scanned.Contains(p.Name)).Select(p => p.Name).ToArray();
    }

    public int IndexOf(string parameter)
    {
        for (int i = 0; i < Parameters.Count; i++)
            if (Parameters[i] == parameter) return i;
        throw new ArgumentException($"scan has no parameter '{parameter}'");
    }

    /// <summary>The description as one line of compact JSON (<see cref="ScanDescriptionJson"/>), read back by <see cref="FromJson"/>.</summary>
    public string ToJson() => ExactJson.Object(new ScanDescriptionJson(DatasetIds, RateOnly,
        Axes.Select(a => new ScanDescriptionJson.Axis(a.Name, a.Lower, a.Upper, a.Points, a.Scale == AxisScale.Log ? "log" : null)).ToArray(),
        Fixed.Select(f => new ScanDescriptionJson.Fixed(f.Name, f.Value)).ToArray(), Priors, FreeParameters, DegreesOfFreedom, Profiled, Parameters,
        Ties.Count == 0 ? null : Ties,
        NotConstrained.Count == 0 ? null : NotConstrained.Select(f => new ScanDescriptionJson.Fixed(f.Name, f.Value)).ToArray()));

    /// <summary>Reads <see cref="ToJson"/>; a malformed text throws a <see cref="FormatException"/> naming what is wrong.</summary>
    public static ScanDescription FromJson(string json)
    {
        using var doc = ParseObject(json);
        var e = doc.RootElement;
        var axes = ExactJson.Member(e, "axes").EnumerateArray().Select(a =>
        {
            var scale = !a.TryGetProperty("scale", out var sc) ? AxisScale.Linear
                : sc.ValueKind == JsonValueKind.String && sc.GetString() == "log" ? AxisScale.Log
                : throw new FormatException("axis scale: expected \"log\"");
            var axis = new ScanAxis(ExactJson.String(a, "name"), ExactJson.Double(a, "lower"), ExactJson.Double(a, "upper"), ExactJson.Int(a, "points"), scale);
            if (!(axis.Lower < axis.Upper) || axis.Points < 2 || axis.Points > ScanAxis.MaxPoints || (scale == AxisScale.Log && !(axis.Lower > 0)))
                throw new FormatException($"axis {axis.Name}: invalid grid");
            return axis;
        }).ToArray();
        if (axes.Length is < 1 or > 2) throw new FormatException($"{axes.Length} axes");
        var fixedValues = ExactJson.Member(e, "fixed").EnumerateArray().Select(f => new FixedValue(ExactJson.String(f, "name"), ExactJson.Double(f, "value"))).ToArray();
        return new ScanDescription(ExactJson.Strings(e, "datasets"), ExactJson.Strings(e, "rate_only"), axes, fixedValues, ExactJson.Strings(e, "priors"),
            ExactJson.Strings(e, "free"), ExactJson.Int(e, "dof"), ExactJson.Strings(e, "profiled"), ExactJson.Strings(e, "parameters"))
        {
            Ties = e.TryGetProperty("ties", out var ties)
                ? ties.EnumerateArray().Select(t => new TiedColumn(ExactJson.String(t, "target"), ExactJson.String(t, "expression"),
                    ExactJson.Member(t, "root").ValueKind == JsonValueKind.Null ? null : ExactJson.String(t, "root"),
                    ExactJson.Double(t, "scale"), ExactJson.Double(t, "offset"))).ToArray()
                : [],
            NotConstrained = e.TryGetProperty("not_constrained", out var held)
                ? held.EnumerateArray().Select(f => new FixedValue(ExactJson.String(f, "name"), ExactJson.Double(f, "value"))).ToArray()
                : [],
        };
    }

    internal static JsonDocument ParseObject(string json)
    {
        try
        {
            var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new FormatException("expected a JSON object");
            }
            return doc;
        }
        catch (JsonException e)
        {
            throw new FormatException($"malformed JSON ({e.Message.Split('.')[0]})");
        }
    }

}

/// <summary>
/// A <see cref="ScanDescription"/> in a shard file: "free" and "dof" for the free parameters and the degrees of
/// freedom; an axis has "scale": "log" only when it is logarithmic; "ties" only when there are tied parameters.
/// </summary>
internal sealed record ScanDescriptionJson(
    IReadOnlyList<string> Datasets, IReadOnlyList<string> RateOnly, IReadOnlyList<ScanDescriptionJson.Axis> Axes,
    [property: JsonPropertyName("fixed")] IReadOnlyList<ScanDescriptionJson.Fixed> FixedValues, IReadOnlyList<string> Priors,
    IReadOnlyList<string> Free, int Dof, IReadOnlyList<string> Profiled, IReadOnlyList<string> Parameters,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TiedColumn>? Ties,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ScanDescriptionJson.Fixed>? NotConstrained)
{
    public sealed record Axis(string Name, double Lower, double Upper, int Points,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Scale);

    public sealed record Fixed(string Name, double Value);
}

/// <summary>A tied parameter in a scan file: Target = Scale * Root + Offset, or the constant Offset when Root is null (a fixed root).</summary>
public sealed record TiedColumn(string Target, string Expression, string? Root, double Scale, double Offset);

/// <summary>The global minimum a scan file reports: status, chi^2 and the values of the free parameters.</summary>
public sealed record ScanGlobalFit(bool Converged, double Chi2, FitStatus Status, string Message, IReadOnlyList<double> FreeValues)
{
    public static ScanGlobalFit Of(FitSnapshot g, ScanDescription d) =>
        new(g.Converged, g.Chi2, g.Status, g.Message, d.FreeParameters.Select(n => g.X[d.IndexOf(n)]).ToArray());
}

/// <summary>One grid point of a scan file: scanned values, status, chi^2 and profiled values (the latter two meaningful only if converged).</summary>
public sealed record ScanRow(IReadOnlyList<double> Values, bool Converged, double Chi2, IReadOnlyList<double> Profiled);

/// <summary>
/// Everything a scan file shows (<see cref="ScanCsv.Format(ScanReport, IEnumerable{string})"/>), from a single-machine
/// <see cref="ScanResult"/> or from merged shards (<see cref="ScanMerge"/>): both go through <see cref="ChooseGlobal"/>
/// and <see cref="Minimum"/>, so equal numbers give equal files.
/// </summary>
public sealed record ScanReport(ScanDescription Description, ScanGlobalFit Global, double MinimumChi2, IReadOnlyList<string> Notes, IReadOnlyList<ScanRow> Rows)
{
    public int NonConverged => Rows.Count(r => !r.Converged);

    public static ScanReport Of(ScanResult r)
    {
        var d = ScanDescription.Of(r.Fit, r.Axes);
        var rows = r.Points.Select(p => new ScanRow(p.Values, p.Fit.Converged, p.Fit.Chi2, r.ProfiledParameters.Select(n => p.Fit[n]).ToArray())).ToArray();
        return new ScanReport(d, ScanGlobalFit.Of(FitSnapshot.Of(r.GlobalFit), d), r.MinimumChi2, r.Notes, rows);
    }

    /// <summary>
    /// The chi^2 Delta chi^2 refers to: the lowest of the global fit (only if it converged) and the converged points;
    /// +inf when nothing converged (every delta_chi2 is then written as nan).
    /// </summary>
    public static double Minimum(bool globalConverged, double globalChi2, IEnumerable<(bool Converged, double Chi2)> points)
    {
        double min = globalConverged ? globalChi2 : double.PositiveInfinity;
        foreach (var (ok, chi2) in points)
            if (ok && chi2 < min) min = chi2;
        return min;
    }

    /// <summary>
    /// The global minimum of a scan: the initial global fit, replaced by the first chain (in chain order) whose lowered
    /// global fit converged below the best so far. Returns the chain index (-1: the initial fit) and the note saying so.
    /// </summary>
    public static (int Chain, string? Note) ChooseGlobal(double initialChi2, IReadOnlyList<(bool Converged, double Chi2)?> lowered)
    {
        int best = -1;
        double bestChi2 = initialChi2;
        for (int k = 0; k < lowered.Count; k++)
            if (lowered[k] is { } g && g.Converged && g.Chi2 < bestChi2)
            {
                best = k;
                bestChi2 = g.Chi2;
            }
        return best < 0 ? (-1, null)
            : (best, $"the scan found a lower global minimum than the initial fit (chi2 {IntervalEnd.F(initialChi2)} -> {IntervalEnd.F(bestChi2)})");
    }
}
