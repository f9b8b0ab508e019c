using Cevns.Data;
using Cevns.Datasets.Kinds;
using Cevns.Datasets;
using Cevns.Physics.Electroweak;
using Cevns.Physics.Nuclei;
using Cevns.Physics;
using Cevns.Tests.Datasets.Reactor;

namespace Cevns.Tests.Datasets.External;

public class ExternalMeasurementDatasetTests
{
    private static readonly string[] Ids = ["apv-cs-1997", "prex-ii-2021", "crex-2022", "qweak-2018", "texono-nue-2010", "cs-neutron-radius-2024", "lsnd-nue-e-2001", "apv-pb-208", "apv-cs-2021"];

    private static ExternalMeasurementDataset Load(string id) => (ExternalMeasurementDataset)DatasetRegistry.Load(id, ReactorTestData.Root);

    /// <summary>The published inputs as written in the definitions (values read from the sources named there).</summary>
    [Theory]
    [InlineData("prex-ii-2021", 0.368, 0.013)]
    [InlineData("crex-2022", 0.1304, 0.0056)]
    [InlineData("qweak-2018", 0.0719, 0.0045)]
    [InlineData("texono-nue-2010", 0.251, 0.039)]
    [InlineData("cs-neutron-radius-2024", 4.86, 0.21)]
    [InlineData("lsnd-nue-e-2001", 10.1, 1.49)]
    [InlineData("apv-pb-208", -117.0, 5.0)]
    [InlineData("apv-cs-2021", -73.71, 0.347)]
    public void PublishedValuesAndErrors(string id, double value, double error)
    {
        var d = Load(id);
        Assert.Equal(value, d.Value, 12);
        Assert.Equal(error, d.Error, 12);
    }

    /// <summary>APV: Q_W = -72.764 (hand calculation in AtomicParityViolationTests), error 0.640 % of it.</summary>
    [Fact]
    public void ApvWeakChargeIsBuiltFromItsInputs()
    {
        var d = Load("apv-cs-1997");
        Assert.Equal(-72.764, d.Value, 3);
        Assert.Equal(0.466, d.Error, 3);
    }

    /// <summary>
    /// APV(Cs) with the Sahoo-Das-Spiesberger atomic theory (arXiv:2101.10095, abstract): Q_W = -73.71(26)_ex(23)_th, errors in
    /// quadrature sqrt(0.26^2 + 0.23^2) = 0.3471; 0.946 more negative than the apv-cs-1997 value -72.764.
    /// </summary>
    [Fact]
    public void SahooApvWeakChargeIsThePublishedOneWithErrorsInQuadrature()
    {
        var d = Load("apv-cs-2021");
        Assert.Equal(Math.Sqrt(0.26 * 0.26 + 0.23 * 0.23), d.Error, 3);
        Assert.Equal(-0.946, d.Value - Load("apv-cs-1997").Value, 3);
        Assert.Equal("Cs", Assert.IsType<ExternalObservable.ApvWeakCharge>(d.Observable).Nucleus.Element);
    }

    /// <summary>
    /// The predicted effective weak charge of apv-cs-2021 at the defaults, by hand (python, the formulas of docs/physics.md sec. 11):
    /// s^2(2.4 MeV) = 0.23873 - 2.7e-5 = 0.238703 (tests/Cevns.Tests/Reference/weak_mixing_running.py: s^2 = 0.238691 at 2.4 MeV,
    /// 0.238718 at Q -> 0); Q_W^p,bound = -2 (2 (-0.1888) + 0.3419 + 2 (0.238703 - 0.23857) + 0.00005)(1 - alpha / 2 pi) = 0.070686,
    /// Q_W^n,bound = -2 (0.4950 + 0.00006)(1 - alpha / 2 pi) = -0.988970, Q_W = 55 x 0.070686 - 78 x 0.988970 = -73.2519; skin
    /// correction at rn.Cs = 5.01 fm +0.314622 (tests/Cevns.Tests/Reference/apv_skin_weighting.py, part 3): -72.9373. The same
    /// observable as apv-cs-1997: the two datasets differ only in the measured value.
    /// </summary>
    [Fact]
    public void SahooApvPredictionAtTheDefaults()
    {
        var sm = PhysicsParameters.StandardModel;
        var like = Load("apv-cs-2021").Likelihood();
        double q = like.Expected(sm, SignalScale.One, [])[0];
        Assert.Equal(-72.937, q, 3);
        Assert.Equal(Load("apv-cs-1997").Likelihood().Expected(sm, SignalScale.One, [])[0], q, 12);
        Assert.Equal(Math.Pow((-73.71 - q) / 0.347, 2), like.Chi2(sm, SignalScale.One, []), 12);
    }

    /// <summary>
    /// With rn.Cs = 4.86 fm (the direct proton-133Cs radius) the skin correction is +0.134299 (same formulas), so Q_W,eff = -73.71
    /// needs s^2(2.4 MeV) = 0.241399 (bisection by hand, python), i.e. s^2(0) = 0.241426; error 0.347 / (4 x 55 (1 - alpha / 2 pi))
    /// = 0.347 / 219.744 = 0.001579. With apv-cs-1997 (-72.764) the same inversion gives s^2(2.4 MeV) = 0.237094: the atomic theory
    /// moves sin^2 by +0.0043.
    /// </summary>
    [Fact]
    public void SahooApvInvertsToItsSin2WithTheDirectCsRadius()
    {
        var sm = PhysicsParameters.StandardModel.With("rn.Cs", 4.86);
        var p = Cevns.Analyses.Reports.Sin2RunningProbes.Probe(Load("apv-cs-2021"), sm)!;
        Assert.Equal(0.241399, p.Sin2, 5);
        Assert.Equal(0.001579, p.Error, 5);
        Assert.Equal(0.0024, p.MomentumTransferGeV, 12);
        var dzuba = Cevns.Analyses.Reports.Sin2RunningProbes.Probe(Load("apv-cs-1997"), sm)!;
        Assert.Equal(0.237094, dzuba.Sin2, 5);
    }

    /// <summary>`cevns experiments` lists apv-cs-2021 with its reference and kind.</summary>
    [Fact]
    public void ExperimentsListsTheSahooApvDataset()
    {
        var list = Cevns.Tests.Cli.CliRunner.Json("experiments").GetProperty("experiments").EnumerateArray()
            .Single(e => e.GetProperty("id").GetString() == "apv-cs-2021");
        Assert.Equal("B. K. Sahoo, B. P. Das, H. Spiesberger, arXiv:2101.10095", list.GetProperty("reference").GetString());
        Assert.Equal("external-measurement", list.GetProperty("kind").GetString());
        Assert.Equal("Cs", list.GetProperty("target").GetString());
    }

    /// <summary>apv-cs-2021 and apv-cs-1997 rest on the same Boulder measurement: a fit of both is refused.</summary>
    [Fact]
    public void BothCesiumApvInputsCannotBeFittedTogether()
    {
        var both = new[] { "apv-cs-1997", "apv-cs-2021" }.Select(id => DatasetRegistry.Definitions.Single(d => d.Id == id)).ToArray();
        var e = Assert.Throws<Cevns.Fitting.FitSetupException>(() => Cevns.Fitting.DatasetCombination.Check(both));
        Assert.Contains("apv-cs-2021 supersedes apv-cs-1997", e.Message);
        Cevns.Fitting.DatasetCombination.Check([both[0]]);
        Cevns.Fitting.DatasetCombination.Check([both[1]]);
    }

    /// <summary>chi^2 = ((x_obs - x) / sigma)^2 against a hand evaluation, zero on its own Asimov data, and independent copies.</summary>
    [Theory]
    [MemberData(nameof(AllIds))]
    public void GaussianTerm(string id)
    {
        var d = Load(id);
        var like = d.Likelihood();
        var sm = PhysicsParameters.StandardModel;
        double x = like.Expected(sm, SignalScale.One, [])[0];
        Assert.Equal(Math.Pow((d.Value - x) / d.Error, 2), like.Chi2(sm, SignalScale.One, []), 12);
        var asimov = like.WithObserved([x]);
        Assert.Equal(0.0, asimov.Chi2(sm, SignalScale.One, []), 15);
        Assert.Equal(d.Value, like.Observed[0]);
        Assert.Equal(1, like.DataPoints);
        Assert.Equal(SourceKind.None, like.Source);
    }

    public static IEnumerable<object[]> AllIds() => Ids.Select(i => new object[] { i });

    /// <summary>The APV prediction moves with the shared rn.Cs and with sin^2; the PVES one with rn.Pb; the R_n prior only with rn.Cs.</summary>
    [Fact]
    public void PredictionsDependOnTheSharedParameters()
    {
        var sm = PhysicsParameters.StandardModel;
        var apv = Load("apv-cs-1997").Likelihood();
        double q0 = apv.Expected(sm, SignalScale.One, [])[0];
        Assert.NotEqual(q0, apv.Expected(sm.With("rn.Cs", 5.3), SignalScale.One, [])[0]);
        Assert.NotEqual(q0, apv.Expected(sm.With("sin2_theta_w", 0.24), SignalScale.One, [])[0]);
        var cs = NuclearCatalog.Cs133;
        double expected = AtomicParityViolation.EffectiveWeakCharge(55, 78, WeakMixingRunning.AtMomentumTransfer(sm.Sin2ThetaW, 0.0024),
            cs.ReferenceNeutronRadiusFm, cs.PointProtonRadiusFm, cs.ChargeRadiusFm);
        Assert.Equal(expected, q0, 12);
        var prex = Load("prex-ii-2021").Likelihood();
        Assert.True(prex.Expected(sm.With("rn.Pb", 5.9), SignalScale.One, [])[0] < prex.Expected(sm, SignalScale.One, [])[0]);
        var rn = Load("cs-neutron-radius-2024").Likelihood();
        Assert.Equal(5.2, rn.Expected(sm.With("rn.Cs", 5.2), SignalScale.One, [])[0], 12);
    }

    /// <summary>
    /// LSND: the prediction is the Michel-averaged sigma / E at sin^2(|Q| = 4.5 MeV) with the radiatively corrected couplings
    /// (default): 9.2123 x 1e-45 cm^2/MeV at s^2 = 0.23873, 9.6325 with couplings: tree-level
    /// (tests/Cevns.Tests/Reference/nue_electron_dar.py), up to the running shift, which is below 1e-4 in s^2 and so below
    /// 3e-4 in the prediction (d k / d s^2 = 28).
    /// </summary>
    [Fact]
    public void LsndPredictionIsTheMichelAveragedCrossSection()
    {
        var d = Load("lsnd-nue-e-2001");
        var sm = PhysicsParameters.StandardModel.With("sin2_theta_w", 0.23873);
        double k = d.Likelihood().Expected(sm, SignalScale.One, [])[0];
        Assert.Equal(9.2123, k, 2);
        Assert.True(Math.Abs(WeakMixingRunning.Shift(0.0045)) < 1e-4);
        Assert.True(d.Likelihood().Expected(sm.With("sin2_theta_w", 0.25), SignalScale.One, [])[0] > k);
        Assert.Equal(["sin2_theta_w"], d.Observable.Parameters);
        var tree = (ExternalMeasurementDataset)DatasetRegistry.Load(
            ShippedDefinition.With("lsnd-nue-e-2001", "  couplings: radiatively-corrected\n", "  couplings: tree-level\n"),
            ReactorTestData.Root);
        Assert.Equal(9.6325, tree.Likelihood().Expected(sm, SignalScale.One, [])[0], 2);
    }

    [Fact]
    public void CouplingsAreOnlyForTheNueElectronCrossSection()
    {
        var unknown = ShippedDefinition.With("lsnd-nue-e-2001", "  couplings: radiatively-corrected\n", "  couplings: one-loop\n");
        var e = Assert.Throws<DefinitionFileException>(() => DatasetRegistry.Load(unknown, ReactorTestData.Root));
        Assert.Contains("unknown couplings 'one-loop'", e.Message);
        var misplaced = ShippedDefinition.With("qweak-2018", "  observable: proton-weak-charge\n", "  observable: proton-weak-charge\n  couplings: tree-level\n");
        e = Assert.Throws<DefinitionFileException>(() => DatasetRegistry.Load(misplaced, ReactorTestData.Root));
        Assert.Contains("couplings belong to observable nue-e-dar-cross-section", e.Message);
    }

    /// <summary>
    /// The sin^2 running figure's point for LSND: s^2(|Q|) with k(s^2) = 10.1 and error 1.49 / (dk/ds^2). Reference
    /// (tests/Cevns.Tests/Reference/nue_electron_dar.py, bisection on the numerical average with the radiatively corrected
    /// couplings): s^2 = 0.27021, slope 28.924, error 0.05151 (tree level: 0.25528, 28.618, 0.05206).
    /// </summary>
    [Fact]
    public void LsndInvertsToItsSin2()
    {
        var p = Cevns.Analyses.Reports.Sin2RunningProbes.Probe(Load("lsnd-nue-e-2001"), PhysicsParameters.StandardModel)!;
        Assert.Equal(0.27021, p.Sin2, 4);
        Assert.Equal(0.05151, p.Error, 4);
        Assert.Equal(0.0045, p.MomentumTransferGeV, 12);
    }

    /// <summary>
    /// APV(Pb) at the defaults: Q_W(82, 126) = -118.810 and the skin term 126 Q_W^n (q_n/q_p - 1) = +1.139 with rn.Pb = 5.74 fm,
    /// rp.Pb = 5.4529 fm (independent hand evaluation in python of the same formulas, at s^2 = 0.238718 - 2.7e-5), -117.671
    /// in all; a thicker skin makes the charge less negative, a larger s^2 more negative (d Q_W / d s^2 = -4 Z (1 - alpha / 2 pi) = -327.6).
    /// </summary>
    [Fact]
    public void LeadApvPredictionTiesToTheLeadNeutronRadius()
    {
        var like = Load("apv-pb-208").Likelihood();
        var sm = PhysicsParameters.StandardModel.With("sin2_theta_w", 0.238718);
        double q = like.Expected(sm, SignalScale.One, [])[0];
        Assert.Equal(-117.671, q, 2);
        Assert.True(like.Expected(sm.With("rn.Pb", 5.9), SignalScale.One, [])[0] > q);
        Assert.True(like.Expected(sm.With("sin2_theta_w", 0.245), SignalScale.One, [])[0] < q);
    }

    [Fact]
    public void UnknownObservableIsADefinitionError()
    {
        var def = ShippedDefinition.With("qweak-2018", "observable: proton-weak-charge", "observable: proton-charge");
        var e = Assert.Throws<DefinitionFileException>(() => DatasetRegistry.Load(def, ReactorTestData.Root));
        Assert.Contains("unknown observable 'proton-charge'", e.Message);
    }

    [Fact]
    public void MissingErrorIsADefinitionError()
    {
        var def = ShippedDefinition.With("crex-2022", "  error: 0.0056\n", "");
        Assert.Throws<DefinitionFileException>(() => DatasetRegistry.Load(def, ReactorTestData.Root));
    }
}
