namespace Cevns.Detectors;

/// <summary>
/// Linear map from the event density dN/dT on a <see cref="RecoilGrid"/> to expected counts in
/// reconstructed bins: counts[i] = sum_j R[i, j] dNdT[j], with the quadrature weight, quenching,
/// resolution and efficiency folded into R. Built once per dataset and detector-parameter set, so a
/// new physics point costs one matrix-vector product.
/// </summary>
public sealed class ResponseMatrix
{
    private readonly double[] _elements; // row-major [bin, node]

    public RecoilGrid Grid { get; }
    public int BinCount { get; }

    public ResponseMatrix(RecoilGrid grid, int binCount, double[] elements)
    {
        if (elements.Length != binCount * grid.Count)
            throw new ArgumentException($"response matrix needs {binCount} x {grid.Count} elements, got {elements.Length}");
        Grid = grid;
        BinCount = binCount;
        _elements = elements;
    }

    /// <summary>
    /// Builds R[i, j] = w_j P(i | T_j), where probabilityInBin(T_MeV, i) is the probability (efficiency
    /// included) that a recoil of true energy T is reconstructed in bin i.
    /// </summary>
    public static ResponseMatrix Build(RecoilGrid grid, int binCount, Func<double, int, double> probabilityInBin)
    {
        var r = new double[binCount * grid.Count];
        for (int j = 0; j < grid.Count; j++)
        {
            double t = grid.NodesMeV[j], w = grid.Weights[j];
            for (int i = 0; i < binCount; i++)
                r[i * grid.Count + j] = w * probabilityInBin(t, i);
        }
        return new ResponseMatrix(grid, binCount, r);
    }

    /// <summary>The element-wise sum of matrices on the same grid and bins (responses of exclusive channels add).</summary>
    public static ResponseMatrix Sum(IReadOnlyList<ResponseMatrix> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("nothing to add", nameof(parts));
        var first = parts[0];
        var elements = new double[first._elements.Length];
        foreach (var m in parts)
        {
            if (!ReferenceEquals(m.Grid, first.Grid) || m.BinCount != first.BinCount)
                throw new ArgumentException("response matrices to add must share grid and bins", nameof(parts));
            for (int i = 0; i < elements.Length; i++) elements[i] += m._elements[i];
        }
        return new ResponseMatrix(first.Grid, first.BinCount, elements);
    }

    public double this[int bin, int node] => _elements[bin * Grid.Count + node];

    /// <summary>counts[i] = sum_j R[i, j] dNdT[j] (dNdT in events/MeV at the grid nodes).</summary>
    public void Apply(ReadOnlySpan<double> dNdT, Span<double> counts)
    {
        if (dNdT.Length != Grid.Count || counts.Length != BinCount)
            throw new ArgumentException("response matrix dimension mismatch");
        int n = Grid.Count;
        var e = _elements.AsSpan();
        for (int i = 0; i < BinCount; i++)
        {
            var row = e.Slice(i * n, n);
            double s = 0;
            for (int j = 0; j < n; j++)
                s += row[j] * dNdT[j];
            counts[i] = s;
        }
    }
}
