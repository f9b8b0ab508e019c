using Cevns.Physics.FormFactors;

namespace Cevns.Physics.Electroweak;

/// <summary>
/// Parity-violating elastic electron-nucleus scattering (PREX-II on 208Pb, CREX on 48Ca): the weak form factor at the
/// experiment's momentum transfer, F_W(q) = [Z Q_W^p F_p(q) + N Q_W^n F_n(q)] G(q) / [Z Q_W^p + N Q_W^n]
/// (docs/physics.md sec. 11), with Helm point-nucleon form factors of the proton and neutron rms radii (docs/physics.md sec. 3)
/// and G(q) = exp(-q^2 r_p^2 / 6) the nucleon's own size (r_p = 0.8409 fm; the neutron weak form factor is, to this order,
/// the proton charge form factor because Q_W^n is carried by the d quarks' charge-like coupling). Approximations: the
/// experiments extract F_W with distorted-wave calculations and include strange and magnetic nucleon terms and spin-orbit
/// currents; these are percent effects at q = 0.40 fm^-1 and are neglected here, as is the Coulomb distortion.
/// </summary>
public static class ParityViolatingElectronScattering
{
    /// <summary>Weak form factor F_W(q) of a nucleus (Z, N) at q (fm^-1), with s^2 at the experiment's scale.</summary>
    public static double WeakFormFactor(int z, int n, double qPerFm, double sin2, double protonRadiusFm, double neutronRadiusFm)
    {
        double qp = WeakCharges.ProtonWeakCharge(sin2), qn = WeakCharges.NeutronWeakCharge;
        double fp = new HelmFormFactor(protonRadiusFm).At(qPerFm);
        double fn = new HelmFormFactor(neutronRadiusFm).At(qPerFm);
        double nucleon = Math.Exp(-qPerFm * qPerFm * NucleiRadius2 / 6);
        return (z * qp * fp + n * qn * fn) * nucleon / (z * qp + n * qn);
    }

    private const double NucleiRadius2 = Nuclei.NuclearCatalog.ProtonChargeRadiusFm * Nuclei.NuclearCatalog.ProtonChargeRadiusFm;

    /// <summary>|q| in fm^-1 from Q^2 in GeV^2: sqrt(Q^2) / (hbar c).</summary>
    public static double MomentumTransferPerFm(double q2GeV2) => Math.Sqrt(q2GeV2) * 1000.0 / Constants.HbarCMeVFm;
}
