using Cevns.Statistics;

namespace Cevns.Fitting;

/// <summary>
/// Outcome of <see cref="JointFit.Run"/>: the global fit with its status, chi^2 per dataset and prior, the degrees of
/// freedom, and the profiled intervals of the free physics and signal parameters. A fit that did not converge has
/// <see cref="Chi2Min"/> null and no intervals: its numbers are kept in <see cref="Global"/> for diagnosis only.
/// </summary>
public sealed class JointFitResult
{
    internal JointFitResult(JointFit fit, FitResult global, IReadOnlyDictionary<string, ParameterIntervals> intervals, IReadOnlyList<string> notes,
        IReadOnlyList<FitResult>? otherMinima = null)
    {
        Fit = fit;
        Global = global;
        OtherMinima = otherMinima ?? [];
        Intervals = intervals;
        Notes = notes;
        var breakdown = fit.Breakdown(global.X);
        Chi2ByDataset = breakdown.Where(b => !b.Label.StartsWith("prior ", StringComparison.Ordinal)).ToDictionary(b => b.Label, b => b.Chi2);
        Chi2ByPrior = breakdown.Where(b => b.Label.StartsWith("prior ", StringComparison.Ordinal)).ToDictionary(b => b.Label["prior ".Length..], b => b.Chi2);
    }

    public JointFit Fit { get; }

    /// <summary>The global minimisation (best of its starts), on the fit's main problem.</summary>
    public FitResult Global { get; }

    public bool Converged => Global.Converged;

    /// <summary>
    /// Other local minima of chi^2 (distinct from the best fit: separated by a barrier) within
    /// <see cref="FitOptions.OtherMinimaDeltaChi2"/> of chi2_min, lowest first: minima the data hardly distinguish from the
    /// best fit (e.g. the two solutions of a total rate quadratic in a coupling). Empty when the minimum is unique.
    /// </summary>
    public IReadOnlyList<FitResult> OtherMinima { get; }

    public FitStatus Status => Global.Status;

    /// <summary>Minimum chi^2, or null when the fit did not converge.</summary>
    public double? Chi2Min => Converged ? Global.Chi2 : null;

    public int DegreesOfFreedom => Fit.DegreesOfFreedom;

    /// <summary>Best-fit values of the free physics and signal parameters.</summary>
    public IReadOnlyDictionary<string, double> BestFit => Fit.FreeParameters.ToDictionary(n => n, n => Global[n]);

    /// <summary>Best-fit (profiled) values of the nuisances.</summary>
    public IReadOnlyDictionary<string, double> Nuisances => Fit.Nuisances.ToDictionary(n => n, n => Global[n]);

    /// <summary>chi^2 of each dataset at the best fit (its nuisance pulls included).</summary>
    public IReadOnlyDictionary<string, double> Chi2ByDataset { get; }

    /// <summary>chi^2 of each external prior at the best fit.</summary>
    public IReadOnlyDictionary<string, double> Chi2ByPrior { get; }

    /// <summary>Profiled intervals by parameter (empty if the fit did not converge or intervals were not asked for).</summary>
    public IReadOnlyDictionary<string, ParameterIntervals> Intervals { get; }

    public IReadOnlyList<string> Notes { get; }
}

/// <summary>The engine of <see cref="JointFit.Run"/> on a joint fit: <see cref="ProfiledFit.Run"/>.</summary>
internal static class JointFitRunner
{
    public static JointFitResult Run(JointFit fit, FitOptions o) => Run(fit, o, ProfiledFit.MaxRounds);

    /// <param name="maxRounds">How often the intervals are computed at most (<see cref="ProfiledFit.MaxRounds"/>; other values for tests).</param>
    internal static JointFitResult Run(JointFit fit, FitOptions o, int maxRounds)
    {
        var r = ProfiledFit.Run(fit, o, maxRounds);
        return new JointFitResult(fit, r.Global, r.Intervals, r.Notes, r.OtherMinima);
    }
}
