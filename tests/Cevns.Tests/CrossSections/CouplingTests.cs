using Cevns.Physics;
using Cevns.Physics.CrossSections;

namespace Cevns.Tests.CrossSections;

public class CouplingTests
{
    private const double S0 = WeakCouplings.ReferenceSin2ThetaW;

    [Fact]
    public void ProtonAndNeutronCouplingsReproduceThePublishedValues()
    {
        // docs/physics.md section 2 / arXiv:2402.16709 at sin^2 = 0.23873, to the quoted digits.
        Assert.Equal(0.0379, Math.Round(WeakCouplings.ProtonVectorStandardModel(Flavor.E, S0), 4));
        Assert.Equal(0.0297, Math.Round(WeakCouplings.ProtonVectorStandardModel(Flavor.Mu, S0), 4));
        Assert.Equal(0.0253, Math.Round(WeakCouplings.ProtonVectorStandardModel(Flavor.Tau, S0), 4));
        Assert.Equal(-0.5117, WeakCouplings.NeutronVector);
    }

    [Fact]
    public void ProtonCouplingMovesWithSin2AsRadiativelyCorrectedTreeLevel()
    {
        // d gtilde/ds^2 = -2 rho kappa = -2 * 1.0086 * 0.9978 = -2.01276 (tree level: -2).
        double slope = (WeakCouplings.ProtonVectorWithoutChargeRadius(0.25) - WeakCouplings.ProtonVectorWithoutChargeRadius(0.23)) / 0.02;
        Assert.Equal(-2.01276216, slope, 8);
        Assert.Equal(0.01824, WeakCouplings.ProtonVectorWithoutChargeRadius(S0), 12);
        // the flavour differences are the charge radii alone and do not move with s^2
        double d0 = WeakCouplings.ProtonVectorStandardModel(Flavor.E, S0) - WeakCouplings.ProtonVectorStandardModel(Flavor.Tau, S0);
        double d1 = WeakCouplings.ProtonVectorStandardModel(Flavor.E, 0.21) - WeakCouplings.ProtonVectorStandardModel(Flavor.Tau, 0.21);
        Assert.Equal(d0, d1, 14);
        Assert.Equal(0.0126, d0, 4);
    }

    [Fact]
    public void ElectronCouplingsMatchPdgAndMoveOppositeToTheProton()
    {
        // PDG 2024 SM nu_mu-e couplings: g_V = -0.0396, g_A = -0.5064 (nu_mu charge radius included).
        Assert.Equal(-0.0396, WeakCouplings.ElectronVectorStandardModel(Flavor.Mu, S0), 12);
        Assert.Equal(-0.5064, WeakCouplings.ElectronAxialStandardModel(Flavor.Mu), 12);
        // nu_e: W exchange adds 1 to both; the charge radius difference to nu_mu is Qtilde_ee - Qtilde_mumu.
        double qee = ChargeRadius.CouplingShift(ChargeRadius.StandardModelCm2(Flavor.E));
        double qmm = ChargeRadius.CouplingShift(ChargeRadius.StandardModelCm2(Flavor.Mu));
        Assert.Equal(1 + qee - qmm, WeakCouplings.ElectronVectorStandardModel(Flavor.E, S0) - WeakCouplings.ElectronVectorStandardModel(Flavor.Mu, S0), 12);
        Assert.Equal(0.4936, WeakCouplings.ElectronAxialStandardModel(Flavor.E), 12);
        // slope +2 rho_nue kappa_nue = 2 * 1.0128 * 0.9964
        double slope = (WeakCouplings.ElectronVectorWithoutChargeRadius(0.25) - WeakCouplings.ElectronVectorWithoutChargeRadius(0.23)) / 0.02;
        Assert.Equal(2 * 1.0128 * 0.9964, slope, 9);
        // radiative corrections are small: within 0.01 of the tree level -1/2 + 2 s^2 without charge radius
        Assert.InRange(WeakCouplings.ElectronVectorWithoutChargeRadius(S0) - (-0.5 + 2 * S0), -0.01, 0.01);
    }

    [Fact]
    public void TauChargeRadiusEntersOnlyTheTauCoupling()
    {
        // Qtilde_tautau^SM = -(alpha/6pi)[3 - 2 ln(m_tau^2/m_W^2)] = -0.007064 (docs/physics.md: ~ -0.0071)
        Assert.Equal(-0.007064, ChargeRadius.CouplingShift(ChargeRadius.StandardModelCm2(Flavor.Tau)), 6);
        Assert.Equal(-0.2969, PhysicsParameters.StandardModel["charge_radius.tau"], 4);
    }

    [Fact]
    public void LeptonLoopFunctionLimitsAndContinuity()
    {
        Assert.Equal(0.0, ChargeRadius.LeptonLoopFunction(0.0));
        Assert.Equal(2e-7, ChargeRadius.LeptonLoopFunction(1e-6), 12);          // ~ x/5
        double x = 1e8;
        Assert.Equal(Math.Log(x) - 5.0 / 3, ChargeRadius.LeptonLoopFunction(x), 5); // ~ ln x - 5/3
        // series (x < 0.1) and closed form join smoothly
        double below = ChargeRadius.LeptonLoopFunction(0.1 - 1e-9), above = ChargeRadius.LeptonLoopFunction(0.1 + 1e-9);
        Assert.True(Math.Abs(above - below) < 1e-9);
        Assert.Throws<ArgumentOutOfRangeException>(() => ChargeRadius.LeptonLoopFunction(-1));
    }

    [Theory]
    [InlineData(0.05, 9.946822045709217e-03)]
    [InlineData(0.5, 9.500870829382403e-02)]
    [InlineData(10.0, 1.078835320858148)]
    [InlineData(1000.0, 5.247044215604943)]
    [InlineData(1e6, 1.214884989122403e+01)]
    public void LeptonLoopFunctionMatchesTheNumericalIntegral(double x, double expected)
    {
        // tests/Cevns.Tests/Reference/charge_radius_loop.py: F(x) = 6 int_0^1 t(1-t) ln(1 + t(1-t) x) dt by Simpson's rule
        Assert.Equal(1.0, ChargeRadius.LeptonLoopFunction(x) / expected, 9);
        // nu_e at |q| = 40 MeV: the SM shift falls to 0.72259 of its static value (same script)
        Assert.Equal(0.722594730269, ChargeRadius.StandardModelCouplingShift(Flavor.E, 1600) / ChargeRadius.StandardModelCouplingShift(Flavor.E, 0), 9);
    }

    [Fact]
    public void MomentumDependentChargeRadiusTendsToTheStaticValue()
    {
        foreach (var f in Enum.GetValues<Flavor>())
            Assert.Equal(ChargeRadius.CouplingShift(ChargeRadius.StandardModelCm2(f)), ChargeRadius.StandardModelCouplingShift(f, 0.0), 15);
        // nu_e at |q| = 40 MeV >> m_e: ln m_e^2 -> ~ln Q^2 - 5/3, the shift shrinks by about a quarter
        double ratio = ChargeRadius.StandardModelCouplingShift(Flavor.E, 1600) / ChargeRadius.StandardModelCouplingShift(Flavor.E, 0);
        Assert.InRange(ratio, 0.65, 0.8);
        // nu_tau: |q|^2 / m_tau^2 ~ 5e-4, essentially static
        Assert.Equal(1.0, ChargeRadius.StandardModelCouplingShift(Flavor.Tau, 1600) / ChargeRadius.StandardModelCouplingShift(Flavor.Tau, 0), 4);
    }
}
