namespace Cevns.Cli.Commands;

/// <summary>The sub-commands of cevns, in the order the help lists them. Add later commands (predict, fit, scan, run, bench) here.</summary>
public static class CommandRegistry
{
    public static IReadOnlyList<ICliCommand> Default() =>
    [
        new XsecCommand(),
        new ParametersCommand(),
        new DataCommand(),
        new ExperimentsCommand(),
        new PredictCommand(),
        new FitCommand(),
        new ScanCommand(),
        new RunCommand(() => new Cevns.Analyses.JointFitBackend()),
        new BenchCommand(),
        new MergeCommand(),
        new ValidateCommand(),
        new ServeCommand(),
    ];
}
