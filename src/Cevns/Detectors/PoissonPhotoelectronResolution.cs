namespace Cevns.Detectors;

/// <summary>
/// Photoelectron counting statistics: N ~ Poisson(LY E_ee), as used for the CsI[Na] 2017 data
/// (COHERENT, Science 357, 1123 (2017); its light yield is a fact of coherent-csi-2017.yaml, model poisson-pe). The reconstructed observable is the integer count; a bin [lo, hi) holds the counts lo &lt;= n &lt; hi.
/// </summary>
public sealed class PoissonPhotoelectronResolution : ICountingResolution
{
    public ReconstructedScale Scale => ReconstructedScale.Photoelectrons;

    public double LightYieldPePerKeVee { get; }

    public PoissonPhotoelectronResolution(double lightYieldPePerKeVee)
    {
        if (!(lightYieldPePerKeVee > 0 && lightYieldPePerKeVee < 1e4))
            throw new ArgumentOutOfRangeException(nameof(lightYieldPePerKeVee), lightYieldPePerKeVee, "light yield must lie in (0, 1e4) PE/keVee");
        LightYieldPePerKeVee = lightYieldPePerKeVee;
    }

    public double MeanReconstructed(double electronEquivalentMeV)
    {
        Resolution.RequireEnergy(electronEquivalentMeV);
        return LightYieldPePerKeVee * electronEquivalentMeV * 1e3;
    }

    /// <summary>P(N = n) = mu^n e^-mu / n!, by the recursion ln p_n = ln p_(n-1) + ln mu - ln n (no overflow for large mu).</summary>
    public void CountProbabilities(double electronEquivalentMeV, Span<double> probabilities)
    {
        double mu = MeanReconstructed(electronEquivalentMeV);
        if (probabilities.Length == 0)
            return;
        if (mu == 0)
        {
            probabilities.Clear();
            probabilities[0] = 1;
            return;
        }
        double lnMu = Math.Log(mu), lnP = -mu;
        probabilities[0] = Math.Exp(lnP);
        for (int n = 1; n < probabilities.Length; n++)
        {
            lnP += lnMu - Math.Log(n);
            probabilities[n] = Math.Exp(lnP);
        }
    }
}
