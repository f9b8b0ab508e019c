using Cevns.Data;

namespace Cevns.Cli;

/// <summary>
/// What a command may touch of the outside world: its output streams, environment variables and the
/// current directory. Tests pass their own to run the CLI in-process.
/// </summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, Func<string, string?> Environment, string CurrentDirectory)
{
    /// <summary>Set to 1 (or true) to print stack traces after the one-line error.</summary>
    public const string DebugVariable = "CEVNS_DEBUG";

    public static CliContext FromProcess() =>
        new(Console.Out, Console.Error, System.Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());

    public bool Debug => IsDebug(Environment);

    public static bool IsDebug(Func<string, string?> environment) =>
        environment(DebugVariable)?.Trim().ToLowerInvariant() is "1" or "true" or "yes";

    /// <summary>True when standard output is an interactive terminal (for table widths).</summary>
    public bool OutIsTerminal => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>The data directory from --data-dir (may be null), CEVNS_DATA, or data/ in the repository root.</summary>
    public DataDirectory ResolveDataDirectory(string? commandLineValue) =>
        DataDirectory.Resolve(commandLineValue, Environment, CurrentDirectory, RepositoryRoot.Find(Environment, CurrentDirectory));
}
