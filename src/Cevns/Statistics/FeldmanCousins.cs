using System.Globalization;
using System.Runtime.ExceptionServices;

namespace Cevns.Statistics;

/// <summary>What a <see cref="ToyGenerator"/> is given for one pseudo-experiment.</summary>
/// <param name="Parameter">The scanned parameter.</param>
/// <param name="TrueValue">Its true value for this toy (a grid point).</param>
/// <param name="Truth">The full true parameter vector (nuisances at their profiled values on the data at this point).</param>
/// <param name="Random">This toy's own generator (seeded from the master seed, point and toy index).</param>
public sealed record ToyContext(string Parameter, double TrueValue, int PointIndex, int ToyIndex, IReadOnlyList<double> Truth, Random Random);

/// <summary>
/// Draws one pseudo-dataset at the truth (e.g. <see cref="ToySampling.Poisson(Random, ReadOnlySpan{double}, Span{double})"/> of the
/// expected counts, Gaussian auxiliary measurements for constrained nuisances) and returns the fit problem of that pseudo-dataset,
/// with the same parameters as the data problem. Must use only <see cref="ToyContext.Random"/> and be thread-safe.
/// </summary>
public delegate FitProblem ToyGenerator(ToyContext context);

/// <summary>Settings of <see cref="FeldmanCousins"/>.</summary>
public sealed record FeldmanCousinsOptions
{
    public int ToysPerPoint { get; init; } = 1000;

    /// <summary>Master seed; per-toy seeds are derived from it (<see cref="ToySeeds"/>).</summary>
    public ulong Seed { get; init; } = 20240917;

    /// <summary>Threads for the toys (-1: all cores). Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Confidence levels of the belt (default 68.27 % and 90 %).</summary>
    public IReadOnlyList<double> ConfidenceLevels { get; init; } = [0.6827, 0.90];

    /// <summary>Minimiser settings of the toy fits.</summary>
    public MinimiserOptions Minimiser { get; init; } = new();

    internal void Validate()
    {
        if (ToysPerPoint < 1) throw new ArgumentOutOfRangeException(nameof(ToysPerPoint), $"ToysPerPoint {ToysPerPoint} must be >= 1");
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), $"MaxDegreeOfParallelism {MaxDegreeOfParallelism} must be -1 or >= 1");
        if (ConfidenceLevels.Count == 0 || ConfidenceLevels.Any(c => !(c > 0 && c < 1)))
            throw new ArgumentOutOfRangeException(nameof(ConfidenceLevels), $"confidence levels must lie in (0, 1), got [{string.Join(", ", ConfidenceLevels)}]");
        Minimiser.Validate();
    }
}

/// <summary>
/// The toy distribution of Delta chi^2 = chi^2(theta_true) - chi^2_min at each grid point and its
/// critical values (quantiles) at the requested confidence levels.
/// </summary>
public sealed class FeldmanCousinsBelt
{
    private readonly double[][] _sorted;
    private readonly double[][] _critical;

    internal FeldmanCousinsBelt(string parameter, double[] grid, IReadOnlyList<double> levels, int toysPerPoint, ulong seed,
        double[][] sortedDeltaChi2, int[] nonConverged)
    {
        Parameter = parameter;
        Grid = grid;
        ConfidenceLevels = levels.ToArray();
        ToysPerPoint = toysPerPoint;
        Seed = seed;
        _sorted = sortedDeltaChi2;
        NonConvergedToys = nonConverged;
        _critical = ConfidenceLevels.Select(cl => _sorted.Select(v => Quantile(v, cl)).ToArray()).ToArray();
    }

    /// <summary>
    /// The belt from the toys of every grid point (<see cref="FeldmanCousins.PointToys"/>, possibly computed in separate
    /// processes), given in any order. Each point must appear exactly once, with at most <paramref name="toysPerPoint"/>
    /// toys, converged and not converged together.
    /// </summary>
    public static FeldmanCousinsBelt FromPoints(string parameter, IReadOnlyList<double> grid, IReadOnlyList<double> levels, int toysPerPoint, ulong seed,
        IEnumerable<FeldmanCousinsPointToys> points)
    {
        var sorted = new double[grid.Count][];
        var bad = new int[grid.Count];
        foreach (var p in points)
        {
            if (p.Point < 0 || p.Point >= grid.Count)
                throw new ArgumentException($"Feldman-Cousins toys of point {p.Point}: the grid has {grid.Count} points");
            if (sorted[p.Point] is not null)
                throw new ArgumentException($"Feldman-Cousins toys of point {p.Point} given twice");
            if (p.NonConverged < 0 || p.SortedDeltaChi2.Count + p.NonConverged != toysPerPoint)
                throw new ArgumentException($"Feldman-Cousins point {p.Point}: {p.SortedDeltaChi2.Count} converged and {p.NonConverged} non-converged toys, expected {toysPerPoint} in all");
            for (int k = 1; k < p.SortedDeltaChi2.Count; k++)
                if (!(p.SortedDeltaChi2[k - 1] <= p.SortedDeltaChi2[k]))
                    throw new ArgumentException($"Feldman-Cousins point {p.Point}: the toys' Delta chi2 values are not sorted");
            sorted[p.Point] = p.SortedDeltaChi2.ToArray();
            bad[p.Point] = p.NonConverged;
        }
        var missing = Enumerable.Range(0, grid.Count).Where(i => sorted[i] is null).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException($"Feldman-Cousins toys missing at grid point(s) {string.Join(", ", missing)}");
        return new FeldmanCousinsBelt(parameter, grid.ToArray(), levels, toysPerPoint, seed, sorted, bad);
    }

    public string Parameter { get; }
    public IReadOnlyList<double> Grid { get; }
    public IReadOnlyList<double> ConfidenceLevels { get; }
    public int ToysPerPoint { get; }
    public ulong Seed { get; }

    /// <summary>Toys per grid point whose fits did not converge; they are excluded from the quantiles.</summary>
    public IReadOnlyList<int> NonConvergedToys { get; }

    /// <summary>Sorted Delta chi^2 of the converged toys at grid point <paramref name="point"/>.</summary>
    public IReadOnlyList<double> ToyDeltaChi2(int point) => _sorted[point];

    /// <summary>Critical Delta chi^2 per grid point at confidence level number <paramref name="levelIndex"/>.</summary>
    public IReadOnlyList<double> Critical(int levelIndex) => _critical[levelIndex];

    /// <summary>
    /// Statistical band of a critical value: the order statistics m CL -+ sqrt(m CL (1 - CL)) (binomial
    /// standard deviation of the number of toys below the quantile).
    /// </summary>
    public (double Low, double High) CriticalBand(int levelIndex, int point)
    {
        var v = _sorted[point];
        int m = v.Length;
        if (m == 0) return (double.NaN, double.NaN);
        double cl = ConfidenceLevels[levelIndex];
        double sd = Math.Sqrt(m * cl * (1 - cl));
        int lo = Math.Clamp((int)Math.Floor(m * cl - sd) - 1, 0, m - 1);
        int hi = Math.Clamp((int)Math.Ceiling(m * cl + sd) - 1, 0, m - 1);
        return (v[lo], v[hi]);
    }

    /// <summary>The smallest toy value with at least a fraction cl of the toys at or below it (NaN without toys).</summary>
    private static double Quantile(double[] sorted, double cl)
    {
        if (sorted.Length == 0) return double.NaN;
        int k = Math.Clamp((int)Math.Ceiling(cl * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[k];
    }
}

/// <summary>Feldman-Cousins regions of the data at each confidence level of the belt.</summary>
public sealed record FeldmanCousinsResult(FeldmanCousinsBelt Belt, Profile1D DataProfile, IReadOnlyList<ConfidenceInterval> Intervals);

/// <summary>
/// Feldman-Cousins construction for one parameter (G. Feldman and R. Cousins, PRD 57 (1998) 3873) with
/// the likelihood-ratio ordering expressed as Delta chi^2, and nuisances treated by the profile
/// construction (toys generated with nuisances at their profiled values on the data at each grid point,
/// and profiled in every toy fit; PDG 2024 Statistics review, Sec. 40.4.2.4). Needed because Wilks'
/// theorem fails for small COHERENT samples and near physical boundaries (docs/physics.md section 9;
/// Denton and Gehrlein, arXiv:2008.06062). Each toy is fitted at the true value and globally; the
/// critical value at a grid point is the CL quantile of the toys' Delta chi^2; the region is where the
/// data's Delta chi^2 is below it. Toys run in parallel with per-toy seeds, so results are identical for
/// any thread count.
/// </summary>
public static class FeldmanCousins
{
    /// <summary>
    /// Belt on the grid of <paramref name="dataProfile"/>, the truth at each point being the profiled data
    /// fit there, and the regions of the data at each confidence level.
    /// </summary>
    public static FeldmanCousinsResult Construct(Profile1D dataProfile, ToyGenerator generator, FeldmanCousinsOptions? options = null)
    {
        var belt = Belt(dataProfile.Source.Problem, dataProfile.Parameter, dataProfile.Grid, generator, options,
            i => dataProfile.Fits[i].X);
        var intervals = Enumerable.Range(0, belt.ConfidenceLevels.Count).Select(l => Interval(dataProfile, belt, l)).ToArray();
        return new FeldmanCousinsResult(belt, dataProfile, intervals);
    }

    /// <summary>
    /// Critical Delta chi^2 values on <paramref name="grid"/>. <paramref name="truthAtPoint"/> gives the full true parameter
    /// vector at each point (default: the problem's initial values); the scanned parameter is set to the grid value.
    /// </summary>
    public static FeldmanCousinsBelt Belt(FitProblem problem, string parameter, IReadOnlyList<double> grid, ToyGenerator generator,
        FeldmanCousinsOptions? options = null, Func<int, IReadOnlyList<double>>? truthAtPoint = null)
    {
        var o = options ?? new FeldmanCousinsOptions();
        var points = PointToys(problem, parameter, grid, generator, o, Enumerable.Range(0, grid.Count).ToArray(), truthAtPoint);
        return FeldmanCousinsBelt.FromPoints(parameter, grid, o.ConfidenceLevels, o.ToysPerPoint, o.Seed, points);
    }

    /// <summary>
    /// The toys at the grid points numbered <paramref name="points"/> only (one shard of a belt): point i uses the toy
    /// seeds of index i (<see cref="ToySeeds"/>) and the truth <paramref name="truthAtPoint"/>(i), so its toys are those
    /// of <see cref="Belt"/> on the whole grid. The truth is asked for at these points only.
    /// </summary>
    public static IReadOnlyList<FeldmanCousinsPointToys> PointToys(FitProblem problem, string parameter, IReadOnlyList<double> grid, ToyGenerator generator,
        FeldmanCousinsOptions options, IReadOnlyList<int> points, Func<int, IReadOnlyList<double>>? truthAtPoint = null)
    {
        var o = options;
        o.Validate();
        int index = problem.IndexOf(parameter);
        if (grid.Count == 0)
            throw new ArgumentException($"Feldman-Cousins grid of '{parameter}' is empty");
        for (int i = 0; i < grid.Count; i++)
            if (!problem.Parameters[index].Contains(grid[i]))
                throw new ArgumentOutOfRangeException(nameof(grid), $"Feldman-Cousins grid point {parameter} = {grid[i].ToString("G6", CultureInfo.InvariantCulture)} is outside {problem.Parameters[index].RangeText}");
        if (points.Any(i => i < 0 || i >= grid.Count) || points.Distinct().Count() != points.Count)
            throw new ArgumentException($"Feldman-Cousins points [{string.Join(", ", points)}] must be distinct indices of the grid of {grid.Count} points");
        int nPoints = points.Count, nToys = o.ToysPerPoint;
        var truths = new double[nPoints][];
        for (int j = 0; j < nPoints; j++)
        {
            int i = points[j];
            var t = (truthAtPoint?.Invoke(i) ?? problem.InitialValues()).ToArray();
            if (t.Length != problem.Count)
                throw new ArgumentException($"Feldman-Cousins truth at point {i} has {t.Length} values, the problem has {problem.Count} parameters");
            t[index] = grid[i];
            truths[j] = t;
        }

        var delta = new double[nPoints * nToys];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = o.MaxDegreeOfParallelism };
        try
        {
            Parallel.For(0, nPoints * nToys, parallel, t =>
            {
                int j = t / nToys, k = t % nToys, i = points[j];
                var context = new ToyContext(parameter, grid[i], i, k, Array.AsReadOnly(truths[j]), ToySeeds.Create(o.Seed, i, k));
                delta[t] = ToyDeltaChi2(generator(context), parameter, grid[i], truths[j], o.Minimiser);
            });
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        var result = new FeldmanCousinsPointToys[nPoints];
        for (int j = 0; j < nPoints; j++)
        {
            var values = new List<double>(nToys);
            int bad = 0;
            for (int k = 0; k < nToys; k++)
            {
                double d = delta[j * nToys + k];
                if (double.IsNaN(d)) bad++;
                else values.Add(d);
            }
            values.Sort();
            result[j] = new FeldmanCousinsPointToys(points[j], values.ToArray(), bad);
        }
        return result;
    }

    /// <summary>
    /// The region where the data's Delta chi^2 is at or below the critical value, on the belt's grid (which must be
    /// the profile's grid). Edges are interpolated linearly between grid points, since critical values exist only there.
    /// </summary>
    public static ConfidenceInterval Interval(Profile1D dataProfile, FeldmanCousinsBelt belt, int levelIndex)
    {
        if (dataProfile.Parameter != belt.Parameter || !dataProfile.Grid.SequenceEqual(belt.Grid))
            throw new ArgumentException($"Feldman-Cousins: the belt ({belt.Parameter}, {belt.Grid.Count} points) and the data profile ({dataProfile.Parameter}, {dataProfile.Grid.Count} points) must share parameter and grid");
        double cl = belt.ConfidenceLevels[levelIndex];
        string levelText = $"Feldman-Cousins {(100 * cl).ToString("G4", CultureInfo.InvariantCulture)}% CL";
        var data = dataProfile.DeltaChi2;
        var critical = belt.Critical(levelIndex);
        var excess = data.Select((d, i) => d - critical[i]).ToArray();
        var notes = new List<string>();
        var segments = IntervalFinder.Segments(belt.Grid, excess, dataProfile.Source.Problem[belt.Parameter],
            i => IntervalFinder.Linear(belt.Grid, excess, i), levelText, notes);
        notes.Add($"{belt.ToysPerPoint} toys per point, seed {belt.Seed}; edges interpolated between grid points");
        int badToys = belt.NonConvergedToys.Sum();
        if (badToys > 0)
            notes.Add($"{badToys} toy fit(s) did not converge and were excluded from the quantiles");
        if (critical.Any(double.IsNaN))
            notes.Add("no converged toys at some grid points: critical value undefined there");
        bool converged = dataProfile.AllConverged && badToys == 0;
        if (!dataProfile.AllConverged)
            notes.Add("the data profile has non-converged fits");
        return new ConfidenceInterval(belt.Parameter, levelText, dataProfile.BestFitValue, segments, notes, converged);
    }

    /// <summary>chi^2 of a toy at the true value (nuisances profiled) minus its global minimum; NaN if a fit did not converge.</summary>
    private static double ToyDeltaChi2(FitProblem toy, string parameter, double trueValue, double[] truth, MinimiserOptions options)
    {
        if (toy.Count != truth.Length)
            throw new ArgumentException($"toy problem has {toy.Count} parameters, the data problem {truth.Length}");
        var atTruth = Minimiser.Minimise(toy.WithFixed(parameter, trueValue),
            options with { IncludeInitialStart = false, StartPoints = [truth], ComputeCovariance = false });
        var best = Minimiser.Minimise(toy,
            options with { IncludeInitialStart = false, StartPoints = [atTruth.X, truth], ComputeCovariance = false });
        if (!atTruth.Converged || !best.Converged) return double.NaN;
        // The global fit starts from the constrained solution, so it cannot end higher except by tolerance.
        return Math.Max(0.0, atTruth.Chi2 - best.Chi2);
    }
}
