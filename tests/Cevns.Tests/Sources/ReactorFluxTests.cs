using Cevns.Physics;
using Cevns.Sources;
using Cevns.Sources.Reactor;

namespace Cevns.Tests.Sources;

public class ReactorFluxTests
{
    private static string Root => SourcesDataRoot.Path;

    private const double DresdenFlux = 4.8e13; // docs/physics.md section 7, cm^-2 s^-1
    private const double OneDay = 86400.0;

    [Theory]
    // reactor_reference.py: an independent HMVE (VE Table II < 2 MeV, Huber/Mueller 2-8 MeV log-linear, exp-poly 8-10 MeV)
    // with the Dresden-II fission fractions, 4.8e13 cm^-2 s^-1 over one day, moments by Simpson integration.
    [InlineData(0.5, 3.4338399733e+18, 2.6806977361e+18, 2.7933130849e+18)]
    [InlineData(2.0, 1.1889691574e+18, 4.1422023898e+17, 1.5389605966e+17)]
    [InlineData(3.0, 5.1839833823e+17, 1.3581865510e+17, 3.6769836471e+16)]
    [InlineData(6.0, 1.8551229558e+16, 2.8215543668e+15, 4.3138044431e+14)]
    public void HmveMomentsMatchIndependentIntegration(double eMin, double m0, double m1, double m2)
    {
        var flux = new ReactorFlux(ReactorSpectrumModels.Hmve(Root), DresdenFuel.Fractions, DresdenFlux, OneDay);
        Assert.Equal(5.60897611, flux.NeutrinosPerFission, 1e-7);
        PionDecayAtRestFluxTests.AssertRel(new FluxMoments(m0, m1, m2), flux.MomentsAbove(NeutrinoSpecies.NuEBar, eMin), 1e-7);
    }

    public static TheoryData<string> ModelNames => new(ReactorSpectrumModels.Names);

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void EveryModelIsNormalisedToTheTotalFluxAndZeroAbove10MeV(string name)
    {
        var model = ReactorSpectrumModels.Load(Root, name);
        var flux = new ReactorFlux(model, DresdenFuel.Fractions, DresdenFlux, OneDay);
        Assert.Equal(1.0, flux.MomentsAbove(NeutrinoSpecies.NuEBar, 0).M0 / (DresdenFlux * OneDay), 12);
        Assert.Equal(FluxMoments.Zero, flux.MomentsAbove(NeutrinoSpecies.NuEBar, 10.0));
        Assert.Equal(0.0, flux.Density(10.01));
        Assert.True(flux.MaxEnergyMeV <= 10.0);
        Assert.Equal(FluxMoments.Zero, flux.MomentsAbove(NeutrinoSpecies.NuE, 1.0));
        Assert.Equal(new[] { NeutrinoSpecies.NuEBar }, flux.Species);
        // Per fission: ~5-8 antineutrinos for full-range models; HM alone (>= 2 MeV) about 1.5-2.
        Assert.InRange(flux.NeutrinosPerFission, name is "hm" or "hm-exppoly" ? 1.0 : 5.0, 8.0);
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void MomentsConvergeWhenTheInternalGridIsDoubled(string name)
    {
        var model = ReactorSpectrumModels.Load(Root, name);
        var coarse = new ReactorFlux(model, DresdenFuel.Fractions, DresdenFlux, OneDay, maxCellWidthMeV: 0.02);
        var fine = new ReactorFlux(model, DresdenFuel.Fractions, DresdenFlux, OneDay, maxCellWidthMeV: 0.01);
        Assert.True(fine.CellCount > coarse.CellCount);
        foreach (var eMin in new[] { 0.05, 0.3, 1.0, 1.95, 2.5, 4.0, 7.9, 9.5 })
        {
            var a = coarse.MomentsAbove(NeutrinoSpecies.NuEBar, eMin);
            var b = fine.MomentsAbove(NeutrinoSpecies.NuEBar, eMin);
            for (int n = 0; n <= 2; n++)
            {
                double x = PionDecayAtRestFluxTests.Moment(a, n), y = PionDecayAtRestFluxTests.Moment(b, n);
                Assert.True(Math.Abs(x - y) <= 1e-3 * Math.Abs(y), $"{name} E_min {eMin} M{n}: {x} vs {y}");
            }
        }
    }

    [Fact]
    public void BestioleCutsItsTailAt10MeV()
    {
        var flux = new ReactorFlux(ReactorSpectrumModels.Bestiole2023(Root), DresdenFuel.Fractions, 1.0, 1.0);
        // Integral per fission below 10 MeV < full 0-12.5 MeV integral (6.08 x 0.58 + 7.16 x 0.08 + 5.50 x 0.29 + 6.26 x 0.05 = 5.97).
        double full = 0.58 * 6.077743 + 0.08 * 7.163378 + 0.29 * 5.502928 + 0.05 * 6.260958;
        Assert.InRange(flux.NeutrinosPerFission, full - 0.01, full - 1e-6);
        Assert.Equal(10.0, flux.MaxEnergyMeV);
    }

    [Fact]
    public void NeutronCapturesAddTwoAntineutrinosPerCapture()
    {
        var model = ReactorSpectrumModels.Bestiole2023(Root);
        var without = new ReactorFlux(model, DresdenFuel.Fractions, 1.0, 1.0);
        var with = new ReactorFlux(model, DresdenFuel.Fractions, 1.0, 1.0, capturesPerFission: 0.6);
        Assert.Equal(without.NeutrinosPerFission + 1.2, with.NeutrinosPerFission, 5);
        // Capture antineutrinos lie below 1.3 MeV: above it the normalised shapes differ only by the normalisation.
        double ratio = with.MomentsAbove(NeutrinoSpecies.NuEBar, 1.3).M0 / without.MomentsAbove(NeutrinoSpecies.NuEBar, 1.3).M0;
        Assert.Equal(without.NeutrinosPerFission / with.NeutrinosPerFission, ratio, 10);
    }

    [Fact]
    public void KopeikinCombinationsRejectSeparateCaptures()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ReactorFlux(ReactorSpectrumModels.Hmk(Root), DresdenFuel.Fractions, 1.0, 1.0, capturesPerFission: 0.6));
        Assert.Contains("capturesPerFission", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReactorSpectrumModels.Load(Root, "nonsense"));
    }

    [Fact]
    public void CombinedModelsUseTheirLowAndHighParts()
    {
        var hmk = new ReactorFlux(ReactorSpectrumModels.Hmk(Root), DresdenFuel.Fractions, 1.0, 1.0);
        var kopeikin = ReactorSpectrumFiles.Kopeikin2012Total(Root);
        double scale = 1.0 / hmk.NeutrinosPerFission;
        Assert.Equal(kopeikin.Density(0.7) * scale, hmk.Density(0.7), 14);
        var f = DresdenFuel.Fractions;
        double hmAt3 = f.U235 * ReactorSpectrumFiles.Huber2011(Root, FissionIsotope.U235).Density(3.0)
                     + f.U238 * ReactorSpectrumFiles.Mueller2011(Root, FissionIsotope.U238).Density(3.0)
                     + f.Pu239 * ReactorSpectrumFiles.Huber2011(Root, FissionIsotope.Pu239).Density(3.0)
                     + f.Pu241 * ReactorSpectrumFiles.Huber2011(Root, FissionIsotope.Pu241).Density(3.0);
        Assert.Equal(hmAt3 * scale, hmk.Density(3.0), 14);

        var efk = new ReactorFlux(ReactorSpectrumModels.Efk(Root), f, 1.0, 1.0);
        Assert.Equal(kopeikin.Density(1.2) / efk.NeutrinosPerFission, efk.Density(1.2), 14);
        // HM with the exp-polynomial tail continues beyond 8 MeV; without it stops there.
        Assert.True(new ReactorFlux(ReactorSpectrumModels.HuberMueller(Root), f, 1.0, 1.0).Density(9.0) > 0);
        Assert.Equal(0.0, new ReactorFlux(ReactorSpectrumModels.HuberMueller(Root, HighEnergyTail.None), f, 1.0, 1.0).Density(9.0));
    }

    [Fact]
    public void TotalFluxFromPowerMatchesHandNumber()
    {
        // 2.96 GW / (205 MeV x 1.602176634e-13 J/MeV) = 9.0121e19 fissions/s; x 6 / (4 pi (1039 cm)^2) = 3.98600e13 cm^-2 s^-1.
        Assert.Equal(3.98600e13, ReactorFlux.TotalFluxFromPower(2.96e9, 10.39, 205.0, 6.0), 0.00001e13);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReactorFlux.TotalFluxFromPower(2.96e9, 0, 205, 6));
    }

    [Fact]
    public void BadArgumentsNameTheParameter()
    {
        var model = ReactorSpectrumModels.EstienneFallot(Root);
        Assert.Contains("liveTimeS", Assert.Throws<ArgumentOutOfRangeException>(() => new ReactorFlux(model, DresdenFuel.Fractions, 1, -1)).Message);
        Assert.Contains("totalFluxPerCm2PerS", Assert.Throws<ArgumentOutOfRangeException>(() => new ReactorFlux(model, DresdenFuel.Fractions, double.NaN, 1)).Message);
        Assert.Contains("pu239", Assert.Throws<ArgumentOutOfRangeException>(() => new FissionFractions(0.5, 0.1, -0.1, 0.1)).Message);
    }
}
