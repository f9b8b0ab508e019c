namespace Cevns.Datasets;

/// <summary>
/// e^x - 1 to a few units in the last place, without the cancellation of Math.Exp(x) - 1 near 0 and without allocating
/// (the reactor background model evaluates it per bin at every fit step; MathNet's SpecialFunctions.Expm1 allocates a
/// closure per call for |x| &lt;= 0.1 and stops its series at 2^-16 of the sum, ~1e-8 relative).
/// For |x| &lt; 1/2 it uses Kahan's formula (e^x - 1) x / ln(e^x) with u = e^x rounded: the rounding errors of u - 1 and
/// ln u cancel in the ratio (N. J. Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., SIAM 2002,
/// sec. 1.14.1 and problem 1.5); above, e^x - 1 loses at most a factor 2 in relative accuracy.
/// </summary>
internal static class ExpMinusOne
{
    public static double Of(double x)
    {
        if (!(Math.Abs(x) < 0.5)) return double.IsNaN(x) ? x : Math.Exp(x) - 1.0;
        double u = Math.Exp(x);
        if (u == 1.0) return x;
        double uMinusOne = u - 1.0;
        return uMinusOne * x / Math.Log(u);
    }
}
