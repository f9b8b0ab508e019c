using Cevns.Datasets;
using Cevns.Detectors;
using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Physics.FormFactors;
using Cevns.Physics.Nuclei;
using Cevns.Sources;
using Cevns.Sources.Reactor;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Performance;

/// <summary>
/// The fast path of <see cref="BinnedSignal"/> (coupling-independent kernels per bin times coupling coefficients) against
/// the general per-node evaluation of the cross sections (<see cref="BinnedSignal.PredictReference"/>), at random points
/// of every physics parameter, for CEvNS and nu-e scattering, stopped-pion and reactor fluxes, and every cross-section
/// option. The two are the same sums in a different order, so they agree to rounding (1e-10 is far above it and far
/// below any physics effect).
/// </summary>
public class SignalKernelTests
{
    private static readonly PionDecayAtRestFlux Sns = new(0.0848, 3.198e23, 19.3);
    private static readonly Lazy<ReactorFlux> Reactor = new(() =>
        new ReactorFlux(ReactorSpectrumModels.Hmve(SourcesDataRoot.Path), DresdenFuel.Fractions, 4.8e13, 86400.0));

    internal static BinnedSignal Signal(string target, ScatteringChannel channel, INeutrinoFlux flux, CrossSectionOptions options, int bins = 10,
        bool interpolateNeutronRadii = true, double panelTolerance = NeutronRadiusPanel.Tolerance)
    {
        var t = NuclearCatalog.FindTarget(target)!;
        double min = channel == ScatteringChannel.Cevns ? (flux is ReactorFlux ? 1e-5 : 1e-3) : 1e-3;
        var grid = BinnedSignal.GridFor(t, channel, flux, min, 40, 8);
        // Overlapping smooth bins in log T (a stand-in for a resolution): every node feeds several bins.
        double lo = Math.Log(grid.MinMeV), hi = Math.Log(grid.MaxMeV);
        var response = ResponseMatrix.Build(grid, bins, (tMeV, b) =>
        {
            double x = (Math.Log(tMeV) - lo) / (hi - lo) * bins - b - 0.5;
            return Math.Exp(-x * x);
        });
        return new BinnedSignal(t, t.UnitsPerKg * 10.0, flux, channel, response, options) { InterpolateNeutronRadii = interpolateNeutronRadii, PanelTolerance = panelTolerance };
    }

    /// <summary>A random point: every parameter moved; the optional terms (millicharge, magnetic moment, mediators) switched on at random.</summary>
    internal static PhysicsParameters RandomPoint(Random rng, bool allOptionalTerms = false)
    {
        double U(double a, double b) => a + (b - a) * rng.NextDouble();
        bool On() => allOptionalTerms || rng.NextDouble() < 0.5;
        var set = new List<KeyValuePair<string, double>> { new("sin2_theta_w", U(0.18, 0.30)) };
        foreach (var d in ParameterCatalog.All.Where(d => d.Name.StartsWith("rn.", StringComparison.Ordinal)))
            set.Add(new(d.Name, d.Default + U(-0.4, 0.4)));
        foreach (var pair in ParameterCatalog.FlavorPairs)
        {
            set.Add(new($"nsi.u.{pair}", U(-0.3, 0.3)));
            set.Add(new($"nsi.d.{pair}", U(-0.3, 0.3)));
        }
        foreach (var d in ParameterCatalog.All.Where(d => d.Name.StartsWith("charge_radius.", StringComparison.Ordinal)))
            set.Add(new(d.Name, U(-20, 20)));
        if (On())
            foreach (var pair in ParameterCatalog.FlavorPairs)
                set.Add(new($"millicharge.{pair}", U(-500, 500)));
        if (On())
            foreach (var f in new[] { "e", "mu", "tau" })
                set.Add(new($"magnetic_moment.{f}", U(0, 50)));
        if (On())
        {
            set.Add(new("vector_mediator.coupling", U(-3e-5, 3e-5)));
            set.Add(new("vector_mediator.mass", Math.Exp(U(0, 7))));
        }
        if (On())
        {
            set.Add(new("scalar_mediator.coupling", U(-2e-5, 2e-5)));
            set.Add(new("scalar_mediator.mass", Math.Exp(U(0, 7))));
        }
        return PhysicsParameters.StandardModel.With(set);
    }

    internal static void AssertClose(Dictionary<NeutrinoSpecies, double[]> expected, Dictionary<NeutrinoSpecies, double[]> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (s, e) in expected)
        {
            double scale = Math.Max(e.Max(Math.Abs), 1e-300);
            for (int b = 0; b < e.Length; b++)
            {
                double diff = Math.Abs(actual[s][b] - e[b]);
                Assert.True(diff <= tolerance * Math.Max(Math.Abs(e[b]), 1e-6 * scale),
                    $"{what}: {s} bin {b}: fast {actual[s][b]:R} vs reference {e[b]:R} (relative {diff / Math.Abs(e[b]):E2})");
            }
        }
    }

    public static TheoryData<string, string, int> Configurations => new()
    {
        { "CsI", "cevns-sns", 0 }, { "Ar", "cevns-sns", 1 }, { "Ge", "cevns-sns", 2 }, { "Ge", "cevns-reactor", 3 },
        { "CsI", "es-sns", 4 }, { "Ge", "es-reactor", 5 }, { "CsI", "cevns-sns", 6 }, { "Ge", "cevns-reactor", 7 }, { "CsI", "es-sns", 8 },
    };

    /// <summary>Option sets: default, and every switch flipped (with each form-factor model and B-L mediator in turn).</summary>
    private static CrossSectionOptions Options(int k) => (k % 3) switch
    {
        0 => CrossSectionOptions.Default,
        1 => new CrossSectionOptions
        {
            MomentumDependentChargeRadius = true, IncludeRecoilOverEnergyTerm = true, IncludeRecoilSquaredInMomentumTransfer = true,
            FormFactor = FormFactorModel.KleinNystrand, VectorMediator = VectorMediatorModel.BMinusL,
        },
        _ => new CrossSectionOptions { MomentumDependentChargeRadius = true, FormFactor = FormFactorModel.SymmetrizedFermi },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void FastPathEqualsPerNodeEvaluationAtRandomPoints(string target, string setup, int seed)
    {
        var channel = setup.StartsWith("es", StringComparison.Ordinal) ? ScatteringChannel.ElectronScattering : ScatteringChannel.Cevns;
        INeutrinoFlux flux = setup.EndsWith("reactor", StringComparison.Ordinal) ? Reactor.Value : Sns;
        var options = Options(seed);
        var signal = Signal(target, channel, flux, options);
        var rng = new Random(1000 + seed);
        var points = new List<PhysicsParameters> { PhysicsParameters.StandardModel, RandomPoint(rng, allOptionalTerms: true) };
        for (int i = 0; i < 25; i++) points.Add(RandomPoint(rng));
        foreach (var p in points)
            AssertClose(signal.PredictReference(p), signal.Predict(p), 1e-10, $"{target} {setup} options {seed % 3}");
    }

    [Fact]
    public void KernelsAreReusedWhileOnlyCouplingsChange()
    {
        var signal = Signal("CsI", ScatteringChannel.Cevns, Sns, CrossSectionOptions.Default);
        var buffer = new double[signal.SpeciesCount * signal.BinCount];
        signal.PredictInto(PhysicsParameters.StandardModel, buffer);
        int builds = signal.KernelBuilds;
        foreach (var (name, value) in new[] { ("sin2_theta_w", 0.25), ("nsi.u.ee", 0.2), ("nsi.d.mu_tau", -0.1), ("charge_radius.mu", -3.0), ("charge_radius.e_tau", 4.0) })
            signal.PredictInto(PhysicsParameters.StandardModel.With(name, value), buffer);
        Assert.Equal(builds, signal.KernelBuilds);
        signal.PredictInto(PhysicsParameters.StandardModel.With("rn.Cs", 5.1), buffer);
        Assert.Equal(builds + 1, signal.KernelBuilds);
        // Back to a key still in the cache: no new build.
        signal.PredictInto(PhysicsParameters.StandardModel.With("sin2_theta_w", 0.22), buffer);
        Assert.Equal(builds + 1, signal.KernelBuilds);
        // A mediator mass matters only while its coupling is non-zero.
        signal.PredictInto(PhysicsParameters.StandardModel.With("vector_mediator.mass", 30.0), buffer);
        Assert.Equal(builds + 1, signal.KernelBuilds);
        signal.PredictInto(PhysicsParameters.StandardModel.With("vector_mediator.mass", 30.0).With("vector_mediator.coupling", 1e-5), buffer);
        Assert.Equal(builds + 2, signal.KernelBuilds);
    }

    [Fact]
    public void PredictionAtACachedKeyAllocatesNothing()
    {
        var signal = Signal("Ge", ScatteringChannel.Cevns, Sns, CrossSectionOptions.Default);
        var buffer = new double[signal.SpeciesCount * signal.BinCount];
        var p = PhysicsParameters.StandardModel.With("sin2_theta_w", 0.25).With("nsi.u.ee", 0.1);
        signal.PredictInto(p, buffer);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) signal.PredictInto(p, buffer);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ConcurrentPredictionsEqualSequentialOnes()
    {
        var signal = Signal("Ar", ScatteringChannel.Cevns, Sns, CrossSectionOptions.Default);
        var rng = new Random(7);
        var points = Enumerable.Range(0, 40).Select(_ => RandomPoint(rng)).ToArray();
        var sequential = points.Select(signal.PredictReference).ToArray();
        var parallel = new Dictionary<NeutrinoSpecies, double[]>[points.Length];
        Parallel.For(0, points.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = signal.Predict(points[i]));
        for (int i = 0; i < points.Length; i++)
            AssertClose(sequential[i], parallel[i], 1e-10, $"point {i}");
    }

    [Fact]
    public void PredictIntoChecksTheBufferLength()
    {
        var signal = Signal("Ar", ScatteringChannel.Cevns, Sns, CrossSectionOptions.Default);
        var e = Assert.Throws<ArgumentException>(() => signal.PredictInto(PhysicsParameters.StandardModel, new double[3]));
        Assert.Contains("3 species x 10 bins", e.Message);
    }
}
