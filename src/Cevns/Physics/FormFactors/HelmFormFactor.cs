namespace Cevns.Physics.FormFactors;

/// <summary>
/// Helm form factor (R.H. Helm, Phys. Rev. 104 (1956) 1466; docs/physics.md section 3):
/// F(q) = 3 j1(q R0) / (q R0) exp(-q^2 s^2 / 2), surface thickness s = 0.9 fm,
/// box radius from the rms radius: R0^2 = 5/3 (R_rms^2 - 3 s^2).
/// </summary>
public sealed class HelmFormFactor : IFormFactor
{
    public const double DefaultSurfaceThicknessFm = 0.9;

    public double RmsRadiusFm { get; }
    public double SurfaceThicknessFm { get; }
    public double BoxRadiusFm { get; }

    public HelmFormFactor(double rmsRadiusFm, double surfaceThicknessFm = DefaultSurfaceThicknessFm)
    {
        double r0Sq = BoxRadiusSquared(rmsRadiusFm, surfaceThicknessFm);
        if (!(r0Sq > 0))
            throw new ArgumentOutOfRangeException(nameof(rmsRadiusFm),
                $"Helm form factor needs R_rms > sqrt(3) s = {Math.Sqrt(3) * surfaceThicknessFm:F3} fm, got {rmsRadiusFm} fm");
        RmsRadiusFm = rmsRadiusFm;
        SurfaceThicknessFm = surfaceThicknessFm;
        BoxRadiusFm = Math.Sqrt(r0Sq);
    }

    /// <summary>Whether the form factor exists at this rms radius: R0^2 = 5/3 (R_rms^2 - 3 s^2) &gt; 0, i.e. R_rms &gt; sqrt(3) s
    /// (1.559 fm at s = 0.9 fm); the constructor rejects exactly the radii for which this is false.</summary>
    public static bool IsDefinedAt(double rmsRadiusFm, double surfaceThicknessFm = DefaultSurfaceThicknessFm) =>
        BoxRadiusSquared(rmsRadiusFm, surfaceThicknessFm) > 0;

    private static double BoxRadiusSquared(double rmsRadiusFm, double surfaceThicknessFm) =>
        5.0 / 3.0 * (rmsRadiusFm * rmsRadiusFm - 3 * surfaceThicknessFm * surfaceThicknessFm);

    public double At(double qPerFm) => AtWithSurfaceFactor(qPerFm, SurfaceFactor(qPerFm, SurfaceThicknessFm));

    /// <summary>The Gaussian surface factor exp(-q^2 s^2 / 2): independent of the radius.</summary>
    public static double SurfaceFactor(double qPerFm, double surfaceThicknessFm) =>
        Math.Exp(-0.5 * qPerFm * qPerFm * surfaceThicknessFm * surfaceThicknessFm);

    /// <summary>F(q) = 3 j1(q R0) / (q R0) times the given <see cref="SurfaceFactor"/> of q and this form factor's s: on a fixed
    /// grid of q the surface factors are computed once, and a new radius costs only the box factors (same numbers as
    /// <see cref="At"/>, which is this with the factor computed on the spot).</summary>
    public double AtWithSurfaceFactor(double qPerFm, double surfaceFactor) => SphericalBessel.ThreeJ1OverX(qPerFm * BoxRadiusFm) * surfaceFactor;
}
