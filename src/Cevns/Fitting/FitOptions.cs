using Cevns.Statistics;

namespace Cevns.Fitting;

/// <summary>Settings of <see cref="JointFit.Run"/>.</summary>
public sealed record FitOptions
{
    /// <summary>A global fit without <see cref="GlobalSearch"/>: the initial values plus four seeded random starts (degenerate minima, e.g. NSI bands).</summary>
    public static MinimiserOptions DefaultGlobalMinimiser { get; } = new() { RandomStarts = 4 };

    /// <summary>The local minimisations of the global fit; the default has no random starts, the seeds of <see cref="GlobalSearch"/> replace them.</summary>
    public MinimiserOptions Minimiser { get; init; } = new();

    /// <summary>
    /// Search the fit ranges of the free physics and signal parameters for the global minimum (<see cref="GlobalMinimumSearch"/>),
    /// so that the best fit does not depend on where the minimiser starts; null: only <see cref="Minimiser"/>'s own starts.
    /// </summary>
    public GlobalSearchOptions? GlobalSearch { get; init; } = new();

    /// <summary>Other local minima within this Delta chi^2 of the best fit are reported (<see cref="JointFitResult.OtherMinima"/>): 1, the data do not prefer the best fit at 1 sigma.</summary>
    public double OtherMinimaDeltaChi2 { get; init; } = DeltaChi2Levels.OneSigma1D;

    public IntervalOptions Intervals { get; init; } = new();

    /// <summary>Compute profiled intervals of the free physics and signal parameters.</summary>
    public bool ComputeIntervals { get; init; } = true;

    /// <summary>Parameters profiled in parallel (each on its own copy of the problem); results do not depend on it.</summary>
    public int Threads { get; init; } = 1;
}

/// <summary>One confidence level of the profiled intervals: its JSON/text label and Delta chi^2 threshold (1 dof).</summary>
public sealed record IntervalLevel(string Label, string Text, double DeltaChi2)
{
    /// <summary>1 sigma, 90 % CL, 2 sigma, 3 sigma: Delta chi^2 = 1, 2.71, 4, 9 (docs/physics.md section 9; PDG Statistics review, Table 40.2).</summary>
    public static IReadOnlyList<IntervalLevel> Standard { get; } =
    [
        new("1sigma", "1 sigma", DeltaChi2Levels.OneSigma1D),
        new("90%", "90% CL", DeltaChi2Levels.Cl90OneDof),
        new("2sigma", "2 sigma", DeltaChi2Levels.TwoSigma1D),
        new("3sigma", "3 sigma", DeltaChi2Levels.ThreeSigma1D),
    ];
}

/// <summary>Settings of the automatic interval scans (<see cref="IntervalProfiler"/>).</summary>
public sealed record IntervalOptions
{
    public ProfileOptions Profile { get; init; } = new();

    public IReadOnlyList<IntervalLevel> Levels { get; init; } = IntervalLevel.Standard;

    /// <summary>Profile points between each centre (the best fit, other minima) and each end of the range searched around it.</summary>
    public int PointsPerSide { get; init; } = 10;

    /// <summary>Points of the coarse profile over the whole fit range, which finds regions below a level away from the best fit.</summary>
    public int RangePoints { get; init; } = 25;

    /// <summary>Profiled points per side while searching for the scan range before giving up (the end is then open).</summary>
    public int MaxExplorationSteps { get; init; } = 40;

    /// <summary>The search stops once Delta chi^2 exceeds the largest level times this margin.</summary>
    public double ExplorationMargin { get; init; } = 1.1;
}
