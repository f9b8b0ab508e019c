using Cevns.Statistics;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// statistic: binned-covariance. Correlated Gaussian bins with a released covariance matrix V (counts^2) restricted to
/// the analysis bins: chi^2 = r^T V^-1 r with r = n - mu, by a Cholesky solve (<see cref="CovarianceChiSquare"/>);
/// d chi^2 / d mu = -2 V^-1 r. Pseudo-experiments are mu + L u with L L^T = V and u independent standard normals.
/// </summary>
public sealed class CovarianceSpectrumStatistic : ReactorSpectrumStatistic
{
    private readonly CovarianceChiSquare _chi2;

    public CovarianceSpectrumStatistic(int[] analysisBins, double[,] covarianceOfAnalysisBins) : base(analysisBins) =>
        _chi2 = new CovarianceChiSquare(covarianceOfAnalysisBins);

    public override string Name => ReactorDataset.BinnedCovariance;

    public override double Chi2(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected, Span<double> gradient)
    {
        int n = AnalysisBins.Length;
        var r = new double[n];
        for (int j = 0; j < n; j++) r[j] = observed[AnalysisBins[j]] - expected[AnalysisBins[j]];
        if (gradient.IsEmpty) return _chi2.Evaluate(r);
        var g = new double[n];
        double chi2 = _chi2.EvaluateWithGradient(r, g);
        for (int j = 0; j < n; j++) gradient[AnalysisBins[j]] = -g[j];
        return chi2;
    }

    public override double[] Errors(ReadOnlySpan<double> observed) => Enumerable.Range(0, AnalysisBins.Length).Select(_chi2.Sigma).ToArray();

    public override void Sample(Random random, ReadOnlySpan<double> expected, Span<double> into)
    {
        CheckLengths(expected, into);
        var u = new double[AnalysisBins.Length];
        for (int j = 0; j < u.Length; j++) u[j] = ToySampling.Gaussian(random, 0, 1);
        _chi2.Correlate(u, into);
        for (int j = 0; j < u.Length; j++) into[j] += expected[j];
    }
}
