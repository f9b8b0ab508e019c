using Cevns.Datasets;
using Cevns.Physics;
using Cevns.Tests.Datasets.CsI;
using Cevns.Tests.Datasets.Reactor;

namespace Cevns.Tests.Datasets;

/// <summary>
/// docs/physics.md sec. 4: reactor (anti-nu_e) and accelerator (nu_e) data constrain the same &lt;r^2_{nu_e}&gt;, so the
/// far solutions of both (the second minimum of an Asimov chi^2 at the SM, where the CEvNS amplitude has the SM size
/// and the opposite sign) lie on the same side of zero. The expected nu_e (anti-nu_e) CEvNS counts are exactly quadratic
/// in &lt;r^2&gt; (the amplitude is linear in it), N(r) = c + b x + a x^2 with x = r - r_SM, so the second solution of
/// N(r) = N(r_SM) is r_SM - b/a, from three predictions. With the old convention (beyond-SM part flipped for anti-nu)
/// the reactor solution was at about +50e-32 cm^2, the accelerator one at about -50e-32 cm^2.
/// </summary>
public class ChargeRadiusSecondMinimumTests
{
    private const double StepE32 = 20;

    private static double FarSolution(IDataset dataset, NeutrinoSpecies species)
    {
        double rSm = PhysicsParameters.StandardModel["charge_radius.e"];
        double N(double r) => dataset.Predict(PhysicsParameters.StandardModel.With("charge_radius.e", r)).CevnsTotalBySpecies[species];
        double minus = N(rSm - StepE32), centre = N(rSm), plus = N(rSm + StepE32);
        double a = (plus + minus - 2 * centre) / (2 * StepE32 * StepE32), b = (plus - minus) / (2 * StepE32);
        Assert.True(a > 0);
        return rSm - b / a;
    }

    [Fact]
    public void ReactorAndAcceleratorFarSolutionsLieOnTheSameSide()
    {
        double reactor = FarSolution(ReactorTestData.Dresden, NeutrinoSpecies.NuEBar);
        double accelerator = FarSolution(CsIData.Csi2021, NeutrinoSpecies.NuE);
        // both negative: the proton coupling must become ~ -(gtilde Z + 2 g_V^n N)/Z, i.e. Qtilde ~ -1.2 (r ~ -50e-32 cm^2)
        Assert.InRange(reactor, -80, -30);
        Assert.InRange(accelerator, -80, -30);
    }
}
