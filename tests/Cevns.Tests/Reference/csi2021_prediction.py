#!/usr/bin/env python3
"""Reference SM prediction for COHERENT CsI[Na] 2021 (coherent-csi-2021), stdlib only, by brute-force integration
independent of the library's flux moments, response matrices and closed-form arrival-time CDFs.

Usage: python3 csi2021_prediction.py DATA_DIR      (or set CEVNS_DATA)

Pieces (each from its own formula, not from the C# code):
  cross section   cross_sections.cevns (docs/physics.md sec. 2-3, Helm, default R_p/R_n), SM parameters
  flux            pi-DAR: prompt nu_mu line at (m_pi^2 - m_mu^2)/(2 m_pi), Michel nu_e and anti-nu_mu (sec. 7),
                  fluence 0.0848 * 3.198e23 / (4 pi (1930 cm)^2) per flavour
  target          14.6 kg CsI, 1 Cs + 1 I per formula unit, AME2020 atomic masses
  response        quartic E_ee(T) (scintRespCoefficients.txt nominal row), gamma PE density (detector_response.gamma_pdf,
                  LY 13.35, shape 1 + 9.56 E_ee), nominal logistic efficiency clipped to [0, 1], Simpson over each PE bin
  timing          pulse model (Gaussian 440 ns, 150 ns) convolved with the lifetimes, as a density on a 2.5 ns grid (Simpson
                  over the pulse time), times the timing efficiency (1 below 0.52 us, exp(-0.0494/us (t - 0.52)) after),
                  Simpson over each time bin
  integration     composite Simpson in T (split at the prompt line's maximal recoil) and in E (Emin(T) .. m_mu/2)
  nu-e scattering cross_sections.electron_scattering (Z_eff steps) on the Cs and I electrons, E_ee = T_e (no
                  quenching), T_e from 0.05 to 12 keV split at the binding-energy steps (above 12 keV, i.e. 160 PE on
                  average, the probability of PE < 60 is below 1e-12)
Output: CEvNS per species in the analysis region (PE 0-60, t 0-6 us, binning of coherent-csi-2021.yaml), its PE
projection per species, the prompt/delayed time fractions per time bin (with timing efficiency), and the nu-e
scattering total in the analysis region.
Convergence: doubling every Simpson count changes the total by < 2e-5 relative (checked by running with SCALE=2).
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cross_sections import cevns, electron_scattering, ISOTOPES, U, ZEFF  # noqa: E402
from detector_response import gamma_pdf, simpson, table  # noqa: E402

SCALE = int(os.environ.get("SCALE", "1"))
M_MU, M_PI = 105.6583755, 139.57039
E_LINE = (M_PI ** 2 - M_MU ** 2) / (2 * M_PI)
E_MAX = M_MU / 2
N_A = 6.02214076e23
PE_EDGES = [0, 8, 12, 16, 20, 24, 32, 40, 50, 60]
T_EDGES_US = [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0, 2.0, 4.0, 6.0]
TAU_PI, TAU_MU = 26.033, 2196.9811
PULSE_MU, PULSE_S = 440.0, 150.0


def michel(species, e):
    x = e / M_MU
    if e > E_MAX:
        return 0.0
    if species == "nue":
        return 192 / M_MU * x * x * (0.5 - x)
    return 64 / M_MU * x * x * (0.75 - x)


def prompt_pdf(t):
    lo = PULSE_MU - 8 * PULSE_S
    hi = min(t, PULSE_MU + 8 * PULSE_S)
    if hi <= lo:
        return 0.0
    return simpson(lambda x: math.exp(-0.5 * ((x - PULSE_MU) / PULSE_S) ** 2) / (PULSE_S * math.sqrt(2 * math.pi))
                   * math.exp(-(t - x) / TAU_PI) / TAU_PI, lo, hi, 400 * SCALE)


def delayed_pdf(t):
    lo = PULSE_MU - 8 * PULSE_S
    hi = min(t, PULSE_MU + 8 * PULSE_S)
    if hi <= lo:
        return 0.0
    return simpson(lambda x: math.exp(-0.5 * ((x - PULSE_MU) / PULSE_S) ** 2) / (PULSE_S * math.sqrt(2 * math.pi))
                   * (math.exp(-(t - x) / TAU_MU) - math.exp(-(t - x) / TAU_PI)) / (TAU_MU - TAU_PI), lo, hi, 400 * SCALE)


def timing_eff(t_ns):
    return 1.0 if t_ns < 520 else math.exp(-0.0494e-3 * (t_ns - 520))


def time_fractions(pdf):
    out = []
    for a, b in zip(T_EDGES_US[:-1], T_EDGES_US[1:]):
        # the onset of the timing efficiency at 520 ns is a kink: split there
        pieces = [(1000 * a, 1000 * b)] if not (1000 * a < 520 < 1000 * b) else [(1000 * a, 520), (520, 1000 * b)]
        out.append(sum(simpson(lambda t: pdf(t) * timing_eff(t), lo, hi, max(2, int((hi - lo) / 2.5) * SCALE))
                       for lo, hi in pieces))
    return out


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CEVNS_DATA")
    if not data:
        sys.exit("usage: csi2021_prediction.py DATA_DIR")
    qa = table(os.path.join(data, "coherent/csi-2021/scintRespCoefficients.txt"), 4)[0]
    ea = table(os.path.join(data, "coherent/csi-2021/effCoefficients.txt"), 4)[0]

    def eee_kev(t_kev):
        x = t_kev * 1e-3
        return 1e3 * (qa[0] * x + qa[1] * x ** 2 + qa[2] * x ** 3 + qa[3] * x ** 4)

    def eff(pe):
        return min(1.0, max(0.0, ea[0] / (1 + math.exp(-ea[1] * (pe - ea[2]))) + ea[3]))

    # the clipping kink of the efficiency (eff = 0) lies inside the first bin: split the PE integral there
    kink = ea[2] - math.log(ea[0] / (0.0 - ea[3]) - 1) / ea[1]

    def bin_probs(t_kev, quenched=True):
        e = eee_kev(t_kev) if quenched else t_kev
        probs = []
        for lo, hi in zip(PE_EDGES[:-1], PE_EDGES[1:]):
            parts = [(max(lo, kink), hi)] if lo < kink < hi else [(lo, hi)]
            probs.append(sum(simpson(lambda x: gamma_pdf(x, e) * eff(x), a, b, 200 * SCALE) for a, b in parts if b > a))
        return probs

    fluence = 0.0848 * 3.198e23 / (4 * math.pi * 1930.0 ** 2)
    molar = ISOTOPES["Cs133"][3] + ISOTOPES["I127"][3]
    units = 14600.0 / molar * N_A

    species_list = ["numu", "nue", "numubar"]
    pe = {s: [0.0] * (len(PE_EDGES) - 1) for s in species_list}
    t_min = 1.0
    prob_cache = {}
    for iso in ("Cs133", "I127"):
        m = ISOTOPES[iso][3] * U - ISOTOPES[iso][1] * 0.51099895
        t_line = 2 * E_LINE ** 2 / (m + 2 * E_LINE) * 1e3
        t_end = 2 * E_MAX ** 2 / (m + 2 * E_MAX) * 1e3
        for s in species_list:
            def density(t_kev):
                if s == "numu":
                    return cevns(iso, "numu", E_LINE, t_kev, {}, {}) if t_kev < t_line else 0.0
                tm = t_kev * 1e-3
                e_min = 0.5 * (tm + math.sqrt(tm * tm + 2 * m * tm))
                if e_min >= E_MAX:
                    return 0.0
                return simpson(lambda e: michel(s, e) * cevns(iso, s, e, t_kev, {}, {}), e_min, E_MAX, 120 * SCALE)

            segments = [(t_min, t_line)] if s == "numu" else [(t_min, t_line), (t_line, t_end)]
            for a, b in segments:
                n = 240 * SCALE
                h = (b - a) / n
                for i in range(n + 1):
                    t = a + i * h
                    w = (1 if i in (0, n) else (4 if i % 2 else 2)) * h / 3
                    key = round(t, 12)
                    if key not in prob_cache:
                        prob_cache[key] = bin_probs(t)
                    d = density(t) * w
                    if d == 0:
                        continue
                    for k, p in enumerate(prob_cache[key]):
                        pe[s][k] += units * fluence * d * p

    fp = time_fractions(prompt_pdf)
    fd = time_fractions(delayed_pdf)
    total = 0.0
    print("species totals in the analysis region (PE 0-60, t 0-6 us):")
    for s in species_list:
        frac = sum(fp) if s == "numu" else sum(fd)
        n = sum(pe[s]) * frac
        total += n
        print(f"  {s}: {n:.6f}")
    print(f"  total: {total:.6f}")
    for s in species_list:
        frac = sum(fp) if s == "numu" else sum(fd)
        print(f"PE projection {s}: [{', '.join(f'{v * frac:.6g}' for v in pe[s])}]")
    # nu-e scattering: electron recoils, E_ee = T_e
    es_total = 0.0
    m_e = 0.51099895
    for iso, el in (("Cs133", "Cs"), ("I127", "I")):
        cuts = sorted({0.05, 12.0} | {thr for _, thr in ZEFF[el][0] if 0.05 < thr < 12.0})
        for s in species_list:
            frac = sum(fp) if s == "numu" else sum(fd)

            def es_density(t_kev):
                tm = t_kev * 1e-3
                e_min = 0.5 * (tm + math.sqrt(tm * tm + 2 * m_e * tm))
                if s == "numu":
                    return electron_scattering(iso, "numu", E_LINE, t_kev, {}, {})
                return simpson(lambda e: michel(s, e) * electron_scattering(iso, s, e, t_kev, {}, {}), e_min, E_MAX, 60 * SCALE)

            for a, b in zip(cuts[:-1], cuts[1:]):
                # geometric nodes: the response changes on the scale of T itself
                la, lb = math.log(a), math.log(b)
                n = 40 * SCALE
                h = (lb - la) / n
                for i in range(n + 1):
                    t = math.exp(la + i * h)
                    w = (1 if i in (0, n) else (4 if i % 2 else 2)) * h / 3 * t
                    # nudge off the step itself so that Z_eff takes the value of the open interval
                    tt = t * (1 + 1e-12) if i == 0 else (t * (1 - 1e-12) if i == n else t)
                    es_total += units * fluence * frac * w * es_density(tt) * sum(bin_probs(tt, quenched=False))
    print(f"nu-e scattering total: {es_total:.6e}")
    print(f"prompt time fractions: [{', '.join(f'{v:.8g}' for v in fp)}]")
    print(f"delayed time fractions: [{', '.join(f'{v:.8g}' for v in fd)}]")


if __name__ == "__main__":
    main()
