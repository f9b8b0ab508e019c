using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Cevns.Benchmarking;
using Cevns.Data;
using Cevns.Physics;
using Cevns.Statistics;

namespace Cevns.Benchmarks;

/// <summary>The workloads of issue 6 (Cevns.Benchmarking.BenchmarkWorkload): each dataset with a likelihood, and the joint fit.</summary>
public abstract class WorkloadBenchmarksBase
{
    [Params("coherent-csi-2021", "coherent-csi-2017", "coherent-ar-2020", "coherent-ge-2024", "dresden-ii-2022", "conus-plus-2025", "texono-2024", "joint")]
    public string Workload { get; set; } = "joint";

    protected BenchmarkWorkload W { get; private set; } = null!;
    protected int Call;

    /// <summary>Loads the datasets (from $CEVNS_DATA or data/ in the repository) and builds the fits.</summary>
    protected void Load()
    {
        var dir = DataDirectory.Resolve(null).EnsureExists().Path;
        W = BenchmarkWorkload.Load(Workload == "joint" ? BenchmarkWorkload.JointDatasets : [Workload], dir);
    }
}

/// <summary>Short operations: one full prediction at a new physics point, one profiled chi^2, chi^2 at fixed physics.</summary>
[MemoryDiagnoser]
public class PredictionAndProfileBenchmarks : WorkloadBenchmarksBase
{
    [GlobalSetup]
    public void Setup() => Load();

    /// <summary>IDataset.Predict of every dataset of the workload at a physics point no cache has seen.</summary>
    [Benchmark]
    public double Prediction() => W.Predict(BenchmarkWorkload.NewPoint(Call++));

    /// <summary>As <see cref="Prediction"/> with new neutron radii: the kernels are rebuilt.</summary>
    [Benchmark]
    public double PredictionNewRadii() => W.Predict(BenchmarkWorkload.NewShapePoint(Call++));

    /// <summary>chi^2 with its exact gradient at fixed physics (what a profile minimisation evaluates).</summary>
    [Benchmark]
    public double Chi2WithGradient() => W.Chi2AtFixedPhysics(1e-9 * (Call++ % 1000), withGradient: true);

    /// <summary>All nuisances minimised at a fixed sin^2 theta_W.</summary>
    [Benchmark]
    public double ProfiledChi2() => W.ProfiledChi2(0.20 + 0.01 * (Call++ % 8)).Chi2;
}

/// <summary>
/// Long operations, timed as single runs (Monitoring strategy, 3 iterations): a 100-point profiled 1D scan of sin^2 theta_W,
/// a 50 x 50 profiled scan of (eps^u_ee, eps^d_ee) and 1000 Feldman-Cousins toys at one point, on all cores.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class ScanAndToyBenchmarks : WorkloadBenchmarksBase
{
    private FitResult _global1D = null!, _global2D = null!;
    private IReadOnlyList<double> _truth = null!;

    [GlobalSetup]
    public void Setup()
    {
        Load();
        _global1D = W.GlobalFit(W.Fit1D);
        _global2D = W.GlobalFit(W.Fit2D);
        _truth = W.ProfiledChi2(Constants.Sin2ThetaWLowEnergy).X;
    }

    [Benchmark]
    public int Scan1D100() => W.Scan1D(100, Environment.ProcessorCount, _global1D).Points.Count;

    [Benchmark]
    public int Scan2D50x50() => W.Scan2D(50, Environment.ProcessorCount, _global2D).Points.Count;

    [Benchmark]
    public double FeldmanCousins1000Toys() => W.Toys(1000, Environment.ProcessorCount, 20240917, _truth).Critical(1)[0];
}
