using Cevns.Datasets;
using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Physics.FormFactors;
using Cevns.Physics.Nuclei;
using Cevns.Sources;

namespace Cevns.Tests.Performance;

/// <summary>
/// The plain weak CEvNS kernels assembled per element from polynomial interpolants in the neutron radius
/// (<see cref="NeutronRadiusPanel"/>, <see cref="BinnedSignal"/>) against the kernels folded from the node functions of every
/// key (the path without interpolation) and against the per-node evaluation of the cross sections
/// (<see cref="BinnedSignal.PredictReference"/>), at random radii, at panel edges and at interpolation nodes.
/// </summary>
public class NeutronRadiusInterpolationTests
{
    private static readonly PionDecayAtRestFlux Sns = new(0.0848, 3.198e23, 19.3);

    private static readonly CrossSectionOptions Ge2506 = new() { NuclearRadii = NuclearRadiusModel.Nsm };

    public static TheoryData<string, int> Targets => new() { { "CsI", 0 }, { "Ar", 0 }, { "Ge", 0 }, { "Ge", 1 } };

    private static CrossSectionOptions Options(int k) => k == 0 ? CrossSectionOptions.Default : Ge2506;

    /// <summary>Random neutron radii of every element within +-1.5 fm of the defaults, plus radii on panel edges and on
    /// interpolation nodes, with sin^2 and a proton radius moved too.</summary>
    private static List<PhysicsParameters> Points(TargetMaterial target, int seed)
    {
        var rng = new Random(seed);
        var elements = target.Components.Select(c => c.Isotope.Element).Distinct().ToArray();
        var points = new List<PhysicsParameters>();
        for (int i = 0; i < 30; i++)
        {
            var p = PhysicsParameters.StandardModel.With("sin2_theta_w", 0.22 + 0.04 * rng.NextDouble());
            foreach (var el in elements)
                p = p.With($"rn.{el}", NuclearCatalog.RadiiOf(el).DefaultNeutronRadiusFm + 3 * (rng.NextDouble() - 0.5));
            if (i % 10 == 9) p = p.With($"rp.{elements[0]}", p.ProtonRadiusFm(elements[0]) + 0.05);
            points.Add(p);
        }
        foreach (var el in elements)
        {
            int panel = NeutronRadiusPanel.PanelOf(NuclearCatalog.RadiiOf(el).DefaultNeutronRadiusFm);
            points.Add(PhysicsParameters.StandardModel.With($"rn.{el}", panel * NeutronRadiusPanel.WidthFm));
            points.Add(PhysicsParameters.StandardModel.With($"rn.{el}", (panel + 1) * NeutronRadiusPanel.WidthFm));
            foreach (var t in NeutronRadiusPanel.NodeCoordinates.Take(4))
                points.Add(PhysicsParameters.StandardModel.With($"rn.{el}", NeutronRadiusPanel.RadiusAt(panel, t)));
        }
        return points;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void InterpolatedKernelsEqualExactFoldsToRounding(string target, int options)
    {
        var interpolated = SignalKernelTests.Signal(target, ScatteringChannel.Cevns, Sns, Options(options));
        var exact = SignalKernelTests.Signal(target, ScatteringChannel.Cevns, Sns, Options(options), interpolateNeutronRadii: false);
        foreach (var p in Points(NuclearCatalog.FindTarget(target)!, 31 + options))
            SignalKernelTests.AssertClose(exact.Predict(p), interpolated.Predict(p), 1e-12, $"{target} options {options}");
        // Every panel passed its check: the numbers above are the interpolants', not exact fallbacks.
        Assert.True(interpolated.PanelCounts.Interpolated > 0);
        Assert.Equal(0, interpolated.PanelCounts.Exact);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void InterpolatedKernelsEqualThePerNodeEvaluation(string target, int options)
    {
        var signal = SignalKernelTests.Signal(target, ScatteringChannel.Cevns, Sns, Options(options));
        foreach (var p in Points(NuclearCatalog.FindTarget(target)!, 77 + options))
            SignalKernelTests.AssertClose(signal.PredictReference(p), signal.Predict(p), 1e-10, $"{target} options {options}");
    }

    /// <summary>
    /// A panel reaching below the smallest radius the Helm form factor accepts (sqrt(3) s = 1.56 fm) has no interpolant; its
    /// radii are folded exactly per element. For a one-element target that is the same sum as the fold of the whole key (the
    /// element's rows are the key's rows), so the numbers equal those of the path without interpolation bit for bit.
    /// </summary>
    [Fact]
    public void APanelOutsideTheFormFactorDomainFallsBackToExactFolds()
    {
        var interpolated = SignalKernelTests.Signal("Ar", ScatteringChannel.Cevns, Sns, CrossSectionOptions.Default);
        var exact = SignalKernelTests.Signal("Ar", ScatteringChannel.Cevns, Sns, CrossSectionOptions.Default, interpolateNeutronRadii: false);
        Assert.True(NeutronRadiusPanel.PanelOf(1.70) * NeutronRadiusPanel.WidthFm < Math.Sqrt(3) * HelmFormFactor.DefaultSurfaceThicknessFm);
        foreach (var rn in new[] { 1.60, 1.70, 1.74 })
        {
            var p = PhysicsParameters.StandardModel.With("rn.Ar", rn);
            var a = interpolated.Predict(p);
            foreach (var (species, counts) in exact.Predict(p)) Assert.Equal(counts, a[species]);
        }
        Assert.Equal((0, 1), interpolated.PanelCounts);
        // The next panel, [1.75, 2] fm, lies wholly inside the domain: interpolated.
        interpolated.Predict(PhysicsParameters.StandardModel.With("rn.Ar", 1.80));
        Assert.Equal((1, 1), interpolated.PanelCounts);
        // Inside the domain the same target is interpolated: close to, but not the same sums as, the exact fold.
        var q = PhysicsParameters.StandardModel.With("rn.Ar", 3.4321);
        SignalKernelTests.AssertClose(exact.Predict(q), interpolated.Predict(q), 1e-12, "Ar inside the domain");
    }

    /// <summary>
    /// A panel whose interpolant fails its check (forced here: tolerance 0 accepts no rounding difference at the check points)
    /// is counted as exact and its radii are folded exactly per element: for a one-element target the numbers of the path
    /// without interpolation, bit for bit. With the default tolerance the same panel is interpolated (so the failure above is
    /// the check's doing, not the domain's).
    /// </summary>
    [Theory]
    [InlineData("Ar", 0)]
    [InlineData("Ge", 1)]
    public void APanelFailingItsCheckFallsBackToExactFolds(string target, int options)
    {
        var strict = SignalKernelTests.Signal(target, ScatteringChannel.Cevns, Sns, Options(options), panelTolerance: 0);
        var exact = SignalKernelTests.Signal(target, ScatteringChannel.Cevns, Sns, Options(options), interpolateNeutronRadii: false);
        var normal = SignalKernelTests.Signal(target, ScatteringChannel.Cevns, Sns, Options(options));
        var element = NuclearCatalog.FindTarget(target)!.Components[0].Isotope.Element;
        int panel = NeutronRadiusPanel.PanelOf(NuclearCatalog.RadiiOf(element).DefaultNeutronRadiusFm);
        foreach (var t in new[] { -0.83, -0.1, 0.37, 0.96 })
        {
            var p = PhysicsParameters.StandardModel.With("sin2_theta_w", 0.231 + 0.01 * t).With($"rn.{element}", NeutronRadiusPanel.RadiusAt(panel, t));
            var a = strict.Predict(p);
            foreach (var (species, counts) in exact.Predict(p)) Assert.Equal(counts, a[species]);
            normal.Predict(p);
        }
        Assert.Equal((0, 1), strict.PanelCounts);
        Assert.Equal((1, 0), normal.PanelCounts);
    }

    /// <summary>
    /// Predictions from many threads at once on one signal (radii over a few panels of both CsI elements, so panels and kernel
    /// sets are built concurrently) equal, bit for bit, those of a second signal (own flux, so nothing shared) evaluated
    /// sequentially.
    /// </summary>
    [Fact]
    public void ConcurrentPredictionsEqualSequentialOnesBitForBit()
    {
        var sm = PhysicsParameters.StandardModel;
        var points = Enumerable.Range(0, 96).Select(i => sm.With("rn.Cs", 4.9 + 0.0071 * i).With("rn.I", 5.6 - 0.0067 * (i % 48))).ToArray();
        var parallel = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, new PionDecayAtRestFlux(0.0848, 3.198e23, 19.3), CrossSectionOptions.Default);
        var sequential = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, new PionDecayAtRestFlux(0.0848, 3.198e23, 19.3), CrossSectionOptions.Default);
        Assert.NotSame(parallel.Source, sequential.Source);
        var results = new Dictionary<NeutrinoSpecies, double[]>[points.Length];
        Parallel.For(0, 4 * points.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            // Each point is asked four times, by whichever threads get it: the last answer is kept, and all must agree.
            var r = parallel.Predict(points[i % points.Length]);
            lock (results) results[i % points.Length] = r;
        });
        for (int i = 0; i < points.Length; i++)
        {
            var expected = sequential.Predict(points[i]);
            foreach (var (species, counts) in expected) Assert.Equal(counts, results[i][species]);
        }
        // Two threads asking for the same new panel at once may both build it (RecentKeyedValues): at least the sequential count.
        Assert.True(sequential.PanelCounts.Interpolated >= 4, $"panels {sequential.PanelCounts}");
        Assert.Equal(0, sequential.PanelCounts.Exact);
        Assert.Equal(0, parallel.PanelCounts.Exact);
        Assert.True(parallel.PanelCounts.Interpolated >= sequential.PanelCounts.Interpolated, $"panels {parallel.PanelCounts}");
    }

    /// <summary>At the catalogue radii (fits that keep them fixed) the kernels are the whole fold, bit for bit as without
    /// interpolation, whatever else moves; one radius off its default switches the key to the interpolants.</summary>
    [Fact]
    public void CatalogueRadiiKeepTheWholeFoldBitForBit()
    {
        var interpolated = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, Sns, CrossSectionOptions.Default);
        var exact = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, Sns, CrossSectionOptions.Default, interpolateNeutronRadii: false);
        foreach (var p in new[] { PhysicsParameters.StandardModel, PhysicsParameters.StandardModel.With("sin2_theta_w", 0.245).With("nsi.u.ee", 0.1) })
        {
            var a = interpolated.Predict(p);
            foreach (var (species, counts) in exact.Predict(p)) Assert.Equal(counts, a[species]);
        }
        Assert.Equal((0, 0), interpolated.PanelCounts);
        interpolated.Predict(PhysicsParameters.StandardModel.With("rn.I", PhysicsParameters.StandardModel.NeutronRadiusFm("I") + 1e-4));
        Assert.Equal((2, 0), interpolated.PanelCounts);
    }

    /// <summary>A moved proton radius keeps the whole fold (panels are per proton radius: a fit stepping rp would otherwise build
    /// a panel per step), bit for bit the exact path, even with a neutron radius moved as well.</summary>
    [Fact]
    public void MovedProtonRadiiKeepTheWholeFold()
    {
        var interpolated = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, Sns, CrossSectionOptions.Default);
        var exact = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, Sns, CrossSectionOptions.Default, interpolateNeutronRadii: false);
        var sm = PhysicsParameters.StandardModel;
        for (int k = 1; k <= 5; k++)
        {
            var p = sm.With("rn.Cs", 5.3).With("rp.Cs", sm.ProtonRadiusFm("Cs") + 0.01 * k);
            var a = interpolated.Predict(p);
            foreach (var (species, counts) in exact.Predict(p)) Assert.Equal(counts, a[species]);
        }
        Assert.Equal((0, 0), interpolated.PanelCounts);
    }

    /// <summary>Only the neutron radius's domain sends a panel to the exact path: any other failure of its node functions (here a
    /// proton radius below the Helm domain) propagates instead of being taken for a panel outside the domain.</summary>
    [Fact]
    public void OtherFailuresOfAPanelAreNotTakenForTheDomain()
    {
        var source = SignalKernelTests.Signal("Ar", ScatteringChannel.Cevns, Sns, CrossSectionOptions.Default).Source;
        Assert.Null(source.NeutronPanel(0, PhysicsParameters.StandardModel.ProtonRadiusFm("Ar"), NeutronRadiusPanel.PanelOf(1.70)).Rows);
        Assert.NotNull(source.NeutronPanel(0, PhysicsParameters.StandardModel.ProtonRadiusFm("Ar"), NeutronRadiusPanel.PanelOf(1.80)).Rows);
        Assert.Throws<ArgumentOutOfRangeException>(() => source.NeutronPanel(0, 1.0, NeutronRadiusPanel.PanelOf(3.4)));
    }

    /// <summary>The same radius after different histories (other panels, other radii in the panel, evictions) gives the same
    /// numbers: whether and how a key is interpolated depends on the key alone.</summary>
    [Fact]
    public void InterpolatedPredictionsDoNotDependOnTheHistory()
    {
        var p = PhysicsParameters.StandardModel.With("rn.Cs", 5.0123).With("rn.I", 4.7771);
        var first = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, new PionDecayAtRestFlux(0.0848, 3.198e23, 19.3), CrossSectionOptions.Default).Predict(p);
        var busy = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, new PionDecayAtRestFlux(0.0848, 3.198e23, 19.3), CrossSectionOptions.Default);
        double rp = PhysicsParameters.StandardModel.ProtonRadiusFm("Cs");
        // 70 radii per element over 18 panels, at 5 proton radii: more panels than the signal keeps.
        for (int i = 0; i < 5 * 70; i++)
            busy.Predict(PhysicsParameters.StandardModel.With("rn.Cs", 3.6 + 0.061 * (i % 70)).With("rn.I", 7.9 - 0.057 * (i % 70))
                .With("rp.Cs", rp + 0.001 * (i / 70)));
        var after = busy.Predict(p);
        foreach (var (species, counts) in first) Assert.Equal(counts, after[species]);
    }
}

/// <summary><see cref="NeutronRadiusPanel"/>: the barycentric Chebyshev interpolant, checked on functions with known values.</summary>
public class NeutronRadiusPanelTests
{
    [Fact]
    public void WeightsSumToOneAndAreUnitVectorsAtTheNodes()
    {
        Span<double> w = stackalloc double[NeutronRadiusPanel.NodeCount];
        foreach (var t in new[] { -1.0, -0.93, -0.2, 0.0, 0.41, 0.999, 1.0 })
        {
            NeutronRadiusPanel.InterpolationWeights(t, w);
            double sum = 0;
            foreach (var x in w) sum += x;
            Assert.Equal(1.0, sum, 14);
        }
        for (int k = 0; k < NeutronRadiusPanel.NodeCount; k++)
        {
            NeutronRadiusPanel.InterpolationWeights(NeutronRadiusPanel.NodeCoordinates[k], w);
            for (int i = 0; i < w.Length; i++) Assert.Equal(i == k ? 1.0 : 0.0, w[i]);
        }
    }

    /// <summary>A polynomial of the interpolant's degree is reproduced (Lagrange interpolation is exact on it), to rounding.</summary>
    [Fact]
    public void PolynomialsOfTheDegreeAreReproduced()
    {
        static double P(double t) => 0.3 - 1.7 * t + 2.1 * Math.Pow(t, 5) - 0.8 * Math.Pow(t, NeutronRadiusPanel.Degree);
        var values = NeutronRadiusPanel.NodeCoordinates.Select(P).ToArray();
        Span<double> w = stackalloc double[NeutronRadiusPanel.NodeCount];
        Span<double> into = stackalloc double[1];
        for (double t = -1; t <= 1; t += 0.0137)
        {
            NeutronRadiusPanel.InterpolationWeights(t, w);
            NeutronRadiusPanel.Interpolate(w, values, into);
            Assert.True(Math.Abs(into[0] - P(t)) < 1e-14, $"t = {t}: {into[0]:R} vs {P(t):R}");
        }
    }

    /// <summary>
    /// The error bound the panels rely on, for the function they interpolate: the Helm form factor as a function of the rms
    /// radius at fixed q (0.3 to 1 fm^-1, so q R up to ~9, beyond the largest momentum transfer of the CEvNS grids), interpolated
    /// on panels from 2 to 9 fm, stays within 1e-14 of the directly computed value (the check of each built panel allows 1e-13
    /// of a row's largest value). Below q R0 ~ 0.3 the closed form 3 (sin x - x cos x)/x^3 itself loses digits to cancellation,
    /// which is why the smallest q here is 0.3.
    /// </summary>
    [Fact]
    public void HelmFormFactorInTheRadiusIsInterpolatedToRounding()
    {
        Span<double> w = stackalloc double[NeutronRadiusPanel.NodeCount];
        Span<double> into = stackalloc double[1];
        double worst = 0;
        foreach (var q in new[] { 0.3, 0.6, 1.0 })
            for (int panel = NeutronRadiusPanel.PanelOf(2.0); panel < NeutronRadiusPanel.PanelOf(9.0); panel++)
            {
                var values = NeutronRadiusPanel.NodeCoordinates.Select(t => new HelmFormFactor(NeutronRadiusPanel.RadiusAt(panel, t)).At(q)).ToArray();
                for (double t = -1; t <= 1; t += 0.031)
                {
                    NeutronRadiusPanel.InterpolationWeights(t, w);
                    NeutronRadiusPanel.Interpolate(w, values, into);
                    double direct = new HelmFormFactor(NeutronRadiusPanel.RadiusAt(panel, t)).At(q);
                    worst = Math.Max(worst, Math.Abs(into[0] - direct));
                }
            }
        Assert.True(worst < 1e-14, $"largest error {worst:E2}");
    }
}
