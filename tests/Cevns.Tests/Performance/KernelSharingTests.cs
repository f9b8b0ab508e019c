using Cevns.Datasets;
using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Sources;

namespace Cevns.Tests.Performance;

/// <summary>
/// Work shared between predictions: the form factors on the grid are kept for the last few radii per component, the plain weak
/// term has its own loop, and signals differing only in their detector response share their node functions (SignalSource).
/// A prediction after any sequence of radii must equal, bit for bit, the one of a fresh, unshared signal (a cache returning
/// another radius' values, a shared source with other inputs, or a loop differing from the generic one, fail this).
/// </summary>
public class KernelSharingTests
{
    private static readonly PionDecayAtRestFlux Sns = new(0.0848, 3.198e23, 19.3);

    [Fact]
    public void PredictionsAfterManyRadiiEqualThoseOfAFreshSignal()
    {
        var signal = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, Sns, CrossSectionOptions.Default);
        var radii = Enumerable.Range(0, 2 * CevnsSignalDecomposition.RadiusCacheCapacity + 3).Select(i => 4.6 + 0.037 * i).ToArray();
        var sequence = radii.Concat(radii.Reverse()).Concat(radii.Where((_, i) => i % 3 == 0));
        foreach (var rn in sequence)
        {
            // both elements move, in a pattern that revisits radii inside and beyond the cache
            var p = PhysicsParameters.StandardModel.With("rn.Cs", rn).With("rn.I", 9.4 - rn);
            var fresh = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, Sns, CrossSectionOptions.Default).Predict(p);
            var cached = signal.Predict(p);
            foreach (var (species, counts) in fresh)
                Assert.Equal(counts, cached[species]);
        }
    }

    /// <summary>
    /// A new key folds only the kernel rows whose node functions changed: with only neutron radii moving, the proton-proton rows
    /// (and, with the running charge radius, every row of Z F_Z terms alone) are copied from the last build. The predictions
    /// after central-difference steps in rn.Cs, then rn.I, then a step in rp.Cs (every row new), equal bit for bit those of a
    /// fresh signal that folds every row; a row copied from a build of another radius would fail this.
    /// </summary>
    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 3)]
    public void KernelRowsUnchangedByARadiusStepAreReusedWithTheSameNumbers(bool runningChargeRadius, int reusedRowsPerSpecies)
    {
        var options = new CrossSectionOptions { MomentumDependentChargeRadius = runningChargeRadius };
        var signal = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, Sns, options);
        var centre = PhysicsParameters.StandardModel.With("rn.Cs", 4.9).With("rn.I", 4.8).With("sin2_theta_w", 0.24);
        const double h = 1e-4;
        var points = new[]
        {
            centre,
            centre.With("rn.Cs", 4.9 + h), centre.With("rn.Cs", 4.9 - h),
            centre.With("rn.I", 4.8 + h), centre.With("rn.I", 4.8 - h),
            centre.With("rn.Cs", 5.3).With("rn.I", 4.1),
        };
        int reused = signal.KernelRowsReused;
        for (int i = 0; i < points.Length; i++)
        {
            var fresh = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, Sns, options).Predict(points[i]);
            var cached = signal.Predict(points[i]);
            foreach (var (species, counts) in fresh)
                Assert.Equal(counts, cached[species]);
            int expected = i == 0 ? 0 : reusedRowsPerSpecies * signal.SpeciesCount;
            Assert.Equal(expected, signal.KernelRowsReused - reused);
            reused = signal.KernelRowsReused;
        }
        // A proton-radius step changes every row: nothing is reused, and the numbers are still those of a fresh signal.
        var proton = centre.With("rp.Cs", centre.ProtonRadiusFm("Cs") + 0.01);
        var freshProton = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, Sns, options).Predict(proton);
        var cachedProton = signal.Predict(proton);
        foreach (var (species, counts) in freshProton)
            Assert.Equal(counts, cachedProton[species]);
        Assert.Equal(reused, signal.KernelRowsReused);
    }

    /// <summary>Two signals with different responses on the same target, flux, grid and options compute the node functions of a
    /// new key once (with the running charge radius: keys beyond the plain weak term, folded whole); a signal on another flux
    /// instance has its own source; the predictions equal those of unshared signals.</summary>
    [Fact]
    public void VariantsShareNodeFunctionsAndKeepTheirNumbers()
    {
        var options = new CrossSectionOptions { MomentumDependentChargeRadius = true };
        var a = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, Sns, options, bins: 10);
        var b = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, Sns, options, bins: 7);
        Assert.Same(a.Source, b.Source);
        var otherFlux = new PionDecayAtRestFlux(0.0848, 3.198e23, 19.3);
        var alone = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, otherFlux, options, bins: 7);
        Assert.NotSame(a.Source, alone.Source);
        int before = a.Source.NodeBuilds;
        foreach (var rn in new[] { 5.01, 5.02, 5.03 })
        {
            var p = PhysicsParameters.StandardModel.With("rn.Cs", rn);
            a.Predict(p);
            var shared = b.Predict(p);
            var unshared = alone.Predict(p);
            foreach (var (species, counts) in unshared) Assert.Equal(counts, shared[species]);
        }
        Assert.Equal(before + 3, a.Source.NodeBuilds);
    }

    /// <summary>With the plain weak term the variants share the node functions of each neutron-radius panel instead: three radii
    /// in one panel of Cs cost one panel of node functions (I keeps its radius: one more panel) for both signals, and the
    /// predictions equal those of unshared signals bit for bit.</summary>
    [Fact]
    public void VariantsShareNeutronRadiusPanelsAndKeepTheirNumbers()
    {
        var flux = new PionDecayAtRestFlux(0.0848, 3.198e23, 19.3);   // a source of its own: no panel from other tests
        var a = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, flux, CrossSectionOptions.Default, bins: 10);
        var b = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, flux, CrossSectionOptions.Default, bins: 7);
        Assert.Same(a.Source, b.Source);
        var alone = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, new PionDecayAtRestFlux(0.0848, 3.198e23, 19.3),
            CrossSectionOptions.Default, bins: 7);
        int before = a.Source.PanelBuilds;
        foreach (var rn in new[] { 5.01, 5.02, 5.03 })
        {
            var p = PhysicsParameters.StandardModel.With("rn.Cs", rn);
            a.Predict(p);
            var shared = b.Predict(p);
            var unshared = alone.Predict(p);
            foreach (var (species, counts) in unshared) Assert.Equal(counts, shared[species]);
        }
        Assert.Equal(before + 2, a.Source.PanelBuilds);
    }

    /// <summary>The plain-term loop agrees with the per-node evaluation of the cross sections (the generic test covers it too).</summary>
    [Fact]
    public void PlainWeakTermEqualsPerNodeEvaluation()
    {
        var signal = SignalKernelTests.Signal("CsI", ScatteringChannel.Cevns, Sns, CrossSectionOptions.Default);
        var p = PhysicsParameters.StandardModel.With("rn.Cs", 5.3).With("rn.I", 5.1).With("sin2_theta_w", 0.25);
        SignalKernelTests.AssertClose(signal.PredictReference(p), signal.Predict(p), 1e-10, "CsI plain");
    }
}
