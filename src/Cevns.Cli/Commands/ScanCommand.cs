using System.CommandLine;
using System.Globalization;
using Cevns.Fitting;
using Spectre.Console;

namespace Cevns.Cli.Commands;

/// <summary>
/// cevns scan: profiled Delta chi2 on a 1D or 2D grid of physics or signal parameters (Cevns.Fitting.ProfileScan),
/// written as CSV (atomically). Chains of points run in parallel (--threads); the file does not depend on the
/// thread count. A progress bar goes to stderr when it is a terminal.
/// <para>
/// --shard i/N computes shard i of N (ScanSchedule.Plan) into a shard file for 'cevns merge'. Every finished point is
/// appended to &lt;out&gt;.checkpoint (ScanCheckpoint), deleted once the output is written; --resume continues an
/// interrupted run from it (same analysis fingerprint required), or reports an output that is already complete.
/// </para>
/// <para>
/// --feldman-cousins T shards too: a shard computes the toys of every N-th grid point (FeldmanCousinsScan.ToyPoints; their
/// seeds depend only on the master seed and the point) and writes them into its shard file; 'cevns merge' assembles the belt and the regions. The toys and
/// the seed are part of the analysis fingerprint. They are not checkpointed, so --resume is refused with them.
/// </para>
/// </summary>
public sealed class ScanCommand(DatasetSource? source = null) : ICliCommand
{
    private readonly DatasetSource _source = source ?? DatasetSource.Registry;

    public Command Create(CliContext context)
    {
        var o = new FitCommandOptions();
        var param = new Option<string[]>("--param")
        {
            Description = "scanned parameter and grid, name=lo:hi:n, or name=lo:hi:n:log for points equally spaced in log10 (once for 1D, twice for 2D)",
            HelpName = "name=lo:hi:n[:log]",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out") { Description = "CSV file to write (replaced atomically)", HelpName = "file.csv", Required = true };
        var shardOption = new Option<string>("--shard")
        {
            Description = "compute only shard i of N (counted from 1) into a shard file; combine the N files with 'cevns merge'",
            HelpName = "i/N",
        };
        var resumeOption = new Option<bool>("--resume")
        {
            Description = "continue an interrupted scan from <out>.checkpoint (or do nothing if <out> is already complete)",
        };
        var fcToys = new Option<int>("--feldman-cousins")
        {
            Description = "1D scans: also the Feldman-Cousins critical Delta chi2 at every grid point from this many toys per point, and the regions (68.27 %, 90 %)",
            HelpName = "toys",
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "master seed of the Feldman-Cousins toys (results do not depend on --threads)",
            HelpName = "n",
            DefaultValueFactory = _ => 20240917,
        };
        var command = new Command("scan", "Profiled Delta chi2 on a 1D or 2D parameter grid, written as CSV.");
        o.AddTo(command);
        command.Options.Add(param);
        command.Options.Add(output);
        command.Options.Add(shardOption);
        command.Options.Add(resumeOption);
        command.Options.Add(fcToys);
        command.Options.Add(seed);
        command.SetAction(parse =>
        {
            var axes = (parse.GetValue(param) ?? []).Select(ScanAxis.Parse).ToArray();
            if (axes.Length > 2)
                throw CliException.Usage($"--param given {axes.Length} times; a scan has one or two parameters");
            ScanShard? shard = parse.GetValue(shardOption) is { } s ? ScanShard.Parse(s) : null;
            bool resume = parse.GetValue(resumeOption);
            int toys = parse.GetValue(fcToys);
            if (toys < 0 || (parse.GetResult(fcToys) is not null && toys == 0))
                throw CliException.Usage($"--feldman-cousins must be >= 1 toys per point, got {toys}");
            if (toys > 0 && axes.Length != 1)
                throw CliException.Usage("--feldman-cousins needs a 1D scan (one --param)");
            if (toys > 0 && resume)
                throw CliException.Usage("--feldman-cousins cannot be combined with --resume (the toys are not checkpointed); rerun the scan, or split it with --shard i/N");
            var path = Path.GetFullPath(parse.GetValue(output)!, context.CurrentDirectory);
            ScanCsv.CheckWritable(path);
            var prepared = o.PrepareWithData(parse, context, _source, axes);
            var fit = prepared.Fit;
            int threads = o.Threads(parse);
            ulong masterSeed = parse.GetValue(seed);
            var normalised = FitCommandOptions.Normalised("scan", prepared, axes)
                + (toys > 0 ? FormattableString.Invariant($" --feldman-cousins {toys} --seed {masterSeed}") : "");
            var fingerprint = new AnalysisFingerprint(normalised,
                AnalysisFingerprint.HashDataFiles(prepared.Definitions, prepared.DataPath), SoftwareVersion.Current);
            var commandLine = "cevns " + string.Join(' ', parse.Tokens.Select(t => Quote(t.Value)));
            string[] provenance =
            [
                commandLine,
                $"data directory: {prepared.DataDirectory}",
                $"analysis fingerprint: {fingerprint.Hex}",
                $"software: {fingerprint.Software}",
            ];

            if (toys > 0 && shard is { } fcShard)
            {
                var part = FeldmanCousinsScan.RunShard(fit, axes[0], fcShard, new FeldmanCousinsScanOptions { ToysPerPoint = toys, Seed = masterSeed, Threads = threads });
                ScanCsv.WriteAtomic(path, ScanShardFile.Format(part.Scan, fingerprint, provenance.Where(p => !p.StartsWith("analysis fingerprint", StringComparison.Ordinal)), part.Toys));
                context.Out.WriteLine($"wrote shard {fcShard} ({part.Scan.Plan.Cells.Count} of {part.Scan.Schedule.CellCount} scan points; Feldman-Cousins toys at {part.Toys.Points.Count} point(s), {toys} each) to {path}");
                if (part.Toys.Points.Count == 0)
                    context.Out.WriteLine($"note: this shard has no toys: the grid has only {part.Scan.Schedule.CellCount} points; use at most that many shards");
                context.Out.WriteLine($"combine all {fcShard.Count} shard files with: cevns merge <files> --out <scan.csv>");
                return ExitCodes.Success;
            }

            if (toys > 0)
            {
                var fc = FeldmanCousinsScan.Run(fit, axes[0], new FeldmanCousinsScanOptions { ToysPerPoint = toys, Seed = masterSeed, Threads = threads });
                ScanCsv.WriteAtomic(path, ScanCsv.Format(fc.Data, provenance, fc));
                context.Out.WriteLine($"wrote {fc.Data.Points.Count} points to {path}");
                int code = Summary(context, "scan", ScanReport.Of(fc.Data));
                foreach (var interval in fc.Intervals) context.Out.WriteLine(interval.ToString());
                return code;
            }

            var checkpointPath = ScanCheckpoint.PathFor(path);
            if (resume && !File.Exists(checkpointPath) && ScanOutput.IsComplete(path, fingerprint.Hex, shard))
            {
                context.Out.WriteLine($"{path} is already complete (same analysis fingerprint): nothing to do");
                return ExitCodes.Success;
            }
            using var checkpoint = ScanCheckpoint.Start(checkpointPath,
                new ScanCheckpointHeader(fingerprint.Hex, shard ?? ScanShard.Whole, fingerprint.Command, fit.Problem.Parameters.Select(p => p.Name).ToArray()), resume);
            if (checkpoint.Resumed)
                context.Out.WriteLine($"resuming from {checkpointPath}: {checkpoint.RestoredSteps} finished minimisation(s) restored"
                    + (checkpoint.Global is null ? "" : ", global fit restored")
                    + (checkpoint.DiscardedBytes > 0 ? $"; a torn last record ({checkpoint.DiscardedBytes} bytes) was discarded" : ""));
            else if (resume)
                context.Out.WriteLine($"no checkpoint {checkpointPath}: starting from the beginning");
            var options = new ScanOptions { Threads = threads, Journal = checkpoint };

            if (shard is { } sh)
            {
                var part = Run(context, threads, options, opt => ProfileScan.RunShard(fit, axes, sh, opt));
                ScanCsv.WriteAtomic(path, ScanShardFile.Format(part, fingerprint, provenance.Where(p => !p.StartsWith("analysis fingerprint", StringComparison.Ordinal))));
                checkpoint.Complete();
                context.Out.WriteLine($"wrote shard {sh} ({part.Plan.Cells.Count} of {part.Schedule.CellCount} points) to {path}");
                if (part.Plan.Cells.Count == 0)
                    context.Out.WriteLine($"note: this shard has no points: the scan has only {part.Schedule.UnitCount} unit(s) of work ({(part.Schedule.TwoDimensional ? "columns" : "chains of a 1D scan")}); use at most that many shards");
                context.Out.WriteLine($"combine all {sh.Count} shard files with: cevns merge <files> --out <scan.csv>");
                return ExitCodes.Success;
            }

            var result = Run(context, threads, options, opt => ProfileScan.Run(fit, axes, opt));
            ScanCsv.WriteAtomic(path, ScanCsv.Format(result, provenance));
            checkpoint.Complete();
            context.Out.WriteLine($"wrote {result.Points.Count} points to {path}");
            return Summary(context, "scan", ScanReport.Of(result));
        });
        return command;
    }

    /// <summary>
    /// Prints datasets, global minimum and convergence of a scan; when nothing converged (the file then holds no chi2
    /// at all) also one line on stderr, and exit code 4; else 0.
    /// </summary>
    internal static int Summary(CliContext context, string command, ScanReport r)
    {
        var o = context.Out;
        var d = r.Description;
        var g = r.Global;
        o.WriteLine($"datasets: {string.Join(", ", d.DatasetIds)}{(d.RateOnly.Count > 0 ? $" (rate only: {string.Join(", ", d.RateOnly)})" : "")}");
        o.WriteLine(g.Converged
            ? $"global minimum: chi2 = {F(g.Chi2)} at {string.Join(", ", d.FreeParameters.Select((n, k) => $"{n} = {F(g.FreeValues[k])}"))}; dof = {d.DegreesOfFreedom}"
            : $"global fit did NOT converge ({g.Status}); delta_chi2 refers to the lowest converged point");
        o.WriteLine(r.NonConverged == 0 ? "all points converged" : $"{r.NonConverged} point(s) did not converge (written as nan)");
        foreach (var c in d.NotConstrained) o.WriteLine($"note: {c.Name} held at {F(c.Value)}: {JointFit.NotConstrainedText(c.Name)}");
        foreach (var n in r.Notes) o.WriteLine($"note: {n}");
        if (double.IsFinite(r.MinimumChi2)) return ExitCodes.Success;
        context.Error.WriteLine($"cevns {command}: no fit converged (global fit: {g.Status}; {r.NonConverged} of {r.Rows.Count} points): the file has no chi2 values");
        return ExitCodes.Numerical;
    }

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    private static string Quote(string s) => s.Any(char.IsWhiteSpace) ? $"'{s}'" : s;

    private static T Run<T>(CliContext context, int threads, ScanOptions options, Func<ScanOptions, T> scan) where T : class
    {
        bool terminal = ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected;
        if (!terminal)
            return scan(options);
        return RunWithProgress(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }), threads, options, scan);
    }

    /// <summary>The scan with a Spectre.Console progress bar on <paramref name="console"/> (stderr of a terminal).</summary>
    internal static ScanResult RunWithProgress(IAnsiConsole console, JointFit fit, IReadOnlyList<ScanAxis> axes, ScanOptions options) =>
        RunWithProgress(console, options.Threads, options, o => ProfileScan.Run(fit, axes, o));

    private static T RunWithProgress<T>(IAnsiConsole console, int threads, ScanOptions options, Func<ScanOptions, T> scan) where T : class
    {
        T? result = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"scan ({threads} thread{(threads == 1 ? "" : "s")})", maxValue: 1);
                task.IsIndeterminate = true;
                var gate = new object();
                result = scan(options with
                {
                    Progress = (done, total) =>
                    {
                        lock (gate)
                        {
                            task.IsIndeterminate = false;
                            task.MaxValue = total;
                            task.Value = Math.Max(task.Value, done);
                        }
                    },
                });
                task.Value = task.MaxValue;
            });
        return result!;
    }
}
