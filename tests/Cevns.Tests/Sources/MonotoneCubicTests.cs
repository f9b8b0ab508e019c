using Cevns.Sources.Spectra;

namespace Cevns.Tests.Sources;

/// <summary>
/// The PCHIP slopes of <see cref="MonotoneCubic"/> (MathNet.Numerics) against a hand calculation with the formulas of
/// Fritsch and Butland (interior) and Moler's pchip (ends) on x = 0, 1, 3, 4, y = 0, 1, 1.5, 3.5: secants 1, 0.25, 2,
/// widths 1, 2, 1.
/// </summary>
public class MonotoneCubicTests
{
    private static readonly double[] X = [0, 1, 3, 4], Y = [0, 1, 1.5, 3.5];

    // Interior: d_k = (w1 + w2) / (w1 / delta_{k-1} + w2 / delta_k), w1 = 2 h_k + h_{k-1}, w2 = h_k + 2 h_{k-1}.
    private const double D1 = 9.0 / 21.0;    // w1 = 5, w2 = 4: 9 / (5 / 1 + 4 / 0.25)
    private const double D2 = 9.0 / 18.5;    // w1 = 4, w2 = 5: 9 / (4 / 0.25 + 5 / 2)
    // Ends: ((2 h0 + h1) delta0 - h0 delta1) / (h0 + h1), kept since it has the sign of delta0 and the secants agree in sign.
    private const double D0 = 3.75 / 3;      // (4 * 1 - 0.25) / 3
    private const double D3 = 7.75 / 3;      // (4 * 2 - 0.25) / 3

    [Fact]
    public void NodeSlopesAndValuesMatchTheHandCalculation()
    {
        var c = new MonotoneCubic(X, Y);
        double[] expected = [D0, D1, D2, D3];
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(Y[k], c.Value(X[k]), 1e-14);
            Assert.Equal(expected[k], c.Derivative(X[k]), 1e-13);
        }
        // Hermite cubic at the middle of [1, 3]: (y1 + y2) / 2 + h (d1 - d2) / 8 with h = 2.
        Assert.Equal(1.25 + 0.25 * (D1 - D2), c.Value(2), 1e-14);
    }

    [Fact]
    public void StartSlopeReplacesOnlyTheFirstSlope()
    {
        var c = new MonotoneCubic(X, Y, startSlope: 0);
        Assert.Equal(0, c.Derivative(0), 1e-14);
        Assert.Equal(D1, c.Derivative(1), 1e-13);
        Assert.Equal(D2, c.Derivative(3), 1e-13);
        Assert.Equal(D3, c.Derivative(4), 1e-13);
        // Cell [0, 1] with slopes 0 and D1: y(1/2) = 1/2 + (0 - D1) / 8.
        Assert.Equal(0.5 - D1 / 8, c.Value(0.5), 1e-14);
    }

    [Fact]
    public void TwoNodesGiveTheStraightLineAndConstantsOutside()
    {
        var c = new MonotoneCubic([1, 3], [2, 6]);
        Assert.Equal(4, c.Value(2), 1e-14);
        Assert.Equal(2, c.Derivative(2.5), 1e-14);
        Assert.Equal(2, c.Value(0));
        Assert.Equal(6, c.Value(10));
        Assert.Equal(0, c.Derivative(10));
    }
}
