using Cevns.Physics;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// One Gaussian term chi^2 = ((x_obs - x(physics)) / sigma)^2 of an external measurement (docs/physics.md sec. 11). No
/// nuisances, no signal normalisation (the scale is ignored); the observation is the published value, Asimov data or toys
/// replace it.
/// </summary>
public sealed class ExternalMeasurementLikelihood(ExternalMeasurementDataset dataset, double observed) : IDatasetLikelihood
{
    private readonly double[] _observed = [observed];

    public IDataset Dataset => dataset;

    public SourceKind Source => SourceKind.None;

    public IReadOnlyList<Nuisance> Nuisances { get; } = [];

    public int DataPoints => 1;

    public bool RateOnly => false;

    public IReadOnlyList<double> Observed => _observed;

    public double Chi2(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances)
    {
        LikelihoodHelpers.CheckNuisanceCount(this, nuisances);
        double z = (_observed[0] - dataset.Observable.Predict(physics)) / dataset.Error;
        return z * z;
    }

    public double[] Expected(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances) =>
        [dataset.Observable.Predict(physics)];

    public double Chi2WithGradient(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances,
        Span<double> nuisanceGradient, Span<double> scaleGradient)
    {
        LikelihoodGradient.Check(this, nuisances, nuisanceGradient, scaleGradient);
        nuisanceGradient.Clear();
        scaleGradient.Clear();
        return Chi2(physics, scale, nuisances);
    }

    public void SampleObservations(Random random, ReadOnlySpan<double> expected, Span<double> into)
    {
        if (expected.Length != 1 || into.Length != 1)
            throw new ArgumentException($"{dataset.Definition.Id}: an external measurement has one observation");
        into[0] = Statistics.ToySampling.Gaussian(random, expected[0], dataset.Error);
    }

    public IDatasetLikelihood WithObserved(IReadOnlyList<double> observed)
    {
        if (observed.Count != 1 || !double.IsFinite(observed[0]))
            throw new ArgumentException($"{dataset.Definition.Id}: an external measurement has one finite observation, got {observed.Count}");
        return new ExternalMeasurementLikelihood(dataset, observed[0]);
    }
}
