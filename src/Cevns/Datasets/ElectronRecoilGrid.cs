using Cevns.Detectors;
using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Physics.Nuclei;
using Cevns.Sources;

namespace Cevns.Datasets;

/// <summary>
/// The recoil grid of nu-e scattering on a target's atomic electrons, for every dataset: log panels from minMeV to the
/// largest electron recoil of the flux (or a lower <c>maxMeV</c> when the detector response ends well below it), with
/// panel edges at the maximal recoils of the flux's spectral edges (as <see cref="BinnedSignal.GridFor"/>), at every
/// binding-energy step of the elements' Z_eff tables (<see cref="EffectiveElectronCount.ThresholdsMeV"/>, docs/physics.md
/// section 5), where the electron-recoil density jumps, and at any extra breakpoints the caller needs (e.g. reconstructed
/// bin edges when the resolution is much narrower than the bins); Gauss-Legendre panels then never straddle a jump.
/// The grid never starts below the target's ionisation threshold (the lowest <see cref="EffectiveElectronCount.IonisationThresholdMeV"/>
/// of its elements, docs/physics.md sec. 5): recoils below it produce no charge, so a detector's resolution smears only
/// deposits that exist and the spectrum does not depend on the numerical lower limit <c>minMeV</c> once that is below the threshold.
/// </summary>
public static class ElectronRecoilGrid
{
    public static RecoilGrid For(TargetMaterial target, INeutrinoFlux flux, double minMeV, int panels, int order = 8,
        double? maxMeV = null, IEnumerable<double>? extraBreakpointsMeV = null)
    {
        double me = Constants.ElectronMassMeV;
        double startMeV = Math.Max(minMeV, IonisationThresholdMeV(target));
        var edges = flux.SpectralEdgesMeV.Select(e => Kinematics.MaxRecoilMeV(e, me)).ToList();
        foreach (var element in target.Elements)
            if (EffectiveElectronCount.TryGet(element, out var zeff))
                edges.AddRange(zeff.ThresholdsMeV);
        if (extraBreakpointsMeV is not null)
            edges.AddRange(extraBreakpointsMeV);
        return RecoilGrid.LogPanels(startMeV, maxMeV ?? Kinematics.MaxRecoilMeV(flux.MaxEnergyMeV, me), panels, order, edges);
    }

    /// <summary>The lowest recoil (MeV) that ionises any element of the target with a Z_eff table (0 if none has one).</summary>
    public static double IonisationThresholdMeV(TargetMaterial target)
    {
        double lowest = double.PositiveInfinity;
        foreach (var element in target.Elements)
            if (EffectiveElectronCount.TryGet(element, out var zeff))
                lowest = Math.Min(lowest, zeff.IonisationThresholdMeV);
        return double.IsPositiveInfinity(lowest) ? 0.0 : lowest;
    }
}
