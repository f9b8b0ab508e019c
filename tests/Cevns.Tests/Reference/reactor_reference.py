#!/usr/bin/env python3
"""Reference numbers for the reactor-flux tests (stdlib only).

1. Integrals per fission of the binned summation spectra: sum of (dN/dE x bin width) over the file
   (BESTIOLE 2023: 25 keV bins; Estienne 2019: 100 keV bins); compare with SOURCE.md
   (6.08, 7.16, 5.50, 6.26 and 5.62, 6.76, 5.11, 5.89).
2. An independent HMVE flux for the Dresden-II fission fractions (0.58, 0.08, 0.29, 0.05):
   per isotope the Vogel-Engel Table II points below 2 MeV and the Huber (U235, Pu239, Pu241) /
   Mueller (U238) table points 2-8 MeV, interpolated linearly in ln(dN/dE); from 8 to 10 MeV the
   exp-polynomial of the same paper (Huber Table III / Mueller Table VI). Sum over isotopes weighted
   by the fission fractions, normalised to total flux 4.8e13 cm^-2 s^-1 below 10 MeV over one day.
   Moments M_n(E_min) = int phi E^-n dE by composite Simpson (400 intervals per table interval).
Run: python3 reactor_reference.py /path/to/data  (the repository's data/)
"""
import math
import sys


def rows(path, ncol):
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.split("#")[0].strip()
        if not line:
            continue
        f = [x.strip() for x in line.split(",")] if "," in line else line.split()
        try:
            out.append([float(x) for x in f[:ncol]])
        except ValueError:
            continue  # header line
    return out


def simpson(f, a, b, n):
    h = (b - a) / n
    s = f(a) + f(b)
    for i in range(1, n):
        s += (4 if i % 2 else 2) * f(a + i * h)
    return s * h / 3


def loglin(points):
    def f(e):
        if e < points[0][0] or e > points[-1][0]:
            return 0.0
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            if x0 <= e <= x1:
                t = (e - x0) / (x1 - x0)
                if y0 <= 0 or y1 <= 0:
                    return y0 + t * (y1 - y0)
                return y0 * math.exp(t * math.log(y1 / y0))
        return 0.0
    return f


def exppoly(a):
    return lambda e: math.exp(sum(c * e ** k for k, c in enumerate(a)))


if __name__ == "__main__":
    root = sys.argv[1]
    sp = root + "/reactor/spectra/"
    for iso in ("u235", "u238", "pu239", "pu241", "u239", "np239"):
        r = rows(sp + "perisse2023-bestiole/bestiole_%s.txt" % iso, 2)
        print("BESTIOLE", iso, "%.6f" % (sum(v for _, v in r) * 0.025))
    for iso in ("u235", "u238", "pu239", "pu241"):
        r = rows(sp + "estienne2019/estienne2019_isospec_%s.csv" % iso, 2)
        print("EF2019", iso, "%.6f" % (sum(v for _, v in r) * 0.1))

    ve = rows(sp + "vogel-engel1989/vogel_engel1989_tableII_lowE.csv", 5)
    coeffs = {}
    for line in open(sp + "parametrizations/exp_polynomial_parameters.csv"):
        if line.startswith("#") or line.startswith("model"):
            continue
        f = line.strip().split(",")
        coeffs[(f[0], f[1])] = [float(x) for x in f[2:8]]
    hm = {
        "U235": [(r[0], r[1]) for r in rows(sp + "huber2011/U235-anti-neutrino-flux-250keV.dat", 2)],
        "Pu239": [(r[0], r[1]) for r in rows(sp + "huber2011/Pu239-anti-neutrino-flux-250keV.dat", 2)],
        "Pu241": [(r[0], r[1]) for r in rows(sp + "huber2011/Pu241-anti-neutrino-flux-250keV.dat", 2)],
        "U238": [(r[0], r[1]) for r in rows(sp + "mueller2011/mueller_u238.txt", 2) if 2.0 <= r[0] <= 8.0],
    }
    col = {"U235": 1, "U238": 2, "Pu239": 3, "Pu241": 4}
    fractions = {"U235": 0.58, "U238": 0.08, "Pu239": 0.29, "Pu241": 0.05}
    parts = []
    breaks = set()
    for iso, pts in hm.items():
        table = [(r[0], r[col[iso]]) for r in ve if r[0] < 2.0] + pts
        tail = exppoly(coeffs[("mueller2011" if iso == "U238" else "huber2011", iso)])
        table_f = loglin(table)
        parts.append((fractions[iso], table_f, tail))
        breaks.update(x for x, _ in table)

    def density(e, use_table):
        # use_table: the integration interval lies below 8 MeV (table) or above (exp-poly tail);
        # chosen per interval so that Simpson never mixes the two sides of the 8 MeV junction.
        s = 0.0
        for w, tab, tail in parts:
            s += w * (tab(e) if use_table else tail(e))
        return s

    breaks.add(10.0)
    grid = sorted(breaks)

    def moment(emin, n):
        tot = 0.0
        for a, b in zip(grid, grid[1:]):
            lo = max(a, emin)
            if b <= lo:
                continue
            below = b <= 8.0
            tot += simpson(lambda e: density(e, below) * e ** -n, lo, b, 400)
        return tot

    per_fission = moment(0.0, 0)
    print("HMVE DresdenII nu per fission below 10 MeV %.8f" % per_fission)
    fluence = 4.8e13 * 86400.0
    for emin in (0.5, 2.0, 3.0, 6.0):
        m = [fluence * moment(emin, n) / per_fission for n in range(3)]
        print("HMVE Emin %.1f" % emin, " ".join("%.10e" % x for x in m))
