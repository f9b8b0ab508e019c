using Cevns.Statistics;

namespace Cevns.Fitting;

/// <summary>Settings of <see cref="ProfileScan.Run"/>.</summary>
public sealed record ScanOptions
{
    /// <summary>Per-point minimisation (warm starts plus the global best fit; ExtraSweep adds a backward pass per chain).</summary>
    public ProfileOptions Profile { get; init; } = new();

    /// <summary>The global fit the Delta chi^2 refers to.</summary>
    public MinimiserOptions Global { get; init; } = FitOptions.DefaultGlobalMinimiser;

    /// <summary>Chains run in parallel on this many threads; the results do not depend on it.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Called with (done, total) after every profiled minimisation, from any thread (for a progress bar).</summary>
    public Action<int, int>? Progress { get; init; }

    /// <summary>Records every finished minimisation and restores those of an interrupted run (<see cref="ScanCheckpoint"/>).</summary>
    public IScanJournal? Journal { get; init; }

    /// <summary>Checked before every minimisation; cancelling stops the scan with an <see cref="OperationCanceledException"/>.</summary>
    public CancellationToken Cancellation { get; init; }
}

/// <summary>
/// The points of a profiled scan (x-major order) and the lowest global fit known (the initial one, or one a chain found
/// lower), with <see cref="MinimumChi2"/>, the reference of Delta chi^2: the lowest chi^2 of the global fit (if converged)
/// and the converged points.
/// </summary>
public sealed record ProfiledGrid(IReadOnlyList<ScanAxis> Axes, FitResult GlobalFit, IReadOnlyList<ScanPoint> Points, IReadOnlyList<string> Notes)
{
    public double MinimumChi2 { get; } = ScanReport.Minimum(GlobalFit.Converged, GlobalFit.Chi2, Points.Select(p => (p.Fit.Converged, p.Fit.Chi2)));
}

/// <summary>One grid point of a scan: the scanned values and the profiled fit there.</summary>
public sealed record ScanPoint(IReadOnlyList<double> Values, FitResult Fit);

/// <summary>A profiled 1D or 2D scan; points in x-major order (for 2D: all y of the first x, then the next x).</summary>
public sealed class ScanResult
{
    internal ScanResult(JointFit fit, IReadOnlyList<ScanAxis> axes, FitResult globalFit, IReadOnlyList<ScanPoint> points, IReadOnlyList<string> notes)
    {
        Fit = fit;
        Axes = axes;
        GlobalFit = globalFit;
        Points = points;
        Notes = notes;
        MinimumChi2 = ScanReport.Minimum(globalFit.Converged, globalFit.Chi2, points.Select(p => (p.Fit.Converged, p.Fit.Chi2)));
        ProfiledParameters = ScanDescription.ProfiledOf(fit, axes);
    }

    public JointFit Fit { get; }
    public IReadOnlyList<ScanAxis> Axes { get; }

    /// <summary>The lowest global fit known (the initial one, or one found lower while scanning).</summary>
    public FitResult GlobalFit { get; }

    /// <summary>Lowest chi^2 of the global fit (if converged) and the converged points: Delta chi^2 refers to it (+inf if none converged).</summary>
    public double MinimumChi2 { get; }

    public IReadOnlyList<ScanPoint> Points { get; }

    /// <summary>The parameters minimised over at each point (the other free ones and the nuisances), in problem order.</summary>
    public IReadOnlyList<string> ProfiledParameters { get; }

    public IReadOnlyList<string> Notes { get; }

    public int NonConverged => Points.Count(p => !p.Fit.Converged);

    public double DeltaChi2(ScanPoint p) => p.Fit.Chi2 - MinimumChi2;
}

/// <summary>
/// Profiled Delta chi^2 on a 1D or 2D grid, parallel over the chains of <see cref="ScanSchedule"/>, so the result is
/// identical for any thread count:
/// <list type="number">
/// <item>Spine: the points along the first axis at the grid value of the second axis nearest the best fit (all
/// points for 1D), as two chains running outward from the point nearest the best fit.</item>
/// <item>2D only: every column (fixed first-axis value) as two chains running outward from its spine point.</item>
/// </list>
/// Each point of a chain starts from the previous point's solution and from the global best fit (the first point of
/// a spine chain from the global fit only, of a column chain from its spine point); with
/// <see cref="ProfileOptions.ExtraSweep"/> each chain is then swept back towards its start, re-minimising every point
/// from its outer neighbour and keeping the lower chi^2. A chain uses its own <see cref="ProfileLikelihood"/> seeded
/// with the global fit (so a lower minimum found by one chain affects only that chain's later starts); Delta chi^2
/// refers to the lowest chi^2 found anywhere.
/// <para>
/// <see cref="RunShard"/> runs only the chains of one shard (<see cref="ScanSchedule.Plan"/>); with a
/// <see cref="ScanOptions.Journal"/> every minimisation is recorded, and recorded ones are restored instead of
/// recomputed. Both give bit for bit the numbers of the uninterrupted single-machine scan, since a chain depends only
/// on the global fit and its starting spine solution.
/// </para>
/// </summary>
public static class ProfileScan
{
    public static ScanResult Run(JointFit fit, IReadOnlyList<ScanAxis> axes, ScanOptions? options = null, FitResult? globalFit = null)
    {
        var grid = Profile(fit, axes, options, globalFit);
        return new ScanResult(fit, axes, grid.GlobalFit, grid.Points, grid.Notes);
    }

    /// <summary>The scan of any fit (<see cref="Run"/> on a joint fit; the scans of an analysis file).</summary>
    public static ProfiledGrid Profile(IFitProblemSource fit, IReadOnlyList<ScanAxis> axes, ScanOptions? options = null, FitResult? globalFit = null)
    {
        var run = Compute(fit, axes, options ?? new ScanOptions(), globalFit, ScanShard.Whole);
        var (best, note) = ScanReport.ChooseGlobal(run.Global.Chi2, run.Lowered.Select(g => g is null ? null : ((bool, double)?)(g.Converged, g.Chi2)).ToArray());
        int ny = run.Schedule.Ny;
        var gx = axes[0].Values;
        var gy = axes.Count == 2 ? axes[1].Values : null;
        var points = new ScanPoint[run.Fits.Length];
        for (int c = 0; c < points.Length; c++)
            points[c] = new ScanPoint(gy is not null ? [gx[c / ny], gy[c % ny]] : [gx[c]], run.Fits[c]!);
        return new ProfiledGrid(axes, best < 0 ? run.Global : run.Lowered[best]!, points, note is null ? [] : [note]);
    }

    /// <summary>Shard <paramref name="shard"/> of the scan: the global fit, the chains of its plan and its cells' results.</summary>
    public static ScanShardResult RunShard(JointFit fit, IReadOnlyList<ScanAxis> axes, ScanShard shard, ScanOptions? options = null) =>
        new(fit, axes, shard, Compute(fit, axes, options ?? new ScanOptions(), null, shard));

    /// <summary>What a run computed: the initial global fit, every cell of the chains it ran (null elsewhere), and per chain the lowered global fit if any.</summary>
    internal sealed record Computation(ScanSchedule Schedule, ShardPlan Plan, FitResult Global, FitResult?[] Fits, FitResult?[] Lowered, int RestoredSteps);

    private static Computation Compute(IFitProblemSource fit, IReadOnlyList<ScanAxis> axes, ScanOptions o, FitResult? globalFit, ScanShard shard)
    {
        if (axes.Count is < 1 or > 2)
            throw new FitSetupException($"a scan needs one or two scanned parameters, got {axes.Count}");
        var problem = fit.Problem;
        int ix = problem.IndexOf(axes[0].Name);
        int iy = axes.Count == 2 ? problem.IndexOf(axes[1].Name) : -1;
        var gx = axes[0].Values;
        var gy = iy >= 0 ? axes[1].Values : null;
        var journal = o.Journal;
        o.Cancellation.ThrowIfCancellationRequested();
        var global = globalFit ?? journal?.Global?.ToResult(problem) ?? Minimiser.Minimise(problem, o.Global with { ComputeCovariance = false });
        if (journal is not null && journal.Global is null) journal.RecordGlobal(FitSnapshot.Of(global));

        var schedule = ScanSchedule.Build(gx, gy, global.X[ix], iy >= 0 ? global.X[iy] : 0.0);
        var plan = schedule.Plan(shard);
        int ny = schedule.Ny;
        var fits = new FitResult?[schedule.CellCount];
        var lowered = new FitResult?[schedule.Chains.Count];

        (int Index, double Value)[] Fixed(int cell)
        {
            int i = cell / ny, j = cell % ny;
            return iy >= 0 ? [(ix, gx[i]), (iy, gy![j])] : [(ix, gx[i])];
        }

        var chains = plan.Chains.Select(k => schedule.Chains[k]).ToArray();
        int done = 0, restored = 0, total = chains.Sum(c => c.StepCount(o.Profile.ExtraSweep));
        void Done()
        {
            int d = Interlocked.Increment(ref done);
            o.Progress?.Invoke(d, total);
        }

        FitResult? RunChain(FitProblem p, ScanChain chain)
        {
            var recorded = journal?.StepsOf(chain.Index) ?? [];
            int n = chain.Cells.Count, steps = chain.StepCount(o.Profile.ExtraSweep);
            var chainGlobal = global;
            bool wasLowered = false;
            ProfileLikelihood? profile = null;
            IReadOnlyList<double>? warm = chain.StartFrom is { } s ? fits[s]!.X : null;
            for (int step = 0; step < steps; step++)
            {
                int cell = chain.CellAt(step);
                FitResult f;
                if (step < recorded.Count)
                {
                    var r = recorded[step];
                    if (r.Step != step || r.Cell != cell)
                        throw new InvalidOperationException($"journal of chain {chain.Index}: step {r.Step} at cell {r.Cell} where step {step} at cell {cell} was expected");
                    f = r.Fit.ToResult(p);
                    if (r.LoweredGlobal is { } g)
                    {
                        chainGlobal = g.ToResult(p);
                        wasLowered = true;
                    }
                    Interlocked.Increment(ref restored);
                }
                else
                {
                    o.Cancellation.ThrowIfCancellationRequested();
                    profile ??= new ProfileLikelihood(p, o.Profile, chainGlobal);
                    int updates = profile.GlobalUpdates;
                    f = step < n
                        ? profile.MinimiseFixed(Fixed(cell), warm is null ? [] : [warm])
                        : profile.MinimiseFixed(Fixed(cell), [fits[chain.CellAt(step - 1)]!.X], includeGlobalStart: false);
                    FitResult? newGlobal = profile.GlobalUpdates > updates ? profile.GlobalFit : null;
                    if (newGlobal is not null)
                    {
                        chainGlobal = newGlobal;
                        wasLowered = true;
                    }
                    journal?.Record(new ScanStep(chain.Index, step, cell, FitSnapshot.Of(f), newGlobal is null ? null : FitSnapshot.Of(newGlobal)));
                }
                if (step < n)
                {
                    fits[cell] = f;
                    warm = f.X;
                }
                else if (f.Converged && (!fits[cell]!.Converged || f.Chi2 < fits[cell]!.Chi2))
                    fits[cell] = f;
                Done();
            }
            return wasLowered ? chainGlobal : null;
        }

        var spine = chains.Where(c => c.IsSpine).ToArray();
        var columns = chains.Where(c => !c.IsSpine).ToArray();
        var pool = new WorkerPool(fit, o.Threads);
        var spineLowered = pool.Run(spine.Length, (p, k) => RunChain(p, spine[k]));
        var columnLowered = pool.Run(columns.Length, (p, k) => RunChain(p, columns[k]));
        for (int k = 0; k < spine.Length; k++) lowered[spine[k].Index] = spineLowered[k];
        for (int k = 0; k < columns.Length; k++) lowered[columns[k].Index] = columnLowered[k];
        return new Computation(schedule, plan, global, fits, lowered, restored);
    }
}
