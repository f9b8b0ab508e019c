using Cevns.Datasets;
using Cevns.Datasets.Kinds;
using Cevns.Physics;
using Cevns.Physics.CrossSections;

namespace Cevns.Tests.Datasets.Reactor;

/// <summary>
/// nu-e scattering starts at the target's ionisation threshold (docs/physics.md sec. 5): a recoil below the lowest
/// binding energy of the Z_eff table produces no charge, so the reactor ES predictions must not depend on the numerical
/// lower limit of the recoil integration, which the reactor definitions set far below the threshold for CEvNS
/// (min_recoil_kev = 1e-5: nuclear recoils reach the window through the noise). With the 1/T^2 millicharge and 1/T
/// magnetic-moment terms a spectrum that started at the numerical limit grew by orders of magnitude.
/// </summary>
public class ElectronScatteringThresholdTests
{
    private static readonly PhysicsParameters Millicharge = PhysicsParameters.StandardModel.With("millicharge.ee", 1.0);   // 1e-12 e
    private static readonly PhysicsParameters MagneticMoment = PhysicsParameters.StandardModel.With("magnetic_moment.e", 1.0); // 1e-10 mu_B

    [Fact]
    public void DresdenElectronScatteringDoesNotDependOnTheLowerIntegrationLimit()
    {
        var nominal = ReactorTestData.Dresden;
        var lower = ReactorSpectrumDataset.Create(nominal.Definition, ReactorTestData.Root, nominal.Grid with { MinRecoilKeV = nominal.Grid.MinRecoilKeV / 1000 });
        foreach (var p in new[] { PhysicsParameters.StandardModel, Millicharge, MagneticMoment })
        {
            double a = nominal.Predict(p).ElectronScatteringTotal, b = lower.Predict(p).ElectronScatteringTotal;
            Assert.True(a > 0);
            Assert.Equal(1.0, b / a, 12);
        }
    }

    [Fact]
    public void ConusElectronScatteringDoesNotDependOnTheLowerIntegrationLimit()
    {
        var nominal = ReactorTestData.Conus;
        var lower = ReactorRateDataset.Create(nominal.Definition, ReactorTestData.Root, nominal.Grid with { MinRecoilKeV = nominal.Grid.MinRecoilKeV / 1000 });
        double a = nominal.Predict(Millicharge).ElectronScatteringTotal, b = lower.Predict(Millicharge).ElectronScatteringTotal;
        Assert.True(a > 0);
        Assert.Equal(1.0, b / a, 12);
    }

    [Fact]
    public void NoElectronScatteringFromRecoilsBelowTheIonisationThreshold()
    {
        double threshold = EffectiveElectronCount.Germanium.IonisationThresholdMeV;
        Assert.Equal(0.0292e-3, threshold, 15);
        var es = ReactorTestData.Dresden.Signals.ElectronScattering!;
        Assert.Equal(threshold, es.Grid.MinMeV, 15);
        Assert.All(es.Grid.NodesMeV, t => Assert.True(t > threshold));
        // and the cross section itself is zero below it, so no other integration can pick such recoils up
        var xs = new ElectronScatteringCrossSection("Ge", Millicharge, CrossSectionOptions.Default);
        Assert.Equal(0.0, xs.Cm2PerMeV(NeutrinoSpecies.NuEBar, 5.0, 0.5 * threshold));
        Assert.Equal(threshold, ElectronRecoilGrid.IonisationThresholdMeV(ReactorTestData.Dresden.Definition.Target), 15);
    }
}
