using Cevns.Physics.FormFactors;

namespace Cevns.Tests.FormFactors;

/// <summary>
/// Helm, symmetrized Fermi and Klein-Nystrand against the stdlib-only reference script
/// tests/Cevns.Tests/Reference/form_factors.py (section "Form factors"), which evaluates the textbook
/// closed forms; the C# symmetrized Fermi uses a rearranged cancellation-free form, so agreement
/// checks that rearrangement too. The script also checks the analytic SF against a numerical Fourier
/// transform of its density (max difference 2e-14).
/// </summary>
public class AnalyticFormFactorTests
{
    // R_rms (fm), q (fm^-1), Helm, SF, KN: printed by form_factors.py.
    public static TheoryData<double, double, double, double, double> ReferenceValues => new()
    {
        { 4.08, 0.05, 9.930830118848287e-01, 9.930836343409843e-01, 9.930841080567205e-01 },
        { 4.08, 0.1, 9.725587746054378e-01, 9.725685557147536e-01, 9.725759657837190e-01 },
        { 4.08, 0.2, 8.937791892131067e-01, 8.939247365993713e-01, 8.940330042030966e-01 },
        { 4.08, 0.3, 7.736488698246902e-01, 7.743010066985372e-01, 7.747713607979143e-01 },
        { 4.08, 0.5, 4.700198765827096e-01, 4.733852599128510e-01, 4.755725608409768e-01 },
        { 4.08, 0.7, 1.881142845081556e-01, 1.948907823994059e-01, 1.985435221328767e-01 },
        { 4.08, 1.0, -3.019916989715625e-02, -2.511688366294769e-02, -2.431319238059160e-02 },
        { 4.22, 0.05, 9.926014616486113e-01, 9.926020975668238e-01, 9.926025866251909e-01 },
        { 4.22, 0.1, 9.706636818894175e-01, 9.706736643126244e-01, 9.706813061238804e-01 },
        { 4.22, 0.2, 8.866795885327814e-01, 8.868275158875453e-01, 8.869386799870286e-01 },
        { 4.22, 0.3, 7.593483059593358e-01, 7.600063903107358e-01, 7.604856669014458e-01 },
        { 4.22, 0.5, 4.425240906041895e-01, 4.458362665026928e-01, 4.480049642940580e-01 },
        { 4.22, 0.7, 1.585990134617658e-01, 1.649662129638135e-01, 1.683942146333318e-01 },
        { 4.22, 1.0, -4.127405653435538e-02, -3.739855249237003e-02, -3.707866855972636e-02 },
        { 4.8, 0.05, 9.904354719503274e-01, 9.904361683874754e-01, 9.904367264192598e-01 },
        { 4.8, 0.1, 9.621640646771993e-01, 9.621749479178399e-01, 9.621836267748114e-01 },
        { 4.8, 0.2, 8.552063365533907e-01, 8.553646822593707e-01, 8.554885461580103e-01 },
        { 4.8, 0.3, 6.972140838716461e-01, 6.978965300504059e-01, 6.984131232211668e-01 },
        { 4.8, 0.5, 3.312730104223547e-01, 3.343401782528913e-01, 3.364108363255405e-01 },
        { 4.8, 0.7, 5.449498735061979e-02, 5.921445699440665e-02, 6.173943165184258e-02 },
        { 4.8, 1.0, -5.720741578943238e-02, -5.694594643398291e-02, -5.781561360982779e-02 },
        { 3.4, 0.05, 9.951928551003545e-01, 9.951934185433334e-01, 9.951938250022808e-01 },
        { 3.4, 0.1, 9.808851558093449e-01, 9.808940504188810e-01, 9.809004400619320e-01 },
        { 3.4, 0.2, 9.253292340209380e-01, 9.254640763585131e-01, 9.255593353674991e-01 },
        { 3.4, 0.3, 8.384555404675644e-01, 8.390792430978695e-01, 8.395077095998945e-01 },
        { 3.4, 0.5, 6.034772930083639e-01, 6.070681248894745e-01, 6.093205845143791e-01 },
        { 3.4, 0.7, 3.507261513068468e-01, 3.594951003716629e-01, 3.642439027050069e-01 },
        { 3.4, 1.0, 7.217467397578971e-02, 8.496822177958369e-02, 8.933432322925526e-02 },
    };

    [Theory]
    [MemberData(nameof(ReferenceValues))]
    public void ModelsMatchReferenceScript(double rms, double q, double helm, double sf, double kn)
    {
        AssertRelative(helm, new HelmFormFactor(rms).At(q), 1e-10);
        AssertRelative(sf, new SymmetrizedFermiFormFactor(rms).At(q), 1e-10);
        AssertRelative(kn, new KleinNystrandFormFactor(rms).At(q), 1e-10);
    }

    [Theory]
    // R_rms, Helm R0, SF c, KN R_A: form_factors.py section "Model parameters".
    [InlineData(4.08, 4.8676483028255, 4.63863531618291, 4.77953972679378)]
    [InlineData(4.22, 5.06267386532716, 4.8428921382998, 4.97801834736139)]
    [InlineData(4.8, 5.86088730483704, 5.67211932142999, 5.78791845139511)]
    [InlineData(3.4, 3.90085460721964, 3.61103922205312, 3.79033859525329)]
    public void ShapeParametersFollowFromRmsRadius(double rms, double helmR0, double sfC, double knRa)
    {
        AssertRelative(helmR0, new HelmFormFactor(rms).BoxRadiusFm, 1e-12);
        AssertRelative(sfC, new SymmetrizedFermiFormFactor(rms).HalfDensityRadiusFm, 1e-12);
        AssertRelative(knRa, new KleinNystrandFormFactor(rms).SphereRadiusFm, 1e-12);
    }

    [Theory]
    [InlineData(3.4)]
    [InlineData(4.22)]
    [InlineData(4.8)]
    public void EveryModelIsOneAtZeroMomentum(double rms)
    {
        foreach (var model in Enum.GetValues<FormFactorModel>())
            Assert.Equal(1.0, FormFactorFactory.Create(model, rms).At(0.0), 15);
    }

    /// <summary>
    /// F(q) = 1 - q^2 &lt;r^2&gt; / 6 + O(q^4): at q = 1e-3 fm^-1 the O(q^4) term changes the extracted
    /// R^2 by ~ q^2 &lt;r^4&gt; / (20 &lt;r^2&gt;) ~ 1e-6 relative; rounding adds ~1e-10 relative.
    /// Also probes the small-argument series branches (q R ~ 5e-3, pi q a ~ 1.6e-3).
    /// </summary>
    [Theory]
    [InlineData(3.4)]
    [InlineData(4.08)]
    [InlineData(4.8)]
    public void SmallMomentumExpansionGivesRmsRadius(double rms)
    {
        const double q = 1e-3;
        foreach (var model in Enum.GetValues<FormFactorModel>())
        {
            double f = FormFactorFactory.Create(model, rms).At(q);
            AssertRelative(rms * rms, 6 * (1 - f) / (q * q), 1e-5);
        }
    }

    /// <summary>
    /// Continuity across the series/closed-form switch of the symmetrized Fermi factor
    /// (pi q a = 0.1, i.e. q = 0.1 / (0.52 pi)) and of 3 j1(x)/x (x = 0.2). The points are 2e-13
    /// apart relative, so the true change |F'| dq is below 1e-14.
    /// </summary>
    /// <summary>The split used on a fixed q grid (surface factor once per q, box factor per radius) gives the numbers of the
    /// one-piece formula 3 j1(q R0)/(q R0) exp(-q^2 s^2/2) bit for bit, on both sides of the series switch of j1.</summary>
    [Fact]
    public void HelmWithPrecomputedSurfaceFactorIsTheOnePieceFormula()
    {
        foreach (double rms in new[] { 3.4, 4.78, 5.5, 7.9 })
        {
            var helm = new HelmFormFactor(rms);
            for (double q = 1e-4; q < 3; q *= 1.07)
            {
                double direct = SphericalBessel.ThreeJ1OverX(q * helm.BoxRadiusFm) * Math.Exp(-0.5 * q * q * 0.9 * 0.9);
                double split = helm.AtWithSurfaceFactor(q, HelmFormFactor.SurfaceFactor(q, HelmFormFactor.DefaultSurfaceThicknessFm));
                Assert.Equal(BitConverter.DoubleToInt64Bits(direct), BitConverter.DoubleToInt64Bits(split));
                Assert.Equal(BitConverter.DoubleToInt64Bits(direct), BitConverter.DoubleToInt64Bits(helm.At(q)));
            }
        }
    }

    [Fact]
    public void SymmetrizedFermiIsSmoothAcrossItsSeriesSwitch()
    {
        var sf = new SymmetrizedFermiFormFactor(4.22);
        foreach (double qSwitch in new[] { 0.1 / (Math.PI * 0.52), 0.2 / sf.HalfDensityRadiusFm })
        {
            double below = sf.At(qSwitch * (1 - 1e-13)), above = sf.At(qSwitch * (1 + 1e-13));
            Assert.True(Math.Abs(below - above) < 1e-13, $"jump {below - above:E2} at q = {qSwitch}");
        }
    }

    /// <summary>
    /// Helm (s = 0.9 fm) and symmetrized Fermi (a = 0.52 fm) at the same rms radius share the q^2 term;
    /// they differ at O(q^4) through the surface shape and the gap grows as F approaches its first zero
    /// (q R0 = 4.49). form_factors.py finds |F_H/F_SF - 1| &lt; 1 % for q below 0.540 (R = 4.08),
    /// 0.534 (4.22), 0.508 (4.8) and 0.567 (3.4) fm^-1. Tested range q &lt;= 0.5 fm^-1 (q R &lt;= 2.4)
    /// covers Ge recoils up to T = q^2/2M = 72 keV, i.e. essentially the whole SNS spectrum
    /// (T_max = 82 keV at E = 52.8 MeV) and reactor recoils (T &lt; 2 keV) trivially; for CsI (4.8 fm)
    /// it covers T &lt; 40 keV.
    /// </summary>
    [Theory]
    [InlineData(3.4)]
    [InlineData(4.08)]
    [InlineData(4.22)]
    [InlineData(4.8)]
    public void HelmAndSymmetrizedFermiAgreeWithinOnePercentBelowHalfInverseFermi(double rms)
    {
        var helm = new HelmFormFactor(rms);
        var sf = new SymmetrizedFermiFormFactor(rms);
        for (double q = 0.005; q <= 0.5 + 1e-12; q += 0.005)
        {
            double ratio = helm.At(q) / sf.At(q);
            Assert.True(Math.Abs(ratio - 1) < 0.01, $"R = {rms} fm, q = {q:F3} fm^-1: F_Helm/F_SF - 1 = {ratio - 1:E3}");
        }
        // Near the diffraction zero the models part (form_factors.py: -3.9 % at q = 0.7 for 4.22 fm).
        Assert.True(Math.Abs(helm.At(0.7) / sf.At(0.7) - 1) > 0.02);
    }

    [Fact]
    public void SymmetrizedFermiDensityIsNormalisedAndHasTheRmsRadius()
    {
        var sf = new SymmetrizedFermiFormFactor(4.22);
        // Simpson on [0, 30] fm with h = 0.005 fm; the density is ~e^-48 of its centre value at 30 fm.
        double norm = Simpson(r => 4 * Math.PI * r * r * sf.DensityAt(r), 0, 30, 6000);
        double r2 = Simpson(r => 4 * Math.PI * r * r * r * r * sf.DensityAt(r), 0, 30, 6000);
        Assert.Equal(1.0, norm, 10);
        AssertRelative(4.22 * 4.22, r2, 1e-10);
        // rho(c)/rho(0) = (1 + cosh(c/a)) / (2 cosh(c/a)): one half up to the symmetrisation term.
        double ca = sf.HalfDensityRadiusFm / sf.DiffusenessFm;
        AssertRelative(0.5 + 0.5 / Math.Cosh(ca), sf.DensityAt(sf.HalfDensityRadiusFm) / sf.DensityAt(0), 1e-13);
    }

    [Fact]
    public void SymmetrizedFermiFromShapeMatchesRmsConstructor()
    {
        var byRms = new SymmetrizedFermiFormFactor(4.8);
        var byShape = SymmetrizedFermiFormFactor.FromShape(byRms.HalfDensityRadiusFm, 0.52);
        AssertRelative(4.8, byShape.RmsRadiusFm, 1e-14);
        AssertRelative(byRms.At(0.4), byShape.At(0.4), 1e-14);
    }

    [Fact]
    public void RadiiBelowTheModelMinimumAreRejectedByName()
    {
        // SF needs R > sqrt(7/5) pi a = 1.933 fm; KN needs R > sqrt(6) a_k = 1.715 fm; Helm R > sqrt(3) s = 1.559 fm.
        var sf = Assert.Throws<ArgumentOutOfRangeException>(() => new SymmetrizedFermiFormFactor(1.9));
        Assert.Contains("rmsRadiusFm", sf.Message);
        Assert.Contains("1.933", sf.Message);
        var kn = Assert.Throws<ArgumentOutOfRangeException>(() => new KleinNystrandFormFactor(1.7));
        Assert.Contains("rmsRadiusFm", kn.Message);
        Assert.Contains("1.715", kn.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SymmetrizedFermiFormFactor(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KleinNystrandFormFactor(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SymmetrizedFermiFormFactor(4, diffusenessFm: 0));
        Assert.DoesNotContain('\n', sf.Message);
    }

    [Fact]
    public void FactoryBuildsEachModelWithDefaultShape()
    {
        Assert.IsType<HelmFormFactor>(FormFactorFactory.Create(FormFactorModel.Helm, 4.22));
        var sf = Assert.IsType<SymmetrizedFermiFormFactor>(FormFactorFactory.Create(FormFactorModel.SymmetrizedFermi, 4.22));
        Assert.Equal(0.52, sf.DiffusenessFm);
        var kn = Assert.IsType<KleinNystrandFormFactor>(FormFactorFactory.Create(FormFactorModel.KleinNystrand, 4.22));
        Assert.Equal(0.7, kn.YukawaRangeFm);
        Assert.True(FormFactorFactory.TryParse(" SF ", out var m) && m == FormFactorModel.SymmetrizedFermi);
        Assert.True(FormFactorFactory.TryParse("klein-nystrand", out m) && m == FormFactorModel.KleinNystrand);
        Assert.False(FormFactorFactory.TryParse("woods-saxon", out _));
    }

    internal static void AssertRelative(double expected, double actual, double tolerance)
    {
        double rel = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(rel <= tolerance, $"expected {expected:R}, got {actual:R} (relative difference {rel:E2} > {tolerance:E0})");
    }

    internal static double Simpson(Func<double, double> f, double lo, double hi, int n)
    {
        double h = (hi - lo) / n, s = f(lo) + f(hi);
        for (int i = 1; i < n; i++)
            s += (i % 2 == 1 ? 4 : 2) * f(lo + i * h);
        return s * h / 3;
    }

    /// <summary>
    /// The domain of each model in the rms radius, at its bound computed by hand (python3: math.sqrt(3)*0.9 etc.): Helm R0^2 = 5/3 (R^2 - 3 s^2) &gt; 0 gives
    /// R &gt; sqrt(3) 0.9 fm; symmetrized Fermi c^2 = 5/3 (R^2 - 7/5 pi^2 a^2) &gt; 0 gives R &gt; sqrt(7/5) pi 0.52 fm; Klein-Nystrand
    /// R_A^2 = 5/3 (R^2 - 6 a_k^2) &gt; 0 gives R &gt; sqrt(6) 0.7 fm. Just below the bound it is not defined, just above it is, and
    /// the constructor throws exactly where <see cref="FormFactorFactory.IsDefined"/> says no (at the bound too, whichever way
    /// rounding goes).
    /// </summary>
    [Theory]
    [InlineData(FormFactorModel.Helm, 1.5588457268119895)]
    [InlineData(FormFactorModel.SymmetrizedFermi, 1.9329349296022327)]
    [InlineData(FormFactorModel.KleinNystrand, 1.7146428199482244)]
    public void DomainStartsAtTheBoundRadius(FormFactorModel model, double boundFm)
    {
        Assert.False(FormFactorFactory.IsDefined(model, boundFm * (1 - 1e-12)));
        Assert.True(FormFactorFactory.IsDefined(model, boundFm * (1 + 1e-12)));
        foreach (var r in new[] { 0.0, 1.0, boundFm * (1 - 1e-12), boundFm, boundFm * (1 + 1e-12), 2.5, 5.0 })
        {
            bool threw = false;
            try { FormFactorFactory.Create(model, r); }
            catch (ArgumentOutOfRangeException) { threw = true; }
            Assert.Equal(!FormFactorFactory.IsDefined(model, r), threw);
        }
    }
}
