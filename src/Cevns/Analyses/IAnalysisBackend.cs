using Cevns.Datasets;
using Cevns.Physics;
using Cevns.Statistics;

namespace Cevns.Analyses;

/// <summary>
/// What running an analysis needs from the datasets and the joint fit: the datasets loaded once, and for each fit of
/// the analysis a chi^2 problem over all its parameters (free physics parameters, signal scales, nuisances) with a
/// way to break chi^2 down and to predict spectra at a point. <see cref="AnalysisRunner"/> does the minimisation,
/// the scans and the report on top of it.
/// </summary>
public interface IAnalysisBackend
{
    /// <summary>
    /// Checks that everything the analysis names exists (datasets, their likelihoods, options, nuisance names) and
    /// loads the datasets; throws with a one-line message naming the missing piece before anything is computed. An
    /// optional dataset that cannot be used is returned with <see cref="DatasetSummary.Unavailable"/> saying why.
    /// </summary>
    IReadOnlyList<DatasetSummary> Load(AnalysisFile analysis, string dataDirectory);

    /// <summary>The chi^2 problem of one fit of the loaded analysis.</summary>
    IAnalysisFitModel BuildFit(AnalysisFile analysis, AnalysisFit fit);
}

/// <summary>A joint chi^2 of some datasets with everything the report shows about it.</summary>
public interface IAnalysisFitModel
{
    /// <summary>All parameters (fixed ones included) and the total chi^2 (datasets, nuisance pulls, priors).</summary>
    FitProblem Problem { get; }

    /// <summary>
    /// The same chi^2 on objects shared with no other fit or problem (own likelihood caches), so that several fits can
    /// be minimised at the same time on different threads.
    /// </summary>
    FitProblem IndependentProblem();

    /// <summary>Number of data points entering chi^2 (for chi^2/ndf).</summary>
    int DataPoints { get; }

    /// <summary>
    /// Free parameters of the analysis that no dataset or prior of this fit reads, with the value they are held at: not in
    /// <see cref="Problem"/>, not varied, no interval, not counted in the degrees of freedom (<see cref="Fitting.JointFit.NotConstrained"/>).
    /// </summary>
    IReadOnlyList<Fitting.FixedValue> NotConstrained => [];

    /// <summary>True for a nuisance parameter (reported apart from the physics parameters and signal scales).</summary>
    bool IsNuisance(string name);

    /// <summary>chi^2 of each dataset (its nuisance pulls included) and of each prior at a point.</summary>
    IReadOnlyList<Chi2Term> Breakdown(IReadOnlyList<double> x);

    /// <summary>The physics point of a parameter vector (free physics parameters set, the rest at their fixed values).</summary>
    PhysicsParameters Physics(IReadOnlyList<double> x);

    /// <summary>Expected and observed data of each dataset of the fit at a point (for spectra and event tables).</summary>
    IReadOnlyList<DatasetSpectrum> Spectra(IReadOnlyList<double> x);

    /// <summary>
    /// A scan of this fit over <paramref name="axes"/> as its scan file describes it (datasets, fixed values, priors,
    /// profiled parameters, ties), the same description 'scan' writes for the same fit.
    /// </summary>
    Fitting.ScanDescription DescribeScan(IReadOnlyList<Fitting.ScanAxis> axes);
}

/// <summary>
/// A dataset as the report describes it: label in the analysis, id, title, reference, data files, options, caveats;
/// <see cref="Unavailable"/> is the reason an optional dataset was left out (null when it is used).
/// </summary>
public sealed record DatasetSummary(string Label, string Id, string Title, string Reference,
    IReadOnlyDictionary<string, string> Files, IReadOnlyDictionary<string, string> Options, IReadOnlyList<string> Notes,
    string? Unavailable = null);

/// <summary>One term of chi^2: a dataset (with its data points) or a prior (0 points).</summary>
public sealed record Chi2Term(string Label, double Chi2, int DataPoints);

/// <summary>
/// Expected and observed data of one dataset at a point, per data point. <see cref="Bins"/> gives each point's range
/// on <see cref="Axis"/> (points sharing a range, e.g. time bins of one energy bin, are summed in figures); null when
/// the points are not bins of one axis (e.g. a rate-only term). <see cref="Gaussian"/> marks rates with errors rather
/// than Poisson counts; <see cref="Errors"/> are their errors where the likelihood exposes them.
/// </summary>
public sealed record DatasetSpectrum(string Label, string Axis, IReadOnlyList<(double Lo, double Hi)>? Bins,
    IReadOnlyList<double> Expected, IReadOnlyList<double> Observed, bool Gaussian, IReadOnlyList<double>? Errors = null)
{
    /// <summary>Each data point's range along every axis of the dataset (energy, time, PSD), when the points are bins.</summary>
    public IReadOnlyList<IReadOnlyList<BinRange>>? Ranges { get; init; }

    /// <summary>The prediction split into its components at each data point, when the dataset's prediction has them.</summary>
    public IReadOnlyList<SpectrumComponent>? Components { get; init; }
}

public enum SpectrumComponentKind { Cevns, ElectronScattering, Background, Migdal }

/// <summary>One component of a prediction per data point: CEvNS, nu-e scattering or CEvNS with a Migdal electron of one species, or one background.</summary>
public sealed record SpectrumComponent(NeutrinoSpecies? Species, SpectrumComponentKind Kind, string Name, IReadOnlyList<double> Values)
{
    /// <summary>ν_e, ν̄_μ, ... (an antineutrino with a combining macron).</summary>
    public static string SpeciesName(NeutrinoSpecies s)
    {
        string f = s.Flavor() switch { Flavor.E => "e", Flavor.Mu => "μ", _ => "τ" };
        return s.IsAntineutrino() ? $"ν\u0304_{f}" : $"ν_{f}";
    }
}
