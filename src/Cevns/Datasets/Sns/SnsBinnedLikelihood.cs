using Cevns.Physics;
using Cevns.Sources.Timing;
using Cevns.Statistics;

namespace Cevns.Datasets.Sns;

/// <summary>A signal channel (CEvNS or nu-e scattering) in energy bins with its detector shape systematics:
/// for each, the nuisance index and the signal rebuilt with the response at +1 and -1 standard deviation. Optionally
/// its spread over a PSD axis, a normalisation nuisance (a factor, central 1) and per-bin relative shape systematics
/// (release +-1 sigma templates as ratios to a released nominal): the channel's counts in bin b are then multiplied by
/// n (1 + sum_k delta_k,b(theta_k)).</summary>
public sealed class SnsSignalChannel
{
    public required string Name { get; init; }
    public required BinnedSignal Nominal { get; init; }
    public IReadOnlyList<(int Nuisance, BinnedSignal Up, BinnedSignal Down)> Shapes { get; init; } = [];

    /// <summary>How the channel spreads over the PSD axis; required when the binning has one, else null.</summary>
    public PsdShape? Psd { get; init; }

    /// <summary>Index of the nuisance that scales the whole channel, or -1.</summary>
    public int NormNuisance { get; init; } = -1;

    /// <summary>Relative per-bin shape systematics of the channel (over all bins of the binning).</summary>
    public IReadOnlyList<(int Nuisance, TemplateVariation Variation)> BinShapes { get; init; } = [];

    internal bool HasFactors => NormNuisance >= 0 || BinShapes.Count > 0;
}

/// <summary>A background template over all (energy, time) bins with its normalisation nuisance (a factor, central 1)
/// and optional shape systematics (absolute changes).</summary>
public sealed class SnsBackgroundTerm
{
    public required string Name { get; init; }
    public required double[] Template { get; init; }
    public required int NormNuisance { get; init; }
    public IReadOnlyList<(int Nuisance, TemplateVariation Variation)> Shapes { get; init; } = [];
}

/// <summary>
/// Binned Poisson likelihood (Baker-Cousins via <see cref="PoissonChiSquare"/>, docs/physics.md section 9) of an SNS detector in
/// energy x time bins, for any detector whose signal factorises into energy (detector response) and time (arrival times
/// and timing efficiency, <see cref="TimingOffsetTable"/>): mu_b = sum_channels sum_species scale(s) E_s,e(theta) T_c(s),t(offset) + sum_j n_j (B_j,b +
/// sum_k Delta_jk,b(theta_k)), chi^2 = Baker-Cousins over the analysis bins + sum_k ((x_k - central_k)/sigma_k)^2.
/// Energy spectra E at the +-1 sigma detector variants are computed once per physics point (cached) and combined with
/// <see cref="TemplateInterpolation.Quadratic"/> <see cref="TemplateVariation"/>s; the timing offset (an optional nuisance)
/// interpolates precomputed time fractions; so profiling the
/// nuisances at fixed physics never rebuilds a response. With a PSD axis each channel spreads its energy counts with its
/// <see cref="PsdShape"/> instead of the plain outer product; a channel with a normalisation nuisance n or relative
/// per-bin shapes delta_k contributes n (1 + sum_k delta_k,b(theta_k)) times its counts in bin b. That factor is not
/// clamped (the argon numbers were made so): in sparse bins of the CENNS-10 templates the ratios reach -0.97 at 1 sigma,
/// so 1 + sum delta can fall below 0 at a few sigma; a bin whose total expectation then drops below
/// <see cref="PoissonChiSquare.MinimumExpectation"/> gets the rising linear continuation of <see cref="PoissonChiSquare"/>. <see cref="Observed"/> and <see cref="Expected"/> hold the analysis
/// bins only, in flat (energy-major) order. Not thread-safe: one instance per thread.
/// </summary>
public sealed class SnsBinnedLikelihood : IDatasetLikelihood
{
    private readonly EnergyTimeBinning _binning;
    private readonly int[] _analysisBins;
    private readonly double[] _observed;
    private readonly IReadOnlyList<SnsSignalChannel> _signals;
    private readonly TimingOffsetTable _time;
    private readonly int _offsetNuisance;
    private readonly IReadOnlyList<SnsBackgroundTerm> _backgrounds;
    private readonly double[] _full, _energy, _timeBuffer, _expected;
    private readonly double[] _weights, _timeSlope, _weightedTime, _weightedSlope;
    private readonly (int Nuisance, TemplateVariation Variation)[][] _backgroundShapes; // arrays: no enumerator per bin
    private readonly double[]?[] _channelSum, _channelFactor; // per channel with factors: its counts and sum_k delta_k per bin
    private readonly double[] _scratch;
    private readonly PhysicsPointMemo<Cached[]> _cache;
    private readonly string[][] _shapeNames;        // [channel][shape] name of the detector variation's template change
    private readonly int[][][] _shapeSpecies;       // [channel][shape][nominal species] that species' index in the Up and Down signals
    // All predictions of one physics point in one array: per channel the nominal (species x bins), then per detector variation
    // its Up and Down signals; _predictionOffsets[ch][0] is the nominal's offset, [1 + 2k] and [2 + 2k] variation k's.
    private readonly int[][] _predictionOffsets;
    private readonly double[] _predictions;
    // The predictions and templates of the last few physics points computed (a ring, most recent at _recentNext - 1).
    private readonly double[][] _recentPredictions;
    private readonly Cached[]?[] _recentTemplates;
    private int _recentNext;
    // The last Chi2: its templates (by reference), scale and nuisances, and its value.
    private Cached[]? _chi2Templates;
    private SignalScale _chi2Scale;
    private readonly double[] _chi2Nuisances;
    private double _chi2Value;
    // Each background's term n_j max(0, V_j) per bin, at the nuisances in _backgroundNuisances (see FillAll).
    private readonly double[][] _backgroundTerms;
    private readonly double[] _backgroundNuisances;
    private bool _backgroundTermsValid;

    private sealed record Cached(int Channel, SnsComponent Component, NeutrinoSpecies Species, double[] Nominal, (int Nuisance, TemplateVariation Variation)[] Shapes);

    public IDataset Dataset { get; }
    public SourceKind Source => SourceKind.Spallation;
    public IReadOnlyList<Nuisance> Nuisances { get; }
    public int DataPoints => _analysisBins.Length;
    public bool RateOnly => false;

    /// <summary>The source's flux-normalisation width (applied by the fit as the shared SNS flux nuisance, docs/physics.md sec. 9).</summary>
    public double? FluxNormSigma => (Dataset as ISpallationDataset)?.Source.FluxNormSigma;
    public IReadOnlyList<double> Observed => _observed;

    /// <summary>Flat indices (into the full binning) of the analysis bins, in the order of <see cref="Observed"/>.</summary>
    public IReadOnlyList<int> AnalysisBins => _analysisBins;

    public EnergyTimeBinning Binning => _binning;

    /// <param name="observedAllBins">Observed counts over the full binning (the analysis bins are picked from it).</param>
    /// <param name="time">Time fractions of the prompt and delayed neutrinos.</param>
    /// <param name="timingOffsetNuisance">Index of the nuisance that shifts the arrival times (us), or -1 for none.</param>
    public SnsBinnedLikelihood(IDataset dataset, EnergyTimeBinning binning, bool[] inAnalysis, IReadOnlyList<double> observedAllBins,
        IReadOnlyList<Nuisance> nuisances, IReadOnlyList<SnsSignalChannel> signals, TimingOffsetTable time, int timingOffsetNuisance,
        IReadOnlyList<SnsBackgroundTerm> backgrounds)
        : this(dataset, binning, LikelihoodHelpers.Indices(inAnalysis), PickAnalysis(binning, inAnalysis, observedAllBins), nuisances, signals,
            time, timingOffsetNuisance, backgrounds)
    {
    }

    private SnsBinnedLikelihood(IDataset dataset, EnergyTimeBinning binning, int[] analysisBins, double[] observed, IReadOnlyList<Nuisance> nuisances,
        IReadOnlyList<SnsSignalChannel> signals, TimingOffsetTable time, int timingOffsetNuisance, IReadOnlyList<SnsBackgroundTerm> backgrounds)
    {
        Dataset = dataset;
        _binning = binning;
        _analysisBins = analysisBins;
        _observed = observed;
        Nuisances = nuisances;
        _signals = signals;
        _time = time;
        _offsetNuisance = timingOffsetNuisance;
        _backgrounds = backgrounds;
        _backgroundShapes = backgrounds.Select(b => b.Shapes.ToArray()).ToArray();
        foreach (var ch in signals)
        {
            if ((ch.Psd is null) != (binning.Psd is null))
                throw new ArgumentException($"signal {ch.Name}: a PSD shape is needed exactly when the binning has a PSD axis");
            if (ch.Psd is not null && (ch.Psd.EnergyBins != binning.EnergyBins || ch.Psd.PsdBins != binning.PsdBins || ch.Psd.TimeBins != binning.TimeBins))
                throw new ArgumentException($"signal {ch.Name}: its PSD shape is not on the binning's grid");
            if (ch.NormNuisance >= nuisances.Count || ch.BinShapes.Any(x => x.Nuisance < 0 || x.Nuisance >= nuisances.Count || x.Variation.BinCount != binning.Count))
                throw new ArgumentException($"signal {ch.Name}: invalid normalisation or per-bin shape nuisance");
        }
        _channelSum = signals.Select(c => c.HasFactors ? new double[binning.Count] : null).ToArray();
        _channelFactor = signals.Select(c => c.HasFactors ? new double[binning.Count] : null).ToArray();
        _scratch = new double[binning.Count];
        _shapeNames = signals.Select(c => c.Shapes.Select(x => $"{c.Name}.{nuisances[x.Nuisance].Name}").ToArray()).ToArray();
        _shapeSpecies = signals.Select(c => c.Shapes.Select(x => c.Nominal.Species.Select(sp => SpeciesIndex(c, x.Up, sp) == SpeciesIndex(c, x.Down, sp)
            ? SpeciesIndex(c, x.Up, sp)
            : throw new ArgumentException($"signal {c.Name}: its detector variants list the species in different orders")).ToArray()).ToArray()).ToArray();
        int total = 0;
        _predictionOffsets = signals.Select(c =>
        {
            var offsets = new int[1 + 2 * c.Shapes.Count];
            offsets[0] = total;
            total += c.Nominal.SpeciesCount * c.Nominal.BinCount;
            for (int k = 0; k < c.Shapes.Count; k++)
            {
                offsets[1 + 2 * k] = total;
                total += c.Shapes[k].Up.SpeciesCount * c.Shapes[k].Up.BinCount;
                offsets[2 + 2 * k] = total;
                total += c.Shapes[k].Down.SpeciesCount * c.Shapes[k].Down.BinCount;
            }
            return offsets;
        }).ToArray();
        _predictions = new double[total];
        _recentPredictions = Enumerable.Range(0, RecentPoints).Select(_ => new double[total]).ToArray();
        _recentTemplates = new Cached[]?[RecentPoints];
        _chi2Nuisances = new double[nuisances.Count];
        _backgroundTerms = backgrounds.Select(_ => new double[binning.Count]).ToArray();
        _backgroundNuisances = new double[nuisances.Count];
        if (timingOffsetNuisance >= nuisances.Count)
            throw new ArgumentOutOfRangeException(nameof(timingOffsetNuisance), timingOffsetNuisance, $"timing-offset nuisance must be -1 or below {nuisances.Count}");
        _cache = new PhysicsPointMemo<Cached[]>(Templates);
        foreach (var b in backgrounds)
            if (b.Template.Length != binning.Count || b.NormNuisance < 0 || b.NormNuisance >= nuisances.Count)
                throw new ArgumentException($"background {b.Name}: template must have {binning.Count} bins and a valid normalisation nuisance");
        _full = new double[binning.Count];
        _energy = new double[binning.EnergyBins];
        _timeBuffer = new double[binning.TimeBins];
        _expected = new double[analysisBins.Length];
        _weights = new double[binning.Count];
        _timeSlope = new double[binning.TimeBins];
        _weightedTime = new double[binning.EnergyBins];
        _weightedSlope = new double[binning.EnergyBins];
    }

    private static double[] PickAnalysis(EnergyTimeBinning binning, bool[] inAnalysis, IReadOnlyList<double> all)
    {
        if (inAnalysis.Length != binning.Count || all.Count != binning.Count)
            throw new ArgumentException($"analysis mask and observations must cover the {binning.Count} bins");
        return Enumerable.Range(0, binning.Count).Where(i => inAnalysis[i]).Select(i => all[i]).ToArray();
    }

    /// <summary>How many times the physics-dependent templates were computed (once per new physics point; for tests and benchmarks).</summary>
    internal int TemplateComputations => _cache.Computations;

    /// <summary>Nuisances at their central values.</summary>
    public double[] CentralNuisances() => LikelihoodHelpers.Centrals(Nuisances);

    private static int SpeciesIndex(SnsSignalChannel channel, BinnedSignal variant, NeutrinoSpecies species)
    {
        for (int s = 0; s < variant.SpeciesCount; s++)
            if (variant.Species[s] == species) return s;
        throw new ArgumentException($"signal {channel.Name}: a detector variant has no {species} spectrum");
    }

    /// <summary>Physics points whose predictions are kept to recognise a repeat (<see cref="Templates"/>).</summary>
    private const int RecentPoints = 4;

    /// <summary>
    /// Nominal energy spectra per channel and species at a physics point (species in the order of the nominal signal's
    /// <see cref="BinnedSignal.Species"/>), with their detector variations. The spectra go through
    /// <see cref="BinnedSignal.PredictInto"/> into one buffer; when they equal, bit for bit, those of one of the last few points
    /// (a parameter the signals do not depend on moved, as in the finite differences of a joint fit in another dataset's
    /// parameters), that point's templates are returned (the same numbers, and <see cref="Chi2"/> recognises them).
    /// </summary>
    private Cached[] Templates(PhysicsParameters physics)
    {
        var all = _predictions.AsSpan();
        for (int ch = 0; ch < _signals.Count; ch++)
        {
            var channel = _signals[ch];
            var offsets = _predictionOffsets[ch];
            channel.Nominal.PredictInto(physics, all.Slice(offsets[0], channel.Nominal.SpeciesCount * channel.Nominal.BinCount));
            for (int k = 0; k < channel.Shapes.Count; k++)
            {
                var (_, up, down) = channel.Shapes[k];
                up.PredictInto(physics, all.Slice(offsets[1 + 2 * k], up.SpeciesCount * up.BinCount));
                down.PredictInto(physics, all.Slice(offsets[2 + 2 * k], down.SpeciesCount * down.BinCount));
            }
        }
        for (int i = 1; i <= RecentPoints; i++)
        {
            int slot = (_recentNext - i + RecentPoints) % RecentPoints;
            if (_recentTemplates[slot] is { } recent && Bitwise.Equal(all, _recentPredictions[slot]))
                return recent;
        }
        var templates = BuildTemplates(all);
        all.CopyTo(_recentPredictions[_recentNext]);
        _recentTemplates[_recentNext] = templates;
        _recentNext = (_recentNext + 1) % RecentPoints;
        return templates;
    }

    /// <summary>The templates from the predictions of one physics point (laid out as <see cref="_predictionOffsets"/> says).</summary>
    private Cached[] BuildTemplates(ReadOnlySpan<double> all)
    {
        int count = 0;
        foreach (var channel in _signals) count += channel.Nominal.SpeciesCount;
        var cache = new Cached[count];
        int next = 0;
        for (int ch = 0; ch < _signals.Count; ch++)
        {
            var channel = _signals[ch];
            var offsets = _predictionOffsets[ch];
            int ns = channel.Nominal.SpeciesCount, nb = channel.Nominal.BinCount;
            var nominal = all.Slice(offsets[0], ns * nb);
            var first = next;
            for (int s = 0; s < ns; s++)
            {
                var species = channel.Nominal.Species[s];
                cache[next++] = new Cached(ch, species.TimingComponent(), species, nominal.Slice(s * nb, nb).ToArray(),
                    new (int, TemplateVariation)[channel.Shapes.Count]);
            }
            for (int k = 0; k < channel.Shapes.Count; k++)
            {
                var (nuisance, up, down) = channel.Shapes[k];
                var upCounts = all.Slice(offsets[1 + 2 * k], up.SpeciesCount * up.BinCount);
                var downCounts = all.Slice(offsets[2 + 2 * k], down.SpeciesCount * down.BinCount);
                for (int s = 0; s < ns; s++)
                {
                    var c = cache[first + s];
                    int v = _shapeSpecies[ch][k][s];
                    c.Shapes[k] = (nuisance, TemplateVariation.Absolute(_shapeNames[ch][k], c.Nominal, upCounts.Slice(v * up.BinCount, up.BinCount),
                        downCounts.Slice(v * down.BinCount, down.BinCount), TemplateInterpolation.Quadratic));
                }
            }
        }
        return cache;
    }

    /// <summary>Expected counts over all bins into <see cref="_full"/>.</summary>
    private void FillAll(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances, int onlyChannel = -1, bool backgrounds = true)
    {
        LikelihoodHelpers.CheckNuisanceCount(this, nuisances);
        var cache = _cache.At(physics);
        var full = _full.AsSpan();
        full.Clear();
        var energy = _energy.AsSpan();
        var time = _timeBuffer.AsSpan();
        double offsetUs = _offsetNuisance >= 0 ? nuisances[_offsetNuisance] : 0.0;
        for (int ch = 0; ch < _signals.Count; ch++)
        {
            if (onlyChannel >= 0 && ch != onlyChannel) continue;
            var channel = _signals[ch];
            var target = channel.HasFactors ? _channelSum[ch].AsSpan() : full;
            if (channel.HasFactors) target.Clear();
            foreach (var c in cache)
            {
                if (c.Channel != ch) continue;
                double k = scale.For(c.Species);
                if (k == 0) continue;
                c.Nominal.CopyTo(energy);
                foreach (var (n, variation) in c.Shapes)
                    variation.AddChange(nuisances[n], energy);
                for (int e = 0; e < energy.Length; e++) energy[e] = Math.Max(0, energy[e]);
                _time.Fractions(c.Component, offsetUs, time);
                if (channel.Psd is null) _binning.AddOuter(energy, time, k, target);
                else channel.Psd.AddSpread(energy, time, k, target);
            }
            if (channel.HasFactors) AddWithFactors(ch, nuisances, full);
        }
        if (!backgrounds) return;
        // The background terms depend on the nuisances alone: the physics-parameter differences of a fit (several physics
        // points at the same nuisances) add the terms kept from the last call, the same numbers in the same order.
        if (!_backgroundTermsValid || !Bitwise.Equal(nuisances, _backgroundNuisances))
        {
            BackgroundTerms(nuisances);
            nuisances.CopyTo(_backgroundNuisances);
            _backgroundTermsValid = true;
        }
        foreach (var terms in _backgroundTerms)
            for (int i = 0; i < full.Length; i++) full[i] += terms[i];
    }

    /// <summary>Each background's expectation per bin, n_j max(0, B_j + sum_k Delta_jk(theta_k)) (n_j B_j without shapes), into
    /// <see cref="_backgroundTerms"/>.</summary>
    private void BackgroundTerms(ReadOnlySpan<double> nuisances)
    {
        for (int j = 0; j < _backgrounds.Count; j++)
        {
            var b = _backgrounds[j];
            var shapes = _backgroundShapes[j];
            double norm = nuisances[b.NormNuisance];
            var t = b.Template;
            var terms = _backgroundTerms[j];
            if (shapes.Length == 0)
            {
                for (int i = 0; i < terms.Length; i++) terms[i] = norm * t[i];
                continue;
            }
            for (int i = 0; i < terms.Length; i++)
            {
                double v = t[i];
                foreach (var (n, variation) in shapes) v += variation.Change(i, nuisances[n]);
                terms[i] = norm * Math.Max(0, v);
            }
        }
    }

    /// <summary>full += n (1 + F) S for a channel with factors (S its counts, F the sum of its relative bin changes).</summary>
    private void AddWithFactors(int ch, ReadOnlySpan<double> nuisances, Span<double> full)
    {
        var channel = _signals[ch];
        var sum = _channelSum[ch]!;
        var factor = _channelFactor[ch].AsSpan();
        factor.Clear();
        foreach (var (n, variation) in channel.BinShapes) variation.AddChange(nuisances[n], factor);
        double norm = channel.NormNuisance >= 0 ? nuisances[channel.NormNuisance] : 1.0;
        for (int i = 0; i < full.Length; i++) full[i] += norm * sum[i] * (1 + factor[i]);
    }

    private void Gather(Span<double> mu)
    {
        for (int j = 0; j < _analysisBins.Length; j++) mu[j] = _full[_analysisBins[j]];
    }

    /// <summary>
    /// Baker-Cousins chi^2 plus the nuisance pulls. A call with the templates of the last call (the same object: the same
    /// predictions, <see cref="Templates"/>), the same scale and the same nuisances, bit for bit, returns the last value: the
    /// same inputs of the same computation.
    /// </summary>
    public double Chi2(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances)
    {
        LikelihoodHelpers.CheckNuisanceCount(this, nuisances);
        var templates = _cache.At(physics);
        if (ReferenceEquals(templates, _chi2Templates) && SameBits(scale, _chi2Scale)
            && Bitwise.Equal(nuisances, _chi2Nuisances))
            return _chi2Value;
        FillAll(physics, scale, nuisances);
        Gather(_expected);
        double chi2 = LikelihoodHelpers.AddPulls(PoissonChiSquare.Sum(_observed, _expected), Nuisances, nuisances);
        _chi2Templates = templates;
        _chi2Scale = scale;
        nuisances.CopyTo(_chi2Nuisances);
        _chi2Value = chi2;
        return chi2;
    }

    private static bool SameBits(SignalScale a, SignalScale b) =>
        BitConverter.DoubleToInt64Bits(a.NormE) == BitConverter.DoubleToInt64Bits(b.NormE)
        && BitConverter.DoubleToInt64Bits(a.NormMu) == BitConverter.DoubleToInt64Bits(b.NormMu)
        && BitConverter.DoubleToInt64Bits(a.FluxNorm) == BitConverter.DoubleToInt64Bits(b.FluxNorm)
        && BitConverter.DoubleToInt64Bits(a.SignalNorm) == BitConverter.DoubleToInt64Bits(b.SignalNorm);

    /// <summary>
    /// Exact derivatives. With w = d chi^2 / d mu on the analysis bins (0 elsewhere), for each signal template
    /// k_s E_e(theta) T_t(offset): d/d theta = k_s sum_e dE_e/dtheta sum_t w_et T_t, d/d offset = k_s sum_e E_e sum_t w_et dT_t/d offset,
    /// d/d scale component = dk_s/dc sum_e E_e sum_t w_et T_t; for each background n_j max(0, V_j): d/d n_j = sum w max(0, V_j),
    /// d/d theta = n_j sum_{V_j &gt; 0} w dV_j/dtheta. Clamped values (E or V cut at 0) have zero slope. With a PSD axis the
    /// sums over t run over (PSD, time) with the channel's <see cref="PsdShape"/>; a channel with factors n (1 + F) sees the
    /// weights w n (1 + F) (<see cref="ChannelWeights"/>). At the kink of a piecewise-linear template (theta = 0) the mean
    /// of both slopes is used (<see cref="TemplateVariation.Slope"/>).
    /// </summary>
    public double Chi2WithGradient(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances,
        Span<double> nuisanceGradient, Span<double> scaleGradient)
    {
        LikelihoodGradient.Check(this, nuisances, nuisanceGradient, scaleGradient);
        FillAll(physics, scale, nuisances);
        Gather(_expected);
        double chi2 = PoissonChiSquare.Sum(_observed, _expected);
        var w = _weights.AsSpan();
        w.Clear();
        for (int j = 0; j < _analysisBins.Length; j++)
            w[_analysisBins[j]] = PoissonChiSquare.Derivative(_observed[j], _expected[j]);
        nuisanceGradient.Clear();
        scaleGradient.Clear();
        Span<double> dk = stackalloc double[SignalScale.Components];
        int offset = _offsetNuisance;
        double offsetUs = offset >= 0 ? nuisances[offset] : 0.0;
        var cache = _cache.At(physics);
        for (int ch = 0; ch < _signals.Count; ch++)
        {
            var channel = _signals[ch];
            ReadOnlySpan<double> wc = channel.HasFactors ? ChannelWeights(ch, nuisances, w, nuisanceGradient) : w;
            foreach (var c in cache)
            {
                if (c.Channel != ch) continue;
                AddSignalGradient(c, channel, wc, scale, nuisances, offset, offsetUs, nuisanceGradient, scaleGradient, dk);
            }
        }
        AddBackgroundGradients(w, nuisances, nuisanceGradient);
        return chi2 + LikelihoodGradient.AddPulls(Nuisances, nuisances, nuisanceGradient);
    }

    /// <summary>
    /// For a channel with factors n (1 + F): adds d chi^2/d n = sum_b w_b S_b (1 + F_b) and d/d theta_k = n sum_b w_b S_b
    /// d delta_k,b/d theta_k, and returns the weights w_b n (1 + F_b) that its energy, time and scale derivatives see.
    /// </summary>
    private ReadOnlySpan<double> ChannelWeights(int ch, ReadOnlySpan<double> nuisances, ReadOnlySpan<double> w, Span<double> nuisanceGradient)
    {
        var channel = _signals[ch];
        var sum = _channelSum[ch]!;
        var factor = _channelFactor[ch]!;
        double norm = channel.NormNuisance >= 0 ? nuisances[channel.NormNuisance] : 1.0;
        var ws = _scratch.AsSpan();
        for (int i = 0; i < ws.Length; i++) ws[i] = w[i] * sum[i];
        foreach (var (n, variation) in channel.BinShapes)
            nuisanceGradient[n] += norm * variation.WeightedSlope(nuisances[n], ws);
        double dNorm = 0;
        for (int i = 0; i < ws.Length; i++)
        {
            double wf = w[i] * (1 + factor[i]);
            dNorm += wf * sum[i];
            ws[i] = norm * wf;
        }
        if (channel.NormNuisance >= 0) nuisanceGradient[channel.NormNuisance] += dNorm;
        return ws;
    }

    /// <summary>Derivatives of one signal template k_s E_e(theta) shape(t) (see <see cref="Chi2WithGradient"/>) with bin weights w.</summary>
    private void AddSignalGradient(Cached c, SnsSignalChannel channel, ReadOnlySpan<double> w, SignalScale scale, ReadOnlySpan<double> nuisances,
        int offset, double offsetUs, Span<double> nuisanceGradient, Span<double> scaleGradient, Span<double> dk)
    {
        int ne = _binning.EnergyBins, nt = _binning.TimeBins;
        var energy = _energy.AsSpan();
        var time = _timeBuffer.AsSpan();
        var slope = _timeSlope.AsSpan();
        var wt = _weightedTime.AsSpan();   // sum_t w_et T_t
        var wd = _weightedSlope.AsSpan();  // sum_t w_et dT_t/d offset
        double k = scale.For(c.Species);
        c.Nominal.CopyTo(energy);
        foreach (var (n, variation) in c.Shapes)
            variation.AddChange(nuisances[n], energy);
        _time.Fractions(c.Component, offsetUs, time);
        if (offset >= 0) _time.FractionDerivatives(c.Component, offsetUs, slope);
        double sumET = 0, sumED = 0;
        if (channel.Psd is null)
        {
            for (int e = 0; e < ne; e++)
            {
                var row = w.Slice(e * nt, nt);
                double a = 0, b = 0;
                for (int t = 0; t < nt; t++)
                {
                    a += row[t] * time[t];
                    if (offset >= 0) b += row[t] * slope[t];
                }
                wt[e] = a;
                wd[e] = b;
                double ee = Math.Max(0, energy[e]);
                sumET += ee * a;
                sumED += ee * b;
            }
        }
        else
        {
            channel.Psd.WeightedSums(w, time, slope, offset >= 0, wt, wd);
            for (int e = 0; e < ne; e++)
            {
                double ee = Math.Max(0, energy[e]);
                sumET += ee * wt[e];
                sumED += ee * wd[e];
            }
        }
        scale.Derivatives(c.Species, dk);
        for (int m = 0; m < dk.Length; m++) scaleGradient[m] += dk[m] * sumET;
        if (k == 0) return;
        if (offset >= 0) nuisanceGradient[offset] += k * sumED;
        foreach (var (n, variation) in c.Shapes)
        {
            double d = 0;
            for (int e = 0; e < ne; e++)
                if (energy[e] > 0) d += variation.Slope(e, nuisances[n]) * wt[e];
            nuisanceGradient[n] += k * d;
        }
    }

    /// <summary>Derivatives of the background terms n_j max(0, V_j) with bin weights w.</summary>
    private void AddBackgroundGradients(ReadOnlySpan<double> w, ReadOnlySpan<double> nuisances, Span<double> nuisanceGradient)
    {
        for (int j = 0; j < _backgrounds.Count; j++)
        {
            var b = _backgrounds[j];
            var shapes = _backgroundShapes[j];
            double norm = nuisances[b.NormNuisance];
            var t = b.Template;
            double dNorm = 0;
            if (shapes.Length == 0)
            {
                for (int i = 0; i < t.Length; i++) dNorm += w[i] * t[i];
                nuisanceGradient[b.NormNuisance] += dNorm;
                continue;
            }
            for (int i = 0; i < t.Length; i++)
            {
                if (w[i] == 0) continue;
                double v = t[i];
                foreach (var (n, variation) in shapes) v += variation.Change(i, nuisances[n]);
                if (v <= 0) continue;
                dNorm += w[i] * v;
                foreach (var (n, variation) in shapes) nuisanceGradient[n] += norm * w[i] * variation.Slope(i, nuisances[n]);
            }
            nuisanceGradient[b.NormNuisance] += dNorm;
        }
    }

    public double[] Expected(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances)
    {
        FillAll(physics, scale, nuisances);
        var mu = new double[DataPoints];
        Gather(mu);
        return mu;
    }

    /// <summary>Expected counts over the full binning (analysis and other bins), e.g. for plots.</summary>
    public double[] ExpectedAllBins(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances)
    {
        FillAll(physics, scale, nuisances);
        return (double[])_full.Clone();
    }

    /// <summary>Expectation of one signal channel (0 = the first, CEvNS) summed over the analysis bins: the fitted signal count.</summary>
    public double SignalInAnalysis(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances, int channel = 0)
    {
        if (channel < 0 || channel >= _signals.Count)
            throw new ArgumentOutOfRangeException(nameof(channel), channel, $"signal channel must lie in [0, {_signals.Count - 1}]");
        FillAll(physics, scale, nuisances, channel, backgrounds: false);
        double sum = 0;
        foreach (int i in _analysisBins) sum += _full[i];
        return sum;
    }

    /// <summary>One background's expectation summed over the analysis bins at the given nuisances.</summary>
    public double BackgroundInAnalysis(string name, ReadOnlySpan<double> nuisances)
    {
        var b = _backgrounds.FirstOrDefault(x => x.Name == name)
                ?? throw new ArgumentException($"no background '{name}' (known: {string.Join(", ", _backgrounds.Select(x => x.Name))})", nameof(name));
        double sum = 0;
        foreach (int i in _analysisBins)
        {
            double v = b.Template[i];
            foreach (var (n, variation) in b.Shapes) v += variation.Change(i, nuisances[n]);
            sum += nuisances[b.NormNuisance] * Math.Max(0, v);
        }
        return sum;
    }

    public IDatasetLikelihood WithObserved(IReadOnlyList<double> observed)
    {
        if (observed.Count != DataPoints)
            throw new ArgumentException($"{Dataset.Definition.Id}: expected {DataPoints} observed analysis bins, got {observed.Count}", nameof(observed));
        return new SnsBinnedLikelihood(Dataset, _binning, _analysisBins, observed.ToArray(), Nuisances, _signals, _time, _offsetNuisance, _backgrounds);
    }
}
