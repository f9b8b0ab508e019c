namespace Cevns.Statistics;

/// <summary>
/// Poisson likelihood-ratio chi^2 of Baker and Cousins, NIM 221 (1984) 437, Eq. (6):
/// chi^2 = 2 sum_i (mu_i - n_i + n_i ln(n_i / mu_i)), with n ln(n/mu) -> 0 at n = 0
/// (docs/physics.md section 9). Its minimum is 0 when mu = n, and Delta chi^2 follows the
/// Poisson likelihood ratio exactly, so it is valid for small counts.
/// </summary>
/// <remarks>
/// An expectation mu &lt;= 0 with n &gt; 0 makes the Poisson likelihood zero (chi^2 = +inf).
/// A minimiser needs a finite, monotone surface there, so below <see cref="MinimumExpectation"/>
/// the value continues linearly from mu = <see cref="MinimumExpectation"/> with a slope of the
/// same magnitude as the true derivative there, always rising as mu decreases. The result is
/// continuous, finite, never NaN, and steers any fit back to mu &gt; 0. Bins treated this way
/// are counted by the overloads with <c>nonPositiveBins</c> so that callers can report them.
/// </remarks>
public static class PoissonChiSquare
{
    /// <summary>Expectations below this are treated with the linear continuation (see remarks).</summary>
    public const double MinimumExpectation = 1e-12;

    /// <summary>Baker-Cousins chi^2 of one bin with <paramref name="observed"/> counts (any real &gt;= 0, e.g. Asimov) and expectation <paramref name="expected"/>.</summary>
    public static double Bin(double observed, double expected)
    {
        if (!(observed >= 0) || double.IsInfinity(observed))
            throw new ArgumentOutOfRangeException(nameof(observed), $"observed count {observed} must be a finite number >= 0");
        if (double.IsNaN(expected))
            throw new ArgumentOutOfRangeException(nameof(expected), $"expected count is NaN (observed {observed})");
        return BinUnchecked(observed, expected);
    }

    /// <summary>d chi^2 / d mu of one bin: 2 (1 - n/mu), consistent with the continuation below <see cref="MinimumExpectation"/>.</summary>
    public static double Derivative(double observed, double expected)
    {
        if (expected > MinimumExpectation)
            return 2.0 * (1.0 - observed / expected);
        return -2.0 * Math.Abs(1.0 - observed / MinimumExpectation);
    }

    /// <summary>Sum over bins. Throws on a negative or non-finite observed count and on a NaN expectation, naming the bin.</summary>
    public static double Sum(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected) =>
        Sum(observed, expected, default, out _);

    /// <summary>Sum over bins; <paramref name="nonPositiveBins"/> counts bins with expectation &lt;= <see cref="MinimumExpectation"/>.</summary>
    public static double Sum(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected, out int nonPositiveBins) =>
        Sum(observed, expected, default, out nonPositiveBins);

    /// <summary>Sum over the bins where <paramref name="include"/> is true (an empty mask means all bins).</summary>
    public static double Sum(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected, ReadOnlySpan<bool> include, out int nonPositiveBins)
    {
        if (observed.Length != expected.Length)
            throw new ArgumentException($"Poisson chi^2: {observed.Length} observed bins but {expected.Length} expected bins");
        if (!include.IsEmpty && include.Length != observed.Length)
            throw new ArgumentException($"Poisson chi^2: mask has {include.Length} entries for {observed.Length} bins");
        double sum = 0;
        nonPositiveBins = 0;
        for (int i = 0; i < observed.Length; i++)
        {
            if (!include.IsEmpty && !include[i]) continue;
            double n = observed[i], mu = expected[i];
            if (!(n >= 0) || double.IsInfinity(n))
                throw new ArgumentOutOfRangeException(nameof(observed), $"observed count in bin {i} is {n}; must be a finite number >= 0");
            if (double.IsNaN(mu))
                throw new ArgumentOutOfRangeException(nameof(expected), $"expected count in bin {i} is NaN");
            if (mu <= MinimumExpectation) nonPositiveBins++;
            sum += BinUnchecked(n, mu);
        }
        return sum;
    }

    private static double BinUnchecked(double n, double mu)
    {
        if (mu > MinimumExpectation)
            return Regular(n, mu);
        // Linear continuation below the floor with slope magnitude |2 (1 - n/floor)|, rising as mu falls.
        const double floor = MinimumExpectation;
        return Regular(n, floor) + 2.0 * Math.Abs(1.0 - n / floor) * (floor - mu);
    }

    private static double Regular(double n, double mu) =>
        n == 0 ? 2.0 * mu : 2.0 * (mu - n + n * Math.Log(n / mu));
}
