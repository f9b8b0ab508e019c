using Cevns.Statistics;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// statistic: binned-poisson. Counts per bin: the Poisson likelihood ratio of Baker and Cousins, NIM 221 (1984) 437,
/// Eq. (6), chi^2 = 2 sum_i (mu_i - n_i + n_i ln(n_i / mu_i)), d chi^2 / d mu_i = 2 (1 - n_i / mu_i)
/// (<see cref="PoissonChiSquare"/>). Shown errors are sqrt(max(n_i, 1)).
/// </summary>
public sealed class PoissonSpectrumStatistic(int[] analysisBins) : ReactorSpectrumStatistic(analysisBins)
{
    public override string Name => ReactorDataset.BinnedPoisson;

    public override double Chi2(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected, Span<double> gradient)
    {
        double chi2 = 0;
        foreach (int i in AnalysisBins)
        {
            chi2 += PoissonChiSquare.Bin(observed[i], expected[i]);
            if (!gradient.IsEmpty) gradient[i] = PoissonChiSquare.Derivative(observed[i], expected[i]);
        }
        return chi2;
    }

    public override double[] Errors(ReadOnlySpan<double> observed)
    {
        var errors = new double[AnalysisBins.Length];
        for (int j = 0; j < errors.Length; j++) errors[j] = Math.Sqrt(Math.Max(observed[AnalysisBins[j]], 1));
        return errors;
    }

    public override void Sample(Random random, ReadOnlySpan<double> expected, Span<double> into)
    {
        CheckLengths(expected, into);
        ToySampling.Poisson(random, expected, into);
    }
}
