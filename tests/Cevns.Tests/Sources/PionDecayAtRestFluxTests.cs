using Cevns.Physics;
using Cevns.Sources;

namespace Cevns.Tests.Sources;

public class PionDecayAtRestFluxTests
{
    private const double MuonMass = 105.6583755; // PDG 2024, as in docs/physics.md section 1

    // The spectra written out again from docs/physics.md section 7, independently of the library.
    private static double NuE(double e) { double x = e / MuonMass; return x is < 0 or > 0.5 ? 0 : 192 / MuonMass * x * x * (0.5 - x); }
    private static double NuMuBar(double e) { double x = e / MuonMass; return x is < 0 or > 0.5 ? 0 : 64 / MuonMass * x * x * (0.75 - x); }

    [Fact]
    public void MichelSpectraMatchTheSpecAndIntegrateToOne()
    {
        foreach (var e in new[] { 0.0, 3.0, 17.5, 29.8, 45.0, 52.8, 53.0 })
        {
            Assert.Equal(NuE(e), MichelSpectra.ElectronNeutrinoDensity(e), 14);
            Assert.Equal(NuMuBar(e), MichelSpectra.MuonAntineutrinoDensity(e), 14);
        }
        Assert.Equal(1.0, TestQuadrature.Simpson(MichelSpectra.ElectronNeutrinoDensity, 0, MuonMass / 2), 10);
        Assert.Equal(1.0, TestQuadrature.Simpson(MichelSpectra.MuonAntineutrinoDensity, 0, MuonMass / 2), 10);
        // Closed forms: M0 above 0 is the normalisation.
        Assert.Equal(1.0, MichelSpectra.ElectronNeutrinoMomentsAbove(0).M0, 14);
        Assert.Equal(1.0, MichelSpectra.MuonAntineutrinoMomentsAbove(0).M0, 14);
    }

    [Fact]
    public void MichelMeanEnergiesAreAnalytic()
    {
        // <x> = 192 int x^3 (1/2 - x) dx = 0.3 and 64 int x^3 (3/4 - x) dx = 0.35 on [0, 1/2] (hand integration);
        // pion_dar_reference.py gives 31.6975126500 and 36.9804314250 MeV.
        double meanE = TestQuadrature.Simpson(e => e * MichelSpectra.ElectronNeutrinoDensity(e), 0, MuonMass / 2);
        double meanMuBar = TestQuadrature.Simpson(e => e * MichelSpectra.MuonAntineutrinoDensity(e), 0, MuonMass / 2);
        Assert.Equal(0.3 * MuonMass, meanE, 9);
        Assert.Equal(0.35 * MuonMass, meanMuBar, 9);
        Assert.Equal(31.6975126500, meanE, 1e-8);
        Assert.Equal(36.9804314250, meanMuBar, 1e-8);
    }

    [Theory]
    // Reference: tests/Cevns.Tests/Reference/pion_dar_reference.py (Simpson integration of the spectra).
    [InlineData(5.0, 9.968495569224e-01, 3.690470331757e-02, 1.762144536919e-03, 9.983846590743e-01, 3.106093986168e-02, 1.236167110688e-03)]
    [InlineData(20.0, 8.445891767736e-01, 2.568852022357e-02, 8.301867390917e-04, 9.120240253329e-01, 2.477884261427e-02, 7.220449474593e-04)]
    [InlineData(40.0, 2.497004407783e-01, 5.613401425852e-03, 1.267809023213e-04, 4.605212115260e-01, 9.948353790235e-03, 2.162835832649e-04)]
    public void ClosedFormMomentsMatchNumericalIntegration(double eMin, double e0, double e1, double e2, double m0, double m1, double m2)
    {
        var flux = new PionDecayAtRestFlux(1.0);
        AssertRel(new FluxMoments(e0, e1, e2), flux.MomentsAbove(NeutrinoSpecies.NuE, eMin), 1e-10);
        AssertRel(new FluxMoments(m0, m1, m2), flux.MomentsAbove(NeutrinoSpecies.NuMuBar, eMin), 1e-10);

        // And against an in-test quadrature of E^-n times the spec formula.
        for (int n = 0; n <= 2; n++)
        {
            int k = n;
            double q = TestQuadrature.Simpson(e => NuE(e) * Math.Pow(e, -k), eMin, MuonMass / 2);
            Assert.Equal(1.0, Moment(flux.MomentsAbove(NeutrinoSpecies.NuE, eMin), k) / q, 10);
        }
    }

    [Fact]
    public void MomentsVanishAboveTheEndpointAndAreFullBelowZero()
    {
        var flux = new PionDecayAtRestFlux(2.0);
        Assert.Equal(FluxMoments.Zero, flux.MomentsAbove(NeutrinoSpecies.NuE, 53.0));
        Assert.Equal(FluxMoments.Zero, flux.MomentsAbove(NeutrinoSpecies.NuMuBar, MichelSpectra.EndpointMeV));
        Assert.Equal(2.0, flux.MomentsAbove(NeutrinoSpecies.NuE, -1.0).M0, 13);
        Assert.Equal(FluxMoments.Zero, flux.MomentsAbove(NeutrinoSpecies.NuTau, 0));
        Assert.Equal(FluxMoments.Zero, flux.MomentsAbove(NeutrinoSpecies.NuEBar, 0));
        Assert.Equal(52.82918775, flux.MaxEnergyMeV, 8);
    }

    [Fact]
    public void PromptLineMomentsAreStepFunctions()
    {
        // (m_pi^2 - m_mu^2) / (2 m_pi) with PDG 2024 masses = 29.7921409099 MeV (pion_dar_reference.py).
        double line = PionDecayAtRestFlux.PromptLineEnergyMeV;
        Assert.Equal(29.7921409099, line, 9);
        var flux = new PionDecayAtRestFlux(3.0);
        var expected = new FluxMoments(3.0, 3.0 / line, 3.0 / (line * line));
        foreach (var eMin in new[] { 0.0, 10.0, 29.7, line })
            AssertRel(expected, flux.MomentsAbove(NeutrinoSpecies.NuMu, eMin), 1e-15);
        Assert.Equal(FluxMoments.Zero, flux.MomentsAbove(NeutrinoSpecies.NuMu, line + 1e-9));
        Assert.Equal(FluxMoments.Zero, flux.MomentsAbove(NeutrinoSpecies.NuMu, 40.0));
        Assert.Equal(0.0, flux.ContinuousDensity(NeutrinoSpecies.NuMu, line));
    }

    [Fact]
    public void FluenceNormalisationMatchesHandNumber()
    {
        // CsI 2021 exposure (docs/physics.md section 7): r = 0.0848, N_POT = 3.198e23, L = 19.3 m.
        // By hand: r N = 2.711904e22; 4 pi (1930 cm)^2 = 4.68088e7 cm^2; ratio = 5.79362e14 cm^-2
        // (pion_dar_reference.py: 5.79361764e14).
        var flux = new PionDecayAtRestFlux(0.0848, 3.198e23, 19.3);
        Assert.Equal(5.79361764e14, flux.FluencePerFlavourPerCm2, 5e5);
        foreach (var s in flux.Species)
            Assert.Equal(1.0, flux.MomentsAbove(s, 0).M0 / flux.FluencePerFlavourPerCm2, 13);
        Assert.Equal(new[] { NeutrinoSpecies.NuMu, NeutrinoSpecies.NuE, NeutrinoSpecies.NuMuBar }, flux.Species);
    }

    [Fact]
    public void BadInputsAreRejectedByName()
    {
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => new PionDecayAtRestFlux(0.08, 1e23, 0));
        Assert.Contains("baselineM", e1.Message);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => new PionDecayAtRestFlux(-0.08, 1e23, 19.3));
        Assert.Contains("neutrinosPerProtonPerFlavour", e2.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PionDecayAtRestFlux(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PionDecayAtRestFlux(1.0).MomentsAbove(NeutrinoSpecies.NuE, double.NaN));
    }

    internal static double Moment(FluxMoments m, int n) => n switch { 0 => m.M0, 1 => m.M1, _ => m.M2 };

    internal static void AssertRel(FluxMoments expected, FluxMoments actual, double tol)
    {
        Assert.True(Math.Abs(actual.M0 - expected.M0) <= tol * Math.Abs(expected.M0), $"M0 {actual.M0} vs {expected.M0}");
        Assert.True(Math.Abs(actual.M1 - expected.M1) <= tol * Math.Abs(expected.M1), $"M1 {actual.M1} vs {expected.M1}");
        Assert.True(Math.Abs(actual.M2 - expected.M2) <= tol * Math.Abs(expected.M2), $"M2 {actual.M2} vs {expected.M2}");
    }
}
