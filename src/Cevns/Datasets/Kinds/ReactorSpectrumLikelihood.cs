using Cevns.Physics;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// Likelihood of a <see cref="ReactorSpectrumDataset"/> (Dresden-II: docs/physics.md section 9, "chi^2 on the Rx-ON spectrum
/// 0.2-1.5 keVee with the background model fitted together with the signal"):
/// chi^2 = the dataset's statistic (<see cref="ReactorSpectrumStatistic"/>) over the analysis bins + background priors,
/// mu_i = sum_species scale(species) (CEvNS + nu-e)_i + b_i(theta). Dresden-II declares binned-gaussian,
/// sum ((n_i - mu_i)/sigma_i)^2, rather than Poisson because the released numbers are acceptance-corrected
/// rates whose errors combine statistics and the acceptance uncertainty (no integer counts exist to be Poisson
/// distributed); the re-analysis code the parameter table comes from uses the same least-squares form. The background
/// parameters theta are the nuisances (free, except the M/L1 ratio with its 3 % prior). The CEvNS and nu-e templates
/// of the last physics point are cached, so profiling theta at fixed physics is cheap. Not thread-safe (caches).
/// </summary>
public sealed class ReactorSpectrumLikelihood : IDatasetLikelihood
{
    private readonly ReactorSpectrumDataset _d;
    private readonly double[] _observedAll;
    private readonly int[] _analysis;
    private readonly double[][] _work;
    private readonly SpectralBackgroundModel.ShapeMemo _shapes;
    private readonly PhysicsPointMemo<(Dictionary<NeutrinoSpecies, double[]> Cevns, Dictionary<NeutrinoSpecies, double[]> ElectronScattering,
        Dictionary<NeutrinoSpecies, double[]> Migdal)> _signals;
    private readonly double[] _signal, _weights;

    public ReactorSpectrumLikelihood(ReactorSpectrumDataset dataset) : this(dataset, dataset.ObservedCounts) { }

    private ReactorSpectrumLikelihood(ReactorSpectrumDataset dataset, double[] observedAll)
    {
        _d = dataset;
        _observedAll = observedAll;
        _analysis = LikelihoodHelpers.Indices(dataset.InAnalysis);
        _work = dataset.NewWork();
        _shapes = dataset.Background.NewMemo();
        _signal = new double[dataset.Spectrum.BinCount];
        _weights = new double[dataset.Spectrum.BinCount];
        Nuisances = dataset.Background.Parameters.Select(p => new Nuisance($"{dataset.Definition.Id}.{p.Name}",
            p.HasPrior ? p.PriorCentre : p.Start, p.PriorSigma, p.Lower, p.Upper, p.Description)).ToArray();
        Observed = _analysis.Select(i => observedAll[i]).ToArray();
        _signals = new(p =>
        {
            var (cevns, es) = dataset.Signals.Predict(p);
            return (cevns, es, dataset.Signals.PredictMigdal(p));
        });
    }

    public IDataset Dataset => _d;

    public SourceKind Source => SourceKind.Reactor;

    public IReadOnlyList<Nuisance> Nuisances { get; }

    public int DataPoints => _analysis.Length;

    public bool RateOnly => false;

    public IReadOnlyList<double> Observed { get; }

    /// <summary>Errors (counts) of the observations, same layout as <see cref="Observed"/>.</summary>
    public IReadOnlyList<double> Errors => _d.Statistic.Errors(_observedAll);

    public double Chi2(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances)
    {
        FillSignal(physics, scale);
        LikelihoodHelpers.CheckNuisanceCount(this, nuisances);
        return _d.Chi2(_signal, nuisances, _observedAll, _work, default, _shapes);
    }

    /// <summary>
    /// Exact derivatives: with w_i = d chi^2 / d mu_i of the statistic on the analysis bins (-2 (n_i - mu_i) / sigma_i^2 for binned-gaussian), d/d theta = sum w db/dtheta
    /// (<see cref="SpectralBackgroundModel.AddWeightedGradient"/>) plus the priors, d/d scale component = sum_s dk_s/dc sum w S_s.
    /// </summary>
    public double Chi2WithGradient(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances,
        Span<double> nuisanceGradient, Span<double> scaleGradient)
    {
        LikelihoodGradient.Check(this, nuisances, nuisanceGradient, scaleGradient);
        FillSignal(physics, scale);
        var w = _weights.AsSpan();
        w.Clear();
        double chi2 = _d.Chi2(_signal, nuisances, _observedAll, _work, w, _shapes);
        nuisanceGradient.Clear();
        _d.Background.AddWeightedGradient(nuisances, _d.Spectrum.EdgesKeVee, _d.OnDays, w, nuisanceGradient, _shapes);
        _d.Background.AddPriorGradient(nuisances, nuisanceGradient);
        scaleGradient.Clear();
        Span<double> dk = stackalloc double[SignalScale.Components];
        var (cevns, es, migdal) = _signals.At(physics);
        foreach (var part in new[] { cevns, es, migdal })
            foreach (var (species, counts) in part)
            {
                scale.Derivatives(species, dk);
                double d = 0;
                foreach (int i in _analysis) d += w[i] * counts[i];
                for (int m = 0; m < dk.Length; m++) scaleGradient[m] += dk[m] * d;
            }
        return chi2;
    }

    /// <summary>Toys of the statistic's error model around the expectation (independent Gaussians with the released errors,
    /// Poisson counts, or correlated Gaussians of the covariance).</summary>
    public void SampleObservations(Random random, ReadOnlySpan<double> expected, Span<double> into)
    {
        if (expected.Length != _analysis.Length || into.Length != _analysis.Length)
            throw new ArgumentException($"{_d.Definition.Id}: expected {_analysis.Length} values (the analysis bins)");
        _d.Statistic.Sample(random, expected, into);
    }

    public double[] Expected(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances)
    {
        FillSignal(physics, scale);
        LikelihoodHelpers.CheckNuisanceCount(this, nuisances);
        _d.Background.Evaluate(nuisances, _d.Spectrum.EdgesKeVee, _d.OnDays, _work, _shapes);
        var result = new double[_analysis.Length];
        for (int j = 0; j < _analysis.Length; j++)
        {
            int i = _analysis[j];
            double mu = _signal[i];
            for (int k = 0; k < _work.Length - 1; k++) mu += _work[k][i];
            result[j] = mu;
        }
        return result;
    }

    public IDatasetLikelihood WithObserved(IReadOnlyList<double> observed)
    {
        if (observed.Count != _analysis.Length)
            throw new ArgumentException($"{_d.Definition.Id}: expected {_analysis.Length} observations (the analysis bins), got {observed.Count}");
        var all = (double[])_observedAll.Clone();
        for (int j = 0; j < _analysis.Length; j++)
        {
            if (!double.IsFinite(observed[j]))
                throw new ArgumentException($"{_d.Definition.Id}: observation {j} is not finite ({observed[j]})");
            all[_analysis[j]] = observed[j];
        }
        return new ReactorSpectrumLikelihood(_d, all);
    }

    /// <summary>CEvNS, nu-e scattering and (if on) Migdal of every species with the signal scale applied, into _signal.</summary>
    private void FillSignal(PhysicsParameters physics, SignalScale scale)
    {
        var (cevns, es, migdal) = _signals.At(physics);
        Array.Clear(_signal);
        LikelihoodHelpers.AddScaled(cevns, scale, _signal);
        LikelihoodHelpers.AddScaled(es, scale, _signal);
        LikelihoodHelpers.AddScaled(migdal, scale, _signal);
    }
}
