using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Cevns.Statistics;

namespace Cevns.Fitting;

/// <summary>
/// Runs independent units of work (profile chains, interval scans) on up to <c>threads</c> threads, each unit on a
/// problem copy used by one thread at a time (<see cref="IFitProblemSource.CreateWorkerProblem"/>; the main problem is one
/// of them). Results come back in unit order and do not depend on the thread count, since every copy computes the
/// same numbers and a unit depends only on its inputs.
/// </summary>
internal sealed class WorkerPool
{
    private readonly IFitProblemSource _fit;
    private readonly int _threads;
    private readonly ConcurrentBag<FitProblem> _idle = [];

    public WorkerPool(IFitProblemSource fit, int threads)
    {
        if (threads < 1)
            throw new FitSetupException($"thread count must be >= 1, got {threads}");
        _fit = fit;
        _threads = threads;
        _idle.Add(fit.Problem);
    }

    public T[] Run<T>(int count, Func<FitProblem, int, T> unit)
    {
        var results = new T[count];
        if (_threads == 1 || count <= 1)
        {
            for (int i = 0; i < count; i++) results[i] = unit(_fit.Problem, i);
            return results;
        }
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = _threads }, i =>
            {
                var problem = _idle.TryTake(out var p) ? p : _fit.CreateWorkerProblem();
                try
                {
                    results[i] = unit(problem, i);
                }
                finally
                {
                    _idle.Add(problem);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return results;
    }
}
