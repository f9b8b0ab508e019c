"""Sensitivity of the solar pp nu - e electron-recoil rate in a xenon window to sin^2 theta_W (order-of-magnitude source
for the statement in docs/physics.md sec. 11 on the solar-neutrino electron-recoil data). Standard library only.

Model (deliberately simple; it sets the size of the lever arm, not a prediction to fit):
- pp spectrum: allowed beta-decay shape f(E) ~ E^2 (Q + m_e - E) sqrt((Q + m_e - E)^2 - m_e^2), Q = 0.420 MeV end point
  (J. N. Bahcall, Neutrino Astrophysics (1989) ch. 6; Fermi function and radiative terms omitted: they reshape f by a few %);
- tree-level dsigma/dT on a free electron, nu_e: g_L = 1/2 + s^2 (Z plus W exchange), g_R = s^2; nu_mu,tau: g_L = -1/2 + s^2,
  g_R = s^2 (docs/physics.md sec. 5 and 11; the same formula as nue_electron_dar.py);
- a constant survival probability P_ee at pp energies (argument; about 0.55 for vacuum-dominated LMA oscillations);
- recoil window 24-144 keV (the PandaX-4T commissioning-run pp window, arXiv:2401.07045, doi:10.1088/1674-1137/ad582a,
  introduction); xenon binding (stepping) and the detector efficiency are omitted: in a ratio at two values of s^2 they
  cancel to the per-cent level of the lever arm.
Output: R(s^2) = rate / rate(s^2 = 0.23873) and d ln R / d s^2, and the s^2 error a relative rate error e implies, e / slope.

    python3 solar_pp_nue_sensitivity.py
"""
import math

ME = 0.51099895      # MeV
Q_PP = 0.420         # MeV, pp end point
T_LO, T_HI = 0.024, 0.144  # MeV


def pp_shape(e):
    w = Q_PP + ME - e  # positron total energy
    return e * e * w * math.sqrt(w * w - ME * ME) if ME < w else 0.0


def dsigma_dt(e, t, gl, gr):  # in units of 2 G_F^2 m_e / pi
    return gl * gl + gr * gr * (1 - t / e) ** 2 - gl * gr * ME * t / (e * e)


def window_sigma(e, gl, gr, n=200):
    tmax = 2 * e * e / (ME + 2 * e)
    hi = min(T_HI, tmax)
    if hi <= T_LO:
        return 0.0
    h = (hi - T_LO) / n
    return sum(dsigma_dt(e, T_LO + (i + 0.5) * h, gl, gr) for i in range(n)) * h


def rate(s2, pee, n=400):
    h = Q_PP / n
    total = 0.0
    for i in range(n):
        e = (i + 0.5) * h
        se = window_sigma(e, 0.5 + s2, s2)
        sm = window_sigma(e, -0.5 + s2, s2)
        total += pp_shape(e) * (pee * se + (1 - pee) * sm)
    return total * h


if __name__ == "__main__":
    s0 = 0.23873
    for pee in (0.50, 0.55, 0.60):
        r0 = rate(s0, pee)
        slope = (rate(s0 + 1e-3, pee) - rate(s0 - 1e-3, pee)) / 2e-3 / r0
        print(f"P_ee {pee:.2f}: R(0.20) {rate(0.20, pee) / r0:.4f}  R(0.28) {rate(0.28, pee) / r0:.4f}  "
              f"dlnR/ds2 {slope:.3f}  ds2 for a 40% rate error {0.40 / slope:.3f}")
