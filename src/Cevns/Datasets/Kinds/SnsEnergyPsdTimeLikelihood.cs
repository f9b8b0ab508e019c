using Cevns.Physics;
using Cevns.Statistics;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// Binned Poisson likelihood (Baker-Cousins, docs/physics.md section 9) of an <see cref="SnsEnergyPsdTimeDataset"/> over all
/// its energy x PSD x time bins, in the way of the CENNS-10 release (companion Tables 2 and 3):
/// mu_b = n_det S_b (1 + sum_k delta_k,b(theta_k)) + sum_j n_j (B_j,b + sum_k Delta_k,b(theta_k)), where S_b is our CEvNS
/// prediction scaled per species by the shared <see cref="SignalScale"/>, n_det the detector-side signal normalisation,
/// B_j the released background PDFs with normalisations n_j (Gaussian priors with the released widths), and theta_k the
/// shape systematics (unit Gaussian priors; release templates, <see cref="TemplateVariation"/>).
/// Nuisance order: signal_detector_norm, one &lt;background&gt;_norm per background, one per shape systematic.
/// The CEvNS prediction of the last physics point is cached, so profiling nuisances costs only the recombination.
/// Not thread-safe (one instance per thread).
/// </summary>
public sealed class SnsEnergyPsdTimeLikelihood : IDatasetLikelihood
{
    private readonly SnsEnergyPsdTimeDataset _dataset;
    private readonly double[] _observed;
    private readonly string[] _backgroundKeys;
    private readonly double[][] _backgrounds;
    private readonly (int Component, TemplateVariation Variation)[] _shapes; // component -1 = CEvNS, else background index
    private readonly double[] _signal, _expected, _bkg, _factor, _weights;
    private readonly PhysicsPointMemo<Dictionary<NeutrinoSpecies, double[]>> _cevns;

    public IDataset Dataset => _dataset;
    public SourceKind Source => SourceKind.Spallation;
    public IReadOnlyList<Nuisance> Nuisances { get; }
    public int DataPoints => _observed.Length;
    public bool RateOnly => false;

    /// <summary>
    /// The source's flux-normalisation width, applied by the fit as the shared SNS flux nuisance (docs/physics.md sec. 9);
    /// signal_detector_norm carries only the detector part of the signal uncertainty, so nothing is counted twice.
    /// </summary>
    public double? FluxNormSigma => _dataset.Source.FluxNormSigma;
    public IReadOnlyList<double> Observed => _observed;

    public SnsEnergyPsdTimeLikelihood(SnsEnergyPsdTimeDataset dataset, IReadOnlyList<double> observed)
    {
        if (observed.Count != dataset.BinCount)
            throw new ArgumentException($"{dataset.Definition.Id}: expected {dataset.BinCount} observed bins, got {observed.Count}", nameof(observed));
        _dataset = dataset;
        _observed = observed.ToArray();
        _backgroundKeys = dataset.Backgrounds.Keys.ToArray();
        _backgrounds = _backgroundKeys.Select(k => dataset.Backgrounds[k]).ToArray();
        _shapes = dataset.ShapeSystematics.Select(s => (s.Component == "cevns" ? -1 : Array.IndexOf(_backgroundKeys, s.Component), s.Variation)).ToArray();
        string id = dataset.Definition.Id;
        var n = new List<Nuisance>
        {
            new($"{id}.signal_detector_norm", 1, dataset.SignalDetectorSigma, dataset.SignalDetectorRange.Lower, dataset.SignalDetectorRange.Upper, "CEvNS normalisation from the detector (QF, efficiency, mass, form factor)"),
        };
        foreach (var k in _backgroundKeys)
            n.Add(new($"{id}.{k}_norm", 1, dataset.BackgroundPriorSigma[k], dataset.BackgroundRange[k].Lower, dataset.BackgroundRange[k].Upper, $"normalisation of {dataset.BackgroundLabels[k]} relative to the release"));
        foreach (var s in dataset.ShapeSystematics)
            n.Add(new($"{id}.{s.Name}", 0, 1, -s.RangeSigmas, s.RangeSigmas, $"shape systematic of {s.Component} (release +-1 sigma templates)"));
        Nuisances = n;
        _signal = new double[DataPoints];
        _expected = new double[DataPoints];
        _bkg = new double[DataPoints];
        _factor = new double[DataPoints];
        _weights = new double[DataPoints];
        _cevns = new(dataset.Cevns);
    }

    private void Fill(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances, Span<double> mu)
    {
        LikelihoodHelpers.CheckNuisanceCount(this, nuisances);
        var signal = _signal.AsSpan();
        signal.Clear();
        LikelihoodHelpers.AddScaled(_cevns.At(physics), scale, signal);
        var factor = _factor.AsSpan(); // the CEvNS relative change F
        factor.Clear();
        int first = 1 + _backgrounds.Length;
        for (int k = 0; k < _shapes.Length; k++)
            if (_shapes[k].Component < 0) _shapes[k].Variation.AddChange(nuisances[first + k], factor);
        double det = nuisances[0];
        for (int i = 0; i < mu.Length; i++) mu[i] = det * signal[i] * (1 + factor[i]);
        for (int j = 0; j < _backgrounds.Length; j++)
        {
            var b = Background(j, nuisances);
            double norm = nuisances[1 + j];
            for (int i = 0; i < mu.Length; i++) mu[i] += norm * b[i];
        }
    }

    /// <summary>Background j with its shape changes at the nuisances (in the shared buffer).</summary>
    private ReadOnlySpan<double> Background(int j, ReadOnlySpan<double> nuisances)
    {
        var b = _bkg.AsSpan();
        _backgrounds[j].CopyTo(b);
        int first = 1 + _backgrounds.Length;
        for (int k = 0; k < _shapes.Length; k++)
            if (_shapes[k].Component == j) _shapes[k].Variation.AddChange(nuisances[first + k], b);
        return b;
    }

    /// <summary>
    /// Exact derivatives: with w_i = d chi^2 / d mu_i (Baker-Cousins) and mu = n_det S (1 + F) + sum_j n_j V_j,
    /// d/d n_det = sum w S (1 + F), d/d theta (CEvNS shape) = n_det sum w S dF/dtheta, d/d n_j = sum w V_j,
    /// d/d theta (shape of j) = n_j sum w dV_j/dtheta, d/d scale component = n_det sum w (1 + F) sum_s (dk_s/dc) S_s.
    /// At the kink of a piecewise-linear template (theta = 0) the mean of both slopes is used.
    /// </summary>
    public double Chi2WithGradient(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances,
        Span<double> nuisanceGradient, Span<double> scaleGradient)
    {
        LikelihoodGradient.Check(this, nuisances, nuisanceGradient, scaleGradient);
        Fill(physics, scale, nuisances, _expected);
        double chi2 = PoissonChiSquare.Sum(_observed, _expected);
        var w = _weights.AsSpan();
        for (int i = 0; i < w.Length; i++) w[i] = PoissonChiSquare.Derivative(_observed[i], _expected[i]);
        nuisanceGradient.Clear();
        double det = nuisances[0];
        int first = 1 + _backgrounds.Length;
        // w (1 + F) in the expectation buffer (no longer needed), then its products with the signal.
        var wf = _expected.AsSpan();
        double dDet = 0;
        for (int i = 0; i < w.Length; i++)
        {
            wf[i] = w[i] * (1 + _factor[i]);
            dDet += wf[i] * _signal[i];
        }
        nuisanceGradient[0] = dDet;
        var ws = _factor.AsSpan(); // w S, for the CEvNS shape slopes
        for (int i = 0; i < w.Length; i++) ws[i] = w[i] * _signal[i];
        for (int k = 0; k < _shapes.Length; k++)
            if (_shapes[k].Component < 0)
                nuisanceGradient[first + k] = det * _shapes[k].Variation.WeightedSlope(nuisances[first + k], ws);
        for (int j = 0; j < _backgrounds.Length; j++)
        {
            var b = Background(j, nuisances);
            double d = 0;
            for (int i = 0; i < w.Length; i++) d += w[i] * b[i];
            nuisanceGradient[1 + j] = d;
            for (int k = 0; k < _shapes.Length; k++)
                if (_shapes[k].Component == j)
                    nuisanceGradient[first + k] = nuisances[1 + j] * _shapes[k].Variation.WeightedSlope(nuisances[first + k], w);
        }
        scaleGradient.Clear();
        Span<double> dk = stackalloc double[SignalScale.Components];
        foreach (var (s, c) in _cevns.At(physics))
        {
            scale.Derivatives(s, dk);
            double d = 0;
            for (int i = 0; i < c.Length; i++) d += wf[i] * c[i];
            for (int m = 0; m < dk.Length; m++) scaleGradient[m] += det * dk[m] * d;
        }
        return chi2 + LikelihoodGradient.AddPulls(Nuisances, nuisances, nuisanceGradient);
    }

    public double Chi2(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances)
    {
        Fill(physics, scale, nuisances, _expected);
        return LikelihoodHelpers.AddPulls(PoissonChiSquare.Sum(_observed, _expected), Nuisances, nuisances);
    }

    public double[] Expected(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances)
    {
        var mu = new double[DataPoints];
        Fill(physics, scale, nuisances, mu);
        for (int i = 0; i < mu.Length; i++) mu[i] = Math.Max(0, mu[i]);
        return mu;
    }

    /// <summary>Nuisances at their central values.</summary>
    public double[] CentralNuisances() => LikelihoodHelpers.Centrals(Nuisances);

    public IDatasetLikelihood WithObserved(IReadOnlyList<double> observed) => new SnsEnergyPsdTimeLikelihood(_dataset, observed);
}
