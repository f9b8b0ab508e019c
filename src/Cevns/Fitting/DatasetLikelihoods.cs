using Cevns.Datasets;
using Cevns.Physics;

namespace Cevns.Fitting;

/// <summary>How a dataset's likelihood is prepared for a fit.</summary>
public sealed record LikelihoodOptions
{
    /// <summary>
    /// Replace the observations by the Asimov data at this physics point (signal scales 1, nuisances at their
    /// central values): the median expected sensitivity (Cowan et al., Eur. Phys. J. C 71 (2011) 1554, Sec. 5).
    /// </summary>
    public PhysicsParameters? AsimovAt { get; init; }
}

/// <summary>
/// The registry hook of the fitting layer: loads a dataset (<see cref="DatasetRegistry.Load"/>) and asks it for its
/// likelihood through <see cref="ILikelihoodProvider"/>.
/// </summary>
public static class DatasetLikelihoods
{
    public static IDatasetLikelihood Load(string id, string dataDirectory, LikelihoodOptions? options = null) =>
        For(DatasetRegistry.Load(id, dataDirectory), options);

    /// <summary>The likelihood of a loaded dataset, checked for consistency; a dataset without one raises a <see cref="DatasetException"/>.</summary>
    public static IDatasetLikelihood For(IDataset dataset, LikelihoodOptions? options = null)
    {
        string id = dataset.Definition.Id;
        if (dataset is not ILikelihoodProvider provider)
            throw new DatasetException($"dataset {id} has no likelihood yet (it can be predicted but not fitted)");
        var likelihood = provider.Likelihood();
        if (!ReferenceEquals(likelihood.Dataset, dataset) && likelihood.Dataset.Definition.Id != id)
            throw new InvalidOperationException($"dataset {id}: its likelihood belongs to dataset {likelihood.Dataset.Definition.Id}");
        if (likelihood.DataPoints < 1)
            throw new InvalidOperationException($"dataset {id}: likelihood has {likelihood.DataPoints} data points");
        if (options?.AsimovAt is { } truth)
            likelihood = Asimov(likelihood, truth);
        return likelihood;
    }

    /// <summary>The likelihood with its observations replaced by the expectation at <paramref name="truth"/> (nuisances central, scales 1).</summary>
    public static IDatasetLikelihood Asimov(IDatasetLikelihood likelihood, PhysicsParameters truth, SignalScale? scale = null)
    {
        var centrals = likelihood.Nuisances.Select(n => n.Central).ToArray();
        var expected = likelihood.Expected(truth, scale ?? SignalScale.One, centrals);
        if (expected.Length != likelihood.Observed.Count)
            throw new InvalidOperationException($"dataset {likelihood.Dataset.Definition.Id}: Expected has {expected.Length} entries, Observed {likelihood.Observed.Count}");
        return likelihood.WithObserved(Statistics.AsimovData.Counts(expected));
    }
}

/// <summary>
/// Where the fit and scan commands get their datasets: definitions by id and likelihoods by definition. The shipped
/// registry by default; tests pass synthetic datasets.
/// </summary>
public sealed class DatasetSource(Func<string, DatasetDefinition> find, Func<DatasetDefinition, string, IDatasetLikelihood> load)
{
    public static DatasetSource Registry { get; } = new(DatasetRegistry.Find, (d, dir) => DatasetLikelihoods.For(DatasetRegistry.Load(d, dir)));

    /// <summary>The definitions of the given ids, checked as a combination; an unknown id is a <see cref="FitSetupException"/>.</summary>
    public IReadOnlyList<DatasetDefinition> Resolve(IReadOnlyList<string> ids)
    {
        var defs = new List<DatasetDefinition>();
        foreach (var id in ids)
        {
            try
            {
                defs.Add(find(id));
            }
            catch (DatasetException e)
            {
                throw new FitSetupException(e.Message);
            }
        }
        DatasetCombination.Check(defs);
        return defs;
    }

    public IReadOnlyList<IDatasetLikelihood> Load(IReadOnlyList<DatasetDefinition> definitions, string dataDirectory) =>
        definitions.Select(d => load(d, dataDirectory)).ToArray();
}
