using Cevns.Detectors;
using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Physics.Nuclei;
using Cevns.Sources;

namespace Cevns.Datasets;

/// <summary>
/// CEvNS and nu-e scattering of one detector exposed to one flux, in reconstructed-energy bins, each built once: flux
/// moments on the recoil grid and the response matrix (quenching -&gt; resolution -&gt; efficiency for nuclear recoils;
/// resolution -&gt; efficiency for electron recoils, which are seen at their energy, docs/physics.md section 5). The static
/// builders serve every dataset kind (also for the +-1 sigma detector variants of a likelihood); an instance holds the
/// pair of a detector with one response (the reactor datasets).
/// </summary>
public sealed class DetectorSignals
{
    public BinnedSignal Cevns { get; }

    /// <summary>nu-e scattering, or null for a target without it (Ar).</summary>
    public BinnedSignal? ElectronScattering { get; }

    /// <summary>CEvNS with a Migdal electron (<see cref="MigdalSignal"/>), or null when the channel is off.</summary>
    public MigdalSignal? Migdal { get; }

    private DetectorSignals(BinnedSignal cevns, BinnedSignal? es, MigdalSignal? migdal)
    {
        Cevns = cevns;
        ElectronScattering = es;
        Migdal = migdal;
    }

    /// <summary>CEvNS in the bins, on the nuclear-recoil grid of <paramref name="integration"/> (<see cref="BinnedSignal.GridFor"/>).</summary>
    /// <param name="targetUnits">Atoms (formula units) in the detector.</param>
    public static BinnedSignal CevnsSignal(TargetMaterial target, double targetUnits, INeutrinoFlux flux, DetectorResponse response,
        IReadOnlyList<double> binEdges, SignalIntegration integration, CrossSectionOptions? options = null)
    {
        var grid = BinnedSignal.GridFor(target, ScatteringChannel.Cevns, flux, integration.MinRecoilKeV * 1e-3, integration.Panels, integration.Order);
        return new BinnedSignal(target, targetUnits, flux, ScatteringChannel.Cevns,
            response.BuildMatrix(grid, binEdges, integration.EfficiencyRefinement), options ?? CrossSectionOptions.Default);
    }

    /// <summary>nu-e scattering in the bins, on the electron-recoil grid of <paramref name="integration"/> (<see cref="ElectronRecoilGrid"/>,
    /// optionally ending at <paramref name="maxMeV"/> and with extra panel edges); not quenched.</summary>
    public static BinnedSignal ElectronSignal(TargetMaterial target, double targetUnits, INeutrinoFlux flux, IResolution resolution,
        IEfficiency? efficiency, IReadOnlyList<double> binEdges, SignalIntegration integration, CrossSectionOptions? options = null,
        double? maxMeV = null, IEnumerable<double>? extraBreakpointsMeV = null)
    {
        var grid = ElectronRecoilGrid.For(target, flux, integration.MinRecoilKeV * 1e-3, integration.Panels, integration.Order, maxMeV, extraBreakpointsMeV);
        return new BinnedSignal(target, targetUnits, flux, ScatteringChannel.ElectronScattering,
            ElectronResponse(resolution, efficiency).BuildMatrix(grid, binEdges, integration.EfficiencyRefinement), options ?? CrossSectionOptions.Default);
    }

    /// <summary>The response to an electron recoil: its full energy is visible (quenching factor 1).</summary>
    public static DetectorResponse ElectronResponse(IResolution resolution, IEfficiency? efficiency) =>
        new(new ConstantQuenchingFactor(1.0), resolution, efficiency);

    /// <summary>Whether nu-e scattering is modelled for a target: not where an element is deliberately excluded (Ar, docs/physics.md section 5).</summary>
    public static bool HasElectronScattering(TargetMaterial target) => target.Elements.Any(e => !EffectiveElectronCount.IsExcluded(e));

    /// <summary>
    /// Both signals of a detector with one response; one integration setting for both grids. With a Gaussian resolution
    /// of ~70 eVee every recoil can reach a reactor analysis window, so the nuclear-recoil grid starts far below the
    /// threshold (the electron-recoil grid at the target's ionisation threshold, <see cref="ElectronRecoilGrid"/>) and the
    /// panels must resolve the bin response (a 10 eVee bin seen through sigma ~ 70 eVee) over the whole range.
    /// </summary>
    public static DetectorSignals Build(TargetMaterial target, double targetUnits, INeutrinoFlux flux, IQuenching quenching,
        IResolution resolution, IEfficiency? efficiency, IReadOnlyList<double> binEdgesKeVee, SignalIntegration integration,
        CrossSectionOptions? options = null, MigdalChoice? migdal = null)
    {
        var response = new DetectorResponse(quenching, resolution, efficiency);
        return new(CevnsSignal(target, targetUnits, flux, response, binEdgesKeVee, integration, options),
            HasElectronScattering(target) ? ElectronSignal(target, targetUnits, flux, resolution, efficiency, binEdgesKeVee, integration, options) : null,
            migdal is null ? null : MigdalSignal.Build(target, targetUnits, flux, response, binEdgesKeVee, integration, migdal.Table, migdal.MaxN, options));
    }

    /// <summary>Expected events per bin: CEvNS and nu-e scattering by species (the latter empty without ES).</summary>
    public (Dictionary<NeutrinoSpecies, double[]> Cevns, Dictionary<NeutrinoSpecies, double[]> ElectronScattering) Predict(PhysicsParameters parameters) =>
        (Cevns.Predict(parameters), ElectronScattering?.Predict(parameters) ?? []);

    /// <summary>Expected Migdal events per bin by species (empty when the channel is off).</summary>
    public Dictionary<NeutrinoSpecies, double[]> PredictMigdal(PhysicsParameters parameters) => Migdal?.Predict(parameters) ?? [];

    /// <summary>Migdal events per shell and bin (empty when the channel is off).</summary>
    public IReadOnlyList<MigdalShellCounts> PredictMigdalByShell(PhysicsParameters parameters) =>
        Migdal?.PredictByShell(parameters).Select(x => new MigdalShellCounts(x.Shell.Name, x.Counts)).ToArray() ?? [];
}
