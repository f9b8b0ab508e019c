using Cevns.Datasets.Sns;
using Cevns.Detectors;
using Cevns.Physics;
using Cevns.Sources;
using Cevns.Sources.Timing;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// What the two COHERENT CsI[Na] releases (kinds coherent-csi-2017 and coherent-csi-2021) share: the definition
/// sections source (<see cref="SnsSource"/>, arrival-time model from the option arrival_times), bins and analysis
/// (<see cref="EnergyTimeBinning"/>, PE x t_rec), integration (CEvNS recoil grid) and integration_es (nu-e scattering
/// grid), published and the detector mass; CEvNS and nu-e scattering built with <see cref="DetectorSignals"/> and spread
/// over the time bins with the arrival-time fractions (<see cref="Timing"/>); the steady-state background from the
/// anti-coincidence sample (option steady_state_shape); the prediction. A release kind adds its detector response, data
/// files, backgrounds and likelihood nuisances, which the two releases give in different forms.
/// </summary>
public abstract class CoherentCsIDataset : ISpallationDataset, ILikelihoodProvider
{
    public DatasetDefinition Definition { get; }
    public SnsSource Source { get; }
    public PionDecayAtRestFlux Flux => Source.Flux;
    public ArrivalTimeDistribution ArrivalTimes => Source.ArrivalTimes;
    public EnergyTimeBinning Binning { get; }
    public bool[] InAnalysis { get; }

    /// <summary>Recoil-grid settings of CEvNS (section integration) and of nu-e scattering (integration_es).</summary>
    public SignalIntegration Integration { get; }
    public SignalIntegration ElectronIntegration { get; }

    /// <summary>CsI formula units in the detector.</summary>
    public double TargetUnits { get; }
    public PublishedCounts Published { get; }

    /// <summary>Time fractions of the prompt and delayed neutrinos per time bin.</summary>
    public abstract TimingOffsetTable Timing { get; }

    /// <summary>CEvNS and nu-e scattering in PE bins with the nominal detector response.</summary>
    public abstract BinnedSignal Cevns { get; }
    public abstract BinnedSignal ElectronScattering { get; }

    /// <summary>Beam-on coincidence counts per (PE, time) bin.</summary>
    public abstract double[] Observed { get; }

    /// <summary>Background templates per (PE, time) bin at their nominal normalisation, by label.</summary>
    protected abstract IReadOnlyDictionary<string, double[]> Backgrounds { get; }

    protected abstract IReadOnlyList<string> Notes { get; }

    /// <param name="integration">Overrides the CEvNS grid settings; the nu-e grid is then refined too (convergence checks).</param>
    /// <param name="defaultMinRecoilKeV">Lowest CEvNS recoil when the definition gives no integration section.</param>
    protected CoherentCsIDataset(DatasetDefinition def, string dataDirectory, SignalIntegration? integration, double defaultMinRecoilKeV)
    {
        Definition = def;
        var f = def.Facts;
        f.AllowOnly("id", "kind", "title", "reference", "target", "supersedes", "data_note", "files", "source", "detector",
            "integration", "integration_es", "bins", "analysis", "options", "systematics", "published");
        Source = SnsSource.FromFacts(f.Section("source"), dataDirectory, def.Options.Text("arrival_times"));
        TargetUnits = def.Target.UnitsPerKg * f.Section("detector").PositiveNumber("mass_kg");
        Integration = integration ?? SignalIntegration.FromFacts(f.OptionalSection("integration"), defaultMinRecoilKeV);
        var electron = SignalIntegration.FromFacts(f.OptionalSection("integration_es"), 0.05);
        ElectronIntegration = integration is null ? electron : electron.Refined();
        Binning = EnergyTimeBinning.FromFacts(f.Section("bins"));
        InAnalysis = Binning.Region(f.Section("analysis"));
        Published = PublishedCounts.FromFacts(f.Section("published"));
    }

    /// <summary>CEvNS in PE bins through a detector response (the nominal one or a systematic variant).</summary>
    protected BinnedSignal CevnsSignal(DetectorResponse response) =>
        DetectorSignals.CevnsSignal(Definition.Target, TargetUnits, Flux, response, Binning.EnergyEdges, Integration, Definition.CrossSections);

    /// <summary>nu-e scattering on the Cs and I electrons in PE bins: electron recoils are not quenched.</summary>
    protected BinnedSignal ElectronSignal(IResolution resolution, IEfficiency efficiency) =>
        DetectorSignals.ElectronSignal(Definition.Target, TargetUnits, Flux, resolution, efficiency, Binning.EnergyEdges, ElectronIntegration, Definition.CrossSections);

    /// <summary>
    /// The steady-state template (<see cref="SteadyStateTemplate"/>, time shape from the option steady_state_shape) from the
    /// anti-coincidence sample per bin, and the size of the sample in the analysis region.
    /// </summary>
    protected (double[] Template, double InRegion, string Shape) SteadyStateFrom(double[] antiCoincidence, Func<double, double>? timingEfficiency = null)
    {
        var shape = Definition.Options.Text("steady_state_shape");
        double inRegion = Enumerable.Range(0, antiCoincidence.Length).Where(i => InAnalysis[i]).Sum(i => antiCoincidence[i]);
        return (SteadyStateTemplate.Build(Binning, antiCoincidence, shape, timingEfficiency), inRegion, shape);
    }

    public DatasetPrediction Predict(PhysicsParameters parameters) => new()
    {
        DatasetId = Definition.Id,
        Bins = Binning.Bins,
        InAnalysis = InAnalysis,
        Cevns = Binning.Spread(Cevns.Predict(parameters), Timing),
        ElectronScattering = Binning.Spread(ElectronScattering.Predict(parameters), Timing),
        Backgrounds = Backgrounds,
        Observed = Observed,
        Notes = Notes,
    };

    IDatasetLikelihood ILikelihoodProvider.Likelihood() => Likelihood();

    /// <summary>The binned Poisson likelihood (<see cref="SnsBinnedLikelihood"/>) with the release's systematics as nuisances.</summary>
    public abstract SnsBinnedLikelihood Likelihood();
}
