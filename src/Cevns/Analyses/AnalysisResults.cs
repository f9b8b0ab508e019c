using Cevns.Physics;
using Cevns.Statistics;

namespace Cevns.Analyses;

/// <summary>Everything a report shows, computed once by <see cref="AnalysisRunner"/> and written by the report writer.</summary>
public sealed record AnalysisResults(
    AnalysisFile Analysis,
    string SoftwareVersion,
    string DataDirectory,
    IReadOnlyList<DatasetSummary> Datasets,
    IReadOnlyList<FitOutcome> Fits,
    IReadOnlyList<ScanOutcome> Scans,
    IReadOnlyList<string> Notes)
{
    public FitOutcome Fit(string label) => Fits.First(f => f.Label == label);
}

/// <summary>The global fit of one combination of datasets.</summary>
public sealed record FitOutcome(
    string Label,
    IReadOnlyList<string> Datasets,
    bool IsCombination,
    double Chi2,
    int DataPoints,
    int FreeParameters,
    bool Converged,
    string Status,
    IReadOnlyList<ParameterEstimate> Parameters,
    IReadOnlyList<Chi2Term> Breakdown,
    IReadOnlyList<DatasetSpectrum> Spectra,
    IReadOnlyList<double> X,
    PhysicsParameters Physics)
{
    public int DegreesOfFreedom => DataPoints - FreeParameters;
}

/// <summary>How the uncertainty of a best-fit value was obtained.</summary>
public enum ErrorSource
{
    /// <summary>Ends of the profiled Delta chi^2 = 1 interval around the best fit (<see cref="Fitting.IntervalProfiler"/>, as 'fit' reports them; asymmetric).</summary>
    ProfileScan,
    /// <summary>sqrt of the covariance 2 H^-1 at the minimum (symmetric, exact for a parabolic chi^2): nuisances and other
    /// parameters without a profiled interval around the best fit.</summary>
    Parabolic,
    /// <summary>The profiled Delta chi^2 = 1 interval around the best fit has an unknown end (open at the fit range or the
    /// search, or beyond a fit that did not converge): the known side's error is given, the open side's is null. Never
    /// replaced by a parabolic error, which would pretend to know the end.</summary>
    OpenInterval,
    /// <summary>No finite estimate (flat direction, parameter at a bound).</summary>
    None,
    /// <summary>Not varied: no dataset or prior of the fit reads the parameter (<see cref="Fitting.JointFit.NotConstrained"/>), so chi^2
    /// does not depend on it. The value is the one it was held at, with no errors; it is not counted as a free parameter.</summary>
    NotConstrained,
}

/// <summary>Best-fit value of a free parameter with its 1 sigma uncertainty and, for a nuisance, its prior.</summary>
public sealed record ParameterEstimate(string Name, double BestFit, double? MinusError, double? PlusError, ErrorSource Source,
    bool AtBound, bool IsNuisance);

/// <summary>A scan repeated for each of its fits.</summary>
public sealed record ScanOutcome(ScanSpec Spec, IReadOnlyList<ScanFitOutcome> Fits);

/// <summary>
/// One fit's profile along a scan: chi^2 at each grid point (2D: index ix * ny + iy), convergence per point, the
/// minimum, intervals (1D) or contours (2D), notes (non-converged points, open intervals, minimum updates), and the
/// scan file's content (<see cref="Fitting.ScanCsv"/>: profiled values and tied parameters at every point).
/// </summary>
public sealed record ScanFitOutcome(
    string Fit,
    bool IsCombination,
    IReadOnlyList<double> Chi2,
    IReadOnlyList<bool> Converged,
    double MinimumChi2,
    double BestX,
    double? BestY,
    IReadOnlyList<ConfidenceInterval> Intervals,
    IReadOnlyList<(double Level, IReadOnlyList<ContourLine> Lines)> Contours,
    IReadOnlyList<string> Notes,
    Fitting.ScanReport Table)
{
    public double[] DeltaChi2 => Chi2.Select(c => c - MinimumChi2).ToArray();
}
