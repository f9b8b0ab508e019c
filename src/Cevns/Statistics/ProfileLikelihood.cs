using System.Globalization;

namespace Cevns.Statistics;

/// <summary>Settings of <see cref="ProfileLikelihood"/>.</summary>
public sealed record ProfileOptions
{
    /// <summary>Minimiser settings; the global fit uses them as given (including random starts).</summary>
    public MinimiserOptions Minimiser { get; init; } = new();

    /// <summary>Random starts per profile point besides the warm start and the global best fit (0: none).</summary>
    public int RandomStartsPerPoint { get; init; }

    /// <summary>
    /// After the outward scan from the best fit, re-minimise every point once more from its other
    /// neighbour's solution, sweeping towards the best fit, and keep the lower chi^2: repairs points
    /// that followed a wrong branch.
    /// </summary>
    public bool ExtraSweep { get; init; } = true;

    /// <summary>Interval edges: bracket width below which root-finding stops, as a fraction of the grid spacing (Brent's method stops on the smaller of this and <see cref="RootChi2Tolerance"/>, for both criteria).</summary>
    public double RootTolerance { get; init; } = 1e-4;

    /// <summary>Interval edges: |Delta chi^2 - level| below which root-finding stops.</summary>
    public double RootChi2Tolerance { get; init; } = 1e-5;

    /// <summary>Maximum profiled evaluations per interval edge.</summary>
    public int MaxRootEvaluations { get; init; } = 30;
}

/// <summary>
/// Profile likelihood of a <see cref="FitProblem"/>: chi^2 minimised over all other parameters with
/// one or two parameters fixed on a grid (docs/physics.md section 9). Each point starts from its neighbour's
/// solution (speed, continuity) and from the global best fit; a point that beats the global minimum
/// triggers a new global minimisation from there, and all Delta chi^2 refer to the updated minimum.
/// Not thread-safe (scans are sequential warm-start chains).
/// </summary>
public sealed class ProfileLikelihood
{
    private FitResult? _global;
    private readonly List<string> _notes = [];

    public ProfileLikelihood(FitProblem problem, ProfileOptions? options = null, FitResult? globalFit = null)
    {
        Problem = problem;
        Options = options ?? new ProfileOptions();
        Options.Minimiser.Validate();
        if (globalFit is not null && !ReferenceEquals(globalFit.Problem, problem) && globalFit.Problem.Count != problem.Count)
            throw new ArgumentException("the given global fit belongs to a problem with different parameters");
        _global = globalFit;
    }

    public FitProblem Problem { get; }

    public ProfileOptions Options { get; }

    /// <summary>The global best fit (computed on first use; replaced when a scan finds a lower minimum).</summary>
    public FitResult GlobalFit => _global ??= Minimiser.Minimise(Problem, Options.Minimiser with { ComputeCovariance = false });

    /// <summary>How often a scan point lowered the global minimum.</summary>
    public int GlobalUpdates { get; private set; }

    /// <summary>Messages about global-minimum updates.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>
    /// Minimiser settings of the profile points (not of the global refits): <see cref="ProfileOptions.Minimiser"/> unless
    /// set. A caller that only needs to know where the profile is low sets a looser tolerance for a while: a chi^2 value
    /// is never below the profile's minimum at that point, so a looser fit only overestimates it (by ~ the tolerance), and
    /// a point below the global fit still triggers a global refit with the full settings.
    /// </summary>
    internal MinimiserOptions PointMinimiser
    {
        get => _pointMinimiser ?? Options.Minimiser;
        set => _pointMinimiser = value;
    }

    private MinimiserOptions? _pointMinimiser;

    /// <summary>Profile points computed so far (for tests and benchmarks).</summary>
    internal int PointFits { get; private set; }

    /// <summary>chi^2 minimised over all parameters except <paramref name="name"/>, fixed at <paramref name="value"/>, from the warm starts and the global best fit.</summary>
    public FitResult ProfileAt(string name, double value, params IReadOnlyList<double>[] warmStarts) =>
        MinimiseFixed([(Problem.IndexOf(name), value)], warmStarts);

    /// <summary>As <see cref="ProfileAt"/> but only from the given warm starts (used where neighbouring solutions bracket the point).</summary>
    public FitResult ProfileFrom(string name, double value, params IReadOnlyList<double>[] warmStarts) =>
        MinimiseFixed([(Problem.IndexOf(name), value)], warmStarts, includeGlobalStart: false);

    /// <summary>chi^2 minimised with several parameters fixed, from the given starts plus (optionally) the global best fit.</summary>
    public FitResult MinimiseFixed(IReadOnlyList<(int Index, double Value)> fixedValues, IEnumerable<IReadOnlyList<double>> warmStarts,
        bool includeGlobalStart = true)
    {
        var fixedProblem = Problem;
        foreach (var (index, value) in fixedValues)
        {
            var p = Problem.Parameters[index];
            if (!p.Contains(value))
                throw new ArgumentOutOfRangeException(nameof(fixedValues), $"profile point {p.Name} = {value.ToString("G6", CultureInfo.InvariantCulture)} is outside the parameter range {p.RangeText}");
            fixedProblem = fixedProblem.WithParameter(p.FixedAt(value));
        }
        var starts = new List<IReadOnlyList<double>>();
        foreach (var s in includeGlobalStart ? warmStarts.Append(GlobalFit.X) : warmStarts)
            if (!starts.Any(t => t.SequenceEqual(s))) starts.Add(s);
        if (starts.Count == 0) starts.Add(GlobalFit.X);
        var options = PointMinimiser with
        {
            IncludeInitialStart = false,
            StartPoints = starts,
            RandomStarts = Options.RandomStartsPerPoint,
            ComputeCovariance = false,
        };
        var fit = Minimiser.Minimise(fixedProblem, options);
        PointFits++;
        ConsiderAsGlobal(fit, fixedValues);
        return fit;
    }

    /// <summary>1D profile of <paramref name="name"/> on a strictly increasing grid inside its bounds.</summary>
    public Profile1D Scan(string name, IReadOnlyList<double> grid)
    {
        int index = Problem.IndexOf(name);
        CheckGrid(Problem.Parameters[index], grid);
        int n = grid.Count;
        var fits = new FitResult[n];
        double best = GlobalFit[name];
        int k0 = 0;
        for (int i = 1; i < n; i++)
            if (Math.Abs(grid[i] - best) < Math.Abs(grid[k0] - best)) k0 = i;

        fits[k0] = ProfileAt(name, grid[k0]);
        for (int i = k0 + 1; i < n; i++) fits[i] = ProfileAt(name, grid[i], fits[i - 1].X);
        for (int i = k0 - 1; i >= 0; i--) fits[i] = ProfileAt(name, grid[i], fits[i + 1].X);

        if (Options.ExtraSweep && n > 1)
        {
            // Sweep towards the best fit, starting each point from the neighbour not used above.
            for (int i = 1; i < k0; i++) fits[i] = Better(fits[i], ProfileFrom(name, grid[i], fits[i - 1].X));
            for (int i = n - 2; i > k0; i--) fits[i] = Better(fits[i], ProfileFrom(name, grid[i], fits[i + 1].X));
            if (k0 > 0 && k0 < n - 1)
                fits[k0] = Better(fits[k0], ProfileFrom(name, grid[k0], fits[k0 - 1].X, fits[k0 + 1].X));
        }
        return new Profile1D(this, name, grid.ToArray(), fits);
    }

    private static FitResult Better(FitResult a, FitResult b)
    {
        if (b.Converged && (!a.Converged || b.Chi2 < a.Chi2)) return b;
        return a;
    }

    private static void CheckGrid(FitParameter p, IReadOnlyList<double> grid)
    {
        if (grid.Count < 2)
            throw new ArgumentException($"profile grid of '{p.Name}' needs at least 2 points, got {grid.Count}");
        for (int i = 0; i < grid.Count; i++)
        {
            if (!double.IsFinite(grid[i]) || !p.Contains(grid[i]))
                throw new ArgumentOutOfRangeException(nameof(grid), $"profile grid of '{p.Name}': point {grid[i].ToString("G6", CultureInfo.InvariantCulture)} is outside the parameter range {p.RangeText}");
            if (i > 0 && !(grid[i] > grid[i - 1]))
                throw new ArgumentException($"profile grid of '{p.Name}' must be strictly increasing (point {i})");
        }
    }

    /// <summary>Strictly increasing grid of n points from lo to hi.</summary>
    public static double[] LinearGrid(double lo, double hi, int n)
    {
        if (n < 2 || !(hi > lo))
            throw new ArgumentException($"linear grid needs n >= 2 and hi > lo, got n = {n}, [{lo}, {hi}]");
        return Enumerable.Range(0, n).Select(i => i == n - 1 ? hi : lo + (hi - lo) * i / (n - 1)).ToArray();
    }

    private void ConsiderAsGlobal(FitResult pointFit, IReadOnlyList<(int Index, double Value)> fixedValues)
    {
        var global = GlobalFit;
        double margin = 10 * Options.Minimiser.Tolerance;
        if (!pointFit.Converged || !(pointFit.Chi2 < global.Chi2 - margin)) return;
        var refit = Minimiser.Minimise(Problem, Options.Minimiser with
        {
            IncludeInitialStart = false,
            StartPoints = [pointFit.X, global.X],
            RandomStarts = 0,
            ComputeCovariance = false,
        });
        // A refit that did not converge never becomes the reference of Delta chi^2.
        if (!refit.Converged || !(refit.Chi2 < global.Chi2)) return;
        string where = string.Join(", ", fixedValues.Select(f => $"{Problem.Parameters[f.Index].Name} = {f.Value.ToString("G6", CultureInfo.InvariantCulture)}"));
        _notes.Add($"global minimum lowered from {global.Chi2.ToString("G8", CultureInfo.InvariantCulture)} to {refit.Chi2.ToString("G8", CultureInfo.InvariantCulture)} by re-minimising from the scan point {where}");
        _global = refit;
        GlobalUpdates++;
    }
}
