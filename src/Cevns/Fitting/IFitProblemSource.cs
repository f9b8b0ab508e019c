using Cevns.Statistics;

namespace Cevns.Fitting;

/// <summary>
/// The chi^2 of one fit as the fit engine (<see cref="ProfiledFit"/>, <see cref="ProfileScan"/>) needs it: a main problem,
/// independent copies for other threads (a problem keeps caches, so each copy is used from one thread at a time), and
/// the free physics and signal parameters, whose fit ranges are searched and whose intervals are profiled. A
/// <see cref="JointFit"/> is one; so is each fit of an analysis file, whatever builds its chi^2.
/// </summary>
public interface IFitProblemSource
{
    /// <summary>The problem used on the calling thread.</summary>
    FitProblem Problem { get; }

    /// <summary>A copy of <see cref="Problem"/> sharing no mutable state with it (same parameters, same chi^2).</summary>
    FitProblem CreateWorkerProblem();

    /// <summary>The free physics and signal parameters (not the nuisances), in the order of the problem.</summary>
    IReadOnlyList<string> FreeParameters { get; }
}
