using Cevns.Detectors;

namespace Cevns.Tests.Detectors;

public class EfficiencyTests
{
    [Fact]
    public void CsI2021LogisticAtKnownPoints()
    {
        var rows = SnsResponses.CsI2021EfficiencyRows(DetectorTestData.Root);
        Assert.Equal(["nominal", "syst+1sigma", "syst-1sigma"], rows.Select(r => r.Key));
        var nominal = rows[0];
        // At x = c the logistic is a/2 + d = 0.660225 - 0.333322 = 0.326903.
        Assert.Equal(0.326903, nominal.Value(10.8646), 6);
        // x = 20 PE: 1.32045 / (1 + exp(-0.285979 (20 - 10.8646))) - 0.333322 = 0.89689348 (by hand / Python math).
        Assert.Equal(0.89689348, nominal.Value(20), 8);
        // Below ~4.3 PE the formula is negative and the efficiency is clipped to 0; the plateau is a + d = 0.987128.
        Assert.Equal(0, nominal.Value(0));
        Assert.Equal(0, nominal.Value(4));
        Assert.Equal(0.987128, nominal.Value(1000), 6);
        var kinks = new List<double>();
        nominal.AddBreakpoints(0, 60, kinks);
        double zero = Assert.Single(kinks);
        Assert.Equal(0, nominal.A / (1 + Math.Exp(-nominal.B * (zero - nominal.C))) + nominal.D, 12);
    }

    [Fact]
    public void CsI2021SecondSystematicRowIsTheMirrorOfTheFirst()
    {
        // Both systematic rows are labelled "+1 sigma" in the file; the second equals nominal - (first - nominal) to the
        // quoted digits, which is why it is named syst-1sigma (csi-2021/SOURCE.md).
        var r = SnsResponses.CsI2021EfficiencyRows(DetectorTestData.Root);
        Assert.Equal(r[0].A - (r[1].A - r[0].A), r[2].A, 4);
        Assert.Equal(r[0].B - (r[1].B - r[0].B), r[2].B, 5);
        Assert.Equal(r[0].C - (r[1].C - r[0].C), r[2].C, 3);
        Assert.Equal(r[0].D - (r[1].D - r[0].D), r[2].D, 4);
    }

    [Fact]
    public void CsI2017StepAndBinCentreRule()
    {
        // The CsI 2017 release's acceptance (coherent_parameters.yaml; coherent-csi-2017.yaml detector.efficiency).
        var e = new BinCentreLogisticEfficiency(0.6655, 0.4942, 10.8507, zeroBelowPE: 5, halfBelowPE: 6);
        // 1-PE bins take the value at their centre; [5, 6) has H = 1/2:
        // 0.6655 / (1 + exp(-0.4942 (5.5 - 10.8507))) / 2 = 0.02207470 (by hand / Python math).
        Assert.Equal(0.02207470, e.Value(5.0), 8);
        Assert.Equal(0.02207470, e.Value(5.99), 8);
        Assert.Equal(0, e.Value(4.99));
        // [20, 21): 0.6655 / (1 + exp(-0.4942 (20.5 - 10.8507))) = 0.65989646.
        Assert.Equal(0.65989646, e.Value(20.2), 8);
        Assert.Equal(0.6655, e.Value(200), 10);
        Assert.Equal(0, e.Step(4.999));
        Assert.Equal(0.5, e.Step(5));
        Assert.Equal(1, e.Step(6));
    }

    [Fact]
    public void Cenns10TableValuesAndExtrapolation()
    {
        var e = SnsResponses.ArgonEfficiency(DetectorTestData.Root);
        Assert.Equal(ReconstructedScale.KeVee, e.Scale);
        Assert.Equal(80, e.Nodes.Count);
        // File rows: 0.25 -> 0, 2.25 -> 0.29056, 2.75 -> 0.381377, 39.75 -> 0.96345 ("use the last value above 40 keVee").
        Assert.Equal(0, e.Value(0.25));
        Assert.Equal(0.29056, e.Value(2.25), 12);
        Assert.Equal(0.5 * (0.29056 + 0.381377), e.Value(2.5), 12);
        Assert.Equal(0.96345, e.Value(39.75), 12);
        Assert.Equal(0.96345, e.Value(100), 12);
        Assert.Equal(0, e.Value(0.1));
    }

    /// <summary>A Ge-Mini detector's timing-efficiency file as the dataset definition names it (coherent-ge-2024.yaml files).</summary>
    internal static string GeMiniTimingFile(string detector) =>
        Cevns.Datasets.DatasetRegistry.Find("coherent-ge-2024").Files["timing_eff_" + detector.ToLowerInvariant()];

    [Theory]
    [InlineData("Ge21")]
    [InlineData("Ge23")]
    [InlineData("Ge25")]
    [InlineData("Ge26")]
    [InlineData("Ge28")]
    public void GeMiniTimingEfficienciesInterpolateAndStayConstantBeyond(string detector)
    {
        var e = TabulatedEfficiency.ReadTwoColumnKeVee(DetectorTestData.PathOf(GeMiniTimingFile(detector)));
        Assert.Equal(101, e.Nodes.Count);
        Assert.InRange(e.Nodes[^1], 4.0, 4.3);
        Assert.Equal(e.Values[^1], e.Value(20), 15);
        Assert.InRange(e.Value(20), 0.99, 1.0);
        double mid = 0.5 * (e.Nodes[10] + e.Nodes[11]);
        Assert.Equal(0.5 * (e.Values[10] + e.Values[11]), e.Value(mid), 12);
    }

    [Fact]
    public void GeMiniTimingEfficiencyKnownValues()
    {
        // eff_Ge28.txt rows 1-3: (0, 0.05805199520169694), (0.0415, 0.14445613637492694), (0.083, 0.23389852929101604).
        var e = TabulatedEfficiency.ReadTwoColumnKeVee(DetectorTestData.PathOf(GeMiniTimingFile("Ge28")));
        Assert.Equal(0.05805199520169694, e.Value(0), 15);
        Assert.Equal(0.14445613637492694, e.Value(0.0415), 15);
        Assert.Equal(0.5 * (0.14445613637492694 + 0.23389852929101604), e.Value(0.06225), 12);
    }

    [Fact]
    public void ExponentialTimingEfficiencyWithTheCsI2021Parameters()
    {
        var t = new ExponentialTimingEfficiency(0.52, 0.0494);
        Assert.Equal(1, t.Value(0.3));
        Assert.Equal(1, t.Value(0.5199));
        Assert.Equal(Math.Exp(-0.0494), t.Value(1.52), 15);
        // Bin averages by hand: [0, 0.52) -> 1; [0.52, 1.52) -> (1 - e^-0.0494)/0.0494 = 0.97570175;
        // [0.3, 1.3) -> 0.22 + (1 - e^(-0.0494 * 0.78))/0.0494 = 0.98516369.
        Assert.Equal(1, t.BinAverage(0, 0.52), 15);
        Assert.Equal(0.97570175, t.BinAverage(0.52, 1.52), 8);
        Assert.Equal(0.98516369, t.BinAverage(0.3, 1.3), 8);
        var averages = t.BinAverages([0, 1, 2, 6]);
        Assert.Equal(3, averages.Length);
        // Simpson check of the last bin [2, 6) us.
        double s = 0; int n = 1000; double h = 4.0 / n;
        for (int i = 0; i <= n; i++) s += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * t.Value(2 + i * h);
        Assert.Equal(s * h / 3 / 4, averages[2], 12);
        Assert.Throws<ArgumentException>(() => t.BinAverage(2, 1));
    }
}
