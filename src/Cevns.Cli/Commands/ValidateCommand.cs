using System.CommandLine;
using Cevns.Analyses;
using Cevns.Analyses.Validation;

namespace Cevns.Cli.Commands;

/// <summary>
/// cevns validate [--out FILE] [--only ID-PREFIX ...] [--quick] [--json]: recomputes the published numbers of
/// Analyses/Validation/published.yaml and writes the comparison (docs/validation.md by default; --json also writes the
/// JSON twin next to it). Disagreements are results, not errors: the exit code is non-zero only for a bad entries file
/// or option (2), unusable data files or an unwritable output (3).
/// </summary>
public sealed class ValidateCommand : ICliCommand
{
    public const string DefaultOutput = "docs/validation.md";

    public Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = $"report file (default: {DefaultOutput} in the repository)", HelpName = "file" };
        var only = new Option<string[]>("--only")
        {
            Description = "run only the entries whose id starts with this prefix (repeatable)",
            HelpName = "id-prefix",
            Arity = ArgumentArity.OneOrMore,
        };
        var quick = new Option<bool>("--quick") { Description = "run only the entries marked fast (the subset the tests run)" };
        var json = new Option<bool>("--json") { Description = "also write the JSON twin of the report (same name, .json)" };
        var dataDir = CliOptions.DataDir();
        var threads = new Option<int>("--threads")
        {
            Description = "profile fits computed at the same time (default: processor count; the numbers do not depend on it)",
            HelpName = "n",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var command = new Command("validate", "Recompute published numbers (SM predictions, fitted counts, parameters, limits) and write the comparison report.")
        {
            output, only, quick, json, dataDir, threads,
        };
        command.SetAction(parse =>
        {
            int n = parse.GetValue(threads);
            if (n < 1) throw CliException.Usage($"--threads: must be >= 1, got {n}");
            var prefixes = (parse.GetValue(only) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            bool isQuick = parse.GetValue(quick);
            IReadOnlyList<ValidationEntry> entries;
            try
            {
                entries = ValidationCatalog.Select(ValidationCatalog.Load(), prefixes, isQuick);
            }
            catch (AnalysisFileException e)
            {
                throw CliException.Usage(e.Message);
            }
            if (entries.Count == 0) throw CliException.Usage("no entries selected (--quick with --only prefixes that have no fast entry)");

            var outPath = parse.GetValue(output) is { } o
                ? Path.GetFullPath(Path.Combine(context.CurrentDirectory, o))
                : Path.Combine(Data.RepositoryRoot.Find(context.Environment, context.CurrentDirectory)
                               ?? throw CliException.Usage("no repository root found for the default output: give --out FILE"), DefaultOutput);
            var dir = context.ResolveDataDirectory(parse.GetValue(dataDir));
            context.Out.WriteLine($"data directory: {dir.Description}");

            // The command as written into the report: options that change what is computed, not where files are.
            var shown = new List<string> { "./cevns validate" };
            if (isQuick) shown.Add("--quick");
            shown.AddRange(prefixes.Select(p => $"--only {p}"));
            if (parse.GetValue(json)) shown.Add("--json");
            var commandText = string.Join(' ', shown);

            IReadOnlyList<ValidationOutcome> outcomes;
            try
            {
                outcomes = new ValidationRunner(dir.Path, n, m => context.Out.WriteLine(m)).Run(entries);
            }
            catch (AnalysisFileException e)
            {
                throw CliException.Usage(e.Message);
            }
            var version = Cevns.Fitting.SoftwareVersion.Current.Version;
            Write(outPath, ValidationMarkdown.Write(outcomes, commandText, version));
            if (parse.GetValue(json)) Write(Path.ChangeExtension(outPath, ".json"), ValidationJson.Write(outcomes, commandText, version));
            foreach (var r in outcomes)
                context.Out.WriteLine($"  {r.Entry.Id,-28} {ValidationMarkdown.OursText(r),-26} {ValidationOutcome.StatusText(r.Status)}");
            context.Out.WriteLine($"report: {outPath}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Writes atomically (temporary file, then rename); a failure is a data/I-O error naming the file.</summary>
    private static void Write(string path, string text)
    {
        try
        {
            var dir = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            var tmp = path + ".tmp";
            File.WriteAllText(tmp, text);
            File.Move(tmp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Data, $"cannot write '{path}': {e.Message}");
        }
    }
}
