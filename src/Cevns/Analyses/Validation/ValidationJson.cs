using System.Text.Json;
using System.Text.Json.Serialization;
using Cevns.Data;

namespace Cevns.Analyses.Validation;

/// <summary>The JSON twin of docs/validation.md: the same outcomes, machine-readable (null where there is no number).</summary>
public static class ValidationJson
{
    public static string Write(IReadOnlyList<ValidationOutcome> outcomes, string command, string softwareVersion) =>
        JsonSerializer.Serialize(new Document(command, softwareVersion, ValidationMarkdown.EntriesFile, outcomes.Select(Of).ToArray()), JsonFormats.ReportIndented) + "\n";

    private static Entry Of(ValidationOutcome o)
    {
        var e = o.Entry;
        var p = e.Published;
        bool interval = p.Kind is PublishedKind.Interval;
        return new Entry(e.Id, e.Quantity, e.Reference, e.Setup,
            new Published(p.Kind.ToString(), interval ? null : p.Central, p.ErrorMinus, p.ErrorPlus, interval ? p.Lower : null, interval ? p.Upper : null,
                p.ConfidenceLevel, p.DegreesOfFreedom, p.Unit),
            e.Compute is { } c ? ValidationMarkdown.ComputeText(c, p) : null,
            new Ours(o.Ours, o.OursErrorMinus, o.OursErrorPlus, o.OursLower, o.OursUpper),
            o.Ratio, o.RatioLower, o.RatioUpper, o.Pull, ValidationOutcome.StatusText(o.Status), o.Reason, e.Known, o.Notes, e.Fast, e.VariantOf);
    }

    private sealed record Document(string Command, string Software, string EntriesFile, IReadOnlyList<Entry> Entries);

    private sealed record Entry(string Id, string Quantity, string Reference, string Setup, Published Published, string? Computed, Ours Ours,
        double? Ratio, double? RatioLower, double? RatioUpper, double? Pull, string Status, string? Reason, string? Known, IReadOnlyList<string> Notes, bool Fast, string? VariantOf);

    /// <summary>value for a central value with errors, lower/upper for an interval; cl and dof where the paper gives them.</summary>
    private sealed record Published(string Kind, double? Value, double? ErrorMinus, double? ErrorPlus, double? Lower, double? Upper,
        [property: JsonPropertyName("cl")] double? Cl, double? Dof, string Unit);

    private sealed record Ours(double? Value, double? ErrorMinus, double? ErrorPlus, double? Lower, double? Upper);
}
