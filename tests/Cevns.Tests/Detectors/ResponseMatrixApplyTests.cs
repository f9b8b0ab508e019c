using Cevns.Detectors;

namespace Cevns.Tests.Detectors;

/// <summary>
/// The banded and multi-row products of <see cref="ResponseMatrix"/> against the plain dense sum over every node, written
/// out here: the band only skips exact zeros and every sum keeps its order, so the numbers must be identical, not close.
/// </summary>
public class ResponseMatrixApplyTests
{
    /// <summary>A matrix whose rows are zero outside a band (as resolution makes them), with a zero row and a full row.</summary>
    private static ResponseMatrix Banded(RecoilGrid grid, int bins, Random random)
    {
        int n = grid.Count;
        var e = new double[bins * n];
        for (int i = 0; i < bins; i++)
        {
            if (i == 1) continue;                                   // a bin no node reaches
            int lo = i == 0 ? 0 : random.Next(n / 2), hi = i == 0 ? n : Math.Min(n, lo + 1 + random.Next(n / 2));
            for (int j = lo; j < hi; j++)
                e[i * n + j] = random.NextDouble() < 0.1 ? 0.0 : random.NextDouble() * 1e-3;   // zeros inside the band too
        }
        return new ResponseMatrix(grid, bins, e);
    }

    private static double DenseSum(ResponseMatrix m, ReadOnlySpan<double> density, int bin)
    {
        double s = 0;
        for (int j = 0; j < m.Grid.Count; j++) s += m[bin, j] * density[j];
        return s;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(9)]
    public void BandedAndMultiRowProductsEqualTheDenseSumExactly(int rows)
    {
        var random = new Random(12345 + rows);
        var grid = RecoilGrid.LogPanels(0.001, 0.05, 12, 8);
        var m = Banded(grid, 11, random);
        int n = grid.Count, nb = m.BinCount;
        // Densities of either sign (node functions of cross terms can be negative) and spanning decades.
        var density = new double[rows * n];
        for (int k = 0; k < density.Length; k++) density[k] = (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-3, 4));

        var together = new double[rows * nb];
        m.ApplyRows(density, together, rows);
        for (int r = 0; r < rows; r++)
        {
            var single = new double[nb];
            m.Apply(density.AsSpan(r * n, n), single);
            for (int i = 0; i < nb; i++)
            {
                double dense = DenseSum(m, density.AsSpan(r * n, n), i);
                Assert.Equal(BitConverter.DoubleToInt64Bits(dense), BitConverter.DoubleToInt64Bits(single[i]));
                Assert.Equal(BitConverter.DoubleToInt64Bits(dense), BitConverter.DoubleToInt64Bits(together[r * nb + i]));
            }
        }
    }

    /// <summary>The selected-rows product (a kernel build folds only the rows whose node functions changed): every selected
    /// row is the dense sum bit for bit, in any order and grouping; the rows not selected are left as they were.</summary>
    [Fact]
    public void SelectedRowsEqualTheDenseSumAndLeaveTheOthers()
    {
        var random = new Random(777);
        var grid = RecoilGrid.LogPanels(0.001, 0.05, 12, 8);
        var m = Banded(grid, 11, random);
        int rows = 9, n = grid.Count, nb = m.BinCount;
        var density = new double[rows * n];
        for (int k = 0; k < density.Length; k++) density[k] = (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-3, 4));
        int[] selected = [8, 1, 4, 5, 7, 2];
        var counts = new double[rows * nb];
        Array.Fill(counts, -42.0);
        m.ApplyRows(density, counts, selected);
        for (int r = 0; r < rows; r++)
            for (int i = 0; i < nb; i++)
            {
                double expected = selected.Contains(r) ? DenseSum(m, density.AsSpan(r * n, n), i) : -42.0;
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(counts[r * nb + i]));
            }
    }

    [Fact]
    public void ApplyRowsRejectsMismatchedLengths()
    {
        var grid = RecoilGrid.LogPanels(0.001, 0.05, 4, 8);
        var m = new ResponseMatrix(grid, 3, new double[3 * grid.Count]);
        Assert.Throws<ArgumentException>(() => m.ApplyRows(new double[2 * grid.Count], new double[5], 2));
        Assert.Throws<ArgumentException>(() => m.ApplyRows(new double[grid.Count], new double[6], 2));
    }
}
