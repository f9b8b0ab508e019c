using Cevns.Datasets;
using Cevns.Datasets.Kinds;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Statistics;
using Xunit.Abstractions;

namespace Cevns.Tests.Datasets.Reactor;

/// <summary>
/// Likelihoods of the reactor datasets: Asimov data give chi^2 = 0 at their input and a fit returns the input; the
/// Dresden-II fit finds the CEvNS component; rate-only terms reproduce the published numbers they are built from.
/// </summary>
public class ReactorLikelihoodTests(ITestOutputHelper output)
{
    private static readonly PhysicsParameters Sm = PhysicsParameters.StandardModel;

    /// <summary>
    /// The fitting layer's global fit of a Dresden-II likelihood (<see cref="JointFit"/>): signal_norm free, or fixed at
    /// <paramref name="fixedSignalNorm"/> (0: background only), the background parameters profiled; besides the
    /// standard starts the minimiser also starts from the background fitted with the SM signal (the dataset's own).
    /// </summary>
    private static FitResult Fit(IDatasetLikelihood likelihood, ReactorSpectrumDataset d, double? fixedSignalNorm = null)
    {
        var spec = fixedSignalNorm is { } s
            ? new FitSpecification { Fixed = [new FixedValue(SignalParameters.SignalNorm, s)] }
            : new FitSpecification { Free = [SignalParameters.SignalNorm] };
        var fit = JointFit.Create([likelihood], spec);
        double[] start = [.. fixedSignalNorm is null ? [1.0] : Array.Empty<double>(), .. d.BackgroundAtStandardModel];
        return fit.Minimise(FitOptions.DefaultGlobalMinimiser with { StartPoints = [start] });
    }

    /// <summary>Background values of the SM fit with the M/L1 ratio at its prior centre (so the prior adds nothing).</summary>
    private static double[] BackgroundInput(ReactorSpectrumDataset d)
    {
        var x = d.BackgroundAtStandardModel.ToArray();
        x[d.Background.IndexOf("m_over_l1")] = 1.0;
        return x;
    }

    [Fact]
    public void DresdenAsimovGivesZeroChi2AtItsInput()
    {
        var d = ReactorTestData.Dresden;
        var l = d.Likelihood();
        Assert.False(l.RateOnly);
        Assert.Equal(130, l.DataPoints);
        Assert.Equal(7, l.Nuisances.Count);
        var scale = new SignalScale(1, 1, 1, 0.8);
        var x = BackgroundInput(d);
        var asimov = l.WithObserved(l.Expected(Sm, scale, x));
        Assert.Equal(0, asimov.Chi2(Sm, scale, x), 12);
        // and not zero elsewhere: without the signal the same background is far off
        Assert.True(asimov.Chi2(Sm, new SignalScale(1, 1, 1, 0.0), x) > 5);
    }

    [Fact]
    public void DresdenFitOfAsimovDataReturnsItsInput()
    {
        var d = ReactorTestData.Dresden;
        var l = d.Likelihood();
        var x = BackgroundInput(d);
        var asimov = l.WithObserved(l.Expected(Sm, new SignalScale(1, 1, 1, 0.7), x));
        var fit = Fit(asimov, d);
        Assert.True(fit.Converged, fit.Message);
        Assert.InRange(fit.Chi2, 0, 1e-4);
        Assert.InRange(fit.X[0], 0.7 - 2e-3, 0.7 + 2e-3);
        for (int i = 0; i < x.Length; i++)
            Assert.InRange(fit.X[i + 1], x[i] - 1e-2 * Math.Abs(x[i]) - 1e-3, x[i] + 1e-2 * Math.Abs(x[i]) + 1e-3);
    }

    /// <summary>
    /// The fit to the Rx-ON data (Fef, HMVE) with the background model free finds a CEvNS component well above zero:
    /// signal_norm = 1.16 (SM-like, as the abstract says of the Fef model) and Delta chi^2 = 7.7 against background only
    /// (2.8 sigma; p = 2.7e-3 one-sided). Published (abstract): p &lt; 1.2e-3, i.e. Delta chi^2 &gt; 9.2 one-sided. Why
    /// ours is weaker (written down, not tuned away): (1) the released error column includes the signal-acceptance
    /// uncertainty, which is correlated between bins but can only be treated as uncorrelated from the release
    /// (chi^2_min / dof = 103.6 / 122 = 0.85 shows the errors exceed the scatter); (2) the collaboration's own fit and
    /// likelihood are not public; (3) the background model is the public re-analysis' (e.g. its Minuit bounds on the L1
    /// height, 75-150, are not used here). In the background-only fit the exponential part absorbs the signal
    /// (amplitude 139 -&gt; 156, slope 3.88 -&gt; 4.13 per keVee). The test asserts the robust features: a best fit
    /// within [0.5, 2] of the SM and a preference above 2 sigma.
    /// </summary>
    [Fact]
    public void DresdenFitFindsTheCevnsComponentWithFef()
    {
        var d = ReactorTestData.Dresden;
        var l = d.Likelihood();
        var free = Fit(l, d);
        var none = Fit(l, d, fixedSignalNorm: 0);
        Assert.True(free.Converged, free.Message);
        Assert.True(none.Converged, none.Message);
        double dchi2 = none.Chi2 - free.Chi2;
        output.WriteLine($"Fef/HMVE: signal_norm = {free.X[0]:F3}, chi2 = {free.Chi2:F2} ({l.DataPoints - 8} dof), background only chi2 = {none.Chi2:F2}, Delta chi2 = {dchi2:F2}, sqrt = {Math.Sqrt(Math.Max(dchi2, 0)):F2} sigma");
        for (int i = 1; i < free.X.Count; i++)
            output.WriteLine($"  {free.Problem.Parameters[i].Name}: with signal {free.X[i]:G5}, background only {none.X[i - 1]:G5}");
        Assert.InRange(free.X[0], 0.5, 2.0);
        Assert.True(dchi2 > 4, $"Delta chi2 {dchi2}");
        Assert.InRange(free.Chi2 / (l.DataPoints - 8), 0.6, 1.2);
    }

    [Theory]
    [InlineData("fef", "efk")]
    [InlineData("fef", "hmk")]
    [InlineData("ybe", "hmve")]
    [InlineData("ybe", "efk")]
    [InlineData("ybe", "hmk")]
    [InlineData("lindhard", "hmve")]
    [InlineData("lindhard", "efk")]
    [InlineData("lindhard", "hmk")]
    public void DresdenLikelihoodWorksForEveryQuenchingAndFluxModel(string quenching, string flux)
    {
        var d = (ReactorSpectrumDataset)DatasetRegistry.Load("dresden-ii-2022", ReactorTestData.Root,
            new Dictionary<string, string> { ["quenching"] = quenching, ["flux_model"] = flux });
        var l = d.Likelihood();
        var free = Fit(l, d);
        var none = Fit(l, d, fixedSignalNorm: 0);
        Assert.True(free.Converged, free.Message);
        double dchi2 = none.Chi2 - free.Chi2;
        output.WriteLine($"{quenching}/{flux}: SM CEvNS in ROI {d.Predict(Sm).SignalTotal:F0}, signal_norm = {free.X[0]:F3}, chi2 = {free.Chi2:F2}, Delta chi2 vs background only = {dchi2:F2}");
        Assert.True(dchi2 >= -1e-6);
        var x = BackgroundInput(d);
        var asimov = l.WithObserved(l.Expected(Sm, SignalScale.One, x));
        Assert.Equal(0, asimov.Chi2(Sm, SignalScale.One, x), 10);
    }

    [Fact]
    public void ConusTermIsTheGaussianOfThePublishedTotals()
    {
        var l = (RateOnlyLikelihood)ReactorTestData.Conus.Likelihood();
        Assert.True(l.RateOnly);
        Assert.Equal(1, l.DataPoints);
        Assert.Equal([395.0], l.Observed);
        Assert.Single(l.Nuisances);
        Assert.Equal(59.0 / 347.0, l.Nuisances[0].Sigma, 12);
        Assert.Equal(ReactorTestData.Conus.Predict(Sm).SignalTotal, l.ReferenceStandardModelEvents, 9);
        // At the SM with default options R = 1 + ES/CEvNS (nu-e scattering is recorded as well; 0.2 % here):
        // expected = eta x 347 (published prediction) x R.
        var sm = ReactorTestData.Conus.Predict(Sm);
        double r = 1 + sm.ElectronScatteringTotal / sm.SignalTotal;
        Assert.InRange(r, 1.0, 1.005);
        Assert.Equal(347.0 * r, l.Expected(Sm, SignalScale.One, [1.0])[0], 9);
        Assert.Equal(Math.Pow((395.0 - 347.0 * r) / 106.0, 2), l.Chi2(Sm, SignalScale.One, [1.0]), 9);
        double eta = 1.1;
        Assert.Equal(Math.Pow((395.0 - 1.2 * eta * 347.0 * r) / 106.0, 2) + Math.Pow((eta - 1) / (59.0 / 347.0), 2),
            l.Chi2(Sm, new SignalScale(1, 1, 1, 1.2), [eta]), 9);
        // Asimov data at eta = 0.9: only the prior pull of eta remains at the input
        var asimov = l.WithObserved(l.Expected(Sm, new SignalScale(1.3, 1, 1, 1), [0.9]));
        Assert.Equal(Math.Pow(0.1 / (59.0 / 347.0), 2), asimov.Chi2(Sm, new SignalScale(1.3, 1, 1, 1), [0.9]), 9);
        var atCentre = l.WithObserved(l.Expected(Sm, new SignalScale(1.3, 1, 1, 1), [1.0]));
        Assert.Equal(0, atCentre.Chi2(Sm, new SignalScale(1.3, 1, 1, 1), [1.0]), 12);
    }

    [Fact]
    public void ConusTermFollowsThePhysicsThroughOurOwnRatio()
    {
        var l = (RateOnlyLikelihood)ReactorTestData.Conus.Likelihood();
        var p = Sm.With("sin2_theta_w", 0.21); // smaller sin^2: larger proton coupling cancels more of the neutron one
        double ratio = ReactorTestData.Conus.SignalTotals(p).Values.Sum() / ReactorTestData.Conus.CevnsTotals(Sm).Values.Sum();
        Assert.True(ratio < 0.97);
        Assert.Equal(347.0 * ratio, l.Expected(p, SignalScale.One, [1.0])[0], 6);
        // another quenching option changes R (the denominator stays at the default options)
        var k20 = (ReactorRateDataset)DatasetRegistry.Load("conus-plus-2025", ReactorTestData.Root, new Dictionary<string, string> { ["lindhard_k"] = "0.2" });
        double r20 = k20.Likelihood().Expected(Sm, SignalScale.One, [1.0])[0] / 347.0;
        Assert.InRange(r20, 1.2, 3.0);
        Assert.Equal(k20.SignalTotals(Sm).Values.Sum() / ReactorTestData.Conus.CevnsTotals(Sm).Values.Sum(), r20, 9);
    }

    [Fact]
    public void TexonoTermGivesBackThePublishedLimitAtDeltaChi2271()
    {
        var l = (RateOnlyLikelihood)ReactorTestData.Texono.Likelihood();
        Assert.True(l.RateOnly);
        Assert.Empty(l.Nuisances);
        Assert.Equal(2.705543, RateOnlyLikelihood.DeltaChi2(0.90), 5); // chi^2_1 quantile at 90 %
        Assert.Equal(4.7 / Math.Sqrt(2.705543), l.SignalStrengthSigma, 5);
        // Signal strength at the SM: 1 + ES/CEvNS (nu-e scattering recorded as well, a few per mille).
        var sm = ReactorTestData.Texono.Predict(Sm);
        double r = 1 + sm.ElectronScatteringTotal / sm.SignalTotal;
        Assert.InRange(r, 1.0, 1.01);
        Assert.Equal(2.705543, l.Chi2(Sm, new SignalScale(1, 1, 1, 4.7 / r), []), 5);
        Assert.Equal(Math.Pow(r / l.SignalStrengthSigma, 2), l.Chi2(Sm, SignalScale.One, []), 9);
        var asimov = l.WithObserved(l.Expected(Sm, new SignalScale(1, 1, 1, 2.0), []));
        Assert.Equal(0, asimov.Chi2(Sm, new SignalScale(1, 1, 1, 2.0), []), 12);
        // signal strength from the scan reproduces the limit: Delta chi^2 = 2.71 at mu = 4.7
        var fit = Minimiser.Minimise(new FitProblem([new FitParameter("mu", 1, -10, 10, 0.5)],
            x => l.Chi2(Sm, new SignalScale(1, 1, 1, x[0]), [])));
        Assert.InRange(fit.X[0], -1e-3, 1e-3);
    }

    /// <summary>
    /// docs/physics.md sec. 5: a rate-only germanium term counts every signal the detector records, nu-e scattering
    /// included. At a neutrino magnetic moment of 50e-10 mu_B (excluded by the data) ES events outnumber CEvNS in the
    /// CONUS+ region of interest, and the term's expectation is eta x 347 x (CEvNS + ES) / CEvNS_SM; the ES bins of the fast
    /// kernel path agree with the reference path. TEXONO's signal strength counts them as well.
    /// </summary>
    [Fact]
    public void RateOnlyTermsIncludeElectronScattering()
    {
        var mu = Sm.With("magnetic_moment.e", 50);
        var conus = ReactorTestData.Conus;
        var l = (RateOnlyLikelihood)conus.Likelihood();
        var p = conus.Predict(mu);
        Assert.True(p.ElectronScatteringTotal > p.SignalTotal, $"ES {p.ElectronScatteringTotal}, CEvNS {p.SignalTotal}");
        double expected = 347.0 * (p.SignalTotal + p.ElectronScatteringTotal) / l.ReferenceStandardModelEvents;
        Assert.Equal(1, l.Expected(mu, SignalScale.One, [1.0])[0] / expected, 9);
        Assert.Equal(1, l.Chi2(mu, SignalScale.One, [1.0]) / Math.Pow((395.0 - expected) / 106.0, 2), 9);
        // norm.e scales the anti-nu_e ES like the CEvNS, with an exact gradient
        var grad = new double[1];
        var scaleGrad = new double[SignalScale.Components];
        l.Chi2WithGradient(mu, new SignalScale(0.5, 1, 1, 1), [1.0], grad, scaleGrad);
        Assert.Equal(1, scaleGrad[0] / (2 * (0.5 * expected - 395.0) / (106.0 * 106.0) * expected), 9);

        var fast = conus.Signals!.ElectronScattering!.Predict(mu);
        var reference = conus.Signals.ElectronScattering.PredictReference(mu);
        foreach (var (species, bins) in fast)
            for (int i = 0; i < bins.Length; i++)
                Assert.Equal(reference[species][i], bins[i], 1e-6 * Math.Max(1e-3, Math.Abs(reference[species][i])));

        var texono = (RateOnlyLikelihood)ReactorTestData.Texono.Likelihood();
        var t = ReactorTestData.Texono.Predict(mu);
        Assert.Equal((t.SignalTotal + t.ElectronScatteringTotal) / texono.ReferenceStandardModelEvents, texono.Expected(mu, SignalScale.One, [])[0], 9);
    }

    [Fact]
    public void NugenHasNoLikelihoodAndSaysWhy()
    {
        var d = (ReactorRateDataset)DatasetRegistry.Load("nugen-2025", ReactorTestData.Root);
        var e = Assert.Throws<DatasetException>(() => d.Likelihood());
        Assert.Contains("exposure", e.Message);
        Assert.Contains("published result", e.Message);
    }
}
