using Cevns.Cli;
using Cevns.Cli.Commands;

namespace Cevns.Tests.Cli;

/// <summary>Result of one in-process run of the CLI.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>The stderr lines (without the final newline).</summary>
    public string[] ErrorLines => Error.TrimEnd('\r', '\n').Split('\n');

    /// <summary>Asserts the shape every bad input must have: the exit code, exactly one line on stderr, no stack trace, nothing on stdout.</summary>
    public string AssertOneLineError(int expectedCode)
    {
        Assert.Equal(expectedCode, ExitCode);
        Assert.Single(ErrorLines);
        Assert.False(string.IsNullOrWhiteSpace(Error), "stderr is empty");
        Assert.DoesNotContain("   at ", Error);
        Assert.DoesNotContain("Exception:", Error);
        Assert.Equal("", Out);
        return ErrorLines[0];
    }
}

/// <summary>Runs the cevns CLI in-process with captured streams and a controlled environment.</summary>
public static class CliRunner
{
    public static CliRun Run(params string[] args) => Run(args, new Dictionary<string, string>());

    /// <summary>Runs the command with --json, asserts success and returns the parsed JSON object.</summary>
    public static System.Text.Json.JsonElement Json(params string[] args)
    {
        var run = Run(args.Append("--json").ToArray());
        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = System.Text.Json.JsonDocument.Parse(run.Out);
        return doc.RootElement.Clone();
    }

    public static CliRun Run(string[] args, IReadOnlyDictionary<string, string> environment,
        TargetCrossSectionFunction? crossSection = null, string? currentDirectory = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr, name => environment.GetValueOrDefault(name),
            currentDirectory ?? Path.GetTempPath());
        var commands = crossSection is null
            ? CommandRegistry.Default()
            : CommandRegistry.Default().Select(c => c is XsecCommand ? new XsecCommand(crossSection) : c).ToArray();
        var code = CevnsApp.Run(args, context, commands);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    private static readonly (string Option, string Value)[] ValidXsec =
        [("--target", "Ge"), ("--flavor", "nuebar"), ("--enu", "10"), ("--trecoil", "1")];

    /// <summary>
    /// Valid xsec arguments with the given option/value pairs replacing the defaults (or appended);
    /// a flag without value (e.g. --json) is given as a pair with value null.
    /// </summary>
    public static string[] Xsec(params (string Option, string? Value)[] changes)
    {
        var args = new List<string> { "xsec" };
        foreach (var (option, value) in ValidXsec)
        {
            var change = changes.FirstOrDefault(c => c.Option == option);
            args.Add(option);
            args.Add(change.Option is null ? value : change.Value!);
        }
        foreach (var (option, value) in changes.Where(c => ValidXsec.All(v => v.Option != c.Option)))
        {
            args.Add(option);
            if (value is not null)
                args.Add(value);
        }
        return args.ToArray();
    }

    /// <summary>Valid xsec arguments with one required option left out.</summary>
    public static string[] XsecWithout(string option) =>
        ["xsec", .. ValidXsec.Where(v => v.Option != option).SelectMany(v => new[] { v.Option, v.Value })];
}
