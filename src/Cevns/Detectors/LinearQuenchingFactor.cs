namespace Cevns.Detectors;

/// <summary>
/// Quenching factor linear in the recoil energy, f = a + b T_nr[keV], so E_ee = a T + b T^2 (inverse in closed form).
/// CENNS-10 argon (coherent-ar-2020.yaml, from the release's larQF) fits 0-125 keVnr; the line is used as is beyond.
/// </summary>
public sealed class LinearQuenchingFactor : IQuenching
{
    public double A { get; }
    public double BPerKeV { get; }

    public LinearQuenchingFactor(double a, double bPerKeV)
    {
        if (!(a > 0 && a <= 1))
            throw new ArgumentOutOfRangeException(nameof(a), a, "quenching-factor intercept a must lie in (0, 1]");
        if (!(Math.Abs(bPerKeV) < 1))
            throw new ArgumentOutOfRangeException(nameof(bPerKeV), bPerKeV, "quenching-factor slope b must lie in (-1, 1) per keVnr");
        A = a;
        BPerKeV = bPerKeV;
    }

    public double Factor(double recoilMeV)
    {
        QuenchingInverse.RequireRecoil(recoilMeV, nameof(recoilMeV));
        return A + BPerKeV * recoilMeV * 1e3;
    }

    public double ElectronEquivalentMeV(double recoilMeV) => Factor(recoilMeV) * recoilMeV;

    /// <summary>Root of b' T^2 + a T - E = 0 (b' = 1e3 b per MeV) in the cancellation-free form 2E / (a + sqrt(a^2 + 4 b' E)).</summary>
    public double RecoilMeV(double electronEquivalentMeV)
    {
        QuenchingInverse.RequireRecoil(electronEquivalentMeV, nameof(electronEquivalentMeV));
        double bPerMeV = BPerKeV * 1e3;
        double disc = A * A + 4 * bPerMeV * electronEquivalentMeV;
        if (disc < 0)
            throw new ArgumentOutOfRangeException(nameof(electronEquivalentMeV), electronEquivalentMeV,
                "electron-equivalent energy is above the maximum of this (decreasing) quenching line");
        return 2 * electronEquivalentMeV / (A + Math.Sqrt(disc));
    }
}
