using MathNet.Numerics.LinearAlgebra;

namespace Cevns.Statistics;

/// <summary>
/// One BFGS minimisation from one start, in the internal unbounded variables of
/// <see cref="ParameterTransform"/> (J. Nocedal and S. Wright, Numerical Optimization, 2nd ed.,
/// Algorithm 6.1 and Eq. (6.17) for the inverse-Hessian update). Steps: Armijo backtracking with
/// quadratic interpolation, expanding when the decrease stays linear. A claimed minimum
/// (EDM = g^T H g / 2 &lt; tolerance) is verified with a numerical Hessian: its eigen-decomposition
/// gives the EDM along well-curved directions, treats flat directions (zero curvature, e.g. a
/// parameter the chi^2 does not depend on) as converged when the gradient along them is negligible,
/// and escapes saddle points along negative-curvature directions. Not thread-safe (one run, one thread).
/// </summary>
internal sealed class QuasiNewtonRun
{
    private const double Armijo = 1e-4;
    private const int MaxHessianChecks = 10;

    private readonly FitProblem _problem;
    private readonly MinimiserOptions _o;
    private readonly int[] _free;
    private readonly ParameterTransform[] _t;
    private readonly double[] _scale;
    private readonly double[] _ext;
    private readonly double[]? _gradExt;
    private readonly double[] _curvatureHint;
    private readonly int _n;
    private int _calls;

    /// <summary>Eigen-analysis of the numerical Hessian at a point.</summary>
    internal sealed record HessianAnalysis(double Edm, double[] InverseCurvature, double[] CovarianceInternal, bool[] FlatParameter,
        List<(double[] Direction, double Scale2)> NegativeDirections);

    internal sealed record Outcome(double[] X, double Chi2, FitStatus Status, string Message, int Iterations, int Calls,
        double Edm, double[] U, HessianAnalysis? Hessian);

    public QuasiNewtonRun(FitProblem problem, MinimiserOptions options)
    {
        _problem = problem;
        _o = options;
        _free = Enumerable.Range(0, problem.Count).Where(i => !problem.Parameters[i].IsFixed).ToArray();
        _n = _free.Length;
        _t = _free.Select(i => new ParameterTransform(problem.Parameters[i])).ToArray();
        _scale = _t.Select(t => t.Scale).ToArray();
        _ext = problem.InitialValues();
        _gradExt = problem.Gradient is null ? null : new double[problem.Count];
        _curvatureHint = new double[_n];
        Array.Fill(_curvatureHint, double.NaN);
    }

    public int FreeCount => _n;

    /// <summary>The state of one run: point, value, gradient, inverse-Hessian estimate and the loop's bookkeeping.</summary>
    private sealed class Iterate(int n)
    {
        public double[] U = new double[n];
        public double F;
        public double[] G = new double[n];
        /// <summary>Diagonal curvature from central differences (NaN where unknown): the metric a reset starts from.</summary>
        public double[] Curv = new double[n];
        /// <summary>Inverse-Hessian estimate, row-major n x n.</summary>
        public readonly double[] H = new double[n * n];
        /// <summary>H is a reset diagonal (no BFGS update since).</summary>
        public bool Fresh;
        /// <summary>Rescale H at its first update (the diagonal was a guess, not measured curvature).</summary>
        public bool SelfScale;
        public int Iterations;
        /// <summary>Numerical-Hessian verifications that did not confirm a minimum.</summary>
        public int HessianChecks;

        // The trial point of the current step and scratch vectors.
        public double[] UNew = new double[n], GNew = new double[n], CurvNew = new double[n];
        public readonly double[] P = new double[n], S = new double[n], Y = new double[n], Hy = new double[n];
    }

    /// <summary>What a step of the loop decided: stop with an outcome, restart the loop, or go on.</summary>
    private readonly record struct Decision(Outcome? Stop, bool Restart)
    {
        public static readonly Decision Proceed = new(null, false);
        public static readonly Decision Again = new(null, true);
        public static implicit operator Decision(Outcome stop) => new(stop, false);
    }

    /// <summary>
    /// The quasi-Newton loop: stop at a limit; at a claimed minimum verify it; take the descent direction of the current
    /// metric; search along it (falling back to a reset metric, then the numerical Hessian); update the metric by BFGS.
    /// </summary>
    public Outcome Run(IReadOnlyList<double> start)
    {
        _calls = 0;
        var it = new Iterate(_n);
        it.U = StartPoint(start);
        it.F = Evaluate(it.U);
        if (_n == 0)
            return Finish(it.U, it.F, double.IsFinite(it.F) ? FitStatus.NothingToFit : FitStatus.NotFiniteAtStart,
                "all parameters fixed", 0, 0, null);
        if (!double.IsFinite(it.F))
            return Finish(it.U, it.F, FitStatus.NotFiniteAtStart, "objective is not finite at the starting point", 0, double.NaN, null);
        InitialMetric(it);

        while (true)
        {
            if (LimitReached(it) is Outcome limit)
                return limit;
            double edm = 0.5 * Quad(it.H, it.G);
            if (edm < _o.Tolerance)
            {
                var verdict = VerifyMinimum(it, edm);
                if (verdict.Stop is Outcome done) return done;
                if (verdict.Restart) continue;
            }

            it.Iterations++;
            if (!DescentDirection(it, out double dg))
                return Finish(it.U, it.F, FitStatus.LineSearchFailed, "search direction is not a descent direction (gradient not finite?)", it.Iterations, edm, null);
            if (!LineSearch(it.U, it.F, it.P, dg, it.UNew, out double fNew))
            {
                var recovery = RecoverFromFailedSearch(it, edm, out fNew);
                if (recovery.Stop is Outcome failed) return failed;
                if (recovery.Restart) continue;
            }
            AcceptStep(it, fNew);
        }
    }

    /// <summary>Internal start point: the given external values clamped into the bounds (the initial value where not finite).</summary>
    private double[] StartPoint(IReadOnlyList<double> start)
    {
        var u = new double[_n];
        for (int k = 0; k < _n; k++)
        {
            var par = _problem.Parameters[_free[k]];
            double x0 = double.IsFinite(start[_free[k]]) ? par.Clamp(start[_free[k]]) : par.Initial;
            u[k] = _t[k].StartInternal(x0);
        }
        return u;
    }

    /// <summary>Gradient at the start and the diagonal metric from the measured curvature.</summary>
    private void InitialMetric(Iterate it)
    {
        // With an analytic gradient the curvature is unknown; one set of central differences at the start gives the diagonal
        // curvature for the initial metric (and for later resets), which saves many quasi-Newton iterations.
        if (_gradExt is not null)
        {
            NumericalGradient(it.U, it.F, it.G, it.Curv);
            Array.Copy(it.Curv, _curvatureHint, _n);
        }
        Gradient(it.U, it.F, it.G, it.Curv);
        ResetMetric(it);
    }

    /// <summary>Back to the diagonal metric of the current curvature.</summary>
    private void ResetMetric(Iterate it)
    {
        ResetInverseHessian(it.H, it.Curv);
        it.SelfScale = NeedsSelfScale(it.Curv);
        it.Fresh = true;
    }

    private Outcome? LimitReached(Iterate it)
    {
        if (_calls >= _o.MaxFunctionCalls)
            return Finish(it.U, it.F, FitStatus.CallLimit, $"reached {_o.MaxFunctionCalls} function calls", it.Iterations, 0.5 * Quad(it.H, it.G), null);
        if (it.Iterations >= _o.MaxIterations)
            return Finish(it.U, it.F, FitStatus.IterationLimit, $"reached {_o.MaxIterations} iterations", it.Iterations, 0.5 * Quad(it.H, it.G), null);
        return null;
    }

    /// <summary>
    /// The quasi-Newton EDM is below tolerance: accept (without verification), or check with the numerical Hessian,
    /// escaping a saddle (restart), accepting a verified minimum, or continuing with the Hessian's metric.
    /// </summary>
    private Decision VerifyMinimum(Iterate it, double edm)
    {
        if (!_o.VerifyWithHessian)
            return Finish(it.U, it.F, FitStatus.Converged, "EDM below tolerance (quasi-Newton estimate)", it.Iterations, edm, null);
        var a = AnalyseHessian(it.U, it.F, it.G);
        if (a is null)
            return Finish(it.U, it.F, FitStatus.Converged, "EDM below tolerance (quasi-Newton estimate; numerical Hessian not finite)", it.Iterations, edm, null);
        if (EscapeOrAccept(it, a) is { } decided) return decided;
        if (++it.HessianChecks >= MaxHessianChecks)
            return Finish(it.U, it.F, FitStatus.NotAtMinimum, $"numerical-Hessian EDM {a.Edm:G3} stays above tolerance", it.Iterations, a.Edm, a);
        Array.Copy(a.InverseCurvature, it.H, it.H.Length);
        it.Fresh = true;
        it.SelfScale = false;
        return Decision.Proceed;
    }

    /// <summary>
    /// What the numerical Hessian settles by itself: a saddle is escaped (restart from the lower point with a reset
    /// metric), a verified minimum is polished and accepted; null when neither applies.
    /// </summary>
    private Decision? EscapeOrAccept(Iterate it, HessianAnalysis a)
    {
        if (a.NegativeDirections.Count > 0 && TryEscape(it.U, ref it.F, a.NegativeDirections))
        {
            Gradient(it.U, it.F, it.G, it.Curv);
            ResetMetric(it);
            return Decision.Again;
        }
        if (a.Edm < _o.Tolerance)
        {
            Polish(it.U, ref it.F, it.G, a);
            return Finish(it.U, it.F, FitStatus.Converged, "EDM below tolerance (verified with numerical Hessian)", it.Iterations, a.Edm, a);
        }
        return null;
    }

    /// <summary>p = -H g into it.P, with a reset metric if H does not give descent; false if even that fails.</summary>
    private bool DescentDirection(Iterate it, out double dg)
    {
        dg = Direction(it.H, it.G, it.P);
        if (dg < 0) return true;
        ResetMetric(it);
        dg = Direction(it.H, it.G, it.P);
        return dg < 0;
    }

    /// <summary>
    /// No acceptable step along p: restart with a reset metric if H had been updated; otherwise decide with the
    /// numerical Hessian (escape a saddle, accept a verified minimum, or search along its Newton direction).
    /// </summary>
    private Decision RecoverFromFailedSearch(Iterate it, double edm, out double fNew)
    {
        fNew = it.F;
        if (!it.Fresh)
        {
            ResetMetric(it);
            return Decision.Again;
        }
        // Even a fresh diagonal metric finds no descent: decide with the numerical Hessian.
        var a = AnalyseHessian(it.U, it.F, it.G);
        if (a is null)
            return Finish(it.U, it.F, FitStatus.LineSearchFailed, $"no descent along the search direction, EDM {edm:G3}; numerical Hessian not finite", it.Iterations, edm, null);
        if (EscapeOrAccept(it, a) is { } decided) return decided;
        // Last resort: the Newton direction of the numerical Hessian.
        Array.Copy(a.InverseCurvature, it.H, it.H.Length);
        double dgNewton = Direction(it.H, it.G, it.P);
        if (++it.HessianChecks >= MaxHessianChecks || !(dgNewton < 0) || !LineSearch(it.U, it.F, it.P, dgNewton, it.UNew, out fNew))
            return Finish(it.U, it.F, FitStatus.LineSearchFailed, $"no descent along the search direction, EDM {a.Edm:G3}", it.Iterations, a.Edm, a);
        it.SelfScale = false;
        return Decision.Proceed;
    }

    /// <summary>Moves to the accepted point it.UNew and updates H by BFGS (self-scaled first update after a guessed reset).</summary>
    private void AcceptStep(Iterate it, double fNew)
    {
        Gradient(it.UNew, fNew, it.GNew, it.CurvNew);
        double ys = 0, yy = 0, ss = 0;
        for (int k = 0; k < _n; k++)
        {
            it.S[k] = it.UNew[k] - it.U[k];
            it.Y[k] = it.GNew[k] - it.G[k];
            ys += it.Y[k] * it.S[k];
            yy += it.Y[k] * it.Y[k];
            ss += it.S[k] * it.S[k];
        }
        // The curvature condition y.s > 0 keeps H positive definite; skip the update otherwise.
        if (ys > 1e-12 * Math.Sqrt(yy * ss))
        {
            if (it.Fresh && it.SelfScale)
            {
                // Oren-Luenberger self-scaling of the first update (Nocedal & Wright Eq. 6.20 generalised): H *= y.s / y.H y.
                double yhy = Quad(it.H, it.Y);
                if (yhy > 0)
                    for (int k = 0; k < it.H.Length; k++) it.H[k] *= ys / yhy;
            }
            BfgsUpdate(it.H, it.S, it.Y, ys, it.Hy);
            it.Fresh = false;
        }
        (it.U, it.UNew) = (it.UNew, it.U);
        (it.G, it.GNew) = (it.GNew, it.G);
        (it.Curv, it.CurvNew) = (it.CurvNew, it.Curv);
        it.F = fNew;
    }

    private Outcome Finish(double[] u, double f, FitStatus status, string message, int iterations, double edm, HessianAnalysis? hessian)
    {
        var x = (double[])_ext.Clone();
        for (int k = 0; k < _n; k++) x[_free[k]] = _t[k].ToExternal(u[k]);
        return new Outcome(x, f, status, message, iterations, _calls, edm, (double[])u.Clone(), hessian);
    }

    private double Evaluate(double[] u)
    {
        for (int k = 0; k < _n; k++) _ext[_free[k]] = _t[k].ToExternal(u[k]);
        _calls++;
        double f = _problem.Objective(_ext);
        // NaN or -inf (a defect of the objective) is treated like +inf: the step is rejected.
        return double.IsFinite(f) ? f : double.PositiveInfinity;
    }

    private double Step(double[] u, int k, double relative) => relative * Math.Max(Math.Abs(u[k]), _scale[k]);

    /// <summary>Internal gradient; <paramref name="curv"/> gets the diagonal second derivatives when central differences are used (NaN otherwise).</summary>
    private void Gradient(double[] u, double f0, double[] g, double[] curv)
    {
        if (_gradExt is not null && AnalyticGradient(u, g))
        {
            Array.Copy(_curvatureHint, curv, _n);
            return;
        }
        NumericalGradient(u, f0, g, curv);
    }

    /// <summary>Central differences: gradient and diagonal second derivatives (NaN where a side is not finite).</summary>
    private void NumericalGradient(double[] u, double f0, double[] g, double[] curv)
    {
        for (int k = 0; k < _n; k++)
        {
            double uk = u[k];
            double hp = (uk + Step(u, k, _o.GradientStep)) - uk; // exactly representable step
            u[k] = uk + hp;
            double fp = Evaluate(u);
            u[k] = uk - hp;
            double fm = Evaluate(u);
            u[k] = uk;
            bool okP = double.IsFinite(fp), okM = double.IsFinite(fm);
            if (okP && okM)
            {
                g[k] = (fp - fm) / (2 * hp);
                curv[k] = (fp - 2 * f0 + fm) / (hp * hp);
            }
            else
            {
                g[k] = okP ? (fp - f0) / hp : okM ? (f0 - fm) / hp : 0.0;
                curv[k] = double.NaN;
            }
        }
    }

    private bool AnalyticGradient(double[] u, double[] g)
    {
        for (int k = 0; k < _n; k++) _ext[_free[k]] = _t[k].ToExternal(u[k]);
        _calls++;
        Array.Clear(_gradExt!);
        _problem.Gradient!(_ext, _gradExt!);
        for (int k = 0; k < _n; k++)
        {
            g[k] = _gradExt![_free[k]] * _t[k].Derivative(u[k]);
            if (!double.IsFinite(g[k])) return false;
        }
        return true;
    }

    /// <summary>Diagonal inverse Hessian: 1/curvature where measured and positive, else (scale^2)/2, i.e. chi^2 rising by 2 per step hint.</summary>
    private void ResetInverseHessian(double[] h, double[] curv)
    {
        Array.Clear(h);
        for (int k = 0; k < _n; k++)
        {
            double c2 = _scale[k] * _scale[k];
            h[k * _n + k] = curv[k] > 0 && double.IsFinite(curv[k]) ? Math.Min(1.0 / curv[k], 1e6 * c2) : 0.5 * c2;
        }
    }

    /// <summary>Without measured curvatures the diagonal guess is rescaled at the first update.</summary>
    private static bool NeedsSelfScale(double[] curv) => curv.Any(c => !double.IsFinite(c));

    private double Quad(double[] h, double[] v)
    {
        double sum = 0;
        for (int i = 0; i < _n; i++)
        {
            double row = 0;
            for (int j = 0; j < _n; j++) row += h[i * _n + j] * v[j];
            sum += v[i] * row;
        }
        return sum;
    }

    /// <summary>p = -H g; returns g.p.</summary>
    private double Direction(double[] h, double[] g, double[] p)
    {
        double dg = 0;
        for (int i = 0; i < _n; i++)
        {
            double row = 0;
            for (int j = 0; j < _n; j++) row += h[i * _n + j] * g[j];
            p[i] = -row;
            dg -= g[i] * row;
        }
        return dg;
    }

    /// <summary>H &lt;- (I - rho s y^T) H (I - rho y s^T) + rho s s^T with rho = 1/(y.s).</summary>
    private void BfgsUpdate(double[] h, double[] s, double[] y, double ys, double[] hy)
    {
        double rho = 1.0 / ys;
        double yhy = 0;
        for (int i = 0; i < _n; i++)
        {
            double row = 0;
            for (int j = 0; j < _n; j++) row += h[i * _n + j] * y[j];
            hy[i] = row;
            yhy += y[i] * row;
        }
        double c = rho * rho * yhy + rho;
        for (int i = 0; i < _n; i++)
            for (int j = 0; j < _n; j++)
                h[i * _n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + c * s[i] * s[j];
    }

    /// <summary>Armijo backtracking along p from u; expands while the decrease stays linear.</summary>
    private bool LineSearch(double[] u, double f0, double[] p, double dg, double[] uNew, out double fNew)
    {
        double alpha = 1.0;
        for (int k = 0; k < _n; k++)
            if (_t[k].IsPeriodic && Math.Abs(p[k]) > Math.PI / 2)
                alpha = Math.Min(alpha, Math.PI / 2 / Math.Abs(p[k]));
        double pMax = 0;
        for (int k = 0; k < _n; k++)
            pMax = Math.Max(pMax, Math.Abs(p[k]) / Math.Max(Math.Abs(u[k]), _scale[k]));
        for (int attempt = 0; attempt < 60; attempt++)
        {
            double f1 = Trial(u, p, alpha, uNew);
            if (f1 <= f0 + Armijo * alpha * dg)
            {
                fNew = f1;
                if (attempt == 0 && f0 - f1 > 0.9 * -alpha * dg)
                    fNew = Expand(u, p, alpha, f1, uNew);
                return true;
            }
            double next = double.IsFinite(f1) ? -dg * alpha * alpha / (2 * (f1 - f0 - dg * alpha)) : 0.1 * alpha;
            alpha = Math.Clamp(next, 0.1 * alpha, 0.5 * alpha);
            if (alpha * pMax < 1e-15) break;
        }
        fNew = f0;
        return false;
    }

    private double Trial(double[] u, double[] p, double alpha, double[] target)
    {
        for (int k = 0; k < _n; k++) target[k] = u[k] + alpha * p[k];
        return Evaluate(target);
    }

    /// <summary>Doubles the step while the objective keeps falling (an initial curvature guess far too large).</summary>
    private double Expand(double[] u, double[] p, double alpha, double fAlpha, double[] uBest)
    {
        var trial = new double[_n];
        double best = fAlpha;
        for (int i = 0; i < 10; i++)
        {
            bool capped = false;
            for (int k = 0; k < _n; k++)
                if (_t[k].IsPeriodic && Math.Abs(2 * alpha * p[k]) > Math.PI / 2) capped = true;
            if (capped) break;
            alpha *= 2;
            double f = Trial(u, p, alpha, trial);
            if (!(f < best)) break;
            best = f;
            Array.Copy(trial, uBest, _n);
        }
        return best;
    }

    /// <summary>
    /// One Newton step with the verified Hessian from an accepted minimum (one evaluation), kept if it does
    /// not raise chi^2: makes the parameters accurate to well below the EDM-limited sqrt(2 EDM) sigma.
    /// </summary>
    private void Polish(double[] u, ref double f, double[] g, HessianAnalysis a)
    {
        var trial = new double[_n];
        for (int i = 0; i < _n; i++)
        {
            double row = 0;
            for (int j = 0; j < _n; j++) row += a.InverseCurvature[i * _n + j] * g[j];
            trial[i] = u[i] - row;
        }
        double ft = Evaluate(trial);
        if (ft <= f)
        {
            Array.Copy(trial, u, _n);
            f = ft;
        }
    }

    /// <summary>Moves along a negative-curvature direction if that lowers chi^2 by more than the tolerance.</summary>
    private bool TryEscape(double[] u, ref double f, List<(double[] Direction, double Scale2)> directions)
    {
        var trial = new double[_n];
        var best = new double[_n];
        double fBest = f;
        foreach (var (v, scale2) in directions)
            foreach (double t in new[] { 0.01, 0.1, 1.0, 10.0, -0.01, -0.1, -1.0, -10.0 })
            {
                double step = t * Math.Sqrt(scale2);
                for (int k = 0; k < _n; k++) trial[k] = u[k] + step * v[k];
                double ft = Evaluate(trial);
                if (ft < fBest)
                {
                    fBest = ft;
                    Array.Copy(trial, best, _n);
                }
            }
        if (!(fBest < f - _o.Tolerance)) return false;
        Array.Copy(best, u, _n);
        f = fBest;
        return true;
    }

    /// <summary>
    /// Numerical Hessian in internal variables, null if not finite. Diagonal: central second differences.
    /// Off-diagonal: the 4-point central formula when <paramref name="accurate"/> (O(h^2), 4 calls per pair,
    /// used for covariances), else the forward formula f(+k+l) - f(+k) - f(+l) + f (O(h), 1 call per pair,
    /// enough to verify a minimum). With an analytic gradient: central differences of the gradient.
    /// </summary>
    private double[,]? NumericalHessian(double[] u, double f0, bool accurate, out double minStep)
    {
        var hess = new double[_n, _n];
        var step = new double[_n];
        for (int k = 0; k < _n; k++) step[k] = (u[k] + Step(u, k, _o.HessianStep)) - u[k];
        minStep = step.Min();
        if (_gradExt is not null)
        {
            var gp = new double[_n];
            var gm = new double[_n];
            for (int k = 0; k < _n; k++)
            {
                double uk = u[k];
                u[k] = uk + step[k];
                bool okP = AnalyticGradient(u, gp);
                u[k] = uk - step[k];
                bool okM = AnalyticGradient(u, gm);
                u[k] = uk;
                if (!okP || !okM) return null;
                for (int l = 0; l < _n; l++) hess[k, l] = (gp[l] - gm[l]) / (2 * step[k]);
            }
            for (int k = 0; k < _n; k++)
                for (int l = 0; l < k; l++)
                    hess[k, l] = hess[l, k] = 0.5 * (hess[k, l] + hess[l, k]);
            return hess;
        }
        var w = (double[])u.Clone();
        var fPlus = new double[_n];
        for (int k = 0; k < _n; k++)
        {
            w[k] = u[k] + step[k];
            fPlus[k] = Evaluate(w);
            w[k] = u[k] - step[k];
            double fm = Evaluate(w);
            w[k] = u[k];
            hess[k, k] = (fPlus[k] - 2 * f0 + fm) / (step[k] * step[k]);
        }
        for (int k = 0; k < _n; k++)
            for (int l = 0; l < k; l++)
            {
                double v;
                if (accurate)
                {
                    double sum = 0;
                    foreach (var (sk, sl) in new[] { (1, 1), (1, -1), (-1, 1), (-1, -1) })
                    {
                        w[k] = u[k] + sk * step[k];
                        w[l] = u[l] + sl * step[l];
                        sum += sk * sl * Evaluate(w);
                    }
                    v = sum / (4 * step[k] * step[l]);
                }
                else
                {
                    w[k] = u[k] + step[k];
                    w[l] = u[l] + step[l];
                    v = (Evaluate(w) - fPlus[k] - fPlus[l] + f0) / (step[k] * step[l]);
                }
                w[k] = u[k];
                w[l] = u[l];
                hess[k, l] = hess[l, k] = v;
            }
        foreach (double v in hess)
            if (!double.IsFinite(v)) return null;
        return hess;
    }

    /// <summary>
    /// Eigen-analysis of the numerical Hessian G = V diag(lambda) V^T. Directions with lambda above
    /// max(1e-8 lambda_max, rounding noise of the second differences) are "curved"; the others are flat
    /// (or, if clearly negative, descent directions). The EDM uses 1/lambda along curved directions and the
    /// step-hint scale^2 along flat ones, so a flat direction with zero gradient does not block convergence
    /// while a sloped one does.
    /// </summary>
    internal HessianAnalysis? AnalyseHessian(double[] u, double f, double[] g, bool accurate = false)
    {
        var hess = NumericalHessian(u, f, accurate, out double minStep);
        if (hess is null) return null;
        var evd = Matrix<double>.Build.DenseOfArray(hess).Evd(Symmetricity.Symmetric);
        var lambda = evd.EigenValues.Select(c => c.Real).ToArray();
        var vectors = evd.EigenVectors;
        double lambdaMax = lambda.Max(Math.Abs);
        double noise = 64 * 2.2e-16 * (1 + Math.Abs(f)) / (minStep * minStep);
        double threshold = Math.Max(1e-8 * lambdaMax, noise);
        var inv = new double[_n * _n];
        var cov = new double[_n * _n];
        var flat = new bool[_n];
        var negative = new List<(double[], double)>();
        for (int e = 0; e < _n; e++)
        {
            var v = vectors.Column(e).ToArray();
            double scale2 = 0;
            for (int k = 0; k < _n; k++) scale2 += v[k] * v[k] * _scale[k] * _scale[k];
            bool curved = lambda[e] > threshold;
            double weight = curved ? 1.0 / lambda[e] : scale2;
            for (int i = 0; i < _n; i++)
                for (int j = 0; j < _n; j++)
                {
                    inv[i * _n + j] += weight * v[i] * v[j];
                    if (curved) cov[i * _n + j] += 2.0 / lambda[e] * v[i] * v[j];
                }
            if (!curved)
            {
                for (int k = 0; k < _n; k++)
                    if (Math.Abs(v[k]) > 1e-6) flat[k] = true;
                if (lambda[e] < -threshold) negative.Add((v, scale2));
            }
        }
        double edm = 0.5 * Quad(inv, g);
        return new HessianAnalysis(edm, inv, cov, flat, negative);
    }

    /// <summary>External covariance 2 J G^-1 J (J = dx/du) of the free parameters, +inf along flat directions.</summary>
    internal double[,] ExternalCovariance(Outcome outcome)
    {
        var a = outcome.Hessian!;
        var cov = new double[_problem.Count, _problem.Count];
        for (int i = 0; i < _n; i++)
            for (int j = 0; j < _n; j++)
            {
                double v = a.CovarianceInternal[i * _n + j] * _t[i].Derivative(outcome.U[i]) * _t[j].Derivative(outcome.U[j]);
                if (a.FlatParameter[i] && a.FlatParameter[j] && i == j) v = double.PositiveInfinity;
                else if (a.FlatParameter[i] || a.FlatParameter[j]) v = i == j ? double.PositiveInfinity : double.NaN;
                cov[_free[i], _free[j]] = v;
            }
        return cov;
    }

    /// <summary>External covariance at a full parameter vector <paramref name="x"/> (a minimum found elsewhere), or null if the Hessian is not finite.</summary>
    internal double[,]? CovarianceAt(IReadOnlyList<double> x, double chi2)
    {
        var u = new double[_n];
        for (int k = 0; k < _n; k++) u[k] = _t[k].StartInternal(_problem.Parameters[_free[k]].Clamp(x[_free[k]]));
        for (int i = 0; i < _ext.Length; i++) _ext[i] = x[i];
        var outcome = new Outcome(x.ToArray(), chi2, FitStatus.Converged, "", 0, 0, 0, u, null);
        var analysed = outcome with { Hessian = AnalyseAt(outcome) };
        return analysed.Hessian is null ? null : ExternalCovariance(analysed);
    }

    /// <summary>Accurate Hessian analysis at the outcome's point (for the covariance).</summary>
    internal HessianAnalysis? AnalyseAt(Outcome outcome)
    {
        var u = (double[])outcome.U.Clone();
        var g = new double[_n];
        var curv = new double[_n];
        Gradient(u, outcome.Chi2, g, curv);
        return AnalyseHessian(u, outcome.Chi2, g, accurate: true);
    }
}
