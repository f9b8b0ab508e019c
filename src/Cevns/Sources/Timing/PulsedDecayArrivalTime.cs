using MathNet.Numerics.Distributions;

namespace Cevns.Sources.Timing;

/// <summary>
/// Arrival times computed from the proton pulse and the decay lifetimes: protons on target arrive
/// with a Gaussian time profile (mean, width), the prompt nu_mu follow after an exponential pion
/// decay time (tau_pi) and the delayed nu_e / anti-nu_mu after pion plus muon decay times
/// (hypo-exponential, tau_pi and tau_mu). Flight time differences are neglected (all neutrinos
/// travel at c over the same baseline). CDFs in closed form:
/// Gaussian (x) exponential: F_tau(t) = Phi(z) - H_tau(t), z = (t - mu)/sigma,
/// H_tau(t) = exp(-(t - mu)/tau + sigma^2/(2 tau^2)) Phi(z - sigma/tau) (exponentially modified Gaussian);
/// delayed: F(t) = Phi(z) - (tau_mu H_mu(t) - tau_pi H_pi(t)) / (tau_mu - tau_pi).
/// H is evaluated as exp(-z^2/2) erfcx(-(z - sigma/tau)/sqrt 2)/2 where the exponential would overflow.
/// Defaults: POT trace mean 440 ns, width 150 ns (CENNS-10 release LArParametersAnlA.yaml,
/// snsPOTTraceTiming); lifetimes from PDG 2024 (pi+-: 2.6033e-8 s; mu: 2.1969811e-6 s).
/// </summary>
public sealed class PulsedDecayArrivalTime : ArrivalTimeDistribution
{
    /// <summary>Charged-pion mean life, ns (PDG 2024: 2.6033e-8 s).</summary>
    public const double PionLifetimeNs = 26.033;

    /// <summary>Muon mean life, ns (PDG 2024: 2.1969811e-6 s).</summary>
    public const double MuonLifetimeNs = 2196.9811;

    /// <summary>POT-trace mean of the CENNS-10 release (LArParametersAnlA.yaml), ns.</summary>
    public const double Cenns10PulseMeanNs = 440.0;

    /// <summary>POT-trace Gaussian width of the CENNS-10 release (LArParametersAnlA.yaml), ns.</summary>
    public const double Cenns10PulseWidthNs = 150.0;

    public PulsedDecayArrivalTime(double pulseMeanNs = Cenns10PulseMeanNs, double pulseWidthNs = Cenns10PulseWidthNs,
        double offsetUs = 0.0, double pionLifetimeNs = PionLifetimeNs, double muonLifetimeNs = MuonLifetimeNs)
        : base(offsetUs)
    {
        if (!double.IsFinite(pulseMeanNs))
            throw new ArgumentOutOfRangeException(nameof(pulseMeanNs), pulseMeanNs, "pulse mean must be finite (ns)");
        if (!(pulseWidthNs > 0) || !double.IsFinite(pulseWidthNs))
            throw new ArgumentOutOfRangeException(nameof(pulseWidthNs), pulseWidthNs, "pulse width must be finite and > 0 (ns)");
        if (!(pionLifetimeNs > 0) || !double.IsFinite(pionLifetimeNs))
            throw new ArgumentOutOfRangeException(nameof(pionLifetimeNs), pionLifetimeNs, "pion lifetime must be finite and > 0 (ns)");
        if (!(muonLifetimeNs > pionLifetimeNs) || !double.IsFinite(muonLifetimeNs))
            throw new ArgumentOutOfRangeException(nameof(muonLifetimeNs), muonLifetimeNs, "muon lifetime must be finite and longer than the pion lifetime (ns)");
        PulseMeanNs = pulseMeanNs;
        PulseWidthNs = pulseWidthNs;
        PionLifetime = pionLifetimeNs;
        MuonLifetime = muonLifetimeNs;
    }

    public double PulseMeanNs { get; }

    public double PulseWidthNs { get; }

    /// <summary>Pion lifetime used, ns.</summary>
    public double PionLifetime { get; }

    /// <summary>Muon lifetime used, ns.</summary>
    public double MuonLifetime { get; }

    public override ArrivalTimeDistribution WithOffset(double offsetUs) =>
        new PulsedDecayArrivalTime(PulseMeanNs, PulseWidthNs, offsetUs, PionLifetime, MuonLifetime);

    protected override double UnshiftedCdf(SnsComponent component, double tUs)
    {
        double tNs = 1000.0 * tUs;
        if (double.IsNegativeInfinity(tNs))
            return 0.0;
        if (double.IsPositiveInfinity(tNs))
            return 1.0;
        double z = (tNs - PulseMeanNs) / PulseWidthNs;
        double phi = Normal.CDF(0, 1, z);
        double cdf = component == SnsComponent.Prompt
            ? phi - Tail(z, PionLifetime)
            : phi - (MuonLifetime * Tail(z, MuonLifetime) - PionLifetime * Tail(z, PionLifetime)) / (MuonLifetime - PionLifetime);
        return Math.Clamp(cdf, 0.0, 1.0);
    }

    /// <summary>H_tau = E[exp(-(t - X)/tau); X &lt;= t] for X ~ N(mu, sigma^2), as a function of z = (t - mu)/sigma.</summary>
    private double Tail(double z, double tau)
    {
        double s = PulseWidthNs / tau;
        double b = z - s;
        if (b >= 0)
            return Math.Exp(-b * s - 0.5 * s * s) * Normal.CDF(0, 1, b);
        // exp(-z s + s^2/2) Phi(b) = exp(-z^2/2) erfcx(-b/sqrt 2) / 2, free of overflow.
        return Math.Exp(-0.5 * z * z) * 0.5 * ErrorFunctions.Erfcx(-b / Math.Sqrt(2.0));
    }
}
