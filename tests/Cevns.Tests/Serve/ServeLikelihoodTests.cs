using System.Text.Json.Nodes;
using Cevns.Cli;
using Cevns.Cli.Commands;
using Cevns.Fitting;
using Cevns.Tests.Cli;
using Cevns.Tests.Data;

namespace Cevns.Tests.Serve;

/// <summary>
/// The serve request "likelihood": -2 ln L of the fit problem at a full parameter vector, equal to the library's
/// objective of the same joint fit; the parameter list without "at"; the analytic gradient; bad vectors refused.
/// </summary>
public class ServeLikelihoodTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["CEVNS_DATA"] = DataTestSupport.Shared };

    private static string[] Serve(params string[] requests)
    {
        var stdout = new StringWriter();
        var context = new CliContext(stdout, new StringWriter(), name => Environment.GetValueOrDefault(name), Path.GetTempPath());
        var input = string.Join("\n", requests) + "\n";
        Assert.Equal(0, CevnsApp.Run(["serve"], context, [new ServeCommand(() => new StringReader(input))]));
        return stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void ValueAndGradientMatchTheLibrarysObjective()
    {
        const string Fit = "\"cmd\": \"likelihood\", \"experiments\": [\"coherent-csi-2021\"], \"free\": [\"sin2_theta_w\"]";
        var lines = Serve("{" + Fit + "}");
        var info = JsonNode.Parse(lines[0])!;
        var names = info["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToArray();
        Assert.Equal("sin2_theta_w", names[0]);
        Assert.Contains("coherent-csi-2021.ss_norm", names);

        // A point away from the start, every parameter given (nuisances moved by +-0.05 from their start).
        var initial = info["parameters"]!.AsArray().Select(p => p!["initial"]!.GetValue<double>()).ToArray();
        var at = names.Select((n, i) => $"\"{n}\": {(n == "sin2_theta_w" ? 0.2 : initial[i] + (i % 2 == 0 ? 0.05 : -0.05)).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
        var answers = Serve("{" + Fit + ", \"at\": {" + string.Join(", ", at) + "}, \"gradient\": true}");
        var a = JsonNode.Parse(answers[0])!;
        Assert.Null(a["error"]);
        var x = a["at"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(0.2, x[0]);

        var fit = JointFit.Create([DatasetLikelihoods.Load("coherent-csi-2021", DataTestSupport.Shared)],
            new FitSpecification { Free = ["sin2_theta_w"] });
        Assert.Equal(names, fit.Problem.Names);
        Assert.Equal(fit.Problem.Evaluate(x), a["chi2"]!.GetValue<double>(), 1e-9);
        var g = new double[x.Length];
        fit.Problem.Gradient!(x, g);
        var served = a["gradient"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        for (int i = 0; i < g.Length; i++) Assert.Equal(g[i], served[i], 1e-9 * Math.Max(1, Math.Abs(g[i])));
    }

    [Theory]
    [InlineData("\"at\": {\"sin2_theta_w\": 0.2}", "at: missing flux_norm.sns")]
    [InlineData("\"at\": {\"sin2_theta_w\": 2}", "at: sin2_theta_w = 2 is outside its fit range [0, 1]")]
    [InlineData("\"at\": {\"nsi.u.ee\": 0.1}", "at: 'nsi.u.ee' is not a parameter of this problem")]
    public void BadVectorsAreRefusedWithOneLine(string at, string message)
    {
        var lines = Serve("{\"cmd\": \"likelihood\", \"experiments\": [\"coherent-csi-2021\"], \"free\": [\"sin2_theta_w\"], " + at + "}");
        var a = JsonNode.Parse(lines[0])!;
        Assert.Contains(message, a["error"]!.GetValue<string>());
        Assert.Equal(2, a["exit_code"]!.GetValue<int>());
    }
}
