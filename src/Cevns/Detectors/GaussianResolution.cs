using MathNet.Numerics.Distributions;

namespace Cevns.Detectors;

/// <summary>
/// Gaussian resolution in keVee, centred on the true electron-equivalent energy, with a width sigma(E_true) given by
/// the subclass. Cumulative moments are analytic: with z = (x - mu)/sigma, P(X &lt; x) = Phi(z),
/// E[(X - mu) 1{X &lt; x}] = -sigma phi(z), E[(X - mu)^2 1{X &lt; x}] = sigma^2 (Phi(z) - z phi(z)).
/// </summary>
public abstract class GaussianResolution : IContinuousResolution
{
    private const double InvSqrt2Pi = 0.39894228040143267794;

    public ReconstructedScale Scale => ReconstructedScale.KeVee;

    /// <summary>Standard deviation (keVee) of the reconstructed energy for true energy <paramref name="trueKeVee"/> (&gt;= 0).</summary>
    public abstract double SigmaKeVee(double trueKeVee);

    public double MeanReconstructed(double electronEquivalentMeV)
    {
        Resolution.RequireEnergy(electronEquivalentMeV);
        return electronEquivalentMeV * 1e3;
    }

    public void CumulativeMoments(double electronEquivalentMeV, ReadOnlySpan<double> points,
        Span<double> cdf, Span<double> centred1, Span<double> centred2)
    {
        Resolution.RequireEnergy(electronEquivalentMeV);
        Resolution.RequireLengths(points, cdf, centred1, centred2);
        double mu = electronEquivalentMeV * 1e3, sigma = SigmaKeVee(mu);
        if (!(sigma >= 0) || double.IsInfinity(sigma))
            throw new InvalidOperationException($"resolution width {sigma} keVee at {mu} keVee is not a finite value >= 0");
        for (int k = 0; k < points.Length; k++)
        {
            if (sigma == 0)
            {
                cdf[k] = points[k] > mu ? 1 : 0;
                centred1[k] = centred2[k] = 0;
                continue;
            }
            double z = (points[k] - mu) / sigma;
            double phi = InvSqrt2Pi * Math.Exp(-0.5 * z * z);
            double big = Normal.CDF(0, 1, z);
            cdf[k] = big;
            centred1[k] = -sigma * phi;
            centred2[k] = sigma * sigma * (big - z * phi);
        }
    }
}
