namespace Cevns.Datasets;

/// <summary>
/// e^x - 1 without the cancellation of Math.Exp(x) - 1 near 0 and without allocating: the reactor background model
/// evaluates it per bin at every fit step, and MathNet's SpecialFunctions.Expm1 allocates a closure per call for
/// |x| &lt;= 0.1, which made most of the garbage (and GC time) of a reactor fit. The evaluation is the one MathNet 5 makes,
/// so every number stays what it was: Math.Exp(x) - 1 for |x| &gt; 0.1, else the Taylor terms x^k / k! (each from the
/// previous one, times x, divided by k) added with Kahan's compensated summation until the last term is below 2^-16 of
/// the sum. That stop leaves a truncation error of up to ~1e-8 relative (measured; bound 2^-16 x / 3, ExpMinusOneTests):
/// kept so that the fits do not move; a fully accurate expm1 would change the Dresden-II chi^2 in the 9th digit.
/// </summary>
internal static class ExpMinusOne
{
    public static double Of(double x)
    {
        if (Math.Abs(x) > 0.1) return Math.Exp(x) - 1.0;
        if (x == 0 || double.IsNaN(x)) return x;
        const double stop = 1 << 16;
        double term = x, sum = term, carry = 0.0;   // k = 1
        for (int k = 2; ; k++)
        {
            term *= x;
            term /= k;
            double y = term - carry, t = sum + y;
            carry = t - sum;
            carry -= y;
            sum = t;
            if (!(Math.Abs(sum) < Math.Abs(stop * term))) return sum;
        }
    }
}
