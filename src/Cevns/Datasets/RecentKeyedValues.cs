namespace Cevns.Datasets;

/// <summary>
/// The values of an expensive computation for the last few keys (a key is a short vector of physics numbers, e.g. neutron
/// radii or mediator masses), in a ring buffer searched most recent first. Thread-safe; two threads asking for the same new
/// key at once both compute it (the results are equal) and both are stored. Lookups take no lock (each slot holds one
/// immutable key-value entry, replaced whole): the threads of a parallel fit look up the kernels of a shared signal at
/// every new physics point, and a lock there made them wait on each other.
/// </summary>
internal sealed class RecentKeyedValues<T>(int capacity) where T : class
{
    public delegate T Builder(ReadOnlySpan<double> key);

    private sealed record Entry(double[] Key, T Value);

    private readonly Entry?[] _entries = new Entry?[capacity];
    private readonly object _lock = new();
    private int _next;
    private int _builds;

    /// <summary>How many values have been computed (for tests).</summary>
    public int Builds => Volatile.Read(ref _builds);

    public T GetOrAdd(ReadOnlySpan<double> key, Builder build)
    {
        int next = Volatile.Read(ref _next);
        for (int i = 1; i <= capacity; i++)
        {
            var entry = Volatile.Read(ref _entries[(next - i + capacity) % capacity]);
            if (entry is not null && key.SequenceEqual(entry.Key)) return entry.Value;
        }
        var built = build(key);
        var stored = new Entry(key.ToArray(), built);
        lock (_lock)
        {
            Volatile.Write(ref _entries[_next], stored);
            Volatile.Write(ref _next, (_next + 1) % capacity);
            _builds++;
        }
        return built;
    }
}
