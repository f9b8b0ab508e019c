using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Cevns.Statistics;

/// <summary>
/// Delta chi^2 thresholds of profile-likelihood intervals and contours (Wilks' theorem; PDG Review of
/// Particle Physics 2024, "Statistics", Table 40.2). The named constants are the rounded values quoted
/// in docs/physics.md section 9 and in most CEvNS papers; <see cref="ForConfidenceLevel"/> gives exact quantiles.
/// </summary>
public static class DeltaChi2Levels
{
    public const double OneSigma1D = 1.0;
    public const double Cl90OneDof = 2.71;
    public const double TwoSigma1D = 4.0;
    public const double ThreeSigma1D = 9.0;

    public const double OneSigma2D = 2.30;
    public const double Cl90TwoDof = 4.61;
    public const double TwoSigma2D = 6.18;

    public static IReadOnlyList<double> Standard1D { get; } = [OneSigma1D, Cl90OneDof, TwoSigma1D, ThreeSigma1D];

    public static IReadOnlyList<double> Standard2D { get; } = [OneSigma2D, Cl90TwoDof, TwoSigma2D];

    /// <summary>Exact chi^2 quantile with <paramref name="dof"/> degrees of freedom at <paramref name="confidenceLevel"/>.</summary>
    public static double ForConfidenceLevel(double confidenceLevel, int dof)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), $"confidence level {confidenceLevel} must be in (0, 1)");
        if (dof < 1)
            throw new ArgumentOutOfRangeException(nameof(dof), $"degrees of freedom {dof} must be >= 1");
        return ChiSquared.InvCDF(dof, confidenceLevel);
    }

    /// <summary>Two-sided Gaussian coverage of n sigma: erf(n / sqrt 2) (0.6827 for 1, 0.9545 for 2).</summary>
    public static double ConfidenceLevelOfSigma(double nSigma) => SpecialFunctions.Erf(nSigma / Math.Sqrt(2.0));

    /// <summary>Confidence level a Delta chi^2 threshold corresponds to with <paramref name="dof"/> degrees of freedom.</summary>
    public static double ConfidenceLevelOf(double deltaChi2, int dof) => ChiSquared.CDF(dof, deltaChi2);
}
