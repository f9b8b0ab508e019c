using Cevns.Statistics;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// statistic: binned-gaussian. Independent Gaussian bins with the released errors sigma_i:
/// chi^2 = sum_i ((n_i - mu_i) / sigma_i)^2, d chi^2 / d mu_i = -2 (n_i - mu_i) / sigma_i^2. For released rates whose
/// errors combine statistics and acceptance (Dresden-II), where no integer counts exist to be Poisson distributed.
/// </summary>
public sealed class DiagonalGaussianSpectrumStatistic(int[] analysisBins, double[] errors) : ReactorSpectrumStatistic(analysisBins)
{
    public override string Name => ReactorDataset.BinnedGaussian;

    public override double Chi2(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected, Span<double> gradient)
    {
        double chi2 = 0;
        foreach (int i in AnalysisBins)
        {
            double z = (observed[i] - expected[i]) / errors[i];
            chi2 += z * z;
            if (!gradient.IsEmpty) gradient[i] = -2 * (observed[i] - expected[i]) / (errors[i] * errors[i]);
        }
        return chi2;
    }

    public override double[] Errors(ReadOnlySpan<double> observed) => AnalysisBins.Select(i => errors[i]).ToArray();

    public override void Sample(Random random, ReadOnlySpan<double> expected, Span<double> into)
    {
        CheckLengths(expected, into);
        for (int j = 0; j < AnalysisBins.Length; j++)
            into[j] = ToySampling.Gaussian(random, expected[j], errors[AnalysisBins[j]]);
    }
}
