namespace Cevns.Physics.FormFactors;

/// <summary>
/// Symmetrized Fermi form factor (D.W.L. Sprung and J. Martorell, J. Phys. A 30 (1997) 6525;
/// J. Piekarewicz, A.R. Linero, P. Giuliani, E. Chicken, Phys. Rev. C 94 (2016) 034316;
/// docs/physics.md section 3). Density
/// rho(r) = rho0 sinh(c/a) / (cosh(r/a) + cosh(c/a)), rho0 = 3 / (4 pi c (c^2 + pi^2 a^2)),
/// whose Fourier transform is analytic:
/// F(q) = 3 / (qc ((qc)^2 + (pi q a)^2)) (pi q a / sinh(pi q a)) (pi q a coth(pi q a) sin(qc) - qc cos(qc)),
/// and whose mean-square radius is &lt;r^2&gt; = 3/5 c^2 + 7/5 pi^2 a^2. The half-density radius c follows from
/// the rms radius at fixed diffuseness a (default 0.52 fm, the value of Piekarewicz et al. and docs/physics.md).
/// </summary>
public sealed class SymmetrizedFermiFormFactor : IFormFactor
{
    public const double DefaultDiffusenessFm = 0.52;

    public double RmsRadiusFm { get; }
    public double DiffusenessFm { get; }
    public double HalfDensityRadiusFm { get; }

    // With x = qc, y = pi q a the closed form is rewritten as
    // F = (y / sinh y) [ wY * 3(y coth y - 1)/y^2 * j0(x) + wX * 3 j1(x)/x ],
    // wX = c^2 / (c^2 + pi^2 a^2), wY = 1 - wX, which has no cancellation as q -> 0 (every factor -> 1).
    private readonly double _weightSphere;
    private readonly double _weightSurface;
    private readonly double _centralDensityPerFm3;

    /// <param name="rmsRadiusFm">Point-nucleon rms radius; needs R_rms^2 &gt; 7/5 pi^2 a^2 (c real and positive).</param>
    /// <param name="diffusenessFm">Surface diffuseness a &gt; 0.</param>
    public SymmetrizedFermiFormFactor(double rmsRadiusFm, double diffusenessFm = DefaultDiffusenessFm)
        : this(rmsRadiusFm, diffusenessFm, HalfDensityRadiusFromRms(rmsRadiusFm, diffusenessFm))
    {
    }

    private SymmetrizedFermiFormFactor(double rmsRadiusFm, double diffusenessFm, double halfDensityRadiusFm)
    {
        RmsRadiusFm = rmsRadiusFm;
        DiffusenessFm = diffusenessFm;
        HalfDensityRadiusFm = halfDensityRadiusFm;
        double c2 = halfDensityRadiusFm * halfDensityRadiusFm;
        double pa2 = Math.PI * Math.PI * diffusenessFm * diffusenessFm;
        _weightSphere = c2 / (c2 + pa2);
        _weightSurface = pa2 / (c2 + pa2);
        _centralDensityPerFm3 = 3.0 / (4 * Math.PI * halfDensityRadiusFm * (c2 + pa2));
    }

    /// <summary>Form factor of the density with half-density radius c and diffuseness a (both &gt; 0).</summary>
    public static SymmetrizedFermiFormFactor FromShape(double halfDensityRadiusFm, double diffusenessFm)
    {
        if (!(halfDensityRadiusFm > 0) || double.IsInfinity(halfDensityRadiusFm))
            throw new ArgumentOutOfRangeException(nameof(halfDensityRadiusFm),
                $"symmetrized Fermi half-density radius must be finite and > 0 fm, got {halfDensityRadiusFm}");
        CheckDiffuseness(diffusenessFm);
        double rms = Math.Sqrt(0.6 * halfDensityRadiusFm * halfDensityRadiusFm
                               + 1.4 * Math.PI * Math.PI * diffusenessFm * diffusenessFm);
        return new SymmetrizedFermiFormFactor(rms, diffusenessFm, halfDensityRadiusFm);
    }

    private static double HalfDensityRadiusFromRms(double rmsRadiusFm, double diffusenessFm)
    {
        CheckDiffuseness(diffusenessFm);
        double minRms = Math.Sqrt(1.4) * Math.PI * diffusenessFm;
        double c2 = HalfDensityRadiusSquared(rmsRadiusFm, diffusenessFm);
        if (!(c2 > 0) || double.IsInfinity(c2))
            throw new ArgumentOutOfRangeException(nameof(rmsRadiusFm),
                $"symmetrized Fermi form factor needs finite R_rms > sqrt(7/5) pi a = {minRms:F3} fm, got {rmsRadiusFm} fm");
        return Math.Sqrt(c2);
    }

    /// <summary>Whether the form factor exists at this rms radius (for a valid a): c^2 = 5/3 (R_rms^2 - 7/5 pi^2 a^2) finite and
    /// &gt; 0; the constructor rejects exactly the radii for which this is false.</summary>
    public static bool IsDefinedAt(double rmsRadiusFm, double diffusenessFm = DefaultDiffusenessFm)
    {
        double c2 = HalfDensityRadiusSquared(rmsRadiusFm, diffusenessFm);
        return c2 > 0 && !double.IsInfinity(c2);
    }

    private static double HalfDensityRadiusSquared(double rmsRadiusFm, double diffusenessFm)
    {
        double minRms = Math.Sqrt(1.4) * Math.PI * diffusenessFm;
        return 5.0 / 3.0 * (rmsRadiusFm * rmsRadiusFm - minRms * minRms);
    }

    private static void CheckDiffuseness(double diffusenessFm)
    {
        if (!(diffusenessFm > 0) || double.IsInfinity(diffusenessFm))
            throw new ArgumentOutOfRangeException(nameof(diffusenessFm),
                $"symmetrized Fermi diffuseness must be finite and > 0 fm, got {diffusenessFm}");
    }

    /// <summary>Nucleon density normalised to int 4 pi r^2 rho dr = 1, in fm^-3.</summary>
    public double DensityAt(double rFm)
    {
        double a = DiffusenessFm, c = HalfDensityRadiusFm;
        // sinh(c/a) / (cosh(r/a) + cosh(c/a)) divided through by cosh(c/a) to stay finite for large r/a.
        double ratio = Math.Cosh(rFm / a) / Math.Cosh(c / a);
        return _centralDensityPerFm3 * Math.Tanh(c / a) / (ratio + 1);
    }

    public double At(double qPerFm)
    {
        double x = qPerFm * HalfDensityRadiusFm;
        double y = Math.PI * qPerFm * DiffusenessFm;
        return YOverSinhY(y) * (_weightSurface * ThreeCothTerm(y) * SphericalBessel.J0(x)
                                + _weightSphere * SphericalBessel.ThreeJ1OverX(x));
    }

    /// <summary>y / sinh y, equal to 1 at y = 0 and finite (0) for huge y.</summary>
    private static double YOverSinhY(double y)
    {
        y = Math.Abs(y);
        if (y < 1e-4)
            return 1 - y * y / 6;
        if (y > 700)
            return 0;
        return y / Math.Sinh(y);
    }

    /// <summary>
    /// 3 (y coth y - 1) / y^2, equal to 1 at y = 0. Below y = 0.1 the Bernoulli series
    /// y coth y = 1 + y^2/3 - y^4/45 + 2 y^6/945 - y^8/4725 + 2 y^10/93555 - ... is used (next term &lt; 1e-16).
    /// </summary>
    private static double ThreeCothTerm(double y)
    {
        double y2 = y * y;
        if (y2 < 0.01)
            return 1 + y2 * (-1.0 / 15 + y2 * (2.0 / 315 + y2 * (-1.0 / 1575 + y2 * (2.0 / 31185))));
        return 3 * (y / Math.Tanh(y) - 1) / y2;
    }
}
