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
/// Neutron-skin dependence: the electron wave functions' overlap with the nucleus is weighted by
/// f(r) = 1 - (Z alpha)^2 [ (1/2) (r/R)^2 - (1/10) (r/R)^4 + (1/150) (r/R)^6 ] (the s1/2-p1/2 electron density product inside a
/// uniformly charged sphere of radius R, expanded in Z alpha). SOURCE NOT READ: written from memory as the form of
/// Horowitz, Pollock, Souder, Michaels, PRC 63 (2001) 025501 (nucl-th/9912038), which Cadeddu and Dordei (arXiv:1808.10202)
/// use for the Cs skin correction; the stored pages of arXiv:1808.10202, 1903.00123 (Viatkina et al.) and 0804.4315 (Brown,
/// Derevianko, Flambaum) give only their abstracts and openings, which do not state it. Tests check the implementation of this
/// form (AtomicParityViolationTests), not the form itself.
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
