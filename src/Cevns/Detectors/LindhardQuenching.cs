namespace Cevns.Detectors;

/// <summary>
/// Lindhard quenching factor (J. Lindhard, V. Nielsen, M. Scharff, P. Thomsen, Mat. Fys. Medd. Dan. Vid. Selsk.
/// 33, no. 10 (1963)), in the parametrisation of docs/physics.md section 8:
/// f = k g / (1 + k g), g = 3 eps^0.15 + 0.7 eps^0.6 + eps, eps = 11.5 Z^(-7/3) T_nr[keV].
/// For Ge, k = 0.162 +- 0.004 (CONUS, Bonhomme et al., EPJC 82, 815 (2022)) is the default; COHERENT Ge-Mini uses
/// 0.157 (alternatives 0.142 "TUNL", 0.1789 "Scholz"; ge-mini-2024/SOURCE.md).
/// </summary>
public sealed class LindhardQuenching : IQuenching
{
    /// <summary>CONUS measurement for Ge (docs/physics.md section 8).</summary>
    public const double GermaniumDefaultK = 0.162;

    /// <summary>Ge-Mini nominal k (ge-mini-2024/SOURCE.md).</summary>
    public const double GermaniumGeMiniK = 0.157;

    private readonly double _epsPerKeV;

    public double K { get; }
    public int Z { get; }

    public LindhardQuenching(double k, int z)
    {
        if (!(k > 0 && k < 10))
            throw new ArgumentOutOfRangeException(nameof(k), k, "Lindhard k must lie in (0, 10)");
        if (z < 1 || z > 120)
            throw new ArgumentOutOfRangeException(nameof(z), z, "atomic number Z must lie in [1, 120]");
        K = k;
        Z = z;
        _epsPerKeV = 11.5 * Math.Pow(z, -7.0 / 3.0);
    }

    /// <summary>Ge (Z = 32) with the given k (default 0.162).</summary>
    public static LindhardQuenching Germanium(double k = GermaniumDefaultK) => new(k, 32);

    /// <summary>The reduced energy eps = 11.5 Z^(-7/3) T_nr[keV].</summary>
    public double ReducedEnergy(double recoilMeV) => _epsPerKeV * recoilMeV * 1e3;

    /// <summary>The quenching factor f(T_nr) (dimensionless; 0 at T = 0).</summary>
    public double Factor(double recoilMeV)
    {
        QuenchingInverse.RequireRecoil(recoilMeV, nameof(recoilMeV));
        double eps = ReducedEnergy(recoilMeV);
        if (eps == 0)
            return 0;
        double g = 3 * Math.Pow(eps, 0.15) + 0.7 * Math.Pow(eps, 0.6) + eps;
        return K * g / (1 + K * g);
    }

    public double ElectronEquivalentMeV(double recoilMeV) => Factor(recoilMeV) * recoilMeV;

    /// <summary>Exact inverse (f T increases monotonically with T).</summary>
    public double RecoilMeV(double electronEquivalentMeV) =>
        QuenchingInverse.Solve(ElectronEquivalentMeV, electronEquivalentMeV, 1e-3, nameof(electronEquivalentMeV));
}
