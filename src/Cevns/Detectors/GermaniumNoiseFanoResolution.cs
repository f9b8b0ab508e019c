namespace Cevns.Detectors;

/// <summary>
/// Germanium ionisation resolution sigma^2 = sigma_n^2 + eta F E_ee (docs/physics.md section 8): electronic noise
/// sigma_n plus Fano-limited pair statistics with eta = 2.96 eV per electron-hole pair and Fano factor F ~ 0.11.
/// </summary>
public sealed class GermaniumNoiseFanoResolution : GaussianResolution
{
    /// <summary>Mean energy per electron-hole pair in Ge, 2.96 eV (docs/physics.md section 8).</summary>
    public const double DefaultPairEnergyKeV = 0.00296;

    /// <summary>Fano factor of Ge, 0.11 (docs/physics.md section 8).</summary>
    public const double DefaultFano = 0.11;

    public double NoiseKeV { get; }
    public double Fano { get; }
    public double PairEnergyKeV { get; }

    public GermaniumNoiseFanoResolution(double noiseKeV, double fano = DefaultFano, double pairEnergyKeV = DefaultPairEnergyKeV)
    {
        if (!(noiseKeV >= 0 && noiseKeV < 10))
            throw new ArgumentOutOfRangeException(nameof(noiseKeV), noiseKeV, "noise sigma_n must lie in [0, 10) keV");
        if (!(fano >= 0 && fano <= 1))
            throw new ArgumentOutOfRangeException(nameof(fano), fano, "Fano factor must lie in [0, 1]");
        if (!(pairEnergyKeV > 0 && pairEnergyKeV < 0.1))
            throw new ArgumentOutOfRangeException(nameof(pairEnergyKeV), pairEnergyKeV, "pair-creation energy must lie in (0, 0.1) keV");
        NoiseKeV = noiseKeV;
        Fano = fano;
        PairEnergyKeV = pairEnergyKeV;
    }

    public override double SigmaKeVee(double trueKeVee) =>
        Math.Sqrt(NoiseKeV * NoiseKeV + PairEnergyKeV * Fano * Math.Max(trueKeVee, 0));
}
