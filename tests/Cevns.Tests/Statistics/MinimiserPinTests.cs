using System.Globalization;
using Cevns.Fitting;
using Cevns.Statistics;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Statistics;

/// <summary>
/// Pins the minimiser's path, not just its answer: every parameter value and chi^2 to all 17 digits, the iteration and
/// call counts, and the EDM, on problems that exercise each branch of the quasi-Newton loop (numerical and analytic
/// gradients, bounds, a saddle to escape, a flat direction, a real likelihood). A refactoring of the loop must keep
/// these identical; a deliberate change of the algorithm updates the expected lines (and says why in the commit).
/// </summary>
public class MinimiserPinTests
{
    private static double Rosenbrock(double[] x) => 100 * Math.Pow(x[1] - x[0] * x[0], 2) + Math.Pow(1 - x[0], 2);

    private static IEnumerable<(string Name, Func<FitResult> Fit)> Cases()
    {
        yield return ("rosenbrock", () => Minimiser.Minimise(new FitProblem(
            [new FitParameter("a", -1.2, step: 0.1), new FitParameter("b", 1.0, step: 0.1)], Rosenbrock)));
        yield return ("rosenbrock-gradient", () => Minimiser.Minimise(new FitProblem(
            [new FitParameter("a", -1.2, step: 0.1), new FitParameter("b", 1.0, step: 0.1)], Rosenbrock,
            (x, g) =>
            {
                g[0] = -400 * x[0] * (x[1] - x[0] * x[0]) - 2 * (1 - x[0]);
                g[1] = 200 * (x[1] - x[0] * x[0]);
                return Rosenbrock(x);
            })));
        yield return ("bounded-corner", () => Minimiser.Minimise(new FitProblem(
            [new FitParameter("x", 1.0, 0, 2), new FitParameter("y", 2.0, 0, 5)],
            x => Math.Pow(x[0] - 3, 2) + Math.Pow(x[1] + 1, 2))));
        // Starts on the saddle x = y = 0 of x^2 - y^2 + y^4 (minima at y = +-1/sqrt 2): only the Hessian check escapes.
        yield return ("saddle", () => Minimiser.Minimise(new FitProblem(
            [new FitParameter("x", 0.0, step: 0.1), new FitParameter("y", 0.0, step: 0.1)],
            x => x[0] * x[0] - x[1] * x[1] + Math.Pow(x[1], 4))));
        // z does not enter the objective: a flat direction.
        yield return ("flat", () => Minimiser.Minimise(new FitProblem(
            [new FitParameter("x", 0.3, step: 0.1), new FitParameter("z", 1.0, -5, 5, 0.1)],
            x => Math.Pow(x[0] - 1, 2) / 0.04)));
        yield return ("coherent-csi-2021 sin2_theta_w", () =>
        {
            var fit = JointFit.Create([DatasetLikelihoods.Load("coherent-csi-2021", SourcesDataRoot.Path)],
                new FitSpecification { Free = ["sin2_theta_w"] });
            return Minimiser.Minimise(fit.Problem);
        });
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Describe(string name, FitResult r) =>
        $"{name}: {r.Status} iter {r.Iterations} calls {r.FunctionCalls} chi2 {R(r.Chi2)} edm {R(r.Edm)} x [{string.Join(", ", r.X.Select(R))}]";

    private static readonly string[] Expected =
    [
        "rosenbrock: Converged iter 33 calls 195 chi2 5.932163677457664E-08 edm 4.738977433093252E-07 x [1.0002435486668275, 1.00048739505391]",
        "rosenbrock-gradient: Converged iter 32 calls 94 chi2 3.560675121120073E-14 edm 2.1691824231688396E-08 x [0.9999998159934415, 0.999999627805604]",
        "bounded-corner: Converged iter 5 calls 36 chi2 2 edm 9.499093104035622E-08 x [2, 0]",
        "saddle: Converged iter 3 calls 60 chi2 -0.24999999999997424 edm 1.0703051884484829E-07 x [-9.087811223242128E-14, 0.7071068947030955]",
        "flat: Converged iter 1 calls 16 chi2 0 edm 1.2130904836362831E-09 x [1, 1]",
        "coherent-csi-2021 sin2_theta_w: Converged iter 8 calls 55 chi2 81.28913652590268 edm 4.5318041635864403E-07 x [0.22388459322312304, 1.0015920714342088, 0.9814360873700987, 0.9294073779325673, 0.9781162647279651, 0.29812919541511196, 0.21404712619707844, 0.06399308383994828, 0.10865594816122837]",
    ];

    [Fact]
    public void FitsAreIdenticalToTheLastDigit()
    {
        var actual = Cases().Select(c => Describe(c.Name, c.Fit())).ToArray();
        Assert.Equal(Expected, actual);
    }
}
