using Cevns.Data;
using Cevns.Datasets.Sns;
using Cevns.Detectors;
using Cevns.Physics;
using Cevns.Sources.Timing;
using Cevns.Sources;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// Kind <c>sns-energy-time</c>: an SNS detector binned in reconstructed energy x arrival time with a binned Poisson
/// likelihood, built entirely from its definition (COHERENT CsI[Na] 2017 and 2021, and CENNS-10 argon with its F90 axis,
/// are such files). Sections:
/// <list type="bullet">
/// <item>source (<see cref="SnsSource"/>, arrival-time model from the option arrival_times if declared, else from
/// source.timing.model), bins with an optional PSD axis and optional analysis region (<see cref="EnergyTimeBinning"/>;
/// without analysis every bin), integration (CEvNS recoil grid), integration_es (nu-e scattering grid), published;</item>
/// <item>signals (optional, <see cref="SnsEnergyTimeSignals"/>): the channels (CEvNS, nu-e) and their PSD shapes;</item>
/// <item>detector: mass_kg and the response by named models (<see cref="DetectorFacts"/>): quenching, resolution,
/// efficiency (energy), optional timing_efficiency (applied to the time bins of signal, steady state and templates that ask
/// for it);</item>
/// <item>observations: { file: &lt;files key&gt;, format: binned | events } (<see cref="BinnedCounts"/>, with a PSD axis
/// <see cref="CentredGridHistogram"/>; <see cref="UnbinnedEvents"/>);</item>
/// <item>backgrounds: name -> { type: anti-coincidence | energy-x-time | template, ... } (<see cref="SnsEnergyTimeBackground"/>);</item>
/// <item>systematics: nuisance name -> { type: norm | response | timing-offset | template-shape, ... } in nuisance order
/// (<see cref="SnsEnergyTimeSystematic"/>).</item>
/// </list>
/// CEvNS and nu-e scattering (unquenched electron recoils) are computed per species on the recoil grids
/// (<see cref="DetectorSignals"/>, the fast <see cref="BinnedSignal"/> kernels) and spread over the time bins with the
/// arrival-time fractions; everything physics-independent is built once here.
/// </summary>
public sealed class SnsEnergyTimeDataset : ISpallationDataset, ILikelihoodProvider
{
    public const string KindName = "sns-energy-time";

    private readonly Facts _detector;
    private readonly string _dataDirectory;

    public DatasetDefinition Definition { get; }
    internal string DataDirectory => _dataDirectory;
    public SnsSource Source { get; }
    public PionDecayAtRestFlux Flux => Source.Flux;
    public ArrivalTimeDistribution ArrivalTimes => Source.ArrivalTimes;
    public EnergyTimeBinning Binning { get; }
    public bool[] InAnalysis { get; }

    /// <summary>Recoil-grid settings of CEvNS (section integration) and of nu-e scattering (integration_es).</summary>
    public SignalIntegration Integration { get; }
    public SignalIntegration ElectronIntegration { get; }

    /// <summary>Target formula units in the detector.</summary>
    public double TargetUnits { get; }
    public PublishedCounts Published { get; }

    /// <summary>The nominal response models of the definition (table rows chosen by the dataset options).</summary>
    public IQuenching Quenching { get; }
    public IResolution Resolution { get; }
    public IEfficiency Efficiency { get; }
    public ExponentialTimingEfficiency? TimingEfficiency { get; }

    /// <summary>Time fractions of the prompt and delayed neutrinos per time bin (with the timing efficiency), on a grid of
    /// timing offsets covering the range of the timing-offset nuisance (only zero without one).</summary>
    public TimingOffsetTable Timing { get; }

    /// <summary>CEvNS and nu-e scattering in energy bins with the nominal response (nu-e null when signals: omits it).</summary>
    public BinnedSignal Cevns { get; }
    public BinnedSignal? ElectronScattering { get; }

    /// <summary>Spread of CEvNS and nu-e scattering over the PSD axis (null without one).</summary>
    public PsdShape? CevnsPsd { get; }
    public PsdShape? ElectronPsd { get; }

    /// <summary>The template-shape systematics by name, built from their +-1 sigma files.</summary>
    public IReadOnlyDictionary<string, TemplateVariation> TemplateShapes { get; }

    /// <summary>Observed counts per (energy, time) bin.</summary>
    public double[] Observed { get; }

    /// <summary>Background templates per (energy, time) bin at their nominal normalisation, in definition order.</summary>
    public IReadOnlyList<SnsEnergyTimeBackground> BackgroundTerms { get; }
    public IReadOnlyDictionary<string, double[]> Backgrounds { get; }

    /// <summary>The nuisances of the likelihood, in order.</summary>
    public IReadOnlyList<SnsEnergyTimeSystematic> Systematics { get; }

    private readonly List<string> _notes = [];

    private SnsEnergyTimeDataset(DatasetDefinition def, string dataDirectory, SignalIntegration? integration, double timeStepUs)
    {
        Definition = def;
        _dataDirectory = dataDirectory;
        var f = def.Facts;
        f.AllowOnly("id", "kind", "title", "reference", "target", "supersedes", "data_note", "files", "source", "detector",
            "integration", "integration_es", "bins", "analysis", "options", "signals", "observations", "backgrounds", "systematics", "published");
        var arrivalOption = def.Options.Declared.Any(o => o.Name == "arrival_times") ? def.Options.Text("arrival_times") : null;
        Source = SnsSource.FromFacts(f.Section("source"), key => def.FilePath(dataDirectory, key), arrivalOption);
        _detector = f.Section("detector");
        _detector.AllowOnly("mass_kg", "quenching", "resolution", "efficiency", "timing_efficiency");
        TargetUnits = def.Target.UnitsPerKg * _detector.PositiveNumber("mass_kg");
        Integration = integration ?? SignalIntegration.FromFacts(f.Section("integration"), 1.0);
        var electron = SignalIntegration.FromFacts(f.OptionalSection("integration_es"), 0.05);
        ElectronIntegration = integration is null ? electron : electron.Refined();
        Binning = EnergyTimeBinning.FromFacts(f.Section("bins"));
        InAnalysis = Binning.RegionOrAll(f.OptionalSection("analysis"));
        Published = PublishedCounts.FromFacts(f.Section("published"));

        Quenching = QuenchingVariant(ModelVariant.Nominal);
        Resolution = DetectorFacts.Resolution(_detector.Section("resolution"));
        Efficiency = EfficiencyVariant(ModelVariant.Nominal);
        TimingEfficiency = _detector.OptionalSection("timing_efficiency") is { } te ? DetectorFacts.TimingEfficiency(te) : null;
        Func<double, double>? timingEfficiency = TimingEfficiency is null ? null : TimingEfficiency.Value;

        var channels = SnsEnergyTimeSignals.Read(f.OptionalSection("signals"), Binning, key => ReadBinned(Definition.FilePath(_dataDirectory, key)), def.Id);
        var backgroundsFacts = f.Section("backgrounds");
        Systematics = SnsEnergyTimeSystematic.Read(f.Section("systematics"), backgroundsFacts.Keys.ToArray(), channels.Select(c => c.Name).ToArray());
        double maxOffsetUs = Systematics.FirstOrDefault(s => s.Type == SnsEnergyTimeSystematic.TimingOffset) is { } offset
            ? offset.RangeSigmas * offset.Sigma : 0;
        Timing = new TimingOffsetTable(ArrivalTimes, Binning.TimeEdgesUs, timingEfficiency, maxOffsetUs, 0.01, timeStepUs);
        Cevns = CevnsSignal(Quenching, Efficiency);
        CevnsPsd = channels[0].Psd;
        if (channels.FirstOrDefault(c => c.Name == SnsEnergyTimeSignals.ElectronScattering) is { } es)
        {
            ElectronScattering = ElectronSignal(Efficiency);
            ElectronPsd = es.Psd;
        }

        var obs = f.Section("observations");
        obs.AllowOnly("file", "format");
        Observed = ReadCounts(obs);

        if (Source.ExposureGWh is { } gwh) _notes.Add($"exposure {gwh} GWh = {Source.ProtonsOnTarget:G4} POT");
        _notes.Add(ArrivalTimes is PulsedDecayArrivalTime p
            ? $"arrival times: Gaussian proton pulse (mean {p.PulseMeanNs:G4} ns, width {p.PulseWidthNs:G4} ns) with pion and muon lifetimes"
            : "arrival times: CsI 2017 release PDFs (0.5 us bins, 2017 time axis)");
        foreach (var (name, psd) in new[] { ("CEvNS", CevnsPsd), ("nu-e scattering", ElectronPsd) })
            if (psd is not null)
                _notes.Add(psd.TimeFromArrivalModel
                    ? $"{name}: {Binning.Psd!.Name} shape per energy bin from the released PDF; time from the arrival-time model per species"
                    : $"{name}: {Binning.Psd!.Name} x time shape per energy bin from the released PDF (same for all species)");
        if (ElectronScattering is null) _notes.Add("no nu-e scattering channel (signals: lists CEvNS only)");
        BackgroundTerms = backgroundsFacts.Keys
            .Select(name => SnsEnergyTimeBackground.Read(backgroundsFacts.Section(name), name, this, ReadCounts)).ToArray();
        Backgrounds = BackgroundTerms.ToDictionary(b => b.Name, b => b.Template);
        _notes.AddRange(BackgroundTerms.Select(b => b.Note));
        TemplateShapes = SnsTemplateShapes.Build(this);
        if (def.DataNote is { } note) _notes.Add(note);
    }

    public static IDataset Build(DatasetDefinition definition, string dataDirectory) => Load(definition, dataDirectory);

    /// <summary>Builds the dataset. <paramref name="integration"/> overrides the definition's recoil-grid settings; the nu-e
    /// grid is then refined as well and the time-integration step halved (convergence checks).</summary>
    public static SnsEnergyTimeDataset Load(DatasetDefinition definition, string dataDirectory, SignalIntegration? integration = null) =>
        new(definition, dataDirectory, integration, integration is null ? TimeBinFractions.DefaultMaxStepUs : TimeBinFractions.DefaultMaxStepUs / 2);

    /// <summary>The quenching model of the definition at a variant (a parameter shifted, another table row).</summary>
    public IQuenching QuenchingVariant(ModelVariant variant) =>
        DetectorFacts.Quenching(_detector.Section("quenching"), Definition, _dataDirectory, variant);

    /// <summary>The energy-efficiency model of the definition at a variant.</summary>
    public IEfficiency EfficiencyVariant(ModelVariant variant) =>
        DetectorFacts.Efficiency(_detector.Section("efficiency"), Definition, _dataDirectory, variant);

    /// <summary>CEvNS in energy bins through a detector response (the nominal one or a systematic variant).</summary>
    public BinnedSignal CevnsSignal(IQuenching quenching, IEfficiency efficiency) =>
        DetectorSignals.CevnsSignal(Definition.Target, TargetUnits, Flux, new DetectorResponse(quenching, Resolution, efficiency),
            Binning.EnergyEdges, Integration, Definition.CrossSections);

    /// <summary>nu-e scattering on the target's electrons in energy bins: electron recoils are not quenched.</summary>
    public BinnedSignal ElectronSignal(IEfficiency efficiency) =>
        DetectorSignals.ElectronSignal(Definition.Target, TargetUnits, Flux, Resolution, efficiency, Binning.EnergyEdges, ElectronIntegration,
            Definition.CrossSections);

    /// <summary>Counts per (energy, time) bin from a file: format binned (one row per bin) or events (one row per event).</summary>
    private double[] ReadCounts(Facts f)
    {
        var path = Definition.FilePath(_dataDirectory, f.String("file"));
        return f.String("format") switch
        {
            "binned" => ReadBinned(path),
            "events" when Binning.Psd is not null => throw f.Error("format", $"events have no {Binning.Psd.Name} column: give binned counts"),
            "events" => Binning.Histogram(UnbinnedEvents.Read(path, Binning.EnergyUnit)),
            var other => throw f.Error("format", $"unknown counts format '{other}' (known: binned, events)"),
        };
    }

    /// <summary>
    /// Values per bin from a binned file, one row per bin with its centres: (energy, time) by <see cref="BinnedCounts"/>,
    /// or (energy, PSD, time) with a PSD axis by <see cref="CentredGridHistogram"/> (the CENNS-10 release layout).
    /// </summary>
    internal double[] ReadBinned(string path) =>
        Binning.Psd is null ? BinnedCounts.Read(path, Binning) : CentredGridHistogram.Read(path, Binning.Grid, Binning.GridColumns);

    /// <summary>Per-species counts over all bins from per-species energy counts: spread over time (and the PSD axis).</summary>
    private Dictionary<NeutrinoSpecies, double[]> Spread(IReadOnlyDictionary<NeutrinoSpecies, double[]> energy, PsdShape? psd)
    {
        if (psd is null) return Binning.Spread(energy, Timing);
        var result = new Dictionary<NeutrinoSpecies, double[]>();
        foreach (var (s, counts) in energy)
        {
            var c = new double[Binning.Count];
            psd.AddSpread(counts, Timing.Fractions(s.TimingComponent(), 0), 1.0, c);
            result[s] = c;
        }
        return result;
    }

    public DatasetPrediction Predict(PhysicsParameters parameters) => new()
    {
        DatasetId = Definition.Id,
        Bins = Binning.Bins,
        InAnalysis = InAnalysis,
        Cevns = Spread(Cevns.Predict(parameters), CevnsPsd),
        ElectronScattering = ElectronScattering is null ? new Dictionary<NeutrinoSpecies, double[]>() : Spread(ElectronScattering.Predict(parameters), ElectronPsd),
        Backgrounds = BackgroundTerms.ToDictionary(b => b.Label, b => b.Template),
        Observed = Observed,
        Notes = _notes,
    };

    IDatasetLikelihood ILikelihoodProvider.Likelihood() => Likelihood();

    /// <summary>The binned Poisson likelihood (<see cref="SnsBinnedLikelihood"/>) with the definition's systematics as nuisances.</summary>
    public SnsBinnedLikelihood Likelihood() => SnsEnergyTimeSystematic.Likelihood(this);
}
