using System.Collections.Concurrent;
using System.Globalization;
using Cevns.Statistics;

namespace Cevns.Fitting;

/// <summary>Settings of <see cref="FeldmanCousinsScan"/>.</summary>
public sealed record FeldmanCousinsScanOptions
{
    public int ToysPerPoint { get; init; } = 1000;

    /// <summary>Master seed: the toys of grid point i, number k, use their own generator derived from it (<see cref="ToySeeds"/>).</summary>
    public ulong Seed { get; init; } = 20240917;

    /// <summary>Threads for the data scan and the toys; results do not depend on it.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Confidence levels of the belt (default 68.27 % and 90 %).</summary>
    public IReadOnlyList<double> ConfidenceLevels { get; init; } = [0.6827, 0.90];

    /// <summary>Minimiser of the two fits per toy (at the true value and global).</summary>
    public MinimiserOptions ToyMinimiser { get; init; } = new();

    /// <summary>The profiled scan of the data (its Threads are replaced by <see cref="Threads"/>).</summary>
    public ScanOptions Scan { get; init; } = new();
}

/// <summary>A Feldman-Cousins construction on a 1D scan: the data's profiled scan, the toy belt on its grid and the regions.</summary>
public sealed record FeldmanCousinsScanResult(ScanResult Data, FeldmanCousinsBelt Belt, IReadOnlyList<ConfidenceInterval> Intervals);

/// <summary>
/// One shard of a Feldman-Cousins scan (<see cref="FeldmanCousinsScan.RunShard"/>): the shard of the data scan and the toys at
/// its share of the grid points (<see cref="FeldmanCousinsScan.ToyPoints"/>), with what the merge needs to build the belt and the regions.
/// </summary>
public sealed record FeldmanCousinsScanShard(ScanShardResult Scan, FeldmanCousinsShardSection Toys);

/// <summary>
/// Feldman-Cousins intervals (<see cref="FeldmanCousins"/>) for one parameter of a <see cref="JointFit"/>: the profiled scan of
/// the data gives Delta chi^2 and, at each grid point, the truth (the parameter at the grid value, all others at their
/// profiled values). Each toy draws every dataset's observations around its expectation at that truth with the dataset's own
/// error model (<see cref="Datasets.IDatasetLikelihood.SampleObservations"/>: Poisson counts, or Gaussian for rate and
/// Gaussian-spectrum datasets) and is fitted at the true value and globally. The nuisances' Gaussian pulls keep their
/// central values in the toys (the auxiliary measurements are not fluctuated), a common simplification of the profile
/// construction that makes the belt slightly narrower where constrained nuisances matter. Reproducible from the seed for
/// any thread count.
/// </summary>
public static class FeldmanCousinsScan
{
    public static FeldmanCousinsScanResult Run(JointFit fit, ScanAxis axis, FeldmanCousinsScanOptions? options = null)
    {
        var o = options ?? new FeldmanCousinsScanOptions();
        var data = ProfileScan.Run(fit, [axis], o.Scan with { Threads = o.Threads });
        var grid = axis.Values;
        var belt = Belt(fit, axis.Name, grid, i => data.Points[i].Fit.X, o);
        var intervals = Enumerable.Range(0, belt.ConfidenceLevels.Count).Select(l => Interval(fit, data, belt, l)).ToArray();
        return new FeldmanCousinsScanResult(data, belt, intervals);
    }

    /// <summary>
    /// Shard <paramref name="shard"/> of <see cref="Run"/>: the shard of the data scan (<see cref="ProfileScan.RunShard"/>) and
    /// the toys at the grid points <see cref="ToyPoints"/> gives it. The toys of grid point i depend only on the seed, i and
    /// the profiled data fit there (<see cref="ToySeeds"/>); every shard runs the whole data scan for these truths (cheap
    /// next to the toys, and bit for bit the single machine's), so the merged shards give the belt of <see cref="Run"/>.
    /// </summary>
    public static FeldmanCousinsScanShard RunShard(JointFit fit, ScanAxis axis, ScanShard shard, FeldmanCousinsScanOptions? options = null)
    {
        var o = options ?? new FeldmanCousinsScanOptions();
        var scan = o.Scan with { Threads = o.Threads };
        var data = ProfileScan.Run(fit, [axis], scan);
        var part = ProfileScan.RunShard(fit, [axis], shard, scan);
        var toys = FeldmanCousins.PointToys(fit.Problem, axis.Name, axis.Values, Toys(fit), BeltOptions(o), ToyPoints(axis.Points, shard), i => data.Points[i].Fit.X);
        var p = fit.Problem[axis.Name];
        return new FeldmanCousinsScanShard(part, new FeldmanCousinsShardSection(axis.Name, p.Lower, p.Upper, o.ToysPerPoint, o.Seed, o.ConfidenceLevels.ToArray(), toys));
    }

    /// <summary>
    /// The grid points whose toys shard i of N computes: i - 1, i - 1 + N, i - 1 + 2N, ... Interleaved rather than in blocks
    /// because the cost of a toy changes slowly along the grid, so every shard gets a similar share of the work; unlike the
    /// chains of a 1D data scan (two), any N up to the number of grid points is useful.
    /// </summary>
    public static IReadOnlyList<int> ToyPoints(int gridPoints, ScanShard shard) =>
        Enumerable.Range(0, gridPoints).Where(c => c % shard.Count == shard.Index - 1).ToArray();

    /// <summary>Critical Delta chi^2 of <paramref name="parameter"/> on <paramref name="grid"/>, with the full true parameter vector at each point.</summary>
    public static FeldmanCousinsBelt Belt(JointFit fit, string parameter, IReadOnlyList<double> grid, Func<int, IReadOnlyList<double>> truthAtPoint,
        FeldmanCousinsScanOptions? options = null)
    {
        var o = options ?? new FeldmanCousinsScanOptions();
        return FeldmanCousins.Belt(fit.Problem, parameter, grid, Toys(fit), BeltOptions(o), truthAtPoint);
    }

    private static FeldmanCousinsOptions BeltOptions(FeldmanCousinsScanOptions o) => new()
    {
        ToysPerPoint = o.ToysPerPoint,
        Seed = o.Seed,
        MaxDegreeOfParallelism = o.Threads,
        ConfidenceLevels = o.ConfidenceLevels,
        Minimiser = o.ToyMinimiser,
    };

    /// <summary>
    /// The toy generator of a joint fit: at each grid point the expectation of every dataset at the truth (computed once per
    /// point), sampled with each dataset's error model, as a problem of the same parameters. Thread-safe.
    /// </summary>
    public static ToyGenerator Toys(JointFit fit)
    {
        var expectations = new ConcurrentDictionary<int, Lazy<double[][]>>();
        return context =>
        {
            var expected = expectations.GetOrAdd(context.PointIndex, _ => new Lazy<double[][]>(() => fit.ExpectedAt(context.Truth))).Value;
            var observations = new double[expected.Length][];
            for (int d = 0; d < expected.Length; d++)
            {
                observations[d] = new double[expected[d].Length];
                fit.Likelihoods[d].SampleObservations(context.Random, expected[d], observations[d]);
            }
            return fit.CreateProblem(observations);
        };
    }

    /// <summary>The region where the data's Delta chi^2 is at or below the belt's critical value (edges interpolated linearly).</summary>
    public static ConfidenceInterval Interval(JointFit fit, ScanResult data, FeldmanCousinsBelt belt, int levelIndex)
    {
        if (data.Axes.Count != 1 || data.Axes[0].Name != belt.Parameter || data.Points.Count != belt.Grid.Count)
            throw new ArgumentException($"Feldman-Cousins: the belt ({belt.Parameter}, {belt.Grid.Count} points) and the scan must share parameter and grid");
        return Interval(ScanReport.Of(data), fit.Problem[belt.Parameter], data.GlobalFit[belt.Parameter], belt, levelIndex);
    }

    /// <summary>
    /// The region of a scan report (one machine's scan or merged shards; <paramref name="parameter"/> gives the bounds that
    /// make an edge one-sided, <paramref name="bestFit"/> the parameter at the global minimum). A point whose fit did not converge has no Delta chi^2: it is neither inside nor outside.
    /// </summary>
    public static ConfidenceInterval Interval(ScanReport data, FitParameter parameter, double bestFit, FeldmanCousinsBelt belt, int levelIndex)
    {
        var d = data.Description;
        if (d.Axes.Count != 1 || d.Axes[0].Name != belt.Parameter || parameter.Name != belt.Parameter || data.Rows.Count != belt.Grid.Count)
            throw new ArgumentException($"Feldman-Cousins: the belt ({belt.Parameter}, {belt.Grid.Count} points) and the scan must share parameter and grid");
        double cl = belt.ConfidenceLevels[levelIndex];
        string levelText = $"Feldman-Cousins {(100 * cl).ToString("G4", CultureInfo.InvariantCulture)}% CL";
        var critical = belt.Critical(levelIndex);
        var excess = data.Rows.Select((r, i) => r.Converged ? r.Chi2 - data.MinimumChi2 - critical[i] : double.NaN).ToArray();
        var notes = new List<string>();
        var segments = IntervalFinder.Segments(belt.Grid, excess, parameter, i => IntervalFinder.Linear(belt.Grid, excess, i), levelText, notes);
        notes.Add($"{belt.ToysPerPoint} toys per point, seed {belt.Seed}; edges interpolated between grid points");
        int bad = belt.NonConvergedToys.Sum();
        if (bad > 0) notes.Add($"{bad} toy fit(s) did not converge and were excluded from the quantiles");
        if (data.NonConverged > 0) notes.Add($"{data.NonConverged} data scan point(s) did not converge");
        return new ConfidenceInterval(belt.Parameter, levelText, bestFit, segments, notes, bad == 0 && data.NonConverged == 0 && data.Global.Converged);
    }
}
