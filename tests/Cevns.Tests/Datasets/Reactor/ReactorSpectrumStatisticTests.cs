using System.Globalization;
using Cevns.Datasets;
using Cevns.Datasets.Kinds;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Tests.Data;
using Cevns.Tests.Sources;
using MathNet.Numerics.LinearAlgebra;

namespace Cevns.Tests.Datasets.Reactor;

/// <summary>
/// The spectrum statistics of kind reactor (binned-gaussian, binned-poisson, binned-covariance): hand-computed chi^2
/// values and gradients, the toys' error model, and the worked example's definition re-declared with each statistic in a
/// user folder (counts file, covariance file): chi^2 against the formula evaluated here, and a fit of Asimov data.
/// </summary>
public class ReactorSpectrumStatisticTests
{
    [Fact]
    public void PoissonChi2MatchesTheHandValue()
    {
        // n = (3, 0, 5), mu = (2, 1, 5): 2 [(2 - 3 + 3 ln 1.5) + 1 + 0] = 2 (0.2163953243 + 1) = 2.4327906486
        var s = new PoissonSpectrumStatistic([0, 1, 2]);
        var g = new double[3];
        Assert.Equal(2.4327906486, s.Chi2([3, 0, 5], [2, 1, 5], g), 9);
        // d chi^2 / d mu = 2 (1 - n / mu) = (-1, 2, 0)
        Assert.Equal([-1.0, 2.0, 0.0], g);
        // bins outside the analysis are ignored
        Assert.Equal(2.0, new PoissonSpectrumStatistic([1]).Chi2([3, 0, 5], [2, 1, 5], default), 12);
    }

    [Fact]
    public void CovarianceChi2MatchesTheHandValue()
    {
        // V = [[4, 1], [1, 9]], r = n - mu = (1, 2): V^-1 = [[9, -1], [-1, 4]] / 35, r^T V^-1 r = (9 - 4 + 16) / 35 = 0.6,
        // d chi^2 / d mu = -2 V^-1 r = -2 (7, 7) / 35 = (-0.4, -0.4). Bin 1 of three is outside the analysis.
        var s = new CovarianceSpectrumStatistic([0, 2], new double[,] { { 4, 1 }, { 1, 9 } });
        var g = new double[3];
        Assert.Equal(0.6, s.Chi2([11, 100, 22], [10, 0, 20], g), 12);
        Assert.Equal(-0.4, g[0], 12);
        Assert.Equal(0.0, g[1]);
        Assert.Equal(-0.4, g[2], 12);
        Assert.Equal([2.0, 3.0], s.Errors([0, 0, 0]));
        // without correlation the statistic is the diagonal Gaussian one
        var diag = new CovarianceSpectrumStatistic([0, 1], new double[,] { { 4, 0 }, { 0, 9 } });
        Assert.Equal(new DiagonalGaussianSpectrumStatistic([0, 1], [2, 3]).Chi2([11, 22], [10, 20], default), diag.Chi2([11, 22], [10, 20], default), 12);
    }

    [Fact]
    public void CovarianceToysHaveTheDeclaredCovariance()
    {
        var s = new CovarianceSpectrumStatistic([0, 1], new double[,] { { 4, 3 }, { 3, 9 } });
        var rng = new Random(7);
        const int n = 40000;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        var into = new double[2];
        for (int k = 0; k < n; k++)
        {
            s.Sample(rng, [10, 20], into);
            sx += into[0]; sy += into[1];
            sxx += (into[0] - 10) * (into[0] - 10); syy += (into[1] - 20) * (into[1] - 20); sxy += (into[0] - 10) * (into[1] - 20);
        }
        // standard errors of the sample moments at n = 40000: mean ~0.015, variance 4 +- 0.03, 9 +- 0.06, covariance 3 +- 0.04
        Assert.InRange(sx / n, 9.93, 10.07);
        Assert.InRange(sy / n, 19.9, 20.1);
        Assert.InRange(sxx / n, 3.85, 4.15);
        Assert.InRange(syy / n, 8.7, 9.3);
        Assert.InRange(sxy / n, 2.8, 3.2);
    }

    private static string ExampleYaml() => File.ReadAllText(Path.Combine(WorkedExampleTests.ExampleFolder(), "example-reactor-ge.yaml"));

    /// <summary>The worked example under id <paramref name="id"/> with <paramref name="statistic"/> and extra files, in a user folder.</summary>
    private static IDatasetLikelihood Load(TempTree tree, string id, string statistic, string spectrumFile, string? covarianceFile)
    {
        var yaml = ExampleYaml().Replace("id: example-reactor-ge", $"id: {id}")
            .Replace("statistic: binned-gaussian", $"statistic: {statistic}")
            .Replace("  spectrum: spectrum.csv", $"  spectrum: {Path.GetFileName(spectrumFile)}" + (covarianceFile is null ? "" : $"\n  covariance: {Path.GetFileName(covarianceFile)}"));
        var folder = Path.GetDirectoryName(spectrumFile)!;
        File.WriteAllText(Path.Combine(folder, id + ".yaml"), yaml);
        using (DatasetRegistry.Use(DatasetCatalog.WithFolders([folder])))
            return DatasetLikelihoods.For(DatasetRegistry.Load(id, SourcesDataRoot.Path));
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Expected counts of the example at the SM with its flat background at level 1 (all 40 bins are analysis bins).</summary>
    private static double[] AsimovCounts(out double[] centres)
    {
        using (DatasetRegistry.Use(DatasetCatalog.WithFolders([WorkedExampleTests.ExampleFolder()])))
        {
            var d = (ReactorSpectrumDataset)DatasetRegistry.Load("example-reactor-ge", SourcesDataRoot.Path);
            centres = d.Spectrum.CentresKeVee;
            Assert.All(d.InAnalysis, Assert.True);
            return d.Likelihood().Expected(PhysicsParameters.StandardModel, SignalScale.One, [1.0]);
        }
    }

    private static double SignalNormFit(IDatasetLikelihood likelihood, out double chi2Min)
    {
        var fit = JointFit.Create([likelihood], new FitSpecification { Free = [SignalParameters.SignalNorm] });
        var r = fit.Minimise();
        Assert.True(r.Converged, r.Message);
        Assert.Equal(SignalParameters.SignalNorm, fit.Problem.Parameters[0].Name);
        chi2Min = r.Chi2;
        return r.X[0];
    }

    [Fact]
    public void BinnedPoissonOnRawCountsGivesTheHandChi2AndFitsAsimovData()
    {
        using var tree = new TempTree();
        var mu = AsimovCounts(out var centres);
        // integer counts near the expectation (a "measured" spectrum), and the Asimov counts themselves
        var n = mu.Select((m, i) => Math.Round(m) + (i % 3) - 1).ToArray();
        var counts = tree.File("poisson/counts.csv", string.Join("\n", centres.Select((c, i) => $"{F(c)},{F(n[i])}")));
        var like = Load(tree, "example-poisson", ReactorDataset.BinnedPoisson, counts, null);
        double hand = 0;
        for (int i = 0; i < n.Length; i++) hand += n[i] == 0 ? 2 * mu[i] : 2 * (mu[i] - n[i] + n[i] * Math.Log(n[i] / mu[i]));
        Assert.Equal(hand, like.Chi2(PhysicsParameters.StandardModel, SignalScale.One, [1.0]), 8);
        Assert.Equal(n, like.Observed);
        // exact gradient against a central difference in the background level
        var grad = new double[1];
        like.Chi2WithGradient(PhysicsParameters.StandardModel, SignalScale.One, [1.0], grad, new double[SignalScale.Components]);
        const double h = 1e-4;
        double fd = (like.Chi2(PhysicsParameters.StandardModel, SignalScale.One, [1.0 + h]) - like.Chi2(PhysicsParameters.StandardModel, SignalScale.One, [1.0 - h])) / (2 * h);
        Assert.Equal(fd, grad[0], 4);

        var asimov = tree.File("asimov/counts.csv", string.Join("\n", centres.Select((c, i) => $"{F(c)},{F(mu[i])}")));
        var a = Load(tree, "example-poisson-asimov", ReactorDataset.BinnedPoisson, asimov, null);
        double best = SignalNormFit(a, out double chi2Min);
        Assert.Equal(1.0, best, 3);
        Assert.InRange(chi2Min, -1e-9, 1e-6);
    }

    [Fact]
    public void BinnedCovarianceGivesTheInverseMatrixChi2AndFitsAsimovData()
    {
        using var tree = new TempTree();
        var mu = AsimovCounts(out var centres);
        // the example's spectrum (rates per bin per day over 100 d) with a covariance of correlation 0.3 between
        // neighbouring bins and 0.1 between next neighbours, sigma_i the file's error column
        var rows = File.ReadAllLines(Path.Combine(WorkedExampleTests.ExampleFolder(), "spectrum.csv")).Where(l => l.Length > 0 && char.IsDigit(l[0]))
            .Select(l => l.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        int nb = rows.Length;
        var v = new double[nb, nb];
        for (int i = 0; i < nb; i++)
            for (int j = 0; j < nb; j++)
            {
                double rho = i == j ? 1 : Math.Abs(i - j) == 1 ? 0.3 : Math.Abs(i - j) == 2 ? 0.1 : 0;
                v[i, j] = rho * rows[i][2] * rows[j][2];
            }
        File.Copy(Path.Combine(WorkedExampleTests.ExampleFolder(), "spectrum.csv"), tree.File("cov/spectrum.csv"), overwrite: true);
        var cov = tree.File("cov/covariance.csv", string.Join("\n", Enumerable.Range(0, nb).Select(i => string.Join(",", Enumerable.Range(0, nb).Select(j => F(v[i, j]))))));
        var like = Load(tree, "example-cov", ReactorDataset.BinnedCovariance, Path.Combine(tree.Root, "cov", "spectrum.csv"), cov);

        // r^T V^-1 r with V in counts^2 (x 100 d squared), by an explicit inverse here against the Cholesky solve inside
        const double days = 100;
        var r = Vector<double>.Build.Dense(nb, i => rows[i][1] * days - mu[i]);
        var inverse = Matrix<double>.Build.Dense(nb, nb, (i, j) => v[i, j] * days * days).Inverse();
        Assert.Equal(r * (inverse * r), like.Chi2(PhysicsParameters.StandardModel, SignalScale.One, [1.0]), 6);

        // exact gradient against a central difference in the background level
        var grad = new double[1];
        like.Chi2WithGradient(PhysicsParameters.StandardModel, SignalScale.One, [1.0], grad, new double[SignalScale.Components]);
        const double h = 1e-4;
        double fd = (like.Chi2(PhysicsParameters.StandardModel, SignalScale.One, [1.0 + h]) - like.Chi2(PhysicsParameters.StandardModel, SignalScale.One, [1.0 - h])) / (2 * h);
        Assert.Equal(fd, grad[0], 4);

        double best = SignalNormFit(like.WithObserved(mu), out double chi2Min);
        Assert.Equal(1.0, best, 3);
        Assert.InRange(chi2Min, -1e-9, 1e-6);
    }

    [Fact]
    public void ACovarianceWhoseDiagonalDisagreesWithTheErrorsIsRefusedWithFileAndLine()
    {
        using var tree = new TempTree();
        File.Copy(Path.Combine(WorkedExampleTests.ExampleFolder(), "spectrum.csv"), tree.File("bad/spectrum.csv"), overwrite: true);
        int nb = File.ReadAllLines(Path.Combine(WorkedExampleTests.ExampleFolder(), "spectrum.csv")).Count(l => l.Length > 0 && char.IsDigit(l[0]));
        var cov = tree.File("bad/covariance.csv", string.Join("\n", Enumerable.Range(0, nb).Select(i => string.Join(",", Enumerable.Range(0, nb).Select(j => i == j ? "1" : "0")))));
        var e = Assert.ThrowsAny<Exception>(() => Load(tree, "example-bad", ReactorDataset.BinnedCovariance, Path.Combine(tree.Root, "bad", "spectrum.csv"), cov));
        Assert.Contains("covariance.csv", e.Message);
        Assert.Contains("diagonal entry 1", e.Message);
    }
}
