namespace Cevns.Analyses.Validation;

/// <summary>
/// One published number and how to recompute it (an entry of Analyses/Validation/published.yaml): what it is, where it
/// was published, the paper's setup in words, the published value, what the framework computes for it, and a note on
/// what is known about a disagreement (written by a person; shown in the report, never used to change a number).
/// </summary>
public sealed record ValidationEntry
{
    public required string Id { get; init; }

    /// <summary>What the number is, e.g. "SM CEvNS events, CsI 2021 analysis region".</summary>
    public required string Quantity { get; init; }

    /// <summary>Paper and table, equation, figure or abstract the number comes from.</summary>
    public required string Reference { get; init; }

    /// <summary>The paper's setup: datasets, quenching and flux models, form factor, channels, free parameters, CL, dof.</summary>
    public required string Setup { get; init; }

    public required PublishedValue Published { get; init; }

    /// <summary>What to compute; null when <see cref="NotReproducible"/> says why nothing is computed.</summary>
    public ComputeSpec? Compute { get; init; }

    /// <summary>Why the number cannot be recomputed with the public data here (the entry is listed, not computed).</summary>
    public string? NotReproducible { get; init; }

    /// <summary>Part of the quick subset (--quick, the tests).</summary>
    public bool Fast { get; init; }

    /// <summary>The id of another entry for the same published number of which this one is an input variant (e.g. a second
    /// atomic theory for the same APV measurement): listed and computed, but not counted in the report's tally, so that one
    /// published number is counted once.</summary>
    public string? VariantOf { get; init; }

    /// <summary>What is known about the comparison (human-written; shown verbatim).</summary>
    public string? Known { get; init; }

    /// <summary>First line of the entry's body in its file (where <see cref="Datasets.Facts"/> places a section), for messages.</summary>
    public int Line { get; init; }
}

public enum PublishedKind
{
    /// <summary>A central value, optionally with (asymmetric) 1 sigma errors.</summary>
    Value,
    /// <summary>An upper limit at a confidence level with a number of degrees of freedom.</summary>
    UpperLimit,
    /// <summary>An allowed interval [lower, upper] at a confidence level with a number of degrees of freedom.</summary>
    Interval,
    /// <summary>A published inequality "quantity &lt; bound" (e.g. a p-value).</summary>
    Below,
}

/// <summary>
/// The published number. For <see cref="PublishedKind.Value"/>: <see cref="Central"/> with <see cref="ErrorMinus"/> /
/// <see cref="ErrorPlus"/> (null when the paper gives none); for a limit: <see cref="Central"/> is the limit; for an
/// interval: <see cref="Lower"/>, <see cref="Upper"/>; for a bound: <see cref="Central"/> is the bound.
/// <see cref="ConfidenceLevel"/> and <see cref="DegreesOfFreedom"/> are those of the paper (limits and intervals).
/// </summary>
public sealed record PublishedValue
{
    public required PublishedKind Kind { get; init; }
    public double Central { get; init; } = double.NaN;
    public double? ErrorMinus { get; init; }
    public double? ErrorPlus { get; init; }
    public double Lower { get; init; } = double.NaN;
    public double Upper { get; init; } = double.NaN;
    public double? ConfidenceLevel { get; init; }
    public int? DegreesOfFreedom { get; init; }
    public string Unit { get; init; } = "";

    /// <summary>How the paper states it, e.g. "333 +- 11 (th) +- 42 (exp)".</summary>
    public string? Text { get; init; }

    public bool HasError => ErrorMinus is not null && ErrorPlus is not null;
}

public enum ComputeKind
{
    /// <summary>Expected events of one dataset at a physics point (<c>cevns predict</c>).</summary>
    Prediction,
    /// <summary>Best-fit signal_norm of one dataset (every nuisance profiled) times its SM CEvNS prediction, with 1 sigma errors.</summary>
    FittedEvents,
    /// <summary>Best fit of one parameter with its profiled 1 sigma interval (<c>cevns fit</c>).</summary>
    BestFit,
    /// <summary>Upper end of the profiled interval at the published CL and dof.</summary>
    UpperLimit,
    /// <summary>The profiled interval at the published CL and dof.</summary>
    Interval,
    /// <summary>p-value of parameter = null value: Delta chi^2 of the fit with the parameter fixed there against the free fit, chi^2 with 1 dof (Wilks).</summary>
    PValue,
}

/// <summary>Which channel's events a prediction counts (MigdalOverCevns: the ratio of Migdal to CEvNS events).</summary>
public enum PredictionTotal { Cevns, ElectronScattering, CevnsPlusElectronScattering, MigdalOverCevns }

/// <summary>
/// What the framework computes: datasets (id with its options, as in analysis files), fixed values (physics parameters
/// or signal scales), free parameters, external Gaussian priors, fit ranges, and for the kind at hand the reported
/// parameter, the null value (p-value) or which total (prediction).
/// </summary>
public sealed record ComputeSpec
{
    public required ComputeKind Kind { get; init; }
    public required IReadOnlyList<ValidationDataset> Datasets { get; init; }
    public IReadOnlyDictionary<string, double> Fixed { get; init; } = new Dictionary<string, double>();
    public IReadOnlyList<string> Free { get; init; } = [];
    public string? Parameter { get; init; }
    public IReadOnlyList<ParameterPrior> Priors { get; init; } = [];
    public IReadOnlyDictionary<string, (double Lower, double Upper)> Ranges { get; init; } = new Dictionary<string, (double, double)>();
    public double NullValue { get; init; }
    public PredictionTotal Total { get; init; } = PredictionTotal.Cevns;
    /// <summary>Prediction only: count the bins whose first-axis range lies in [Lower, Upper] (null: the analysis region).</summary>
    public (double Lower, double Upper)? Window { get; init; }
}

/// <summary>A dataset of a validation entry: its id and the options it is built with.</summary>
public sealed record ValidationDataset(string Id, IReadOnlyDictionary<string, string> Options);
