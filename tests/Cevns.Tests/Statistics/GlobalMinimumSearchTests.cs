using Cevns.Statistics;

namespace Cevns.Tests.Statistics;

/// <summary>
/// <see cref="GlobalMinimumSearch"/> on chi^2 functions whose minima are known by hand: the best fit must not depend on
/// the start, and minima of equal depth are all reported.
/// </summary>
public class GlobalMinimumSearchTests
{
    /// <summary>
    /// A total rate quadratic in a coupling x measured with error s: chi2 = ((x^2 - a^2)/s)^2 + ((n - 1)/0.1)^2 with a
    /// normalisation nuisance n (the rate is a^2 at x = +-a: two minima of chi2 = 0, separated by the barrier (a^2/s)^2 at x = 0).
    /// </summary>
    private static FitProblem QuadraticRate(double initial, double a = 3, double s = 2) =>
        new([new FitParameter("x", initial, -10, 10, 0.1), new FitParameter("n", 1, 0, 5, 0.1)],
            v => Math.Pow((v[1] * v[0] * v[0] - a * a) / s, 2) + Math.Pow((v[1] - 1) / 0.1, 2));

    [Theory]
    [InlineData(0.0)]     // on top of the barrier: zero gradient, a local minimiser stays
    [InlineData(2.9)]
    [InlineData(-9.5)]
    [InlineData(7.0)]
    public void TwoMinimaOfEqualDepthAreBothFoundWhateverTheStart(double initial)
    {
        var r = GlobalMinimumSearch.Find(QuadraticRate(initial), [0], new MinimiserOptions());
        Assert.True(r.Best.Converged);
        Assert.Equal(0.0, r.Best.Chi2, 1e-8);
        Assert.Equal(3.0, Math.Abs(r.Best["x"]), 1e-3);
        var other = Assert.Single(r.OthersWithin(1.0));
        Assert.Equal(-r.Best["x"], other["x"], 1e-3);
        Assert.Equal(0.0, other.Chi2, 1e-8);
    }

    /// <summary>
    /// chi2 = min(((x - 2)/0.3)^2 + 1.5, ((x + 5)/0.3)^2): a shallow minimum at 2 (chi2 1.5) and the global one at -5 (0),
    /// separated by a barrier far above both (the branches cross at x = -1.5, chi2 ~ 136).
    /// </summary>
    private static FitProblem ShallowAndDeep(double initial) =>
        new([new FitParameter("x", initial, -10, 10, 0.1)],
            v => Math.Min(Math.Pow((v[0] - 2) / 0.3, 2) + 1.5, Math.Pow((v[0] + 5) / 0.3, 2)));

    [Fact]
    public void DeepMinimumIsFoundFromAStartNearTheShallowOne()
    {
        var local = Minimiser.Minimise(ShallowAndDeep(2.2));
        Assert.Equal(2.0, local["x"], 1e-4);   // a local minimiser stays in the shallow well

        var r = GlobalMinimumSearch.Find(ShallowAndDeep(2.2), [0], new MinimiserOptions());
        Assert.Equal(-5.0, r.Best["x"], 1e-4);
        Assert.Equal(0.0, r.Best.Chi2, 1e-8);
        Assert.Equal(2, r.Minima.Count);
        Assert.Equal(2.0, r.Minima[1]["x"], 1e-4);
        Assert.Equal(1.5, r.Minima[1].Chi2, 1e-6);
        Assert.Empty(r.OthersWithin(1.0));
    }

    [Fact]
    public void PointsOfOneFlatValleyAreOneMinimum()
    {
        // chi2 = (x + y - 1)^2 / 0.01: a line of minima; local fits from different seeds stop at different points of it.
        var problem = new FitProblem([new FitParameter("x", 0, -2, 2, 0.1), new FitParameter("y", 0, -2, 2, 0.1)],
            v => Math.Pow(v[0] + v[1] - 1, 2) / 0.01);
        var r = GlobalMinimumSearch.Find(problem, [0, 1], new MinimiserOptions());
        Assert.Equal(0.0, r.Best.Chi2, 1e-8);
        Assert.Single(r.Minima);
    }

    [Fact]
    public void CovarianceIsComputedAtTheBestMinimumWhenAskedFor()
    {
        var r = GlobalMinimumSearch.Find(ShallowAndDeep(2.2), [0], new MinimiserOptions { ComputeCovariance = true });
        Assert.NotNull(r.Best.Covariance);
        Assert.Equal(0.3, r.Best.Error("x"), 1e-3);
    }

    [Fact]
    public void SeedsAreAGridInOneDimensionAndHaltonPointsInSeveral()
    {
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], GlobalMinimumSearch.Seeds(1, 5).Select(u => u[0]));
        var h = GlobalMinimumSearch.Seeds(2, 3);
        // Radical inverses of 1, 2, 3 in bases 2 and 3: (1/2, 1/3), (1/4, 2/3), (3/4, 1/9).
        Assert.Equal(0.5, h[0][0], 1e-15); Assert.Equal(1.0 / 3, h[0][1], 1e-15);
        Assert.Equal(0.25, h[1][0], 1e-15); Assert.Equal(2.0 / 3, h[1][1], 1e-15);
        Assert.Equal(0.75, h[2][0], 1e-15); Assert.Equal(1.0 / 9, h[2][1], 1e-15);
    }
}
