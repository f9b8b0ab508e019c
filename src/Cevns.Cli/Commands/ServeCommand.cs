using System.CommandLine;
using Cevns.Cli.Serve;

namespace Cevns.Cli.Commands;

/// <summary>
/// cevns serve: a long-lived session for scripts (python/cevns.py). Reads one JSON request per line on standard input
/// and writes one JSON line per request on standard output (<see cref="ServeSession"/>), until the input ends.
/// Nothing else is written to standard output; a failed request is an {"error": ...} line, never the end of the session.
/// </summary>
/// <param name="input">Where requests are read from (standard input unless a test passes its own).</param>
public sealed class ServeCommand(Func<TextReader>? input = null) : ICliCommand
{
    public Command Create(CliContext context)
    {
        var dataDir = CliOptions.DataDir();
        var command = new Command("serve",
            "Answer JSON requests line by line on stdin/stdout (predict, fit, scan, likelihood, xsec, parameters, experiments); datasets load once per session.")
        {
            dataDir,
        };
        command.SetAction(parse =>
        {
            var session = new ServeSession(context, parse.GetValue(dataDir));
            var reader = input?.Invoke() ?? Console.In;
            while (reader.ReadLine() is { } line)
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                context.Out.WriteLine(session.Handle(line));
                context.Out.Flush();
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
