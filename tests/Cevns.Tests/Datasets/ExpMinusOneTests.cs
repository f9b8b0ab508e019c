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
    [InlineData(0.3)]
    [InlineData(-0.49)]
    public void MatchesTheSeriesToTheLastDigits(double x)
    {
        // The decimal reference carries x to 15 significant digits (the double -> decimal conversion): 2e-15 relative.
        double reference = Math.Abs(x) < 1e-20 ? x : DecimalSeries(x);
        Assert.True(Math.Abs(ExpMinusOne.Of(x) - reference) <= 2e-15 * Math.Abs(reference),
            $"expm1({x}) = {ExpMinusOne.Of(x):R}, series {reference:R}");
    }

    /// <summary>Python's math.expm1 (C library expm1, correctly rounded or within an ulp) at a few points, printed with repr.</summary>
    [Theory]
    [InlineData(0.0999, 0.10506040650951046)]
    [InlineData(-0.25, -0.22119921692859512)]
    [InlineData(1e-7, 1.0000000500000016e-07)]
    [InlineData(2.0, 6.38905609893065)]
    public void AgreesWithTheCLibrary(double x, double expected) =>
        Assert.True(Math.Abs(ExpMinusOne.Of(x) - expected) <= 4e-16 * Math.Abs(expected), $"expm1({x}) = {ExpMinusOne.Of(x):R}, libm {expected:R}");

    [Fact]
    public void EdgeCases()
    {
        Assert.Equal(-1.0, ExpMinusOne.Of(-800.0));
        Assert.Equal(0.0, ExpMinusOne.Of(0.0));
        Assert.Equal(1e-300, ExpMinusOne.Of(1e-300));
        Assert.True(double.IsNaN(ExpMinusOne.Of(double.NaN)));
        Assert.Equal(double.PositiveInfinity, ExpMinusOne.Of(1000.0));
    }
}
