using Cevns.Datasets;

namespace Cevns.Tests.Datasets;

public class ExpMinusOneTests
{
    /// <summary>e^x - 1 from its series summed in decimal (28 significant digits), the reference for |x| &lt;= 0.1.</summary>
    private static double DecimalSeries(double x)
    {
        decimal dx = (decimal)x, term = 1m, sum = 0m;
        for (int k = 1; k <= 30; k++)
        {
            term = term * dx / k;
            sum += term;
        }
        return (double)sum;
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(-1e-12)]
    [InlineData(3e-9)]
    [InlineData(-2.5e-5)]
    [InlineData(1e-3)]
    [InlineData(-0.037)]
    [InlineData(0.0999)]
    [InlineData(-0.1)]
    public void SmallArgumentsMatchTheSeries(double x)
    {
        // The series is stopped once a term is below 2^-16 of the sum: the terms left out add up to at most
        // 2^-16 |x| / 3 (x &lt;= 0.1) of it, ~5e-7 relative; measured up to 1.3e-8 (at x = 0.0999).
        double reference = Math.Abs(x) < 1e-20 ? x : DecimalSeries(x);
        Assert.True(Math.Abs(ExpMinusOne.Of(x) - reference) <= 5e-7 * Math.Abs(reference),
            $"expm1({x}) = {ExpMinusOne.Of(x):R}, series {reference:R}");
    }

    [Fact]
    public void IsMathNetsExpm1BitForBit()
    {
        var random = new Random(7);
        for (int i = 0; i < 20000; i++)
        {
            double x = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-12, 2));
            double mathNet = MathNet.Numerics.SpecialFunctions.Expm1(x);
            Assert.True(BitConverter.DoubleToInt64Bits(ExpMinusOne.Of(x)) == BitConverter.DoubleToInt64Bits(mathNet),
                $"x = {x:R}: {ExpMinusOne.Of(x):R} vs MathNet {mathNet:R}");
        }
        Assert.Equal(Math.Exp(2.0) - 1.0, ExpMinusOne.Of(2.0));
        Assert.Equal(-1.0, ExpMinusOne.Of(-800.0));
        Assert.Equal(0.0, ExpMinusOne.Of(0.0));
        Assert.True(double.IsNaN(ExpMinusOne.Of(double.NaN)));
    }
}
