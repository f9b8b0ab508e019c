using System.Globalization;
using Cevns.Physics;
using MathNet.Numerics.Distributions;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// One-number likelihood of a rate-only reactor result (flagged <see cref="RateOnly"/>; docs/physics.md section 9). Our
/// calculation enters only through the ratio R = N(physics, options) / N_CEvNS(SM, default options) of our own
/// predictions, so the unknown efficiencies, exact thresholds and flux conventions of the collaboration cancel to first
/// order and the term is anchored to the published numbers. The numerator is every signal the germanium detector records
/// in the region of interest, CEvNS plus nu-e scattering (docs/physics.md sec. 5); the denominator is CEvNS only, as the
/// published predictions are. At the Standard Model nu-e scattering adds a tiny fraction (tests); at a magnetic moment or
/// millicharge it can dominate. Approximation: eta (below) also scales the nu-e events, which share the flux and efficiency
/// but not the quenching part of its uncertainty.
/// <list type="bullet">
/// <item>Measurement (CONUS+): chi^2 = ((N_obs - eta s R N_SM,pub) / sigma_obs)^2 + ((eta - 1)/sigma_eta)^2 with the
/// published SM prediction N_SM,pub and its relative uncertainty sigma_eta = dN_SM,pub / N_SM,pub as the prior of the
/// nuisance eta ("&lt;id&gt;.prediction_norm"); s = the species scale (norm.e, flux_norm.reactor, signal_norm).
/// Approximation: a Gaussian with the published symmetric error, no correlation with other datasets' flux terms
/// (a shared flux_norm.reactor with its own prior double-counts part of sigma_eta).</item>
/// <item>Upper limit (TEXONO): the signal strength mu = s R is taken as a Gaussian measurement mu = 0 +- sigma_mu with
/// sigma_mu = L / sqrt(q), q the Delta chi^2 of the limit's confidence level for one parameter (2.71 at 90 %), so that
/// this term alone gives back the published limit L with the usual Delta chi^2 = 2.71. Approximation: the published
/// best fit and likelihood shape are not public; a best fit at mu = 0 and a Gaussian shape are assumed.</item>
/// </list>
/// The observation is the event count (measurement) or the signal strength 0 (limit); Asimov data replace it.
/// </summary>
public sealed class RateOnlyLikelihood : IDatasetLikelihood
{
    private readonly ReactorRateDataset _d;
    private readonly double _reference;
    private readonly double[] _observed;
    private readonly PhysicsPointMemo<Dictionary<NeutrinoSpecies, double>> _signals;   // CEvNS + nu-e per species

    public RateOnlyLikelihood(ReactorRateDataset dataset) : this(dataset, ReferenceTotal(dataset), null) { }

    private RateOnlyLikelihood(ReactorRateDataset dataset, double reference, double[]? observed)
    {
        _d = dataset;
        _reference = reference;
        _signals = new(dataset.SignalTotals);
        switch (dataset.Published)
        {
            case PublishedRate.Measurement m:
                _observed = observed ?? [m.Observed];
                Nuisances = [new Nuisance($"{dataset.Definition.Id}.prediction_norm", 1.0, m.PredictedError / m.Predicted, 0, 5,
                    string.Create(CultureInfo.InvariantCulture, $"normalisation of the published SM prediction {m.Predicted:G4} +- {m.PredictedError:G3} (quenching, flux, efficiency)"))];
                break;
            case PublishedRate.UpperLimit u:
                _observed = observed ?? [0.0];
                Nuisances = [];
                SignalStrengthSigma = u.RatioToStandardModel / Math.Sqrt(DeltaChi2(u.ConfidenceLevel));
                break;
            default:
                throw new DatasetException($"dataset {dataset.Definition.Id}: no published result to build a likelihood from");
        }
    }

    /// <summary>Delta chi^2 of a two-sided Gaussian interval (one parameter) at confidence <paramref name="cl"/>: 2.706 at 90 %.</summary>
    public static double DeltaChi2(double cl) => Math.Pow(Normal.InvCDF(0, 1, 0.5 * (1 + cl)), 2);

    /// <summary>sigma_mu of an upper-limit term (NaN for a measurement).</summary>
    public double SignalStrengthSigma { get; } = double.NaN;

    /// <summary>Our SM CEvNS total at the definition's default options: the denominator of R.</summary>
    public double ReferenceStandardModelEvents => _reference;

    private static double ReferenceTotal(ReactorRateDataset d)
    {
        var atDefaults = d.Definition.Options.Declared.All(o => d.Definition.Options.IsDefault(o.Name))
            ? d
            : ReactorRateDataset.Create(d.Definition.With(d.Definition.Options.Declared.Select(o => KeyValuePair.Create(o.Name, o.Default))), d.DataDirectory, d.Grid);
        return atDefaults.CevnsPerPart(PhysicsParameters.StandardModel, SignalScale.One).Sum();
    }

    public IDataset Dataset => _d;

    public SourceKind Source => SourceKind.Reactor;

    public IReadOnlyList<Nuisance> Nuisances { get; }

    public int DataPoints => 1;

    public bool RateOnly => true;

    /// <summary>
    /// No separate reactor-flux nuisance (docs/physics.md sec. 9 asks each reactor dataset to carry its flux uncertainty):
    /// for a measurement, eta's prior is the published relative uncertainty of the SM prediction (CONUS+: 59/347 = 17 %,
    /// arXiv:2501.05206), which is the collaboration's whole prediction error and so contains its reactor-flux part
    /// (its breakdown is not public here); a second flux prior would count it twice. For a limit the term is a ratio to the
    /// collaboration's own SM prediction, so the flux normalisation cancels and its uncertainty is inside the published limit.
    /// </summary>
    public double? FluxNormSigma => null;

    public IReadOnlyList<double> Observed => _observed;

    /// <summary>R x s: our prediction (CEvNS + nu-e) relative to the CEvNS SM at default options, with the signal scale applied.</summary>
    public double SignalStrength(PhysicsParameters physics, SignalScale scale)
    {
        double total = 0;
        foreach (var (species, n) in _signals.At(physics)) total += scale.For(species) * n;
        return total / _reference;
    }

    public double[] Expected(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances) =>
        [ExpectedValue(physics, scale, nuisances)];

    /// <summary>Events (measurement: eta s R N_SM,pub) or the signal strength s R (limit).</summary>
    private double ExpectedValue(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances)
    {
        LikelihoodHelpers.CheckNuisanceCount(this, nuisances);
        double mu = SignalStrength(physics, scale);
        return _d.Published is PublishedRate.Measurement m ? nuisances[0] * mu * m.Predicted : mu;
    }

    public double Chi2(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances)
    {
        double expected = ExpectedValue(physics, scale, nuisances);
        if (_d.Published is PublishedRate.Measurement m)
        {
            double z = (_observed[0] - expected) / m.ObservedError;
            return LikelihoodHelpers.AddPulls(z * z, Nuisances, nuisances);
        }
        double zl = (_observed[0] - expected) / SignalStrengthSigma;
        return zl * zl;
    }

    /// <summary>
    /// Exact derivatives of the one Gaussian term (and the prediction-norm pull): the expectation is eta s R N_SM,pub (or s R),
    /// linear in eta and in each species' scale.
    /// </summary>
    public double Chi2WithGradient(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances,
        Span<double> nuisanceGradient, Span<double> scaleGradient)
    {
        LikelihoodGradient.Check(this, nuisances, nuisanceGradient, scaleGradient);
        double chi2 = Chi2(physics, scale, nuisances);
        double mu = SignalStrength(physics, scale);
        var measurement = _d.Published as PublishedRate.Measurement;
        double sigma = measurement?.ObservedError ?? SignalStrengthSigma;
        double factor = measurement is null ? 1.0 : nuisances[0] * measurement.Predicted; // expectation = factor x mu
        double w = -2 * (_observed[0] - factor * mu) / (sigma * sigma);                    // d chi^2 / d expectation
        nuisanceGradient.Clear();
        if (measurement is not null)
            nuisanceGradient[0] = w * mu * measurement.Predicted + 2 * (nuisances[0] - Nuisances[0].Central) / (Nuisances[0].Sigma * Nuisances[0].Sigma);
        scaleGradient.Clear();
        Span<double> dk = stackalloc double[SignalScale.Components];
        foreach (var (species, n) in _signals.At(physics))
        {
            scale.Derivatives(species, dk);
            for (int c = 0; c < dk.Length; c++) scaleGradient[c] += w * factor * dk[c] * n / _reference;
        }
        return chi2;
    }

    /// <summary>Toys: a Gaussian around the expectation with the error of the chi^2 term (observed error, or sigma_mu of a limit).</summary>
    public void SampleObservations(Random random, ReadOnlySpan<double> expected, Span<double> into)
    {
        if (expected.Length != 1 || into.Length != 1)
            throw new ArgumentException($"{_d.Definition.Id}: a rate-only likelihood has one observation");
        double sigma = _d.Published is PublishedRate.Measurement m ? m.ObservedError : SignalStrengthSigma;
        into[0] = Statistics.ToySampling.Gaussian(random, expected[0], sigma);
    }

    public IDatasetLikelihood WithObserved(IReadOnlyList<double> observed)
    {
        if (observed.Count != 1 || !double.IsFinite(observed[0]))
            throw new ArgumentException($"{_d.Definition.Id}: a rate-only likelihood has one finite observation, got {observed.Count}");
        return new RateOnlyLikelihood(_d, _reference, [observed[0]]);
    }
}
