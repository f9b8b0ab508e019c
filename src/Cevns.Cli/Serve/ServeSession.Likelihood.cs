using System.Text.Json;
using Cevns.Statistics;

namespace Cevns.Cli.Serve;

/// <summary>
/// The "likelihood" request: -2 ln L (the fit's chi^2, including nuisance pulls and priors) of a joint fit problem at a
/// full parameter vector, and optionally its gradient, for an outside minimiser (tests/crosscheck drives iminuit with
/// it). The problem is set up from the same fields as "fit" (experiments, free, set, prior, range, tie) and kept for
/// the session. Without "at" the answer lists the parameters (free physics and signal parameters, then nuisances) with
/// their start values, fit ranges and steps, and the value at the start.
/// </summary>
public sealed partial class ServeSession
{
    private readonly Dictionary<string, FitProblem> _problems = new(StringComparer.Ordinal);

    private string Likelihood(Request r, JsonElement request)
    {
        var problem = LikelihoodProblem(r, request);
        var x = problem.InitialValues();
        if (r.Has("at"))
        {
            var given = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, value) in r.NumberMap("at"))
            {
                if (!problem.Contains(name))
                    throw CliException.Usage($"at: '{name}' is not a parameter of this problem (parameters: {string.Join(", ", problem.Names)})");
                var p = problem[name];
                if (!(value >= p.Lower && value <= p.Upper))
                    throw CliException.Usage($"at: {name} = {R(value)} is outside its fit range {p.RangeText}");
                x[problem.IndexOf(name)] = value;
                given.Add(name);
            }
            var missing = problem.Parameters.Where(p => !p.IsFixed && !given.Contains(p.Name)).Select(p => p.Name).ToArray();
            if (missing.Length > 0)
                throw CliException.Usage($"at: missing {string.Join(", ", missing)} (a full parameter vector is needed)");
        }
        bool withGradient = r.OptionalBool("gradient");
        double[]? gradient = null;
        double chi2;
        if (withGradient && problem.Gradient is not null)
        {
            gradient = new double[problem.Count];
            chi2 = problem.Gradient(x, gradient);
        }
        else
        {
            chi2 = problem.Objective(x);
        }
        return JsonText.Text(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("parameters");
            foreach (var p in problem.Parameters)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteNumber("initial", p.Initial);
                w.WriteNumberOrNull("lower", p.Lower);
                w.WriteNumberOrNull("upper", p.Upper);
                w.WriteNumber("step", p.Step);
                w.WriteBoolean("fixed", p.IsFixed);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("at");
            foreach (double v in x) w.WriteNumberValue(v);
            w.WriteEndArray();
            w.WriteNumberOrNull("chi2", chi2);
            if (withGradient)
            {
                if (gradient is null)
                {
                    w.WriteNull("gradient");
                }
                else
                {
                    w.WriteStartArray("gradient");
                    foreach (double g in gradient)
                        if (double.IsFinite(g)) w.WriteNumberValue(g);
                        else w.WriteNullValue();
                    w.WriteEndArray();
                }
            }
            w.WriteEndObject();
        }, indented: false);
    }

    /// <summary>The fit problem of the request's fit fields, built once per session for the same fields.</summary>
    private FitProblem LikelihoodProblem(Request r, JsonElement request)
    {
        var key = JsonText.Text(w =>
        {
            w.WriteStartObject();
            foreach (var p in request.EnumerateObject())
                if (p.Name is not ("id" or "cmd" or "at" or "gradient"))
                    p.WriteTo(w);
            w.WriteEndObject();
        }, indented: false);
        if (!_problems.TryGetValue(key, out var problem))
        {
            var (fitOptions, parse) = ParseFitOptions(r, null);
            problem = fitOptions.PrepareWithData(parse, context, CachingSource, []).Fit.Problem;
            _problems[key] = problem;
        }
        return problem;
    }
}
