#!/usr/bin/env python3
"""Reference values for LindhardQuenching (stdlib only).

Lindhard et al., Mat. Fys. Medd. Dan. Vid. Selsk. 33 no. 10 (1963), as parametrised in docs/physics.md section 8:
  f = k g / (1 + k g),  g = 3 eps^0.15 + 0.7 eps^0.6 + eps,  eps = 11.5 Z^(-7/3) T[keV].
Prints f and E_ee = f T (keVee) for the cases used by tests/Cevns.Tests/Detectors/QuenchingTests.cs.
"""


def lindhard(t_kev, z, k):
    eps = 11.5 * z ** (-7.0 / 3.0) * t_kev
    g = 3 * eps ** 0.15 + 0.7 * eps ** 0.6 + eps
    return k * g / (1 + k * g)


CASES = [
    (32, 0.157, 0.1), (32, 0.157, 1.0), (32, 0.157, 4.5), (32, 0.157, 10.0),
    (32, 0.162, 0.5), (32, 0.162, 2.0), (18, 0.144, 20.0), (55, 0.160, 15.0),
]

if __name__ == "__main__":
    for z, k, t in CASES:
        f = lindhard(t, z, k)
        print(f"Z={z} k={k} T={t} keV: f={f:.15g} Eee={f * t:.15g} keVee")
