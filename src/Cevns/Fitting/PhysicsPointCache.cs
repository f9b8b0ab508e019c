using Cevns.Physics;

namespace Cevns.Fitting;

/// <summary>
/// The <see cref="PhysicsParameters"/> of a fit-parameter vector: the fixed point with the free physics parameters
/// copied in, then the tied parameters derived from them (<see cref="ParameterTies"/>). The last <see cref="Capacity"/> points are kept, so a physics vector seen recently gets the same
/// instance back: while the minimiser varies only nuisances or signal normalisations, or returns to the centre of
/// a numerical derivative, every dataset sees an instance it has seen before and can reuse predictions it cached
/// by reference. One instance per <see cref="Statistics.FitProblem"/>: not thread-safe.
/// </summary>
internal sealed class PhysicsPointCache
{
    /// <summary>Enough for the centre and both sides of a central difference plus one more.</summary>
    public const int Capacity = 4;

    private readonly PhysicsParameters _fixed;
    private readonly int[] _slots;
    private readonly string[] _names;
    private readonly double[][] _keys;
    private readonly PhysicsParameters?[] _points;
    private readonly KeyValuePair<string, double>[] _assignment;
    private readonly ParameterTies _ties;
    private int _next;

    /// <param name="fixedPoint">Values of every physics parameter that is not free.</param>
    /// <param name="slots">Index in the fit-parameter vector of each free physics parameter.</param>
    /// <param name="names">Their catalogue names, same order.</param>
    /// <param name="capacity">Points kept (at least <see cref="Capacity"/>; a gradient with central differences in k
    /// physics parameters visits 2k + 1 points).</param>
    /// <param name="ties">Tied parameters, applied to every new point (the fixed point must already satisfy them).</param>
    public PhysicsPointCache(PhysicsParameters fixedPoint, int[] slots, string[] names, int capacity = Capacity, ParameterTies? ties = null)
    {
        _ties = ties ?? ParameterTies.None;
        capacity = Math.Max(capacity, Capacity);
        _keys = new double[capacity][];
        _points = new PhysicsParameters?[capacity];
        _fixed = fixedPoint;
        _slots = slots;
        _names = names;
        for (int i = 0; i < capacity; i++) _keys[i] = new double[slots.Length];
        _assignment = new KeyValuePair<string, double>[slots.Length];
    }

    /// <summary>How many PhysicsParameters objects have been built (for tests of the caching).</summary>
    public int Builds { get; private set; }

    public PhysicsParameters At(IReadOnlyList<double> x)
    {
        if (_slots.Length == 0) return _fixed;
        for (int e = 0; e < _points.Length; e++)
        {
            if (_points[e] is not { } point) continue;
            var key = _keys[e];
            bool same = true;
            for (int k = 0; k < _slots.Length && same; k++)
                same = x[_slots[k]] == key[k];
            if (same) return point;
        }
        var slot = _keys[_next];
        for (int k = 0; k < _slots.Length; k++)
        {
            slot[k] = x[_slots[k]];
            _assignment[k] = new(_names[k], slot[k]);
        }
        var built = _ties.Apply(_fixed.With(_assignment));
        _points[_next] = built;
        _next = (_next + 1) % _points.Length;
        Builds++;
        return built;
    }
}
