"""Independent reference for Physics/Electroweak/WeakMixingRunning (docs/physics.md sec. 11).

MS-bar sin^2 theta_W(mu) run down from m_Z, written as in Erler and Ramsey-Musolf (hep-ph/0409169): the evolution of
s^2 is tied to that of alpha-hat species by species,
    d s^2 / dt = (alpha / 4 pi) sum_i b_i (s^2 - lambda_i),      d(1/alpha) / dt = -(1 / 4 pi) sum_i b_i,   t = ln mu^2,
with b_i = (4/3) N_c Q_i^2 [1 + alpha_s / pi (c, b)] and lambda_i = T_i / (2 Q_i) for a fermion active above its
threshold, and the W system between M_W and M_Z with b = -7 and lambda_W = b_2 / b_em = (-43/6) / (-7) from the one-loop
SU(2) and U(1)_Y beta functions of the gauge bosons and the Higgs doublet. The light quarks u, d, s share one effective
threshold fixed so that 1/alpha-hat runs from the 5-flavour MS-bar 1/alpha(M_Z) = 127.951 (PDG) to the Thomson value
137.035999 at mu -> 0 (the dispersive e+e- data enter through alpha(M_Z)).
Integrator: midpoint rule with 400000 equal steps in t (the C# code uses RK4 per threshold segment).
Run: python3 weak_mixing_running.py
"""
import math

ALPHA0_INV = 137.035999084
MZ, MW = 91.1876, 80.3692
S2_MZ = 0.23129
ALPHA5_MZ_INV = 127.951
AS_MZ = 0.1180
ME, MMU, MTAU = 0.51099895e-3, 0.1056583755, 1.77686
MC, MB = 1.272, 4.18
LAMBDA_W = 43.0 / 42.0


def alpha_s(mu):
    """One-loop alpha_s from alpha_s(M_Z), n_f = 5 above m_b and 4 below (continuous at m_b)."""
    def run(a, mu0, mu1, nf):
        b0 = (33 - 2 * nf) / (12 * math.pi)
        return a / (1 + a * b0 * math.log(mu1 ** 2 / mu0 ** 2))
    if mu >= MB:
        return run(AS_MZ, MZ, mu, 5)
    return run(run(AS_MZ, MZ, MB, 5), MB, mu, 4)


def fermions(m_light):
    # name, threshold GeV, colours, T3, Q, QCD factor
    return [("e", ME, 1, -0.5, -1.0, False), ("mu", MMU, 1, -0.5, -1.0, False), ("tau", MTAU, 1, -0.5, -1.0, False),
            ("c", MC, 3, 0.5, 2 / 3, True), ("b", MB, 3, -0.5, -1 / 3, True),
            ("u", m_light, 3, 0.5, 2 / 3, False), ("d", m_light, 3, -0.5, -1 / 3, False), ("s", m_light, 3, -0.5, -1 / 3, False)]


def evolve(m_light, mu_stop, steps=400000):
    """(s^2, 1/alpha) at mu_stop (GeV) from M_Z."""
    sp = fermions(m_light)
    t0, t1 = math.log(MZ ** 2), math.log(mu_stop ** 2)
    dt = (t1 - t0) / steps
    s2, ainv = S2_MZ, ALPHA5_MZ_INV
    for k in range(steps):
        mu = math.exp(0.5 * (t0 + (k + 0.5) * dt))
        b = bl = 0.0
        for _, m, nc, t3, q, qcd in sp:
            if mu > m:
                bi = 4 / 3 * nc * q * q * (1 + (alpha_s(mu) / math.pi if qcd else 0))
                b += bi
                bl += bi * t3 / (2 * q)
        bw, blw = (-7.0, -7.0 * LAMBDA_W) if mu > MW else (0.0, 0.0)
        s2 += (1 / ainv) / (4 * math.pi) * (s2 * (b + bw) - (bl + blw)) * dt
        ainv -= b / (4 * math.pi) * dt  # alpha-hat of the 5-flavour theory (no W), as the input 127.951
    return s2, ainv


def light_threshold():
    lo, hi = 0.02, 2.0
    for _ in range(50):
        mid = math.sqrt(lo * hi)
        _, ainv = evolve(mid, ME / 2, steps=40000)
        if ainv > ALPHA0_INV:
            lo = mid
        else:
            hi = mid
    return mid


if __name__ == "__main__":
    ml = light_threshold()
    print(f"light-quark threshold {ml:.5f} GeV")
    for q in [ME / 2, 0.0024, 0.05, 0.157, 1.0, 10.0, MW]:
        s2, ainv = evolve(ml, q)
        print(f"Q = {q:.6g} GeV: s2 = {s2:.6f}  1/alpha = {ainv:.4f}")
