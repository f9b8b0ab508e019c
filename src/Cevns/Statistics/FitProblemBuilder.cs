namespace Cevns.Statistics;

/// <summary>
/// Assembles a <see cref="FitProblem"/> from several chi^2 terms (datasets, nuisance pulls, external
/// priors) that share parameters by name: adding a parameter that already exists returns its index
/// if the definitions agree, and fails if they conflict. Terms read the full parameter vector through
/// the indices returned by <see cref="AddParameter"/>. The objective is the sum of the terms; it has an
/// analytic gradient only if every term provides one.
/// </summary>
public sealed class FitProblemBuilder
{
    private readonly List<FitParameter> _parameters = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<Term> _terms = [];

    private sealed record Term(string Label, Func<double[], double> Value, ObjectiveWithGradient? Gradient);

    public IReadOnlyList<FitParameter> Parameters => _parameters;

    public IReadOnlyList<string> TermLabels => _terms.Select(t => t.Label).ToArray();

    /// <summary>Adds a parameter, or returns the index of an identical one added before.</summary>
    public int AddParameter(FitParameter parameter)
    {
        if (_index.TryGetValue(parameter.Name, out int existing))
        {
            var p = _parameters[existing];
            if (p.Initial != parameter.Initial || p.Lower != parameter.Lower || p.Upper != parameter.Upper
                || p.Step != parameter.Step || p.IsFixed != parameter.IsFixed)
                throw new ArgumentException($"parameter '{parameter.Name}' added twice with different definitions: {p} vs {parameter}");
            return existing;
        }
        _index[parameter.Name] = _parameters.Count;
        _parameters.Add(parameter);
        return _parameters.Count - 1;
    }

    public int IndexOf(string name) =>
        _index.TryGetValue(name, out int i) ? i : throw new ArgumentException($"no parameter '{name}' has been added");

    /// <summary>Adds a chi^2 term over the full parameter vector.</summary>
    public void AddTerm(string label, Func<double[], double> value, ObjectiveWithGradient? gradient = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        _terms.Add(new Term(label, value, gradient));
    }

    /// <summary>Gaussian prior ((x - center)/sigma)^2 on an existing parameter (e.g. an external sin^2 theta_W measurement).</summary>
    public void AddGaussianPrior(string name, double center, double sigma)
    {
        int i = IndexOf(name);
        GaussianChiSquare.Pull(center, center, sigma); // validates sigma
        AddTerm($"prior {name}", x => GaussianChiSquare.Pull(x[i], center, sigma), (x, g) =>
        {
            Array.Clear(g);
            g[i] = 2.0 * (x[i] - center) / (sigma * sigma);
            return GaussianChiSquare.Pull(x[i], center, sigma);
        });
    }

    /// <summary>
    /// A nuisance constrained by a Gaussian pull ((x - center)/sigma)^2 (docs/physics.md section 9), starting at
    /// the center with step sigma; returns its index.
    /// </summary>
    public int AddConstrainedNuisance(string name, double center, double sigma,
        double lower = double.NegativeInfinity, double upper = double.PositiveInfinity)
    {
        int i = AddParameter(new FitParameter(name, center, lower, upper, sigma));
        AddGaussianPrior(name, center, sigma);
        return i;
    }

    public FitProblem Build()
    {
        if (_terms.Count == 0)
            throw new InvalidOperationException("fit problem has no chi^2 terms");
        var terms = _terms.ToArray();
        int n = _parameters.Count;
        Func<double[], double> objective = x =>
        {
            double sum = 0;
            foreach (var t in terms) sum += t.Value(x);
            return double.IsNaN(sum) ? double.PositiveInfinity : sum;
        };
        ObjectiveWithGradient? gradient = null;
        if (terms.All(t => t.Gradient is not null))
            gradient = (x, g) =>
            {
                Array.Clear(g);
                var part = new double[n];
                double sum = 0;
                foreach (var t in terms)
                {
                    sum += t.Gradient!(x, part);
                    for (int k = 0; k < n; k++) g[k] += part[k];
                }
                return double.IsNaN(sum) ? double.PositiveInfinity : sum;
            };
        return new FitProblem(_parameters, objective, gradient);
    }

    /// <summary>Each term's chi^2 at <paramref name="x"/> (label, value), for reporting a fit.</summary>
    public IReadOnlyList<(string Label, double Chi2)> Breakdown(IReadOnlyList<double> x)
    {
        var v = x.ToArray();
        return _terms.Select(t => (t.Label, t.Value(v))).ToArray();
    }
}
