namespace Cevns.Physics.Electroweak;

/// <summary>
/// Scale dependence of the MS-bar weak mixing angle s^2(mu) = sin^2 theta_W(mu), mu = |Q|, from the Z mass down to the Thomson
/// limit (docs/physics.md sec. 11), in the formulation of Erler and Ramsey-Musolf (hep-ph/0409169, "The weak mixing angle at
/// low energies") that ties the evolution of s^2 to that of the MS-bar electromagnetic coupling alpha-hat species by species:
///
///   d s^2 / dt = (alpha-hat / 4 pi) sum_i b_i (s^2 - lambda_i),     d (1 / alpha-hat) / dt = -(1 / 4 pi) sum_i b_i,     t = ln mu^2,
///
/// summed over the particles active at mu (threshold below mu; each decouples at its threshold, where the MS-bar one-loop
/// matching of a fermion is continuous). A fermion of colour factor N_c, charge Q and weak isospin T (of its left-handed
/// component) has b = (4/3) N_c Q^2 (the one-loop QED beta coefficient) and lambda = T / (2 Q) (its photon-Z mixing carries the
/// vector coupling T/2 - Q s^2, so b (s^2 - lambda) = -(4/3) N_c Q (T/2 - Q s^2)). For the heavy quarks c and b the factor
/// 1 + alpha_s(mu)/pi (the O(alpha_s) correction of the vector-current correlator, the same for the photon-photon and the
/// photon-Z vector parts, which is why lambda is unchanged) multiplies b. The W system (W bosons with their Goldstone partners)
/// is active between M_W and M_Z with b_W = -7 (the -7/4 ln(mu^2/M_W^2) alpha/pi of alpha-hat, PDG electroweak review) and
/// lambda_W = b_2 / b_em = (-43/6) / (-7) = 43/42: above M_W, s^2 = e^2 / g^2 gives d s^2 / dt = (alpha-hat / 4 pi)(s^2 b_em - b_2)
/// with b_em = b_Y + b_2, and the bosonic parts of the standard one-loop coefficients b_Y = 41/6, b_2 = -19/6 (fermions
/// contribute 20/3 and 4 there) are b_Y = 1/6 and b_2 = -22/3 + 1/6 = -43/6, so b_em = -7 as above. The W term makes s^2
/// fall from M_Z to a minimum at M_W before the fermions drive it up.
///
/// Hadrons: u, d and s are non-perturbative below ~1 GeV. As in hep-ph/0409169 their contribution to s^2 follows their
/// contribution to alpha-hat with the SU(3)-flavour weights (lambda_u = 3/8, lambda_d = lambda_s = 3/4, combined 1/2); they
/// share one effective threshold m_light fixed so that 1/alpha-hat runs from the 5-flavour MS-bar value at M_Z,
/// 1/alpha-hat^(5)(M_Z) = 127.951 (PDG 2024 electroweak review, itself from the dispersive e+e- -> hadrons data) to the
/// Thomson value 1/alpha = 137.035999 at mu -> 0 (m_light = 0.143 GeV; <see cref="LightQuarkThresholdGeV"/>). The anchor
/// s^2(0) is not used to fix anything.
///
/// Approximations (each below the 5e-5 error of the published s^2(0)): alpha_s at one loop (n_f = 5 above m_b, 4 below),
/// no O(alpha_s^2) and higher QCD terms and no O(alpha) QED terms in b (both part of hep-ph/0409169 and arXiv:1712.09146,
/// whose equations could not be read here: the stored pages give the abstracts only); SU(3)-symmetric light quarks (the
/// strange-quark SU(3) breaking is the leading hadronic uncertainty in those papers); the W decoupled at M_W with a continuous
/// s^2 (a one-loop matching constant there would be of order alpha s^2 / 6 pi ~ 1e-4); the light-quark curve between
/// 0.1 and 1 GeV is the perturbative shape with the effective threshold, so probes in that window see a modelled shape.
///
/// Inputs: s^2(M_Z) = 0.23129 (PDG 2024 MS-bar value), M_Z = 91.1876 GeV, M_W = 80.3692 GeV (PDG 2024), alpha_s(M_Z) = 0.1180
/// (PDG 2024), m_c(m_c) = 1.272 GeV (the reference value of arXiv:1712.09146, abstract), m_b(m_b) = 4.18 GeV (PDG), lepton
/// masses (docs/physics.md sec. 1).
/// Result: s^2(0) = 0.238718 against the published 0.23873(5) (PDG 2024 electroweak review; arXiv:1712.09146: 0.23868(5)(2)
/// from 0.23122); an independent Python integration, tests/Cevns.Tests/Reference/weak_mixing_running.py, gives the same curve
/// (WeakMixingRunningTests).
///
/// The analyses use the curve's shape: a probe at momentum transfer Q sees s^2(Q) = s^2_0 + [s^2(Q) - s^2(0)] with s^2_0 =
/// sin2_theta_w, the low-energy parameter (<see cref="Shift"/>).
/// </summary>
public static class WeakMixingRunning
{
    /// <summary>MS-bar s^2(M_Z), PDG 2024 electroweak review: 0.23129(4).</summary>
    public const double Sin2AtZMass = 0.23129;

    /// <summary>Z mass in GeV (PDG 2024).</summary>
    public const double ZMassGeV = 91.1876;

    /// <summary>W mass in GeV (PDG 2024 average 80.3692(133)).</summary>
    public const double WMassGeV = 80.3692;

    /// <summary>1 / alpha-hat^(5)(M_Z), 5-flavour MS-bar (PDG 2024 electroweak review: 127.951(9)).</summary>
    public const double InverseAlphaAtZMass = 127.951;

    /// <summary>alpha_s(M_Z), PDG 2024 world average 0.1180(9).</summary>
    public const double StrongCouplingAtZMass = 0.1180;

    /// <summary>m_c(m_c) = 1.272 GeV (arXiv:1712.09146 reference value) and m_b(m_b) = 4.18 GeV (PDG) in GeV.</summary>
    public const double CharmMassGeV = 1.272, BottomMassGeV = 4.18;

    /// <summary>One-loop QED coefficient of the W system (W and its Goldstone boson): -7.</summary>
    public const double WBeta = -7.0;

    /// <summary>lambda_W = b_2 / b_em of the W system, (-22/3 + 1/6) / (-7) = 43/42.</summary>
    public const double WLambda = 43.0 / 42.0;

    /// <summary>One particle of the evolution: threshold in GeV, colour factor, weak isospin, charge, whether 1 + alpha_s/pi applies.</summary>
    public sealed record Fermion(string Name, double ThresholdGeV, int Colours, double WeakIsospin, double Charge, bool QcdCorrected)
    {
        /// <summary>One-loop QED coefficient b = (4/3) N_c Q^2.</summary>
        public double Beta => 4.0 / 3.0 * Colours * Charge * Charge;

        /// <summary>lambda = T / (2 Q).</summary>
        public double Lambda => WeakIsospin / (2 * Charge);
    }

    /// <summary>Effective threshold of u, d, s in GeV (fixed by 1/alpha-hat(M_Z) -> 1/alpha; see the class comment).</summary>
    public static double LightQuarkThresholdGeV { get; }

    /// <summary>The fermions lighter than the Z, with their thresholds.</summary>
    public static IReadOnlyList<Fermion> Fermions { get; }

    private static readonly Table Curve;

    static WeakMixingRunning()
    {
        LightQuarkThresholdGeV = SolveLightThreshold();
        Fermions = FermionsWith(LightQuarkThresholdGeV);
        Curve = Table.Build(Fermions, stepsPerUnit: 50);
    }

    private static Fermion[] FermionsWith(double lightGeV) =>
    [
        new("e", Constants.ElectronMassMeV / 1000.0, 1, -0.5, -1.0, false),
        new("mu", Constants.MuonMassMeV / 1000.0, 1, -0.5, -1.0, false),
        new("tau", Constants.TauMassMeV / 1000.0, 1, -0.5, -1.0, false),
        new("c", CharmMassGeV, 3, 0.5, 2.0 / 3.0, true),
        new("b", BottomMassGeV, 3, -0.5, -1.0 / 3.0, true),
        // u, d, s: one effective threshold, no explicit alpha_s factor (it is inside the fitted threshold)
        new("u", lightGeV, 3, 0.5, 2.0 / 3.0, false),
        new("d", lightGeV, 3, -0.5, -1.0 / 3.0, false),
        new("s", lightGeV, 3, -0.5, -1.0 / 3.0, false),
    ];

    /// <summary>
    /// alpha_s(mu) at one loop from <see cref="StrongCouplingAtZMass"/>: n_f = 5 above m_b, 4 below (continuous at m_b):
    /// alpha_s(mu) = alpha_s(mu0) / [1 + alpha_s(mu0) b0 ln(mu^2/mu0^2)], b0 = (33 - 2 n_f) / (12 pi).
    /// </summary>
    public static double StrongCoupling(double muGeV)
    {
        static double Run(double a, double mu0, double mu1, int nf) =>
            a / (1 + a * (33 - 2 * nf) / (12 * Math.PI) * Math.Log(mu1 * mu1 / (mu0 * mu0)));
        return muGeV >= BottomMassGeV
            ? Run(StrongCouplingAtZMass, ZMassGeV, muGeV, 5)
            : Run(Run(StrongCouplingAtZMass, ZMassGeV, BottomMassGeV, 5), BottomMassGeV, muGeV, 4);
    }

    /// <summary>
    /// s^2(mu) (GeV; 0 &lt;= mu &lt;= M_Z; nothing runs below the electron mass, so s^2(0) = s^2(m_e)).
    /// </summary>
    public static double Sin2(double muGeV)
    {
        if (!(muGeV >= 0) || muGeV > ZMassGeV)
            throw new ArgumentOutOfRangeException(nameof(muGeV), $"scale {muGeV} GeV outside [0, m_Z]");
        return Curve.At(muGeV).Sin2;
    }

    /// <summary>1 / alpha-hat(mu) of the 5-flavour theory (no W) along the same evolution; 1/alpha at mu -> 0.</summary>
    public static double InverseAlpha(double muGeV)
    {
        if (!(muGeV >= 0) || muGeV > ZMassGeV)
            throw new ArgumentOutOfRangeException(nameof(muGeV), $"scale {muGeV} GeV outside [0, m_Z]");
        return Curve.At(muGeV).InverseAlpha;
    }

    /// <summary>s^2(Q) - s^2(0): what a probe at momentum transfer |Q| (GeV) adds to the low-energy sin^2 theta_W.</summary>
    public static double Shift(double momentumTransferGeV) => Sin2(momentumTransferGeV) - Curve.Thomson.Sin2;

    /// <summary>sin^2 theta_W seen at momentum transfer |Q| (GeV) when the low-energy (Q -> 0) value is <paramref name="sin2AtZero"/>.</summary>
    public static double AtMomentumTransfer(double sin2AtZero, double momentumTransferGeV) => sin2AtZero + Shift(momentumTransferGeV);

    /// <summary>Bisection on the light-quark threshold until 1/alpha-hat reaches 1/alpha at mu -> 0 (it falls as the threshold rises).</summary>
    private static double SolveLightThreshold()
    {
        double lo = 0.02, hi = 2.0;
        for (int i = 0; i < 60 && hi / lo > 1 + 1e-12; i++)
        {
            double mid = Math.Sqrt(lo * hi);
            double inverseAlpha = Table.Build(FermionsWith(mid), stepsPerUnit: 10).Thomson.InverseAlpha;
            if (inverseAlpha > 1 / Constants.Alpha) lo = mid; else hi = mid;
        }
        return Math.Sqrt(lo * hi);
    }

    /// <summary>
    /// The curve on nodes in t = ln mu^2: fourth-order Runge-Kutta between consecutive thresholds (so the set of active particles
    /// is constant within a segment); a scale between nodes is reached by one more Runge-Kutta step from the node above it.
    /// </summary>
    private sealed class Table
    {
        public readonly record struct State(double Sin2, double InverseAlpha);

        private readonly double[] _t;
        private readonly State[] _state;
        private readonly int[] _segment;
        private readonly double[] _thresholdT;       // segment k spans _thresholdT[k] >= t > _thresholdT[k + 1]
        private readonly Fermion[][] _active;         // fermions active in segment k
        private readonly bool[] _wActive;
        public State Thomson { get; }

        private Table(double[] t, State[] state, int[] segment, double[] thresholdT, Fermion[][] active, bool[] wActive)
        {
            _t = t; _state = state; _segment = segment; _thresholdT = thresholdT; _active = active; _wActive = wActive;
            Thomson = state[^1];
        }

        public static Table Build(IReadOnlyList<Fermion> fermions, int stepsPerUnit)
        {
            var scales = fermions.Select(f => f.ThresholdGeV).Append(WMassGeV).Append(ZMassGeV)
                .Where(m => m <= ZMassGeV).Distinct().OrderByDescending(m => m).ToArray();
            var thresholdT = scales.Select(m => 2 * Math.Log(m)).ToArray();
            int segments = scales.Length - 1;
            var active = new Fermion[segments][];
            var wActive = new bool[segments];
            for (int k = 0; k < segments; k++)
            {
                double mid = Math.Sqrt(scales[k] * scales[k + 1]);
                active[k] = fermions.Where(f => f.ThresholdGeV < mid).ToArray();
                wActive[k] = mid > WMassGeV;
            }
            var t = new List<double> { thresholdT[0] };
            var state = new List<State> { new(Sin2AtZMass, InverseAlphaAtZMass) };
            var segment = new List<int> { 0 };
            for (int k = 0; k < segments; k++)
            {
                double span = thresholdT[k] - thresholdT[k + 1];
                int n = Math.Max(4, (int)Math.Ceiling(span * stepsPerUnit));
                double h = -span / n;
                for (int i = 0; i < n; i++)
                {
                    double t0 = thresholdT[k] + i * h;
                    state.Add(Step(active[k], wActive[k], t0, state[^1], h));
                    t.Add(i == n - 1 ? thresholdT[k + 1] : t0 + h);
                    segment.Add(k);
                }
            }
            return new Table(t.ToArray(), state.ToArray(), segment.ToArray(), thresholdT, active, wActive);
        }

        /// <summary>The state at scale mu: one Runge-Kutta step from the node at or above it; below the lowest threshold, the end.</summary>
        public State At(double muGeV)
        {
            if (muGeV <= 0) return Thomson;
            double t = 2 * Math.Log(muGeV);
            if (t <= _thresholdT[^1]) return Thomson;
            if (t >= _t[0]) return _state[0];
            int lo = 0, hi = _t.Length - 1;                 // _t decreasing: find the last node with _t >= t
            while (hi - lo > 1)
            {
                int mid = (lo + hi) / 2;
                if (_t[mid] >= t) lo = mid; else hi = mid;
            }
            if (_t[lo] == t) return _state[lo];
            int k = _segment[hi];                          // the segment holding (t_lo, t_hi]
            return Step(_active[k], _wActive[k], _t[lo], _state[lo], t - _t[lo]);
        }

        private static State Derivative(Fermion[] active, bool w, double t, State y)
        {
            double mu = Math.Exp(0.5 * t);
            double b = 0, bLambda = 0;
            foreach (var f in active)
            {
                double bi = f.Beta * (f.QcdCorrected ? 1 + StrongCoupling(mu) / Math.PI : 1);
                b += bi;
                bLambda += bi * f.Lambda;
            }
            double bTotal = b, bLambdaTotal = bLambda;
            if (w) { bTotal += WBeta; bLambdaTotal += WBeta * WLambda; }
            double alpha = 1 / y.InverseAlpha;
            // alpha-hat is that of the 5-flavour theory (the input 127.951 has no W), the W enters s^2 only
            return new State(alpha / (4 * Math.PI) * (y.Sin2 * bTotal - bLambdaTotal), -b / (4 * Math.PI));
        }

        private static State Step(Fermion[] active, bool w, double t, State y, double h)
        {
            static State Add(State a, State d, double c) => new(a.Sin2 + c * d.Sin2, a.InverseAlpha + c * d.InverseAlpha);
            var k1 = Derivative(active, w, t, y);
            var k2 = Derivative(active, w, t + h / 2, Add(y, k1, h / 2));
            var k3 = Derivative(active, w, t + h / 2, Add(y, k2, h / 2));
            var k4 = Derivative(active, w, t + h, Add(y, k3, h));
            return new State(y.Sin2 + h / 6 * (k1.Sin2 + 2 * k2.Sin2 + 2 * k3.Sin2 + k4.Sin2),
                y.InverseAlpha + h / 6 * (k1.InverseAlpha + 2 * k2.InverseAlpha + 2 * k3.InverseAlpha + k4.InverseAlpha));
        }
    }
}
