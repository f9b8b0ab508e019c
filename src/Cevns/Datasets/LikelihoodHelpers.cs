using Cevns.Physics;
using Cevns.Statistics;

namespace Cevns.Datasets;

/// <summary>
/// The value of a computation at the last few physics points (<see cref="Capacity"/>), recomputed only for a physics point
/// not among them: a likelihood profiles its nuisances at fixed physics, and the predictions that depend on the physics
/// alone are its costly part. Several entries because a gradient in a physics parameter visits x - h, x + h and x, and a
/// numerical Hessian of the nuisances returns to them at every nuisance step. Not thread-safe: each likelihood instance
/// (and each WithObserved copy) owns its memo.
/// </summary>
public sealed class PhysicsPointMemo<T>(Func<PhysicsParameters, T> compute)
{
    /// <summary>Points kept: the centre and both sides of a central difference in up to seven physics parameters, plus one
    /// (a numerical Hessian over the physics and the nuisances keeps returning to them).</summary>
    public const int Capacity = 16;

    private readonly double[]?[] _physics = new double[]?[Capacity];
    private readonly T[] _values = new T[Capacity];
    private int _last;

    /// <summary>How many times the computation ran (for tests).</summary>
    public int Computations { get; private set; }

    public T At(PhysicsParameters physics)
    {
        var v = physics.Values;
        for (int i = 0; i < Capacity; i++)
        {
            int slot = (_last - i + Capacity) % Capacity; // most recent first
            if (_physics[slot] is { } key && v.SequenceEqual(key)) return _values[slot];
        }
        _last = (_last + 1) % Capacity;
        _values[_last] = compute(physics);
        _physics[_last] = v.ToArray();
        Computations++;
        return _values[_last];
    }
}

/// <summary>Small pieces every <see cref="IDatasetLikelihood"/> needs, written once.</summary>
public static class LikelihoodHelpers
{
    /// <summary>into[i] += scale(species) x counts[i] for every species: a signal with the shared normalisations applied.</summary>
    public static void AddScaled(IEnumerable<KeyValuePair<NeutrinoSpecies, double[]>> perSpecies, SignalScale scale, Span<double> into)
    {
        foreach (var (species, counts) in perSpecies)
        {
            double k = scale.For(species);
            for (int i = 0; i < into.Length; i++) into[i] += k * counts[i];
        }
    }

    /// <summary><paramref name="chi2"/> plus the Gaussian pulls ((x - central)/sigma)^2 of the nuisances with a finite prior width.</summary>
    public static double AddPulls(double chi2, IReadOnlyList<Nuisance> nuisances, ReadOnlySpan<double> values)
    {
        for (int k = 0; k < nuisances.Count; k++)
            if (!double.IsPositiveInfinity(nuisances[k].Sigma))
                chi2 += GaussianChiSquare.Pull(values[k], nuisances[k].Central, nuisances[k].Sigma);
        return chi2;
    }

    /// <summary>Throws unless <paramref name="values"/> holds one value per nuisance.</summary>
    public static void CheckNuisanceCount(IDatasetLikelihood likelihood, ReadOnlySpan<double> values)
    {
        var n = likelihood.Nuisances;
        if (values.Length != n.Count)
            throw new ArgumentException($"{likelihood.Dataset.Definition.Id}: expected {n.Count} nuisance values ({string.Join(", ", n.Select(x => x.Name))}), got {values.Length}");
    }

    /// <summary>Nuisances at their central values.</summary>
    public static double[] Centrals(IReadOnlyList<Nuisance> nuisances) => nuisances.Select(n => n.Central).ToArray();

    /// <summary>Indices of the true entries of a mask (the analysis bins), ascending.</summary>
    public static int[] Indices(IReadOnlyList<bool> mask) => Enumerable.Range(0, mask.Count).Where(i => mask[i]).ToArray();
}
