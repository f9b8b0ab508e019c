namespace Cevns.Physics;

/// <summary>
/// Elastic two-body kinematics of a massless neutrino of energy E on a target of mass M at rest
/// that recoils with kinetic energy T (all MeV; docs/physics.md section 2). Exact, no approximation.
/// </summary>
public static class Kinematics
{
    /// <summary>Largest recoil kinetic energy, T_max = 2E^2 / (M + 2E).</summary>
    public static double MaxRecoilMeV(double neutrinoEnergyMeV, double targetMassMeV) =>
        2 * neutrinoEnergyMeV * neutrinoEnergyMeV / (targetMassMeV + 2 * neutrinoEnergyMeV);

    /// <summary>Smallest neutrino energy giving recoil T: E_min = (T + sqrt(T^2 + 2MT)) / 2 (inverse of T_max).</summary>
    public static double MinNeutrinoEnergyMeV(double recoilMeV, double targetMassMeV) =>
        0.5 * (recoilMeV + Math.Sqrt(recoilMeV * recoilMeV + 2 * targetMassMeV * recoilMeV));

    /// <summary>
    /// Minus the four-momentum transfer squared, Q^2 = -q^2 = 2 M T (exact for elastic scattering);
    /// this is what enters photon and mediator propagators.
    /// </summary>
    public static double InvariantMomentumTransferSquaredMeV2(double recoilMeV, double targetMassMeV) =>
        2 * targetMassMeV * recoilMeV;

    /// <summary>
    /// Three-momentum transfer squared in the target rest frame, |q|^2 = 2 M T + T^2 (the argument
    /// of nuclear form factors; the T^2 term is usually dropped, giving |q|^2 = 2 M T).
    /// </summary>
    public static double ThreeMomentumTransferSquaredMeV2(double recoilMeV, double targetMassMeV) =>
        2 * targetMassMeV * recoilMeV + recoilMeV * recoilMeV;
}
