namespace Cevns.Physics.Electroweak;

/// <summary>
/// Scale dependence of the MS-bar weak mixing angle sin^2 theta_W(mu), mu = |Q|, below the Z mass: a leading-log,
/// one-loop, fermion-only evolution with step thresholds (docs/physics.md sec. 11). It is an APPROXIMATION of the
/// PDG / Erler-Ramsey-Musolf (hep-ph/0409169) / Erler-Ferro-Hernandez (arXiv:1712.09146) calculation, whose equations
/// could not be read here (the stored pages give their abstracts only): no higher orders in alpha_s and alpha, no
/// W-boson term, fixed alpha, and the non-perturbative hadronic region replaced by one light-quark decoupling scale.
///
/// The photon-Z mixing of a fermion f (colour factor N_c, weak isospin T_f, charge Q_f) moves the effective mixing angle
/// of a neutral-current amplitude by d s^2 / d ln mu^2 = -(alpha / 3 pi) N_c (T_f Q_f / 2 - s^2 Q_f^2) while f is active
/// (mu above its mass): the vector part T_f/2 of the left-handed isospin current mixes with the charge current. Between
/// thresholds the equation is linear in s^2 and is solved exactly, s^2(L) = A/B + (s^2(L0) - A/B) exp[(alpha/3 pi) B (L - L0)]
/// with L = ln mu^2, A = sum N_c T Q / 2, B = sum N_c Q^2 over the active fermions.
///
/// Inputs: s^2(m_Z) = 0.23122 (PDG 2024 MS-bar value, as quoted in the project brief), m_Z = 91.1876 GeV (PDG), lepton masses
/// (docs/physics.md sec. 1), m_c(m_c) = 1.272 GeV (arXiv:1712.09146 abstract), m_b(m_b) = 4.18 GeV (PDG, not read here), and
/// the u, d, s decoupling scale m_p / 3 = 0.313 GeV (a constituent-quark mass; a physical choice, NOT fitted to the anchor).
/// Accuracy against the published anchor: this evolution gives s^2(0) = 0.2385 where the full calculation gives
/// 0.23873 (docs/physics.md sec. 1; arXiv:1712.09146: 0.23868(5)(2)), i.e. 3e-4 low, 4 % of the total shift from m_Z
/// (tests: WeakMixingRunningTests). The analyses therefore use only the SHAPE: a probe at momentum transfer Q sees
/// s^2(Q) = s^2_0 + [R(Q) - R(0)], where s^2_0 = sin2_theta_w (the low-energy parameter, Q -> 0) and R this curve
/// (<see cref="Shift"/>). Below 0.3 GeV the curve is nearly flat (only e and mu are active and their coefficient is
/// suppressed by 1 - 4 s^2); the full calculation falls by a few 1e-4 between 0 and 0.2 GeV through the hadronic vacuum
/// polarisation, which this approximation misses. Both are smaller than every probe's error here (>= 1.7e-3).
/// </summary>
public static class WeakMixingRunning
{
    /// <summary>MS-bar sin^2 theta_W at m_Z, PDG 2024 (0.23122).</summary>
    public const double Sin2AtZMass = 0.23122;

    /// <summary>Z mass in GeV (PDG 2024).</summary>
    public const double ZMassGeV = 91.1876;

    /// <summary>Decoupling scale of u, d, s: a constituent-quark mass m_p / 3 (see the class comment).</summary>
    public const double LightQuarkScaleGeV = Constants.ProtonMassMeV / 3.0 / 1000.0;

    /// <summary>One fermion of the evolution: mass (threshold) in GeV, colour factor, weak isospin, electric charge.</summary>
    public sealed record Fermion(string Name, double ThresholdGeV, int Colours, double WeakIsospin, double Charge);

    /// <summary>The fermions lighter than the Z that drive the running, with their thresholds.</summary>
    public static IReadOnlyList<Fermion> Fermions { get; } =
    [
        new("e", Constants.ElectronMassMeV / 1000.0, 1, -0.5, -1.0),
        new("mu", Constants.MuonMassMeV / 1000.0, 1, -0.5, -1.0),
        new("tau", Constants.TauMassMeV / 1000.0, 1, -0.5, -1.0),
        new("u", LightQuarkScaleGeV, 3, 0.5, 2.0 / 3.0),
        new("d", LightQuarkScaleGeV, 3, -0.5, -1.0 / 3.0),
        new("s", LightQuarkScaleGeV, 3, -0.5, -1.0 / 3.0),
        new("c", 1.272, 3, 0.5, 2.0 / 3.0),
        new("b", 4.18, 3, -0.5, -1.0 / 3.0),
    ];

    /// <summary>Coefficient alpha / (3 pi) of the evolution (fixed alpha = alpha(0)).</summary>
    public static double Coefficient => Constants.Alpha / (3 * Math.PI);

    /// <summary>A = sum N_c T Q / 2 and B = sum N_c Q^2 over the fermions active at scale mu (threshold below mu).</summary>
    public static (double A, double B) ActiveSums(double muGeV)
    {
        double a = 0, b = 0;
        foreach (var f in Fermions)
        {
            if (f.ThresholdGeV >= muGeV) continue;
            a += f.Colours * f.WeakIsospin * f.Charge / 2;
            b += f.Colours * f.Charge * f.Charge;
        }
        return (a, b);
    }

    /// <summary>
    /// sin^2 theta_W(mu) from <see cref="Sin2AtZMass"/> at m_Z down to mu (GeV; mu &lt;= m_Z; 0 = Thomson limit, reached at the
    /// electron threshold below which nothing runs).
    /// </summary>
    public static double Sin2(double muGeV)
    {
        if (!(muGeV >= 0) || muGeV > ZMassGeV)
            throw new ArgumentOutOfRangeException(nameof(muGeV), $"scale {muGeV} GeV outside [0, m_Z]");
        var thresholds = Fermions.Select(f => f.ThresholdGeV).Distinct().OrderByDescending(t => t).ToList();
        double s2 = Sin2AtZMass, current = ZMassGeV;
        foreach (var threshold in thresholds.Append(0.0))
        {
            double lower = Math.Max(threshold, muGeV);
            if (lower < current && lower > 0)
            {
                var (a, b) = ActiveSums(current * (1 - 1e-12));
                if (b > 0)
                    s2 = a / b + (s2 - a / b) * Math.Exp(Coefficient * b * 2 * Math.Log(lower / current));
            }
            current = lower;
            if (current <= muGeV || current <= 0) break;
        }
        return s2;
    }

    /// <summary>R(Q) - R(0): what a probe at momentum transfer |Q| (GeV) adds to the low-energy sin^2 theta_W.</summary>
    public static double Shift(double momentumTransferGeV) => Sin2(momentumTransferGeV) - Sin2(0.0);

    /// <summary>sin^2 theta_W seen at momentum transfer |Q| (GeV) when the low-energy (Q -> 0) value is <paramref name="sin2AtZero"/>.</summary>
    public static double AtMomentumTransfer(double sin2AtZero, double momentumTransferGeV) => sin2AtZero + Shift(momentumTransferGeV);
}
