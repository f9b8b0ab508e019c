#!/usr/bin/env python3
"""Reference numbers for the pion-decay-at-rest flux tests (stdlib only).

Independent of the C# closed forms: the Michel spectra of docs/physics.md section 7 are integrated
numerically with composite Simpson (20000 intervals) for the moments M_n(E_min) = int phi E^-n dE,
and the fluence r N_POT / (4 pi L^2) is evaluated for the CsI 2021 exposure.
Run: python3 pion_dar_reference.py
"""
import math

M_MU = 105.6583755      # MeV, PDG 2024
M_PI = 139.57039        # MeV, PDG 2024


def nue(e):
    x = e / M_MU
    return 192.0 / M_MU * x * x * (0.5 - x) if 0 <= x <= 0.5 else 0.0


def numubar(e):
    x = e / M_MU
    return 64.0 / M_MU * x * x * (0.75 - x) if 0 <= x <= 0.5 else 0.0


def simpson(f, a, b, n=20000):
    h = (b - a) / n
    s = f(a) + f(b)
    for i in range(1, n):
        s += (4 if i % 2 else 2) * f(a + i * h)
    return s * h / 3


def moments(f, emin):
    top = M_MU / 2
    return [simpson(lambda e: f(e) * e ** -n, emin, top) for n in range(3)]


if __name__ == "__main__":
    print("E_line = %.10f MeV" % ((M_PI ** 2 - M_MU ** 2) / (2 * M_PI)))
    print("fluence(r=0.0848, N=3.198e23, L=19.3 m) = %.8e cm^-2" % (0.0848 * 3.198e23 / (4 * math.pi * 1930.0 ** 2)))
    for name, f in (("nue", nue), ("numubar", numubar)):
        print(name, "norm %.12f" % simpson(f, 0, M_MU / 2), "mean %.10f MeV" % simpson(lambda e: e * f(e), 0, M_MU / 2))
        for emin in (5.0, 20.0, 40.0):
            print(name, "Emin", emin, " ".join("%.12e" % m for m in moments(f, emin)))
