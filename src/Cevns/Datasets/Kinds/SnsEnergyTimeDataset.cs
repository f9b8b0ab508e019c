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
/// for it); or quenching and an array of elements, each with mass, resolution and efficiency (<see cref="DetectorArray"/>);</item>
/// <item>observations: { file: &lt;files key&gt;, format: binned | events } (<see cref="BinnedCounts"/>, with a PSD axis
/// <see cref="CentredGridHistogram"/>; <see cref="UnbinnedEvents"/>), or { format: on-off, counts_file, environment_variable }
/// (beam-ON and beam-OFF counts, <see cref="OnOffObservations"/>);</item>
/// <item>backgrounds: name -> { type: anti-coincidence | energy-x-time | template | beam-off, ... } (<see cref="SnsEnergyTimeBackground"/>);</item>
/// <item>systematics: nuisance name -> { type: norm | response | timing-offset | template-shape, ... } in nuisance order
/// (<see cref="SnsEnergyTimeSystematic"/>);</item>
/// <item>statistic: binned-poisson (default, <see cref="SnsBinnedLikelihood"/>) or on-off-chi2 (<see cref="OnOffChiSquareLikelihood"/>);</item>
/// <item>options: when declared, nuclear_model (<see cref="NuclearModelOption"/>) and migdal, migdal_max_n (<see cref="MigdalOption"/>).</item>
/// </list>
/// CEvNS, nu-e scattering (unquenched electron recoils) and, with migdal=on, CEvNS with a Migdal electron are computed per
/// species on the recoil grids (<see cref="DetectorSignals"/>, the fast <see cref="BinnedSignal"/> kernels) and spread over
/// the time bins with the arrival-time fractions; everything physics-independent is built once here.
/// </summary>
public sealed class SnsEnergyTimeDataset : ISpallationDataset, ILikelihoodProvider
{
    public const string KindName = "sns-energy-time";

    private readonly Facts _detector;
    private readonly string _dataDirectory;
    private readonly IResolution? _resolution;
    private readonly IEfficiency? _efficiency;

    public DatasetDefinition Definition { get; }

    /// <summary>Every physics parameter except the radii of elements not in the target (<see cref="ParameterDependence.ReadBySpectrum"/>).</summary>
    public bool Reads(string parameter) => ParameterDependence.ReadBySpectrum(Definition.Target, parameter);
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
    /// <summary>Detector mass (kg; the sum over the elements of an array).</summary>
    public double MassKg { get; }
    /// <summary>The detector elements, or null for one detector (detector.mass_kg).</summary>
    public DetectorArray? Detectors { get; }
    /// <summary>The statistic of the likelihood (<see cref="SnsStatistic"/>).</summary>
    public string Statistic { get; }
    public PublishedCounts Published { get; }

    /// <summary>The nominal response models of the definition (table rows chosen by the dataset options).</summary>
    public IQuenching Quenching { get; }
    /// <summary>The resolution and energy efficiency of one detector (an array has them per element: <see cref="Detectors"/>).</summary>
    public IResolution Resolution => _resolution ?? throw OneDetectorOnly("resolution");
    public IEfficiency Efficiency => _efficiency ?? throw OneDetectorOnly("efficiency");
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

    /// <summary>CEvNS with a Migdal electron in energy bins (null unless the option migdal is declared and on).</summary>
    public MigdalSignal? Migdal { get; }

    /// <summary>Observed counts per (energy, time) bin: the file's counts, or the beam-ON counts (null when the beam-ON/OFF
    /// counts file is absent).</summary>
    public double[]? Observed { get; }

    /// <summary>The beam-ON/OFF observations (observations format on-off), else null.</summary>
    public OnOffObservations? OnOff { get; }

    /// <summary>Why there are no observations and how to supply them (empty when there are).</summary>
    public string MissingObservationsNote => Observed is null ? OnOff?.MissingNote ?? "no observations" : "";

    /// <summary>Background templates per (energy, time) bin at their nominal normalisation, in definition order.</summary>
    public IReadOnlyList<SnsEnergyTimeBackground> BackgroundTerms { get; }
    public IReadOnlyDictionary<string, double[]> Backgrounds { get; }

    /// <summary>The nuisances of the likelihood, in order.</summary>
    public IReadOnlyList<SnsEnergyTimeSystematic> Systematics { get; }

    private readonly List<string> _notes = [];

    private SnsEnergyTimeDataset(DatasetDefinition def, string dataDirectory, SignalIntegration? integration, double timeStepUs, string? countsPath)
    {
        Definition = def;
        _dataDirectory = dataDirectory;
        var f = def.Facts;
        f.AllowOnly("id", "kind", "title", "reference", "target", "supersedes", "data_note", "files", "source", "detector",
            "integration", "integration_es", "bins", "analysis", "options", "signals", "observations", "backgrounds", "systematics", "published", "statistic");
        Statistic = SnsStatistic.FromFacts(f);
        var arrivalOption = def.Options.Declared.Any(o => o.Name == "arrival_times") ? def.Options.Text("arrival_times") : null;
        Source = SnsSource.FromFacts(f.Section("source"), key => def.FilePath(dataDirectory, key), arrivalOption);
        _detector = f.Section("detector");
        _detector.AllowOnly("mass_kg", "quenching", "resolution", "efficiency", "timing_efficiency", "array");
        if (_detector.Has("array") == _detector.Has("mass_kg"))
            throw _detector.Error("mass_kg", "give either mass_kg with resolution and efficiency (one detector) or an array of elements, not both or neither");
        Detectors = _detector.Has("array") ? DetectorArray.FromFacts(_detector, def, dataDirectory) : null;
        MassKg = Detectors?.MassKg ?? _detector.PositiveNumber("mass_kg");
        TargetUnits = def.Target.UnitsPerKg * MassKg;
        Integration = integration ?? SignalIntegration.FromFacts(f.Section("integration"), 1.0);
        Binning = EnergyTimeBinning.FromFacts(f.Section("bins"));
        var esFacts = f.OptionalSection("integration_es");
        var electron = SignalIntegration.FromFacts(esFacts, 0.05, ElectronGridKeys);
        ElectronIntegration = integration is null ? electron : electron.Refined();
        _electronGrid = ElectronGridLimits(esFacts);
        InAnalysis = Binning.RegionOrAll(f.OptionalSection("analysis"));
        Published = PublishedCounts.FromFacts(f.Section("published"));

        Quenching = QuenchingVariant(ModelVariant.Nominal);
        if (Detectors is null)
        {
            _resolution = DetectorFacts.Resolution(_detector.Section("resolution"));
            _efficiency = EfficiencyVariant(ModelVariant.Nominal);
        }
        TimingEfficiency = _detector.OptionalSection("timing_efficiency") is { } te ? DetectorFacts.TimingEfficiency(te) : null;
        Func<double, double>? timingEfficiency = TimingEfficiency is null ? null : TimingEfficiency.Value;

        var channels = SnsEnergyTimeSignals.Read(f.OptionalSection("signals"), Binning, key => ReadBinned(Definition.FilePath(_dataDirectory, key)), def.Id);
        var backgroundsFacts = f.Section("backgrounds");
        Systematics = SnsEnergyTimeSystematic.Read(f.Section("systematics"), backgroundsFacts.Keys.ToArray(), channels.Select(c => c.Name).ToArray());
        double maxOffsetUs = Systematics.FirstOrDefault(s => s.Type == SnsEnergyTimeSystematic.TimingOffset) is { } offset
            ? offset.RangeSigmas * offset.Sigma : 0;
        Timing = new TimingOffsetTable(ArrivalTimes, Binning.TimeEdgesUs, timingEfficiency, maxOffsetUs, 0.01, timeStepUs);
        Cevns = CevnsSignal(Quenching, _efficiency);
        CevnsPsd = channels[0].Psd;
        if (channels.FirstOrDefault(c => c.Name == SnsEnergyTimeSignals.ElectronScattering) is { } es)
        {
            ElectronScattering = ElectronSignal(_efficiency);
            ElectronPsd = es.Psd;
        }
        if (MigdalOption.Choice(def.Options, def.Target, dataDirectory) is { } migdal)
            Migdal = MigdalSignal.Build(def.Target, TargetUnits, Flux,
                Detectors?.WeightedResponses(Quenching) ?? [(1.0, new DetectorResponse(Quenching, Resolution, Efficiency))],
                Binning.EnergyEdges, Integration, migdal.Table, migdal.MaxN, def.CrossSectionOptions());

        var obs = f.Section("observations");
        if (obs.OptionalString("format") == OnOffObservations.Format)
        {
            OnOff = OnOffObservations.FromFacts(obs, def, dataDirectory, Binning, countsPath);
            Observed = OnOff.Counts?.On;
            _notes.Add(OnOff.Counts is { } c ? $"observed: beam-ON counts from {c.Path}" : OnOff.MissingNote);
        }
        else
        {
            obs.AllowOnly("file", "format");
            Observed = ReadCounts(obs);
        }
        if (Statistic == SnsStatistic.OnOffChiSquare && OnOff is null)
            throw f.Error("statistic", $"{SnsStatistic.OnOffChiSquare} needs observations of format {OnOffObservations.Format}");

        if (Source.ExposureGWh is { } gwh) _notes.Add($"exposure {gwh} GWh = {Source.ProtonsOnTarget:G4} POT");
        _notes.Add(ArrivalTimes is PulsedDecayArrivalTime p
            ? $"arrival times: Gaussian proton pulse (mean {p.PulseMeanNs:G4} ns, width {p.PulseWidthNs:G4} ns) with pion and muon lifetimes"
            : "arrival times: tabulated prompt and delayed PDFs (source.timing files of the definition)");
        foreach (var (name, psd) in new[] { ("CEvNS", CevnsPsd), ("nu-e scattering", ElectronPsd) })
            if (psd is not null)
                _notes.Add(psd.TimeFromArrivalModel
                    ? $"{name}: {Binning.Psd!.Name} shape per energy bin from the released PDF; time from the arrival-time model per species"
                    : $"{name}: {Binning.Psd!.Name} x time shape per energy bin from the released PDF (same for all species)");
        if (ElectronScattering is null) _notes.Add("no nu-e scattering channel (signals: lists CEvNS only)");
        BackgroundTerms = backgroundsFacts.Keys
            .Select(name => SnsEnergyTimeBackground.Read(backgroundsFacts.Section(name), name, this, ReadCounts))
            .OfType<SnsEnergyTimeBackground>().ToArray();
        Backgrounds = BackgroundTerms.ToDictionary(b => b.Name, b => b.Template);
        _notes.AddRange(BackgroundTerms.Select(b => b.Note));
        TemplateShapes = SnsTemplateShapes.Build(this);
        if (def.DataNote is { } note) _notes.Add(note);
        if (Migdal is not null) _notes.Add(Migdal.Describe() + " (per-shell split not shown: the arrival time depends on the species)");
    }

    public static IDataset Build(DatasetDefinition definition, string dataDirectory) => Load(definition, dataDirectory);

    /// <summary>Builds the dataset. <paramref name="integration"/> overrides the definition's recoil-grid settings; the nu-e
    /// grid is then refined as well and the time-integration step halved (convergence checks).
    /// <paramref name="countsPath"/> overrides where beam-ON/OFF counts are read from (observations format on-off).</summary>
    public static SnsEnergyTimeDataset Load(DatasetDefinition definition, string dataDirectory, SignalIntegration? integration = null, string? countsPath = null) =>
        new(definition, dataDirectory, integration, integration is null ? TimeBinFractions.DefaultMaxStepUs : TimeBinFractions.DefaultMaxStepUs / 2, countsPath);

    private DatasetException OneDetectorOnly(string what) =>
        new($"dataset {Definition.Id}: the detector is an array with a {what} per element; this needs one detector {what} (detector.{what})");

    /// <summary>The quenching model of the definition at a variant (a parameter shifted, another table row).</summary>
    public IQuenching QuenchingVariant(ModelVariant variant) =>
        DetectorFacts.Quenching(_detector.Section("quenching"), Definition, _dataDirectory, variant);

    /// <summary>The energy-efficiency model of the definition at a variant.</summary>
    public IEfficiency EfficiencyVariant(ModelVariant variant) =>
        DetectorFacts.Efficiency(_detector.Section("efficiency"), Definition, _dataDirectory, variant);

    /// <summary>CEvNS in energy bins through a detector response (the nominal one or a systematic variant). An array has
    /// its elements' efficiencies (there are no efficiency variants of an array), so <paramref name="efficiency"/> must be null there.</summary>
    public BinnedSignal CevnsSignal(IQuenching quenching, IEfficiency? efficiency) =>
        Detectors is { } a
            ? a.CevnsSignal(Definition.Target, Flux, quenching, Binning.EnergyEdges, Integration, Definition.CrossSectionOptions())
            : DetectorSignals.CevnsSignal(Definition.Target, TargetUnits, Flux, new DetectorResponse(quenching, Resolution, efficiency),
                Binning.EnergyEdges, Integration, Definition.CrossSectionOptions());

    /// <summary>nu-e scattering on the target's electrons in energy bins: electron recoils are not quenched.</summary>
    public BinnedSignal ElectronSignal(IEfficiency? efficiency)
    {
        var (maxMeV, breakpoints) = _electronGrid;
        return Detectors is { } a
            ? a.ElectronSignal(Definition.Target, Flux, Binning.EnergyEdges, ElectronIntegration, Definition.CrossSectionOptions(), maxMeV, breakpoints)
            : DetectorSignals.ElectronSignal(Definition.Target, TargetUnits, Flux, Resolution, efficiency, Binning.EnergyEdges, ElectronIntegration,
                Definition.CrossSectionOptions(), maxMeV, breakpoints);
    }

    /// <summary>Optional keys of integration_es that shape the electron-recoil grid for a resolution much narrower than the
    /// bins (keVee bins only, electron recoils being seen at their energy): max_recoil_above_last_edge_kev ends the grid that
    /// far above the last bin edge (instead of the flux's largest recoil) and panel_edges_at_bin_edges: true puts panel
    /// edges at the bin edges, where the bin probabilities change over a resolution width.</summary>
    private static readonly string[] ElectronGridKeys = ["max_recoil_above_last_edge_kev", "panel_edges_at_bin_edges"];
    private readonly (double? MaxMeV, double[]? BreakpointsMeV) _electronGrid;

    private (double? MaxMeV, double[]? BreakpointsMeV) ElectronGridLimits(Facts? es)
    {
        if (es is null || !ElectronGridKeys.Any(es.Has)) return (null, null);
        if (Binning.EnergyUnit != "keVee")
            throw es.Error(ElectronGridKeys.First(es.Has), $"needs energy bins in keVee (found {Binning.EnergyUnit})");
        var edges = Binning.EnergyEdges;
        return (es.Has(ElectronGridKeys[0]) ? (edges[^1] + es.PositiveNumber(ElectronGridKeys[0])) * 1e-3 : null,
            es.Bool(ElectronGridKeys[1], false) ? edges.Select(x => x * 1e-3).ToArray() : null);
    }

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
        Migdal = SpreadMigdal(parameters),
        Backgrounds = BackgroundTerms.ToDictionary(b => b.Label, b => b.Template),
        Observed = Observed,
        Notes = _notes,
    };

    /// <summary>CEvNS with a Migdal electron per (energy, time) bin and species (empty when the channel is off).</summary>
    public Dictionary<NeutrinoSpecies, double[]> SpreadMigdal(PhysicsParameters parameters) =>
        Migdal is null ? new Dictionary<NeutrinoSpecies, double[]>() : Binning.Spread(Migdal.Predict(parameters), Timing);

    IDatasetLikelihood ILikelihoodProvider.Likelihood() =>
        Statistic == SnsStatistic.OnOffChiSquare ? OnOffLikelihood() : Likelihood();

    /// <summary>The binned Poisson likelihood (<see cref="SnsBinnedLikelihood"/>) with the definition's systematics as nuisances.</summary>
    public SnsBinnedLikelihood Likelihood() => Statistic == SnsStatistic.BinnedPoisson
        ? SnsEnergyTimeSystematic.Likelihood(this)
        : throw new DatasetException($"dataset {Definition.Id}: the statistic is {Statistic}, not {SnsStatistic.BinnedPoisson}");

    /// <summary>The ON/OFF chi^2 (<see cref="OnOffChiSquareLikelihood"/>) on the beam-ON/OFF counts; throws when there are none.</summary>
    public OnOffChiSquareLikelihood OnOffLikelihood() => new(this);
}
