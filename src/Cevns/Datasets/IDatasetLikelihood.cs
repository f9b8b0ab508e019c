using Cevns.Physics;

namespace Cevns.Datasets;

/// <summary>
/// A nuisance parameter of one dataset: its name (prefixed with the dataset id, e.g. "coherent-csi-2021.brn_norm"),
/// central value, Gaussian prior width (PositiveInfinity = unconstrained, no pull) and allowed range.
/// The likelihood adds ((x - Central) / Sigma)^2 itself.
/// </summary>
public sealed record Nuisance(string Name, double Central, double Sigma, double Lower, double Upper, string Description);

/// <summary>
/// The signal normalisations that are fit parameters shared across datasets (issue: norm.e, norm.mu,
/// flux_norm.sns, flux_norm.reactor, signal_norm). A dataset multiplies its CEvNS (and nu-e) prediction of a
/// species by <see cref="For"/>; FluxNorm is flux_norm.sns for a spallation source and flux_norm.reactor for a reactor.
/// </summary>
public readonly record struct SignalScale(double NormE, double NormMu, double FluxNorm, double SignalNorm)
{
    public static readonly SignalScale One = new(1, 1, 1, 1);

    /// <summary>Number of components (NormE, NormMu, FluxNorm, SignalNorm), the length of a scale gradient.</summary>
    public const int Components = 4;

    /// <summary>
    /// d For(species) / d component, for the components in the order NormE, NormMu, FluxNorm, SignalNorm (into, length 4).
    /// </summary>
    public void Derivatives(NeutrinoSpecies species, Span<double> into)
    {
        var flavor = species.Flavor();
        double byFlavor = flavor switch { Flavor.E => NormE, Flavor.Mu => NormMu, _ => 1.0 };
        into[0] = flavor == Flavor.E ? FluxNorm * SignalNorm : 0.0;
        into[1] = flavor == Flavor.Mu ? FluxNorm * SignalNorm : 0.0;
        into[2] = SignalNorm * byFlavor;
        into[3] = FluxNorm * byFlavor;
    }

    /// <summary>Data/SM of a species: norm.e for nu_e and anti-nu_e, norm.mu for nu_mu and anti-nu_mu, 1 for tau.</summary>
    public double For(NeutrinoSpecies species) => FluxNorm * SignalNorm * species.Flavor() switch
    {
        Flavor.E => NormE,
        Flavor.Mu => NormMu,
        _ => 1.0,
    };
}

/// <summary>Which shared flux normalisation a dataset's signal follows (None: an external measurement without a neutrino source).</summary>
public enum SourceKind { Spallation, Reactor, None }

/// <summary>
/// The likelihood of one dataset: chi^2 = -2 ln L (Baker-Cousins Poisson, or Gaussian where the public data are
/// rates with errors) at a physics point, signal scaling and nuisance values, including the nuisances' Gaussian
/// pulls. Predictions that depend only on the physics point are cached, so profiling the nuisances at fixed
/// physics costs only the cheap recombination of templates.
/// </summary>
public interface IDatasetLikelihood
{
    IDataset Dataset { get; }

    SourceKind Source { get; }

    IReadOnlyList<Nuisance> Nuisances { get; }

    /// <summary>Number of data points (bins, or 1 for a rate-only term) entering chi^2.</summary>
    int DataPoints { get; }

    /// <summary>True when the public data only allow a total-rate term (flagged in output).</summary>
    bool RateOnly { get; }

    /// <summary>
    /// Relative prior width of the normalisation of this dataset's neutrino flux, which the fitting layer applies as a
    /// nuisance acting on <see cref="SignalScale.FluxNorm"/> (docs/physics.md sec. 9): one nuisance shared by all spallation
    /// datasets of a fit, one per reactor dataset. Null when the dataset states no flux uncertainty or when its own
    /// nuisances already contain it (then the fit adds nothing, so nothing is counted twice).
    /// </summary>
    double? FluxNormSigma => null;

    /// <summary>
    /// Whether chi^2 can depend on the physics parameter <paramref name="parameter"/> (a catalogue name): the physics enters
    /// only through the dataset's prediction, so by default as declared by <see cref="IDataset.Reads"/>.
    /// </summary>
    bool Reads(string parameter) => Dataset.Reads(parameter);

    /// <summary>chi^2 including the nuisance pulls; nuisances in the order of <see cref="Nuisances"/>.</summary>
    double Chi2(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances);

    /// <summary>Expected data (same layout as the observations) at a point: the Asimov data set, or the mean of toys.</summary>
    double[] Expected(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances);

    /// <summary>The observations the chi^2 compares with (counts, or rates for Gaussian terms).</summary>
    IReadOnlyList<double> Observed { get; }

    /// <summary>
    /// The same likelihood with other observations (Asimov data, pseudo-experiments); same layout as Observed.
    /// Returns a new instance that shares no mutable state (caches) with this one: the fitting layer calls
    /// WithObserved(Observed) to give each thread of a parallel scan its own copy.
    /// </summary>
    IDatasetLikelihood WithObserved(IReadOnlyList<double> observed);

    /// <summary>
    /// chi^2 (as <see cref="Chi2"/>) and its derivatives with respect to the nuisances, written into
    /// <paramref name="nuisanceGradient"/> (order of <see cref="Nuisances"/>), and to the components of the signal scale,
    /// written into <paramref name="scaleGradient"/> (d/d NormE, NormMu, FluxNorm, SignalNorm; length
    /// <see cref="SignalScale.Components"/>). The default differentiates <see cref="Chi2"/> numerically
    /// (<see cref="LikelihoodGradient.Numerical"/>); likelihoods whose expectation is a simple function of the nuisances
    /// override it with exact derivatives, which a gradient-based minimiser needs far fewer chi^2 evaluations with.
    /// </summary>
    double Chi2WithGradient(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances,
        Span<double> nuisanceGradient, Span<double> scaleGradient) =>
        LikelihoodGradient.Numerical(this, physics, scale, nuisances, nuisanceGradient, scaleGradient);

    /// <summary>
    /// Draws pseudo-observations around <paramref name="expected"/> (the layout of <see cref="Observed"/>) with the
    /// likelihood's own error model, for toy Monte Carlo (Feldman-Cousins). Default: independent Poisson counts per bin,
    /// right for Baker-Cousins likelihoods; Gaussian likelihoods override it. Uses only <paramref name="random"/>.
    /// </summary>
    void SampleObservations(Random random, ReadOnlySpan<double> expected, Span<double> into) =>
        Statistics.ToySampling.Poisson(random, expected, into);
}
