namespace Cevns.Physics.Electroweak;

/// <summary>
/// Atomic parity violation (APV) in a heavy atom: the measured weak charge and its dependence on the neutron radius
/// (docs/physics.md sec. 11).
///
/// Measured weak charge (Cadeddu and Dordei, arXiv:1808.10202, Eq. (2), the structure of their extraction):
/// Q_W = -N [Im E_PNC / beta]_exp beta / k_PNC, where E_PNC = beta (Im E_PNC / beta) converted from a0^3 x (V/cm) to |e| a0
/// with the atomic unit of field E_h / (e a0) = 5.14220674763e9 V/cm (CODATA 2018), and k_PNC = E_PNC / (-Q_W / N) the
/// atomic-theory amplitude in units of 1e-11 i |e| a0.
///
/// Neutron-skin dependence: the weak charge density is weighted by the product of the s1/2 and p1/2 electron wave functions,
/// f(r) = g_s f_p - f_s g_p normalised at r = 0 (gamma5 swaps large and small components), which inside a uniformly charged
/// sphere of radius R is, to O((Z alpha)^2),
/// f(r) = 1 - (Z alpha)^2 [ (1/2) (r/R)^2 - (1/10) (r/R)^4 + (1/150) (r/R)^6 ].
/// Source: derived here from the radial Dirac equations with the electron energy and mass neglected against the nuclear
/// Coulomb potential (power series with exact fractions, tests/Cevns.Tests/Reference/apv_skin_weighting.py, part 1). It is
/// the form attributed to Horowitz, Pollock, Souder, Michaels, PRC 63 (2001) 025501 (nucl-th/9912038) and used for the Cs skin
/// correction by Cadeddu and Dordei (arXiv:1808.10202); those papers, Pollock and Welliver (Nucl. Phys. A 663 (2000) 381c),
/// Viatkina et al. (arXiv:1903.00123) and Brown, Derevianko, Flambaum (arXiv:0804.4315) are stored here only as their
/// openings, which neither state the form nor quote a skin-correction value to compare with. Size of what the O((Z alpha)^2)
/// form leaves out (same script, part 2: the Dirac equations solved to all orders in Z alpha with the Coulomb potential outside R, where the
/// polynomial is used here for neutron spheres larger than the charge sphere):
/// the skin correction below is 4.3 % smaller for 133Cs (+0.301 instead of +0.315 at the default R_n = 5.01 fm) and 9.6 %
/// smaller for 208Pb (+1.030 instead of +1.139 at R_n = 5.74 fm); both differences are at most 0.03 of the measurement errors.
/// With q_{p,n} = int rho_{p,n} f, the amplitude is proportional to Z Q_W^p q_p + N Q_W^n q_n, so a theory amplitude computed
/// for q_n = q_p measures the effective charge Q_W,eff = Q_W + N Q_W^n (q_n / q_p - 1): a neutron skin (q_n &lt; q_p) makes
/// |Q_W,eff| smaller than |Q_W|. The moments &lt;r^2k&gt; of the proton and neutron densities are those of uniform spheres
/// with the same rms radius (R_eq^2 = 5/3 R_rms^2, &lt;r^2k&gt; = 3 R_eq^2k / (2k + 3)) and R the uniform radius of the charge
/// distribution. Approximation: the Helm or Fermi densities change the r^4, r^6 moments by a few per cent of a term that
/// is itself 30 % of the correction.
/// </summary>
public static class AtomicParityViolation
{
    /// <summary>Atomic unit of electric field in V/cm (CODATA 2018: 5.14220674763e11 V/m).</summary>
    public const double AtomicUnitOfFieldVPerCm = 5.14220674763e9;

    /// <summary>
    /// Q_W from the measured Im E_PNC / beta (mV/cm), the vector transition polarisability beta (a0^3) and the theory
    /// amplitude k_PNC (1e-11 i |e| a0 per unit -Q_W/N): -N (E/beta) beta / (E_au k).
    /// </summary>
    public static double WeakChargeFromAmplitude(int n, double imEpncOverBetaMvPerCm, double betaA03, double theoryAmplitude1e11)
    {
        double epnc = imEpncOverBetaMvPerCm * 1e-3 * betaA03 / AtomicUnitOfFieldVPerCm; // in |e| a0
        return -n * epnc / (theoryAmplitude1e11 * 1e-11);
    }

    /// <summary>Relative error of that Q_W: the quadrature sum of the relative errors of the three inputs.</summary>
    public static double RelativeError(double imEpncOverBeta, double imEpncOverBetaError, double beta, double betaError,
        double theory, double theoryError) =>
        Math.Sqrt(Math.Pow(imEpncOverBetaError / imEpncOverBeta, 2) + Math.Pow(betaError / beta, 2) + Math.Pow(theoryError / theory, 2));

    /// <summary>
    /// q(R_rms) = int rho f for a uniform-sphere density of rms radius <paramref name="rmsRadiusFm"/> in the field of a uniform charge
    /// of rms radius <paramref name="chargeRmsRadiusFm"/>: 1 - (Z alpha)^2 [x^2 (3/5)/2 - x^4 (3/7)/10 + x^6 (1/3)/150], x = R_eq / R.
    /// </summary>
    public static double Overlap(int z, double rmsRadiusFm, double chargeRmsRadiusFm)
    {
        double za = z * Constants.Alpha;
        double x2 = rmsRadiusFm * rmsRadiusFm / (chargeRmsRadiusFm * chargeRmsRadiusFm); // (R_eq / R)^2: both scale by 5/3
        return 1 - za * za * (0.5 * 0.6 * x2 - 0.1 * (3.0 / 7.0) * x2 * x2 + (1.0 / 150.0) * (1.0 / 3.0) * x2 * x2 * x2);
    }

    /// <summary>
    /// The effective weak charge an APV experiment interpreted with a skin-free theory amplitude measures:
    /// Q_W(s^2) + N Q_W^n (q_n / q_p - 1).
    /// </summary>
    public static double EffectiveWeakCharge(int z, int n, double sin2, double neutronRadiusFm, double protonRadiusFm, double chargeRadiusFm)
    {
        double ratio = Overlap(z, neutronRadiusFm, chargeRadiusFm) / Overlap(z, protonRadiusFm, chargeRadiusFm);
        return WeakCharges.NuclearWeakCharge(z, n, sin2) + n * WeakCharges.BoundNeutronWeakCharge * (ratio - 1);
    }
}
