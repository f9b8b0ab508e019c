using MathNet.Numerics.RootFinding;

namespace Cevns.Detectors;

/// <summary>Numerical inverse of an increasing quenching curve E_ee(T_nr), shared by the analytic models.</summary>
internal static class QuenchingInverse
{
    /// <summary>
    /// T with eeOfRecoil(T) = ee for an increasing eeOfRecoil with eeOfRecoil(0) = 0: the bracket [0, hi] is
    /// doubled from <paramref name="initialUpperMeV"/> until it contains the root, then narrowed by Brent's method
    /// (R. P. Brent, Algorithms for Minimization without Derivatives (1973), ch. 4; MathNet.Numerics'
    /// <see cref="Brent"/>) to 1e-16 of the bracket, i.e. machine precision.
    /// </summary>
    public static double Solve(Func<double, double> eeOfRecoil, double ee, double initialUpperMeV, string parameterName)
    {
        if (!(ee >= 0) || double.IsInfinity(ee))
            throw new ArgumentOutOfRangeException(parameterName, ee, $"{parameterName} must be a finite energy >= 0 MeV");
        if (ee == 0)
            return 0;
        double lo = 0, hi = initialUpperMeV;
        int doublings = 0;
        while (eeOfRecoil(hi) < ee)
        {
            lo = hi;
            hi *= 2;
            if (++doublings > 60)
                throw new ArgumentOutOfRangeException(parameterName, ee, $"{parameterName} = {ee} MeVee is not reached by any recoil energy");
        }
        return Brent.FindRoot(t => eeOfRecoil(t) - ee, lo, hi, 1e-16 * hi, 200);
    }

    public static void RequireRecoil(double recoilMeV, string parameterName)
    {
        if (!(recoilMeV >= 0) || double.IsInfinity(recoilMeV))
            throw new ArgumentOutOfRangeException(parameterName, recoilMeV, $"{parameterName} must be a finite energy >= 0 MeV");
    }
}
