using Cevns.Datasets.Sns;
using Cevns.Physics;
using Cevns.Statistics;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// The beam-ON / beam-OFF chi^2 of docs/physics.md section 9 (statistic <c>on-off-chi2</c> of an
/// <see cref="SnsEnergyTimeDataset"/>; COHERENT Ge-Mini as in the joint germanium analysis, arXiv:2506.13555):
/// chi^2 = chi^2_ON(eta, beta) + chi^2_OFF(beta) + ((eta - 1)/sigma_eta)^2 + ((beta - 1)/sigma_beta)^2,
/// both Baker-Cousins over the energy x time bins of the analysis region, with
/// mu_ON = eta (N_CEvNS + N_ES + N_Migdal) + beta r N_SSB and mu_OFF = beta N_SSB. N_SSB is flat in time
/// (<see cref="BeamOffBackground.FlatInTime"/>): per energy bin the mean of the beam-OFF counts over the time bins; r = ON / OFF
/// exposure of the counts file. The signal parts are scaled per species by the shared <see cref="SignalScale"/>.
/// Observations: the ON counts of every bin followed by the OFF counts of every bin (2 x bins).
/// <para>
/// Nuisances, in the order of the definition's systematics: eta, the signal normalisation (<see cref="SignalNormSystematic"/>;
/// Ge-Mini's sigma_eta = 10.3 % contains the flux, so its prior keeps sqrt(sigma_eta^2 - sigma_flux^2) = 2.2 % and the
/// fit's shared SNS flux nuisance carries the rest), and beta, the normalisation of the beam-off background. No other
/// systematic belongs to this statistic. Not thread-safe.
/// </para>
/// </summary>
public sealed class OnOffChiSquareLikelihood : IDatasetLikelihood
{
    private readonly SnsEnergyTimeDataset _dataset;
    private readonly double[] _observed, _ssbOff, _signal, _expected, _weights;
    private readonly bool[] _mask;
    private readonly double _onOverOff;
    private readonly int _bins, _eta, _beta;
    private readonly PhysicsPointMemo<KeyValuePair<NeutrinoSpecies, double[]>[]> _parts;

    public IDataset Dataset => _dataset;
    public SourceKind Source => SourceKind.Spallation;
    public IReadOnlyList<Nuisance> Nuisances { get; }
    public int DataPoints { get; }
    public bool RateOnly => false;

    /// <summary>The source's flux-normalisation width (the shared SNS flux nuisance of the fit).</summary>
    public double? FluxNormSigma => _dataset.Source.FluxNormSigma;
    public IReadOnlyList<double> Observed => _observed;

    /// <summary>Likelihood on the dataset's counts file; the error says how to supply one when it is absent.</summary>
    public OnOffChiSquareLikelihood(SnsEnergyTimeDataset dataset)
        : this(dataset, Concat(dataset), dataset.OnOff?.OnOverOffExposure ?? 0)
    {
    }

    /// <param name="observed">ON counts of every bin, then OFF counts of every bin.</param>
    /// <param name="onOverOffExposure">r: ratio of beam-ON to beam-OFF exposure for the steady-state background.</param>
    public OnOffChiSquareLikelihood(SnsEnergyTimeDataset dataset, IReadOnlyList<double> observed, double onOverOffExposure)
    {
        string id = dataset.Definition.Id;
        if (dataset.Statistic != SnsStatistic.OnOffChiSquare)
            throw new DatasetException($"dataset {id}: the statistic is {dataset.Statistic}, not {SnsStatistic.OnOffChiSquare}");
        _bins = dataset.Binning.Count;
        if (observed.Count != 2 * _bins)
            throw new ArgumentException($"{id}: expected {2 * _bins} observations (ON then OFF counts), got {observed.Count}", nameof(observed));
        if (!(onOverOffExposure > 0) || double.IsInfinity(onOverOffExposure))
            throw new ArgumentOutOfRangeException(nameof(onOverOffExposure), onOverOffExposure, "ON/OFF exposure ratio must be finite and > 0");
        _dataset = dataset;
        _observed = observed.ToArray();
        _onOverOff = onOverOffExposure;
        _ssbOff = BeamOffBackground.FlatInTime(_observed.AsSpan(_bins).ToArray(), dataset.Binning.EnergyBins, dataset.Binning.TimeBins);
        _mask = dataset.InAnalysis.Concat(dataset.InAnalysis).ToArray();
        DataPoints = _mask.Count(m => m);

        var systematics = dataset.Systematics;
        _eta = _beta = -1;
        var backgrounds = dataset.Definition.Facts.Section("backgrounds");
        var beamOff = backgrounds.Keys.Where(k => backgrounds.Section(k).OptionalString("type") == BeamOffBackground.Type).ToArray();
        for (int i = 0; i < systematics.Count; i++)
        {
            var s = systematics[i];
            if (s.Signal == SnsEnergyTimeSignals.Cevns) _eta = i;
            else if (s.Type == SnsEnergyTimeSystematic.Norm && beamOff.Contains(s.Background)) _beta = i;
            else
                throw new DatasetException($"dataset {id}: systematics.{s.Name}: the {SnsStatistic.OnOffChiSquare} statistic has only the signal norm and the beam-off background norm");
        }
        if (_eta < 0 || _beta < 0 || beamOff.Length != 1)
            throw new DatasetException($"dataset {id}: the {SnsStatistic.OnOffChiSquare} statistic needs one {BeamOffBackground.Type} background, its norm systematic and a signal norm systematic ({{ type: norm, signal: cevns, ... }})");
        Nuisances = systematics.Select((s, i) => new Nuisance($"{id}.{s.Name}", 1,
            i == _eta ? SignalNormSystematic.DetectorSigma(s, dataset.Source.FluxNormSigma, id) : s.Sigma, s.Lower, s.Upper, s.Description)).ToArray();
        _signal = new double[_bins];
        _expected = new double[2 * _bins];
        _weights = new double[2 * _bins];
        _parts = new(p => dataset.Binning.Spread(dataset.Cevns.Predict(p), dataset.Timing)
            .Concat(dataset.ElectronScattering is { } es ? dataset.Binning.Spread(es.Predict(p), dataset.Timing) : [])
            .Concat(dataset.SpreadMigdal(p)).ToArray());
    }

    private static double[] Concat(SnsEnergyTimeDataset d) =>
        d.OnOff?.Counts is { } c
            ? c.On.Concat(c.Off).ToArray()
            : throw new DatasetException($"dataset {d.Definition.Id}: no beam-ON/OFF counts file, so no likelihood (see the note of 'cevns predict --experiment {d.Definition.Id}')");

    private void Fill(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances, Span<double> mu)
    {
        LikelihoodHelpers.CheckNuisanceCount(this, nuisances);
        Array.Clear(_signal);
        LikelihoodHelpers.AddScaled(_parts.At(physics), scale, _signal);
        double eta = nuisances[_eta], beta = nuisances[_beta];
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
        nuisanceGradient.Clear();
        nuisanceGradient[_eta] = dEta;
        nuisanceGradient[_beta] = dBeta;
        scaleGradient.Clear();
        Span<double> dk = stackalloc double[SignalScale.Components];
        foreach (var (s, c) in _parts.At(physics))
        {
            scale.Derivatives(s, dk);
            double d = 0;
            for (int i = 0; i < _bins; i++) d += w[i] * c[i];
            for (int m = 0; m < dk.Length; m++) scaleGradient[m] += nuisances[_eta] * dk[m] * d;
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

    public IDatasetLikelihood WithObserved(IReadOnlyList<double> observed) => new OnOffChiSquareLikelihood(_dataset, observed, _onOverOff);
}
