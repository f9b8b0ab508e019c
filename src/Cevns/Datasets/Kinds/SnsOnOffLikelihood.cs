using Cevns.Physics;
using Cevns.Statistics;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// The beam-ON / beam-OFF chi^2 of docs/physics.md section 9 (COHERENT Ge-Mini as in the joint germanium analysis,
/// arXiv:2506.13555): chi^2 = chi^2_ON(eta, beta) + chi^2_OFF(beta) + ((eta - 1)/sigma_eta)^2 + ((beta - 1)/sigma_beta)^2,
/// both Baker-Cousins over the energy x time bins of the analysis region, with
/// mu_ON = eta (N_CEvNS + N_ES) + beta r N_SSB and mu_OFF = beta N_SSB. N_SSB is flat in time: per energy bin the mean
/// of the beam-OFF counts over the time bins; r = ON / OFF exposure of the counts file. N_CEvNS and N_ES (nu-e
/// scattering, which shares the flux) are scaled per species by the shared <see cref="SignalScale"/>.
/// Observations: the ON counts of every bin followed by the OFF counts of every bin (2 x bins).
/// Nuisance order: eta (signal normalisation), beta (steady-state normalisation). Not thread-safe.
/// <para>
/// sigma_eta (systematics.eta.sigma_with_flux, 10.3 % in docs/physics.md sec. 9) is the whole uncertainty of the signal
/// prediction, flux included: the 10 % neutrino yield (0.288 +- 0.029 per POT) dominates it, as in the Ge-Mini PRL's
/// 33.3 +- 3.4 events (10.2 %). The flux part is the SNS flux nuisance that the fit shares between all SNS datasets
/// (<see cref="FluxNormSigma"/>, docs/physics.md sec. 9), so eta keeps only the rest in quadrature,
/// sqrt(sigma_eta^2 - sigma_flux^2) = 2.2 %: alone, eta x flux has the published 10.3 %; with other SNS datasets the flux
/// part is correlated and counted once. Without a stated flux width eta keeps the full sigma_eta.
/// </para>
/// </summary>
public sealed class SnsOnOffLikelihood : IDatasetLikelihood
{
    private readonly SnsOnOffDataset _dataset;
    private readonly double[] _observed, _ssbOff, _signal, _expected, _weights;
    private readonly bool[] _mask;
    private readonly double _onOverOff;
    private readonly int _bins;
    private readonly PhysicsPointMemo<KeyValuePair<NeutrinoSpecies, double[]>[]> _parts;

    public IDataset Dataset => _dataset;
    public SourceKind Source => SourceKind.Spallation;
    public IReadOnlyList<Nuisance> Nuisances { get; }
    public int DataPoints { get; }
    public bool RateOnly => false;

    /// <summary>The source's flux-normalisation width (the shared SNS flux nuisance of the fit; see the class remarks).</summary>
    public double? FluxNormSigma => _dataset.Source.FluxNormSigma;

    /// <summary>Prior width of eta: sigma_eta without the flux part when the source states one (class remarks).</summary>
    public static double SignalDetectorSigma(double sigmaEta, double? fluxNormSigma, string datasetId)
    {
        if (fluxNormSigma is not { } flux) return sigmaEta;
        if (!(flux < sigmaEta))
            throw new DatasetException($"dataset {datasetId}: systematics.eta.sigma_with_flux = {sigmaEta} must exceed the flux part source.flux_norm_sigma = {flux}, which it contains");
        return Math.Sqrt(sigmaEta * sigmaEta - flux * flux);
    }
    public IReadOnlyList<double> Observed => _observed;

    /// <summary>Likelihood on the dataset's counts file; the error says how to supply one when it is absent.</summary>
    public SnsOnOffLikelihood(SnsOnOffDataset dataset)
        : this(dataset, Concat(dataset.Counts ?? throw new DatasetException(
            $"dataset {dataset.Definition.Id}: no beam-ON/OFF counts file, so no likelihood (see the note of 'cevns predict --experiment {dataset.Definition.Id}')")),
            dataset.Counts.OnExposure / dataset.Counts.OffExposure)
    {
    }

    /// <param name="observed">ON counts of every bin, then OFF counts of every bin.</param>
    /// <param name="onOverOffExposure">r: ratio of beam-ON to beam-OFF exposure for the steady-state background.</param>
    public SnsOnOffLikelihood(SnsOnOffDataset dataset, IReadOnlyList<double> observed, double onOverOffExposure)
    {
        _bins = dataset.Binning.Count;
        if (observed.Count != 2 * _bins)
            throw new ArgumentException($"{dataset.Definition.Id}: expected {2 * _bins} observations (ON then OFF counts), got {observed.Count}", nameof(observed));
        if (!(onOverOffExposure > 0) || double.IsInfinity(onOverOffExposure))
            throw new ArgumentOutOfRangeException(nameof(onOverOffExposure), onOverOffExposure, "ON/OFF exposure ratio must be finite and > 0");
        _dataset = dataset;
        _observed = observed.ToArray();
        _onOverOff = onOverOffExposure;
        _ssbOff = SnsOnOffDataset.FlatInTime(_observed.AsSpan(_bins).ToArray(), dataset.Binning.EnergyBins, dataset.Binning.TimeBins);
        _mask = dataset.InAnalysis.Concat(dataset.InAnalysis).ToArray();
        DataPoints = _mask.Count(m => m);
        // systematics: eta (signal norm; its sigma includes the flux part, which the shared flux nuisance carries) and
        // beta (steady-state norm), in this order.
        var f = dataset.Definition.Facts.Section("systematics");
        f.AllowOnly("eta", "beta");
        var eta = f.Section("eta");
        eta.AllowOnly("type", "signal", "sigma_with_flux", "range");
        if (eta.String("type") != "norm" || eta.String("signal") != "cevns")
            throw eta.Error("type", "expected eta: { type: norm, signal: cevns, sigma_with_flux: ... }");
        var beta = f.Section("beta");
        beta.AllowOnly("type", "background", "sigma", "range");
        if (beta.String("type") != "norm" || beta.String("background") != SnsOnOffDataset.SteadyStateLabel)
            throw beta.Error("type", $"expected beta: {{ type: norm, background: {SnsOnOffDataset.SteadyStateLabel}, sigma: ... }}");
        string id = dataset.Definition.Id;
        // Ranges: optional range: [lo, hi] as in sns-energy-time; defaults eta [0, 5], beta [0.2, 5].
        var (etaLo, etaHi) = SnsEnergyTimeSystematic.NormRange(eta, defaultUpper: 5);
        var (betaLo, betaHi) = SnsEnergyTimeSystematic.NormRange(beta, defaultLower: 0.2, defaultUpper: 5);
        Nuisances =
        [
            new($"{id}.eta", 1, SignalDetectorSigma(eta.PositiveNumber("sigma_with_flux"), dataset.Source.FluxNormSigma, id), etaLo, etaHi,
                "signal normalisation without the flux part (eta, docs/physics.md sec. 9)"),
            new($"{id}.beta", 1, beta.PositiveNumber("sigma"), betaLo, betaHi, "steady-state background normalisation (beta)"),
        ];
        _signal = new double[_bins];
        _expected = new double[2 * _bins];
        _weights = new double[2 * _bins];
        _parts = new(p => dataset.Cevns(p).Concat(dataset.ElectronScattering(p)).Concat(dataset.Migdal(p)).ToArray());
    }

    private static double[] Concat(OnOffCounts c) => c.On.Concat(c.Off).ToArray();

    private void Fill(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances, Span<double> mu)
    {
        LikelihoodHelpers.CheckNuisanceCount(this, nuisances);
        Array.Clear(_signal);
        LikelihoodHelpers.AddScaled(_parts.At(physics), scale, _signal);
        double eta = nuisances[0], beta = nuisances[1];
        for (int i = 0; i < _bins; i++)
        {
            mu[i] = eta * _signal[i] + beta * _onOverOff * _ssbOff[i];
            mu[_bins + i] = beta * _ssbOff[i];
        }
    }

    public double Chi2(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances)
    {
        Fill(physics, scale, nuisances, _expected);
        return LikelihoodHelpers.AddPulls(PoissonChiSquare.Sum(_observed, _expected, _mask, out _), Nuisances, nuisances);
    }

    /// <summary>
    /// Exact derivatives: with w = d chi^2 / d mu (Baker-Cousins, 0 outside the analysis region), d/d eta = sum w_ON S,
    /// d/d beta = sum (w_ON r + w_OFF) N_SSB, d/d scale component = eta sum_s dk_s/dc sum w_ON S_s; plus both pulls.
    /// </summary>
    public double Chi2WithGradient(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances,
        Span<double> nuisanceGradient, Span<double> scaleGradient)
    {
        LikelihoodGradient.Check(this, nuisances, nuisanceGradient, scaleGradient);
        Fill(physics, scale, nuisances, _expected);
        double chi2 = PoissonChiSquare.Sum(_observed, _expected, _mask, out _);
        var w = _weights.AsSpan();
        for (int i = 0; i < w.Length; i++) w[i] = _mask[i] ? PoissonChiSquare.Derivative(_observed[i], _expected[i]) : 0.0;
        double dEta = 0, dBeta = 0;
        for (int i = 0; i < _bins; i++)
        {
            dEta += w[i] * _signal[i];
            dBeta += (w[i] * _onOverOff + w[_bins + i]) * _ssbOff[i];
        }
        nuisanceGradient[0] = dEta;
        nuisanceGradient[1] = dBeta;
        scaleGradient.Clear();
        Span<double> dk = stackalloc double[SignalScale.Components];
        foreach (var (s, c) in _parts.At(physics))
        {
            scale.Derivatives(s, dk);
            double d = 0;
            for (int i = 0; i < _bins; i++) d += w[i] * c[i];
            for (int m = 0; m < dk.Length; m++) scaleGradient[m] += nuisances[0] * dk[m] * d;
        }
        return chi2 + LikelihoodGradient.AddPulls(Nuisances, nuisances, nuisanceGradient);
    }

    public double[] Expected(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances)
    {
        var mu = new double[2 * _bins];
        Fill(physics, scale, nuisances, mu);
        for (int i = 0; i < mu.Length; i++) mu[i] = Math.Max(0, mu[i]);
        return mu;
    }

    public IDatasetLikelihood WithObserved(IReadOnlyList<double> observed) => new SnsOnOffLikelihood(_dataset, observed, _onOverOff);
}
