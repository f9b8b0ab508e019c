using Cevns.Physics;
using Cevns.Physics.CrossSections;

namespace Cevns.Tests.CrossSections;

public class ElectronScatteringTests
{
    private static readonly PhysicsParameters Sm = PhysicsParameters.StandardModel;

    [Theory]
    [InlineData("Ge", 0.02, 0)]        // below the ionisation threshold (lowest step, 0.0292 keV): no charge
    [InlineData("Ge", 0.0292, 0)]
    [InlineData("Ge", 0.02925, 10)]
    [InlineData("Ge", 0.0295, 10)]
    [InlineData("Ge", 0.1249, 18)]     // threshold itself: strictly above is required
    [InlineData("Ge", 0.15, 20)]
    [InlineData("Ge", 11.103, 30)]
    [InlineData("Ge", 11.2, 32)]
    [InlineData("Cs", 0.1, 0)]
    [InlineData("Cs", 0.165, 23)]
    [InlineData("I", 0.1229, 0)]
    [InlineData("Cs", 0.5, 27)]
    [InlineData("Cs", 40, 55)]
    [InlineData("I", 0.1235, 21)]
    [InlineData("I", 4.7, 47)]
    [InlineData("I", 34, 53)]
    public void EffectiveElectronCountFollowsTheStepTables(string element, double tKeV, int expected) =>
        Assert.Equal(expected, EffectiveElectronCount.For(element).At(tKeV * 1e-3));

    [Fact]
    public void IonisationThresholdIsTheLowestStepUnlessSetLower()
    {
        // docs/physics.md sec. 5: Ge 0.0292 keV, Cs 0.16 keV, I 0.123 keV
        Assert.Equal(0.0292e-3, EffectiveElectronCount.Germanium.IonisationThresholdMeV, 15);
        Assert.Equal(0.16e-3, EffectiveElectronCount.Cesium.IonisationThresholdMeV, 15);
        Assert.Equal(0.123e-3, EffectiveElectronCount.Iodine.IonisationThresholdMeV, 15);
        // a lower threshold (e.g. the 2.96 eV per pair of a Ge crystal) counts the electrons below the lowest step
        var ge = new EffectiveElectronCount("Ge", [(10, 0.0292)], 4, ionisationThresholdKeV: 0.00296);
        Assert.Equal(0, ge.At(0.0029e-3));
        Assert.Equal(4, ge.At(0.01e-3));
        Assert.Throws<ArgumentException>(() => new EffectiveElectronCount("Ge", [(10, 0.0292)], 4, ionisationThresholdKeV: 0.05));
        // the cross section vanishes below the threshold
        var xs = new ElectronScatteringCrossSection("Ge", Sm.With("millicharge.ee", 1000.0), CrossSectionOptions.Default);
        Assert.Equal(0.0, xs.Cm2PerMeV(NeutrinoSpecies.NuEBar, 3.0, 0.02e-3));
        Assert.True(xs.Cm2PerMeV(NeutrinoSpecies.NuEBar, 3.0, 0.03e-3) > 0);
    }

    [Fact]
    public void UnknownOrExcludedElementsAreReported()
    {
        var ex = Assert.Throws<ArgumentException>(() => EffectiveElectronCount.For("Ar"));
        Assert.Contains("'Ar'", ex.Message);
        Assert.True(EffectiveElectronCount.IsExcluded("Ar"));
        Assert.Equal(32, EffectiveElectronCount.Germanium.TotalElectrons);
        Assert.Equal(55, EffectiveElectronCount.Cesium.TotalElectrons);
        Assert.Equal(53, EffectiveElectronCount.Iodine.TotalElectrons);
    }

    [Fact]
    public void IntegratedFreeElectronCrossSectionMatchesTheClosedForm()
    {
        // One free electron (Z_eff = 1): int_0^Tmax dT K [a^2 + b^2 (1-T/E)^2 - c m_e T/E^2]
        //   = K [a^2 Tm + b^2 E/3 (1 - (1 - Tm/E)^3) - c m_e Tm^2/(2E^2)],  a = gV+gA, b = gV-gA, c = gV^2-gA^2.
        var free = new EffectiveElectronCount("free", [(1, 1e-9)], 1, ionisationThresholdKeV: 1e-15);
        var xs = new ElectronScatteringCrossSection(free, Sm, CrossSectionOptions.Default);
        double me = Constants.ElectronMassMeV, gf = Constants.FermiConstantPerMeV2, e = 10.0;
        double tm = Kinematics.MaxRecoilMeV(e, me);
        foreach (var (species, anti) in new[] { (NeutrinoSpecies.NuE, false), (NeutrinoSpecies.NuMuBar, true) })
        {
            var f = species.Flavor();
            double gv = WeakCouplings.ElectronVectorStandardModel(f, Sm.Sin2ThetaW);
            double ga = (anti ? -1 : 1) * WeakCouplings.ElectronAxialStandardModel(f);
            double a = gv + ga, b = gv - ga, c = gv * gv - ga * ga;
            double k = gf * gf * me / (2 * Math.PI) * Constants.InverseMeV2InCm2;
            double expected = k * (a * a * tm + b * b * e / 3 * (1 - Math.Pow(1 - tm / e, 3)) - c * me * tm * tm / (2 * e * e));
            // Simpson on 2000 intervals (integrand is a quadratic polynomial in T: exact up to rounding)
            int n = 2000;
            double h = tm / n, sum = 0;
            for (int i = 0; i <= n; i++)
            {
                double t = Math.Max(i * h, 1e-12);
                double w = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2);
                sum += w * xs.Coefficients(species, t).At(e);
            }
            Assert.Equal(1.0, sum * h / 3 / expected, 8);
        }
        // order-of-magnitude unit check: sigma(nu_e e) ~ 9e-45 cm^2 per MeV of neutrino energy for E >> m_e
        Assert.InRange(IntegrateSimple(xs, NeutrinoSpecies.NuE, e), 8.5e-44, 9.8e-44);
    }

    private static double IntegrateSimple(ElectronScatteringCrossSection xs, NeutrinoSpecies s, double e)
    {
        double tm = Kinematics.MaxRecoilMeV(e, Constants.ElectronMassMeV);
        int n = 1000;
        double sum = 0;
        for (int i = 0; i < n; i++)
            sum += xs.Cm2PerMeV(s, e, (i + 0.5) * tm / n);
        return sum * tm / n;
    }

    [Fact]
    public void MagneticMomentDominatesElectronScatteringAtLowRecoil()
    {
        // Ge, reactor anti-nu_e (E = 3 MeV), T_e = 0.1 keV, mu = 1e-10 mu_B: MM ~ Z_eff 6.4e-4 MeV^-2 * 1e-20 / 1e-4 MeV
        // versus weak ~ Z_eff G_F^2 m_e/(2 pi) * O(2): the magnetic term is > 100 times larger.
        var sm = new ElectronScatteringCrossSection("Ge", Sm, CrossSectionOptions.Default);
        var mm = new ElectronScatteringCrossSection("Ge", Sm.With("magnetic_moment.e", 1.0), CrossSectionOptions.Default);
        double weak = sm.Cm2PerMeV(NeutrinoSpecies.NuEBar, 3, 1e-4);
        double magnetic = mm.Cm2PerMeV(NeutrinoSpecies.NuEBar, 3, 1e-4) - weak;
        Assert.True(magnetic > 100 * weak);
    }

    [Fact]
    public void AntineutrinosFlipTheAxialCoupling()
    {
        // At T -> 0 the bracket is (gV+gA)^2 + (gV-gA)^2 = 2(gV^2 + gA^2) for both; the 1/E term -2T(gV-gA)^2 differs.
        var xs = new ElectronScatteringCrossSection("Cs", Sm, CrossSectionOptions.Default);
        double t = 2e-3;
        var nu = xs.Coefficients(NeutrinoSpecies.NuMu, t);
        var nubar = xs.Coefficients(NeutrinoSpecies.NuMuBar, t);
        Assert.Equal(nu.C0, nubar.C0, nu.C0 * 1e-14);
        double gv = WeakCouplings.ElectronVectorStandardModel(Flavor.Mu, Sm.Sin2ThetaW), ga = WeakCouplings.ElectronAxialStandardModel(Flavor.Mu);
        Assert.Equal(Math.Pow(gv + ga, 2) / Math.Pow(gv - ga, 2), nubar.C1 / nu.C1, 10);
    }
}
