using Cevns.Physics;

namespace Cevns.Tests.Physics;

public class ParameterTests
{
    [Fact]
    public void StandardModelChargeRadiiMatchPhysicsSpec()
    {
        // docs/physics.md section 4: nu_e -0.83e-32 cm^2, nu_mu -0.48e-32 cm^2.
        Assert.Equal(-0.83, PhysicsParameters.StandardModel["charge_radius.e"], 2);
        Assert.Equal(-0.48, PhysicsParameters.StandardModel["charge_radius.mu"], 2);
    }

    [Fact]
    public void ChargeRadiusCouplingShiftMatchesSpec()
    {
        // docs/physics.md section 2: Qtilde_ee ~ -0.0198, Qtilde_mumu ~ -0.0114, Qtilde_tautau ~ -0.0071.
        Assert.Equal(-0.0198, ChargeRadius.CouplingShift(ChargeRadius.StandardModelCm2(Flavor.E)), 3);
        Assert.Equal(-0.0114, ChargeRadius.CouplingShift(ChargeRadius.StandardModelCm2(Flavor.Mu)), 3);
        Assert.Equal(-0.0071, ChargeRadius.CouplingShift(ChargeRadius.StandardModelCm2(Flavor.Tau)), 3);
    }

    [Fact]
    public void UnknownAndOutOfRangeParametersAreRejectedByName()
    {
        var p = PhysicsParameters.StandardModel;
        var e1 = Assert.Throws<ParameterException>(() => p.WithAssignment("sin2_theta=0.2"));
        Assert.Contains("sin2_theta", e1.Message);
        var e2 = Assert.Throws<ParameterException>(() => p.WithAssignment("sin2_theta_w=1.5"));
        Assert.Contains("sin2_theta_w", e2.Message);
        Assert.Contains("[0, 1]", e2.Message);
        var e3 = Assert.Throws<ParameterException>(() => p.With("rn.Ge", double.NaN));
        Assert.Contains("rn.Ge", e3.Message);
        Assert.Throws<ParameterException>(() => p.WithAssignment("magnetic_moment.e=-1"));
        Assert.Equal(4.5, p.WithAssignment("rn.Ge=4.5").NeutronRadiusFm("Ge"));
        Assert.Equal(4.22, p.NeutronRadiusFm("Ge"));
    }
}
