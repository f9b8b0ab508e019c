using Cevns.Data;
using Cevns.Datasets;
using Cevns.Fitting;

namespace Cevns.Analyses;

/// <summary>
/// A parsed and validated analysis file (docs: README "Analysis files"): the datasets with their options, the fits
/// (which datasets are combined), the free and fixed parameters, priors, the profile scans and what the report shows.
/// <see cref="Sha256"/> is the hash of the file's text, written into the report so a result can be traced to its input.
/// </summary>
public sealed record AnalysisFile
{
    /// <summary>Short name (the file name without extension, or the preset name): the default report folder.</summary>
    public required string Name { get; init; }

    /// <summary>Where the file came from, as shown in messages: a path, or "preset:&lt;name&gt;".</summary>
    public required string Origin { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    /// <summary>The exact text that was parsed (kept for the hash and copied into the report).</summary>
    public required string Text { get; init; }

    /// <summary>SHA-256 of the UTF-8 text, lower-case hex.</summary>
    public required string Sha256 { get; init; }

    public required IReadOnlyList<AnalysisDataset> Datasets { get; init; }

    public required IReadOnlyList<AnalysisFit> Fits { get; init; }

    /// <summary>
    /// Key combined: the label of the fit that is the analysis' combination (drawn in black, its radii used by the sin^2
    /// running figure). Null: the fit of every dataset entry, if there is one. Needed when two datasets of the analysis can
    /// never share a fit (one supersedes the other), so that no fit holds them all.
    /// </summary>
    public string? Combined { get; init; }

    public required IReadOnlyList<FreeParameter> Free { get; init; }

    /// <summary>Parameters held at a value other than their default (physics defaults are the Standard Model).</summary>
    public required IReadOnlyDictionary<string, double> Fixed { get; init; }

    public required IReadOnlyList<ParameterPrior> Priors { get; init; }

    /// <summary>Tied physics parameters (key ties: target: expression), derived from another parameter at every point.</summary>
    public IReadOnlyList<Cevns.Fitting.ParameterTie> Ties { get; init; } = [];

    public required IReadOnlyList<ScanSpec> Scans { get; init; }

    public required IReadOnlyList<ReportTable> Tables { get; init; }

    public required FigureOptions Figures { get; init; }

    /// <summary>Random starts of each global fit besides the initial point (0: deterministic single start).</summary>
    public int RandomStarts { get; init; }

    /// <summary>
    /// Key charge_radius_q_dependent: every dataset of the analysis uses the momentum-dependent SM neutrino charge radius
    /// in CEvNS (arXiv:2402.16709; <see cref="Cevns.Physics.CrossSections.CrossSectionOptions.MomentumDependentChargeRadius"/>).
    /// </summary>
    public bool ChargeRadiusQDependent { get; init; }

    public AnalysisDataset Dataset(string label) => Datasets.First(d => d.Label == label);

    public FreeParameter? FreeParameter(string name) => Free.FirstOrDefault(p => p.Name == name);
}

/// <summary>
/// One dataset entry: the label other sections use (the same dataset may appear under two labels with different
/// options, e.g. two quenching models), the dataset id (DatasetRegistry) and its options as given. An optional dataset
/// whose data are not available (e.g. counts that are not public) is left out of every fit with a note instead of
/// stopping the analysis.
/// </summary>
public sealed record AnalysisDataset(string Label, string Id, IReadOnlyDictionary<string, string> Options, bool Optional = false)
{
    /// <summary>The entry's YAML section, for errors found after parsing (unknown id, unsupported option).</summary>
    internal Facts? Source { get; init; }

    public AnalysisFileException Error(string key, string what) =>
        Source is null ? new AnalysisFileException($"datasets.{Label}.{key}: {what}")
            : new AnalysisFileException(Source.Error(key, what).Message);
}

/// <summary>A fit: the labels of the datasets whose likelihoods are combined (chi^2 added).</summary>
public sealed record AnalysisFit(string Label, IReadOnlyList<string> Datasets)
{
    /// <summary>The YAML section and key that define the fit, for errors found after parsing.</summary>
    internal (Facts Section, string Key)? Source { get; init; }

    public AnalysisFileException Error(string what) =>
        Source is { } s ? new AnalysisFileException(s.Section.Error(s.Key, what).Message)
            : new AnalysisFileException($"fits.{Label}: {what}");
}

/// <summary>A free physics parameter or signal scale with an optional fit range (default: the fit layer's range for it).</summary>
public sealed record FreeParameter(string Name, double? Lower, double? Upper);

/// <summary>An external Gaussian constraint chi^2 += ((x - Mean)/Sigma)^2 on a free parameter, with its source.</summary>
public sealed record ParameterPrior(string Name, double Mean, double Sigma, string Source);

/// <summary>A 1D (Y null) or 2D profile-likelihood scan, repeated for each of <see cref="Fits"/>.</summary>
public sealed record ScanSpec(string Label, ScanAxis X, ScanAxis? Y, IReadOnlyList<string> Fits)
{
    public bool IsTwoDimensional => Y is not null;
}

/// <summary>Optional tables of summary.md (the best fits and the intervals of every scan are always there).</summary>
public enum ReportTable
{
    /// <summary>chi^2 of each dataset and prior at each fit's best fit, with the number of data points.</summary>
    Chi2ByDataset,
    /// <summary>Best-fit values of the nuisance parameters and their pulls.</summary>
    Nuisances,
    /// <summary>Expected (at the best fit) and observed totals of each dataset.</summary>
    Events,
}
