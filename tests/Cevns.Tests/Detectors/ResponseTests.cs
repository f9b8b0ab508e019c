using System.Diagnostics;
using Cevns.Detectors;
using Xunit.Abstractions;

namespace Cevns.Tests.Detectors;

public class ResponseTests(ITestOutputHelper output)
{
    private static string Data => DetectorTestData.Root;

    private static double[] RowSums(ResponseMatrix m)
    {
        var sums = new double[m.BinCount];
        for (int i = 0; i < m.BinCount; i++)
            for (int j = 0; j < m.Grid.Count; j++)
                sums[i] += m[i, j];
        return sums;
    }

    private void AssertClose(double[] expected, double[] actual, double relative, double absolute)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worstRelative = 0, worstAbsolute = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            worstAbsolute = Math.Max(worstAbsolute, Math.Abs(expected[i] - actual[i]));
            if (Math.Abs(expected[i]) > 1e-12)
                worstRelative = Math.Max(worstRelative, Math.Abs(expected[i] - actual[i]) / Math.Abs(expected[i]));
        }
        output.WriteLine($"largest deviation: {worstRelative:E2} relative (bins above 1e-12), {worstAbsolute:E2} absolute");
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * Math.Abs(expected[i]) + absolute,
                $"bin {i}: expected {expected[i]:E10}, got {actual[i]:E10}");
    }

    private static DetectorResponse CsI2021() => new(
        CsIQuarticQuenching.Select(SnsResponses.CsI2021QuenchingRows(Data), "nominal"),
        SnsResponses.CsI2021Resolution(),
        SnsResponses.CsI2021EfficiencyRows(Data)[0]);

    private static DetectorResponse Cenns10() => new(
        SnsResponses.ArgonQuenching(), SnsResponses.ArgonResolution(), SnsResponses.ArgonEfficiency(Data));

    private static DetectorResponse DresdenII() => new(
        GermaniumReactorResponse.Quenching(GermaniumQuenchingModel.Fef), GermaniumReactorResponse.DresdenIIResolution());

    private static DetectorResponse CsI2017() => new(
        SnsResponses.CsI2017Quenching(), SnsResponses.CsI2017Resolution(), new BinCentreLogisticEfficiency(0.6655, 0.4942, 10.8507, 5, 6));

    private static double[] Range(double start, double step, int count) =>
        Enumerable.Range(0, count).Select(i => start + step * i).ToArray();

    // Expected row integrals int dT P(bin | T): tests/Cevns.Tests/Reference/detector_response.py (brute-force Simpson
    // integration over T and over the reconstructed variable; converged to ~5e-6 relative, see the script).
    [Fact]
    public void CsI2021RowSumsMatchDirectIntegration()
    {
        double[] expected = [0, 2.437364856999e-04, 1.563805960140e-03, 2.552420978035e-03, 6.038313384372e-03, 6.631143830220e-03, 9.976917600357e-03];
        var m = CsI2021().BuildMatrix(RecoilGrid.LogPanels(0.002, 0.040, 40), [0, 5, 10, 15, 20, 30, 40, 60]);
        AssertClose(expected, RowSums(m), 2e-5, 1e-12);
    }

    [Fact]
    public void Cenns10RowSumsMatchDirectIntegration()
    {
        double[] expected = [1.908484814824e-02, 2.867827583687e-02, 2.564400133147e-02, 2.064227096053e-02, 4.043401342635e-03, 1.466801266083e-05, 1.193858321066e-10, 1.036371749694e-18, 0, 0, 0, 0];
        var m = Cenns10().BuildMatrix(RecoilGrid.LogPanels(0.005, 0.120, 40), Range(0, 10, 13));
        AssertClose(expected, RowSums(m), 1e-5, 1e-15);
    }

    [Fact]
    public void DresdenIIRowSumsMatchDirectIntegration()
    {
        double[] expected = [6.855263350387e-05, 7.135807435965e-05, 7.352082077270e-05, 7.497545246161e-05, 7.569043620891e-05, 7.567191234329e-05, 7.496385849996e-05, 7.364453901573e-05, 7.181967791133e-05, 6.961324527325e-05, 6.715704173108e-05, 6.458035827405e-05, 6.200087544664e-05, 5.951768347573e-05, 5.720691849542e-05, 5.512009758462e-05, 5.328486971223e-05, 5.170763481112e-05, 5.037734618426e-05, 4.926980183698e-05];
        // The Fef table has kinks every 0.01 keVnr, so the T quadrature needs more panels than for a smooth quenching curve.
        var m = DresdenII().BuildMatrix(RecoilGrid.LogPanels(0.0002, 0.003, 200), Range(0.2, 0.01, 21));
        AssertClose(expected, RowSums(m), 1e-5, 0);
    }

    [Fact]
    public void CsI2017RowSumsMatchDirectIntegration()
    {
        double[] expected = [0, 0, 1.611421629032e-05, 1.438415202933e-04, 3.258529435288e-04, 5.881057038061e-04, 8.407174820696e-04, 1.003543065580e-03, 1.082435356744e-03, 1.115244264026e-03, 1.127986801219e-03, 1.132755593236e-03, 1.134340172147e-03, 1.134277464331e-03, 1.132424799108e-03, 1.127281822933e-03, 1.115853149126e-03, 1.093624337672e-03, 1.055121169500e-03, 9.952682114102e-04, 9.112874541457e-04, 8.043952291739e-04, 6.804197422061e-04, 5.488593055099e-04, 4.206437172532e-04];
        var m = CsI2017().BuildMatrix(RecoilGrid.LogPanels(0.003, 0.040, 40), Range(0, 2, 26));
        AssertClose(expected, RowSums(m), 1e-8, 1e-15);
    }

    [Fact]
    public void GammaBinsWithEfficiencyMatchDirectIntegration()
    {
        // detector_response.py, section gamma_bins "eff": Simpson integration of eff(x) times the gamma density.
        double[] edges = [0, 2, 4, 6, 8, 10, 14, 20, 30, 45, 60];
        var expected = new Dictionary<double, double[]>
        {
            [0.3] = [0, 0, 0, 1.150619021755e-03, 4.606797005221e-03, 3.818673368055e-03, 3.903844368258e-04, 4.177941206872e-06, 8.684886610896e-10, 1.378409385790e-15],
            [1.0] = [0, 0, 0, 1.405415477786e-03, 2.256622130392e-02, 1.671850404852e-01, 2.484533669401e-01, 6.066820553707e-02, 8.458685903909e-04, 2.413098141324e-07],
            [2.5] = [0, 0, 0, 2.628676474513e-10, 7.641838269450e-08, 5.359170503571e-05, 9.363806145257e-03, 3.031903198844e-01, 6.153651601286e-01, 4.994813504499e-02],
        };
        var response = CsI2021();
        foreach (var (keVee, probs) in expected)
        {
            var p = response.BinProbabilitiesForElectronEquivalent(keVee * 1e-3, edges);
            // Quadratic-efficiency integration error bound |e'''| h^3 / 120 ~ 2e-5; observed far smaller.
            AssertClose(probs, p, 0, 2e-6);
        }
    }

    [Theory]
    [InlineData("csi2021")]
    [InlineData("cenns10")]
    [InlineData("dresden")]
    [InlineData("csi2017")]
    public void WithoutEfficiencyBinsCoveringEverythingSumToOne(string name)
    {
        // Bins spanning the whole reconstructed range (wide outer bins) must take all the probability.
        var (response, edges, recoilMeV) = name switch
        {
            "csi2021" => (new DetectorResponse(CsI2021().Quenching, SnsResponses.CsI2021Resolution()), new double[] { 0, 3, 7, 12, 20, 40, 1e4 }, 0.015),
            "cenns10" => (new DetectorResponse(SnsResponses.ArgonQuenching(), SnsResponses.ArgonResolution()), new double[] { -1e4, 0, 10, 20, 1e4 }, 0.04),
            "dresden" => (DresdenII(), new double[] { -1e3, 0.1, 0.2, 0.25, 0.3, 1e3 }, 0.0012),
            _ => (new DetectorResponse(SnsResponses.CsI2017Quenching(), SnsResponses.CsI2017Resolution()), new double[] { 0, 2, 10, 30, 2000 }, 0.02),
        };
        Assert.Equal(1, response.BinProbabilities(recoilMeV, edges).Sum(), 12);
    }

    [Fact]
    public void RefinementDoublingChangesLessThanOneInTenThousand()
    {
        // Internal integration convergence: doubling the sub-intervals per efficiency variation scale.
        var response = CsI2021();
        double[] edges = Range(0, 1, 61);
        foreach (double t in new[] { 0.004, 0.01, 0.02, 0.035 })
        {
            var coarse = response.BinProbabilities(t, edges);
            var fine = response.BinProbabilities(t, edges, 2 * DetectorResponse.DefaultRefinement);
            for (int i = 0; i < coarse.Length; i++)
                Assert.True(Math.Abs(coarse[i] - fine[i]) < 1e-5, $"T = {t}, bin {i}: {coarse[i]} vs {fine[i]}");
        }
    }

    [Fact]
    public void GridDoublingChangesRowSumsLessThanOneInTenThousand()
    {
        var response = CsI2021();
        double[] edges = Range(0, 2, 31);
        var coarse = RowSums(response.BuildMatrix(RecoilGrid.LogPanels(0.002, 0.045, 20), edges));
        var fine = RowSums(response.BuildMatrix(RecoilGrid.LogPanels(0.002, 0.045, 40), edges));
        AssertClose(fine, coarse, 1e-4, 1e-12);
    }

    [Fact]
    public void MatrixElementsAreWeightTimesProbabilityAndApplyMultiplies()
    {
        var response = Cenns10();
        var grid = RecoilGrid.LogPanels(0.005, 0.1, 5);
        double[] edges = Range(0, 10, 13);
        var m = response.BuildMatrix(grid, edges);
        int j = 17;
        var p = response.BinProbabilities(grid.NodesMeV[j], edges);
        for (int i = 0; i < p.Length; i++)
            Assert.Equal(grid.Weights[j] * p[i], m[i, j], 15);
        // A flat spectrum dN/dT = 1 gives the row sums.
        var counts = new double[m.BinCount];
        m.Apply(Enumerable.Repeat(1.0, grid.Count).ToArray(), counts);
        AssertClose(RowSums(m), counts, 1e-14, 0);
    }

    [Fact]
    public void BuildIsFast()
    {
        // ~300 nodes x 60 bins for the most expensive case (incomplete gamma + efficiency sub-intervals); reported, not
        // asserted tightly (shared machine), but a build slower than 2 s would signal a regression.
        var response = CsI2021();
        var grid = RecoilGrid.LogPanels(0.001, 0.05, 38, 8);
        double[] edges = Range(0, 1, 61);
        for (int w = 0; w < 5; w++)
            response.BuildMatrix(grid, edges); // let the JIT reach its optimised tier
        var sw = Stopwatch.StartNew();
        const int repeats = 10;
        for (int r = 0; r < repeats; r++)
            response.BuildMatrix(grid, edges);
        double ms = sw.Elapsed.TotalMilliseconds / repeats;
        output.WriteLine($"CsI 2021 response {grid.Count} nodes x 60 bins: {ms:F2} ms per build");
        var sw2 = Stopwatch.StartNew();
        var ge = DresdenII();
        var geGrid = RecoilGrid.LogPanels(0.0002, 0.003, 38, 8);
        for (int r = 0; r < repeats; r++)
            ge.BuildMatrix(geGrid, Range(0.2, 0.01, 61));
        output.WriteLine($"Dresden-II response {geGrid.Count} nodes x 60 bins: {sw2.Elapsed.TotalMilliseconds / repeats:F2} ms per build");
        Assert.True(ms < 2000, $"build took {ms} ms");
    }

    [Fact]
    public void InvalidInputsAreRejected()
    {
        var response = Cenns10();
        var grid = RecoilGrid.LogPanels(0.005, 0.1, 2);
        Assert.Contains("increase", Assert.Throws<ArgumentException>(() => response.BuildMatrix(grid, [0, 10, 10])).Message);
        Assert.Throws<ArgumentException>(() => response.BuildMatrix(grid, [0]));
        Assert.Throws<ArgumentException>(() => response.BuildMatrix(grid, [0, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => response.BuildMatrix(grid, [0, 10], 0));
        // Efficiency in PE with a keVee resolution.
        var e = Assert.Throws<ArgumentException>(() => new DetectorResponse(SnsResponses.ArgonQuenching(),
            SnsResponses.ArgonResolution(), new BinCentreLogisticEfficiency(0.6655, 0.4942, 10.8507, 5, 6)));
        Assert.Contains("Photoelectrons", e.Message);
    }
}
