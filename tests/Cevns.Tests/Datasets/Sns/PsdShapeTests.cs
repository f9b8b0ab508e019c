using Cevns.Datasets;
using Cevns.Datasets.Sns;

namespace Cevns.Tests.Datasets.Sns;

/// <summary>
/// The PSD axis of an SNS binning (<see cref="PsdAxis"/>, layout energy-major, then PSD, then time) and a signal's PSD shape
/// from a released PDF (<see cref="PsdShape"/>), against values computed by hand on a 2 x 2 x 2 grid.
/// </summary>
public class PsdShapeTests
{
    private static readonly EnergyTimeBinning Grid = new([0, 10, 20], [0, 1, 2], "keVee", psd: new PsdAxis("F90", [0.5, 0.7, 0.9]));

    // Energy bin 0: (p0, t0) = 1, (p0, t1) = 3, (p1, t0) = 2, (p1, t1) = 4, sum 10, so F90 fractions 0.4 and 0.6 and the
    // joint shape 0.1, 0.3, 0.2, 0.4. Energy bin 1 is empty (above the end point) and takes bin 0's shape.
    private static readonly double[] Pdf = [1, 3, 2, 4, 0, 0, 0, 0];

    [Fact]
    public void BinningWithAPsdAxisStoresEnergyThenPsdThenTime()
    {
        Assert.Equal(8, Grid.Count);
        Assert.Equal(2, Grid.PsdBins);
        Assert.Equal(5, Grid.Index(1, 0, 1));
        Assert.Equal((1, 1), Grid.Split(5));
        Assert.Equal("energy 10-20 keVee x F90 0.5-0.7 x time 1-2 us", Grid.Bins[5].Label);
        double[] v = [1, 2, 3, 4, 5, 6, 7, 8];
        Assert.Equal(new[] { 10.0, 26.0 }, Grid.ProjectEnergy(v));
        Assert.Equal(new[] { 16.0, 20.0 }, Grid.ProjectTime(v));
        Assert.Equal(new[] { false, false, false, false, true, false, true, false }, Grid.Region(10, 20, 0, 1));
        Assert.Throws<InvalidOperationException>(() => Grid.Index(0, 1));
        Assert.Throws<InvalidOperationException>(() => Grid.Outer([1.0, 1.0], [1.0, 1.0]));
        Assert.Equal(new[] { "E_keVee", "F90", "t_us" }, Grid.GridColumns);
    }

    [Fact]
    public void SpreadWithTheArrivalModelIsEnergyTimesPsdFractionTimesTimeFraction()
    {
        var shape = new PsdShape(Grid, Pdf, timeFromArrivalModel: true, "test");
        Assert.Equal(new[] { 0.4, 0.6 }, shape.PsdFractions(0).Select(x => Math.Round(x, 14)));
        var into = new double[8];
        shape.AddSpread([10.0, 5.0], [0.25, 0.75], 2.0, into);
        double[] expected = [2, 6, 3, 9, 1, 3, 1.5, 4.5];
        for (int i = 0; i < 8; i++) Assert.Equal(expected[i], into[i], 12);
    }

    [Fact]
    public void SpreadWithTheReleaseTimeShapeIgnoresTheTimeFractions()
    {
        var shape = new PsdShape(Grid, Pdf, timeFromArrivalModel: false, "test");
        var into = new double[8];
        shape.AddSpread([10.0, 5.0], [0.9, 0.1], 2.0, into);
        double[] expected = [2, 6, 4, 8, 1, 3, 2, 4];
        for (int i = 0; i < 8; i++) Assert.Equal(expected[i], into[i], 12);
    }

    /// <summary>The weighted sums are the derivatives of sum_b w_b spread_b in N_e and (time model) in a time shift.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WeightedSumsAreTheDerivativesOfTheWeightedSpread(bool timeModel)
    {
        var shape = new PsdShape(Grid, Pdf, timeModel, "test");
        double[] w = [0.3, -1.2, 0.7, 2.0, -0.4, 1.1, 0.5, -0.9];
        double[] energy = [10, 5], time = [0.25, 0.75], slope = [-0.5, 0.5];
        double Weighted(double[] e, double[] t)
        {
            var into = new double[8];
            shape.AddSpread(e, t, 1.0, into);
            return into.Select((x, i) => x * w[i]).Sum();
        }
        var byTime = new double[2];
        var bySlope = new double[2];
        shape.WeightedSums(w, time, slope, true, byTime, bySlope);
        Assert.Equal(Weighted(energy, time), energy[0] * byTime[0] + energy[1] * byTime[1], 12);
        Assert.Equal(Weighted([1, 0], time), byTime[0], 12);
        double h = 1e-3;
        double numeric = (Weighted(energy, [time[0] + h * slope[0], time[1] + h * slope[1]]) - Weighted(energy, [time[0] - h * slope[0], time[1] - h * slope[1]])) / (2 * h);
        Assert.Equal(numeric, energy[0] * bySlope[0] + energy[1] * bySlope[1], 10);
        if (!timeModel) Assert.Equal(new[] { 0.0, 0.0 }, bySlope);
    }

    [Fact]
    public void AnEmptyFirstEnergyBinIsAnError()
    {
        var e = Assert.Throws<DatasetException>(() => new PsdShape(Grid, [0, 0, 0, 0, 1, 1, 1, 1], true, "cevns PDF x.txt"));
        Assert.Contains("cevns PDF x.txt", e.Message);
    }
}
