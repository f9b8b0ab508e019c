using Cevns.Data;
using Cevns.Datasets;
using Cevns.Detectors;

namespace Cevns.Tests.Datasets;

/// <summary>Detector pieces built by name from definition facts (<see cref="DetectorFacts"/>).</summary>
public class DetectorFactsTests
{
    private static Facts Resolution(string body) => Facts.Load("d.yaml", "detector:\n  resolution: " + body + "\n").Section("detector").Section("resolution");

    [Fact]
    public void NoiseFanoResolutionTakesTheGermaniumDefaults()
    {
        var r = Assert.IsType<GermaniumNoiseFanoResolution>(DetectorFacts.Resolution(Resolution("{ model: noise-fano, noise_sigma_kevee: 0.0685 }")));
        Assert.Equal(0.0685, r.NoiseKeV);
        Assert.Equal(0.11, r.Fano);          // docs/physics.md section 8
        Assert.Equal(0.00296, r.PairEnergyKeV);
        // sigma^2 = sigma_n^2 + eta F E: at 1 keVee sqrt(0.0685^2 + 0.00296 x 0.11 x 1) = 0.070873 keVee
        Assert.Equal(Math.Sqrt(0.0685 * 0.0685 + 0.00296 * 0.11), r.SigmaKeVee(1.0), 1e-12);
    }

    [Fact]
    public void NoiseFanoValuesOutsideTheirRangeNameTheKey()
    {
        var e = Assert.Throws<DefinitionFileException>(() => DetectorFacts.Resolution(Resolution("{ model: noise-fano, noise_sigma_kevee: 0.07, fano: 1.5 }")));
        Assert.Equal("d.yaml:2: detector.resolution.fano: expected a Fano factor in [0, 1]", e.Message);
    }

    [Fact]
    public void UnknownModelListsTheKnownOnes()
    {
        var e = Assert.Throws<DefinitionFileException>(() => DetectorFacts.Resolution(Resolution("{ model: lorentzian }")));
        Assert.EndsWith("unknown resolution model 'lorentzian' (known: stochastic, fwhm-sqrt, noise-fano, poisson-pe, gamma-pe)", e.Message);
    }
}
