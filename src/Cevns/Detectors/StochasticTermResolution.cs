namespace Cevns.Detectors;

/// <summary>
/// Resolution with only a stochastic term, sigma / E = a / sqrt(E[keVee]), i.e. sigma = a sqrt(E) keVee.
/// The width is evaluated at the true energy (the CENNS-10 release states it in terms of the reconstructed energy;
/// for a Gaussian centred on the true energy the two agree to first order in sigma/E).
/// </summary>
public sealed class StochasticTermResolution : GaussianResolution
{
    public double ASqrtKeV { get; }

    public StochasticTermResolution(double aSqrtKeV)
    {
        if (!(aSqrtKeV > 0 && aSqrtKeV < 100))
            throw new ArgumentOutOfRangeException(nameof(aSqrtKeV), aSqrtKeV, "stochastic term a must lie in (0, 100) keV^(1/2)");
        ASqrtKeV = aSqrtKeV;
    }

    public override double SigmaKeVee(double trueKeVee) => ASqrtKeV * Math.Sqrt(Math.Max(trueKeVee, 0));
}
