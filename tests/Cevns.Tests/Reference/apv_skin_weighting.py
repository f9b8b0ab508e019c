"""Independent reference for the neutron-skin weighting of atomic parity violation (Physics/Electroweak/AtomicParityViolation,
docs/physics.md sec. 11).

The spin-independent PNC amplitude between s1/2 and p1/2 electron states is proportional to int rho_W(r) F(r) d^3r with
F(r) = g_s f_p - f_s g_p (gamma5 swaps the large and small radial components; g, f as in psi = (g Omega_kappa, i f Omega_-kappa)).
Inside the nucleus the electron's energy and mass are negligible against the Coulomb potential V = -W, so the radial Dirac
equations reduce to
    s1/2 (kappa = -1):  g' = W f,                    f' = -2 f / r - W g,
    p1/2 (kappa = +1):  g' = -2 g / r + W f,         f' = -W g,
with W(x) = (Z alpha / 2 R)(3 - x^2), x = r / R, inside a uniformly charged sphere of radius R and W = Z alpha / r outside.
Part 1 solves them as power series to O((Z alpha)^2) with exact fractions (Picard iteration, regular solutions normalised to
g_s(0) = f_p(0) = 1) and checks that F(x) / F(0) = 1 - (Z alpha)^2 [x^2/2 - x^4/10 + x^6/150], the weighting the C# code uses.
Part 2 integrates the same equations numerically to all orders in Z alpha (RK4, interior and Coulomb exterior) to size what the
O((Z alpha)^2) truncation and the use of the interior polynomial beyond R (a neutron sphere larger than the charge sphere) leave
out. Part 3 evaluates q_{n,p} = int rho_{n,p} F for uniform spheres of the point-nucleon rms radii and the effective APV charge
shift N Q_W^n (q_n / q_p - 1) at the catalogue defaults of 133Cs and 208Pb, the numbers AtomicParityViolationTests checks.
Run: python3 apv_skin_weighting.py
"""
from fractions import Fraction as Fr
import math

ALPHA = 1 / 137.035999
PROTON_CHARGE_RADIUS = 0.8409          # fm, as NuclearCatalog
NEUTRON_MS_CHARGE_RADIUS = -0.1161     # fm^2, as NuclearCatalog
BOUND_NEUTRON_WEAK_CHARGE = -2 * (-0.1888 + 2 * 0.3419 + 0.00006) * (1 - ALPHA / (2 * math.pi))


# ---------------- part 1: exact series to O(a^2) ----------------
# polynomials in x as {power: Fraction}; a (= Z alpha) is tracked by the iteration order.

def p_mul(p, q):
    r = {}
    for i, a in p.items():
        for j, b in q.items():
            r[i + j] = r.get(i + j, 0) + a * b
    return {k: v for k, v in r.items() if v != 0}


def p_add(p, q, c=1):
    r = dict(p)
    for k, v in q.items():
        r[k] = r.get(k, 0) + c * v
    return {k: v for k, v in r.items() if v != 0}


def p_int(p):
    """int_0^x p(t) dt"""
    return {k + 1: v / (k + 1) for k, v in p.items()}


def p_shift(p, n):
    return {k + n: v for k, v in p.items()}


W1 = {0: Fr(3, 2), 2: Fr(-1, 2)}       # W / a in units of 1/R


def series_weighting():
    """Coefficients c_k of F(x)/F(0) = 1 + a^2 sum c_k x^k from the O(a^2) regular solutions."""
    # order a^0
    gs0, fp0 = {0: Fr(1)}, {0: Fr(1)}
    # order a^1: f_s = -(1/x^2) int t^2 W g_s,  g_p = (1/x^2) int t^2 W f_p
    fs1 = {k: -v for k, v in p_shift(p_int(p_shift(p_mul(W1, gs0), 2)), -2).items()}
    gp1 = p_shift(p_int(p_shift(p_mul(W1, fp0), 2)), -2)
    # order a^2: g_s = int W f_s,  f_p = -int W g_p
    gs2 = p_int(p_mul(W1, fs1))
    fp2 = {k: -v for k, v in p_int(p_mul(W1, gp1)).items()}
    # F = g_s f_p - f_s g_p at O(a^2): gs2 fp0 + gs0 fp2 - fs1 gp1
    f2 = p_add(p_add(p_mul(gs2, fp0), p_mul(gs0, fp2)), p_mul(fs1, gp1), -1)
    return f2


# ---------------- part 2: all orders in Z alpha, numerically ----------------

def weighting_exact(a, x_max, n=4000):
    """F(x)/F(0) on [0, x_max] (x = r/R) for the uniform-sphere potential inside and a/x outside, E = m = 0."""
    def w(x):
        return a / 2 * (3 - x * x) if x <= 1 else a / x

    def deriv(x, y):
        gs, fs, gp, fp = y
        wx = w(x)
        return (wx * fs, -2 * fs / x - wx * gs, -2 * gp / x + wx * fp, -wx * gp)

    x = 1e-6
    y = (1.0, -a / 2 * x, a / 2 * x, 1.0)   # regular series start: f_s ~ -(W(0)/3) x... to leading order W(0) x / 3 = a x / 2
    xs, fs_out = [0.0], [1.0]
    h = (x_max - x) / n
    for _ in range(n):
        k1 = deriv(x, y)
        k2 = deriv(x + h / 2, tuple(yi + h / 2 * ki for yi, ki in zip(y, k1)))
        k3 = deriv(x + h / 2, tuple(yi + h / 2 * ki for yi, ki in zip(y, k2)))
        k4 = deriv(x + h, tuple(yi + h * ki for yi, ki in zip(y, k3)))
        y = tuple(yi + h / 6 * (a1 + 2 * a2 + 2 * a3 + a4) for yi, a1, a2, a3, a4 in zip(y, k1, k2, k3, k4))
        x += h
        gs, fs, gp, fp = y
        xs.append(x)
        fs_out.append(gs * fp - fs * gp)
    return xs, fs_out


def weighting_poly(a, x):
    return 1 - a * a * (x ** 2 / 2 - x ** 4 / 10 + x ** 6 / 150)


# ---------------- part 3: q_n / q_p and the effective-charge shift ----------------

def q_uniform(rms, r_charge_rms, weight, nodes=4000):
    """int rho f over a uniform sphere of rms radius `rms`, the charge sphere of rms `r_charge_rms`; midpoint rule in r."""
    r_eq = math.sqrt(5 / 3) * rms
    big_r = math.sqrt(5 / 3) * r_charge_rms
    s = 0.0
    h = r_eq / nodes
    for i in range(nodes):
        r = (i + 0.5) * h
        s += 3 * r * r / r_eq ** 3 * weight(r / big_r) * h
    return s


def point_proton_radius(r_ch, z, n):
    return math.sqrt(r_ch ** 2 - PROTON_CHARGE_RADIUS ** 2 - n / z * NEUTRON_MS_CHARGE_RADIUS)


def interpolator(xs, ys):
    def f(x):
        i = min(int(x / xs[-1] * (len(xs) - 1)), len(xs) - 2)
        t = (x - xs[i]) / (xs[i + 1] - xs[i])
        return ys[i] + t * (ys[i + 1] - ys[i])
    return f


if __name__ == "__main__":
    f2 = series_weighting()
    print("part 1: F(x)/F(0) - 1 at O((Z alpha)^2):", {k: str(v) for k, v in sorted(f2.items())})
    assert f2 == {2: Fr(-1, 2), 4: Fr(1, 10), 6: Fr(-1, 150)}, f2
    print("        = -(Z alpha)^2 [x^2/2 - x^4/10 + x^6/150]  (matches AtomicParityViolation)")
    # the numerical solution of part 2 reduces to the series for small Z alpha (checks the integrator and the start values)
    a_small = 0.01
    xs, fx = weighting_exact(a_small, 1.0)
    for x, fv in list(zip(xs, fx))[::1000][1:]:
        series = (weighting_poly(a_small, x) - 1) / a_small ** 2
        assert abs((fv - 1) / a_small ** 2 - series) < 2e-4 * max(1.0, abs(series)), (x, fv, series)
    print("part 2: the numerical all-orders solution at Z alpha = 0.01 agrees with the series (to 2e-4 of the a^2 term)")

    for name, z, n, r_ch, r_n in [("Cs133", 55, 78, 4.8041, 5.01), ("Pb208", 82, 126, 5.5012, 5.74)]:
        a = z * ALPHA
        r_p = point_proton_radius(r_ch, z, n)
        poly = lambda x, a=a: weighting_poly(a, x)
        qp, qn = q_uniform(r_p, r_ch, poly), q_uniform(r_n, r_ch, poly)
        shift = n * BOUND_NEUTRON_WEAK_CHARGE * (qn / qp - 1)
        xs, fx = weighting_exact(a, 1.3)
        exact = interpolator(xs, fx)
        qp_x, qn_x = q_uniform(r_p, r_ch, exact), q_uniform(r_n, r_ch, exact)
        shift_x = n * BOUND_NEUTRON_WEAK_CHARGE * (qn_x / qp_x - 1)
        print(f"part 3: {name}: R_p = {r_p:.4f} fm, R_n = {r_n} fm, R_ch = {r_ch} fm")
        print(f"        O(a^2) weighting: q_p = {qp:.6f}, q_n = {qn:.6f}, q_n/q_p - 1 = {qn / qp - 1:.6e}, "
              f"N Q_W^n (q_n/q_p - 1) = {shift:+.6f}")
        print(f"        all orders in Z alpha (part 2, Coulomb outside R): q_p = {qp_x:.6f}, q_n = {qn_x:.6f}, "
              f"shift = {shift_x:+.4f} ({(shift_x / shift - 1) * 100:+.1f} % of the O(a^2) shift)")
