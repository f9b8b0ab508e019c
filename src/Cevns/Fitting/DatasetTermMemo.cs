namespace Cevns.Fitting;

/// <summary>
/// The last value (and gradient entries) of one dataset's chi^2 term of a joint fit, keyed by the entries of the parameter
/// vector the term reads: its nuisances, its signal-scale parameters (a shared flux nuisance included) and the free
/// physics parameters its dataset reads (<see cref="Datasets.IDatasetLikelihood.Reads"/>). A term is a pure function of
/// those, so when the minimiser moves only other parameters (a finite difference or Hessian column in another dataset's
/// nuisance, in a flux nuisance it does not see, or in a physics parameter it does not read) the stored result is
/// exactly what a new evaluation would return. This makes a block of several datasets (the SNS datasets sharing
/// flux_norm.sns) cost per coordinate step only the dataset that the coordinate enters. Not thread-safe (one per problem).
/// </summary>
internal sealed class DatasetTermMemo
{
    private readonly int[] _inputs;
    private readonly int[] _outputs;
    private readonly double[] _key;
    private readonly double[] _gradient;
    private bool _valid;
    private double _value;

    /// <param name="inputs">Indices of the parameter vector the term reads.</param>
    /// <param name="outputs">Indices of the gradient entries the term writes (the rest stay zero).</param>
    public DatasetTermMemo(IEnumerable<int> inputs, IEnumerable<int> outputs)
    {
        _inputs = inputs.Distinct().ToArray();
        _outputs = outputs.Distinct().ToArray();
        _key = new double[_inputs.Length];
        _gradient = new double[_outputs.Length];
    }

    private bool Same(double[] x)
    {
        if (!_valid) return false;
        for (int k = 0; k < _inputs.Length; k++)
            if (x[_inputs[k]] != _key[k]) return false; // NaN never matches
        return true;
    }

    private void Remember(double[] x, double value)
    {
        for (int k = 0; k < _inputs.Length; k++) _key[k] = x[_inputs[k]];
        _value = value;
        _valid = true;
    }

    /// <summary>The term's value at x: stored if x agrees with the last evaluation in every input, else evaluated.</summary>
    public double Value(double[] x, Func<double[], double> evaluate)
    {
        if (Same(x)) return _value;
        double f = evaluate(x);
        Remember(x, f);
        return f;
    }

    /// <summary>Value and gradient (g cleared, then the term's entries), stored or evaluated as in <see cref="Value"/>.</summary>
    public double WithGradient(double[] x, double[] g, Statistics.ObjectiveWithGradient evaluate)
    {
        if (Same(x))
        {
            Array.Clear(g);
            for (int k = 0; k < _outputs.Length; k++) g[_outputs[k]] = _gradient[k];
            return _value;
        }
        double f = evaluate(x, g);
        Remember(x, f);
        for (int k = 0; k < _outputs.Length; k++) _gradient[k] = g[_outputs[k]];
        return f;
    }
}
