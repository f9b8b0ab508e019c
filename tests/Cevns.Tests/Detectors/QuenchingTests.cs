using Cevns.Detectors;

namespace Cevns.Tests.Detectors;

public class QuenchingTests
{
    [Theory]
    // Expected f from tests/Cevns.Tests/Reference/lindhard_quenching.py (stdlib Python, same formula written independently).
    [InlineData(32, 0.157, 0.1, 0.125862642818644)]
    [InlineData(32, 0.157, 1.0, 0.170990870922534)]
    [InlineData(32, 0.157, 4.5, 0.209343447838888)]
    [InlineData(32, 0.157, 10.0, 0.234107228161935)]
    [InlineData(32, 0.162, 0.5, 0.160126309904125)]
    [InlineData(32, 0.162, 2.0, 0.192386209756057)]
    [InlineData(18, 0.144, 20.0, 0.30564299108498)]
    [InlineData(55, 0.160, 15.0, 0.210766826236913)]
    public void LindhardMatchesReferenceScript(int z, double k, double recoilKeV, double expected)
    {
        var q = new LindhardQuenching(k, z);
        Assert.Equal(expected, q.Factor(recoilKeV * 1e-3), 13);
        Assert.Equal(expected * recoilKeV * 1e-3, q.ElectronEquivalentMeV(recoilKeV * 1e-3), 15);
    }

    [Fact]
    public void LindhardHandValueForGermaniumAtOneKeV()
    {
        // By hand: eps = 11.5 / 32^(7/3) = 11.5 / 3250.997 = 0.0035374; eps^0.15 = 0.42885, eps^0.6 = 0.033823;
        // g = 3(0.42885) + 0.7(0.033823) + 0.0035374 = 1.31375; k g = 0.206259 (k = 0.157); f = 0.206259/1.206259 = 0.17099.
        var q = LindhardQuenching.Germanium(0.157);
        Assert.Equal(0.0035374, q.ReducedEnergy(1e-3), 7);
        Assert.Equal(0.17099, q.Factor(1e-3), 5);
        Assert.Equal(0, q.Factor(0));
    }

    [Theory]
    [InlineData(1e-5)]
    [InlineData(3e-4)]
    [InlineData(0.02)]
    public void LindhardInverseRoundTrips(double recoilMeV)
    {
        var q = LindhardQuenching.Germanium();
        Assert.Equal(recoilMeV, q.RecoilMeV(q.ElectronEquivalentMeV(recoilMeV)), recoilMeV * 1e-12);
    }

    [Fact]
    public void LindhardRejectsBadParameters()
    {
        Assert.Contains("k", Assert.Throws<ArgumentOutOfRangeException>(() => new LindhardQuenching(-0.1, 32)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LindhardQuenching(0.16, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LindhardQuenching.Germanium().Factor(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => LindhardQuenching.Germanium().Factor(-1e-3));
    }

    [Fact]
    public void GermaniumFefAndYBeMatchSourceSanityNumbers()
    {
        // reactor/quenching/SOURCE.md: QF(Fef) = 0.436 at 0, 0.244 at 1 keVnr, minimum ~0.18 near 1.5 keVnr, 0.209 at 4.5 keVnr.
        var fef = GermaniumReactorResponse.Quenching(GermaniumQuenchingModel.Fef);
        Assert.Equal(0.436, fef.Factor(0), 3);
        Assert.Equal(0.244, fef.Factor(1e-3), 3);
        Assert.Equal(0.209, fef.Factor(4.5e-3), 3);
        double min = double.MaxValue, at = 0;
        for (int i = 0; i <= 4500; i++)
        {
            double f = fef.Factor(i * 1e-6);
            if (f < min) { min = f; at = i * 1e-3; }
        }
        Assert.Equal(0.18, min, 2);
        Assert.InRange(at, 1.3, 1.6);
        // Interpolation between the file rows 0.99 (0.24595) and 1.00 (0.24403) keVnr.
        Assert.Equal(0.5 * (0.24595 + 0.24403), fef.Factor(0.995e-3), 12);

        // YBe first and last rows of the file: 0.37738 at 0, 0.21862 at 4.5 keVnr.
        var ybe = GermaniumReactorResponse.Quenching(GermaniumQuenchingModel.YBe);
        Assert.Equal(0.37738, ybe.Factor(0), 12);
        Assert.Equal(0.21862, ybe.Factor(4.5e-3), 12);
    }

    [Fact]
    public void GermaniumTableIsHeldConstantBeyondItsLastNode()
    {
        var fef = GermaniumReactorResponse.Quenching(GermaniumQuenchingModel.Fef);
        Assert.Equal(4.5e-3, fef.MaxRecoilMeV, 15);
        Assert.Equal(fef.Factor(4.5e-3), fef.Factor(8e-3));
        // The last Fef value coincides with Lindhard k = 0.157 (0.209343 from lindhard_quenching.py) to 0.05 %.
        Assert.Equal(0.209343447838888, fef.Factor(4.5e-3), 3);
    }

    [Fact]
    public void FefInverseReturnsTheFirstCrossing()
    {
        var fef = GermaniumReactorResponse.Quenching(GermaniumQuenchingModel.Fef);
        // E_ee = T QF(T) decreases between ~1.14 and ~1.39 keVnr (e.g. 1.15 keVnr -> 0.24750 keVee, 1.30 -> 0.24233 keVee),
        // so 0.245 keVee is reached first below 1.14 keVnr, and again near 1.25 and above 1.39 keVnr.
        double t = fef.RecoilMeV(0.245e-3);
        Assert.InRange(t, 0.9e-3, 1.14e-3);
        Assert.Equal(0.245e-3, fef.ElectronEquivalentMeV(t), 15);
        for (double s = 0; s < t; s += t / 500)
            Assert.True(fef.ElectronEquivalentMeV(s) < 0.245e-3);
        foreach (double tr in new[] { 0.05e-3, 0.5e-3, 2e-3, 4e-3, 6e-3 })
            Assert.Equal(tr, fef.RecoilMeV(fef.ElectronEquivalentMeV(tr)), 1e-15);
    }

    [Fact]
    public void CsIQuarticMatchesHandComputation()
    {
        var variants = SnsResponses.CsI2021QuenchingRows(DetectorTestData.Root);
        Assert.Equal(["nominal", "model0+1sigma", "model0-1sigma", "model1+1sigma", "model1-1sigma"], variants.Select(v => v.Key));
        var nominal = CsIQuarticQuenching.Select(variants, "nominal");
        // By hand, T = 0.01 MeV: 0.0554628(0.01) + 4.30681(1e-4) - 111.707(1e-6) + 840.384(1e-8)
        //   = 5.54628e-4 + 4.30681e-4 - 1.11707e-4 + 8.40384e-6 = 8.82006e-4 MeVee (QF 0.0882).
        Assert.Equal(8.8200584e-4, nominal.ElectronEquivalentMeV(0.01), 12);
        // T = 0.03 MeV: 1.663884e-3 + 3.876129e-3 - 3.016089e-3 + 6.80711e-4 = 3.204635e-3 MeVee.
        Assert.Equal(3.2046350e-3, nominal.ElectronEquivalentMeV(0.03), 9);
        // Model 1, -1 sigma at T = 0.02 MeV: 0.0555126(0.02) + 4.67765(4e-4) - 130.309(8e-6) + 1050.68(1.6e-7)
        //   = 1.110252e-3 + 1.87106e-3 - 1.042472e-3 + 1.681088e-4 = 2.1069488e-3 MeVee.
        Assert.Equal(2.1069488e-3, CsIQuarticQuenching.Select(variants, "model1-1sigma").ElectronEquivalentMeV(0.02), 10);
        Assert.Equal("Syst model 0, +1 sigma", variants[1].Label);
        Assert.Equal(0.02, nominal.RecoilMeV(nominal.ElectronEquivalentMeV(0.02)), 1e-15);
        Assert.Throws<ArgumentException>(() => CsIQuarticQuenching.Select(variants, "model2+1sigma"));
    }

    [Fact]
    public void ConstantAndArgonQuenching()
    {
        var csi = SnsResponses.CsI2017Quenching();
        Assert.Equal(0.0878 * 0.02, csi.ElectronEquivalentMeV(0.02), 15);
        Assert.Equal(0.02, csi.RecoilMeV(0.0878 * 0.02), 15);
        Assert.Equal(0.0878 + 0.0166, SnsResponses.CsI2017Quenching(1).Factor, 15);

        // By hand, T = 20 keVnr: f = 0.246 + 0.00078(20) = 0.2616, E_ee = 5.232 keVee.
        var ar = SnsResponses.ArgonQuenching();
        Assert.Equal(0.2616, ar.Factor(0.02), 12);
        Assert.Equal(5.232e-3, ar.ElectronEquivalentMeV(0.02), 15);
        Assert.Equal(0.02, ar.RecoilMeV(5.232e-3), 14);
        // Variants: a + 1 sigma = 0.252; b - 1 sigma = 0.00069 -> f(20 keVnr) = 0.246 + 0.0138 = 0.2598.
        Assert.Equal(0.2676, SnsResponses.ArgonQuenching(aSigmas: 1).Factor(0.02), 12);
        Assert.Equal(0.2598, SnsResponses.ArgonQuenching(bSigmas: -1).Factor(0.02), 12);
    }

    [Fact]
    public void DefinitionFactsAgreeWithTheReleaseYamlFiles()
    {
        // The release numbers live only in the dataset definitions; here they are checked against the release files.
        var csi = ReleaseYaml.Load(DetectorTestData.PathOf("coherent/csi-2017/coherent_parameters.yaml"));
        var csiDetector = Cevns.Datasets.DatasetRegistry.Find("coherent-csi-2017").Facts.Section("detector");
        Assert.Equal(csiDetector.Section("quenching").Number("factor"), ReleaseYaml.Number(csi, "csiQF", "value"));
        Assert.Equal(csiDetector.Section("quenching").Number("factor_error"), ReleaseYaml.Number(csi, "csiQF", "uncertainty"));
        Assert.Equal(csiDetector.Section("resolution").Number("light_yield_pe_per_kevee"), ReleaseYaml.Number(csi, "csiLightYield", "value"));
        // The acceptance lives only in the dataset definition (coherent-csi-2017.yaml, detector.efficiency).
        var acceptance = Cevns.Datasets.DatasetRegistry.Find("coherent-csi-2017").Facts.Section("detector").Section("efficiency");
        foreach (var (ours, theirs) in new[] { ("a", "a"), ("k", "k"), ("x0", "x_0") })
        {
            Assert.Equal(acceptance.Number(ours), ReleaseYaml.Parameter(csi, "acceptanceEfficiency", theirs, "value"));
            Assert.Equal(acceptance.Number(ours + "_error_hi"), ReleaseYaml.Parameter(csi, "acceptanceEfficiency", theirs, "error_hi"));
            Assert.Equal(acceptance.Number(ours + "_error_lo"), ReleaseYaml.Parameter(csi, "acceptanceEfficiency", theirs, "error_lo"));
        }

        var ar = ReleaseYaml.Load(DetectorTestData.PathOf("coherent/cenns10-2020/LArParametersAnlA.yaml"));
        var arDetector = Cevns.Datasets.DatasetRegistry.Find("coherent-ar-2020").Facts.Section("detector");
        var qf = arDetector.Section("quenching");
        Assert.Equal(qf.Number("a"), ReleaseYaml.Parameter(ar, "larQF", "a", "value"));
        Assert.Equal(qf.Number("a_error"), ReleaseYaml.Parameter(ar, "larQF", "a", "uncertainty"));
        Assert.Equal(qf.Number("b_per_kev"), ReleaseYaml.Parameter(ar, "larQF", "b", "value"));
        Assert.Equal(qf.Number("b_per_kev_error"), ReleaseYaml.Parameter(ar, "larQF", "b", "uncertainty"));
        Assert.Equal(arDetector.Section("resolution").Number("a_sqrt_kev"), ReleaseYaml.Parameter(ar, "energyResolution", "a", "value"));
    }
}
