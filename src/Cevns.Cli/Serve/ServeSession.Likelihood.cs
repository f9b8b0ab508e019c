using System.Text.Json;
using Cevns.Data;
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

    private object Likelihood(Request r, JsonElement request)
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
        var parameters = problem.Parameters.Select(p => new LikelihoodParameter(p.Name, p.Initial, p.Lower, p.Upper, p.Step, p.IsFixed)).ToArray();
        return withGradient ? new LikelihoodGradientAnswer(parameters, x, chi2, gradient) : new LikelihoodAnswer(parameters, x, chi2);
    }

    /// <summary>A parameter of the problem: start value, fit range (null for an infinite bound), step, and whether it is fixed.</summary>
    private sealed record LikelihoodParameter(string Name, double Initial, double Lower, double Upper, double Step, bool Fixed);

    /// <summary>The parameters, the vector the value is taken at, and -2 ln L there (null when not finite).</summary>
    private sealed record LikelihoodAnswer(IReadOnlyList<LikelihoodParameter> Parameters, IReadOnlyList<double> At, double Chi2);

    /// <summary>
    /// <see cref="LikelihoodAnswer"/> with the gradient of -2 ln L in the order of the parameters (non-finite components
    /// null), or null when the problem has no analytic gradient.
    /// </summary>
    private sealed record LikelihoodGradientAnswer(IReadOnlyList<LikelihoodParameter> Parameters, IReadOnlyList<double> At, double Chi2,
        IReadOnlyList<double>? Gradient);

    /// <summary>The fit problem of the request's fit fields, built once per session for the same fields.</summary>
    private FitProblem LikelihoodProblem(Request r, JsonElement request)
    {
        // The fit fields in the order given, each value in its compact JSON text.
        var key = string.Join(",", request.EnumerateObject().Where(p => p.Name is not ("id" or "cmd" or "at" or "gradient"))
            .Select(p => JsonSerializer.Serialize(p.Name, JsonFormats.Report) + ":" + JsonSerializer.Serialize(p.Value, JsonFormats.Report)));
        if (!_problems.TryGetValue(key, out var problem))
        {
            var (fitOptions, parse) = ParseFitOptions(r, null);
            problem = fitOptions.PrepareWithData(parse, context, CachingSource, []).Fit.Problem;
            _problems[key] = problem;
        }
        return problem;
    }
}
