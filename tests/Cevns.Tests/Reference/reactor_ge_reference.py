#!/usr/bin/env python3
"""Independent reference for the reactor germanium datasets (stdlib only).

Expected CEvNS (and nu-e) events of a Ge detector at a reactor in reconstructed-energy bins, computed here without the
C# machinery: flux moments by trapezoid sums on a fine energy grid, the cross sections of cross_sections.py (this
folder), quenching by linear interpolation of the Collar et al. 2021 table or Lindhard's formula, a Gaussian resolution
sigma^2 = sigma_n^2 + eta F E, and a composite-Simpson integral over ln T of dN/dT x P(bin | T) from 1e-5 keV.

Flux (as the definitions state): HMVE per isotope (Vogel-Engel 1989 Table II below 2 MeV joined to the Huber 2011 /
Mueller 2011 tables from 2 MeV, log-linear, exp-polynomial of the same paper 8-10 MeV), weighted by the fission
fractions, plus captures per fission x (BESTIOLE 2023 239U + 239Np per-decay spectra, histograms); the whole spectrum
is normalised to the total flux. dsigma/dT = K(T) (1 - M T / 2E^2) with K(T) = cross_sections.cevns at E -> infinity,
so int phi dsigma/dT dE = K(T) [M0(Emin) - (M T / 2) M2(Emin)], M_n = int_{Emin} phi E^-n dE.
For nu-e the reference cross section is C0 + C1/E + C2/E^2 in 1/E; the C's are read off at three energies.

Run: python3 reactor_ge_reference.py /path/to/data  (the repository's data/)
Prints the numbers pinned by tests/Cevns.Tests/Datasets/Reactor/*Tests.cs.
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cross_sections as xs  # noqa: E402
from reactor_reference import rows, loglin, exppoly  # noqa: E402

NA = 6.02214076e23
DAY = 86400.0


def ge_isotopes(root):
    out = []
    for r in rows(root + "/reactor/atomic/ge_isotopes.csv", 5):
        a, n, ab, _, mass = r
        name = "Ge%d" % int(a)
        xs.ISOTOPES[name] = ("Ge", 32, int(a), mass)
        out.append((name, ab, mass))
    return out


def hmve_model(root, fractions, captures):
    sp = root + "/reactor/spectra/"
    ve = rows(sp + "vogel-engel1989/vogel_engel1989_tableII_lowE.csv", 5)
    coeffs = {}
    for line in open(sp + "parametrizations/exp_polynomial_parameters.csv"):
        if line.startswith("#") or line.startswith("model"):
            continue
        f = line.strip().split(",")
        coeffs[(f[0], f[1])] = [float(x) for x in f[2:8]]
    hm = {
        "U235": rows(sp + "huber2011/U235-anti-neutrino-flux-250keV.dat", 2),
        "Pu239": rows(sp + "huber2011/Pu239-anti-neutrino-flux-250keV.dat", 2),
        "Pu241": rows(sp + "huber2011/Pu241-anti-neutrino-flux-250keV.dat", 2),
        "U238": [r for r in rows(sp + "mueller2011/mueller_u238.txt", 2) if 2.0 <= r[0] <= 8.0],
    }
    col = {"U235": 1, "U238": 2, "Pu239": 3, "Pu241": 4}
    parts, breaks = [], {10.0}
    for iso, pts in hm.items():
        table = [(r[0], r[col[iso]]) for r in ve if r[0] < 2.0] + [(r[0], r[1]) for r in pts]
        tail = exppoly(coeffs[("mueller2011" if iso == "U238" else "huber2011", iso)])
        parts.append((fractions[iso], loglin(table), tail))
        breaks.update(x for x, _ in table)
    chain = []
    for f in ("bestiole_u239.txt", "bestiole_np239.txt"):
        r = rows(sp + "perisse2023-bestiole/" + f, 2)
        for e, v in r:  # 25 keV bins centred on e
            chain.append((e - 0.0125, e + 0.0125, v))
            breaks.update((e - 0.0125, e + 0.0125))

    def density(e, above8):
        s = 0.0
        for w, tab, tail in parts:
            s += w * (tail(e) if above8 else tab(e))
        if captures > 0:
            for lo, hi, v in chain:
                if lo <= e < hi:
                    s += captures * v
        return s

    return density, sorted(b for b in breaks if 0 <= b <= 10.0)


class Moments:
    """M_n(Emin) = int_{Emin}^{10 MeV} phi(E) E^-n dE, cumulative trapezoid sums on a fine grid."""

    def __init__(self, density, breaks, norm, sub=100):
        grid = []
        for a, b in zip(breaks, breaks[1:]):
            for k in range(sub):
                grid.append(a + (b - a) * k / sub)
        grid.append(breaks[-1])
        self.e = grid
        # density evaluated inside each cell (never across the 8 MeV junction or a histogram edge)
        self.cells = []
        for a, b in zip(grid, grid[1:]):
            above8 = a >= 8.0 - 1e-12
            fa = density(a + 1e-12 * (b - a), above8)
            fb = density(b - 1e-12 * (b - a), above8)
            self.cells.append((a, b, fa, fb))
        self.norm = norm
        self.cum = []
        for n in range(3):
            c = [0.0] * len(grid)
            for i in range(len(grid) - 2, -1, -1):
                a, b, fa, fb = self.cells[i]
                ea = a ** -n if a > 0 else 0.0
                c[i] = c[i + 1] + 0.5 * (b - a) * (fa * ea + fb * b ** -n)
            self.cum.append(c)

    def total(self):
        return self.cum[0][0] * self.norm

    def above(self, emin, n):
        if emin >= self.e[-1]:
            return 0.0
        lo, hi = 0, len(self.e) - 1
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.e[mid] <= emin:
                lo = mid
            else:
                hi = mid
        a, b, fa, fb = self.cells[lo]
        t = (emin - a) / (b - a)
        fe = fa + t * (fb - fa)
        part = 0.5 * (b - emin) * (fe * emin ** -n + fb * b ** -n)
        return (self.cum[n][lo + 1] + part) * self.norm


def emin(t_mev, m):
    return 0.5 * (t_mev + math.sqrt(t_mev * t_mev + 2 * m * t_mev))


def qf_table(root, column):
    pts = [(r[0], r[column]) for r in rows(root + "/reactor/quenching/QF_Fef_YBe.txt", 3)]

    def f(t_kev):
        if t_kev <= pts[0][0]:
            return pts[0][1]
        if t_kev >= pts[-1][0]:
            return pts[-1][1]
        i = int((t_kev - pts[0][0]) / 0.01)
        i = max(0, min(i, len(pts) - 2))
        while pts[i + 1][0] < t_kev:
            i += 1
        while pts[i][0] > t_kev:
            i -= 1
        (x0, y0), (x1, y1) = pts[i], pts[i + 1]
        return y0 + (y1 - y0) * (t_kev - x0) / (x1 - x0)
    return f


def lindhard(k):
    def f(t_kev):
        eps = 11.5 * 32 ** (-7.0 / 3.0) * t_kev
        g = 3 * eps ** 0.15 + 0.7 * eps ** 0.6 + eps
        return k * g / (1 + k * g)
    return f


def bin_probs(e_ee, edges, sn, fano, eta):
    s = math.sqrt(sn * sn + eta * fano * max(e_ee, 0.0))
    c = [0.5 * math.erfc(-(x - e_ee) / (s * math.sqrt(2))) for x in edges]
    return [c[i + 1] - c[i] for i in range(len(edges) - 1)]


def simpson_weights(n):
    return [1 if i in (0, n) else (4 if i % 2 else 2) for i in range(n + 1)]


def cevns_bins(iso, mom, atoms, qf, edges, res, t_lo=1e-5, n=6000):
    """Expected CEvNS counts per bin (edges keVee) for total target atoms (abundance-weighted)."""
    counts = [0.0] * (len(edges) - 1)
    tmax = max(2 * 100.0 / (m * 931.494 + 20) * 1e3 for _, _, m in iso)  # keV, above the largest kinematic recoil
    la, lb = math.log(t_lo), math.log(tmax)
    h = (lb - la) / n
    w = simpson_weights(n)
    for i in range(n + 1):
        t = math.exp(la + i * h)
        dens = 0.0
        for name, ab, _ in iso:
            m = xs.nuclear_mass(name)
            tm = t * 1e-3
            em = emin(tm, m)
            if em >= 10.0:
                continue
            k = xs.cevns(name, "nuebar", 1e6, t, {}, {})  # cm^2/keV, E -> infinity
            dens += ab * k * (mom.above(em, 0) - 0.5 * m * tm * mom.above(em, 2))
        if dens <= 0:
            continue
        p = bin_probs(qf(t) * t, edges, *res)
        f = atoms * dens * t * w[i] * h / 3
        for j in range(len(counts)):
            counts[j] += f * p[j]
    return counts


def es_bins(mom, atoms, edges, res, t_lo=None, t_hi=20.0, n=800):
    """nu-e counts per bin; Simpson in ln T on each interval between Z_eff steps, from the ionisation threshold
    (the lowest binding energy of the Z_eff table, 0.0292 keV: a smaller recoil produces no charge, docs/physics.md sec. 5)."""
    if t_lo is None:
        t_lo = xs.ZEFF["Ge"][0][-1][1]
    counts = [0.0] * (len(edges) - 1)
    steps = sorted(thr for _, thr in xs.ZEFF["Ge"][0] if t_lo < thr < t_hi)
    knots = [t_lo] + steps + [t_hi]
    w = simpson_weights(n)
    for a, b in zip(knots, knots[1:]):
        la, lb = math.log(a), math.log(b)
        h = (lb - la) / n
        for i in range(n + 1):
            t = math.exp(la + i * h)
            t = min(max(t, a * (1 + 1e-12)), b * (1 - 1e-12))  # stay on one side of a step
            tm = t * 1e-3
            em = emin(tm, xs.ME)
            es = [1.0 / 20.0, 1.0 / 40.0, 1.0 / 80.0]  # 1/E, E above Emin of every recoil here
            v = [xs.electron_scattering("Ge72", "nuebar", 1 / x, t, {}, {}) for x in es]
            # solve v = C0 + C1 x + C2 x^2 (Lagrange)
            c2 = ((v[0] - v[1]) / (es[0] - es[1]) - (v[1] - v[2]) / (es[1] - es[2])) / (es[0] - es[2])
            c1 = (v[0] - v[1]) / (es[0] - es[1]) - c2 * (es[0] + es[1])
            c0 = v[0] - c1 * es[0] - c2 * es[0] ** 2
            dens = c0 * mom.above(em, 0) + c1 * mom.above(em, 1) + c2 * mom.above(em, 2)
            p = bin_probs(t, edges, *res)
            f = atoms * dens * t * w[i] * h / 3
            for j in range(len(counts)):
                counts[j] += f * p[j]
    return counts


def summarise(label, counts, edges):
    def window(lo, hi):
        return sum(c for c, a, b in zip(counts, edges, edges[1:]) if a >= lo - 1e-9 and b <= hi + 1e-9)
    a, b = window(0.2, 0.3), window(0.3, 0.4)
    print("%s total %.6e  0.2-0.3 %.6e  0.3-0.4 %.6e  ratio %.6f  first bins %s" % (
        label, sum(counts), a, b, a / b, " ".join("%.6e" % c for c in counts[:3])))


def main():
    root = sys.argv[1]
    iso = ge_isotopes(root)
    molar = sum(ab * m for _, ab, m in iso)
    res = (0.0685, 0.11, 0.00296)

    # Dresden-II: 2.924 kg, 96.4 d, 4.8e13 /cm^2/s total, fractions 0.58/0.08/0.29/0.05, 0.6 captures/fission
    dens, breaks = hmve_model(root, {"U235": 0.58, "U238": 0.08, "Pu239": 0.29, "Pu241": 0.05}, 0.6)
    unit = Moments(dens, breaks, 1.0)
    per_fission = unit.total()
    mom = Moments(dens, breaks, 4.8e13 * 96.4 * DAY / per_fission)
    print("Dresden-II HMVE+captures antineutrinos per fission %.6f" % per_fission)
    # Which flux does 4.8e13 count? Fission antineutrinos alone, and the number per fission the flux implies at
    # P = 2.96 GW, L = 10.39 m with the Ma et al. 2013 energies per fission (energy_per_fission.csv, ma2013).
    fission_only = Moments(*hmve_model(root, {"U235": 0.58, "U238": 0.08, "Pu239": 0.29, "Pu241": 0.05}, 0.0), 1.0).total()
    print("Dresden-II HMVE fission-only antineutrinos per fission %.6f; total/fission-only %.6f" % (fission_only, per_fission / fission_only))
    ef = {"U235": 202.36, "U238": 205.99, "Pu239": 211.12, "Pu241": 214.26}
    e_f = sum(w * ef[k] for k, w in {"U235": 0.58, "U238": 0.08, "Pu239": 0.29, "Pu241": 0.05}.items())
    fissions = 2.96e9 / (e_f * 1.602176634e-13) / (4 * math.pi * 1039.0 ** 2)
    print("Dresden-II fissions /cm^2/s at the detector %.6e (E_f %.4f MeV): 4.8e13 means %.6f antineutrinos per fission" % (fissions, e_f, 4.8e13 / fissions))
    atoms = 2.924e3 / molar * NA
    edges = [round(0.2 + 0.01 * i, 10) for i in range(131)]
    summarise("Dresden-II fef", cevns_bins(iso, mom, atoms, qf_table(root, 1), edges, res), edges)
    summarise("Dresden-II ybe", cevns_bins(iso, mom, atoms, qf_table(root, 2), edges, res), edges)
    summarise("Dresden-II lindhard0.162", cevns_bins(iso, mom, atoms, lindhard(0.162), edges, res), edges)
    summarise("Dresden-II es", es_bins(mom, atoms, edges, res), edges)

    # CONUS+: 1.5e13 /cm^2/s total, 327 kg d split in thirds over thresholds 160/170/180 eVee, ROI to 1 keVee,
    # Lindhard k = 0.162, fractions 0.53/0.08/0.32/0.07, 0.6 captures/fission; sigma_n scanned.
    conus = {"U235": 0.53, "U238": 0.08, "Pu239": 0.32, "Pu241": 0.07}
    dens, breaks = hmve_model(root, conus, 0.6)
    per_fission = Moments(dens, breaks, 1.0).total()
    mom = Moments(dens, breaks, 1.5e13 * 327 * DAY / per_fission)
    one_kg = 1e3 / molar * NA
    for sn in (1e-6, 0.021, 0.030):
        c = cevns_bins(iso, mom, one_kg, lindhard(0.162), [0.16, 0.17, 0.18, 1.0], (sn, 0.11, 0.00296))
        total = (c[0] + c[1] + c[2]) / 3 + (c[1] + c[2]) / 3 + c[2] / 3
        print("CONUS+ sigma_n %.3f keVee: events %.6f" % (sn, total))

    # TEXONO: flux from 2.9 GW at 28 m, Ma et al. 2013 energy per fission weighted by the same fractions
    ef = {"U235": 202.36, "U238": 205.99, "Pu239": 211.12, "Pu241": 214.26}  # energy_per_fission.csv, ma2013
    e_fission = sum(conus[k] * ef[k] for k in conus)
    flux = 2.9e9 / (e_fission * 1.602176634e-13) * per_fission / (4 * math.pi * 2800.0 ** 2)
    print("TEXONO flux %.6e /cm^2/s (E_f %.4f MeV, %.6f per fission)" % (flux, e_fission, per_fission))
    mom = Moments(dens, breaks, flux * 242 * DAY / per_fission)
    c = cevns_bins(iso, mom, one_kg, lindhard(0.162), [0.2, 1.0], (0.021, 0.11, 0.00296))
    print("TEXONO events %.6f" % c[0])


if __name__ == "__main__":
    main()
