namespace Cevns.Analyses.Validation;

public enum ValidationStatus
{
    /// <summary>Ours lies within the published 1 sigma error (pull &lt;= 1), or satisfies the published bound.</summary>
    Agrees,
    /// <summary>Ours lies outside the published error, or violates the published bound.</summary>
    Disagrees,
    /// <summary>The published number has no error (a limit or interval): only the ratio is shown.</summary>
    RatioOnly,
    /// <summary>A dataset's data are not available here (e.g. counts that are not public).</summary>
    DataMissing,
    /// <summary>The fit did not converge: no number is reported.</summary>
    NotConverged,
    /// <summary>The interval end needed is not known (open within the fit range, or next to a fit that did not converge).</summary>
    EndUnknown,
    /// <summary>The entry says why it cannot be recomputed with the public data here.</summary>
    NotReproducible,
}

/// <summary>
/// What was computed for one entry: our number (a value with optional 1 sigma errors, a limit, an interval or a
/// p-value), the comparison with the published one (ratio ours/published, pull |ours - published| / error on the side
/// of ours), the status, and the notes of the computation (rate-only datasets, Delta chi^2 threshold, fit details).
/// </summary>
public sealed record ValidationOutcome
{
    public required ValidationEntry Entry { get; init; }
    public required ValidationStatus Status { get; init; }

    /// <summary>Why there is no number (data missing, not converged, not reproducible), as one line.</summary>
    public string? Reason { get; init; }

    /// <summary>Our central value / limit / p-value; null when there is none.</summary>
    public double? Ours { get; init; }
    public double? OursErrorMinus { get; init; }
    public double? OursErrorPlus { get; init; }

    /// <summary>Our interval (kind interval).</summary>
    public double? OursLower { get; init; }
    public double? OursUpper { get; init; }

    /// <summary>Ours / published (for an interval: per end, <see cref="RatioLower"/> and <see cref="RatioUpper"/>).</summary>
    public double? Ratio { get; init; }
    public double? RatioLower { get; init; }
    public double? RatioUpper { get; init; }

    /// <summary>|ours - published| / published error on the side of ours.</summary>
    public double? Pull { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    public static string StatusText(ValidationStatus s) => s switch
    {
        ValidationStatus.Agrees => "agrees within error",
        ValidationStatus.Disagrees => "disagrees",
        ValidationStatus.RatioOnly => "no published error: ratio only",
        ValidationStatus.DataMissing => "not reproducible here: data missing",
        ValidationStatus.NotConverged => "not reproducible here: fit did not converge",
        ValidationStatus.EndUnknown => "not reproducible here: interval end unknown",
        _ => "not reproducible here",
    };
}
