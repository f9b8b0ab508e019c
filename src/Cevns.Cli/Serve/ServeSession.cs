using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Cevns.Cli.Commands;
using Cevns.Data;
using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Physics.FormFactors;
using Cevns.Physics.Nuclei;

namespace Cevns.Cli.Serve;

/// <summary>
/// One 'cevns serve' session: answers JSON requests (one object per line) with one JSON line each. The answer of a
/// request is a record serialised with <see cref="JsonFormats.Report"/>: the matching command's --json object (the same
/// record), preceded by the request's "id" when it has one; a failed request is answered with {"id", "error",
/// "exit_code"} and the session goes on.
/// Datasets and their likelihoods are loaded once per data directory and kept for the session, so a new physics point
/// costs only the prediction itself.
/// </summary>
public sealed partial class ServeSession(CliContext context, string? dataDirOption = null)
{
    /// <summary>The request kinds ("cmd") and the fields each accepts besides cmd, id and data_dir.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Fields = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["predict"] = ["experiment", "params", "options", "points", "tie", QDependent],
        ["xsec"] = ["target", "flavor", "enu", "trecoil", "channel", "form_factor", "nuclear_model", "params", QDependent],
        ["fit"] = ["experiments", "free", "set", "prior", "range", "tie", "threads", QDependent],
        ["scan"] = ["experiments", "free", "set", "prior", "range", "tie", "threads", "param", QDependent],
        ["likelihood"] = ["experiments", "free", "set", "prior", "range", "tie", QDependent, "at", "gradient"],
        ["parameters"] = [],
        ["experiments"] = [],
    };

    /// <summary>The field of the momentum-dependent SM charge radius switch (--charge-radius-q-dependent).</summary>
    private const string QDependent = "charge_radius_q_dependent";

    private static readonly string[] CommonFields = ["cmd", "id", "data_dir"];

    private readonly Dictionary<string, IDataset> _datasets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IDatasetLikelihood> _likelihoods = new(StringComparer.Ordinal);
    private readonly XsecCommand _xsec = new();

    /// <summary>How many datasets were built in this session (each once per data directory and option set).</summary>
    public int DatasetsLoaded { get; private set; }

    /// <summary>The answer line (no newline) to one request line. Never throws for bad input.</summary>
    public string Handle(string requestLine)
    {
        JsonElement? id = null;
        try
        {
            using var doc = ParseRequest(requestLine);
            var request = doc.RootElement;
            if (request.TryGetProperty("id", out var idElement)) id = idElement.Clone();
            return WithId(id, Text(Dispatch(request)));
        }
        catch (Exception ex)
        {
            return WithId(id, Text(new ErrorAnswer(ErrorReport.MessageOf(ex), ErrorReport.ExitCodeOf(ex))));
        }
    }

    /// <summary>The answer to a request that failed: the one-line message and the exit code the command would have given.</summary>
    private sealed record ErrorAnswer(string Error, int ExitCode);

    /// <summary>The answer to a predict request with "points": one predict --json object per point, in the given order.</summary>
    private sealed record PredictionsAnswer(IReadOnlyList<PredictCommand.Document> Predictions);

    /// <summary>One answer record as one compact JSON line (its runtime type decides the fields).</summary>
    private static string Text(object answer) => JsonSerializer.Serialize(answer, answer.GetType(), JsonFormats.Report);

    private static JsonDocument ParseRequest(string line)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw CliException.Usage($"request is not valid JSON: {ErrorReport.OneLine(e.Message)}");
        }
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            throw CliException.Usage("a request is one JSON object per line, e.g. {\"cmd\": \"predict\", \"experiment\": \"coherent-csi-2021\"}");
        }
        return doc;
    }

    /// <summary>
    /// "{...}" with "id" inserted as the first field (the body is a compact JSON object). The id is echoed as given, in
    /// whatever JSON kind, so it cannot be a typed field of the answer records.
    /// </summary>
    private static string WithId(JsonElement? id, string body)
    {
        if (id is not { } value) return body;
        var idText = JsonSerializer.Serialize(value, JsonFormats.Report);
        return body == "{}" ? $"{{\"id\":{idText}}}" : $"{{\"id\":{idText},{body[1..]}";
    }

    private object Dispatch(JsonElement request)
    {
        if (!request.TryGetProperty("cmd", out var cmdElement) || cmdElement.ValueKind != JsonValueKind.String)
            throw CliException.Usage($"request without \"cmd\" (one of: {string.Join(", ", Fields.Keys)})");
        var cmd = cmdElement.GetString()!;
        if (!Fields.TryGetValue(cmd, out var allowed))
            throw CliException.Usage($"unknown cmd '{cmd}' (one of: {string.Join(", ", Fields.Keys)})");
        foreach (var p in request.EnumerateObject())
            if (!CommonFields.Contains(p.Name) && !allowed.Contains(p.Name))
                throw CliException.Usage($"{cmd}: unknown field '{p.Name}' (allowed: {string.Join(", ", CommonFields.Concat(allowed))})");
        var fields = new Request(cmd, request);
        return cmd switch
        {
            "predict" => Predict(fields),
            "xsec" => Xsec(fields),
            "fit" => Fit(fields),
            "scan" => Scan(fields),
            "likelihood" => Likelihood(fields, request),
            "parameters" => ParametersCommand.Json(ParameterCatalog.All),
            _ => ExperimentsCommand.Json(DataDirectory(fields), DatasetRegistry.Definitions),
        };
    }

    private DataDirectory DataDirectory(Request r) =>
        context.ResolveDataDirectory(r.OptionalString("data_dir") ?? dataDirOption).EnsureExists();

    // ---- predict ----

    private object Predict(Request r)
    {
        var experiment = r.RequiredString("experiment");
        var options = r.StringMap("options").Select(kv => $"{kv.Key}={kv.Value}").ToArray();
        var definition = CliOptions.WithChargeRadiusQDependent(PredictCommand.Definition(experiment, options), r.OptionalBool(QDependent));
        var given = r.NumberMap("params");
        var baseline = Parameters(given, "params");
        var pointList = r.Has("points") ? r.Points("points") : [];
        // Tied parameters (field tie: {target: expression}) are derived from the given values at every point.
        var ties = CliOptions.ResolveTies(r.StringMap("tie").Select(kv => $"{kv.Key}={kv.Value}"),
            given.Select(kv => $"{kv.Key}={R(kv.Value)}"), pointList.SelectMany(p => p.Select(kv => kv.Key)).Distinct().ToArray());
        var dir = DataDirectory(r);
        var dataset = Dataset(definition, options, dir.Path);
        if (!r.Has("points"))
        {
            var point = CliOptions.ApplyTies(ties, baseline, "tie");
            return PredictCommand.Json(dataset.Predict(point), point);
        }

        // A list of points in one request: {"predictions": [predict object per point]}; all are checked first.
        var points = pointList.Select((p, k) => CliOptions.ApplyTies(ties, Parameters(p, $"points[{k}]", baseline), $"points[{k}]")).ToArray();
        return new PredictionsAnswer(points.Select(p => PredictCommand.Json(dataset.Predict(p), p)).ToArray());
    }

    private IDataset Dataset(DatasetDefinition definition, IEnumerable<string> options, string dataDirectory)
    {
        var key = $"{dataDirectory}\n{definition.Id}\n{definition.CrossSections.MomentumDependentChargeRadius}\n" +
                  string.Join("\n", options.Order(StringComparer.Ordinal));
        if (!_datasets.TryGetValue(key, out var dataset))
        {
            dataset = DatasetRegistry.Load(definition, dataDirectory);
            _datasets[key] = dataset;
            DatasetsLoaded++;
        }
        return dataset;
    }

    private static PhysicsParameters Parameters(IReadOnlyList<KeyValuePair<string, double>> values, string field, PhysicsParameters? baseline = null)
    {
        try
        {
            return (baseline ?? PhysicsParameters.StandardModel).With(values);
        }
        catch (ParameterException e)
        {
            throw CliException.Usage($"{field}: {e.Message}");
        }
    }

    // ---- xsec ----

    private XsecCommand.Document Xsec(Request r)
    {
        var target = NuclearCatalog.FindTarget(r.RequiredString("target"))
                     ?? throw CliException.Usage($"target: unknown target '{r.RequiredString("target")}' (allowed: {string.Join(", ", NuclearCatalog.TargetNames)})");
        var flavorText = r.RequiredString("flavor");
        if (!NeutrinoSpeciesExtensions.TryParse(flavorText, out var species))
            throw CliException.Usage($"flavor: unknown flavor '{flavorText}' (allowed: {string.Join(", ", Enum.GetValues<NeutrinoSpecies>().Select(s => s.Name()))})");
        double enu = r.RequiredNumber("enu"), trecoil = r.RequiredNumber("trecoil");
        if (!(enu > 0)) throw CliException.Usage($"enu: must be > 0 MeV, got {Num(enu)}");
        if (!(trecoil >= 0)) throw CliException.Usage($"trecoil: must be >= 0 keV, got {Num(trecoil)}");
        var channelText = r.OptionalString("channel") ?? "cevns";
        if (!Names.TryParseChannel(channelText, out var channel))
            throw CliException.Usage($"channel: unknown channel '{channelText}' (allowed: {string.Join(", ", Names.Channels)})");
        var formFactorText = r.OptionalString("form_factor") ?? "helm";
        if (!FormFactorFactory.TryParse(formFactorText, out var formFactor))
            throw CliException.Usage($"form_factor: unknown model '{formFactorText}' (allowed: {string.Join(", ", Names.FormFactors)})");
        var radiiText = r.OptionalString("nuclear_model") ?? "element";
        if (!NuclearRadiusSet.TryParse(radiiText, out var radii))
            throw CliException.Usage($"nuclear_model: unknown model '{radiiText}' (allowed: {string.Join(", ", NuclearRadiusSet.Names)})");
        var result = _xsec.Compute(target, species, enu, trecoil, channel, formFactor, Parameters(r.NumberMap("params"), "params"),
            r.OptionalBool(QDependent), radii);
        return XsecCommand.Json(result);
    }

    // ---- fit and scan: the request becomes the command's own options, parsed and validated by the same code ----

    private FitJson Fit(Request r)
    {
        var (fitOptions, parse) = ParseFitOptions(r, null);
        var prepared = fitOptions.PrepareWithData(parse, context, CachingSource, []);
        var result = prepared.Fit.Run(new FitOptions { Threads = fitOptions.Threads(parse) });
        return FitJson.Of(result);
    }

    private ScanJson.Answer Scan(Request r)
    {
        var axes = r.ScanAxes("param").Select(ScanAxis.Parse).ToArray();
        if (axes.Length is 0 or > 2)
            throw CliException.Usage($"param: a scan has one or two parameters, got {axes.Length}");
        var (fitOptions, parse) = ParseFitOptions(r, axes);
        var prepared = fitOptions.PrepareWithData(parse, context, CachingSource, axes);
        var result = ProfileScan.Run(prepared.Fit, axes, new ScanOptions { Threads = fitOptions.Threads(parse) });
        return ScanJson.Of(ScanReport.Of(result));
    }

    private (FitCommandOptions Options, ParseResult Parse) ParseFitOptions(Request r, IReadOnlyList<ScanAxis>? axes)
    {
        var args = new List<string> { "--experiments", string.Join(',', r.StringList("experiments", required: true)) };
        var free = r.StringList("free", required: false);
        if (free.Count > 0) args.AddRange(["--free", string.Join(',', free)]);
        foreach (var (name, value) in r.NumberMap("set")) args.AddRange(["--set", $"{name}={R(value)}"]);
        foreach (var (name, pair) in r.PairMap("prior", "[mean, sigma]")) args.AddRange(["--prior", $"{name}={R(pair.A)}:{R(pair.B)}"]);
        foreach (var (name, pair) in r.PairMap("range", "[lo, hi]")) args.AddRange(["--range", $"{name}={R(pair.A)}:{R(pair.B)}"]);
        foreach (var (target, expression) in r.StringMap("tie")) args.AddRange(["--tie", $"{target}={expression}"]);
        if (r.OptionalBool(QDependent)) args.Add(CliOptions.ChargeRadiusQDependentName);
        if (r.Has("threads")) args.AddRange(["--threads", r.RequiredInteger("threads").ToString(CultureInfo.InvariantCulture)]);
        if ((r.OptionalString("data_dir") ?? dataDirOption) is { } dir) args.AddRange([Data.DataDirectory.CommandLineOption, dir]);
        var options = new FitCommandOptions();
        var command = new Command(r.Cmd);
        options.AddTo(command);
        var parse = command.Parse(args);
        if (parse.Errors.Count > 0)
            throw CliException.Usage(ErrorReport.OneLine(parse.Errors[0].Message));
        return (options, parse);
    }

    /// <summary>The registry's datasets, each likelihood built once per session; every fit gets its own copy (own caches).</summary>
    private DatasetSource CachingSource => new(DatasetRegistry.Find, (definition, dir) =>
    {
        var key = $"{dir}\n{definition.Id}\n{definition.CrossSections.MomentumDependentChargeRadius}";
        if (!_likelihoods.TryGetValue(key, out var likelihood))
        {
            likelihood = DatasetLikelihoods.For(Dataset(definition, [], dir));
            _likelihoods[key] = likelihood;
        }
        return likelihood.WithObserved(likelihood.Observed);
    });

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static string Num(double x) => x.ToString("G10", CultureInfo.InvariantCulture);
}
