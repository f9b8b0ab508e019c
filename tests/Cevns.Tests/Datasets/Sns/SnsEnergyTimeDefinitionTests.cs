using Cevns.Data;
using Cevns.Datasets.Kinds;
using Cevns.Datasets;
using Cevns.Detectors;
using Cevns.Tests.Datasets.CsI;

namespace Cevns.Tests.Datasets.Sns;

/// <summary>
/// The declarative vocabulary of SNS energy x time datasets: response models by name with parameter errors and their
/// +-1 sigma variants (<see cref="DetectorFacts"/>, <see cref="ModelVariant"/>), and one-line errors naming file and key
/// for misspelled or inconsistent background and systematic entries (<see cref="SnsEnergyTimeDataset"/>).
/// </summary>
public class SnsEnergyTimeDefinitionTests
{
    private static Facts Detector(string key, string body) => Facts.Load("d.yaml", $"detector:\n  {key}: {body}\n").Section("detector").Section(key);

    [Fact]
    public void ConstantQuenchingVariantsShiftTheFactorByItsStatedError()
    {
        var q = Detector("quenching", "{ model: constant, factor: 0.0878, factor_error: 0.0166 }");
        Assert.Equal(0.0878, Assert.IsType<ConstantQuenchingFactor>(DetectorFacts.Quenching(q)).Factor);
        Assert.Equal(0.0878 + 0.0166, ((ConstantQuenchingFactor)DetectorFacts.Quenching(q, variant: ModelVariant.Shift("factor", 1))).Factor, 15);
        Assert.Equal(0.0878 - 2 * 0.0166, ((ConstantQuenchingFactor)DetectorFacts.Quenching(q, variant: ModelVariant.Shift("factor", -2))).Factor, 15);
    }

    [Fact]
    public void LogisticBinCentreVariantsUseErrorHiUpwardsAndErrorLoDownwards()
    {
        var def = DatasetRegistry.Find("coherent-csi-2017");
        var e = def.Facts.Section("detector").Section("efficiency");
        var nominal = Assert.IsType<BinCentreLogisticEfficiency>(DetectorFacts.Efficiency(e, def, CsIData.Root));
        Assert.Equal((0.6655, 0.4942, 10.8507, 5.0, 6.0), (nominal.A, nominal.K, nominal.X0PE, nominal.ZeroBelowPE, nominal.HalfBelowPE));
        var up = (BinCentreLogisticEfficiency)DetectorFacts.Efficiency(e, def, CsIData.Root, ModelVariant.Shift("a", 1));
        Assert.Equal(0.6655 + 0.0212, up.A, 12);
        Assert.Equal(0.4942, up.K);
        var down = (BinCentreLogisticEfficiency)DetectorFacts.Efficiency(e, def, CsIData.Root, ModelVariant.Shift("x0", -1));
        Assert.Equal(10.8507 - 0.3995, down.X0PE, 12);
    }

    [Fact]
    public void VariantsTheModelCannotBuildNameTheKey()
    {
        var q = Detector("quenching", "{ model: constant, factor: 0.0878 }");
        var e = Assert.Throws<DefinitionFileException>(() => DetectorFacts.Quenching(q, variant: ModelVariant.Shift("factor", 1)));
        Assert.Equal("d.yaml:2: detector.quenching.factor: a shape systematic varies factor: state its error as factor_error or factor_error_hi and factor_error_lo", e.Message);
        e = Assert.Throws<DefinitionFileException>(() => DetectorFacts.Quenching(q, variant: ModelVariant.Shift("k", 1)));
        Assert.StartsWith("d.yaml:2: detector.quenching.model: a shape systematic varies parameter 'k'", e.Message);
        e = Assert.Throws<DefinitionFileException>(() => DetectorFacts.Quenching(q, variant: ModelVariant.TableRow("model0+1sigma")));
        Assert.StartsWith("d.yaml:2: detector.quenching.model: a shape systematic asks for table rows", e.Message);
    }

    [Fact]
    public void PhotoelectronResolutionsAndTimingEfficiencyComeFromTheirFacts()
    {
        var poisson = Assert.IsType<PoissonPhotoelectronResolution>(DetectorFacts.Resolution(Detector("resolution", "{ model: poisson-pe, light_yield_pe_per_kevee: 13.348 }")));
        Assert.Equal(13.348, poisson.LightYieldPePerKeVee);
        var gamma = Assert.IsType<GammaPhotoelectronResolution>(DetectorFacts.Resolution(Detector("resolution", "{ model: gamma-pe, light_yield_pe_per_kevee: 13.35, shape_per_kevee: 9.56 }")));
        Assert.Equal((13.35, 9.56), (gamma.LightYieldPePerKeVee, gamma.ShapePerKeVee));
        var t = DetectorFacts.TimingEfficiency(Detector("timing_efficiency", "{ model: exponential-after-onset, onset_us: 0.52, decay_per_us: 0.0494 }"));
        Assert.Equal(Math.Exp(-0.0494), t.Value(1.52), 15);
        var e = Assert.Throws<DefinitionFileException>(() => DetectorFacts.TimingEfficiency(Detector("timing_efficiency", "{ model: exponential-after-onset, onset: 0.52, decay_per_us: 0.0494 }")));
        Assert.StartsWith("d.yaml:2: detector.timing_efficiency.onset: unknown key", e.Message);
        e = Assert.Throws<DefinitionFileException>(() => DetectorFacts.Resolution(Detector("resolution", "{ model: poisson-pe, light_yield: 13.348 }")));
        Assert.StartsWith("d.yaml:2: detector.resolution.light_yield: unknown key", e.Message);
    }

    [Theory]
    [InlineData("brn_norm: { type: norm, background: BRN, sigma: 0.25 }", "brn_norm: { type: norm, backgroud: BRN, sigma: 0.25 }",
        @"systematics\.brn_norm\.backgroud: unknown key \(allowed: ")]
    [InlineData("brn_norm: { type: norm, background: BRN, sigma: 0.25 }", "brn_norm: { type: norm, background: BRX, sigma: 0.25 }",
        @"systematics\.brn_norm\.background: no background 'BRX' \(known: steady-state, BRN, NIN\)")]
    [InlineData("  nin_norm: { type: norm, background: NIN, sigma: 0.36 }\n", "",
        @"systematics\.NIN: background 'NIN' needs a norm systematic")]
    [InlineData("qf_pc0: { type: response, model: quenching,", "qf_pc0: { type: response, model: quenchin,",
        @"systematics\.qf_pc0\.model: expected quenching or efficiency, found 'quenchin'")]
    [InlineData("timing_offset_us: { type: timing-offset,", "timing_offset_us: { type: timing-ofset,",
        @"systematics\.timing_offset_us\.type: unknown systematic type 'timing-ofset'")]
    [InlineData("energy: { file: brn_pe, scale: fraction-of-file }", "energy: { file: brn_pe, scale: fraction-of-fle }",
        @"backgrounds\.BRN\.energy\.scale: unknown energy scale 'fraction-of-fle'")]
    [InlineData("time: { file: nin_time, scale: counts, timing_efficiency: true }", "time: { file: nin_time, scale: counts, timing_eficiency: true }",
        @"backgrounds\.NIN\.time\.timing_eficiency: unknown key")]
    [InlineData("observations: { file: events_c, format: events }", "observations: { file: events_c, format: event }",
        @"observations\.format: unknown counts format 'event' \(known: binned, events\)")]
    [InlineData("timing_efficiency: { model: exponential-after-onset,", "timing_efficiency: { model: exponential,",
        @"detector\.timing_efficiency\.model: unknown timing-efficiency model 'exponential'")]
    public void MisspelledOrInconsistentEntriesGiveOneLineNamingFileAndKey(string from, string to, string pattern)
    {
        var def = ShippedDefinition.With("coherent-csi-2021", from, to);
        var e = Assert.Throws<DefinitionFileException>(() => SnsEnergyTimeDataset.Load(def, CsIData.Root));
        Assert.Matches(@"^Datasets/Definitions/coherent-csi-2021\.yaml:\d+: " + pattern, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void PerGWhSpectrumNeedsTheExposureInGWh()
    {
        var def = ShippedDefinition.With("coherent-csi-2017", "  exposure_gwh: 7.47594\n  proton_energy_gev: 0.954\n", "  protons_on_target: 1.76e23\n");
        var e = Assert.Throws<DefinitionFileException>(() => SnsEnergyTimeDataset.Load(def, CsIData.Root));
        Assert.Matches(@"coherent-csi-2017\.yaml:\d+: backgrounds\.prompt-neutrons\.energy\.scale: the spectrum is given per GWh", e.Message);
    }

    /// <summary>A misspelled top-level key (here data_notes) of the argon and Ge-Mini definitions was silently ignored; it is
    /// now an unknown key naming file, line and key.</summary>
    [Theory]
    [InlineData("coherent-ar-2020", "files:\n", "data_notes: x\nfiles:\n")]
    [InlineData("coherent-ge-2024", "data_note: beam-ON/OFF", "data_notes: beam-ON/OFF")]
    public void MisspelledTopLevelKeysOfTheOtherSnsKindsAreNamed(string id, string from, string to)
    {
        var def = ShippedDefinition.With(id, from, to);
        var e = Assert.Throws<DefinitionFileException>(() => DatasetRegistry.Load(def, CsIData.Root));
        Assert.Matches($@"^Datasets/Definitions/{id}\.yaml:\d+: data_notes: unknown key \(allowed: ", e.Message);
    }

    /// <summary>The argon definition's PSD vocabulary (F90 axis, signal PSD shape, templates, template-shape systematics):
    /// inconsistent entries give one line naming file, line and key.</summary>
    [Theory]
    [InlineData("  cevns_f90: { type: template-shape, component: cevns,", "  cevns_f90: { type: template-shape, component: cevnz,",
        @"systematics\.cevns_f90\.component: expected a signal channel or a background \(cevns, brn_prompt, brn_delayed, steady_state\), got 'cevnz'")]
    [InlineData("brn_delayed: { type: template, label: delayed BRN, file: brn_delayed_pdf }", "brn_delayed: { type: anti-coincidence, file: data, format: binned }",
        @"backgrounds\.brn_delayed\.type: type anti-coincidence gives no F90 shape: give a template on the binning \(type: template\)")]
    [InlineData("observations: { file: data, format: binned }", "observations: { file: data, format: events }",
        @"observations\.format: events have no F90 column: give binned counts")]
    [InlineData("psd: { model: release-pdf,", "psd: { model: release-fit,", @"signals\.cevns\.psd\.model: unknown PSD model 'release-fit' \(known: release-pdf\)")]
    [InlineData("cevns: { psd: { model: release-pdf, file: cevns_pdf, time: arrival-model } }", "cevns: {}",
        @"signals\.cevns: the binning has a PSD axis \(F90\): give the channel's psd shape")]
    [InlineData("  cevns: { psd:", "  nu-e: { psd:", @"signals\.cevns: the CEvNS channel must be listed")]
    [InlineData("signal_detector_norm: { type: norm, signal: cevns,", "signal_detector_norm: { type: norm, signal: nu-e,",
        @"systematics\.signal_detector_norm\.signal: no signal channel 'nu-e' \(known: cevns\)")]
    public void InconsistentArgonEntriesGiveOneLineNamingFileAndKey(string from, string to, string pattern)
    {
        var def = ShippedDefinition.With("coherent-ar-2020", from, to);
        var e = Assert.Throws<DefinitionFileException>(() => DatasetRegistry.Load(def, CsIData.Root));
        Assert.Matches(@"^Datasets/Definitions/coherent-ar-2020\.yaml:\d+: " + pattern, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
