using Cevns.Statistics;

namespace Cevns.Tests.Statistics;

public class ProfileIntervalTests
{
    private const double X0 = 1.0, Y0 = -2.0, SigmaX = 0.5, SigmaY = 2.0, Rho = 0.8;

    /// <summary>chi2 = d^T V^-1 d with V = [[sx^2, rho sx sy], [rho sx sy, sy^2]], d = (x - x0, y - y0).</summary>
    private static double CorrelatedGaussian(double[] p)
    {
        double dx = (p[0] - X0) / SigmaX, dy = (p[1] - Y0) / SigmaY;
        return (dx * dx - 2 * Rho * dx * dy + dy * dy) / (1 - Rho * Rho);
    }

    private static FitProblem CorrelatedProblem() =>
        new([new FitParameter("x", 0.0, step: 0.3), new FitParameter("nuisance.y", 0.0, step: 1.0)], CorrelatedGaussian);

    [Fact]
    public void ProfileOfCorrelatedGaussianHasTheMarginalWidth()
    {
        // Minimising over y at fixed x: y = y0 + rho (sy/sx)(x - x0) and chi2 = ((x - x0)/sx)^2, so the
        // profiled interval is x0 +- sqrt(level) sx whatever rho is (the width sx sqrt(1 - rho^2) is that of
        // the conditional scan with y fixed at its best fit, tested below).
        var profile = new ProfileLikelihood(CorrelatedProblem());
        var scan = profile.Scan("x", ProfileLikelihood.LinearGrid(X0 - 4 * SigmaX, X0 + 4 * SigmaX, 9));
        Assert.True(scan.AllConverged);
        for (int i = 0; i < scan.Grid.Count; i++)
        {
            double x = scan.Grid[i];
            Assert.Equal(Math.Pow((x - X0) / SigmaX, 2), scan.DeltaChi2[i], 5);
            Assert.Equal(Y0 + Rho * SigmaY / SigmaX * (x - X0), scan.Fits[i]["nuisance.y"], 3);
        }
        foreach (double level in DeltaChi2Levels.Standard1D)
        {
            var interval = scan.Interval(level);
            Assert.Single(interval.Segments);
            Assert.Equal(X0 - Math.Sqrt(level) * SigmaX, interval.Lower!.Value, 4);
            Assert.Equal(X0 + Math.Sqrt(level) * SigmaX, interval.Upper!.Value, 4);
            Assert.Equal(IntervalEdgeKind.Crossing, interval.Segments[0].Lower.Kind);
            Assert.True(interval.AllFitsConverged);
        }
        var oneSigma = scan.Interval(1.0);
        Assert.Equal(SigmaX, oneSigma.PlusError!.Value, 4);
        Assert.Equal(SigmaX, oneSigma.MinusError!.Value, 4);
    }

    [Fact]
    public void ConditionalScanWithNuisanceFixedHasReducedWidth()
    {
        var fixedY = CorrelatedProblem().WithFixed("nuisance.y", Y0);
        var scan = new ProfileLikelihood(fixedY).Scan("x", ProfileLikelihood.LinearGrid(X0 - 1, X0 + 1, 9));
        double width = SigmaX * Math.Sqrt(1 - Rho * Rho);
        var interval = scan.Interval(1.0);
        Assert.Equal(X0 - width, interval.Lower!.Value, 4);
        Assert.Equal(X0 + width, interval.Upper!.Value, 4);
    }

    [Fact]
    public void RefinementBeatsGridInterpolation()
    {
        // A coarse grid: linear interpolation of a parabola misplaces the 2-sigma edge; root-finding on profiled values does not.
        var scan = new ProfileLikelihood(CorrelatedProblem()).Scan("x", ProfileLikelihood.LinearGrid(X0 - 3.2 * SigmaX, X0 + 3.2 * SigmaX, 5));
        double exact = X0 + 2 * SigmaX;
        Assert.True(Math.Abs(scan.Interval(4.0, refine: false).Upper!.Value - exact) > 1e-2);
        Assert.Equal(exact, scan.Interval(4.0).Upper!.Value, 4);
    }

    /// <summary>Counting experiment of tests/Cevns.Tests/Reference/poisson_counting_profile.py.</summary>
    private static FitProblem CountingProblem(double n, double b0, double sigmaBeta)
    {
        var builder = new FitProblemBuilder();
        int s = builder.AddParameter(new FitParameter("signal", 1.0, 0, 100, 1.0));
        int beta = builder.AddConstrainedNuisance("bkg.norm", 1.0, sigmaBeta, 0, 10);
        builder.AddTerm("counts", x => PoissonChiSquare.Bin(n, x[s] + x[beta] * b0));
        return builder.Build();
    }

    [Theory]
    // Numbers printed by tests/Cevns.Tests/Reference/poisson_counting_profile.py (closed-form profiling, bisection).
    [InlineData(1.0, 4.7501590819, 11.8816071779)]
    [InlineData(2.71, 2.9538959931, 14.7529058313)]
    [InlineData(4.0, 2.0620427671, 16.4513730243)]
    public void PoissonCountingIntervalMatchesReferenceScript(double level, double lower, double upper)
    {
        var scan = new ProfileLikelihood(CountingProblem(12, 4.0, 0.2)).Scan("signal", ProfileLikelihood.LinearGrid(0, 30, 31));
        Assert.True(scan.AllConverged);
        Assert.Equal(8.0, scan.BestFitValue, 4);
        Assert.Equal(0.0, scan.MinimumChi2, 6);
        var interval = scan.Interval(level);
        Assert.Single(interval.Segments);
        Assert.Equal(lower, interval.Lower!.Value, 3);
        Assert.Equal(upper, interval.Upper!.Value, 3);
    }

    [Fact]
    public void ThreeSigmaRegionReachesThePhysicalBound()
    {
        // Reference script: Delta chi2(s = 0) = 8.56 < 9, so the 3-sigma region is [0 (bound), 21.7547840310].
        var scan = new ProfileLikelihood(CountingProblem(12, 4.0, 0.2)).Scan("signal", ProfileLikelihood.LinearGrid(0, 30, 31));
        Assert.Equal(8.5608537338, scan.DeltaChi2[0], 4);
        var interval = scan.Interval(9.0);
        Assert.Equal(IntervalEdgeKind.ParameterBound, interval.Segments[0].Lower.Kind);
        Assert.Equal(0.0, interval.Lower);
        Assert.Equal(21.7547840310, interval.Upper!.Value, 3);
        Assert.True(interval.IsOneSided);
    }

    [Theory]
    // Best fit on the bound s = 0 (n = 2 < b0 = 4): upper limits from the reference script.
    [InlineData(1.0, 0.9679347531)]
    [InlineData(2.71, 2.3513138797)]
    [InlineData(4.0, 3.2914136599)]
    public void OneSidedLimitWhenTheBestFitIsOnTheBound(double level, double upperLimit)
    {
        var scan = new ProfileLikelihood(CountingProblem(2, 4.0, 0.2)).Scan("signal", ProfileLikelihood.LinearGrid(0, 10, 21));
        Assert.Equal(0.0, scan.BestFitValue, 4);
        Assert.Equal(1.07983192171, scan.MinimumChi2, 5);
        var interval = scan.Interval(level);
        var segment = Assert.Single(interval.Segments);
        Assert.Equal(IntervalEdgeKind.ParameterBound, segment.Lower.Kind);
        Assert.Equal(0.0, segment.Lower.Value);
        Assert.Equal(IntervalEdgeKind.Crossing, segment.Upper.Kind);
        Assert.Equal(upperLimit, segment.Upper.Value!.Value, 3);
        Assert.True(interval.IsOneSided);
        Assert.Contains(interval.Notes, n => n.Contains("upper limit"));
    }

    [Fact]
    public void EdgeBeyondTheScanIsOpenNotInvented()
    {
        var scan = new ProfileLikelihood(CorrelatedProblem()).Scan("x", ProfileLikelihood.LinearGrid(X0 - 0.3, X0 + 2, 12));
        var interval = scan.Interval(1.0);
        Assert.Null(interval.Lower);
        Assert.Equal(IntervalEdgeKind.OpenAtScanBound, interval.Segments[0].Lower.Kind);
        Assert.Equal(X0 + SigmaX, interval.Upper!.Value, 4);
        Assert.Contains(interval.Notes, n => n.Contains("extend the scan"));
        Assert.False(interval.IsOneSided);
    }

    [Fact]
    public void TwoMinimaGiveAUnionOfTwoSegments()
    {
        // chi2 = (x^2 - 4)^2 / 4 + (y - x)^2: profile (x^2 - 4)^2 / 4; Delta chi2 <= 1 <=> x^2 in [2, 6].
        var problem = new FitProblem([new FitParameter("x", 1.5, -4, 4, 0.5), new FitParameter("y", 0.0, step: 1)],
            p => Math.Pow(p[0] * p[0] - 4, 2) / 4 + Math.Pow(p[1] - p[0], 2));
        var scan = new ProfileLikelihood(problem).Scan("x", ProfileLikelihood.LinearGrid(-3.5, 3.5, 29));
        var interval = scan.Interval(1.0);
        Assert.Equal(2, interval.Segments.Count);
        Assert.Equal(-Math.Sqrt(6), interval.Segments[0].Lower.Value!.Value, 4);
        Assert.Equal(-Math.Sqrt(2), interval.Segments[0].Upper.Value!.Value, 4);
        Assert.Equal(Math.Sqrt(2), interval.Segments[1].Lower.Value!.Value, 4);
        Assert.Equal(Math.Sqrt(6), interval.Segments[1].Upper.Value!.Value, 4);
        Assert.False(interval.Contains(0.0));
    }

    [Fact]
    public void ScanPointBelowTheGlobalMinimumUpdatesIt()
    {
        // Double well in x with a nuisance y tied to it; the single-start global fit from x = 2 stops in the
        // local minimum near +0.96, the scan finds the global one near -1.04 (4x(x^2-1) + 0.3 = 0).
        var problem = new FitProblem([new FitParameter("x", 2.0, -3, 3, 0.5), new FitParameter("y", 2.0, step: 1)],
            p => Math.Pow(p[0] * p[0] - 1, 2) + 0.3 * p[0] + Math.Pow(p[1] - p[0], 2));
        var profile = new ProfileLikelihood(problem);
        Assert.True(profile.GlobalFit["x"] > 0);
        var scan = profile.Scan("x", ProfileLikelihood.LinearGrid(-2, 2, 21));
        Assert.Equal(1, profile.GlobalUpdates);
        double xGlobal = MinimiserTests.Bisect(x => 4 * x * (x * x - 1) + 0.3, -1.5, -0.5);
        Assert.Equal(xGlobal, scan.BestFitValue, 4);
        Assert.True(scan.DeltaChi2.Min() >= 0);
        Assert.Single(profile.Notes);
    }

    [Fact]
    public void ContourOfUncorrelatedGaussianIsTheExpectedEllipse()
    {
        // chi2 = (x/sx)^2 + (y/sy)^2 + (z - x)^2/sz^2 with z profiled: Delta chi2 = (x/sx)^2 + (y/sy)^2, so the
        // contour at level L is the ellipse with semi-axes sx sqrt(L), sy sqrt(L) around the origin.
        const double sx = 1.0, sy = 2.0;
        var problem = new FitProblem(
            [new FitParameter("x", 0.3, step: 0.5), new FitParameter("y", -0.2, step: 0.5), new FitParameter("z", 0.0, step: 0.5)],
            p => Math.Pow(p[0] / sx, 2) + Math.Pow(p[1] / sy, 2) + Math.Pow((p[2] - p[0]) / 0.3, 2));
        var profile = new ProfileLikelihood(problem, new ProfileOptions { Minimiser = new MinimiserOptions { VerifyWithHessian = false } });
        double[] gx = ProfileLikelihood.LinearGrid(-4, 4, 33), gy = ProfileLikelihood.LinearGrid(-8, 8, 33);
        var chi2 = new double[gx.Length, gy.Length];
        for (int i = 0; i < gx.Length; i++)
            for (int j = 0; j < gy.Length; j++)
            {
                var fit = profile.MinimiseFixed([(0, gx[i]), (1, gy[j])], []);
                Assert.True(fit.Converged);
                chi2[i, j] = fit.Chi2;
            }
        double minimum = Math.Min(profile.GlobalFit.Chi2, chi2.Cast<double>().Min());
        var delta = new double[gx.Length, gy.Length];
        for (int i = 0; i < gx.Length; i++)
            for (int j = 0; j < gy.Length; j++) delta[i, j] = chi2[i, j] - minimum;
        foreach (double level in DeltaChi2Levels.Standard2D)
        {
            var line = Assert.Single(ContourTracer.Trace(gx, gy, delta, level));
            Assert.True(line.Closed);
            double area = 0;
            for (int k = 0; k + 1 < line.Points.Count; k++)
            {
                var (x, y) = line.Points[k];
                // Linear interpolation of a quadratic along edges of 0.25 x 0.5: chi2 error <= h^2 f''/8 ~ 0.016.
                Assert.InRange(x * x / (sx * sx) + y * y / (sy * sy), level - 0.02, level + 0.002);
                area += x * line.Points[k + 1].Y - line.Points[k + 1].X * y;
            }
            // The polygon lies just inside the ellipse: its area (shoelace) is slightly below pi a b.
            Assert.InRange(Math.Abs(area) / 2, 0.98 * Math.PI * sx * sy * level, Math.PI * sx * sy * level);
        }
    }

    [Fact]
    public void StandardLevelsMatchChiSquareQuantiles()
    {
        // PDG 2024 Statistics review, Table 40.2: Delta chi2 for 68.27 / 90 / 95.45 % with 1 and 2 parameters.
        Assert.Equal(2.71, DeltaChi2Levels.ForConfidenceLevel(0.90, 1), 2);
        Assert.Equal(1.00, DeltaChi2Levels.ForConfidenceLevel(DeltaChi2Levels.ConfidenceLevelOfSigma(1), 1), 6);
        Assert.Equal(9.00, DeltaChi2Levels.ForConfidenceLevel(DeltaChi2Levels.ConfidenceLevelOfSigma(3), 1), 5);
        Assert.Equal(2.30, DeltaChi2Levels.ForConfidenceLevel(0.6827, 2), 2);
        Assert.Equal(4.61, DeltaChi2Levels.ForConfidenceLevel(0.90, 2), 2);
        Assert.Equal(6.18, DeltaChi2Levels.ForConfidenceLevel(0.9545, 2), 2);
        Assert.Equal(0.6827, DeltaChi2Levels.ConfidenceLevelOfSigma(1), 4);
    }
}
