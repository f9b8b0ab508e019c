using Cevns.Datasets.Sns;
using Cevns.Detectors;
using Cevns.Sources.Timing;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// COHERENT CsI[Na] full dataset (PRL 129, 081801 (2022), arXiv:2110.07730; definition coherent-csi-2021.yaml): CEvNS and
/// nu-e scattering in PE x t_rec bins, the steady-state background from the anti-coincidence events, and the BRN and NIN
/// templates of the release. Response: quartic scintillation response (scintRespCoefficients.txt), gamma-distributed PE
/// (GammaPhotoelectronResolution), logistic energy efficiency (effCoefficients.txt), timing efficiency applied to the time
/// bins. Everything physics-independent is built once here; <see cref="Predict"/> costs the cross sections on the recoil
/// grids and a few small products.
/// <para>BRN/NIN normalisation. brnTrec/ninTrec hold expected counts per 10 ns over all selected PE (PE &lt; 250) without the
/// timing efficiency; brnPE/ninPE are PE spectra normalised to 1 below 60 PE (their sums over the whole file are 1.498 and
/// 1.334). Counts in a (PE, t) bin are therefore brnTrec(t) x brnPE(PE) / sum(brnPE over the file). This reproduces the BRN
/// and NIN counts of the analysis region quoted with this release by COHERENT members (BarbeauGroup/chi2_pull_test:
/// 18.4 BRN, 5.6 NIN; here 27.632 / 1.4978 = 18.45 and 7.493 / 1.3340 = 5.62 before the timing efficiency), whereas reading
/// brnTrec as counts below 60 PE (Newtrinos.jl) gives 27.4 BRN, 1.5 times more. With the timing efficiency (which the
/// release applies to time projections separately, as third-party code states) the nominal counts are 18.3 and 5.2.</para>
/// </summary>
public sealed class CoherentCsI2021 : CoherentCsIDataset
{
    public const string KindName = "coherent-csi-2021";

    public CsI2021TimingEfficiency TimingEfficiency { get; }
    public GammaPhotoelectronResolution Resolution { get; }
    public IReadOnlyList<CsIQuarticQuenching> QuenchingVariants { get; }
    public IReadOnlyList<LogisticEfficiency> EfficiencyVariants { get; }
    public CsIQuarticQuenching Quenching { get; }
    public LogisticEfficiency Efficiency { get; }

    /// <summary>Time-bin fractions of prompt and delayed neutrinos with the timing efficiency, on a grid of timing offsets
    /// covering +-4 sigma of the timing-offset nuisance.</summary>
    public override TimingOffsetTable Timing { get; }

    /// <summary>CEvNS and nu-e scattering in PE bins (nominal detector rows of the definition).</summary>
    public override BinnedSignal Cevns { get; }
    public override BinnedSignal ElectronScattering { get; }

    /// <summary>Background templates per (PE, time) bin at their nominal normalisation.</summary>
    public double[] SteadyState { get; }
    public double[] BeamRelatedNeutrons { get; }
    public double[] NeutrinoInducedNeutrons { get; }

    /// <summary>Anti-coincidence events in the analysis region (steady-state sample size).</summary>
    public double AntiCoincidenceEventsInRegion { get; }

    public override double[] Observed { get; }

    public double BrnNormSigma { get; }
    public double NinNormSigma { get; }
    public double TimingOffsetSigmaUs { get; }

    protected override IReadOnlyDictionary<string, double[]> Backgrounds => new Dictionary<string, double[]>
    {
        ["steady-state"] = SteadyState,
        ["BRN"] = BeamRelatedNeutrons,
        ["NIN"] = NeutrinoInducedNeutrons,
    };

    protected override IReadOnlyList<string> Notes { get; }

    private CoherentCsI2021(DatasetDefinition def, string dataDirectory, SignalIntegration? integration, double timeStepUs)
        : base(def, dataDirectory, integration, defaultMinRecoilKeV: 1.0)
    {
        var f = def.Facts;
        var det = f.Section("detector");
        det.AllowOnly("mass_kg", "light_yield_pe_per_kevee", "gamma_shape_per_kevee", "timing_efficiency");
        Resolution = det.Checked("light_yield_pe_per_kevee",
            () => new GammaPhotoelectronResolution(det.PositiveNumber("light_yield_pe_per_kevee"), det.Number("gamma_shape_per_kevee")));
        QuenchingVariants = CsIQuarticQuenching.Read(def.FilePath(dataDirectory, "quenching"));
        EfficiencyVariants = LogisticEfficiency.Read(def.FilePath(dataDirectory, "efficiency"));
        Quenching = Pick(def, "quenching", QuenchingVariants, q => q.Key);
        Efficiency = Pick(def, "efficiency", EfficiencyVariants, e => e.Key);
        var te = det.Section("timing_efficiency");
        te.AllowOnly("onset_us", "decay_per_us");
        TimingEfficiency = te.Checked("decay_per_us", () => new CsI2021TimingEfficiency(te.Number("onset_us"), te.Number("decay_per_us")));

        var sys = f.Section("systematics");
        sys.AllowOnly("brn_norm_sigma", "nin_norm_sigma", "timing_offset_sigma_us");
        BrnNormSigma = sys.PositiveNumber("brn_norm_sigma");
        NinNormSigma = sys.PositiveNumber("nin_norm_sigma");
        TimingOffsetSigmaUs = sys.PositiveNumber("timing_offset_sigma_us");

        Timing = new TimingOffsetTable(ArrivalTimes, Binning.TimeEdgesUs, TimingEfficiency.Value, 4 * TimingOffsetSigmaUs, 0.01, timeStepUs);
        Cevns = CevnsSignal(Quenching, Efficiency);
        ElectronScattering = ElectronSignal(Efficiency);

        // Observations and the steady-state sample.
        Observed = Binning.Histogram(UnbinnedEvents.Read(def.FilePath(dataDirectory, "events_c"), Binning.EnergyUnit));
        var ac = Binning.Histogram(UnbinnedEvents.Read(def.FilePath(dataDirectory, "events_ac"), Binning.EnergyUnit));
        (SteadyState, AntiCoincidenceEventsInRegion, var shape) = SteadyStateFrom(ac, TimingEfficiency.Value);

        BeamRelatedNeutrons = NeutronTemplate(def.FilePath(dataDirectory, "brn_pe"), def.FilePath(dataDirectory, "brn_time"), "BRN");
        NeutrinoInducedNeutrons = NeutronTemplate(def.FilePath(dataDirectory, "nin_pe"), def.FilePath(dataDirectory, "nin_time"), "NIN");

        Notes =
        [
            ArrivalTimes is PulsedDecayArrivalTime p
                ? $"arrival times: Gaussian proton pulse (mean {p.PulseMeanNs:G4} ns, width {p.PulseWidthNs:G4} ns) with pion and muon lifetimes; the release's snsFlux2D.root is not available"
                : "arrival times: CsI 2017 release PDFs (0.5 us bins, 2017 time axis)",
            "steady state: anti-coincidence events" + $", time shape {shape}",
            "BRN/NIN: release time projections (counts, all PE) x PE fraction below 60 PE, times the timing efficiency",
        ];
    }

    public static IDataset Build(DatasetDefinition definition, string dataDirectory) => Load(definition, dataDirectory);

    /// <summary>Builds the dataset. <paramref name="integration"/> overrides the definition's recoil-grid settings; the nu-e
    /// grid is then refined as well and the time-integration step halved (convergence checks).</summary>
    public static CoherentCsI2021 Load(DatasetDefinition definition, string dataDirectory, SignalIntegration? integration = null) =>
        new(definition, dataDirectory, integration, integration is null ? TimeBinFractions.DefaultMaxStepUs : TimeBinFractions.DefaultMaxStepUs / 2);

    /// <summary>CEvNS in PE bins for a given scintillation-response row and efficiency row (variants for systematics).</summary>
    public BinnedSignal CevnsSignal(CsIQuarticQuenching quenching, LogisticEfficiency efficiency) =>
        CevnsSignal(new DetectorResponse(quenching, Resolution, efficiency));

    /// <summary>nu-e scattering in PE bins for a given efficiency row.</summary>
    public BinnedSignal ElectronSignal(LogisticEfficiency efficiency) => ElectronSignal(Resolution, efficiency);

    /// <summary>
    /// Binned Poisson likelihood over the analysis bins (<see cref="SnsBinnedLikelihood"/>) with the release's systematics as
    /// nuisances, in this order: ss_norm (1 +- 1/sqrt(N_AC), the statistical error of the anti-coincidence sample), brn_norm
    /// (1 +- BrnNormSigma), nin_norm (1 +- NinNormSigma), efficiency (energy efficiency, release +-1 sigma rows; also acts on
    /// nu-e scattering), qf_pc0 and qf_pc1 (the release's two scintillation-response models at +-1 sigma; CEvNS only),
    /// timing_offset_us (shift of the computed neutrino arrival times, 0 +- TimingOffsetSigmaUs, range +-4 sigma). The
    /// flux normalisation is not a nuisance here: it is the shared SignalScale.FluxNorm (flux_norm.sns), so that SNS
    /// datasets share it; the fit makes it a nuisance with the prior width <see cref="SnsSource.FluxNormSigma"/>
    /// (docs/physics.md sec. 9; <see cref="SnsBinnedLikelihood.FluxNormSigma"/>). BRN
    /// and NIN shapes are kept fixed (the release gives no variants; their PE projections already contain the nominal
    /// energy efficiency).
    /// </summary>
    public override SnsBinnedLikelihood Likelihood()
    {
        string id = Definition.Id;
        double ssSigma = 1 / Math.Sqrt(Math.Max(1, AntiCoincidenceEventsInRegion));
        var nuisances = new List<Nuisance>
        {
            new($"{id}.ss_norm", 1, ssSigma, 0, 5, "steady-state normalisation (anti-coincidence sample, statistical error)"),
            new($"{id}.brn_norm", 1, BrnNormSigma, 0, 20, "beam-related neutron normalisation relative to the release"),
            new($"{id}.nin_norm", 1, NinNormSigma, 0, 20, "neutrino-induced neutron normalisation relative to the release"),
            new($"{id}.efficiency", 0, 1, -5, 5, "energy efficiency (effCoefficients.txt +-1 sigma rows)"),
            new($"{id}.qf_pc0", 0, 1, -5, 5, "scintillation response, systematic model 0 (scintRespCoefficients.txt)"),
            new($"{id}.qf_pc1", 0, 1, -5, 5, "scintillation response, systematic model 1 (scintRespCoefficients.txt)"),
            new($"{id}.timing_offset_us", 0, TimingOffsetSigmaUs, -Timing.MaxOffsetUs, Timing.MaxOffsetUs,
                "shift of the computed neutrino arrival times (us)"),
        };
        LogisticEfficiency Eff(string key) => EfficiencyRow(EfficiencyVariants, key);
        CsIQuarticQuenching Qf(string key) => CsIQuarticQuenching.Select(QuenchingVariants, key);
        var cevns = new SnsSignalChannel
        {
            Name = "cevns",
            Nominal = Cevns,
            Shapes =
            [
                (3, CevnsSignal(Quenching, Eff("syst+1sigma")), CevnsSignal(Quenching, Eff("syst-1sigma"))),
                (4, CevnsSignal(Qf("model0+1sigma"), Efficiency), CevnsSignal(Qf("model0-1sigma"), Efficiency)),
                (5, CevnsSignal(Qf("model1+1sigma"), Efficiency), CevnsSignal(Qf("model1-1sigma"), Efficiency)),
            ],
        };
        var es = new SnsSignalChannel
        {
            Name = "nu-e",
            Nominal = ElectronScattering,
            Shapes = [(3, ElectronSignal(Eff("syst+1sigma")), ElectronSignal(Eff("syst-1sigma")))],
        };
        SnsBackgroundTerm[] backgrounds =
        [
            new() { Name = "steady-state", Template = SteadyState, NormNuisance = 0 },
            new() { Name = "BRN", Template = BeamRelatedNeutrons, NormNuisance = 1 },
            new() { Name = "NIN", Template = NeutrinoInducedNeutrons, NormNuisance = 2 },
        ];
        return new SnsBinnedLikelihood(this, Binning, InAnalysis, Observed, nuisances, [cevns, es], Timing, timingOffsetNuisance: 6, backgrounds);
    }

    private static LogisticEfficiency EfficiencyRow(IReadOnlyList<LogisticEfficiency> rows, string key) =>
        rows.FirstOrDefault(r => r.Key == key)
        ?? throw new DatasetException($"efficiency row '{key}' missing from the release file (rows: {string.Join(", ", rows.Select(r => r.Key))})");

    /// <summary>PE projection / its sum over the whole file, times the time projection (counts) with the timing efficiency.</summary>
    private double[] NeutronTemplate(string pePath, string timePath, string what)
    {
        var pe = FineHistogram.ReadCentres(pePath, $"{what} PE");
        var time = FineHistogram.ReadCentres(timePath, $"{what} t_rec (us)");
        double peSum = pe.Sum;
        if (!(peSum > 0))
            throw Data.DataFileException.In(pePath, $"{what} PE projection sums to zero");
        var peFraction = pe.Rebin(Binning.EnergyEdges).Select(v => v / peSum).ToArray();
        var counts = time.Weighted(TimingEfficiency.Value).Rebin(Binning.TimeEdgesUs);
        return Binning.Outer(peFraction, counts);
    }

    private static T Pick<T>(DatasetDefinition def, string option, IReadOnlyList<T> rows, Func<T, string> name)
    {
        var wanted = def.Options.Text(option);
        return rows.FirstOrDefault(r => name(r) == wanted)
               ?? throw new DatasetException($"dataset {def.Id}: option {option}: no row '{wanted}' in the release file (rows: {string.Join(", ", rows.Select(name))})");
    }
}
