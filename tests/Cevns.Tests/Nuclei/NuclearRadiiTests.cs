using Cevns.Physics.Nuclei;
using static Cevns.Tests.FormFactors.AnalyticFormFactorTests;

namespace Cevns.Tests.Nuclei;

/// <summary>
/// Point-proton radii from Angeli-Marinova charge radii, R_p^2 = R_ch^2 - r_p^2 - (N/Z) &lt;r_n^2&gt;
/// (docs/physics.md sec. 3), one procedure for every isotope, against tests/Cevns.Tests/Reference/form_factors.py,
/// section "point-proton radii from charge radii".
/// </summary>
public class NuclearRadiiTests
{
    public static TheoryData<string, double> ChargeDerivedProtonRadii => new()
    {
        { "Ge70", 3.97034883857829 },
        { "Ge72", 3.98774747821373 },
        { "Ge73", 3.9938996676181 },
        { "Ge74", 4.00554291950542 },
        { "Ge76", 4.01346507397286 },
        { "Cs133", 4.74730606861312 },
        { "I127", 4.69227973130252 },
        { "Ar36", 3.30219282295871 },
        { "Ar38", 3.31676574843627 },
        { "Ar40", 3.3439285204681 },
    };

    /// <summary>Before, the Ge isotopes carried the NSM table radii (4.055-4.099 fm) while Cs, I, Ar were charge-derived.</summary>
    [Theory]
    [MemberData(nameof(ChargeDerivedProtonRadii))]
    public void EveryCatalogueProtonRadiusFollowsFromTheChargeRadius(string name, double expected)
    {
        var isotope = NuclearCatalog.Isotopes.Single(i => i.Name == name);
        AssertRelative(expected, isotope.PointProtonRadiusFm, 1e-13);
    }

    /// <summary>
    /// The NSM proton radii of the joint germanium analysis (the "nsm" radius set) sit 0.085 fm above the point-proton
    /// radii and within 0.004 fm of sqrt(R_ch^2 - (N/Z) &lt;r_n^2&gt;) (script: -0.0034 ... -0.0016 fm): they keep the proton's
    /// own size. This pins the statement in NuclearCatalog.
    /// </summary>
    [Fact]
    public void NsmTableProtonRadiiKeepTheProtonSize()
    {
        foreach (var ge in NuclearCatalog.Isotopes.Where(i => i.Element == "Ge"))
        {
            var nsm = NuclearRadiusSet.TableRadii(NuclearRadiusModel.Nsm, ge)!.Value;
            Assert.InRange(nsm.ProtonFm - ge.PointProtonRadiusFm, 0.084, 0.086);
            double withProtonSize = Math.Sqrt(ge.ChargeRadiusFm * ge.ChargeRadiusFm
                                              - (double)ge.N / ge.Z * NuclearCatalog.NeutronMeanSquareChargeRadiusFm2);
            Assert.InRange(nsm.ProtonFm - withProtonSize, -0.004, 0.0);
        }
    }

    /// <summary>Ge element radii: abundance-weighted point-proton radius 3.993147 fm (script) and NSM neutron radius 4.22 fm.</summary>
    [Fact]
    public void ElementDefaultsAreTheMainIsotopeOrTheAbundanceMean()
    {
        Assert.Equal(3.993, NuclearCatalog.RadiiOf("Ge").PointProtonRadiusFm);
        Assert.Equal(4.22, NuclearCatalog.RadiiOf("Ge").DefaultNeutronRadiusFm);
        Assert.Equal(NuclearCatalog.Cs133.PointProtonRadiusFm, NuclearCatalog.RadiiOf("Cs").PointProtonRadiusFm);
        Assert.Equal(NuclearCatalog.I127.PointProtonRadiusFm, NuclearCatalog.RadiiOf("I").PointProtonRadiusFm);
        Assert.Equal(NuclearCatalog.Ar40.PointProtonRadiusFm, NuclearCatalog.RadiiOf("Ar").PointProtonRadiusFm);
        foreach (var e in NuclearCatalog.ElementDefaults)
            Assert.InRange(e.DefaultNeutronRadiusFm - e.PointProtonRadiusFm, 0.0, 0.4);
    }
}
