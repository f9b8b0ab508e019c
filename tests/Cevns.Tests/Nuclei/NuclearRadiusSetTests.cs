using Cevns.Datasets;
using Cevns.Detectors;
using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Physics.FormFactors;
using Cevns.Physics.Nuclei;
using Cevns.Sources;

namespace Cevns.Tests.Nuclei;

/// <summary>
/// Named radius sets (nsm, d1s, d1m of the joint germanium analysis, arXiv:2506.13555 Table I as quoted in docs/physics.md
/// sec. 3) and the proton-radius parameters rp.&lt;El&gt;.
/// </summary>
public class NuclearRadiusSetTests
{
    private static readonly PhysicsParameters Sm = PhysicsParameters.StandardModel;

    public static TheoryData<string, string, double, double> TableRows => new()
    {
        { "nsm", "Ge70", 4.055, 4.14 }, { "nsm", "Ge76", 4.099, 4.30 },
        { "d1s", "Ge72", 4.01, 4.07 }, { "d1s", "Ge74", 4.05, 4.13 },
        { "d1m", "Ge73", 3.97, 4.04 }, { "d1m", "Ge76", 3.99, 4.10 },
    };

    [Theory]
    [MemberData(nameof(TableRows))]
    public void SetsGiveTheTableRadiiAtTheDefaultsAndShiftWithTheParameters(string set, string isotope, double rp, double rn)
    {
        var model = NuclearRadiusSet.Parse(set);
        var iso = NuclearCatalog.Isotopes.Single(i => i.Name == isotope);
        Assert.Equal((rp, rn), NuclearRadiusSet.Radii(model, iso, Sm));
        var shifted = NuclearRadiusSet.Radii(model, iso, Sm.With("rp.Ge", 3.993 + 0.1).With("rn.Ge", 4.22 - 0.2));
        Assert.Equal(rp + 0.1, shifted.ProtonFm, 12);
        Assert.Equal(rn - 0.2, shifted.NeutronFm, 12);
    }

    [Fact]
    public void ElementsWithoutATableKeepTheElementRadii()
    {
        var p = Sm.With("rp.Cs", 4.9).With("rn.Cs", 5.3);
        Assert.Equal((4.9, 5.3), NuclearRadiusSet.Radii(NuclearRadiusModel.D1M, NuclearCatalog.Cs133, p));
        Assert.Equal((4.9, 5.3), NuclearRadiusSet.Radii(NuclearRadiusModel.Element, NuclearCatalog.Cs133, p));
        Assert.Equal(NuclearCatalog.RadiiOf("Ge").PointProtonRadiusFm, NuclearRadiusSet.Radii(NuclearRadiusModel.Element, NuclearCatalog.Ge72, Sm).ProtonFm);
        Assert.False(NuclearRadiusSet.TryParse("hfb", out _));
        Assert.True(NuclearRadiusSet.TryParse(" D1S ", out var m) && m == NuclearRadiusModel.D1S);
    }

    /// <summary>A named set on one isotope is the element model with rp.Ge, rn.Ge set to that isotope's table radii.</summary>
    [Fact]
    public void NamedSetOnOneIsotopeEqualsTheElementModelWithItsRadii()
    {
        var ge72 = NuclearCatalog.FindTarget("Ge72")!;
        var d1s = CrossSectionOptions.Default with { NuclearRadii = NuclearRadiusModel.D1S };
        double a = TargetCrossSection.DifferentialCm2PerKeV(ge72, NeutrinoSpecies.NuMu, 30, 15, ScatteringChannel.Cevns, Sm, d1s);
        double b = TargetCrossSection.DifferentialCm2PerKeV(ge72, NeutrinoSpecies.NuMu, 30, 15, ScatteringChannel.Cevns,
            Sm.With("rp.Ge", 4.01).With("rn.Ge", 4.07), CrossSectionOptions.Default);
        Assert.Equal(a, b, 1e-50);
        double element = TargetCrossSection.DifferentialCm2PerKeV(ge72, NeutrinoSpecies.NuMu, 30, 15, ScatteringChannel.Cevns, Sm, CrossSectionOptions.Default);
        Assert.True(a / element - 1 > 1e-3);
    }

    /// <summary>
    /// rp.Cs enters the proton form factor: the cross section equals a hand-built one with Helm(rp) for protons and
    /// Helm(rn) for neutrons (CevnsCrossSection with explicit form factors), and differs from the default.
    /// </summary>
    [Fact]
    public void ProtonRadiusParameterReachesTheProtonFormFactor()
    {
        var p = Sm.With("rp.Cs", 5.4);
        var cs = NuclearCatalog.FindTarget("Cs")!;
        double viaParameters = TargetCrossSection.DifferentialCm2PerKeV(cs, NeutrinoSpecies.NuE, 40, 20, ScatteringChannel.Cevns, p, CrossSectionOptions.Default);
        var byHand = new CevnsCrossSection(NuclearCatalog.Cs133, p, new HelmFormFactor(5.4), new HelmFormFactor(p.NeutronRadiusFm("Cs")), CrossSectionOptions.Default);
        Assert.Equal(byHand.Cm2PerMeV(NeutrinoSpecies.NuE, 40, 0.020) * 1e-3, viaParameters, 1e-50);
        double sm = TargetCrossSection.DifferentialCm2PerKeV(cs, NeutrinoSpecies.NuE, 40, 20, ScatteringChannel.Cevns, Sm, CrossSectionOptions.Default);
        Assert.NotEqual(sm, viaParameters);
    }

    /// <summary>The per-component caches of Z F_Z and N F_N follow the parameter point in any order.</summary>
    [Fact]
    public void KernelCachesFollowProtonAndNeutronRadiiInAnyOrder()
    {
        var csi = NuclearCatalog.FindTarget("CsI")!;
        var flux = new PionDecayAtRestFlux(0.0848, 3.198e23, 19.3);
        BinnedSignal Build()
        {
            var grid = BinnedSignal.GridFor(csi, ScatteringChannel.Cevns, flux, 0.004, 40, 8);
            return new BinnedSignal(csi, csi.UnitsPerKg, flux, ScatteringChannel.Cevns, ResponseMatrix.Build(grid, 1, (t, _) => t >= 0.004 ? 1 : 0), CrossSectionOptions.Default);
        }
        var points = new[] { Sm.With("rp.Cs", 4.9), Sm.With("rn.Cs", 5.3), Sm.With("rp.Cs", 4.9), Sm.With("rp.I", 4.5).With("rn.I", 5.2), Sm };
        var reused = Build();
        foreach (var p in points)
        {
            double again = reused.Predict(p).Values.Sum(v => v[0]);
            double fresh = Build().Predict(p).Values.Sum(v => v[0]);
            Assert.Equal(fresh, again, 1e-9 * fresh);
        }
    }

    [Fact]
    public void ProtonRadiusParametersAreListedWithTheCatalogueDefaults()
    {
        foreach (var e in NuclearCatalog.ElementDefaults)
        {
            Assert.True(ParameterCatalog.TryGet($"rp.{e.Element}", out var d));
            Assert.Equal(e.PointProtonRadiusFm, d.Default);
            Assert.Equal("fm", d.Unit);
            Assert.Equal(e.PointProtonRadiusFm, Sm.ProtonRadiusFm(e.Element));
        }
    }

    [Fact]
    public void GermaniumDatasetsOfferTheNuclearModelOption()
    {
        foreach (var id in new[] { "coherent-ge-2024", "conus-plus-2025", "texono-2024", "dresden-ii-2022" })
        {
            var def = DatasetRegistry.Find(id);
            Assert.Equal(NuclearRadiusModel.Element, def.CrossSectionOptions().NuclearRadii);
            Assert.Equal(NuclearRadiusModel.D1M, def.With([new("nuclear_model", "d1m")]).CrossSectionOptions().NuclearRadii);
            var e = Assert.Throws<DatasetException>(() => def.With([new("nuclear_model", "hfb")]));
            Assert.Contains("nuclear_model", e.Message);
        }
        Assert.Equal(CrossSectionOptions.Default, DatasetRegistry.Find("coherent-csi-2021").CrossSectionOptions());
    }
}
