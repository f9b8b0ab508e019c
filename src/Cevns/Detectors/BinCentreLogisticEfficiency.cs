namespace Cevns.Detectors;

/// <summary>
/// Logistic acceptance with a threshold step, evaluated at the centres of 1-PE bins: f(x) = a / (1 + exp(-k (x - x0))) H(x),
/// x in PE, with H = 0 for x &lt; x_zero, 1/2 for x_zero &lt;= x &lt; x_half, 1 above. This is the form of the COHERENT
/// CsI[Na] 2017 release (Science 357, 1123 (2017); csi-2017/coherent_parameters.yaml "acceptanceEfficiency": the file
/// writes H(x-5) but defines H directly in x, with steps at 5 and 6 PE). The release applies it to 1-PE bins, each bin
/// taking the value at its centre (0.5 for [0, 1), 1.5 for [1, 2), ...), so <see cref="Value"/> is constant on [m, m+1)
/// with the value f(m + 0.5); a Poisson count n falls in [n, n+1). The parameters and their errors are facts of the
/// dataset definition (model logistic-bin-centre, Datasets/DetectorFacts).
/// </summary>
public sealed class BinCentreLogisticEfficiency : IEfficiency
{
    public ReconstructedScale Scale => ReconstructedScale.Photoelectrons;

    public double A { get; }
    public double K { get; }
    public double X0PE { get; }
    public double ZeroBelowPE { get; }
    public double HalfBelowPE { get; }

    public BinCentreLogisticEfficiency(double a, double k, double x0PE, double zeroBelowPE, double halfBelowPE)
    {
        if (!(a > 0 && a <= 1))
            throw new ArgumentOutOfRangeException(nameof(a), a, "plateau a must lie in (0, 1]");
        if (!(k > 0 && k < 1e3))
            throw new ArgumentOutOfRangeException(nameof(k), k, "steepness k must lie in (0, 1e3) per PE");
        if (!double.IsFinite(x0PE))
            throw new ArgumentOutOfRangeException(nameof(x0PE), x0PE, "x0 must be finite");
        if (!(zeroBelowPE >= 0 && halfBelowPE >= zeroBelowPE && double.IsFinite(halfBelowPE)))
            throw new ArgumentOutOfRangeException(nameof(halfBelowPE), halfBelowPE, "step edges must satisfy 0 <= zero_below <= half_below");
        A = a; K = k; X0PE = x0PE;
        ZeroBelowPE = zeroBelowPE; HalfBelowPE = halfBelowPE;
    }

    /// <summary>The threshold step H(x).</summary>
    public double Step(double x) => x < ZeroBelowPE ? 0 : x < HalfBelowPE ? 0.5 : 1;

    /// <summary>f(x) H(x) evaluated at x itself (no bin-centre rule).</summary>
    public double Formula(double x) => A / (1 + Math.Exp(-K * (x - X0PE))) * Step(x);

    /// <summary>The release's per-1-PE-bin value: f at the centre of the bin [m, m+1) holding x.</summary>
    public double Value(double reconstructed) => Formula(Math.Floor(reconstructed) + 0.5);

    /// <summary>Jumps at every integer PE.</summary>
    public void AddBreakpoints(double lo, double hi, List<double> into)
    {
        for (double m = Math.Floor(lo) + 1; m < hi; m++)
            into.Add(m);
    }

    /// <summary>Constant between breakpoints.</summary>
    public double VariationScale => double.PositiveInfinity;
}
