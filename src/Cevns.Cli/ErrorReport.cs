using Cevns.Data;
using Cevns.Datasets;
using Cevns.Physics;

namespace Cevns.Cli;

/// <summary>
/// Turns any exception into an exit code and ONE line on stderr (no stack trace unless CEVNS_DEBUG=1).
/// The exception class decides the exit code; see <see cref="ExitCodes"/>.
/// </summary>
public static class ErrorReport
{
    public static int ExitCodeOf(Exception ex) => ex switch
    {
        CliException c => c.ExitCode,
        ParameterException => ExitCodes.Usage,
        DataFileException or DatasetException or DefinitionFileException or FileNotFoundException or DirectoryNotFoundException => ExitCodes.Data,
        ArithmeticException => ExitCodes.Numerical,
        ArgumentNullException => ExitCodes.Internal,   // a null never comes from the command line: a bug
        // The library rejects an input value it was handed (e.g. a neutron radius too small for the Helm form factor)
        // or a model choice it does not provide: both come from the command line.
        ArgumentException or NotSupportedException => ExitCodes.Usage,
        _ => ExitCodes.Internal,
    };

    /// <summary>The message of the exception as one line; unexpected exceptions also name their type.</summary>
    public static string MessageOf(Exception ex)
    {
        var code = ExitCodeOf(ex);
        var text = OneLine(ex.Message);
        return code == ExitCodes.Internal ? $"internal error ({ex.GetType().Name}): {text}" : text;
    }

    /// <summary>
    /// Writes "&lt;prefix&gt;: &lt;message&gt;" as one line and returns the exit code; with debug on, the
    /// full exception (stack trace) follows on the next lines.
    /// </summary>
    public static int Report(Exception ex, string prefix, TextWriter error, bool debug)
    {
        var code = ExitCodeOf(ex);
        var hint = code == ExitCodes.Internal && !debug ? $" (set {CliContext.DebugVariable}=1 for the stack trace)" : "";
        error.WriteLine($"{prefix}: {MessageOf(ex)}{hint}");
        if (debug)
            error.WriteLine(ex.ToString());
        return code;
    }

    /// <summary>Joins the lines of a message with single spaces.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
