using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Cevns.Cli.Commands;
using Cevns.Datasets;

namespace Cevns.Cli;

/// <summary>
/// Parses the command line and runs one sub-command. Parse errors and exceptions are reported as one
/// line on stderr ("cevns &lt;command&gt;: &lt;what is wrong&gt;") with the exit codes of <see cref="ExitCodes"/>.
/// </summary>
public static class CevnsApp
{
    public const string Name = "cevns";

    public static int Run(string[] args, CliContext context) => Run(args, context, CommandRegistry.Default());

    public static int Run(string[] args, CliContext context, IReadOnlyList<ICliCommand> commands)
    {
        var prefix = Name;
        try
        {
            var root = BuildRoot(context, commands);
            var parse = root.Parse(args);
            prefix = CommandPath(parse.CommandResult.Command);
            if (parse.Action is ParseErrorAction || (parse.Errors.Count > 0 && parse.Action is null))
                return ReportParseError(parse, root, prefix, context);
            using var datasets = DatasetRegistry.Use(DatasetFolders(parse, context));
            return parse.Invoke(new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (Exception ex)
        {
            return ErrorReport.Report(ex, prefix, context.Error, context.Debug);
        }
    }

    private static Command BuildRoot(CliContext context, IReadOnlyList<ICliCommand> commands)
    {
        // A plain Command (not RootCommand) so that the name is "cevns" whatever the executable is called,
        // and no directives ([env:...], [diagram]) are interpreted.
        var root = new Command(Name, "Coherent elastic neutrino-nucleus scattering: cross sections, predictions and fits.")
        {
            new HelpOption { Recursive = true },
            new VersionOption(),
        };
        foreach (var c in commands)
            root.Subcommands.Add(c.Create(context));
        AddDatasetsDir(root);
        return root;
    }

    /// <summary>
    /// Every command that reads the data directory (and so takes experiments) also reads user dataset definitions:
    /// <c>--datasets-dir DIR</c> (repeatable) and the <c>CEVNS_DATASETS</c> path list.
    /// </summary>
    private static void AddDatasetsDir(Command command)
    {
        foreach (var sub in command.Subcommands)
            AddDatasetsDir(sub);
        if (command.Options.Any(o => o.Name == Cevns.Data.DataDirectory.CommandLineOption))
            command.Options.Add(CliOptions.DatasetsDir());
    }

    /// <summary>The catalog of this run: the built-in definitions plus those of --datasets-dir and CEVNS_DATASETS.</summary>
    private static DatasetCatalog DatasetFolders(ParseResult parse, CliContext context)
    {
        var option = parse.CommandResult.Command.Options.OfType<Option<string[]>>().FirstOrDefault(o => o.Name == DatasetCatalog.CommandLineOption);
        var folders = DatasetCatalog.FoldersFrom(option is null ? null : parse.GetValue(option),
            option is null ? null : context.Environment(DatasetCatalog.EnvironmentVariable));
        return DatasetCatalog.WithFolders(folders, context.CurrentDirectory);
    }

    private static int ReportParseError(ParseResult parse, Command root, string prefix, CliContext context)
    {
        var command = parse.CommandResult.Command;
        string message;
        if (ReferenceEquals(command, root))
        {
            var names = string.Join(", ", root.Subcommands.Select(c => c.Name));
            var unmatched = parse.UnmatchedTokens.FirstOrDefault() ?? parse.Tokens.FirstOrDefault()?.Value;
            message = unmatched is null
                ? $"no command given (commands: {names}; see '{Name} --help')"
                : $"unknown command or argument '{unmatched}' (commands: {names}; see '{Name} --help')";
        }
        else
        {
            message = $"{ErrorReport.OneLine(parse.Errors[0].Message).TrimEnd('.')} (see '{prefix} --help')";
        }
        context.Error.WriteLine($"{prefix}: {message}");
        return ExitCodes.Usage;
    }

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is Command c; s = c.Parents.FirstOrDefault())
            names.Add(c.Name);
        names.Reverse();
        return string.Join(' ', names);
    }
}
