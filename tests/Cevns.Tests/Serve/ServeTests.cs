using System.Text.Json;
using System.Text.Json.Nodes;
using Cevns.Cli;
using Cevns.Cli.Commands;
using Cevns.Cli.Serve;
using Cevns.Tests.Cli;
using Cevns.Tests.Data;

namespace Cevns.Tests.Serve;

/// <summary>
/// cevns serve: one JSON answer line per request line, the same fields as the commands' --json output, ids echoed,
/// malformed requests answered with an error line while the session goes on, datasets loaded once per session.
/// </summary>
public class ServeTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["CEVNS_DATA"] = DataTestSupport.Shared };

    /// <summary>Runs 'cevns serve' in-process on the given request lines; returns the exit code and the answer lines.</summary>
    private static (int Code, string[] Lines, string Error) Serve(params string[] requests)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr, name => Environment.GetValueOrDefault(name), Path.GetTempPath());
        var input = string.Join("\n", requests) + "\n";
        var code = CevnsApp.Run(["serve"], context, [new ServeCommand(() => new StringReader(input))]);
        return (code, stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), stderr.ToString());
    }

    /// <summary>The --json output of a command run in-process, as a JSON tree.</summary>
    private static JsonNode CommandJson(params string[] args)
    {
        var run = CliRunner.Run(args, Environment);
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonNode.Parse(run.Out)!;
    }

    private static JsonObject WithoutId(string line)
    {
        var o = JsonNode.Parse(line)!.AsObject();
        o.Remove("id");
        return o;
    }

    [Fact]
    public void CrossSectionSwitchesMatchTheCommandLine()
    {
        var (code, lines, error) = Serve(
            """{"cmd": "predict", "experiment": "dresden-ii-2022", "charge_radius_q_dependent": true}""",
            """{"cmd": "predict", "experiment": "dresden-ii-2022"}""",
            """{"cmd": "xsec", "target": "Ge", "flavor": "nue", "enu": 30, "trecoil": 5, "nuclear_model": "d1s", "charge_radius_q_dependent": true}""",
            """{"cmd": "xsec", "target": "Ge", "flavor": "nue", "enu": 30, "trecoil": 5, "charge_radius_q_dependent": "yes"}""");
        Assert.Equal((0, ""), (code, error));
        Assert.True(JsonNode.DeepEquals(CommandJson("predict", "--experiment", "dresden-ii-2022", "--charge-radius-q-dependent", "--json"), WithoutId(lines[0])));
        Assert.True(JsonNode.DeepEquals(CommandJson("predict", "--experiment", "dresden-ii-2022", "--json"), WithoutId(lines[1])));
        Assert.NotEqual(lines[0], lines[1]);
        Assert.True(JsonNode.DeepEquals(CommandJson("xsec", "--target", "Ge", "--flavor", "nue", "--enu", "30", "--trecoil", "5",
            "--nuclear-model", "d1s", "--charge-radius-q-dependent", "--json"), WithoutId(lines[2])));
        Assert.Contains("charge_radius_q_dependent", JsonNode.Parse(lines[3])!["error"]!.GetValue<string>());
    }

    [Fact]
    public void AnswersCarryTheCommandsJsonFieldsAndTheRequestId()
    {
        var (code, lines, error) = Serve(
            """{"id": 7, "cmd": "predict", "experiment": "coherent-csi-2021", "params": {"nsi.u.ee": 0.1}}""",
            """{"id": "x", "cmd": "xsec", "target": "Ge", "flavor": "nuebar", "enu": 10, "trecoil": 1, "form_factor": "kn"}""",
            """{"cmd": "parameters"}""",
            """{"id": [1, 2], "cmd": "experiments"}""");
        Assert.Equal((0, ""), (code, error));
        Assert.Equal(4, lines.Length);
        Assert.Equal(7, JsonNode.Parse(lines[0])!["id"]!.GetValue<int>());
        Assert.Equal("x", JsonNode.Parse(lines[1])!["id"]!.GetValue<string>());
        Assert.Null(JsonNode.Parse(lines[2])!["id"]);
        Assert.Equal("[1,2]", JsonNode.Parse(lines[3])!["id"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(CommandJson("predict", "--experiment", "coherent-csi-2021", "--set", "nsi.u.ee=0.1", "--json"), WithoutId(lines[0])));
        Assert.True(JsonNode.DeepEquals(CommandJson("xsec", "--target", "Ge", "--flavor", "nuebar", "--enu", "10", "--trecoil", "1", "--form-factor", "kn", "--json"), WithoutId(lines[1])));
        Assert.True(JsonNode.DeepEquals(CommandJson("parameters", "--json"), WithoutId(lines[2])));
        Assert.True(JsonNode.DeepEquals(CommandJson("experiments", "--json"), WithoutId(lines[3])));
    }

    [Fact]
    public void MalformedRequestsAreAnsweredWithAnErrorAndTheSessionGoesOn()
    {
        string good = """{"id": 99, "cmd": "predict", "experiment": "texono-2024"}""";
        var (code, lines, _) = Serve(
            "not json",
            "[1, 2]",
            """{"id": 1}""",
            """{"id": 2, "cmd": "predictt"}""",
            """{"id": 3, "cmd": "predict", "experiment": "nope"}""",
            """{"id": 4, "cmd": "predict", "experiment": "texono-2024", "params": {"nsi.u.ee": "a lot"}}""",
            """{"id": 5, "cmd": "predict", "experiment": "texono-2024", "params": {"no.such": 1}}""",
            """{"id": 6, "cmd": "predict", "experiment": "texono-2024", "params": {"nsi.u.ee": 1e9}}""",
            """{"id": 7, "cmd": "predict", "experiment": "texono-2024", "colour": "red"}""",
            """{"id": 8, "cmd": "xsec", "target": "Ge", "flavor": "nuebar", "enu": -1, "trecoil": 1}""",
            """{"id": 9, "cmd": "fit", "experiments": "texono-2024", "free": "no.such"}""",
            """{"id": 10, "cmd": "scan", "experiments": "texono-2024", "param": "sin2_theta_w=0.3:0.2:5"}""",
            """{"id": 11, "cmd": "predict", "experiment": "texono-2024", "options": {"quenching": "nonsense"}}""",
            good);
        Assert.Equal(0, code);
        Assert.Equal(14, lines.Length);
        for (int i = 0; i < 13; i++)
        {
            var answer = JsonNode.Parse(lines[i])!.AsObject();
            Assert.False(string.IsNullOrWhiteSpace(answer["error"]?.GetValue<string>()), lines[i]);
            Assert.Contains(answer["exit_code"]!.GetValue<int>(), new[] { ExitCodes.Usage, ExitCodes.Data });
            Assert.DoesNotContain("\n", lines[i]);
            if (i >= 2) Assert.Equal(i - 1, answer["id"]!.GetValue<int>());
        }
        Assert.Contains("not valid JSON", lines[0]);
        Assert.Contains("unknown cmd 'predictt'", lines[3]);
        Assert.Contains("unknown parameter 'no.such'", lines[6]);
        Assert.Contains("unknown field 'colour'", lines[8]);
        var last = JsonNode.Parse(lines[13])!;
        Assert.Equal(99, last["id"]!.GetValue<int>());
        Assert.NotNull(last["signal_total"]);
    }

    [Fact]
    public void DatasetsLoadOncePerSessionAndPointsGiveTheSinglePredictions()
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null, name => Environment.GetValueOrDefault(name), Path.GetTempPath());
        var session = new ServeSession(context);
        var singles = new[] { -0.2, 0.0, 0.3 }.Select(v =>
            session.Handle($$$"""{"cmd": "predict", "experiment": "coherent-csi-2021", "params": {"nsi.u.ee": {{{v.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}}}""")).ToArray();
        var batch = JsonNode.Parse(session.Handle(
            """{"cmd": "predict", "experiment": "coherent-csi-2021", "points": [{"nsi.u.ee": -0.2}, {"nsi.u.ee": 0}, {"nsi.u.ee": 0.3}]}"""))!;
        Assert.Equal(1, session.DatasetsLoaded);
        var predictions = batch["predictions"]!.AsArray();
        for (int i = 0; i < 3; i++)
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(singles[i]), predictions[i]));
        // A different option set is another dataset object.
        session.Handle("""{"cmd": "predict", "experiment": "dresden-ii-2022", "options": {"quenching": "ybe"}}""");
        session.Handle("""{"cmd": "predict", "experiment": "dresden-ii-2022"}""");
        Assert.Equal(3, session.DatasetsLoaded);
    }

    [Fact]
    public void FitAnswerEqualsFitJsonAndScanListsEveryPoint()
    {
        var (code, lines, _) = Serve(
            """{"id": 1, "cmd": "fit", "experiments": ["texono-2024"], "free": ["sin2_theta_w"], "threads": 1}""",
            """{"id": 2, "cmd": "scan", "experiments": "texono-2024", "param": {"sin2_theta_w": [0.2, 0.3, 5]}, "threads": 1}""",
            """{"id": 3, "cmd": "fit", "experiments": "texono-2024", "free": "sin2_theta_w", "threads": 1}""");
        Assert.Equal(0, code);
        var cli = CommandJson("fit", "--experiments", "texono-2024", "--free", "sin2_theta_w", "--threads", "1", "--json");
        Assert.True(JsonNode.DeepEquals(cli, WithoutId(lines[0])), lines[0]);
        // the second fit reuses the session's dataset and gives the same numbers
        Assert.True(JsonNode.DeepEquals(cli, WithoutId(lines[2])));
        var scan = JsonNode.Parse(lines[1])!;
        var points = scan["points"]!.AsArray();
        Assert.Equal(5, points.Count);
        Assert.Equal([0.2, 0.225, 0.25, 0.275, 0.3], points.Select(p => p!["sin2_theta_w"]!.GetValue<double>()).ToArray());
        Assert.All(points, p => Assert.True(p!["delta_chi2"]!.GetValue<double>() >= 0));
        Assert.Equal(scan["chi2_min"]!.GetValue<double>(),
            points.Select(p => p!["chi2"]!.GetValue<double>()).Append(scan["global"]!["chi2"]!.GetValue<double>()).Min());
    }
}
