using Cevns.Physics;
using Cevns.Sources.Spectra;

namespace Cevns.Sources.Reactor;

/// <summary>
/// Electron antineutrinos from a reactor at the detector: the per-fission spectrum of a
/// <see cref="IReactorSpectrumModel"/> for given fission fractions (and 238U captures per fission),
/// cut at <see cref="MaxEnergyMeV"/> (10 MeV: docs/physics.md section 7, reactor spectra are set to zero
/// above), normalised so that its integral equals the experiment's total flux (cm^-2 s^-1) and
/// multiplied by the live time (s): the fluence dPhi/dE in cm^-2 MeV^-1. The spectrum shape enters
/// only through the per-fission spectrum divided by its integral.
/// </summary>
public sealed class ReactorFlux : INeutrinoFlux
{
    public const double DefaultMaxEnergyMeV = 10.0;

    private static readonly NeutrinoSpecies[] SpeciesList = [NeutrinoSpecies.NuEBar];
    private readonly SpectrumMomentTable _table;

    /// <param name="model">Spectrum model (e.g. <see cref="ReactorSpectrumModels.Hmve"/>).</param>
    /// <param name="fractions">Fission fractions.</param>
    /// <param name="totalFluxPerCm2PerS">Total antineutrino flux at the detector below the cut, cm^-2 s^-1.</param>
    /// <param name="liveTimeS">Live time, s.</param>
    /// <param name="capturesPerFission">238U(n,gamma) captures per fission (needs a model that supports them).</param>
    /// <param name="maxEnergyMeV">Cut: no flux above this energy.</param>
    /// <param name="maxCellWidthMeV">Width of the internal moment-quadrature cells.</param>
    public ReactorFlux(IReactorSpectrumModel model, FissionFractions fractions, double totalFluxPerCm2PerS, double liveTimeS,
        double capturesPerFission = 0.0, double maxEnergyMeV = DefaultMaxEnergyMeV, double maxCellWidthMeV = 0.01)
    {
        if (!double.IsFinite(totalFluxPerCm2PerS) || totalFluxPerCm2PerS < 0)
            throw new ArgumentOutOfRangeException(nameof(totalFluxPerCm2PerS), totalFluxPerCm2PerS, "total flux must be finite and >= 0 (cm^-2 s^-1)");
        if (!double.IsFinite(liveTimeS) || liveTimeS < 0)
            throw new ArgumentOutOfRangeException(nameof(liveTimeS), liveTimeS, "live time must be finite and >= 0 (s)");
        if (!(maxEnergyMeV > 0) || !double.IsFinite(maxEnergyMeV))
            throw new ArgumentOutOfRangeException(nameof(maxEnergyMeV), maxEnergyMeV, "maximum energy must be finite and > 0 MeV");
        CheckCaptures(capturesPerFission, model);

        Model = model;
        Fractions = fractions;
        CapturesPerFission = capturesPerFission;
        TotalFluxPerCm2PerS = totalFluxPerCm2PerS;
        LiveTimeS = liveTimeS;
        PerFissionSpectrum = model.PerFission(fractions, capturesPerFission);

        var unit = new SpectrumMomentTable(PerFissionSpectrum, 1.0, maxEnergyMeV, maxCellWidthMeV);
        NeutrinosPerFission = unit.Total;
        if (!(NeutrinosPerFission > 0))
            throw new ArgumentException($"reactor model '{model.Name}' has no antineutrinos below {maxEnergyMeV} MeV");
        MaxEnergyMeV = unit.MaxEnergyMeV;
        _table = unit.WithScale(FluencePerCm2 / NeutrinosPerFission);
    }

    public IReactorSpectrumModel Model { get; }

    public FissionFractions Fractions { get; }

    public double CapturesPerFission { get; }

    public double TotalFluxPerCm2PerS { get; }

    public double LiveTimeS { get; }

    /// <summary>Total fluence over the live time, cm^-2.</summary>
    public double FluencePerCm2 => TotalFluxPerCm2PerS * LiveTimeS;

    /// <summary>dN/dE per fission (before the cut and normalisation).</summary>
    public ISpectrum PerFissionSpectrum { get; }

    /// <summary>Antineutrinos per fission below the cut in this model.</summary>
    public double NeutrinosPerFission { get; }

    /// <summary>Number of internal quadrature cells.</summary>
    public int CellCount => _table.CellCount;

    public IReadOnlyList<NeutrinoSpecies> Species => SpeciesList;

    public double MaxEnergyMeV { get; }

    /// <summary>Fluence density dPhi/dE, cm^-2 MeV^-1.</summary>
    public double Density(double energyMeV) => _table.Density(energyMeV);

    public FluxMoments MomentsAbove(NeutrinoSpecies species, double eMinMeV) =>
        species == NeutrinoSpecies.NuEBar ? _table.MomentsAbove(eMinMeV) : FluxMoments.Zero;

    /// <summary>
    /// Total flux (cm^-2 s^-1) from thermal power P (W), baseline L (m), mean energy released per fission
    /// (MeV) and antineutrinos per fission: P / E_f * N_nu / (4 pi L^2), isotropic emission.
    /// </summary>
    public static double TotalFluxFromPower(double thermalPowerW, double baselineM, double meanEnergyPerFissionMeV, double neutrinosPerFission)
    {
        if (!double.IsFinite(thermalPowerW) || thermalPowerW < 0)
            throw new ArgumentOutOfRangeException(nameof(thermalPowerW), thermalPowerW, "thermal power must be finite and >= 0 (W)");
        if (!double.IsFinite(baselineM) || baselineM <= 0)
            throw new ArgumentOutOfRangeException(nameof(baselineM), baselineM, "baseline must be finite and > 0 (m)");
        if (!double.IsFinite(meanEnergyPerFissionMeV) || meanEnergyPerFissionMeV <= 0)
            throw new ArgumentOutOfRangeException(nameof(meanEnergyPerFissionMeV), meanEnergyPerFissionMeV, "energy per fission must be finite and > 0 (MeV)");
        if (!double.IsFinite(neutrinosPerFission) || neutrinosPerFission < 0)
            throw new ArgumentOutOfRangeException(nameof(neutrinosPerFission), neutrinosPerFission, "antineutrinos per fission must be finite and >= 0");
        double fissionsPerS = thermalPowerW / (meanEnergyPerFissionMeV * Constants.MeVInJoule);
        double baselineCm = 100.0 * baselineM;
        return fissionsPerS * neutrinosPerFission / (4 * Math.PI * baselineCm * baselineCm);
    }

    internal static void CheckCaptures(double capturesPerFission, IReactorSpectrumModel model)
    {
        if (!double.IsFinite(capturesPerFission) || capturesPerFission < 0)
            throw new ArgumentOutOfRangeException(nameof(capturesPerFission), capturesPerFission, "captures per fission must be finite and >= 0");
        if (capturesPerFission > 0 && !model.SupportsNeutronCapture)
            throw new ArgumentOutOfRangeException(nameof(capturesPerFission), capturesPerFission,
                $"reactor model '{model.Name}' has no separate 238U neutron-capture spectrum (captures per fission must be 0)");
    }
}
