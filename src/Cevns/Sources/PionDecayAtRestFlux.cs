using Cevns.Physics;

namespace Cevns.Sources;

/// <summary>
/// Neutrinos from pi+ decay at rest and the subsequent mu+ decay at rest at a spallation source
/// (docs/physics.md section 7): a prompt monochromatic nu_mu line at (m_pi^2 - m_mu^2) / (2 m_pi) = 29.79 MeV
/// and delayed nu_e and anti-nu_mu with the Michel spectra of <see cref="MichelSpectra"/> up to m_mu / 2.
/// Each of the three species carries the same fluence r N_POT / (4 pi L^2) (r neutrinos per proton per
/// flavour, N_POT protons on target, baseline L). All moments are closed-form; the prompt line's
/// moments are step functions of E_min, M_n = Phi E_line^-n for E_min &lt;= E_line and 0 above.
/// </summary>
public sealed class PionDecayAtRestFlux : INeutrinoFlux
{
    private static readonly NeutrinoSpecies[] SpeciesList = [NeutrinoSpecies.NuMu, NeutrinoSpecies.NuE, NeutrinoSpecies.NuMuBar];

    /// <summary>Energy of the prompt nu_mu line from pi+ -> mu+ nu_mu at rest (two-body kinematics), MeV.</summary>
    public static double PromptLineEnergyMeV { get; } =
        (Constants.ChargedPionMassMeV * Constants.ChargedPionMassMeV - Constants.MuonMassMeV * Constants.MuonMassMeV)
        / (2 * Constants.ChargedPionMassMeV);

    /// <summary>Flux with the given fluence per flavour (neutrinos per cm^2 over the exposure).</summary>
    public PionDecayAtRestFlux(double fluencePerFlavourPerCm2)
    {
        if (!double.IsFinite(fluencePerFlavourPerCm2) || fluencePerFlavourPerCm2 < 0)
            throw new ArgumentOutOfRangeException(nameof(fluencePerFlavourPerCm2), fluencePerFlavourPerCm2,
                "fluence per flavour must be finite and >= 0 (cm^-2)");
        FluencePerFlavourPerCm2 = fluencePerFlavourPerCm2;
    }

    /// <summary>Flux from r neutrinos per proton per flavour, N_POT protons on target and baseline L (m).</summary>
    public PionDecayAtRestFlux(double neutrinosPerProtonPerFlavour, double protonsOnTarget, double baselineM)
        : this(FluencePerFlavour(neutrinosPerProtonPerFlavour, protonsOnTarget, baselineM))
    {
    }

    /// <summary>Neutrinos per cm^2 per flavour over the exposure.</summary>
    public double FluencePerFlavourPerCm2 { get; }

    public IReadOnlyList<NeutrinoSpecies> Species => SpeciesList;

    public double MaxEnergyMeV => MichelSpectra.EndpointMeV;

    /// <summary>The prompt line and the Michel end point: the recoil spectrum has kinks at their maximal recoils.</summary>
    public IReadOnlyList<double> SpectralEdgesMeV => [PromptLineEnergyMeV, MichelSpectra.EndpointMeV];

    /// <summary>Fluence per flavour r N_POT / (4 pi L^2) in cm^-2 with L given in metres.</summary>
    public static double FluencePerFlavour(double neutrinosPerProtonPerFlavour, double protonsOnTarget, double baselineM)
    {
        if (!double.IsFinite(neutrinosPerProtonPerFlavour) || neutrinosPerProtonPerFlavour < 0)
            throw new ArgumentOutOfRangeException(nameof(neutrinosPerProtonPerFlavour), neutrinosPerProtonPerFlavour,
                "neutrinos per proton per flavour must be finite and >= 0");
        if (!double.IsFinite(protonsOnTarget) || protonsOnTarget < 0)
            throw new ArgumentOutOfRangeException(nameof(protonsOnTarget), protonsOnTarget, "protons on target must be finite and >= 0");
        if (!double.IsFinite(baselineM) || baselineM <= 0)
            throw new ArgumentOutOfRangeException(nameof(baselineM), baselineM, "baseline must be finite and > 0 (m)");
        double baselineCm = 100.0 * baselineM;
        return neutrinosPerProtonPerFlavour * protonsOnTarget / (4 * Math.PI * baselineCm * baselineCm);
    }

    /// <summary>
    /// Continuous part of dPhi/dE (cm^-2 MeV^-1) of one species; the prompt nu_mu line is a delta
    /// function of weight <see cref="FluencePerFlavourPerCm2"/> at <see cref="PromptLineEnergyMeV"/> and gives 0 here.
    /// </summary>
    public double ContinuousDensity(NeutrinoSpecies species, double energyMeV) => species switch
    {
        NeutrinoSpecies.NuE => FluencePerFlavourPerCm2 * MichelSpectra.ElectronNeutrinoDensity(energyMeV),
        NeutrinoSpecies.NuMuBar => FluencePerFlavourPerCm2 * MichelSpectra.MuonAntineutrinoDensity(energyMeV),
        _ => 0.0,
    };

    public FluxMoments MomentsAbove(NeutrinoSpecies species, double eMinMeV)
    {
        if (double.IsNaN(eMinMeV))
            throw new ArgumentOutOfRangeException(nameof(eMinMeV), eMinMeV, "threshold energy must not be NaN");
        switch (species)
        {
            case NeutrinoSpecies.NuMu:
                {
                    if (eMinMeV > PromptLineEnergyMeV)
                        return FluxMoments.Zero;
                    double e = PromptLineEnergyMeV;
                    return FluencePerFlavourPerCm2 * new FluxMoments(1.0, 1.0 / e, 1.0 / (e * e));
                }
            case NeutrinoSpecies.NuE:
                return FluencePerFlavourPerCm2 * MichelSpectra.ElectronNeutrinoMomentsAbove(eMinMeV);
            case NeutrinoSpecies.NuMuBar:
                return FluencePerFlavourPerCm2 * MichelSpectra.MuonAntineutrinoMomentsAbove(eMinMeV);
            default:
                return FluxMoments.Zero;
        }
    }
}
