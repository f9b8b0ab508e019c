using Cevns.Datasets;
using Cevns.Detectors;
using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Physics.Nuclei;
using Cevns.Sources;

namespace Cevns.Tests.Datasets;

/// <summary>
/// The fast path (flux moments on the recoil grid, response matrix) against a slow reference: a direct double
/// integral over neutrino and recoil energy with composite Simpson rules, evaluating dsigma/dT point by point.
/// </summary>
public class BinnedSignalTests
{
    private static readonly TargetMaterial CsI = NuclearCatalog.FindTarget("CsI")!;
    private static readonly PionDecayAtRestFlux Flux = new(0.0848, 3.198e23, 19.3);
    private const double UnitsPerKgTimesMass = 14.6;

    private static double Threshold(double t, double thrMeV) => t >= thrMeV ? 1 : 0;

    private static double FastTotal(PhysicsParameters p, double thrMeV, int panels, TargetMaterial? target = null, CrossSectionOptions? options = null)
    {
        target ??= CsI;
        var grid = BinnedSignal.GridFor(target, ScatteringChannel.Cevns, Flux, thrMeV, panels, 8);
        var response = ResponseMatrix.Build(grid, 1, (t, _) => Threshold(t, thrMeV));
        var signal = new BinnedSignal(target, target.UnitsPerKg * UnitsPerKgTimesMass, Flux, ScatteringChannel.Cevns, response, options ?? CrossSectionOptions.Default);
        return signal.Predict(p).Values.Sum(v => v[0]);
    }

    /// <summary>Direct integration: sum over isotopes and species of int dT int dE phi(E) dsigma/dT.</summary>
    private static double SlowTotal(PhysicsParameters p, double thrMeV, TargetMaterial? target = null, CrossSectionOptions? options = null)
    {
        target ??= CsI;
        var xs = TargetCrossSection.Build(target, ScatteringChannel.Cevns, p, options ?? CrossSectionOptions.Default);
        double units = target.UnitsPerKg * UnitsPerKgTimesMass, fluence = PionDecayAtRestFlux.FluencePerFlavour(0.0848, 3.198e23, 19.3);
        double total = 0;
        foreach (var w in xs)
        {
            double m = ((CevnsCrossSection)w.CrossSection).Isotope.NuclearMassMeV;
            double tMax = Kinematics.MaxRecoilMeV(MichelSpectraEnd, m);
            total += w.AtomsPerUnit * Simpson(t =>
            {
                // prompt line
                double sum = fluence * w.CrossSection.Cm2PerMeV(NeutrinoSpecies.NuMu, PionDecayAtRestFlux.PromptLineEnergyMeV, t);
                double eMin = Math.Max(w.CrossSection.MinNeutrinoEnergyMeV(t), 1e-9);
                if (eMin < MichelSpectraEnd)
                    sum += Simpson(e => Flux.ContinuousDensity(NeutrinoSpecies.NuE, e) * w.CrossSection.Cm2PerMeV(NeutrinoSpecies.NuE, e, t)
                                       + Flux.ContinuousDensity(NeutrinoSpecies.NuMuBar, e) * w.CrossSection.Cm2PerMeV(NeutrinoSpecies.NuMuBar, e, t),
                                  eMin, MichelSpectraEnd, 400);
                return sum;
            }, thrMeV, tMax, 2000);
        }
        return units * total;
    }

    private static double MichelSpectraEnd => Constants.MuonMassMeV / 2;

    private static double Simpson(Func<double, double> f, double a, double b, int n)
    {
        if (b <= a) return 0;
        double h = (b - a) / n, s = f(a) + f(b);
        for (int i = 1; i < n; i++) s += (i % 2 == 1 ? 4 : 2) * f(a + i * h);
        return s * h / 3;
    }

    [Fact]
    public void FastPathAgreesWithDirectDoubleIntegral()
    {
        var p = PhysicsParameters.StandardModel;
        double fast = FastTotal(p, 0.005, 60), slow = SlowTotal(p, 0.005);
        Assert.InRange(fast / slow - 1, -1e-4, 1e-4);
    }

    [Fact]
    public void FastPathAgreesWithDirectIntegralAwayFromTheStandardModel()
    {
        var p = PhysicsParameters.StandardModel.With("sin2_theta_w", 0.30).With("rn.Cs", 5.5).With("charge_radius.mu", 5.0);
        double fast = FastTotal(p, 0.003, 60), slow = SlowTotal(p, 0.003);
        Assert.InRange(fast / slow - 1, -1e-4, 1e-4);
    }

    /// <summary>The proton radii rp.&lt;El&gt; reach the kernels (they are part of the kernel key, as the neutron radii).</summary>
    [Fact]
    public void FastPathAgreesWithDirectIntegralForOtherProtonRadii()
    {
        var p = PhysicsParameters.StandardModel.With("rp.Cs", 5.3).With("rp.I", 4.2).With("sin2_theta_w", 0.15);
        double fast = FastTotal(p, 0.003, 60), slow = SlowTotal(p, 0.003);
        Assert.InRange(fast / slow - 1, -1e-4, 1e-4);
        Assert.True(Math.Abs(fast / FastTotal(PhysicsParameters.StandardModel.With("sin2_theta_w", 0.15), 0.003, 60) - 1) > 1e-3);
    }

    /// <summary>Per-isotope radii of a named set (D1S) in the kernels against the per-isotope cross sections.</summary>
    [Fact]
    public void FastPathAgreesWithDirectIntegralForPerIsotopeRadii()
    {
        var ge = NuclearCatalog.FindTarget("Ge")!;
        var d1s = CrossSectionOptions.Default with { NuclearRadii = NuclearRadiusModel.D1S };
        foreach (var p in new[] { PhysicsParameters.StandardModel, PhysicsParameters.StandardModel.With("rn.Ge", 4.6).With("rp.Ge", 4.1) })
        {
            double fast = FastTotal(p, 0.003, 60, ge, d1s), slow = SlowTotal(p, 0.003, ge, d1s);
            Assert.InRange(fast / slow - 1, -1e-4, 1e-4);
            Assert.True(fast / FastTotal(p, 0.003, 60, ge) - 1 > 5e-3);   // smaller D1S radii: more events than the element radii
        }
    }

    [Fact]
    public void DoublingTheRecoilGridChangesTheTotalByLessThan1e4()
    {
        var p = PhysicsParameters.StandardModel;
        double a = FastTotal(p, 0.005, 40), b = FastTotal(p, 0.005, 80);
        Assert.InRange(b / a - 1, -1e-4, 1e-4);
    }
}
