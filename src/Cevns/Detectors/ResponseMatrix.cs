using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        if (Vector256.IsHardwareAccelerated && selected.Length >= 2)
        {
            ApplyRowsVectorised(dNdT, counts, selected);
            return;
        }
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

    /// <summary>
    /// The selected-rows product with four densities in the lanes of one vector (the densities transposed node-major, a
    /// missing fourth padded with zeros) and four bins at once: each lane is the sum of <see cref="Apply"/>, term for term in
    /// the same order (a vector multiply and a vector add round each lane as the scalar ones do; no fused multiply-add), so
    /// the same number. The four bins share the union of their bands: a node outside a bin's band has the matrix element
    /// exactly 0, and adding 0 x (finite density) = +-0 to the sum leaves it as it is.
    /// </summary>
    private void ApplyRowsVectorised(ReadOnlySpan<double> dNdT, Span<double> counts, ReadOnlySpan<int> selected)
    {
        int n = Grid.Count, nb = BinCount;
        var e = _elements.AsSpan();
        double[]? rented = null;
        Span<double> packed = 4 * n <= 4096 ? stackalloc double[4 * n] : (rented = ArrayPool<double>.Shared.Rent(4 * n)).AsSpan(0, 4 * n);
        ref double p0 = ref MemoryMarshal.GetReference(packed);
        Span<double> lanes = stackalloc double[4];
        for (int g = 0; g < selected.Length; g += 4)
        {
            int width = Math.Min(4, selected.Length - g);
            if (width < 4) packed.Clear();
            for (int r = 0; r < width; r++)
            {
                var d = dNdT.Slice(selected[g + r] * n, n);
                for (int j = 0; j < n; j++) packed[4 * j + r] = d[j];
            }
            for (int i = 0; i < nb; i += 4)
            {
                int bins = Math.Min(4, nb - i);
                int lo = n, hi = 0;
                for (int b = 0; b < bins; b++)
                {
                    lo = Math.Min(lo, _first[i + b]);
                    hi = Math.Max(hi, _end[i + b]);
                }
                // A block of fewer than four bins repeats its last bin in the spare accumulators (results not stored).
                ref double m0 = ref MemoryMarshal.GetReference(e.Slice(i * n, n));
                ref double m1 = ref MemoryMarshal.GetReference(e.Slice(Math.Min(i + 1, i + bins - 1) * n, n));
                ref double m2 = ref MemoryMarshal.GetReference(e.Slice(Math.Min(i + 2, i + bins - 1) * n, n));
                ref double m3 = ref MemoryMarshal.GetReference(e.Slice(Math.Min(i + 3, i + bins - 1) * n, n));
                Vector256<double> s0 = Vector256<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
                for (int j = lo; j < hi; j++)
                {
                    var d = Vector256.LoadUnsafe(ref p0, (nuint)(4 * j));
                    s0 += Vector256.Create(Unsafe.Add(ref m0, j)) * d;
                    s1 += Vector256.Create(Unsafe.Add(ref m1, j)) * d;
                    s2 += Vector256.Create(Unsafe.Add(ref m2, j)) * d;
                    s3 += Vector256.Create(Unsafe.Add(ref m3, j)) * d;
                }
                for (int b = 0; b < bins; b++)
                {
                    (b == 0 ? s0 : b == 1 ? s1 : b == 2 ? s2 : s3).CopyTo(lanes);
                    for (int r = 0; r < width; r++) counts[selected[g + r] * nb + i + b] = lanes[r];
                }
            }
        }
        if (rented is not null) ArrayPool<double>.Shared.Return(rented);
    }
}
