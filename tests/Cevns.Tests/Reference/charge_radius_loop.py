#!/usr/bin/env python3
"""Reference values of the lepton-loop function of the momentum-dependent SM neutrino charge radius (stdlib only).

docs/physics.md sec. 4, arXiv:2402.16709 (one-loop form of Tomalak et al., arXiv:2011.05960): at Q^2 = -q^2 the
logarithm ln(m_l^2/m_W^2) of the static radius becomes 6 int_0^1 dt t(1-t) ln[(m_l^2 + t(1-t) Q^2)/m_W^2]
= ln(m_l^2/m_W^2) + F(Q^2/m_l^2) with F(x) = 6 int_0^1 dt t(1-t) ln(1 + t(1-t) x).
Here F is integrated numerically (composite Simpson, 200000 intervals), independently of the closed form in
src/Cevns/Physics/CrossSections/ChargeRadius.cs; tests/Cevns.Tests/CrossSections/CouplingTests.cs pins the output.
Run: python3 charge_radius_loop.py
"""
import math


def loop(x, n=200000):
    h = 1.0 / n
    s = 0.0
    for i in range(n + 1):
        t = i * h
        w = 1 if i in (0, n) else (4 if i % 2 else 2)
        s += w * 6 * t * (1 - t) * math.log1p(t * (1 - t) * x)
    return s * h / 3


if __name__ == "__main__":
    for x in [0.05, 0.5, 10.0, 1000.0, 1e6]:
        print("F(%g) = %.15e" % (x, loop(x)))
    me, mw = 0.51099895, 80369.2
    bracket = 3 - 2 * math.log(me ** 2 / mw ** 2)
    print("nu_e shift at |q| = 40 MeV over the static one: %.12f" % ((bracket - 2 * loop(1600 / me ** 2)) / bracket))
