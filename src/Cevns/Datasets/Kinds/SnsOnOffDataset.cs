using Cevns.Data;
using Cevns.Datasets.Sns;
using Cevns.Detectors;
using Cevns.Physics.CrossSections;
using Cevns.Physics;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// Kind <c>sns-energy-time-on-off</c>: an SNS detector array (one quenching, per-detector resolution, efficiency and
/// mass) binned in reconstructed energy x arrival time, whose data are beam-ON and beam-OFF counts in those bins
/// (COHERENT Ge-Mini, PRL 134 (2025) 231801, arXiv:2406.13806; the statistical treatment of docs/physics.md section 9).
/// The response of the array is the mass-weighted mean of the detectors' responses (each detector sees the same flux
/// per unit mass). CEvNS and nu-e scattering (Z_eff stepping, docs/physics.md section 5) are computed per species and
/// spread in time with the arrival-time model. The steady-state background is not predicted: it comes from the
/// beam-OFF counts (flat in time), which the user supplies in an <see cref="OnOffCounts"/> file; without it the
/// prediction has no observed column and a note says how to supply the file.
/// </summary>
public sealed class SnsOnOffDataset : ISpallationDataset, ILikelihoodProvider
{
    public const string KindName = "sns-energy-time-on-off";
    public const string SteadyStateLabel = "steady-state (beam-off)";

    private readonly BinnedSignal _cevns;
    private readonly BinnedSignal? _es;
    private readonly MigdalSignal? _migdal;
    private readonly bool[] _inAnalysis;
    private readonly string _countsHint;

    public DatasetDefinition Definition { get; }
    public SnsSource Source { get; }
    public SignalIntegration Integration { get; }
    /// <summary>Energy (keVee) x time (us) bins.</summary>
    public EnergyTimeBinning Binning { get; }
    /// <summary>Time fractions of the prompt and delayed neutrinos (arrival-time model, no timing efficiency).</summary>
    public TimingOffsetTable Timing { get; }
    /// <summary>Detector name -> mass (kg).</summary>
    public IReadOnlyDictionary<string, double> DetectorMassesKg { get; }
    public double MassKg { get; }
    public OnOffCounts? Counts { get; }
    public IReadOnlyList<bool> InAnalysis => _inAnalysis;

    private SnsOnOffDataset(DatasetDefinition def, string dataDirectory, string? countsPath, SignalIntegration? integration)
    {
        Definition = def;
        var f = def.Facts;
        f.AllowOnly("id", "kind", "title", "reference", "target", "supersedes", "data_note", "files", "options", "source", "detector",
            "integration", "integration_es", "bins", "observations", "systematics", "published");
        Source = SnsSource.FromFacts(f.Section("source"), key => def.FilePath(dataDirectory, key));
        f.Section("systematics");   // read by the likelihood; required here so that a definition without it fails at load

        var bins = f.Section("bins");
        bins.AllowOnly("energy_kevee", "excluded_energy_bins", "time_us");
        Binning = new EnergyTimeBinning(bins.Edges("energy_kevee"), bins.Edges("time_us"), "keVee");
        var excluded = bins.Has("excluded_energy_bins") ? bins.Numbers("excluded_energy_bins") : [];
        foreach (var x in excluded)
            if (x != Math.Floor(x) || x < 1 || x > Binning.EnergyBins)
                throw bins.Error("excluded_energy_bins", $"expected bin numbers 1..{Binning.EnergyBins} (1-based), got {x}");
        _inAnalysis = Enumerable.Range(0, Binning.Count).Select(i => !excluded.Contains(Binning.Split(i).EnergyBin + 1)).ToArray();
        Timing = new TimingOffsetTable(Source.ArrivalTimes, Binning.TimeEdgesUs, efficiency: null);

        var det = f.Section("detector");
        det.AllowOnly("quenching", "array", "electron_scattering");
        var quenching = DetectorFacts.Quenching(det.Section("quenching"));
        var array = det.Section("array");
        var masses = new Dictionary<string, double>();
        var responses = new List<(double Mass, IResolution Resolution, IEfficiency? Efficiency)>();
        foreach (var name in array.Keys)
        {
            var d = array.Section(name);
            d.AllowOnly("mass_kg", "resolution", "efficiency");
            masses[name] = d.PositiveNumber("mass_kg");
            responses.Add((masses[name], DetectorFacts.Resolution(d.Section("resolution")),
                d.OptionalSection("efficiency") is { } e ? DetectorFacts.Efficiency(e, def, dataDirectory) : null));
        }
        if (responses.Count == 0) throw det.Error("array", "expected at least one detector");
        DetectorMassesKg = masses;
        MassKg = masses.Values.Sum();
        Integration = integration ?? SignalIntegration.FromFacts(f.OptionalSection("integration"), 3.0);

        var units = def.Target.UnitsPerKg * MassKg;
        var grid = BinnedSignal.GridFor(def.Target, ScatteringChannel.Cevns, Source.Flux, Integration.MinRecoilKeV * 1e-3, Integration.Panels, Integration.Order);
        _cevns = new BinnedSignal(def.Target, units, Source.Flux, ScatteringChannel.Cevns, ArrayMatrix(grid, r => new DetectorResponse(quenching, r.Resolution, r.Efficiency), responses),
            def.CrossSectionOptions());

        if (det.Bool("electron_scattering", false))
        {
            // nu-e scattering is seen at the electron recoil itself (no quenching, docs/physics.md section 5). The resolution is
            // far narrower than the 2 keVee bins, so the grid stops 5 keV above the last bin edge and has panel edges at the
            // bin edges too (the bin probabilities change over a resolution width there). Grid: section integration_es (as in
            // sns-energy-time; refined with the CEvNS grid in convergence tests), else 1.5 keV below the threshold (at least
            // 0.05 keV) with twice the CEvNS panels.
            var edges = Binning.EnergyEdges;
            var esFacts = f.OptionalSection("integration_es");
            var es = esFacts is null
                ? new SignalIntegration(Math.Max(0.05, edges[0] - 1.5), 2 * Integration.Panels, Integration.Order, Integration.EfficiencyRefinement)
                : integration is null ? SignalIntegration.FromFacts(esFacts, 0.05) : SignalIntegration.FromFacts(esFacts, 0.05).Refined();
            var esGrid = ElectronRecoilGrid.For(def.Target, Source.Flux, es.MinRecoilKeV * 1e-3, es.Panels, es.Order,
                maxMeV: (edges[^1] + 5) * 1e-3, extraBreakpointsMeV: edges.Select(x => x * 1e-3));
            _es = new BinnedSignal(def.Target, units, Source.Flux, ScatteringChannel.ElectronScattering,
                ArrayMatrix(esGrid, r => DetectorSignals.ElectronResponse(r.Resolution, r.Efficiency), responses), def.CrossSectionOptions());
        }

        if (MigdalOption.Choice(def.Options, def.Target, dataDirectory) is { } migdal)
            _migdal = MigdalSignal.Build(def.Target, units, Source.Flux,
                responses.Select(r => (r.Mass / MassKg, new DetectorResponse(quenching, r.Resolution, r.Efficiency))).ToArray(),
                Binning.EnergyEdges, Integration, migdal.Table, migdal.MaxN, def.CrossSectionOptions());

        var obs = f.Section("observations");
        obs.AllowOnly("counts_file", "environment_variable");
        var env = obs.String("environment_variable");
        var where = def.DefinitionFolder is null ? "<data dir>" : "the definition's folder or <data dir>";
        _countsHint = $"set {env}=<file> or place the file at {where}/{obs.String("counts_file")} (format: docs/datasets/{def.Id}.md)";
        countsPath ??= ResolveCountsPath(env, def.FullPath(dataDirectory, obs.String("counts_file")));
        if (countsPath is not null)
            Counts = OnOffCounts.Read(countsPath, Binning.EnergyEdges, Binning.TimeEdgesUs);
    }

    public static IDataset Build(DatasetDefinition def, string dataDirectory) => new SnsOnOffDataset(def, dataDirectory, null, null);

    /// <summary>The ON/OFF chi^2 on the counts file (<see cref="SnsOnOffLikelihood"/>); throws when no counts file was found.</summary>
    public SnsOnOffLikelihood Likelihood() => new(this);

    IDatasetLikelihood ILikelihoodProvider.Likelihood() => Likelihood();

    /// <summary>As <see cref="Build(DatasetDefinition, string)"/> with an explicit counts file and/or integration settings.</summary>
    public static SnsOnOffDataset Build(DatasetDefinition def, string dataDirectory, string? countsPath, SignalIntegration? integration = null) =>
        new(def, dataDirectory, countsPath, integration);

    /// <summary>
    /// The counts file: the environment variable if set (it must name an existing file), else the counts_file of the
    /// definition if present (next to a user-folder definition, else in the data directory: <see cref="DatasetDefinition.FullPath"/>).
    /// </summary>
    private static string? ResolveCountsPath(string environmentVariable, string definitionPath)
    {
        var env = Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
            return File.Exists(env) ? env : throw new DatasetException($"{environmentVariable}={env}: counts file not found");
        return File.Exists(definitionPath) ? definitionPath : null;
    }

    /// <summary>Mass-weighted mean of the detectors' response matrices on one grid.</summary>
    private ResponseMatrix ArrayMatrix(RecoilGrid grid, Func<(double Mass, IResolution Resolution, IEfficiency? Efficiency), DetectorResponse> response,
        List<(double Mass, IResolution Resolution, IEfficiency? Efficiency)> detectors)
    {
        int bins = Binning.EnergyBins;
        var elements = new double[bins * grid.Count];
        foreach (var d in detectors)
        {
            var m = response(d).BuildMatrix(grid, Binning.EnergyEdges, Integration.EfficiencyRefinement);
            double w = d.Mass / MassKg;
            for (int b = 0; b < bins; b++)
                for (int j = 0; j < grid.Count; j++)
                    elements[b * grid.Count + j] += w * m[b, j];
        }
        return new ResponseMatrix(grid, bins, elements);
    }

    /// <summary>CEvNS per (energy, time) bin and species.</summary>
    public Dictionary<NeutrinoSpecies, double[]> Cevns(PhysicsParameters parameters) => Binning.Spread(_cevns.Predict(parameters), Timing);

    /// <summary>nu-e scattering per (energy, time) bin and species (empty without electron_scattering).</summary>
    public Dictionary<NeutrinoSpecies, double[]> ElectronScattering(PhysicsParameters parameters) =>
        _es is null ? new Dictionary<NeutrinoSpecies, double[]>() : Binning.Spread(_es.Predict(parameters), Timing);

    /// <summary>CEvNS with a Migdal electron per (energy, time) bin and species (empty when the channel is off).</summary>
    public Dictionary<NeutrinoSpecies, double[]> Migdal(PhysicsParameters parameters) =>
        _migdal is null ? new Dictionary<NeutrinoSpecies, double[]>() : Binning.Spread(_migdal.Predict(parameters), Timing);

    /// <summary>The Migdal channel (null when off).</summary>
    public MigdalSignal? MigdalChannel => _migdal;

    /// <summary>
    /// Steady-state background per beam-OFF bin, flat in time: the mean over the time bins of the beam-OFF counts of each
    /// energy bin (docs/physics.md section 9: N_SSB flat in time).
    /// </summary>
    public static double[] FlatInTime(IReadOnlyList<double> off, int energyBins, int timeBins)
    {
        var r = new double[energyBins * timeBins];
        for (int e = 0; e < energyBins; e++)
        {
            double mean = 0;
            for (int t = 0; t < timeBins; t++) mean += off[e * timeBins + t];
            mean /= timeBins;
            for (int t = 0; t < timeBins; t++) r[e * timeBins + t] = mean;
        }
        return r;
    }

    public DatasetPrediction Predict(PhysicsParameters parameters)
    {
        var notes = new List<string> { "CEvNS and nu-e scattering computed here; time from the arrival-time model per species" };
        var backgrounds = new Dictionary<string, double[]>();
        double[]? observed = null;
        if (Counts is { } c)
        {
            double r = c.OnExposure / c.OffExposure;
            backgrounds[SteadyStateLabel] = FlatInTime(c.Off, Binning.EnergyBins, Binning.TimeBins).Select(x => x * r).ToArray();
            observed = c.On;
            notes.Add($"observed: beam-ON counts from {c.Path}; steady-state background = beam-OFF counts flat in time x {r:G4} (ON/OFF exposure)");
        }
        else
            notes.Add($"the binned beam-ON/OFF counts are not public: no observed counts or steady-state background; to supply them, {_countsHint}");
        if (Definition.DataNote is { } dn) notes.Add(dn);
        if (_migdal is not null) notes.Add(_migdal.Describe() + " (per-shell split not shown: the arrival time depends on the species)");
        return new DatasetPrediction
        {
            DatasetId = Definition.Id,
            Bins = Binning.Bins,
            InAnalysis = _inAnalysis,
            Cevns = Cevns(parameters),
            ElectronScattering = ElectronScattering(parameters),
            Migdal = Migdal(parameters),
            Backgrounds = backgrounds,
            Observed = observed,
            Notes = notes,
        };
    }
}
