using System.Text.Json.Serialization;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Cevns.Benchmarking;
using Cevns.Fitting;

namespace Cevns.Cli.Commands;

/// <summary>
/// cevns bench: the performance measurements of issue 6 (Cevns.Benchmarking.BenchmarkSuite) per dataset and for the joint
/// fit, with the targets, the 1-vs-N-thread identity of scans and toys, and peak memory. Text lines appear as each
/// measurement finishes; --json prints one document at the end.
/// </summary>
public sealed class BenchCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var json = CliOptions.Json("the measurements");
        var quick = new Option<bool>("--quick") { Description = "small scans (10 points, 6 x 6) and 40 toys, extrapolated to the full sizes" };
        var experiments = new Option<string[]>("--experiments")
        {
            Description = $"datasets to benchmark one by one, comma-separated (default: {string.Join(", ", BenchmarkWorkload.DefaultDatasets)}; 'none' for the joint fit only)",
            HelpName = "id[,id...]",
            Arity = ArgumentArity.OneOrMore,
        };
        var noJoint = new Option<bool>("--no-joint") { Description = $"skip the joint fit ({string.Join(", ", BenchmarkWorkload.JointDatasets)})" };
        var threads = new Option<int>("--threads")
        {
            Description = "threads for scans and toys (default: the number of cores); scans and toys are also checked against 1 thread",
            HelpName = "n",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var noGradients = new Option<bool>("--baseline")
        {
            Description = "fits as before the speed-ups (no gradients, no dataset-by-dataset minimisation: the minimiser's finite differences), for comparison",
        };
        var dataDir = CliOptions.DataDir();
        var command = new Command("bench", "Time predictions, profiled fits, scans and Feldman-Cousins toys per dataset and jointly.")
            { json, quick, experiments, noJoint, threads, noGradients, dataDir };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(threads);
            if (n < 1) throw CliException.Usage($"--threads must be >= 1, got {n}");
            var ids = DatasetCombination.SplitList(parse.GetValue(experiments));
            if (ids.Count == 1 && ids[0] == "none") ids = [];
            else if (ids.Count == 0) ids = BenchmarkWorkload.DefaultDatasets.ToList();
            foreach (var id in ids)
                if (!BenchmarkWorkload.DefaultDatasets.Contains(id))
                    throw CliException.Usage($"--experiments: '{id}' has no likelihood to benchmark (known: {string.Join(", ", BenchmarkWorkload.DefaultDatasets)})");
            var settings = new BenchmarkSettings { Datasets = ids, Joint = !parse.GetValue(noJoint), Threads = n, Gradients = !parse.GetValue(noGradients) };
            if (parse.GetValue(quick)) settings = settings.AsQuick();
            var dir = context.ResolveDataDirectory(parse.GetValue(dataDir));
            bool asJson = parse.GetValue(json);
            var o = context.Out;
            if (!asJson)
            {
                var m = MachineInfo.Current();
                o.WriteLine($"data directory: {dir.Description}");
                o.WriteLine($"machine: {m.Cpu}, {m.Cores} cores, {m.Os}, {m.Runtime}, load average {F(m.LoadAverage)}");
                o.WriteLine($"settings: {settings.Threads} thread(s), 1D {settings.ScanPoints} points, 2D {settings.GridPoints2D} x {settings.GridPoints2D}, " +
                            $"{settings.Toys} toys, {settings.Repeats} repeats{(settings.Quick ? " (quick)" : "")}{(settings.Gradients ? "" : ", baseline fits (no gradients, no blocks)")}");
                o.WriteLine($"{"workload",-18} {"operation",-34} {"size",-28} {"time",22} {"cpu",10} {"target",10}  status");
            }
            var report = BenchmarkSuite.Run(settings, dir.Path,
                asJson ? null : m => o.WriteLine(Line(m)),
                asJson ? null : c => o.WriteLine(CheckLine(c)));
            if (asJson)
                WriteJson(o, report);
            else
                WriteSummary(o, report);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string F(double x) => x.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Seconds in a readable unit.</summary>
    public static string Time(double seconds) => seconds switch
    {
        < 1e-3 => $"{(seconds * 1e6).ToString("F1", CultureInfo.InvariantCulture)} us",
        < 1 => $"{(seconds * 1e3).ToString("F2", CultureInfo.InvariantCulture)} ms",
        _ => $"{seconds.ToString("F2", CultureInfo.InvariantCulture)} s",
    };

    private static string Line(BenchmarkMeasurement m)
    {
        string time = Time(m.Seconds) + (m.ExtrapolatedSeconds is { } e ? $" (~{Time(e)})" : "");
        string target = m.TargetSeconds is { } t ? "<= " + Time(t) : "";
        string status = m.MeetsTarget switch { true => "ok", false => "MISSED", null => "" };
        string cpu = double.IsFinite(m.CpuSeconds) ? Time(m.CpuSeconds) : "";
        return $"{m.Workload,-18} {m.Operation,-34} {m.Size,-28} {time,22} {cpu,10} {target,10}  {status,-6}  {m.Note}".TrimEnd();
    }

    private static string CheckLine(DeterminismCheck c) =>
        $"{c.Workload,-18} {"identity 1 vs " + c.Threads + " threads: " + c.Operation,-63} max relative difference {c.MaxRelativeDifference:E2} " +
        $"({(c.Passed ? "ok" : "FAILED")}, <= {DeterminismCheck.Tolerance:E0}); 1 thread {Time(c.OneThreadSeconds)}, {c.Threads} threads {Time(c.ThreadsSeconds)}";

    private static void WriteSummary(TextWriter o, BenchmarkReport r)
    {
        o.WriteLine($"peak working set: {r.PeakWorkingSetBytes / 1048576.0:F0} MiB (target: well under 1 GiB: {(r.PeakWorkingSetBytes < BenchmarkReport.MemoryTargetBytes ? "ok" : "MISSED")}); GC heap at the end {r.GcHeapBytes / 1048576.0:F0} MiB");
        var missed = r.Measurements.Where(m => m.MeetsTarget == false).ToArray();
        o.WriteLine(missed.Length == 0 ? "all targets met" : $"targets missed: {string.Join("; ", missed.Select(m => $"{m.Workload} {m.Operation}"))}");
        if (r.Determinism.Any(c => !c.Passed))
            o.WriteLine("identity check FAILED: results depend on the thread count");
        foreach (var n in r.Notes) o.WriteLine($"note: {n}");
        o.WriteLine($"total: {Time(r.TotalSeconds)}");
    }

    internal static void WriteJson(TextWriter output, BenchmarkReport r)
    {
        var s = r.Settings;
        JsonText.Write(output, new BenchJson(
            new MachineJson(r.Machine.Cpu, r.Machine.Cores, r.Machine.Os, r.Machine.Runtime, r.Machine.LoadAverage),
            new SettingsJson(s.Threads, s.ScanPoints, s.GridPoints2D, s.Toys, s.Repeats, s.Quick, s.Gradients, s.Seed),
            r.Measurements.Select(m => new MeasurementJson(m.Workload, m.Operation, m.Size, m.Seconds, m.CpuSeconds, m.ExtrapolatedSeconds, m.TargetSeconds,
                m.MeetsTarget, m.AllocatedBytes, m.Note)).ToArray(),
            r.Determinism.Select(c => new IdentityJson(c.Workload, c.Operation, c.Threads, c.MaxRelativeDifference, c.Passed, c.OneThreadSeconds, c.ThreadsSeconds)).ToArray(),
            new MemoryJson(r.PeakWorkingSetBytes, r.GcHeapBytes, r.PeakWorkingSetBytes < BenchmarkReport.MemoryTargetBytes),
            r.TotalSeconds, r.Notes));
    }

    /// <summary>bench --json: times in seconds, memory in bytes; a time without a measurement or target is null.</summary>
    private sealed record BenchJson(MachineJson Machine, SettingsJson Settings, IReadOnlyList<MeasurementJson> Measurements,
        IReadOnlyList<IdentityJson> ThreadIdentity, MemoryJson Memory, double TotalSeconds, IReadOnlyList<string> Notes);

    private sealed record MachineJson(string Cpu, int Cores, string Os, string Runtime, double LoadAverage);

    private sealed record SettingsJson(int Threads, int ScanPoints, [property: JsonPropertyName("grid_points_2d")] int GridPoints2D, int Toys, int Repeats,
        bool Quick, bool Gradients, ulong Seed);

    private sealed record MeasurementJson(string Workload, string Operation, string Size, double Seconds, double CpuSeconds, double? ExtrapolatedSeconds,
        double? TargetSeconds, bool? MeetsTarget, double AllocatedBytes, string Note);

    private sealed record IdentityJson(string Workload, string Operation, int Threads, double MaxRelativeDifference, bool Passed, double OneThreadSeconds,
        double ThreadsSeconds);

    private sealed record MemoryJson(long PeakWorkingSetBytes, long GcHeapBytes, [property: JsonPropertyName("under_1gib")] bool Under1GiB);
}
