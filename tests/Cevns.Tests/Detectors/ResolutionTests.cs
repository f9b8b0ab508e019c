using Cevns.Detectors;

namespace Cevns.Tests.Detectors;

public class ResolutionTests
{
    public static TheoryData<string, double> ContinuousCases => new()
    {
        { "dresden", 0.3e-3 }, { "dresden", 1.2e-3 }, { "gemini", 2e-3 }, { "gemini", 15e-3 },
        { "argon", 5e-3 }, { "argon", 60e-3 }, { "gamma", 0.2e-3 }, { "gamma", 1e-3 }, { "gamma", 4e-3 },
    };

    private static IContinuousResolution Make(string name) => name switch
    {
        "dresden" => GermaniumReactorResponse.DresdenIIResolution(),
        "gemini" => new FwhmSqrtResolution(0.114, 0.040, 0.002),   // Ge23 (ge-mini-2024/SOURCE.md)
        "argon" => SnsResponses.ArgonResolution(),
        "gamma" => SnsResponses.CsI2021Resolution(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(ContinuousCases))]
    public void ProbabilitiesOverACompleteSetOfBinsSumToOneAndReproduceTheMean(string name, double eeMeV)
    {
        var r = Make(name);
        double mu = r.MeanReconstructed(eeMeV);
        double sigma = r is GaussianResolution g ? g.SigmaKeVee(mu) : mu / Math.Sqrt(((GammaPhotoelectronResolution)r).Shape(eeMeV));
        // Bins of width sigma/100 over mu +- 40 sigma (clipped at 0 for the gamma), plus the two semi-infinite tails.
        double lo = r is GammaPhotoelectronResolution ? 0 : mu - 40 * sigma, hi = mu + 40 * sigma, h = sigma / 100;
        int n = (int)Math.Ceiling((hi - lo) / h);
        var points = new double[n + 1];
        for (int i = 0; i <= n; i++) points[i] = lo + i * h;
        var cdf = new double[n + 1];
        var m1 = new double[n + 1];
        var m2 = new double[n + 1];
        r.CumulativeMoments(eeMeV, points, cdf, m1, m2);
        double total = cdf[0] + (1 - cdf[n]), mean = 0;
        for (int i = 0; i < n; i++)
        {
            double p = cdf[i + 1] - cdf[i];
            total += p;
            mean += p * 0.5 * (points[i] + points[i + 1]);
        }
        Assert.Equal(1, total, 12);
        // Midpoint estimate of the mean has error ~ h^2 / 24 * (density curvature), i.e. ~1e-5 sigma here.
        Assert.Equal(mu, mean, sigma * 1e-4);
        // Partial moments at the upper end: E[X - mu] = 0 and E[(X - mu)^2] = variance.
        Assert.Equal(0, m1[n], sigma * 1e-12);
        Assert.Equal(sigma * sigma, m2[n], sigma * sigma * 1e-10);
    }

    [Fact]
    public void GaussianWidthsMatchHandValues()
    {
        // Dresden-II at 0.3 keVee: sqrt(0.0685^2 + 0.00296 * 0.11 * 0.3) = sqrt(0.00469225 + 0.000097680) = 0.06920932 keV.
        Assert.Equal(0.06920932, GermaniumReactorResponse.DresdenIIResolution().SigmaKeVee(0.3), 8);
        // Ge21 at 10 keVee: FWHM = 0.132 + 0.036 sqrt(10 + 0.003 * 100) = 0.132 + 0.036 * 3.209361 = 0.247537 keV; sigma = FWHM / 2.35482.
        var ge21 = new FwhmSqrtResolution(0.132, 0.036, 0.003);
        Assert.Equal(0.247537, ge21.FwhmKeV(10), 6);
        Assert.Equal(0.247537 / 2.35482, ge21.SigmaKeVee(10), 6);
        // CENNS-10 at 25 keVee: sigma = 0.58 * 5 = 2.9 keVee.
        Assert.Equal(2.9, SnsResponses.ArgonResolution().SigmaKeVee(25), 12);
    }

    [Fact]
    public void GaussianBinProbabilityMatchesErrorFunctionByHand()
    {
        // Mean 0.3 keVee, sigma 0.0692094: bin [0.3, 0.3 + sigma) has probability Phi(1) - Phi(0) = 0.3413447.
        var r = GermaniumReactorResponse.DresdenIIResolution();
        Assert.Equal(0.3413447, r.ProbabilityInBin(0.3e-3, 0.3, 0.3 + r.SigmaKeVee(0.3)), 7);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(1.0)]
    [InlineData(7.5)]
    public void GammaMeanIsLightYieldTimesEnergyAndWidthIsSensible(double keVee)
    {
        var r = SnsResponses.CsI2021Resolution();
        double ee = keVee * 1e-3;
        Assert.Equal(13.35 * keVee, r.MeanReconstructed(ee), 12);
        // Release parametrisation: a = 0.0749/E_ee[keVee], so 1/a = E_ee/0.0749 is the mean to 0.01 % (1/0.0749 = 13.3511).
        Assert.Equal(keVee / 0.0749, r.MeanReconstructed(ee), keVee / 0.0749 * 1e-4);
        // Relative width 1/sqrt(1 + 9.56 E): 0.3085 at 1 keVee, between 0.5x and 2x the Poisson value 1/sqrt(13.35 E).
        double relWidth = 1 / Math.Sqrt(r.Shape(ee));
        double poisson = 1 / Math.Sqrt(13.35 * keVee);
        Assert.InRange(relWidth / poisson, 0.5, 2.0);
    }

    [Fact]
    public void GammaBinsMatchBruteForceReference()
    {
        // tests/Cevns.Tests/Reference/detector_response.py, section gamma_bins (Simpson integration of the gamma density).
        double[] edges = [0, 2, 4, 6, 8, 10, 14, 20, 30, 45, 60];
        var expected = new Dictionary<double, double[]>
        {
            [0.3] = [1.478308506049e-01, 4.188648612289e-01, 2.786743907537e-01, 1.098021329635e-01, 3.344074447570e-02, 1.081297765808e-02, 5.694949364544e-04, 4.546495100386e-06, 8.835445904571e-10, 1.396465383862e-15],
            [1.0] = [2.195937752105e-06, 8.011067266866e-04, 1.361868263137e-02, 6.241618757564e-02, 1.377234197345e-01, 3.872802585364e-01, 3.323107394579e-01, 6.498719634665e-02, 8.599685590984e-04, 2.444691500038e-07],
            [2.5] = [4.523046125011e-22, 3.390309610691e-15, 1.975326345946e-11, 6.136516026959e-09, 3.802584792801e-07, 1.001200547148e-04, 1.105143785884e-02, 3.133119531152e-01, 6.244623746299e-01, 5.060135281988e-02],
        };
        var r = SnsResponses.CsI2021Resolution();
        foreach (var (keVee, probs) in expected)
            for (int i = 0; i < probs.Length; i++)
                Assert.Equal(probs[i], r.ProbabilityInBin(keVee * 1e-3, edges[i], edges[i + 1]), 1e-12);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(1.0)]
    [InlineData(12.0)]
    public void PoissonSumsToOneWithMeanLightYieldTimesEnergy(double keVee)
    {
        var r = SnsResponses.CsI2017Resolution();
        double mu = 13.348 * keVee;
        Assert.Equal(mu, r.MeanReconstructed(keVee * 1e-3), 12);
        var p = new double[600];
        r.CountProbabilities(keVee * 1e-3, p);
        double total = 0, mean = 0;
        for (int n = 0; n < p.Length; n++) { total += p[n]; mean += n * p[n]; }
        Assert.Equal(1, total, 12);
        Assert.Equal(mu, mean, 10);
        // By hand: P(N = 0) = e^-mu.
        Assert.Equal(Math.Exp(-mu), p[0], 15);
        // Bins [lo, hi) hold the integer counts lo <= n < hi: [2, 4) = P(2) + P(3).
        Assert.Equal(p[2] + p[3], r.ProbabilityInBin(keVee * 1e-3, 2, 4), 15);
    }

    [Fact]
    public void ZeroEnergyGivesAPointMassAtZero()
    {
        Assert.Equal(1, SnsResponses.CsI2021Resolution().ProbabilityInBin(0, 0, 1));
        Assert.Equal(1, SnsResponses.ArgonResolution().ProbabilityInBin(0, 0, 1));
        Assert.Equal(1, SnsResponses.CsI2017Resolution().ProbabilityInBin(0, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SnsResponses.CsI2021Resolution().MeanReconstructed(-1e-3));
    }
}
