using System.Globalization;

namespace Cevns.Statistics;

/// <summary>Settings of <see cref="GlobalMinimumSearch"/>.</summary>
public sealed record GlobalSearchOptions
{
    /// <summary>Seeds per searched parameter (a grid in one dimension, a Halton set in several), at most <see cref="MaxSeeds"/>.</summary>
    public int SeedsPerParameter { get; init; } = 40;

    public int MaxSeeds { get; init; } = 160;

    /// <summary>Local minimisations from the lowest seeds that are local minima among the seeds (besides the minimiser's own starts).</summary>
    public int SeedStarts { get; init; } = 4;

    /// <summary>
    /// Two local minima are one unless the profiled chi^2 halfway between them (searched parameters fixed there, the rest
    /// minimised) exceeds the higher of the two by more than this: a barrier separates them.
    /// </summary>
    public double BarrierDeltaChi2 { get; init; } = 0.01;

    /// <summary>Local minima closer than this fraction of the searched box (in every searched parameter) are the same.</summary>
    public double SameFraction { get; init; } = 1e-3;

    internal void Validate()
    {
        if (SeedsPerParameter < 2) throw new ArgumentOutOfRangeException(nameof(SeedsPerParameter), $"SeedsPerParameter {SeedsPerParameter} must be >= 2");
        if (MaxSeeds < 2) throw new ArgumentOutOfRangeException(nameof(MaxSeeds), $"MaxSeeds {MaxSeeds} must be >= 2");
        if (SeedStarts < 1) throw new ArgumentOutOfRangeException(nameof(SeedStarts), $"SeedStarts {SeedStarts} must be >= 1");
        if (!(BarrierDeltaChi2 >= 0)) throw new ArgumentOutOfRangeException(nameof(BarrierDeltaChi2), $"BarrierDeltaChi2 {BarrierDeltaChi2} must be >= 0");
        if (!(SameFraction > 0 && SameFraction < 1)) throw new ArgumentOutOfRangeException(nameof(SameFraction), $"SameFraction {SameFraction} must be in (0, 1)");
    }
}

/// <summary>
/// Outcome of <see cref="GlobalMinimumSearch.Find"/>: the lowest minimum (<see cref="Best"/>, with covariance when asked for)
/// and every distinct local minimum found (<see cref="Minima"/>, lowest first, <see cref="Best"/>'s solution first).
/// </summary>
public sealed record GlobalSearchResult(FitResult Best, IReadOnlyList<FitResult> Minima, int Seeds, int LocalFits)
{
    /// <summary>The distinct minima other than the best with chi^2 - chi2_min &lt;= <paramref name="deltaChi2"/>.</summary>
    public IReadOnlyList<FitResult> OthersWithin(double deltaChi2) =>
        Minima.Skip(1).Where(m => m.Chi2 - Best.Chi2 <= deltaChi2).ToArray();
}

/// <summary>
/// A global minimum that does not depend on where the minimiser starts. A chi^2 can have several minima, e.g. a total-rate
/// term quadratic in a coupling (rate(q) = a + b q + c q^2 equals the measurement at two values of q: two minima of equal
/// depth), or a shallow local minimum beside the global one. The search:
/// <list type="number">
/// <item>seeds the box of the searched parameters (their bounds, the fit ranges; logarithmic where the lower bound is
/// positive and the range spans more than two decades, e.g. mediator masses): a uniform grid for one parameter, a Halton
/// set (J. H. Halton, Numer. Math. 2 (1960) 84; bases 2, 3, 5, ...) for several;</item>
/// <item>evaluates the profiled chi^2 at every seed (the other parameters minimised from the solution at the nearest seed
/// done before, to a tolerance of <see cref="SeedTolerance"/>);</item>
/// <item>minimises locally from the problem's own starts (<see cref="Minimiser.StartPoints"/>) and from the
/// <see cref="GlobalSearchOptions.SeedStarts"/> lowest seeds that are lower than their neighbours (neighbours on the grid,
/// or the 2 d nearest seeds of a Halton set in the unit box), each start on its own;</item>
/// <item>keeps the distinct converged local minima: two are one when they coincide within
/// <see cref="GlobalSearchOptions.SameFraction"/> of the box, or when no barrier separates them (the profiled chi^2 at the
/// midpoint is not above the higher one by <see cref="GlobalSearchOptions.BarrierDeltaChi2"/>: one flat valley).</item>
/// </list>
/// A minimum narrower than the seed spacing whose basin no seed falls into can still be missed; the profiled intervals
/// (which re-minimise at every scan point from the global best fit and lower it when they find a lower point) are the
/// second line of defence.
/// </summary>
public static class GlobalMinimumSearch
{
    /// <param name="searched">Indices of the parameters whose box is seeded (free ones; fixed ones are skipped).</param>
    /// <param name="local">Settings of the local minimisations (its starts are run too; ComputeCovariance applies to the best).</param>
    public static GlobalSearchResult Find(FitProblem problem, IReadOnlyList<int> searched, MinimiserOptions local, GlobalSearchOptions? options = null)
    {
        var o = options ?? new GlobalSearchOptions();
        o.Validate();
        local.Validate();
        var dims = searched.Distinct().Where(i => !problem.Parameters[i].IsFixed).Select(i => Axis.Of(problem.Parameters[i], i, local)).ToArray();
        var single = local with { IncludeInitialStart = false, RandomStarts = 0, ComputeCovariance = false };

        // 1-2: seeds and their profiled chi^2.
        var unit = dims.Length == 0 ? [] : Seeds(dims.Length, Math.Min(o.MaxSeeds, o.SeedsPerParameter * dims.Length));
        var seedFits = new FitResult[unit.Length];
        for (int k = 0; k < unit.Length; k++)
        {
            // Warm start from the nearest seed done (its other parameters), as along a profile scan.
            int near = -1;
            for (int j = 0; j < k; j++)
                if (seedFits[j].Converged && (near < 0 || Distance2(unit[k], unit[j]) < Distance2(unit[k], unit[near]))) near = j;
            seedFits[k] = ProfileAt(problem, dims, unit[k], near < 0 ? null : seedFits[near].X, single);
        }

        // 3: local minimisations, each start on its own.
        var starts = Minimiser.StartPoints(problem, local);
        foreach (int s in SeedStarts(unit, seedFits, dims.Length, o.SeedStarts))
            starts.Add(seedFits[s].ToArray());
        var runs = new List<FitResult>();
        foreach (var start in starts)
            if (!runs.Any(r => r.Starts[0].Start.SequenceEqual(start)))
                runs.Add(Minimiser.Minimise(problem, single with { StartPoints = [start] }));

        // 4: distinct minima, lowest first (converged ones; if none converged, the lowest run, reported as not converged).
        var ordered = runs.Where(r => r.Converged).OrderBy(r => r.Chi2).ToList();
        var minima = new List<FitResult>();
        foreach (var r in ordered)
            if (!minima.Any(m => Same(problem, dims, m, r, single, o)))
                minima.Add(r);
        var best = minima.Count > 0 ? minima[0] : runs.MinBy(r => r.Chi2)!;

        var final = best;
        if (local.ComputeCovariance && best.Converged)
        {
            var withCovariance = Minimiser.Minimise(problem, single with { StartPoints = [best.X], ComputeCovariance = true });
            if (withCovariance.Converged && withCovariance.Chi2 <= best.Chi2 + local.Tolerance) final = withCovariance;
        }
        var outcomes = runs.Select(r => r.Starts[r.BestStart]).ToArray();
        int bestIndex = runs.IndexOf(best);
        string message = $"{final.Message}; global search: {unit.Length} seed(s) over {dims.Length} parameter(s), {runs.Count} local fit(s) " +
            $"({runs.Count(r => r.Converged)} converged), {minima.Count} distinct minim{(minima.Count == 1 ? "um" : "a")}";
        var result = new FitResult(problem, final.ToArray(), final.Chi2, final.Status, message, final.Iterations, final.FunctionCalls,
            final.Edm, outcomes, bestIndex, final.Covariance);
        if (minima.Count > 0) minima[0] = result;
        return new GlobalSearchResult(result, minima, unit.Length, runs.Count);
    }

    /// <summary>One searched parameter: how the unit interval maps onto its range (linear or logarithmic).</summary>
    private readonly record struct Axis(int Index, double Lower, double Upper, bool Log)
    {
        public static Axis Of(FitParameter p, int index, MinimiserOptions o)
        {
            double lo = p.HasLowerBound ? p.Lower : p.Initial - o.RandomSpreadSteps * p.Step;
            double hi = p.HasUpperBound ? p.Upper : p.Initial + o.RandomSpreadSteps * p.Step;
            return new Axis(index, lo, hi, lo > 0 && hi / lo > 100);
        }

        public double At(double u) => Log ? Lower * Math.Pow(Upper / Lower, u) : Lower + (Upper - Lower) * u;

        public double ToUnit(double x) => Log ? Math.Log(x / Lower) / Math.Log(Upper / Lower) : (x - Lower) / (Upper - Lower);
    }

    /// <summary>n points of the unit cube [0, 1]^d: a grid with both ends for d = 1, the Halton points 1..n otherwise.</summary>
    internal static double[][] Seeds(int d, int n)
    {
        if (d == 1) return Enumerable.Range(0, n).Select(k => new[] { (double)k / (n - 1) }).ToArray();
        int[] primes = FirstPrimes(d);
        return Enumerable.Range(1, n).Select(k => primes.Select(b => RadicalInverse(k, b)).ToArray()).ToArray();
    }

    /// <summary>Van der Corput radical inverse of k in base b: the digits of k mirrored behind the point.</summary>
    internal static double RadicalInverse(int k, int b)
    {
        double f = 1.0, r = 0.0;
        while (k > 0)
        {
            f /= b;
            r += f * (k % b);
            k /= b;
        }
        return r;
    }

    private static int[] FirstPrimes(int n)
    {
        var primes = new List<int>();
        for (int c = 2; primes.Count < n; c++)
            if (primes.All(p => c % p != 0)) primes.Add(c);
        return primes.ToArray();
    }

    /// <summary>Convergence tolerance (EDM, chi^2 units) of the profiled fits at the seeds.</summary>
    public const double SeedTolerance = 1e-3;

    /// <summary>The profiled chi^2 with the searched parameters fixed at the unit-box point u.</summary>
    private static FitResult ProfileAt(FitProblem problem, Axis[] dims, double[] u, IReadOnlyList<double>? warm, MinimiserOptions single)
    {
        var fixedProblem = problem;
        for (int k = 0; k < dims.Length; k++)
        {
            var p = problem.Parameters[dims[k].Index];
            fixedProblem = fixedProblem.WithParameter(p.FixedAt(p.Clamp(dims[k].At(u[k]))));
        }
        // Seeds only rank basins: chi^2 to ~1e-3 is enough (a looser tolerance than the fits', no Hessian check).
        return Minimiser.Minimise(fixedProblem, single with
        {
            StartPoints = [warm ?? fixedProblem.InitialValues()], VerifyWithHessian = false, Tolerance = Math.Max(single.Tolerance, SeedTolerance),
        });
    }

    /// <summary>Indices of the seeds to start from: converged seeds lower than their neighbours, lowest first, at most <paramref name="count"/>.</summary>
    private static IEnumerable<int> SeedStarts(double[][] unit, FitResult[] fits, int d, int count)
    {
        int n = unit.Length;
        double Chi2(int i) => fits[i].Converged ? fits[i].Chi2 : double.PositiveInfinity;
        var candidates = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (!fits[i].Converged) continue;
            IEnumerable<int> neighbours = d == 1
                ? new[] { i - 1, i + 1 }.Where(j => j >= 0 && j < n)
                : Enumerable.Range(0, n).Where(j => j != i).OrderBy(j => Distance2(unit[i], unit[j])).Take(2 * d);
            if (neighbours.All(j => Chi2(i) <= Chi2(j))) candidates.Add(i);
        }
        return candidates.OrderBy(Chi2).Take(count);
    }

    private static double Distance2(double[] a, double[] b)
    {
        double s = 0;
        for (int k = 0; k < a.Length; k++) s += (a[k] - b[k]) * (a[k] - b[k]);
        return s;
    }

    /// <summary>Whether local minimum <paramref name="b"/> is the same as <paramref name="a"/> (see the class remarks).</summary>
    private static bool Same(FitProblem problem, Axis[] dims, FitResult a, FitResult b, MinimiserOptions single, GlobalSearchOptions o)
    {
        if (dims.Length == 0) return true;
        var ua = dims.Select(ax => ax.ToUnit(a.X[ax.Index])).ToArray();
        var ub = dims.Select(ax => ax.ToUnit(b.X[ax.Index])).ToArray();
        if (ua.Zip(ub).All(t => Math.Abs(t.First - t.Second) <= o.SameFraction)) return true;
        var mid = ua.Zip(ub, (x, y) => 0.5 * (x + y)).ToArray();
        var midFixed = problem;
        for (int k = 0; k < dims.Length; k++)
        {
            var p = problem.Parameters[dims[k].Index];
            midFixed = midFixed.WithParameter(p.FixedAt(p.Clamp(dims[k].At(mid[k]))));
        }
        // From both minima's other parameters: the lower of the two is the profiled chi^2 at the midpoint.
        var m = Minimiser.Minimise(midFixed, single with { StartPoints = [a.X, b.X], VerifyWithHessian = false });
        return !(m.Converged && m.Chi2 > Math.Max(a.Chi2, b.Chi2) + o.BarrierDeltaChi2);
    }

    internal static string Describe(FitResult minimum, IEnumerable<string> names, double chi2Min) =>
        string.Join(", ", names.Select(n => $"{n} = {minimum[n].ToString("G6", CultureInfo.InvariantCulture)}")) +
        $" (Delta chi2 = {(minimum.Chi2 - chi2Min).ToString("G3", CultureInfo.InvariantCulture)})";
}
