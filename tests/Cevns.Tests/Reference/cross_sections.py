#!/usr/bin/env python3
"""Independent reference values of dsigma/dT (cm^2/keV per atom) for CEvNS and nu-e scattering.

Stdlib only. Run:  python3 cross_sections.py   -> writes cross_sections.json next to this file,
which tests/Cevns.Tests/CrossSections/ReferenceValueTests.cs compares with the C# implementation.

The formulas are written out again from docs/physics.md (sections 1-6), not translated from the C# code:
  CEvNS  dsigma/dT = (G_F^2 M/pi)(1 - MT/2E^2 [- T/E]) sum_l' |A_ll'|^2 + magnetic moment + light scalar
  nu-e   dsigma/dT = Z_eff(T) (G_F^2 m_e/2pi)[(gV+gA)^2 + (gV-gA)^2 (1-T/E)^2 - (gV^2-gA^2) m_e T/E^2] + ...
Independent pieces: the Helm form factor, the point-proton radius from the charge radius, the SM charge
radius, the momentum-dependent charge-radius loop (by adaptive numerical integration, not the closed form),
kinematic limits and the Z_eff step tables.
Inputs that are facts rather than formulas are repeated here: PDG 2024 constants, AME2020 masses,
Angeli-Marinova charge radii, the element radii of docs/physics.md section 3, and the coupling inputs documented
in src/Cevns/Physics/CrossSections/WeakCouplings.cs (gtilde_V^p(0.23873) = 0.01824, g_V^n = -0.5117,
rho kappa = 1.0086 * 0.9978; nu_mu-e g_V = -0.0396, g_A = -0.5064, rho kappa = 1.0128 * 0.9964).
"""
import json
import math
import os

# ---- docs/physics.md section 1 (PDG 2024) ----
GF = 1.1663788e-5 * 1e-6          # MeV^-2
ALPHA = 1 / 137.035999
ME = 0.51099895
LEPTON_MASS = {"e": ME, "mu": 105.6583755, "tau": 1776.86}
MW = 80369.2
HBARC = 197.3269804               # MeV fm
U = 931.49410242                  # MeV
MEV2_TO_CM2 = (HBARC * 1e-13) ** 2  # 1 MeV^-2 in cm^2
S2_REF = 0.23873

# ---- couplings (section 2; values documented in WeakCouplings.cs) ----
GP_TILDE_REF = 0.01824
GN = -0.5117
RHO_KAPPA_N = 1.0086 * 0.9978
GV_E_NUMU_REF = -0.0396
GA_E_NC = -0.5064
RHO_KAPPA_E = 1.0128 * 0.9964

FLAVOURS = ["e", "mu", "tau"]
SPECIES = {"nue": ("e", False), "numu": ("mu", False), "nutau": ("tau", False),
           "nuebar": ("e", True), "numubar": ("mu", True), "nutaubar": ("tau", True)}


def sm_charge_radius_cm2(l):
    """<r^2>_SM = -(G_F/(2 sqrt2 pi^2)) [3 - 2 ln(m_l^2/m_W^2)], in cm^2 (section 4)."""
    m = LEPTON_MASS[l]
    return -GF / (2 * math.sqrt(2) * math.pi ** 2) * (3 - 2 * math.log(m * m / (MW * MW))) * MEV2_TO_CM2


def qtilde_cr(r2_cm2):
    """Qtilde = (sqrt2 pi alpha / (3 G_F)) <r^2>, <r^2> in MeV^-2."""
    return math.sqrt(2) * math.pi * ALPHA / (3 * GF) * (r2_cm2 / MEV2_TO_CM2)


def qtilde_mc(charge_e, q2_four):
    """Qtilde = (2 sqrt2 pi alpha / (G_F q^2)) q_ll', q^2 the (negative) four-momentum transfer squared."""
    return 2 * math.sqrt(2) * math.pi * ALPHA / (GF * q2_four) * charge_e


def adaptive_simpson(f, a, b, tol):
    def simpson(fa, fm, fb, a, b):
        return (b - a) / 6 * (fa + 4 * fm + fb)

    def rec(a, b, fa, fm, fb, whole, tol, depth):
        m = 0.5 * (a + b)
        lm, rm = 0.5 * (a + m), 0.5 * (m + b)
        flm, frm = f(lm), f(rm)
        left = simpson(fa, flm, fm, a, m)
        right = simpson(fm, frm, fb, m, b)
        if depth > 60 or abs(left + right - whole) <= 15 * tol:
            return left + right + (left + right - whole) / 15
        return rec(a, m, fa, flm, fm, left, tol / 2, depth + 1) + rec(m, b, fm, frm, fb, right, tol / 2, depth + 1)

    fa, fb, fm = f(a), f(b), f(0.5 * (a + b))
    return rec(a, b, fa, fm, fb, simpson(fa, fm, fb, a, b), tol, 0)


def sm_qtilde_running(l, q2_abs):
    """Momentum-dependent SM charge-radius shift (arXiv:2402.16709, one-loop lepton loop):
    ln(m^2/mW^2) -> 6 int_0^1 x(1-x) ln((m^2 + x(1-x) Q^2)/mW^2) dx, integrated numerically here."""
    m2 = LEPTON_MASS[l] ** 2
    integral = 2 * adaptive_simpson(lambda x: 6 * x * (1 - x) * math.log((m2 + x * (1 - x) * q2_abs) / (MW * MW)),
                                    0.0, 0.5, 1e-15)
    return -(ALPHA / (6 * math.pi)) * (3 - 2 * integral)


# ---- nuclei (section 3) ----
def point_proton_radius(rch, z, n):
    """Angeli-Marinova: R_p^2 = R_ch^2 - r_p^2 - (N/Z) <r_n^2>, r_p = 0.8409 fm, <r_n^2> = -0.1161 fm^2."""
    return math.sqrt(rch ** 2 - 0.8409 ** 2 - n / z * (-0.1161))


ISOTOPES = {
    # name: (element, Z, A, atomic mass u)   AME2020
    "Ge72": ("Ge", 32, 72, 71.922075826),
    "Cs133": ("Cs", 55, 133, 132.905451961),
    "I127": ("I", 53, 127, 126.904472),
    "Ar40": ("Ar", 18, 40, 39.9623831238),
}
# element radii (fm): R_p from the Angeli-Marinova charge radius of 133Cs (4.8041), 127I (4.7500), 40Ar (3.4274); Ge:
# abundance-weighted mean of the five isotopes' point-proton radii, 3.993147 -> 3.993 (form_factors.py); R_n defaults of
# the catalogue (Ge: NSM mean 4.22, docs/physics.md sec. 3).
ELEMENT_RP = {"Ge": 3.993, "Cs": point_proton_radius(4.8041, 55, 78), "I": point_proton_radius(4.7500, 53, 74),
              "Ar": point_proton_radius(3.4274, 18, 22)}
ELEMENT_RN = {"Ge": 4.22, "Cs": 5.01, "I": 4.94, "Ar": 3.47}


def nuclear_mass(name):
    el, z, a, mu = ISOTOPES[name]
    return mu * U - z * ME


def helm(q_fm, r_rms):
    """Helm: 3 j1(q R0)/(q R0) exp(-q^2 s^2/2), s = 0.9 fm, R0^2 = 5/3 (R^2 - 3 s^2)."""
    s = 0.9
    r0 = math.sqrt(5.0 / 3.0 * (r_rms ** 2 - 3 * s * s))
    x = q_fm * r0
    if x < 1e-3:
        f = 1 - x * x / 10
    else:
        j1 = math.sin(x) / x ** 2 - math.cos(x) / x
        f = 3 * j1 / x
    return f * math.exp(-q_fm ** 2 * s * s / 2)


# ---- parameters (catalogue names and units) ----
def pair_key(prefix, a, b, style):
    if a == b:
        return f"{prefix}.{a}" if style == "cr" else f"{prefix}.{a}{a}"
    i, j = sorted([a, b], key=FLAVOURS.index)
    return f"{prefix}.{i}_{j}"


def param_getter(params):
    p = dict(params)

    def get(name, default=0.0):
        return p.get(name, default)

    def r2(a, b):  # cm^2
        default = sm_charge_radius_cm2(a) / 1e-32 if a == b else 0.0
        return get(pair_key("charge_radius", a, b, "cr"), default) * 1e-32

    def mc(a, b):
        return get(pair_key("millicharge", a, b, "x"), 0.0) * 1e-12

    def eu(a, b):
        return get(pair_key("nsi.u", a, b, "x"))

    def ed(a, b):
        return get(pair_key("nsi.d", a, b, "x"))

    def mu(a):
        return get(f"magnetic_moment.{a}") * 1e-10

    return get, r2, mc, eu, ed, mu


ZPRIME_CHARGES = {"universal": (3.0, 3.0, 1.0), "b-l": (-1.0, -1.0, 1.0)}  # (p, n, e) times the neutrino charge


def cevns(iso, species, e, t_kev, params, opts):
    el, z, a, _ = ISOTOPES[iso]
    n = a - z
    m = nuclear_mass(iso)
    t = t_kev * 1e-3
    if e < 0.5 * (t + math.sqrt(t * t + 2 * m * t)):
        return 0.0
    get, r2, mc, eu, ed, mu = param_getter(params)
    l, anti = SPECIES[species]
    # docs/physics.md sec. 4: in the neutrino's <r^2> and q the photon term is the same for nu and anti-nu
    big_q2 = 2 * m * t
    q_ff = math.sqrt(big_q2 + (t * t if opts.get("recoil_squared_in_q", False) else 0.0)) / HBARC
    fz = helm(q_ff, ELEMENT_RP[el])
    fn = helm(q_ff, ELEMENT_RN[el])
    zf, nf = z * fz, n * fn

    s2 = get("sin2_theta_w", S2_REF)
    gp_tilde = GP_TILDE_REF - 2 * RHO_KAPPA_N * (s2 - S2_REF)
    sm = qtilde_cr(sm_charge_radius_cm2(l))
    bsm = qtilde_cr(r2(l, l)) - sm
    if opts.get("momentum_dependent_charge_radius", False):
        sm = sm_qtilde_running(l, big_q2)
    q_diag = sm + bsm + qtilde_mc(mc(l, l), -big_q2)

    gz = get("vector_mediator.coupling")
    mz = get("vector_mediator.mass", 1000.0)
    xp, xn, _ = ZPRIME_CHARGES[opts.get("vector_mediator", "universal")]
    zprime = gz * gz / (math.sqrt(2) * GF * (big_q2 + mz * mz))

    gp = gp_tilde - q_diag + 2 * eu(l, l) + ed(l, l) + xp * zprime
    gn = GN + eu(l, l) + 2 * ed(l, l) + xn * zprime
    total = (gp * zf + gn * nf) ** 2
    for lp in FLAVOURS:
        if lp == l:
            continue
        qt = qtilde_cr(r2(l, lp)) + qtilde_mc(mc(l, lp), -big_q2)
        total += ((-qt + 2 * eu(l, lp) + ed(l, lp)) * zf + (eu(l, lp) + 2 * ed(l, lp)) * nf) ** 2

    kin = 1 - m * t / (2 * e * e) - (t / e if opts.get("recoil_over_energy", False) else 0.0)
    xs = GF ** 2 * m / math.pi * kin * total
    xs += math.pi * ALPHA ** 2 / ME ** 2 * (1 / t - 1 / e) * zf ** 2 * mu(l) ** 2
    gs = get("scalar_mediator.coupling")
    ms = get("scalar_mediator.mass", 1000.0)
    q_phi = 15.1 * zf + 14.0 * nf   # Cerdeno et al. 2016: Q_phi = 14 A + 1.1 Z
    xs += m * m * t / (4 * math.pi * e * e) * gs ** 4 * q_phi ** 2 / (big_q2 + ms * ms) ** 2
    return xs * MEV2_TO_CM2 * 1e-3


ZEFF = {  # docs/physics.md section 5: (count, threshold keV) descending; last = count below
    "Ge": ([(32, 11.103), (30, 1.4146), (28, 1.2481), (26, 1.217), (22, 0.1801), (20, 0.1249), (18, 0.1208),
            (14, 0.0298), (10, 0.0292)], 4),
    "Cs": ([(55, 35.99), (53, 5.71), (51, 5.36), (49, 5.01), (45, 1.21), (43, 1.07), (41, 1.0), (37, 0.74),
            (33, 0.73), (27, 0.23), (25, 0.17), (23, 0.16)], 19),
    "I": ([(53, 33.17), (51, 5.19), (49, 4.86), (47, 4.56), (43, 1.07), (41, 0.93), (39, 0.88), (35, 0.63),
           (31, 0.62), (25, 0.19), (23, 0.124), (21, 0.123)], 17),
}


def zeff(el, t_kev):
    """Electrons a recoil T can ionise; 0 at and below the lowest binding energy of the table (section 5: such a
    recoil produces no charge)."""
    steps, below = ZEFF[el]
    if t_kev <= steps[-1][1]:
        return 0
    for count, thr in steps:
        if t_kev > thr:
            return count
    return below


def electron_scattering(iso, species, e, t_kev, params, opts):
    el = ISOTOPES[iso][0]
    t = t_kev * 1e-3
    if e < 0.5 * (t + math.sqrt(t * t + 2 * ME * t)):
        return 0.0
    get, r2, mc, eu, ed, mu = param_getter(params)
    l, anti = SPECIES[species]
    # docs/physics.md secs. 4, 5: only g_A changes sign for anti-nu
    big_q2 = 2 * ME * t
    s2 = get("sin2_theta_w", S2_REF)
    gv_tilde = GV_E_NUMU_REF - qtilde_cr(sm_charge_radius_cm2("mu")) + 2 * RHO_KAPPA_E * (s2 - S2_REF)
    sm = qtilde_cr(sm_charge_radius_cm2(l))
    bsm = qtilde_cr(r2(l, l)) - sm
    cc = 1.0 if l == "e" else 0.0
    gz = get("vector_mediator.coupling")
    mz = get("vector_mediator.mass", 1000.0)
    xe = ZPRIME_CHARGES[opts.get("vector_mediator", "universal")][2]
    # electron charge -1: photon terms enter g_V^e as +Qtilde
    gv = gv_tilde + sm + bsm + qtilde_mc(mc(l, l), -big_q2) + cc \
        + xe * gz * gz / (math.sqrt(2) * GF * (big_q2 + mz * mz))
    ga = GA_E_NC + cc
    if anti:
        ga = -ga
    y = 1 - t / e
    k = zeff(el, t_kev) * GF ** 2 * ME / (2 * math.pi)
    xs = k * ((gv + ga) ** 2 + (gv - ga) ** 2 * y * y - (gv * gv - ga * ga) * ME * t / e ** 2)
    for lp in FLAVOURS:
        if lp == l:
            continue
        cr = qtilde_cr(r2(l, lp))
        q = mc(l, lp)
        # transition charge radius: g_V = Qtilde_ll', g_A = 0; millicharge part in the docs/physics.md form
        # Z_eff (pi alpha^2/(m_e T^2)) [1 + (1-T/E)^2 - m_e T/E^2] |q|^2 when alone; combined in the amplitude.
        amp = cr + qtilde_mc(q, -big_q2)
        xs += k * amp * amp * (1 + y * y - ME * t / e ** 2)
    xs += zeff(el, t_kev) * math.pi * ALPHA ** 2 / ME ** 2 * (1 / t - 1 / e) * mu(l) ** 2
    return xs * MEV2_TO_CM2 * 1e-3


def millicharge_offdiag_physics_form(el, e, t_kev, q_e):
    """docs/physics.md section 4 formula written literally, used as a cross-check of the amplitude form."""
    t = t_kev * 1e-3
    return zeff(el, t_kev) * math.pi * ALPHA ** 2 / (ME * t * t) * (1 + (1 - t / e) ** 2 - ME * t / e ** 2) \
        * q_e ** 2 * MEV2_TO_CM2 * 1e-3


def cases():
    out = []

    def add(name, channel, target, species, e, t_kev, params=None, opts=None):
        params = params or {}
        opts = opts or {}
        f = cevns if channel == "cevns" else electron_scattering
        out.append({"name": name, "channel": channel, "target": target, "species": species,
                    "energy_mev": e, "recoil_kev": t_kev, "parameters": params, "options": opts,
                    "expected_cm2_per_kev": f(target, species, e, t_kev, params, opts)})

    # Standard Model CEvNS: three nuclei, three energies, recoils inside and outside the kinematic range.
    for iso in ["Ge72", "Cs133", "Ar40"]:
        for e in [10.0, 30.0, 50.0]:
            for t in [0.5, 2.0, 8.0, 30.0]:
                for sp in ["numu", "nuebar"]:
                    add(f"SM {iso} {sp} E={e} T={t}", "cevns", iso, sp, e, t)
    add("SM Ge72 nutau", "cevns", "Ge72", "nutau", 30.0, 5.0)
    add("SM Ge72 nue reactor", "cevns", "Ge72", "nue", 5.0, 0.3)
    add("sin2 0.25 Ge72 numu", "cevns", "Ge72", "numu", 30.0, 5.0, {"sin2_theta_w": 0.25})
    add("sin2 0.22 Cs133 nue", "cevns", "Cs133", "nue", 30.0, 3.0, {"sin2_theta_w": 0.22})

    # Charge radii: diagonal and transition, neutrinos and antineutrinos.
    for sp in ["nue", "nuebar"]:
        add(f"CR ee=5 {sp}", "cevns", "Ge72", sp, 30.0, 5.0, {"charge_radius.e": 5.0})
    for sp in ["numu", "numubar"]:
        add(f"CR mumu=-3 {sp}", "cevns", "Cs133", sp, 40.0, 4.0, {"charge_radius.mu": -3.0})
    add("CR tautau=10 nutau", "cevns", "Ar40", "nutau", 30.0, 10.0, {"charge_radius.tau": 10.0})
    for sp in ["nue", "numu", "numubar", "nutau"]:
        add(f"CR transition {sp}", "cevns", "Ge72", sp, 30.0, 5.0,
            {"charge_radius.e_mu": 20.0, "charge_radius.mu_tau": -15.0})
    # Momentum-dependent SM charge radius.
    for sp in ["nue", "numu", "nutau", "nuebar"]:
        add(f"running CR {sp}", "cevns", "Ge72", sp, 30.0, 5.0, {}, {"momentum_dependent_charge_radius": True})
    add("running CR Cs133 numu with BSM", "cevns", "Cs133", "numu", 50.0, 10.0, {"charge_radius.mu": 2.0},
        {"momentum_dependent_charge_radius": True})

    # Magnetic moment.
    add("MM Ge72 nuebar reactor", "cevns", "Ge72", "nuebar", 5.0, 0.2, {"magnetic_moment.e": 50.0})
    add("MM Cs133 numu", "cevns", "Cs133", "numu", 30.0, 2.0, {"magnetic_moment.mu": 300.0})
    # Millicharge: diagonal and flavour changing.
    for sp in ["nue", "nuebar"]:
        add(f"MC ee {sp}", "cevns", "Ge72", sp, 30.0, 5.0, {"millicharge.ee": 2000.0})
    add("MC e_mu numu", "cevns", "Ge72", "numu", 30.0, 5.0, {"millicharge.e_mu": 3000.0})
    add("MC + CR e_mu nue", "cevns", "Ar40", "nue", 30.0, 5.0, {"millicharge.e_mu": 3000.0, "charge_radius.e_mu": 10.0})
    # NSI.
    add("NSI diag nue", "cevns", "Ge72", "nue", 30.0, 5.0, {"nsi.u.ee": 0.1, "nsi.d.ee": -0.05})
    add("NSI diag numubar", "cevns", "Cs133", "numubar", 30.0, 5.0, {"nsi.u.mumu": -0.2, "nsi.d.mumu": 0.3})
    add("NSI offdiag numu", "cevns", "Ge72", "numu", 30.0, 5.0, {"nsi.u.e_mu": 0.2, "nsi.d.mu_tau": 0.1})
    add("NSI offdiag + CR nue", "cevns", "Ge72", "nue", 30.0, 5.0, {"nsi.u.e_mu": 0.2, "charge_radius.e_mu": 30.0})
    # Light vector mediator (universal, B-L) and light scalar mediator.
    add("Zprime universal", "cevns", "Ge72", "numu", 30.0, 5.0,
        {"vector_mediator.mass": 20.0, "vector_mediator.coupling": 1e-4})
    add("Zprime universal reactor", "cevns", "Ge72", "nuebar", 6.0, 0.5,
        {"vector_mediator.mass": 3.0, "vector_mediator.coupling": 2e-5})
    add("Zprime B-L", "cevns", "Cs133", "nue", 30.0, 5.0,
        {"vector_mediator.mass": 5.0, "vector_mediator.coupling": 3e-5}, {"vector_mediator": "b-l"})
    add("scalar", "cevns", "Ge72", "numu", 30.0, 5.0, {"scalar_mediator.mass": 10.0, "scalar_mediator.coupling": 1e-5})
    add("scalar reactor", "cevns", "Ge72", "nuebar", 5.0, 0.1, {"scalar_mediator.mass": 1.0, "scalar_mediator.coupling": 5e-6})
    # Kinematic options.
    add("T/E term", "cevns", "Ge72", "numu", 30.0, 20.0, {}, {"recoil_over_energy": True})
    add("T^2 in q", "cevns", "Ar40", "numu", 50.0, 60.0, {}, {"recoil_squared_in_q": True})
    # Everything at once.
    everything = {"sin2_theta_w": 0.235, "charge_radius.e": 3.0, "charge_radius.e_tau": 8.0, "magnetic_moment.e": 20.0,
                  "millicharge.ee": 500.0, "millicharge.e_mu": 800.0, "nsi.u.ee": 0.05, "nsi.d.e_tau": -0.1,
                  "vector_mediator.mass": 50.0, "vector_mediator.coupling": 5e-5,
                  "scalar_mediator.mass": 30.0, "scalar_mediator.coupling": 2e-5}
    for sp in ["nue", "nuebar"]:
        add(f"everything {sp}", "cevns", "Ge72", sp, 30.0, 3.0, everything,
            {"momentum_dependent_charge_radius": True, "recoil_over_energy": True, "recoil_squared_in_q": True})

    # nu-e scattering on Ge, Cs, I (Z_eff steps), SM and BSM.
    for iso in ["Ge72", "Cs133", "I127"]:
        for sp in ["nue", "nuebar", "numu", "numubar", "nutau"]:
            for e, t in [(1.0, 0.02), (1.0, 0.15), (5.0, 1.3), (5.0, 8.0), (30.0, 40.0), (30.0, 3000.0), (1.0, 900.0)]:
                add(f"ES SM {iso} {sp} E={e} T={t}", "es", iso, sp, e, t)
    add("ES sin2 0.25", "es", "Ge72", "numu", 5.0, 2.0, {"sin2_theta_w": 0.25})
    for sp in ["nue", "nuebar"]:
        add(f"ES CR {sp}", "es", "Ge72", sp, 5.0, 2.0, {"charge_radius.e": 5.0, "charge_radius.e_mu": 10.0})
        add(f"ES MM {sp}", "es", "Ge72", sp, 3.0, 0.1, {"magnetic_moment.e": 1.0})
        add(f"ES MC diag {sp}", "es", "Cs133", sp, 3.0, 1.5, {"millicharge.ee": 300.0})
        add(f"ES MC offdiag {sp}", "es", "I127", sp, 3.0, 1.5, {"millicharge.e_tau": 300.0})
        add(f"ES Zprime {sp}", "es", "Ge72", sp, 3.0, 1.5, {"vector_mediator.mass": 0.5, "vector_mediator.coupling": 3e-6})
    add("ES Zprime B-L numu", "es", "Cs133", "numu", 3.0, 1.5,
        {"vector_mediator.mass": 0.5, "vector_mediator.coupling": 3e-6}, {"vector_mediator": "b-l"})
    return out


def main():
    data = {"source": "tests/Cevns.Tests/Reference/cross_sections.py", "units": "cm^2/keV per atom",
            "cases": cases()}
    # Self-check: the amplitude form of the flavour-changing millicharge equals the docs/physics.md formula.
    t, e, q = 1.5, 3.0, 300.0e-12
    a = electron_scattering("I127", "nue", e, t, {"millicharge.e_tau": 300.0}, {}) \
        - electron_scattering("I127", "nue", e, t, {}, {})
    b = millicharge_offdiag_physics_form("I", e, t, q)
    assert abs(a / b - 1) < 1e-9, (a, b)
    # Self-check: the running charge radius tends to the static one at Q^2 -> 0.
    for l in FLAVOURS:
        assert abs(sm_qtilde_running(l, 1e-12) / qtilde_cr(sm_charge_radius_cm2(l)) - 1) < 1e-9
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cross_sections.json")
    with open(path, "w") as fh:
        json.dump(data, fh, indent=1)
        fh.write("\n")
    print(f"wrote {len(data['cases'])} cases to {path}")


if __name__ == "__main__":
    main()
