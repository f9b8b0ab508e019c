#!/usr/bin/env python3
"""Independent reference for the Migdal channel (stdlib only).

1. Hydrogenic check of the table convention (the 1/(2 pi) of the CSV conversion). For a recoil with electron momentum
   q_e = m_e v the dipole approximation gives the total transition probability of an electron in state i as
   P = q_e^2 <i| z^2 |i> (sum rule over all final states). For a hydrogen-like 1s electron of charge Z_eff,
   <z^2> = a0^2 / Z_eff^2, of which the continuum carries the fraction f_c = 1 - sum_n |<np|z|1s>|^2 / a0^2 = 0.2834
   (|<np|z|1s>|^2 = 2^8 n^7 (n-1)^(2n-5) / (3 (n+1)^(2n+5)) a0^2, Bethe and Salpeter eq. 63.2 family; summed below).
   In a many-electron atom the bound p states below the continuum are occupied up to the valence shell, so the
   1s ionisation probability of the two K electrons lies between 2 f_c q^2 a0^2 / Z_eff^2 and 2 q^2 a0^2 / Z_eff^2.
   Z_eff from Slater's rules for 1s: Z - 0.30.

2. Migdal events of Dresden-II with Lindhard quenching (k = 0.162) in 0.2-0.3, 0.3-0.4 keVee and the whole
   0.2-1.5 keVee window, per shell, using the CEvNS density of reactor_ge_reference.py: Simpson in ln T, and for each
   recoil the ionisation spectrum of each shell by the plain trapezoid in E_e on the table nodes, with the exact
   per-isotope recoil velocity v^2 = 2 T / M_iso (the C# code uses the abundance-weighted mean 1/M), deposit
   Q(T) T + E_e + E_nl, Gaussian resolution as the Dresden-II definition.

Run: python3 migdal_reference.py /path/to/data   (the repository's data/). Prints the numbers pinned by
tests/Cevns.Tests/Physics/Migdal*Tests.cs and tests/Cevns.Tests/Datasets/Reactor/MigdalDresdenTests.cs.
"""
import csv
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cross_sections as xs  # noqa: E402
import reactor_ge_reference as rg  # noqa: E402

A0_FM = 0.529177210903e5        # Bohr radius, fm (CODATA 2018)
HBARC_EV_FM = 197.3269804e6     # eV fm
ME_EV = 0.51099895e6
BINDING = {"Ge": {"1_0": 1.1e4, "2_0": 1.4e3, "2_1": 1.2e3, "3_0": 1.7e2, "3_1": 1.2e2, "3_2": 3.5e1},
           "Ar": {"1_0": 3.2e3}}


def table(root, el):
    with open(os.path.join(root, "migdal", "migdal_transition_%s.csv" % el)) as f:
        r = list(csv.reader(f))
    head = r[0]
    data = [[float(x) for x in row] for row in r[1:]]
    e = [row[head.index("E")] for row in data]
    return e, {h: [row[i] for row in data] for i, h in enumerate(head) if h != "E"}


def trapezoid(x, y):
    return sum(0.5 * (y[i] + y[i + 1]) * (x[i + 1] - x[i]) for i in range(len(x) - 1))


def hydrogen_continuum_fraction(nmax=20000):
    s = 0.0
    for n in range(2, nmax):
        s += math.exp(8 * math.log(2) + 7 * math.log(n) + (2 * n - 5) * math.log(n - 1) - math.log(3) - (2 * n + 5) * math.log(n + 1))
    # tail n > nmax ~ C n^-3 with C = 2^8 e^-4 / 3 (the limit of n^3 times the term)
    s += 2 ** 8 * math.exp(-4) / 3 / (2 * nmax ** 2)
    return 1 - s


def convention(root):
    fc = hydrogen_continuum_fraction()
    print("hydrogen 1s continuum fraction of <z^2>: %.6f" % fc)
    qa0 = 1.0 * A0_FM / HBARC_EV_FM   # q_ref = 1 eV/c in units of 1/a0
    for el, z in (("Ge", 32), ("Ar", 18)):
        e, t = table(root, el)
        integral = trapezoid(e, t["1_0"])
        zeff = z - 0.30
        lo, hi = 2 * fc * qa0 ** 2 / zeff ** 2, 2 * qa0 ** 2 / zeff ** 2
        print("%s 1s: table integral %.6e, /2pi %.6e; hydrogenic bounds [%.6e, %.6e]" % (el, integral, integral / (2 * math.pi), lo, hi))


def migdal_dresden(root):
    iso = rg.ge_isotopes(root)
    molar = sum(ab * m for _, ab, m in iso)
    res = (0.0685, 0.11, 0.00296)
    dens, breaks = rg.hmve_model(root, {"U235": 0.58, "U238": 0.08, "Pu239": 0.29, "Pu241": 0.05}, 0.6)
    per_fission = rg.Moments(dens, breaks, 1.0).total()
    mom = rg.Moments(dens, breaks, 4.8e13 * 96.4 * rg.DAY / per_fission)
    atoms = 2.924e3 / molar * rg.NA
    qf = rg.lindhard(0.162)
    e, t = table(root, "Ge")
    windows = [(0.2, 0.3), (0.3, 0.4), (0.2, 1.5)]

    def cdf(x, mu):
        s = math.sqrt(res[0] ** 2 + res[2] * res[1] * max(mu, 0.0))
        return 0.5 * math.erfc(-(x - mu) / (s * math.sqrt(2)))

    # Recoils below 1e-3 keV: the Migdal weight ~ T makes their share ~ (1e-3 / 0.3)^2 of the total, < 1e-5.
    t_lo, t_hi, n = 1e-3, 3.0, 600
    la, lb = math.log(t_lo), math.log(t_hi)
    h = (lb - la) / n
    w = rg.simpson_weights(n)
    out = {s: [0.0] * len(windows) for s in BINDING["Ge"]}
    cevns = [0.0] * len(windows)
    for i in range(n + 1):
        tk = math.exp(la + i * h)
        tm = tk * 1e-3
        # sum over isotopes of density x (m_e v)^2 / (2 pi) with v^2 = 2 T / M_iso
        dens_scaled, dens_plain = 0.0, 0.0
        for name, ab, _ in iso:
            m = xs.nuclear_mass(name)
            em = rg.emin(tm, m)
            if em >= 10.0:
                continue
            k = xs.cevns(name, "nuebar", 1e6, tk, {}, {})
            d = ab * k * (mom.above(em, 0) - 0.5 * m * tm * mom.above(em, 2))
            dens_plain += d
            dens_scaled += d * (ME_EV ** 2 * 2 * tm / m) / (2 * math.pi)
        if dens_plain <= 0:
            continue
        f = atoms * tk * w[i] * h / 3
        ee = qf(tk) * tk
        for j, (a, b) in enumerate(windows):
            cevns[j] += f * dens_plain * (cdf(b, ee) - cdf(a, ee))
        for s, eb in BINDING["Ge"].items():
            col = t[s]
            vals = [[0.0] * len(e) for _ in windows]
            for kk, ek in enumerate(e):
                dep = ee + (ek + eb) * 1e-3
                if dep > 2.5:
                    break
                for j, (a, b) in enumerate(windows):
                    vals[j][kk] = col[kk] * (cdf(b, dep) - cdf(a, dep))
            for j in range(len(windows)):
                out[s][j] += f * dens_scaled * trapezoid(e, vals[j])
    for j, (a, b) in enumerate(windows):
        tot = sum(out[s][j] for s in out)
        print("Dresden-II lindhard0.162 %.1f-%.1f keVee: CEvNS %.6e Migdal %.6e ratio %.6e; per shell %s" % (
            a, b, cevns[j], tot, tot / cevns[j], " ".join("%s=%.6e" % (s, out[s][j]) for s in out)))


def main():
    root = sys.argv[1]
    convention(root)
    migdal_dresden(root)


if __name__ == "__main__":
    main()
