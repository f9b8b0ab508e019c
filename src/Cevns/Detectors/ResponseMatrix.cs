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
        // Each bin sees the nodes of a band of true energies (resolution and quenching are local): the products outside
        // it are exact zeros, so the sums skip them (same numbers: adding +-0 to a sum of finite terms changes nothing).
        int n = grid.Count;
        _first = new int[binCount];
        _end = new int[binCount];
        for (int i = 0; i < binCount; i++)
        {
            var row = elements.AsSpan(i * n, n);
            int lo = 0, hi = n;
            while (lo < hi && row[lo] == 0) lo++;
            while (hi > lo && row[hi - 1] == 0) hi--;
            (_first[i], _end[i]) = (lo, hi);
        }
    }

    private readonly int[] _first, _end; // per bin: the nodes [first, end) outside which the row is zero

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
            for (int j = _first[i]; j < _end[i]; j++)
                s += row[j] * dNdT[j];
            counts[i] = s;
        }
    }

    /// <summary>
    /// <see cref="Apply"/> for several densities at once: rows r of <paramref name="dNdT"/> (each <see cref="RecoilGrid.Count"/>
    /// nodes) into rows r of <paramref name="counts"/> (each <see cref="BinCount"/> bins). Each count is the same sum in the
    /// same order as in <see cref="Apply"/> (so the same number); four densities share one pass over a matrix row, which
    /// keeps four independent sums in flight instead of one (a kernel build folds every term of every species).
    /// </summary>
    public void ApplyRows(ReadOnlySpan<double> dNdT, Span<double> counts, int rows)
    {
        int n = Grid.Count, nb = BinCount;
        if (rows < 0 || dNdT.Length != rows * n || counts.Length != rows * nb)
            throw new ArgumentException("response matrix dimension mismatch");
        Span<int> all = rows <= 256 ? stackalloc int[rows] : new int[rows];
        for (int r = 0; r < rows; r++) all[r] = r;
        ApplyRows(dNdT, counts, all);
    }

    /// <summary>
    /// <see cref="ApplyRows(ReadOnlySpan{double}, Span{double}, int)"/> for the listed rows only (the others of
    /// <paramref name="counts"/> are left as they are); the same sums in the same order as <see cref="Apply"/>.
    /// </summary>
    public void ApplyRows(ReadOnlySpan<double> dNdT, Span<double> counts, ReadOnlySpan<int> selected)
    {
        int n = Grid.Count, nb = BinCount;
        if (dNdT.Length % n != 0 || counts.Length != dNdT.Length / n * nb)
            throw new ArgumentException("response matrix dimension mismatch");
        var e = _elements.AsSpan();
        int k = 0;
        for (; k + 4 <= selected.Length; k += 4)
        {
            int r0 = selected[k], r1 = selected[k + 1], r2 = selected[k + 2], r3 = selected[k + 3];
            var d0 = dNdT.Slice(r0 * n, n);
            var d1 = dNdT.Slice(r1 * n, n);
            var d2 = dNdT.Slice(r2 * n, n);
            var d3 = dNdT.Slice(r3 * n, n);
            for (int i = 0; i < nb; i++)
            {
                var row = e.Slice(i * n, n);
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (int j = _first[i]; j < _end[i]; j++)
                {
                    double m = row[j];
                    s0 += m * d0[j];
                    s1 += m * d1[j];
                    s2 += m * d2[j];
                    s3 += m * d3[j];
                }
                counts[r0 * nb + i] = s0;
                counts[r1 * nb + i] = s1;
                counts[r2 * nb + i] = s2;
                counts[r3 * nb + i] = s3;
            }
        }
        for (; k < selected.Length; k++)
            Apply(dNdT.Slice(selected[k] * n, n), counts.Slice(selected[k] * nb, nb));
    }
}
