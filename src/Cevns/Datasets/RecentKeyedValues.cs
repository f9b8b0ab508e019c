namespace Cevns.Datasets;

/// <summary>
/// The values of an expensive computation for the last few keys (a key is a short vector of physics numbers, e.g. neutron
/// radii or mediator masses), in a ring buffer searched most recent first. Thread-safe; two threads asking for the same new
/// key at once both compute it (the results are equal) and both are stored.
/// </summary>
internal sealed class RecentKeyedValues<T>(int capacity) where T : class
{
    public delegate T Builder(ReadOnlySpan<double> key);

    private readonly double[]?[] _keys = new double[]?[capacity];
    private readonly T?[] _values = new T?[capacity];
    private readonly object _lock = new();
    private int _next;

    /// <summary>How many values have been computed (for tests).</summary>
    public int Builds { get; private set; }

    public T GetOrAdd(ReadOnlySpan<double> key, Builder build)
    {
        lock (_lock)
        {
            for (int i = 1; i <= capacity; i++)
            {
                int k = (_next - i + capacity) % capacity;
                if (_keys[k] is { } stored && key.SequenceEqual(stored)) return _values[k]!;
            }
        }
        var built = build(key);
        lock (_lock)
        {
            _keys[_next] = key.ToArray();
            _values[_next] = built;
            _next = (_next + 1) % capacity;
            Builds++;
        }
        return built;
    }
}
