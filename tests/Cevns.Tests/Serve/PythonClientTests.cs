using System.Text.Json.Nodes;
using Cevns.Tests.Cli;
using Cevns.Tests.Data;
using Cevns.Tests.Scale;

namespace Cevns.Tests.Serve;

/// <summary>Skipped (with the reason) when no python3 is found; the client needs only the standard library.</summary>
public sealed class Python3FactAttribute : FactAttribute
{
    public Python3FactAttribute()
    {
        if (PythonClientTests.Python3 is null)
            Skip = "python3 not found (neither on PATH nor /usr/bin/python3): the Python client test needs it";
    }
}

/// <summary>python/cevns.py drives 'cevns serve' in a child process (tests/Cevns.Tests/Python/client_check.py).</summary>
public class PythonClientTests
{
    public static string? Python3 { get; } = Find();

    private static string? Find()
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin");
        return dirs.Select(d => Path.Combine(d, "python3")).FirstOrDefault(File.Exists);
    }

    [Python3Fact]
    public async Task ClientPredictEqualsTheCliAndSurvivesBadRequests()
    {
        var env = new Dictionary<string, string> { ["CEVNS_DATA"] = DataTestSupport.Shared };
        var cli = CliRunner.Run(["predict", "--experiment", "coherent-csi-2021", "--set", "nsi.u.ee=0.1", "--json"], env);
        Assert.True(cli.ExitCode == 0, cli.Error);
        var expected = JsonNode.Parse(cli.Out)!["signal_total"]!.GetValue<double>().ToString("R", System.Globalization.CultureInfo.InvariantCulture);

        var root = CliProcess.RepositoryRoot;
        var script = Path.Combine(root, "tests", "Cevns.Tests", "Python", "client_check.py");
        var outcome = await CliProcess.RunAsync(Python3!, [script, root, DataTestSupport.Shared, expected, CliProcess.Dotnet, CliProcess.CliDll],
            Path.GetTempPath(), timeoutSeconds: 300);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal("ok", outcome.Out.Trim());
    }
}
