#!/usr/bin/env python3
"""Reference numbers for the nuclear form factors (stdlib only).

Run:  python3 tests/Cevns.Tests/Reference/form_factors.py

Used by tests/Cevns.Tests/FormFactors/*.cs. Everything is computed from the textbook formulas,
written here independently of the C# code (which uses a rearranged, cancellation-free form of
the symmetrized-Fermi expression and a Gauss-Legendre quadrature for tabulated densities).

Models (q in fm^-1, radii in fm; docs/physics.md section 3):
  Helm (R.H. Helm, Phys. Rev. 104 (1956) 1466):
      F = 3 j1(q R0)/(q R0) exp(-q^2 s^2/2), s = 0.9, R0^2 = 5/3 (R^2 - 3 s^2).
  Symmetrized Fermi (Sprung & Martorell, J. Phys. A 30 (1997) 6525; Piekarewicz, Linero,
  Giuliani, Chicken, PRC 94 (2016) 034316, eqs. for rho_SF and F_SF):
      rho(r) = rho0 sinh(c/a) / (cosh(r/a) + cosh(c/a)),
      F = 3/(q c ((q c)^2 + (pi q a)^2)) * (pi q a / sinh(pi q a))
            * (pi q a / tanh(pi q a) sin(q c) - q c cos(q c)),
      <r^2> = 3/5 c^2 + 7/5 pi^2 a^2, a = 0.52.
  Klein-Nystrand (Klein & Nystrand, PRC 60 (1999) 014903):
      F = 3 j1(q R_A)/(q R_A) / (1 + q^2 a_k^2), a_k = 0.7, R^2 = 3/5 R_A^2 + 6 a_k^2.

The analytic symmetrized-Fermi F is checked here against a direct numerical Fourier transform
(composite Simpson rule) of the density, and its rms formula against the numerical <r^2>.
"""
import math

HELM_S = 0.9
SF_A = 0.52
KN_AK = 0.7

RADII = [4.08, 4.22, 4.8, 3.4]
QS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0]


def three_j1_over_x(x):
    return 3.0 * (math.sin(x) - x * math.cos(x)) / x ** 3


def helm_r0(r):
    return math.sqrt(5.0 / 3.0 * (r * r - 3.0 * HELM_S ** 2))


def helm(q, r):
    return three_j1_over_x(q * helm_r0(r)) * math.exp(-0.5 * (q * HELM_S) ** 2)


def sf_c(r, a=SF_A):
    return math.sqrt(5.0 / 3.0 * (r * r - 7.0 / 5.0 * math.pi ** 2 * a * a))


def sf_analytic(q, c, a=SF_A):
    x = q * c
    y = math.pi * q * a
    return 3.0 / (x * (x * x + y * y)) * (y / math.sinh(y)) * (y / math.tanh(y) * math.sin(x) - x * math.cos(x))


def sf_density(r, c, a=SF_A):
    # unnormalised; the form factor divides by the same integral
    return math.sinh(c / a) / (math.cosh(r / a) + math.cosh(c / a))


def simpson(f, lo, hi, n):
    if n % 2:
        n += 1
    h = (hi - lo) / n
    s = f(lo) + f(hi)
    for i in range(1, n):
        s += (4 if i % 2 else 2) * f(lo + i * h)
    return s * h / 3.0


def sf_numeric(q, c, a=SF_A, n=6000):
    rmax = c + 40.0 * a  # density ~ exp(-40) of the centre beyond this
    def j0(x):
        return math.sin(x) / x if x != 0.0 else 1.0
    norm = simpson(lambda r: r * r * sf_density(r, c, a), 0.0, rmax, n)
    return simpson(lambda r: r * r * sf_density(r, c, a) * j0(q * r), 0.0, rmax, n) / norm


def sf_numeric_rms(c, a=SF_A, n=6000):
    rmax = c + 40.0 * a
    norm = simpson(lambda r: r * r * sf_density(r, c, a), 0.0, rmax, n)
    return math.sqrt(simpson(lambda r: r ** 4 * sf_density(r, c, a), 0.0, rmax, n) / norm)


def kn_ra(r):
    return math.sqrt(5.0 / 3.0 * (r * r - 6.0 * KN_AK ** 2))


def kn(q, r):
    return three_j1_over_x(q * kn_ra(r)) / (1.0 + (q * KN_AK) ** 2)


def three_j1_over_x_exact(x_str, digits=50):
    """3 j1(x)/x from its Taylor series sum_k (-1)^k 6 (k+1) x^2k / (2k+3)! in 50-digit decimals."""
    from decimal import Decimal, getcontext
    getcontext().prec = digits
    x2 = Decimal(x_str) ** 2
    total, term, k = Decimal(0), Decimal(1), 0  # term = (-1)^k x^2k / (2k+3)! * 6, times (k+1) below
    fact = Decimal(6)  # (2k+3)! at k = 0
    power = Decimal(1)
    while True:
        t = (-1) ** k * 6 * (k + 1) * power / fact
        total += t
        if k > 5 and abs(t) < Decimal(10) ** (-digits + 5):
            return total
        k += 1
        power *= x2
        fact *= (2 * k + 2) * (2 * k + 3)


# Point-proton radii from charge radii (docs/physics.md section 3): R_p^2 = R_ch^2 - r_p^2 - (N/Z) <r_n^2>,
# r_p = 0.8409 fm, <r_n^2> = -0.1161 fm^2; charge radii Angeli & Marinova, ADNDT 99 (2013) 69
# (data/reactor/atomic/charge_radii_selected.csv).
CHARGE_RADII = [("Ge70", 32, 70, 4.0414), ("Ge72", 32, 72, 4.0576), ("Ge73", 32, 73, 4.0632),
                ("Ge74", 32, 74, 4.0742), ("Ge76", 32, 76, 4.0811), ("Cs133", 55, 133, 4.8041),
                ("I127", 53, 127, 4.7500), ("Ar36", 18, 36, 3.3905), ("Ar38", 18, 38, 3.4028),
                ("Ar40", 18, 40, 3.4274)]


def point_proton_radius(rch, z, a):
    return math.sqrt(rch * rch - 0.8409 ** 2 - (a - z) / z * (-0.1161))


def helm_sf_agreement_limit(r, tol=0.01, step=0.001):
    """Largest q (grid step) such that |F_Helm/F_SF - 1| < tol on the whole interval (0, q]."""
    c = sf_c(r)
    q = step
    while True:
        if abs(helm(q, r) / sf_analytic(q, c) - 1.0) >= tol:
            return q - step
        q += step


def main():
    print("# Model parameters")
    for r in RADII:
        print(f"R_rms = {r}: Helm R0 = {helm_r0(r):.15g}, SF c = {sf_c(r):.15g}, KN R_A = {kn_ra(r):.15g}")

    print("\n# Form factors: R_rms, q, Helm, SF (analytic), KN")
    for r in RADII:
        c = sf_c(r)
        for q in QS:
            print(f"{r}\t{q}\t{helm(q, r):.15e}\t{sf_analytic(q, c):.15e}\t{kn(q, r):.15e}")

    print("\n# SF analytic vs numerical Fourier transform of the density (Simpson, n = 6000 and 12000)")
    worst = 0.0
    for r in RADII:
        c = sf_c(r)
        for q in QS:
            fa = sf_analytic(q, c)
            fn = sf_numeric(q, c)
            fn2 = sf_numeric(q, c, n=12000)
            worst = max(worst, abs(fa - fn))
            print(f"R={r} q={q}: analytic {fa:.15e} numeric {fn:.15e} (n=12000: {fn2:.15e}) diff {fa - fn:.2e}")
    print(f"max |analytic - numeric| = {worst:.2e}")

    print("\n# SF rms: formula sqrt(3/5 c^2 + 7/5 pi^2 a^2) vs numerical <r^2>^(1/2) of the density")
    for r in RADII:
        c = sf_c(r)
        print(f"R={r}: numerical rms {sf_numeric_rms(c):.15g}")

    print("\n# point-proton radii from charge radii")
    for name, z, a, rch in CHARGE_RADII:
        print(f"{name}: R_ch = {rch}, R_p = {point_proton_radius(rch, z, a):.15g}")
    # The NSM proton radii of the joint germanium analysis (arXiv:2506.13555 Table I as quoted in docs/physics.md sec. 3)
    # against the point-proton radius and against sqrt(R_ch^2 - (N/Z) <r_n^2>) (proton size not removed).
    nsm_rp = {"Ge70": 4.055, "Ge72": 4.073, "Ge73": 4.079, "Ge74": 4.091, "Ge76": 4.099}
    abundance = {"Ge70": 0.2052, "Ge72": 0.2745, "Ge73": 0.0776, "Ge74": 0.3652, "Ge76": 0.0775}
    mean = 0.0
    for name, z, a, rch in CHARGE_RADII:
        if name in nsm_rp:
            rp = point_proton_radius(rch, z, a)
            no_size = math.sqrt(rch * rch - (a - z) / z * (-0.1161))
            mean += abundance[name] * rp
            print(f"{name}: NSM R_p {nsm_rp[name]} - point R_p = {nsm_rp[name] - rp:.4f}; NSM R_p - sqrt(R_ch^2 - (N/Z)<r_n^2>) = {nsm_rp[name] - no_size:+.4f}")
    print(f"Ge abundance-weighted point-proton radius {mean / sum(abundance.values()):.6f}")

    print("\n# 3 j1(x)/x to 50 digits (series), for the small-argument branch of SphericalBessel")
    for x in ["0.001", "0.05", "0.19999", "0.20001", "0.5", "3", "10"]:
        print(f"x = {x}: {three_j1_over_x_exact(x):.17e}")

    print("\n# Helm vs SF at the same rms radius: |F_H/F_SF - 1| < 1 % for q below (fm^-1)")
    for r in RADII:
        print(f"R={r}: q < {helm_sf_agreement_limit(r):.3f}")
    print("# relative difference at selected q")
    for r in RADII:
        c = sf_c(r)
        row = ", ".join(f"q={q}: {helm(q, r) / sf_analytic(q, c) - 1:+.2e}" for q in [0.1, 0.3, 0.5, 0.6, 0.7])
        print(f"R={r}: {row}")


if __name__ == "__main__":
    main()
