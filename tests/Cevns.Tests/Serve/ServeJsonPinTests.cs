using Cevns.Cli;
using Cevns.Cli.Serve;
using Cevns.Tests.Cli;
using Cevns.Tests.Data;

namespace Cevns.Tests.Serve;

/// <summary>
/// The 'cevns serve' answer lines byte for byte against Reference/json_pins/serve_*.jsonl, one line per request, for
/// every kind of answer the session writes itself: predict (one point and a list of points), likelihood (parameter
/// list, value with gradient), scan, and error answers (with and without an id, ids of every JSON kind). Computed
/// numbers are compared to 10 significant digits, as in <see cref="JsonOutputPinTests"/>; CEVNS_WRITE_JSON_PINS
/// writes the fixtures instead.
/// </summary>
public sealed class ServeJsonPinTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["CEVNS_DATA"] = DataTestSupport.Shared };

    public static TheoryData<string, string[]> Requests => new()
    {
        { "serve_predict.jsonl", [
            """{"id": 7, "cmd": "predict", "experiment": "texono-2024", "params": {"nsi.u.ee": 0.1}}""",
            """{"cmd": "predict", "experiment": "texono-2024", "tie": {"nsi.d.ee": "2*nsi.u.ee"}, "params": {"nsi.u.ee": -0.05}}""",
        ] },
        { "serve_predict_batch.jsonl", [
            """{"id": "batch", "cmd": "predict", "experiment": "texono-2024", "points": [{"nsi.u.ee": -0.2}, {"nsi.u.ee": 0.3, "sin2_theta_w": 0.24}]}""",
            """{"cmd": "predict", "experiment": "texono-2024", "points": []}""",
        ] },
        { "serve_likelihood.jsonl", [
            """{"id": 1, "cmd": "likelihood", "experiments": ["texono-2024"], "free": ["sin2_theta_w", "nsi.u.ee"], "range": {"nsi.u.ee": [-1, 1]}}""",
            """{"id": 2, "cmd": "likelihood", "experiments": ["texono-2024"], "free": ["sin2_theta_w", "nsi.u.ee"], "range": {"nsi.u.ee": [-1, 1]}, "at": {"sin2_theta_w": 0.25, "nsi.u.ee": 0.1}, "gradient": true}""",
            """{"id": 3, "cmd": "likelihood", "experiments": ["coherent-csi-2021"], "free": ["nsi.u.ee"]}""",
        ] },
        { "serve_scan.jsonl", [
            """{"id": 1, "cmd": "scan", "experiments": "texono-2024", "param": {"sin2_theta_w": [0.2, 0.3, 3]}, "threads": 1}""",
        ] },
        { "serve_errors.jsonl", [
            "not json",
            "[1, 2]",
            """{"id": 1}""",
            """{"id": "two", "cmd": "predictt"}""",
            """{"id": {"a": [1, 2.50, "x<&>\"ü"], "b": null}, "cmd": "predict", "experiment": "nö \"such\" <&>"}""",
            """{"id": null, "cmd": "predict", "experiment": "texono-2024", "params": {"nsi.u.ee": "a lot"}}""",
            """{"id": [true, false], "cmd": "likelihood", "experiments": ["texono-2024"], "free": ["sin2_theta_w"], "at": {"sin2_theta_w": 2}}""",
        ] },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void AnswersAreTheStoredText(string name, string[] requests)
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null, variable => Environment.GetValueOrDefault(variable), Path.GetTempPath());
        var session = new ServeSession(context);
        var answers = requests.Select(session.Handle).Select(a => a.Replace(DataTestSupport.Shared, "<data>"));
        JsonOutputPinTests.Check(name, JsonOutputPinTests.RoundNumbers(string.Join("\n", answers) + "\n"));
    }
}
