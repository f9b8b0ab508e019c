#!/usr/bin/env python3
"""Reference numbers for the detector-response tests (stdlib only; brute-force integration, independent of the
library's analytic CDFs and partial-moment method).

Usage: python3 detector_response.py DATA_DIR      (or set CEVNS_DATA)
DATA_DIR is the public data directory (e.g. data/ in the repository); the release files read are named below.

Convergence: halving every Simpson step count changes the row integrals by < 5e-6 relative (csi2021 bin [5, 10)
PE, where the efficiency's clipping kink sits) and < 5e-7 elsewhere; gamma_bins change by < 2e-10 absolute.

Sections (each printed as a list the C# tests copy, tests/Cevns.Tests/Detectors/ResponseTests.cs):
  gamma_bins      CsI 2021 gamma PE response (LY 13.35 PE/keVee, shape 1 + 9.56 Eee[keVee]) integrated over PE bins
                  by composite Simpson on the density, without and with the nominal logistic efficiency
                  (coherent/csi-2021/effCoefficients.txt row 1, clipped to [0, 1]).
  csi2021_rows    int dT P(bin | T) over T in [2, 40] keVnr with the nominal quartic of
                  coherent/csi-2021/scintRespCoefficients.txt, gamma response and nominal efficiency.
  cenns10_rows    same for argon: QF = 0.246 + 0.00078 T[keVnr], Gaussian sigma = 0.58 sqrt(E[keVee]),
                  efficiency coherent/cenns10-2020/CENNS10AnlAEfficiency.txt (linear between bin centres, constant
                  outside), T in [5, 120] keVnr, 10 keVee bins 0-120.
  dresden_rows    Ge: Fef quenching table reactor/quenching/QF_Fef_YBe.txt (linear, constant beyond), Gaussian
                  sigma^2 = 0.0685^2 + 0.00296 * 0.11 * E keV^2, no efficiency, T in [0.2, 3] keVnr, 20 bins 0.2-0.4 keVee.
  csi2017_rows    CsI 2017: QF 0.0878, Poisson PE with LY 13.348, efficiency a/(1+exp(-k(x-x0))) H(x) at 1-PE-bin
                  centres (count n -> x = n + 0.5), T in [3, 40] keVnr, 2-PE bins 0-50.
"""
import bisect
import math
import os
import sys


def simpson(f, a, b, n):
    if n % 2:
        n += 1
    h = (b - a) / n
    s = f(a) + f(b)
    for i in range(1, n):
        s += (4 if i % 2 else 2) * f(a + i * h)
    return s * h / 3


def table(path, ncols):
    rows = []
    for line in open(path):
        line = line.split('#')[0].strip()
        if line:
            v = [float(x) for x in line.replace(',', ' ').split()]
            assert len(v) == ncols
            rows.append(v)
    return rows


def interp(xs, ys, x):
    if x <= xs[0]:
        return ys[0]
    if x >= xs[-1]:
        return ys[-1]
    i = bisect.bisect_right(xs, x) - 1
    u = (x - xs[i]) / (xs[i + 1] - xs[i])
    return ys[i] + u * (ys[i + 1] - ys[i])


# ---------- CsI 2021 gamma response ----------
LY, BSHAPE = 13.35, 9.56


def gamma_pdf(x, eee_kev):
    k = 1 + BSHAPE * eee_kev
    theta = LY * eee_kev / k
    if x <= 0:
        return 0.0
    return math.exp((k - 1) * math.log(x) - x / theta - k * math.log(theta) - math.lgamma(k))


def gamma_bin(eee_kev, lo, hi, eff, n=2000):
    # x = lo + u^2 (hi - lo)... near x = 0 the density behaves as x^(k-1); substitute x = u^2 there.
    if lo == 0:
        return simpson(lambda u: 2 * u * gamma_pdf(u * u, eee_kev) * eff(u * u), 0, math.sqrt(hi), n)
    return simpson(lambda x: gamma_pdf(x, eee_kev) * eff(x), lo, hi, n)


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('CEVNS_DATA')
    if not data:
        sys.exit('pass the data directory (or set CEVNS_DATA)')

    a, b, c, d = table(os.path.join(data, 'coherent/csi-2021/effCoefficients.txt'), 4)[0]
    eff21 = lambda x: min(1.0, max(0.0, a / (1 + math.exp(-b * (x - c))) + d))
    one = lambda x: 1.0

    edges = [0, 2, 4, 6, 8, 10, 14, 20, 30, 45, 60]
    print('gamma_bins edges', edges)
    for eee in (0.3, 1.0, 2.5):
        for name, eff in (('none', one), ('eff', eff21)):
            p = [gamma_bin(eee, edges[i], edges[i + 1], eff) for i in range(len(edges) - 1)]
            p2 = [gamma_bin(eee, edges[i], edges[i + 1], eff, 4000) for i in range(len(edges) - 1)]
            print(f'gamma_bins Eee={eee} {name}', ', '.join(f'{v:.12e}' for v in p),
                  f'  # max change N 2000->4000: {max(abs(u - v) for u, v in zip(p, p2)):.1e}')

    qa, qb, qc, qd = table(os.path.join(data, 'coherent/csi-2021/scintRespCoefficients.txt'), 4)[0]
    quartic = lambda t: t * (qa + t * (qb + t * (qc + t * qd)))  # MeV -> MeVee
    pe_edges = [0, 5, 10, 15, 20, 30, 40, 60]
    rows = [simpson(lambda t: gamma_bin(quartic(t) * 1e3, pe_edges[i], pe_edges[i + 1], eff21, 400), 0.002, 0.040, 800)
            for i in range(len(pe_edges) - 1)]
    print('csi2021_rows edges', pe_edges)
    print('csi2021_rows', ', '.join(f'{v:.12e}' for v in rows))

    eff_tab = table(os.path.join(data, 'coherent/cenns10-2020/CENNS10AnlAEfficiency.txt'), 3)
    ex, ey = [r[0] for r in eff_tab], [r[2] for r in eff_tab]

    def ar_bin(t, lo, hi):
        e = (0.246 + 0.00078 * t * 1e3) * t * 1e3
        s = 0.58 * math.sqrt(e)
        lo2, hi2 = max(lo, e - 10 * s), min(hi, e + 10 * s)
        if hi2 <= lo2:
            return 0.0
        g = lambda x: math.exp(-0.5 * ((x - e) / s) ** 2) / (s * math.sqrt(2 * math.pi)) * interp(ex, ey, x)
        return simpson(g, lo2, hi2, 2000)

    ar_edges = list(range(0, 121, 10))
    rows = [simpson(lambda t: ar_bin(t, ar_edges[i], ar_edges[i + 1]), 0.005, 0.120, 800) for i in range(len(ar_edges) - 1)]
    print('cenns10_rows edges', ar_edges)
    print('cenns10_rows', ', '.join(f'{v:.12e}' for v in rows))

    qf = table(os.path.join(data, 'reactor/quenching/QF_Fef_YBe.txt'), 3)
    qx, qy = [r[0] for r in qf], [r[1] for r in qf]

    def ge_bin(t, lo, hi):
        tk = t * 1e3
        e = interp(qx, qy, tk) * tk
        s = math.sqrt(0.0685 ** 2 + 0.00296 * 0.11 * e)
        phi = lambda x: 0.5 * (1 + math.erf((x - e) / (s * math.sqrt(2))))
        return phi(hi) - phi(lo)

    ge_edges = [0.2 + 0.01 * i for i in range(21)]
    rows = [simpson(lambda t: ge_bin(t, ge_edges[i], ge_edges[i + 1]), 0.0002, 0.003, 80000) for i in range(20)]
    print('dresden_rows edges 0.20..0.40 step 0.01')
    print('dresden_rows', ', '.join(f'{v:.12e}' for v in rows))

    a17, k17, x17 = 0.6655, 0.4942, 10.8507
    h17 = lambda x: 0.0 if x < 5 else (0.5 if x < 6 else 1.0)
    eff17 = lambda n: a17 / (1 + math.exp(-k17 * (n + 0.5 - x17))) * h17(n + 0.5)

    def poisson_bin(t, lo, hi):
        mu = 13.348 * 0.0878 * t * 1e3
        return sum(math.exp(n * math.log(mu) - mu - math.lgamma(n + 1)) * eff17(n) for n in range(lo, hi))

    e17 = list(range(0, 51, 2))
    rows = [simpson(lambda t: poisson_bin(t, e17[i], e17[i + 1]), 0.003, 0.040, 4000) for i in range(len(e17) - 1)]
    print('csi2017_rows edges 0..50 step 2')
    print('csi2017_rows', ', '.join(f'{v:.12e}' for v in rows))


if __name__ == '__main__':
    main()
