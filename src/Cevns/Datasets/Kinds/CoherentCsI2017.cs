using Cevns.Datasets.Sns;
using Cevns.Detectors;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// COHERENT CsI[Na] first observation (Science 357, 1123 (2017), arXiv:1708.01294; release arXiv:1804.09459; definition
/// coherent-csi-2017.yaml): CEvNS and nu-e scattering in the release's 2-PE x 0.5 us bins with constant quenching factor,
/// Poisson photoelectron statistics and the release's acceptance (evaluated at 1-PE bin centres), the release's arrival
/// time PDFs; backgrounds: steady state from the anti-coincidence beam-on counts, prompt neutrons from the release's PE
/// spectrum per GWh (acceptance applied, as the release requires) and its time PDF. The exposure is given in GWh and
/// converted to protons on target with the run's mean proton energy (definition file).
/// </summary>
public sealed class CoherentCsI2017 : CoherentCsIDataset
{
    public const string KindName = "coherent-csi-2017";

    public double ExposureGWh { get; }
    public PoissonPhotoelectronResolution Resolution { get; }
    public double QuenchingFactor { get; }
    public double QuenchingFactorError { get; }

    /// <summary>Prompt and delayed fractions per time bin (release PDFs; no timing efficiency in this release, no offset nuisance).</summary>
    public override TimingOffsetTable Timing { get; }

    public override BinnedSignal Cevns { get; }
    public override BinnedSignal ElectronScattering { get; }

    public double[] SteadyState { get; }
    public double[] PromptNeutrons { get; }
    public double AntiCoincidenceCountsInRegion { get; }
    public override double[] Observed { get; }

    public double PromptNeutronNormSigma { get; }

    protected override IReadOnlyDictionary<string, double[]> Backgrounds => new Dictionary<string, double[]>
    {
        ["steady-state"] = SteadyState,
        ["prompt-neutrons"] = PromptNeutrons,
    };

    protected override IReadOnlyList<string> Notes { get; }

    private readonly FineHistogram _neutronPe;
    private readonly double[] _neutronTime;

    private CoherentCsI2017(DatasetDefinition def, string dataDirectory, SignalIntegration? integration)
        : base(def, dataDirectory, integration, defaultMinRecoilKeV: 0.25)
    {
        var f = def.Facts;
        ExposureGWh = Source.ExposureGWh
            ?? throw f.Section("source").Error("exposure_gwh", "the prompt-neutron spectrum is given per GWh: state the exposure in GWh");

        var det = f.Section("detector");
        det.AllowOnly("mass_kg", "light_yield_pe_per_kevee", "quenching_factor", "quenching_factor_error", "efficiency");
        Resolution = det.Checked("light_yield_pe_per_kevee", () => new PoissonPhotoelectronResolution(det.PositiveNumber("light_yield_pe_per_kevee")));
        QuenchingFactor = det.PositiveNumber("quenching_factor");
        QuenchingFactorError = det.PositiveNumber("quenching_factor_error");
        if (!(QuenchingFactor - 4 * QuenchingFactorError > 0))
            throw det.Error("quenching_factor_error", "the quenching factor must stay positive within 4 standard deviations");
        if (det.String("efficiency") != "release")
            throw det.Error("efficiency", "expected 'release' (the acceptance of coherent_parameters.yaml)");

        var sys = f.Section("systematics");
        sys.AllowOnly("prompt_neutron_norm_sigma");
        PromptNeutronNormSigma = sys.PositiveNumber("prompt_neutron_norm_sigma");

        Timing = new TimingOffsetTable(ArrivalTimes, Binning.TimeEdgesUs, efficiency: null);
        Cevns = CevnsSignal(QuenchingFactor, CsI2017Efficiency.Create());
        ElectronScattering = ElectronSignal(CsI2017Efficiency.Create());

        Observed = BinnedCounts.Read(def.FilePath(dataDirectory, "counts_c"), Binning);
        var ac = BinnedCounts.Read(def.FilePath(dataDirectory, "counts_ac"), Binning);
        (SteadyState, AntiCoincidenceCountsInRegion, var shape) = SteadyStateFrom(ac);

        _neutronPe = FineHistogram.ReadCentres(def.FilePath(dataDirectory, "neutron_pe"), "prompt-neutron PE");
        var neutronTime = FineHistogram.ReadCentres(def.FilePath(dataDirectory, "neutron_time"), "prompt-neutron time (us)");
        double timeSum = neutronTime.Sum;
        if (Math.Abs(timeSum - 1) > 1e-3)
            throw Data.DataFileException.In(def.FilePath(dataDirectory, "neutron_time"), $"time PDF must sum to 1 (found {timeSum:G6})");
        _neutronTime = neutronTime.Rebin(Binning.TimeEdgesUs);
        PromptNeutrons = PromptNeutronTemplate(CsI2017Efficiency.Create());

        Notes =
        [
            $"exposure {ExposureGWh} GWh = {Source.ProtonsOnTarget:G4} POT; arrival times: CsI 2017 release PDFs",
            "steady state: anti-coincidence beam-on counts" + $", time shape {shape}",
            "prompt neutrons: release PE spectrum per GWh x exposure x acceptance, release time PDF",
            "superseded by coherent-csi-2021",
        ];
    }

    public static IDataset Build(DatasetDefinition definition, string dataDirectory) => Load(definition, dataDirectory);

    /// <summary>Builds the dataset; <paramref name="integration"/> overrides the recoil-grid settings (convergence checks).</summary>
    public static CoherentCsI2017 Load(DatasetDefinition definition, string dataDirectory, SignalIntegration? integration = null) =>
        new(definition, dataDirectory, integration);

    /// <summary>CEvNS in PE bins for a given constant quenching factor and acceptance (variants for systematics).</summary>
    public BinnedSignal CevnsSignal(double quenchingFactor, CsI2017Efficiency efficiency) =>
        CevnsSignal(new DetectorResponse(new ConstantQuenchingFactor(quenchingFactor), Resolution, efficiency));

    /// <summary>nu-e scattering in PE bins for a given acceptance.</summary>
    public BinnedSignal ElectronSignal(CsI2017Efficiency efficiency) => ElectronSignal(Resolution, efficiency);

    /// <summary>Prompt neutrons per (PE, time) bin: release spectrum per GWh x exposure x acceptance at each 1-PE bin centre.</summary>
    public double[] PromptNeutronTemplate(CsI2017Efficiency efficiency)
    {
        var pe = _neutronPe.Weighted(efficiency.Value).Scaled(ExposureGWh).Rebin(Binning.EnergyEdges);
        return Binning.Outer(pe, _neutronTime);
    }

    /// <summary>
    /// Binned Poisson likelihood over the analysis bins (<see cref="SnsBinnedLikelihood"/>), nuisances in this order:
    /// ss_norm (1 +- 1/sqrt(N_AC) in the analysis region), prompt_neutron_norm (1 +- 25 %, release), qf (quenching factor
    /// 0.0878 +- 0.0166: templates at +-1 sigma), acceptance_a, acceptance_k, acceptance_x0 (the release's asymmetric
    /// errors, treated as independent since no correlations are given; they act on CEvNS, nu-e scattering and the prompt
    /// neutrons, whose spectrum the acceptance multiplies). Light-yield error (0.14 %) is neglected. Flux: the shared
    /// SignalScale.FluxNorm, which the fit makes a nuisance with the prior width <see cref="SnsSource.FluxNormSigma"/>
    /// (docs/physics.md sec. 9).
    /// Arrival times are the release's PDFs, fixed.
    /// </summary>
    public override SnsBinnedLikelihood Likelihood()
    {
        string id = Definition.Id;
        var nuisances = new List<Nuisance>
        {
            new($"{id}.ss_norm", 1, 1 / Math.Sqrt(Math.Max(1, AntiCoincidenceCountsInRegion)), 0, 5, "steady-state normalisation (anti-coincidence counts, statistical error)"),
            new($"{id}.prompt_neutron_norm", 1, PromptNeutronNormSigma, 0, 20, "prompt-neutron normalisation (release: 25 %)"),
            new($"{id}.qf", 0, 1, -4, 4, "quenching factor 0.0878 +- 0.0166 (in standard deviations)"),
            new($"{id}.acceptance_a", 0, 1, -5, 5, "acceptance plateau a (asymmetric release errors)"),
            new($"{id}.acceptance_k", 0, 1, -5, 5, "acceptance steepness k"),
            new($"{id}.acceptance_x0", 0, 1, -5, 5, "acceptance midpoint x0"),
        };
        var nominalEff = CsI2017Efficiency.Create();
        double qf = QuenchingFactor, dq = QuenchingFactorError;
        CsI2017Efficiency[] effUp = [CsI2017Efficiency.Create(aSigmas: 1), CsI2017Efficiency.Create(kSigmas: 1), CsI2017Efficiency.Create(x0Sigmas: 1)];
        CsI2017Efficiency[] effDown = [CsI2017Efficiency.Create(aSigmas: -1), CsI2017Efficiency.Create(kSigmas: -1), CsI2017Efficiency.Create(x0Sigmas: -1)];
        var cevns = new SnsSignalChannel
        {
            Name = "cevns",
            Nominal = Cevns,
            Shapes = new (int, BinnedSignal, BinnedSignal)[] { (2, CevnsSignal(qf + dq, nominalEff), CevnsSignal(qf - dq, nominalEff)) }
                .Concat(Enumerable.Range(0, 3).Select(k => (3 + k, CevnsSignal(qf, effUp[k]), CevnsSignal(qf, effDown[k])))).ToArray(),
        };
        var es = new SnsSignalChannel
        {
            Name = "nu-e",
            Nominal = ElectronScattering,
            Shapes = Enumerable.Range(0, 3).Select(k => (3 + k, ElectronSignal(effUp[k]), ElectronSignal(effDown[k]))).ToArray(),
        };
        SnsBackgroundTerm[] backgrounds =
        [
            new() { Name = "steady-state", Template = SteadyState, NormNuisance = 0 },
            new()
            {
                Name = "prompt-neutrons", Template = PromptNeutrons, NormNuisance = 1,
                Shapes = Enumerable.Range(0, 3).Select(k => (3 + k, TemplateVariation.Absolute($"prompt-neutrons.acceptance{k}",
                    PromptNeutrons, PromptNeutronTemplate(effUp[k]), PromptNeutronTemplate(effDown[k]), renormalise: false, TemplateInterpolation.Quadratic))).ToArray(),
            },
        ];
        return new SnsBinnedLikelihood(this, Binning, InAnalysis, Observed, nuisances, [cevns, es], Timing, timingOffsetNuisance: -1, backgrounds);
    }
}
