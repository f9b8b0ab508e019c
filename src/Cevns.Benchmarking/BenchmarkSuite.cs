using System.Diagnostics;
using System.Runtime.InteropServices;
using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Statistics;

namespace Cevns.Benchmarking;

/// <summary>Sizes and repetitions of <see cref="BenchmarkSuite"/>; the defaults are the issue's (100-point 1D, 50 x 50 2D, 1000 toys).</summary>
public sealed record BenchmarkSettings
{
    public IReadOnlyList<string> Datasets { get; init; } = BenchmarkWorkload.DefaultDatasets;

    /// <summary>Also run the joint fit of <see cref="BenchmarkWorkload.JointDatasets"/>.</summary>
    public bool Joint { get; init; } = true;

    public int Threads { get; init; } = Environment.ProcessorCount;
    public int ScanPoints { get; init; } = 100;
    public int GridPoints2D { get; init; } = 50;
    public int Toys { get; init; } = 1000;

    /// <summary>Repetitions of the short operations (the median is reported).</summary>
    public int Repeats { get; init; } = 5;

    public ulong Seed { get; init; } = 20240917;

    /// <summary>Fits with gradients and block-by-block minimisation (the default); false is the baseline: the minimiser's
    /// own finite differences on the whole problem, as before issue 6 (predictions keep their kernels).</summary>
    public bool Gradients { get; init; } = true;

    /// <summary>Smaller scans and fewer toys; long operations are also reported extrapolated to the full sizes.</summary>
    public bool Quick { get; init; }

    /// <summary>The quick settings: 10-point 1D, 6 x 6 2D, 40 toys, 3 repetitions.</summary>
    public BenchmarkSettings AsQuick() => this with { Quick = true, ScanPoints = 10, GridPoints2D = 6, Toys = 40, Repeats = 3 };

    /// <summary>The full sizes of the issue.</summary>
    public const int FullScanPoints = 100, FullGridPoints2D = 50, FullToys = 1000;
}

/// <summary>One measured operation: wall time (median over repetitions for short ones), the issue's target if it has one, and
/// the managed bytes allocated per operation.</summary>
/// <remarks><see cref="CpuSeconds"/> is the process CPU time (all threads) of the operation: on a machine shared with other
/// processes it shows what the operation costs when wall time is inflated by waiting for a core.</remarks>
public sealed record BenchmarkMeasurement(string Workload, string Operation, string Size, double Seconds, double CpuSeconds, double? TargetSeconds,
    double? ExtrapolatedSeconds, double AllocatedBytes, string Note)
{
    /// <summary>Full-size time (the extrapolation in quick mode) against the target; null without a target.</summary>
    public bool? MeetsTarget => TargetSeconds is { } t ? (ExtrapolatedSeconds ?? Seconds) <= t : null;
}

/// <summary>The same scan (or toys) run with 1 and with several threads: the largest relative difference of its chi^2 values.</summary>
public sealed record DeterminismCheck(string Workload, string Operation, int Threads, double MaxRelativeDifference, double OneThreadSeconds, double ThreadsSeconds)
{
    public const double Tolerance = 1e-6;
    public bool Passed => MaxRelativeDifference <= Tolerance;
}

public sealed record MachineInfo(string Cpu, int Cores, string Os, string Runtime, double LoadAverage)
{
    public static MachineInfo Current()
    {
        string cpu = RuntimeInformation.ProcessArchitecture.ToString();
        double load = double.NaN;
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
            if (File.Exists("/proc/loadavg"))
                load = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
        }
        return new MachineInfo(cpu, Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, load);
    }
}

public sealed record BenchmarkReport(MachineInfo Machine, BenchmarkSettings Settings, IReadOnlyList<BenchmarkMeasurement> Measurements,
    IReadOnlyList<DeterminismCheck> Determinism, long PeakWorkingSetBytes, long GcHeapBytes, double TotalSeconds, IReadOnlyList<string> Notes)
{
    public const long MemoryTargetBytes = 1L << 30;
}

/// <summary>
/// The measurements of issue 6 (<c>cevns bench</c>): per dataset and for the joint fit, one full prediction at a new physics
/// point, one profiled chi^2, a 100-point profiled 1D scan, a 50 x 50 profiled 2D scan, and 1000 Feldman-Cousins toys at
/// one point (<see cref="BenchmarkWorkload"/>), with the issue's targets; also where the time goes (predictions that need new
/// kernels, chi^2 with and without gradient at fixed physics), the 1-vs-N-thread identity of scans and toys, and peak memory.
/// Times are wall-clock with a Stopwatch; short operations are repeated and their median reported.
/// </summary>
public static class BenchmarkSuite
{
    public const double PredictionTarget = 1e-3, ProfiledTarget = 0.020, Scan1DTarget = 2.0, Scan2DTarget = 60.0, ToysTarget = 60.0;

    public static BenchmarkReport Run(BenchmarkSettings settings, string dataDirectory, Action<BenchmarkMeasurement>? measured = null,
        Action<DeterminismCheck>? checkedDeterminism = null)
    {
        if (settings.Threads < 1) throw new ArgumentOutOfRangeException(nameof(settings), $"threads must be >= 1, got {settings.Threads}");
        var total = Stopwatch.StartNew();
        var measurements = new List<BenchmarkMeasurement>();
        var checks = new List<DeterminismCheck>();
        var notes = new List<string>();
        var loaded = new Dictionary<string, IDataset>(StringComparer.Ordinal);
        void Add(BenchmarkMeasurement m)
        {
            measurements.Add(m);
            measured?.Invoke(m);
        }
        void Check(DeterminismCheck c)
        {
            checks.Add(c);
            checkedDeterminism?.Invoke(c);
        }

        var workloads = settings.Datasets.Select(id => (IReadOnlyList<string>)[id]).ToList();
        if (settings.Joint) workloads.Add(BenchmarkWorkload.JointDatasets);
        foreach (var ids in workloads)
        {
            var load = Stopwatch.StartNew();
            var w = BenchmarkWorkload.Load(ids, dataDirectory, settings.Gradients, loaded);
            foreach (var n in w.Notes) if (!notes.Contains(n)) notes.Add(n);
            bool joint = ids.Count > 1;
            Add(new(w.Name, "load (first use: files, responses)", $"{ids.Count} dataset(s)", load.Elapsed.TotalSeconds, double.NaN, null, null, 0, "once per process; datasets shared by later workloads"));
            RunWorkload(w, settings, joint, Add, Check);
        }
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new BenchmarkReport(MachineInfo.Current(), settings, measurements, checks, process.PeakWorkingSet64,
            GC.GetGCMemoryInfo().HeapSizeBytes, total.Elapsed.TotalSeconds, notes);
    }

    private static void RunWorkload(BenchmarkWorkload w, BenchmarkSettings s, bool joint, Action<BenchmarkMeasurement> add, Action<DeterminismCheck> check)
    {
        int call = 0;
        string name = w.Name;
        add(Short(name, "prediction (new physics point)", "all bins", s.Repeats, () => w.Predict(BenchmarkWorkload.NewPoint(call++)),
            joint ? null : PredictionTarget, "IDataset.Predict: kernels cached, a new sin2_theta_w"));
        add(Short(name, "prediction (new neutron radii)", "all bins", s.Repeats, () => w.Predict(BenchmarkWorkload.NewShapePoint(call++)),
            null, "new form factors on every grid: the kernels are rebuilt"));
        double shift = 0;
        add(Short(name, "chi2 (fixed physics)", $"{w.Likelihoods.Sum(l => l.Nuisances.Count)} nuisances", s.Repeats,
            () => w.Chi2AtFixedPhysics(shift += 1e-9, withGradient: false), null, "template recombination + Baker-Cousins/Gaussian terms"));
        add(Short(name, "chi2 + gradient (fixed physics)", "", s.Repeats, () => w.Chi2AtFixedPhysics(shift += 1e-9, withGradient: true),
            null, "IDatasetLikelihood.Chi2WithGradient"));

        double[] sin2 = [0.20, 0.22, 0.24, 0.26, 0.28];
        int k = 0;
        FitResult? last = null;
        var profiled = Repeat(s.Repeats, () => last = w.ProfiledChi2(sin2[k++ % sin2.Length]));
        add(new(name, "profiled chi2", $"{w.Fit1D.Problem.FreeCount - 1} nuisances", profiled.Median, profiled.Cpu, ProfiledTarget, null, profiled.Allocated,
            $"nuisances minimised at fixed sin2_theta_w (median of {s.Repeats}; last: {last!.FunctionCalls} calls, {(last.Converged ? "converged" : last.Status.ToString())})"));

        var global = w.GlobalFit(w.Fit1D);
        var scan = Timed(() => w.Scan1D(s.ScanPoints, s.Threads, global));
        add(Long(name, "1D profiled scan", s.ScanPoints, BenchmarkSettings.FullScanPoints, scan.Seconds, scan.Cpu, scan.Allocated, s, joint ? Scan1DTarget : null,
            $"sin2_theta_w in [{BenchmarkWorkload.Lower1D}, {BenchmarkWorkload.Upper1D}], {s.Threads} thread(s), global fit given; {scan.Value.NonConverged} non-converged"));
        if (s.Threads > 1 && (joint || s.Quick))
        {
            var one = Timed(() => w.Scan1D(s.ScanPoints, 1, global));
            check(new(name, "1D profiled scan", s.Threads, MaxRelative(one.Value.Points.Select(p => p.Fit.Chi2), scan.Value.Points.Select(p => p.Fit.Chi2)),
                one.Seconds, scan.Seconds));
        }

        var global2 = w.GlobalFit(w.Fit2D);
        var scan2 = Timed(() => w.Scan2D(s.GridPoints2D, s.Threads, global2));
        add(Long(name, "2D profiled scan", s.GridPoints2D * s.GridPoints2D, BenchmarkSettings.FullGridPoints2D * BenchmarkSettings.FullGridPoints2D,
            scan2.Seconds, scan2.Cpu, scan2.Allocated, s, joint ? Scan2DTarget : null,
            $"nsi.u.ee x nsi.d.ee in [{BenchmarkWorkload.Lower2D}, {BenchmarkWorkload.Upper2D}]^2 ({s.GridPoints2D} x {s.GridPoints2D}), {s.Threads} thread(s); {scan2.Value.NonConverged} non-converged"));

        var truth = w.ProfiledChi2(Constants.Sin2ThetaWLowEnergy).X;
        var toys = Timed(() => w.Toys(s.Toys, s.Threads, s.Seed, truth));
        int bad = toys.Value.NonConvergedToys.Sum();
        add(Long(name, "Feldman-Cousins toys", s.Toys, BenchmarkSettings.FullToys, toys.Seconds, toys.Cpu, toys.Allocated, s, ToysTarget,
            $"at sin2_theta_w = {Constants.Sin2ThetaWLowEnergy}, two fits per toy, {s.Threads} thread(s); critical Delta chi2 (90%) = {toys.Value.Critical(1)[0]:G4}{(bad > 0 ? $"; {bad} toy fits not converged" : "")}"));
        if (s.Threads > 1 && (joint || s.Quick))
        {
            int n = Math.Min(s.Toys, 40);
            var many = Timed(() => w.Toys(n, s.Threads, s.Seed, truth));
            var one = Timed(() => w.Toys(n, 1, s.Seed, truth));
            check(new(name, $"Feldman-Cousins toys ({n})", s.Threads, MaxRelative(one.Value.ToyDeltaChi2(0), many.Value.ToyDeltaChi2(0)), one.Seconds, many.Seconds));
        }
    }

    private static BenchmarkMeasurement Short(string workload, string operation, string size, int repeats, Action action, double? target, string note)
    {
        var r = Repeat(repeats, action, minimumSeconds: 0.05);
        return new(workload, operation, size, r.Median, r.Cpu, target, null, r.Allocated, note);
    }

    private static BenchmarkMeasurement Long(string workload, string operation, int units, int fullUnits, double seconds, double cpu, double allocated,
        BenchmarkSettings s, double? target, string note)
    {
        double? extrapolated = units == fullUnits ? null : seconds * fullUnits / units;
        string size = units == fullUnits ? $"{units}" : $"{units} (extrapolated to {fullUnits})";
        return new(workload, operation, size, seconds, cpu, target, extrapolated, allocated, note);
    }

    /// <summary>Median wall time per call over <paramref name="repeats"/> batches (each at least <paramref name="minimumSeconds"/> long) and bytes allocated per call.</summary>
    private static (double Median, double Cpu, double Allocated) Repeat(int repeats, Action action, double minimumSeconds = 0)
    {
        action(); // warm-up: JIT, first-use caches
        var times = new double[Math.Max(1, repeats)];
        var cpu = new double[times.Length];
        long calls = 0, bytes = 0;
        for (int r = 0; r < times.Length; r++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var sw = Stopwatch.StartNew();
            int n = 0;
            do
            {
                action();
                n++;
            }
            while (sw.Elapsed.TotalSeconds < minimumSeconds);
            times[r] = sw.Elapsed.TotalSeconds / n;
            cpu[r] = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds / n;
            bytes += GC.GetTotalAllocatedBytes(precise: true) - before;
            calls += n;
        }
        Array.Sort(times);
        Array.Sort(cpu);
        return (times[times.Length / 2], cpu[cpu.Length / 2], (double)bytes / calls);
    }

    private static (T Value, double Seconds, double Cpu, double Allocated) Timed<T>(Func<T> action)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var sw = Stopwatch.StartNew();
        var value = action();
        double seconds = sw.Elapsed.TotalSeconds;
        return (value, seconds, (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    /// <summary>Largest |a - b| / max(|a|, |b|, 1e-300) over pairs; +inf if the lengths differ or one is NaN and the other not.</summary>
    public static double MaxRelative(IEnumerable<double> a, IEnumerable<double> b)
    {
        var x = a.ToArray();
        var y = b.ToArray();
        if (x.Length != y.Length) return double.PositiveInfinity;
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i]))
            {
                if (double.IsNaN(x[i]) != double.IsNaN(y[i])) return double.PositiveInfinity;
                continue;
            }
            worst = Math.Max(worst, Math.Abs(x[i] - y[i]) / Math.Max(Math.Max(Math.Abs(x[i]), Math.Abs(y[i])), 1e-300));
        }
        return worst;
    }
}
