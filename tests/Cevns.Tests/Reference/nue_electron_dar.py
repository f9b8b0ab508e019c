"""Independent reference for the flux-averaged nu_e - e elastic cross section of a mu+ decay-at-rest nu_e beam
(NeutrinoElectronElastic, ExternalObservable.NuEElectronDarCrossSection). Standard library only.

Method (deliberately unlike the C# closed form): the tree-level differential cross section on a free electron at rest,
  dsigma/dT = (2 G_F^2 m_e / pi) [g_L^2 + g_R^2 (1 - T/E)^2 - g_L g_R m_e T / E^2],
  g_L = 1/2 + s^2 (W exchange adds 1 to the Z-exchange -1/2 + s^2), g_R = s^2,
(e.g. 't Hooft, Phys. Lett. 37B (1971) 195; Vogel and Engel, PRD 39 (1989) 3378; the form of LSND, PRD 63 (2001) 112001,
Eqs. (4)-(5)) is integrated numerically over T in [0, T_max(E)], T_max = 2 E^2 / (m_e + 2 E), and over the Michel nu_e
spectrum f(E) = (192 / m_mu) x^2 (1/2 - x), x = E / m_mu, with midpoint rules; the result is <sigma> / <E> in
1e-45 cm^2 / MeV, the quantity LSND quotes as sigma = k E_nu.

    python3 nue_electron_dar.py   ->   prints s^2 and <sigma>/<E> for the values the C# tests pin

Radiatively corrected couplings (ElectronNeutrinoElectronScattering.ChiralCouplings.RadiativelyCorrected): the PDG 2024
low-energy nu_mu - e couplings g_V = -0.0396, g_A = -0.5064 at s^2 = 0.23873 (docs/physics.md sec. 5) with s^2 dependence
2 rho kappa (s^2 - 0.23873), rho = 1.0128, kappa = 0.9964; the nu_mu charge radius exchanged for the nu_e one written in
closed form, Qtilde_ll = (sqrt2 pi alpha / 3 G_F) <r^2_ll> = -(alpha / 6 pi) [3 - 2 ln(m_l^2 / M_W^2)] (docs/physics.md
sec. 4), and +1 to g_V and g_A from W exchange; g_L = (g_V + g_A)/2, g_R = (g_V - g_A)/2.
"""
import math

GF = 1.1663788e-11          # MeV^-2 (PDG 2024 / CODATA)
ME = 0.51099895             # MeV
MMU = 105.6583755           # MeV
HBARC_CM = 197.3269804e-13  # MeV cm


ALPHA = 1 / 137.035999
MW = 80369.2               # MeV (PDG 2024)


def charge_radius_shift(m_lepton):
    return -ALPHA / (6 * math.pi) * (3 - 2 * math.log(m_lepton ** 2 / MW ** 2))


def couplings(s2, corrected):
    if not corrected:
        return 0.5 + s2, s2
    gv = -0.0396 - charge_radius_shift(MMU) + charge_radius_shift(ME) + 2 * 1.0128 * 0.9964 * (s2 - 0.23873) + 1
    ga = -0.5064 + 1
    return (gv + ga) / 2, (gv - ga) / 2


def dsigma_dt(e, t, s2, corrected=False):
    gl, gr = couplings(s2, corrected)
    return 2 * GF * GF * ME / math.pi * (gl * gl + gr * gr * (1 - t / e) ** 2 - gl * gr * ME * t / e ** 2)


def sigma(e, s2, n=400, corrected=False):
    tmax = 2 * e * e / (ME + 2 * e)
    h = tmax / n
    return sum(dsigma_dt(e, (i + 0.5) * h, s2, corrected) for i in range(n)) * h  # MeV^-2


def michel_nue(e):
    x = e / MMU
    return 192.0 / MMU * x * x * (0.5 - x) if 0 <= x <= 0.5 else 0.0


def flux_averaged_over_energy(s2, n=800, corrected=False):
    emax = MMU / 2
    h = emax / n
    num = den = 0.0
    for i in range(n):
        e = (i + 0.5) * h
        w = michel_nue(e)
        num += w * sigma(e, s2, corrected=corrected)
        den += w * e
    return num / den * HBARC_CM ** 2 / 1e-45  # 1e-45 cm^2 / MeV


if __name__ == "__main__":
    for s2 in (0.0, 0.23873, 0.25):
        print(f"{s2:.5f} {flux_averaged_over_energy(s2):.6f}")
    # the E >> m_e limit for comparison: (2 G_F^2 m_e / pi) [(1/2 + s^2)^2 + s^4 / 3]
    s2 = 0.23873
    print("limit", 2 * GF * GF * ME / math.pi * ((0.5 + s2) ** 2 + s2 ** 2 / 3) * HBARC_CM ** 2 / 1e-45)
    # the s^2 at which <sigma>/<E> equals the LSND value 10.1, and the slope there (bisection; for the sin^2 running figure)
    lo, hi = 0.2, 0.3
    for _ in range(30):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if flux_averaged_over_energy(mid, 200) < 10.1 else (lo, mid)
    slope = (flux_averaged_over_energy(mid + 1e-3, 200) - flux_averaged_over_energy(mid - 1e-3, 200)) / 2e-3
    print("lsnd s2", mid, "slope", slope, "error", 1.49 / slope)
    # radiatively corrected couplings
    gl, gr = couplings(0.23873, True)
    print(f"corrected couplings at 0.23873: g_L = {gl:.6f}, g_R = {gr:.6f}")
    for s2 in (0.23873, 0.25):
        print(f"corrected {s2:.5f} {flux_averaged_over_energy(s2, corrected=True):.6f}")
    print("ratio corrected / tree at 0.23873:", flux_averaged_over_energy(0.23873, corrected=True) / flux_averaged_over_energy(0.23873))
    lo, hi = 0.2, 0.35
    for _ in range(30):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if flux_averaged_over_energy(mid, 200, True) < 10.1 else (lo, mid)
    slope = (flux_averaged_over_energy(mid + 1e-3, 200, True) - flux_averaged_over_energy(mid - 1e-3, 200, True)) / 2e-3
    print("lsnd s2 (corrected)", mid, "slope", slope, "error", 1.49 / slope)
