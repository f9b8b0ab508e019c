namespace Cevns.Detectors;

/// <summary>
/// Gaussian resolution with FWHM(E) = a + b sqrt(E + c E^2) keV, E in keVee, sigma = FWHM / (2 sqrt(2 ln 2)) (the form used
/// for the Ge-Mini detectors, ge-mini-2024/SOURCE.md; their a, b, c are facts of the dataset definition, model fwhm-sqrt).
/// </summary>
public sealed class FwhmSqrtResolution : GaussianResolution
{
    /// <summary>FWHM / sigma of a Gaussian, 2 sqrt(2 ln 2) (the source code rounds it to 2.355).</summary>
    public const double FwhmPerSigma = 2.3548200450309493;

    public double A { get; }
    public double B { get; }
    public double C { get; }

    public FwhmSqrtResolution(double a, double b, double c)
    {
        if (!(a >= 0 && a < 10) || !(b >= 0 && b < 10) || !(c >= 0 && c < 10))
            throw new ArgumentOutOfRangeException(nameof(a), $"FWHM parameters must lie in [0, 10) keV, got a={a}, b={b}, c={c}");
        A = a;
        B = b;
        C = c;
    }

    public double FwhmKeV(double trueKeVee)
    {
        double e = Math.Max(trueKeVee, 0);
        return A + B * Math.Sqrt(e + C * e * e);
    }

    public override double SigmaKeVee(double trueKeVee) => FwhmKeV(trueKeVee) / FwhmPerSigma;
}
