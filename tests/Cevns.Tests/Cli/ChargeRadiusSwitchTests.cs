using System.Text.Json;
using Cevns.Analyses;
using Cevns.Datasets;
using Cevns.Tests.Datasets.Reactor;

namespace Cevns.Tests.Cli;

/// <summary>
/// The momentum-dependent SM charge radius (arXiv:2402.16709) is one switch: --charge-radius-q-dependent on xsec,
/// predict, fit and scan, and charge_radius_q_dependent in analysis files. Expected xsec values:
/// tests/Cevns.Tests/Reference/cross_sections.py (the loop integral computed numerically there), cases "running CR ...".
/// </summary>
public class ChargeRadiusSwitchTests
{
    private static JsonElement Json(params string[] args) => CliRunner.Json(args);

    [Fact]
    public void XsecSwitchMatchesTheReferenceScript()
    {
        string[] common = ["xsec", "--target", "Ge72", "--flavor", "nue", "--enu", "30", "--trecoil", "5"];
        var running = Json([.. common, "--charge-radius-q-dependent"]);
        // tests/Cevns.Tests/Reference/cross_sections.json, case "running CR nue" (cross_sections.py)
        Assert.Equal(3.1226648375142575e-40, running.GetProperty("dsigma_dT").GetDouble(), 3.1226648375142575e-40 * 1e-6);
        Assert.True(running.GetProperty("charge_radius_q_dependent").GetBoolean());
        var fixedRadius = Json(common);
        Assert.False(fixedRadius.GetProperty("charge_radius_q_dependent").GetBoolean());
        Assert.NotEqual(fixedRadius.GetProperty("dsigma_dT").GetDouble(), running.GetProperty("dsigma_dT").GetDouble());
    }

    [Fact]
    public void PredictSwitchChangesTheNuECevnsOfDresden()
    {
        string[] common = ["predict", "--experiment", "dresden-ii-2022", "--data-dir", ReactorTestData.Root];
        double off = Json(common).GetProperty("signal_total").GetDouble();
        double on = Json([.. common, "--charge-radius-q-dependent"]).GetProperty("signal_total").GetDouble();
        // at |q| ~ 10 MeV the running shrinks |Qtilde^SM(nu_e)| (~ -0.0198) by a few per cent: a small, non-zero change
        Assert.NotEqual(off, on);
        Assert.InRange(Math.Abs(on / off - 1), 1e-5, 1e-2);
    }

    [Fact]
    public void AnalysisFileKeyAndPreset()
    {
        var a = AnalysisFileParser.Parse("test.yaml", "test", "title: t\ncharge_radius_q_dependent: true\ndatasets:\n  csi: { id: coherent-csi-2021 }\nfree:\n  charge_radius.e: {}\n");
        Assert.True(a.ChargeRadiusQDependent);
        var b = AnalysisFileParser.Parse("test.yaml", "test", "title: t\ndatasets:\n  csi: { id: coherent-csi-2021 }\nfree:\n  charge_radius.e: {}\n");
        Assert.False(b.ChargeRadiusQDependent);
        Assert.True(PresetCatalog.Load("charge-radii").ChargeRadiusQDependent);
        Assert.False(PresetCatalog.Load("em-charge-radii").ChargeRadiusQDependent);
        var bad = Assert.Throws<AnalysisFileException>(() => AnalysisFileParser.Parse("test.yaml", "test", "title: t\ncharge_radius_q_dependent: maybe\ndatasets:\n  csi: { id: coherent-csi-2021 }\nfree:\n  charge_radius.e: {}\n"));
        Assert.Contains("charge_radius_q_dependent", bad.Message);
    }

    [Fact]
    public void DatasetsBuiltWithTheSwitchUseIt()
    {
        var def = DatasetRegistry.Find("dresden-ii-2022");
        var on = def with { CrossSections = def.CrossSections with { MomentumDependentChargeRadius = true } };
        Assert.True(on.With([KeyValuePair.Create("quenching", "ybe")]).CrossSections.MomentumDependentChargeRadius);
        var d = (Cevns.Datasets.Kinds.ReactorSpectrumDataset)DatasetRegistry.Load(on, ReactorTestData.Root);
        Assert.True(d.Signals.Cevns.Options.MomentumDependentChargeRadius);
    }
}
