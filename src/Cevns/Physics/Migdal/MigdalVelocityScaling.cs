namespace Cevns.Physics.Migdal;

/// <summary>
/// How the ionisation probability of the tables scales with the recoil (Ibe et al., arXiv:1707.07258, sec. 2-3): in the
/// frame of the recoiling nucleus each electron is boosted by v, so the transition amplitude is that of the operator
/// exp(-i q_e . sum_i x_i) with q_e = m_e v. For q_e times the atomic size small (q_e a_0 = 0.04 for a 3 keV Ge recoil, the
/// end of reactor spectra), the amplitude is linear and the probability quadratic in q_e (dipole approximation), so
/// dp/dE_e(q_e) = (q_e / q_ref)^2 dp/dE_e(q_ref).
/// <para>
/// The tables (data/migdal/SOURCE.md) are at q_ref = 1 eV/c and hold 2 pi dp/dE_e: the convention of their CSV
/// conversion (wimprates) divides by 2 pi. This factor was checked independently (tests/migdal/hydrogenic_bound.py,
/// <c>MigdalTransitionTableTests</c>): the 1s probability of the table divided by 2 pi lies between the hydrogenic
/// ionisation probability and the hydrogenic total transition probability (dipole sum rule) with Slater's screened
/// charge, for Ge and Ar; without the division it exceeds the sum-rule bound by a factor 3 (Ge) and 4 (Ar).
/// </para>
/// </summary>
public static class MigdalVelocityScaling
{
    /// <summary>Reference electron momentum of the tables, eV/c.</summary>
    public const double ReferenceMomentumEv = 1.0;

    /// <summary>Factor by which the tabulated numbers exceed dp/dE_e at the reference momentum (see the class remarks).</summary>
    public const double TableFactor = 2 * Math.PI;

    /// <summary>Velocity (units of c) of a nucleus of mass <paramref name="nuclearMassMeV"/> with kinetic energy T (non-relativistic, T &lt;&lt; M).</summary>
    public static double RecoilVelocity(double recoilMeV, double nuclearMassMeV) => Math.Sqrt(2 * recoilMeV / nuclearMassMeV);

    /// <summary>q_e = m_e v in eV/c.</summary>
    public static double ElectronMomentumEv(double recoilMeV, double nuclearMassMeV) =>
        Constants.ElectronMassMeV * 1e6 * RecoilVelocity(recoilMeV, nuclearMassMeV);

    /// <summary>
    /// dp/dE_e(T) / (tabulated number) = (q_e / q_ref)^2 / (2 pi) = 2 m_e^2 T / (M q_ref^2 2 pi): linear in the recoil energy.
    /// </summary>
    public static double TableScale(double recoilMeV, double nuclearMassMeV)
    {
        double q = ElectronMomentumEv(recoilMeV, nuclearMassMeV) / ReferenceMomentumEv;
        return q * q / TableFactor;
    }
}
