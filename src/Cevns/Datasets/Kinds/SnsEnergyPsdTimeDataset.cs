using Cevns.Data;
using Cevns.Datasets.Sns;
using Cevns.Detectors;
using Cevns.Physics;
using Cevns.Sources.Timing;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// Kind <c>sns-energy-psd-time</c>: an SNS scintillator with a pulse-shape (PSD) axis, binned in reconstructed energy x
/// PSD x arrival time, whose collaboration released 3-D signal and background PDFs and data on that grid (CENNS-10 Ar,
/// COHERENT PRL 126 (2021) 012002; release arXiv:2006.12659). Following the release companion's recipe (section 5)
/// the CEvNS counts per energy bin are computed here (flux x cross section x quenching, resolution, efficiency); the
/// PSD shape per energy bin is the release signal PDF's; the time shape is either our arrival-time model per species
/// (<c>shapes.time: model</c>, needed to separate prompt nu_mu from delayed nu_e / anti-nu_mu) or the release PDF's
/// (<c>release</c>). Backgrounds are the release PDFs with their normalisations; observations the release data.
/// Nuisances (section systematics, in likelihood order): signal_detector_norm { type: norm, signal: cevns, sigma },
/// &lt;background&gt;_norm { type: norm, background, sigma } per background, then { type: template-shape, component,
/// plus, minus } templates. Optional ranges as in sns-energy-time: range: [lo, hi] on a norm (default [0, 5] for the
/// signal, [0, 20] for a background), range_sigmas on a shape (default 5).
/// Layout of every per-bin array: energy-major, then PSD, then time (time fastest), as in the release files.
/// </summary>
public sealed class SnsEnergyPsdTimeDataset : ISpallationDataset, ILikelihoodProvider
{
    public const string KindName = "sns-energy-psd-time";

    private readonly BinnedSignal _energy;
    private readonly double[][] _psdShape;          // [energy][psd], sums to 1 per energy bin
    private readonly double[][]? _releaseShape;     // [energy][psd * nT + t], for shapes.time = release
    private readonly AnalysisBin[] _bins;
    private readonly bool[] _inAnalysis;

    public DatasetDefinition Definition { get; }
    public SnsSource Source { get; }
    /// <summary>Time fractions of the prompt and delayed neutrinos (arrival-time model, no timing efficiency).</summary>
    public TimingOffsetTable Timing { get; }
    public SignalIntegration Integration { get; }
    public IReadOnlyList<double> EnergyEdgesKeVee { get; }
    public IReadOnlyList<double> PsdEdges { get; }
    public IReadOnlyList<double> TimeEdgesUs { get; }
    public string PsdName { get; }
    public bool TimeFromModel { get; }
    /// <summary>The release's CEvNS PDF (its central prediction), same layout as the bins.</summary>
    public IReadOnlyList<double> ReleaseSignalPdf { get; }
    /// <summary>Background PDFs by key (definition <c>backgrounds:</c>), normalised as released.</summary>
    public IReadOnlyDictionary<string, double[]> Backgrounds { get; }
    public IReadOnlyDictionary<string, string> BackgroundLabels { get; }
    public IReadOnlyList<double> Observed { get; }
    /// <summary>Background prior widths (relative) by key.</summary>
    public IReadOnlyDictionary<string, double> BackgroundPriorSigma { get; }
    /// <summary>Shape systematics of the likelihood (definition <c>systematics</c> of type template-shape), read at build time.</summary>
    public IReadOnlyList<ShapeSystematic> ShapeSystematics { get; }
    /// <summary>Relative prior width of the detector-side CEvNS normalisation (<c>systematics.signal_detector_norm.sigma</c>).</summary>
    public double SignalDetectorSigma { get; }
    /// <summary>Allowed interval of signal_detector_norm (its <c>range</c>, default [0, 5]).</summary>
    public (double Lower, double Upper) SignalDetectorRange { get; }
    /// <summary>Allowed interval of each background normalisation by key (its <c>range</c>, default [0, 20]).</summary>
    public IReadOnlyDictionary<string, (double Lower, double Upper)> BackgroundRange { get; }
    public int EnergyBins => EnergyEdgesKeVee.Count - 1;
    public int PsdBins => PsdEdges.Count - 1;
    public int TimeBins => TimeEdgesUs.Count - 1;
    public int BinCount => EnergyBins * PsdBins * TimeBins;

    private SnsEnergyPsdTimeDataset(DatasetDefinition def, string dataDirectory, SignalIntegration? integration)
    {
        Definition = def;
        var f = def.Facts;
        f.AllowOnly("id", "kind", "title", "reference", "target", "supersedes", "data_note", "files", "source", "detector",
            "integration", "bins", "shapes", "backgrounds", "observations", "systematics", "options", "published");
        Source = SnsSource.FromFacts(f.Section("source"), key => def.FilePath(dataDirectory, key));

        var bins = f.Section("bins");
        bins.AllowOnly("energy_kevee", "psd_name", "psd", "time_us");
        EnergyEdgesKeVee = bins.Edges("energy_kevee");
        PsdEdges = bins.Edges("psd");
        TimeEdgesUs = bins.Edges("time_us");
        PsdName = bins.String("psd_name");
        var axes = new[] { "E_keVee", PsdName, "t_us" };
        IReadOnlyList<double>[] grid = [EnergyEdgesKeVee, PsdEdges, TimeEdgesUs];

        var shapes = f.Section("shapes");
        shapes.AllowOnly("signal_pdf", "time");
        var timeShape = shapes.String("time");
        if (timeShape is not ("model" or "release"))
            throw shapes.Error("time", $"expected 'model' (arrival-time model per species) or 'release' (the release signal PDF), got '{timeShape}'");
        TimeFromModel = timeShape == "model";
        var pdf = CentredGridHistogram.Read(def.FilePath(dataDirectory, shapes.String("signal_pdf")), grid, axes);
        ReleaseSignalPdf = pdf;
        (_psdShape, _releaseShape) = ShapesPerEnergyBin(pdf);

        var backgrounds = new Dictionary<string, double[]>();
        var labels = new Dictionary<string, string>();
        var priors = new Dictionary<string, double>();
        var bs = f.Section("backgrounds");
        foreach (var key in bs.Keys)
        {
            var b = bs.Section(key);
            b.AllowOnly("type", "label", "file", "note");
            if (b.String("type") != "template")
                throw b.Error("type", $"expected 'template' (a released PDF on the data grid), found '{b.String("type")}'");
            backgrounds[key] = CentredGridHistogram.Read(def.FilePath(dataDirectory, b.String("file")), grid, axes);
            labels[key] = b.OptionalString("label") ?? key;
        }
        Backgrounds = backgrounds;
        BackgroundLabels = labels;
        // Nuisances in the order of the likelihood: the signal normalisation, one norm per background (in background
        // order), then the template shapes; the section must list them so (its order is the nuisance order).
        var ss = f.Section("systematics");
        var names = ss.Keys.ToArray();
        if (names.Length < 1 + backgrounds.Count)
            throw ss.Error(names.FirstOrDefault() ?? "", $"expected a norm of the signal, then one norm per background ({string.Join(", ", backgrounds.Keys)}), then shapes");
        var signalNorm = ss.Section(names[0]);
        signalNorm.AllowOnly("type", "signal", "sigma", "range");
        if (signalNorm.String("type") != "norm" || signalNorm.String("signal") != "cevns" || names[0] != "signal_detector_norm")
            throw ss.Error(names[0], "the first systematic must be signal_detector_norm: { type: norm, signal: cevns, sigma: ... }");
        SignalDetectorSigma = signalNorm.PositiveNumber("sigma");
        SignalDetectorRange = SnsEnergyTimeSystematic.NormRange(signalNorm, defaultUpper: 5);
        var ranges = new Dictionary<string, (double, double)>();
        int k = 1;
        foreach (var key in backgrounds.Keys)
        {
            var name = names[k++];
            var x = ss.Section(name);
            x.AllowOnly("type", "background", "sigma", "range");
            if (x.String("type") != "norm" || x.String("background") != key || name != key + "_norm")
                throw ss.Error(name, $"expected {key}_norm: {{ type: norm, background: {key}, sigma: ... }} here (one norm per background, in background order)");
            priors[key] = x.PositiveNumber("sigma");
            ranges[key] = SnsEnergyTimeSystematic.NormRange(x);
        }
        BackgroundPriorSigma = priors;
        BackgroundRange = ranges;
        var systs = new List<ShapeSystematic>();
        foreach (var key in names.Skip(k))
        {
            var x = ss.Section(key);
            x.AllowOnly("type", "component", "plus", "minus", "range_sigmas");
            if (x.String("type") != "template-shape")
                throw x.Error("type", $"expected 'template-shape' after the norms, found '{x.String("type")}'");
            var component = x.String("component");
            if (component != "cevns" && !backgrounds.ContainsKey(component))
                throw x.Error("component", $"expected 'cevns' or a background key ({string.Join(", ", backgrounds.Keys)}), got '{component}'");
            var plus = CentredGridHistogram.Read(def.FilePath(dataDirectory, x.String("plus")), grid, axes);
            var minus = x.Has("minus") ? CentredGridHistogram.Read(def.FilePath(dataDirectory, x.String("minus")), grid, axes) : null;
            systs.Add(new ShapeSystematic(key, component, component == "cevns"
                ? TemplateVariation.Relative(key, pdf, plus, minus)
                : TemplateVariation.Absolute(key, backgrounds[component], plus, minus, renormalise: true),
                SnsEnergyTimeSystematic.RangeSigmasOf(x)));
        }
        ShapeSystematics = systs;
        var obs = f.Section("observations");
        obs.AllowOnly("file");
        Observed = CentredGridHistogram.Read(def.FilePath(dataDirectory, obs.String("file")), grid, axes);

        var det = f.Section("detector");
        det.AllowOnly("mass_kg", "quenching", "resolution", "efficiency");
        double massKg = det.PositiveNumber("mass_kg");
        var response = new DetectorResponse(DetectorFacts.Quenching(det.Section("quenching")), DetectorFacts.Resolution(det.Section("resolution")),
            DetectorFacts.Efficiency(det.Section("efficiency"), def, dataDirectory));
        Integration = integration ?? SignalIntegration.FromFacts(f.OptionalSection("integration"), 0.5);
        _energy = DetectorSignals.CevnsSignal(def.Target, def.Target.UnitsPerKg * massKg, Source.Flux, response, EnergyEdgesKeVee, Integration, def.CrossSections);
        Timing = new TimingOffsetTable(Source.ArrivalTimes, TimeEdgesUs, efficiency: null);

        _bins = new AnalysisBin[BinCount];
        for (int e = 0, i = 0; e < EnergyBins; e++)
            for (int p = 0; p < PsdBins; p++)
                for (int t = 0; t < TimeBins; t++, i++)
                    _bins[i] = new AnalysisBin([
                        new BinRange("energy", "keVee", EnergyEdgesKeVee[e], EnergyEdgesKeVee[e + 1]),
                        new BinRange(PsdName, "", PsdEdges[p], PsdEdges[p + 1]),
                        new BinRange("time", "us", TimeEdgesUs[t], TimeEdgesUs[t + 1])]);
        _inAnalysis = Enumerable.Repeat(true, BinCount).ToArray();
    }

    public static IDataset Build(DatasetDefinition def, string dataDirectory) => new SnsEnergyPsdTimeDataset(def, dataDirectory, null);

    /// <summary>The binned Poisson likelihood of this dataset (<see cref="SnsEnergyPsdTimeLikelihood"/>).</summary>
    public SnsEnergyPsdTimeLikelihood Likelihood() => new(this, Observed);

    IDatasetLikelihood ILikelihoodProvider.Likelihood() => Likelihood();

    /// <summary>As <see cref="Build"/> with other integration settings (convergence tests).</summary>
    public static SnsEnergyPsdTimeDataset Build(DatasetDefinition def, string dataDirectory, SignalIntegration integration) =>
        new(def, dataDirectory, integration);

    /// <summary>
    /// PSD shape per energy bin (the release PDF summed over time, normalised) and the joint PSD x time shape. An energy
    /// bin where the release PDF is empty (above the CEvNS end point) takes the shape of the nearest bin below with content.
    /// </summary>
    private (double[][] Psd, double[][]? Joint) ShapesPerEnergyBin(double[] pdf)
    {
        int nf = PsdBins, nt = TimeBins, block = nf * nt;
        var psd = new double[EnergyBins][];
        var joint = new double[EnergyBins][];
        for (int e = 0; e < EnergyBins; e++)
        {
            double sum = 0;
            for (int k = 0; k < block; k++) sum += pdf[e * block + k];
            if (sum <= 0)
            {
                if (e == 0) throw new DatasetException($"dataset {Definition.Id}: the release signal PDF is empty in the first energy bin");
                psd[e] = psd[e - 1];
                joint[e] = joint[e - 1];
                continue;
            }
            psd[e] = new double[nf];
            joint[e] = new double[block];
            for (int p = 0; p < nf; p++)
                for (int t = 0; t < nt; t++)
                {
                    double v = pdf[e * block + p * nt + t] / sum;
                    psd[e][p] += v;
                    joint[e][p * nt + t] = v;
                }
        }
        return (psd, joint);
    }

    /// <summary>CEvNS counts per energy bin and species (before PSD and time), at a physics point.</summary>
    public Dictionary<NeutrinoSpecies, double[]> EnergyCounts(PhysicsParameters parameters) => _energy.Predict(parameters);

    /// <summary>Fraction of a species' events in each time bin, from the arrival-time model.</summary>
    public double[] TimeFractions(NeutrinoSpecies species) => Timing.Fractions(species.TimingComponent(), 0);

    /// <summary>CEvNS counts per bin and species at a physics point.</summary>
    public Dictionary<NeutrinoSpecies, double[]> Cevns(PhysicsParameters parameters)
    {
        var result = new Dictionary<NeutrinoSpecies, double[]>();
        int nf = PsdBins, nt = TimeBins;
        foreach (var (s, n) in EnergyCounts(parameters))
        {
            var c = new double[BinCount];
            var time = TimeFractions(s);
            for (int e = 0; e < EnergyBins; e++)
                for (int p = 0; p < nf; p++)
                    for (int t = 0; t < nt; t++)
                        c[(e * nf + p) * nt + t] = TimeFromModel
                            ? n[e] * _psdShape[e][p] * time[t]
                            : n[e] * _releaseShape![e][p * nt + t];
            result[s] = c;
        }
        return result;
    }

    public DatasetPrediction Predict(PhysicsParameters parameters)
    {
        var notes = new List<string>
        {
            TimeFromModel
                ? $"CEvNS: energy bins computed here; {PsdName} shape per energy bin from the release signal PDF; time from the arrival-time model per species"
                : $"CEvNS: energy bins computed here; {PsdName} x time shape per energy bin from the release signal PDF (same for all species)",
            "backgrounds: release PDFs at their released normalisations; no nu-e scattering (removed by the pulse-shape cut)",
        };
        if (Definition.DataNote is { } dn) notes.Add(dn);
        return new DatasetPrediction
        {
            DatasetId = Definition.Id,
            Bins = _bins,
            InAnalysis = _inAnalysis,
            Cevns = Cevns(parameters),
            ElectronScattering = new Dictionary<NeutrinoSpecies, double[]>(),
            Backgrounds = Backgrounds.ToDictionary(kv => BackgroundLabels[kv.Key], kv => kv.Value),
            Observed = Observed.ToArray(),
            Notes = notes,
        };
    }
}

/// <summary>A shape systematic of one component: "cevns" (relative to the release signal PDF) or a background key (absolute, shape only).</summary>
public sealed record ShapeSystematic(string Name, string Component, TemplateVariation Variation,
    double RangeSigmas = SnsEnergyTimeSystematic.DefaultRangeSigmas);
