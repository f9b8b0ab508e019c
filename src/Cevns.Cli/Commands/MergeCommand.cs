using System.CommandLine;
using Cevns.Fitting;

namespace Cevns.Cli.Commands;

/// <summary>
/// cevns merge: combines the shard files of 'cevns scan --shard i/N' into the scan file the single machine would have
/// written (Cevns.Fitting.ScanMerge): same rows, same comments after the provenance lines. Refuses shards of different
/// analyses, missing or duplicated shards (usage error, exit 2) and inconsistent shard contents (data error, exit 3).
/// Shards of a Feldman-Cousins scan give the critical values and the regions as well, as the one-process scan writes them.
/// </summary>
public sealed class MergeCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var files = new Argument<string[]>("shard-files")
        {
            Description = "the shard files of one scan (all N of them, any order), e.g. shard_*.csv",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out") { Description = "scan CSV file to write (replaced atomically)", HelpName = "file.csv", Required = true };
        var command = new Command("merge", "Combine the shard files of 'cevns scan --shard i/N' into one scan CSV.");
        command.Arguments.Add(files);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var path = Path.GetFullPath(parse.GetValue(output)!, context.CurrentDirectory);
            var inputs = (parse.GetValue(files) ?? []).Select(f => Path.GetFullPath(f, context.CurrentDirectory)).ToArray();
            if (inputs.Contains(path))
                throw CliException.Usage($"--out {path} is also one of the shard files");
            ScanCsv.CheckWritable(path);
            var shards = inputs.Select(ScanShardFile.Read).ToArray();
            var merged = ScanMerge.MergeAll(shards);
            var report = merged.Report;
            var first = shards.OrderBy(s => s.Shard.Index).First();
            var dataDirectory = first.Comments.FirstOrDefault(c => c.StartsWith("data directory: ", StringComparison.Ordinal));
            var provenance = new List<string>
            {
                "cevns " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
                $"merged from {shards.Length} shard{(shards.Length == 1 ? "" : "s")} of: {first.Fingerprint.Command}",
            };
            if (dataDirectory is not null) provenance.Add($"{dataDirectory} (shard {first.Shard})");
            provenance.Add($"analysis fingerprint: {first.FingerprintHex}");
            provenance.Add($"software: {first.Fingerprint.Software}");
            if (first.Fingerprint.Software != SoftwareVersion.Current)
                provenance.Add($"merged by: {SoftwareVersion.Current}");
            ScanCsv.WriteAtomic(path, ScanCsv.Format(report, provenance, merged.Belt, merged.Intervals));
            context.Out.WriteLine($"merged {shards.Length} shard{(shards.Length == 1 ? "" : "s")} ({report.Rows.Count} points) into {path}");
            int code = ScanCommand.Summary(context, "merge", report);
            foreach (var interval in merged.Intervals) context.Out.WriteLine(interval.ToString());
            return code;
        });
        return command;
    }
}
