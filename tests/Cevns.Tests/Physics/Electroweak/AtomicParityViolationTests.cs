using Cevns.Physics;
using Cevns.Physics.Electroweak;
using Cevns.Physics.Nuclei;

namespace Cevns.Tests.Physics.Electroweak;

public class AtomicParityViolationTests
{
    /// <summary>
    /// Hand calculation: E_PNC = 1.5935e-3 V/cm x 27.024 a0^3 / 5.14220674763e9 V/cm = 8.37437e-12 |e| a0;
    /// Q_W = -78 x 0.837437 / 0.8977 = -72.764.
    /// </summary>
    [Fact]
    public void WeakChargeFromTheMeasuredAmplitude()
    {
        double q = AtomicParityViolation.WeakChargeFromAmplitude(78, 1.5935, 27.024, 0.8977);
        Assert.Equal(-78 * (1.5935e-3 * 27.024 / 5.14220674763e9) / 0.8977e-11, q, 9);
        Assert.Equal(-72.764, q, 3);
        double rel = AtomicParityViolation.RelativeError(1.5935, 0.0056, 27.024, 0.080, 0.8977, 0.0040);
        Assert.Equal(Math.Sqrt(Math.Pow(0.0056 / 1.5935, 2) + Math.Pow(0.080 / 27.024, 2) + Math.Pow(0.004 / 0.8977, 2)), rel, 12);
    }

    /// <summary>
    /// Closed form: a uniform sphere with the charge radius has x = 1, q = 1 - (Z alpha)^2 (3/10 - 3/70 + 1/450);
    /// for Cs (Z alpha)^2 = 0.161087, q = 0.958220.
    /// </summary>
    [Fact]
    public void OverlapOfTheChargeSphere()
    {
        double za2 = Math.Pow(55 / 137.035999, 2);
        Assert.Equal(1 - za2 * (0.3 - 3.0 / 70 + 1.0 / 450), AtomicParityViolation.Overlap(55, 4.8041, 4.8041), 12);
    }

    /// <summary>
    /// The skin correction N Q_W^n (q_n / q_p - 1) at the catalogue defaults against tests/Cevns.Tests/Reference/apv_skin_weighting.py,
    /// which derives the weighting from the s1/2 and p1/2 Dirac solutions inside a uniformly charged sphere (exact fractions to
    /// O((Z alpha)^2)) and integrates q = int rho f numerically instead of through the moments: 133Cs (R_n = 5.01 fm,
    /// R_p = 4.7473 fm, R_ch = 4.8041 fm) +0.314622; 208Pb (R_n = 5.74 fm, R_p = 5.4529 fm, R_ch = 5.5012 fm) +1.138731.
    /// </summary>
    [Fact]
    public void SkinCorrectionMatchesTheReferenceScript()
    {
        double s2 = Constants.Sin2ThetaWLowEnergy;
        var cs = NuclearCatalog.Cs133;
        double csShift = AtomicParityViolation.EffectiveWeakCharge(55, 78, s2, 5.01, cs.PointProtonRadiusFm, cs.ChargeRadiusFm)
                         - WeakCharges.NuclearWeakCharge(55, 78, s2);
        Assert.Equal(0.314622, csShift, 5);
        var pb = NuclearCatalog.Pb208;
        double pbShift = AtomicParityViolation.EffectiveWeakCharge(82, 126, s2, 5.74, pb.PointProtonRadiusFm, pb.ChargeRadiusFm)
                         - WeakCharges.NuclearWeakCharge(82, 126, s2);
        Assert.Equal(1.138731, pbShift, 5);
    }

    /// <summary>No skin, no correction; a skin makes |Q_W,eff| smaller, about linearly in R_n - R_p.</summary>
    [Fact]
    public void NeutronSkinReducesTheEffectiveWeakCharge()
    {
        var cs = NuclearCatalog.Cs133;
        double s2 = Constants.Sin2ThetaWLowEnergy;
        double noSkin = AtomicParityViolation.EffectiveWeakCharge(55, 78, s2, cs.PointProtonRadiusFm, cs.PointProtonRadiusFm, cs.ChargeRadiusFm);
        Assert.Equal(WeakCharges.NuclearWeakCharge(55, 78, s2), noSkin, 12);
        double skin1 = AtomicParityViolation.EffectiveWeakCharge(55, 78, s2, cs.PointProtonRadiusFm + 0.1, cs.PointProtonRadiusFm, cs.ChargeRadiusFm);
        double skin2 = AtomicParityViolation.EffectiveWeakCharge(55, 78, s2, cs.PointProtonRadiusFm + 0.2, cs.PointProtonRadiusFm, cs.ChargeRadiusFm);
        Assert.True(skin1 > noSkin && skin2 > skin1);
        // leading order: dQ/dR_n = -N Q_W^n (Z alpha)^2 (3/5) R_n / R_ch^2 (1 - ...) ~ 78 x 0.989 x 0.161 x 0.6 x 4.75 / 23.08 = 1.53 per fm,
        // reduced by the r^4 term to ~ 1.1 per fm
        double slope = (skin1 - noSkin) / 0.1;
        Assert.InRange(slope, 0.9, 1.6);
    }
}
