using Cevns.Physics;

namespace Cevns.Sources;

/// <summary>
/// Energy spectra of the neutrinos from mu+ decay at rest (mu+ -> e+ nu_e anti-nu_mu), normalised
/// to one neutrino per decay, in x = E / m_mu on [0, 1/2] (electron mass neglected):
/// nu_e: 192 x^2 (1/2 - x), anti-nu_mu: 64 x^2 (3/4 - x) per unit x, i.e. (192/m_mu)(E/m_mu)^2(1/2 - E/m_mu)
/// and (64/m_mu)(E/m_mu)^2(3/4 - E/m_mu) per MeV (docs/physics.md section 7; e.g. COHERENT,
/// Science 357, 1123 (2017), supplementary Eq. S1). Mean energies: nu_e 0.3 m_mu, anti-nu_mu 0.35 m_mu.
/// All threshold moments are polynomials in x_min = E_min / m_mu, integrated here in closed form.
/// </summary>
public static class MichelSpectra
{
    /// <summary>Endpoint m_mu / 2 (MeV).</summary>
    public const double EndpointMeV = Constants.MuonMassMeV / 2;

    /// <summary>dN/dE (MeV^-1, one neutrino per decay) of nu_e from mu+ decay at rest.</summary>
    public static double ElectronNeutrinoDensity(double energyMeV)
    {
        double x = energyMeV / Constants.MuonMassMeV;
        return x is < 0 or > 0.5 ? 0.0 : 192.0 / Constants.MuonMassMeV * x * x * (0.5 - x);
    }

    /// <summary>dN/dE (MeV^-1, one neutrino per decay) of anti-nu_mu from mu+ decay at rest.</summary>
    public static double MuonAntineutrinoDensity(double energyMeV)
    {
        double x = energyMeV / Constants.MuonMassMeV;
        return x is < 0 or > 0.5 ? 0.0 : 64.0 / Constants.MuonMassMeV * x * x * (0.75 - x);
    }

    /// <summary>int_{E_min}^{m_mu/2} dN/dE E^-n dE for nu_e, n = 0, 1, 2 (MeV^-n).</summary>
    public static FluxMoments ElectronNeutrinoMomentsAbove(double eMinMeV)
    {
        double x0 = Math.Clamp(eMinMeV / Constants.MuonMassMeV, 0.0, 0.5);
        // Antiderivatives of 96 x^(2-n) - 192 x^(3-n): n=0: 32x^3 - 48x^4, n=1: 48x^2 - 64x^3, n=2: 96x - 96x^2.
        static double A0(double x) => x * x * x * (32 - 48 * x);
        static double A1(double x) => x * x * (48 - 64 * x);
        static double A2(double x) => x * (96 - 96 * x);
        return Scale(A0(0.5) - A0(x0), A1(0.5) - A1(x0), A2(0.5) - A2(x0));
    }

    /// <summary>int_{E_min}^{m_mu/2} dN/dE E^-n dE for anti-nu_mu, n = 0, 1, 2 (MeV^-n).</summary>
    public static FluxMoments MuonAntineutrinoMomentsAbove(double eMinMeV)
    {
        double x0 = Math.Clamp(eMinMeV / Constants.MuonMassMeV, 0.0, 0.5);
        // Antiderivatives of 48 x^(2-n) - 64 x^(3-n): n=0: 16x^3 - 16x^4, n=1: 24x^2 - (64/3)x^3, n=2: 48x - 32x^2.
        static double A0(double x) => x * x * x * (16 - 16 * x);
        static double A1(double x) => x * x * (24 - 64.0 / 3.0 * x);
        static double A2(double x) => x * (48 - 32 * x);
        return Scale(A0(0.5) - A0(x0), A1(0.5) - A1(x0), A2(0.5) - A2(x0));
    }

    // The x-integrals carry m_mu^-n when converted to E^-n moments.
    private static FluxMoments Scale(double i0, double i1, double i2) =>
        new(i0, i1 / Constants.MuonMassMeV, i2 / (Constants.MuonMassMeV * Constants.MuonMassMeV));
}
