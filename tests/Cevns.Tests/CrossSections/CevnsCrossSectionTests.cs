using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Physics.FormFactors;
using Cevns.Physics.Nuclei;

namespace Cevns.Tests.CrossSections;

public class CevnsCrossSectionTests
{
    private static readonly PhysicsParameters Sm = PhysicsParameters.StandardModel;

    private static CevnsCrossSection Ge72(PhysicsParameters p, CrossSectionOptions? o = null) =>
        new(NuclearCatalog.Ge72, p, new HelmFormFactor(4.08), new HelmFormFactor(p.NeutronRadiusFm("Ge")), o ?? CrossSectionOptions.Default);

    [Fact]
    public void UnitConversionMatchesAHandCalculation()
    {
        // Ge72, nu_mu, E = 30 MeV, T = 1e-6 keV (F = 1 and 1 - MT/2E^2 = 1 to 4e-8):
        // M = 71.922075826 u * 931.49410242 MeV/u - 32 m_e = 66978.6375 MeV
        // g_V^p(nu_mu) = 0.01824 + 0.0114347 = 0.0296747; Q = 32 * 0.0296747 - 40 * 0.5117 = -19.51841, Q^2 = 380.968
        // G_F^2 M / pi = (1.1663788e-11)^2 * 66978.6375 / pi = 2.900452e-18 MeV^-3
        // (hbar c)^2 = (197.3269804e-13 cm MeV)^2 = 3.893794e-22 cm^2 MeV^2; per keV: * 1e-3
        // dsigma/dT = 2.900452e-18 * 380.968 * 3.893794e-22 * 1e-3 = 4.30256e-40 cm^2/keV
        var target = NuclearCatalog.FindTarget("Ge72")!;
        double xs = TargetCrossSection.DifferentialCm2PerKeV(target, NeutrinoSpecies.NuMu, 30, 1e-6, ScatteringChannel.Cevns, Sm, CrossSectionOptions.Default);
        Assert.Equal(4.30256e-40, xs, 4.30256e-40 * 2e-6);
    }

    [Fact]
    public void ZeroAboveTheKinematicLimit()
    {
        var xs = Ge72(Sm);
        double e = 10.0, m = NuclearCatalog.Ge72.NuclearMassMeV;
        double tMax = Kinematics.MaxRecoilMeV(e, m);
        Assert.Equal(2 * e * e / (m + 2 * e), tMax, 15);
        Assert.Equal(e, Kinematics.MinNeutrinoEnergyMeV(tMax, m), 10);
        Assert.Equal(e, xs.MinNeutrinoEnergyMeV(tMax), 10);
        Assert.True(xs.Cm2PerMeV(NeutrinoSpecies.NuMu, e, tMax * 0.999) > 0);
        Assert.Equal(0.0, xs.Cm2PerMeV(NeutrinoSpecies.NuMu, e, tMax * 1.001));
        // at T_max the kinematic factor 1 - MT/2E^2 equals 2E/(M+2E) > 0, and with the T/E term exactly 0
        var exact = Ge72(Sm, new CrossSectionOptions { IncludeRecoilOverEnergyTerm = true });
        Assert.True(Math.Abs(exact.Coefficients(NeutrinoSpecies.NuMu, tMax).At(e)) < 1e-12 * xs.Coefficients(NeutrinoSpecies.NuMu, tMax).At(e));
    }

    [Theory]
    [InlineData("charge_radius.e", 2.0)]
    [InlineData("charge_radius.e", -40.0)]
    [InlineData("charge_radius.e_mu", 15.0)]
    [InlineData("millicharge.ee", 2000.0)]
    [InlineData("millicharge.e_tau", -3000.0)]
    public void AntineutrinoAndNeutrinoCevnsAreEqualAtAnyChargeRadiusOrMillicharge(string parameter, double value)
    {
        // docs/physics.md sec. 4: written in the neutrino's <r^2> and q, the shift of the vector coupling is the same
        // for nu and anti-nu, so the CEvNS cross sections (vector coupling only) agree, at every recoil.
        var xs = Ge72(Sm.With(parameter, value));
        var sm = Ge72(Sm);
        double e = 30;
        foreach (double t in new[] { 1e-4, 5e-3, 2e-2 })
        {
            double nu = xs.Cm2PerMeV(NeutrinoSpecies.NuE, e, t), nubar = xs.Cm2PerMeV(NeutrinoSpecies.NuEBar, e, t);
            Assert.Equal(1.0, nubar / nu, 14);
            Assert.NotEqual(sm.Cm2PerMeV(NeutrinoSpecies.NuE, e, t), nu); // the parameter does act
        }
        // the same through the fast kernel path of a binned reactor signal is tested in SignalKernelTests
    }

    [Fact]
    public void TauChargeRadiusChangesOnlyNuTau()
    {
        var sm = Ge72(Sm);
        var p = Sm.With("charge_radius.tau", 20.0);
        var bsm = Ge72(p);
        double t = 1e-9, e = 30; // F = 1
        foreach (var s in new[] { NeutrinoSpecies.NuE, NeutrinoSpecies.NuMu, NeutrinoSpecies.NuEBar, NeutrinoSpecies.NuMuBar })
            Assert.Equal(sm.Cm2PerMeV(s, e, t), bsm.Cm2PerMeV(s, e, t));
        // nu_tau: g_V^p = gtilde - Qtilde(20e-32 cm^2), hand formula at F = 1
        double gp = WeakCouplings.ProtonVectorWithoutChargeRadius(p.Sin2ThetaW) - ChargeRadius.CouplingShift(20e-32);
        double q = gp * 32 + WeakCouplings.NeutronVector * 40;
        double m = NuclearCatalog.Ge72.NuclearMassMeV, gf = Constants.FermiConstantPerMeV2;
        double expected = gf * gf * m / Math.PI * q * q * (1 - m * t / (2 * e * e)) * Constants.InverseMeV2InCm2;
        Assert.Equal(1.0, bsm.Cm2PerMeV(NeutrinoSpecies.NuTau, e, t) / expected, 7);
    }

    [Fact]
    public void NsiThatCancelsTheWeakChargeGivesZero()
    {
        // Solve gp + 2 eu + ed = 0 and gn + eu + 2 ed = 0 for nu_e.
        double gp = WeakCouplings.ProtonVectorStandardModel(Flavor.E, Sm.Sin2ThetaW), gn = WeakCouplings.NeutronVector;
        double eu = (-2 * gp + gn) / 3, ed = (-2 * gn + gp) / 3;
        var p = Sm.With("nsi.u.ee", eu).With("nsi.d.ee", ed);
        var xs = Ge72(p);
        double reference = Ge72(Sm).Cm2PerMeV(NeutrinoSpecies.NuE, 30, 5e-3);
        foreach (var t in new[] { 1e-4, 5e-3, 2e-2 })
            Assert.True(xs.Cm2PerMeV(NeutrinoSpecies.NuE, 30, t) < 1e-13 * reference);
        // nu_mu is untouched
        Assert.Equal(Ge72(Sm).Cm2PerMeV(NeutrinoSpecies.NuMu, 30, 5e-3), xs.Cm2PerMeV(NeutrinoSpecies.NuMu, 30, 5e-3));
    }

    [Theory]
    [InlineData(VectorMediatorModel.Universal, 1.0)]
    [InlineData(VectorMediatorModel.BMinusL, -1.0 / 3)]
    public void HeavyVectorMediatorEqualsTheCorrespondingNsi(VectorMediatorModel model, double quarkChargeTimesNeutrino)
    {
        // M' >> |q|: g'^2 x_q / (sqrt2 G_F M'^2) per quark = eps^u = eps^d.
        double mass = 1e5, eps = 0.05;
        double coupling = Math.Sqrt(eps * Math.Sqrt(2) * Constants.FermiConstantPerMeV2 * mass * mass);
        var options = new CrossSectionOptions { VectorMediator = model };
        var zPrime = Ge72(Sm.With("vector_mediator.mass", mass).With("vector_mediator.coupling", coupling), options);
        double e = eps * quarkChargeTimesNeutrino;
        var nsi = Ge72(Sm.With("nsi.u.ee", e).With("nsi.d.ee", e).With("nsi.u.mumu", e).With("nsi.d.mumu", e));
        foreach (var s in new[] { NeutrinoSpecies.NuE, NeutrinoSpecies.NuMuBar })
            foreach (var t in new[] { 1e-3, 1e-2 })
                Assert.Equal(1.0, zPrime.Cm2PerMeV(s, 30, t) / nsi.Cm2PerMeV(s, 30, t), 6);
    }

    [Fact]
    public void MagneticMomentTermGrowsAsOneOverTAndOvertakesTheWeakTermAtLowRecoil()
    {
        // mu = 1e-10 mu_B on Ge72, reactor energy E = 3 MeV. MM term ~ (pi alpha^2/m_e^2) Z^2 mu^2 / T
        // = 6.4e-4 MeV^-2 * 1024 * 1e-20 / T; weak term ~ (G_F^2 M/pi) Q^2 (1 - MT/2E^2) = 2.9e-18 MeV^-3 * 381 * (1 - MT/2E^2).
        // At T = 0.1 keV (1 - MT/2E^2 = 0.63) the ratio is ~0.1: the magnetic moment does not dominate CEvNS there;
        // it overtakes the weak term below T ~ 6 eV (nuclear recoil) -- in nu-e scattering it dominates at 0.1 keV
        // (ElectronScatteringTests).
        var sm = Ge72(Sm);
        var mm = Ge72(Sm.With("magnetic_moment.e", 1.0));
        double Ratio(double t) => mm.Cm2PerMeV(NeutrinoSpecies.NuEBar, 3, t) / sm.Cm2PerMeV(NeutrinoSpecies.NuEBar, 3, t) - 1;
        Assert.InRange(Ratio(1e-4), 0.08, 0.12);
        Assert.True(Ratio(3e-6) > 1);
        double Term(double t) => mm.Cm2PerMeV(NeutrinoSpecies.NuEBar, 3, t) - sm.Cm2PerMeV(NeutrinoSpecies.NuEBar, 3, t);
        Assert.Equal(1.0, Term(1e-6) * 1e-6 / (Term(1e-4) * 1e-4), 2); // 1/T growth (F^2 and 1/E corrections < 3e-3)
        // analytic term: (pi alpha^2/m_e^2)(1/T - 1/E) Z^2 F_Z^2 mu^2
        double t0 = 1e-4, fz = new HelmFormFactor(4.08).At(Math.Sqrt(2 * NuclearCatalog.Ge72.NuclearMassMeV * t0) / Constants.HbarCMeVFm);
        double expected = Math.PI * Constants.Alpha * Constants.Alpha / Math.Pow(Constants.ElectronMassMeV, 2) * (1 / t0 - 1 / 3.0)
                          * Math.Pow(32 * fz, 2) * 1e-20 * Constants.InverseMeV2InCm2;
        double actual = mm.Cm2PerMeV(NeutrinoSpecies.NuEBar, 3, t0) - sm.Cm2PerMeV(NeutrinoSpecies.NuEBar, 3, t0);
        Assert.Equal(1.0, actual / expected, 9);
    }

    [Fact]
    public void CoefficientsReproduceTheEnergyDependence()
    {
        var p = Sm.With("magnetic_moment.mu", 100).With("scalar_mediator.mass", 5).With("scalar_mediator.coupling", 1e-5);
        var xs = Ge72(p, new CrossSectionOptions { IncludeRecoilOverEnergyTerm = true });
        double t = 2e-3;
        var c = xs.Coefficients(NeutrinoSpecies.NuMu, t);
        // dsigma/dT is exactly quadratic in 1/E: check three energies against a fourth
        double[] es = [20, 30, 45];
        double e4 = 37;
        double At(double e) => c.C0 + c.C1 / e + c.C2 / (e * e);
        foreach (var e in es)
            Assert.Equal(At(e), xs.Cm2PerMeV(NeutrinoSpecies.NuMu, e, t), At(e) * 1e-14);
        Assert.Equal(At(e4), c.At(e4), At(e4) * 1e-14);
        Assert.True(c.C0 > 0 && c.C1 < 0 && c.C2 != 0);
    }

    [Fact]
    public void BadRecoilIsRejectedWithTheParameterName()
    {
        var xs = Ge72(Sm);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => xs.Coefficients(NeutrinoSpecies.NuE, 0));
        Assert.Contains("recoilMeV", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => xs.Coefficients(NeutrinoSpecies.NuE, double.NaN));
    }
}
