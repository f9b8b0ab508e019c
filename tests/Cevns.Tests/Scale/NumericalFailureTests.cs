using System.Text.Json;
using Cevns.Cli;
using Cevns.Fitting;
using Cevns.Statistics;
using Cevns.Tests.Cli;
using Cevns.Tests.Data;
using Cevns.Tests.Fitting;

namespace Cevns.Tests.Scale;

/// <summary>
/// Numerical failures are reported as such, never as numbers: scan points and fits that do not converge, interval
/// ends next to a failed profile fit, a scan where nothing converges, a global fit that did not converge. The cliff
/// dataset (CliffDataset: chi^2 = ((s - 0.25)/0.01)^2 up to s = 0.27, NaN beyond) gives the expected values by hand.
/// </summary>
public class NumericalFailureTests
{
    private static Cevns.Fitting.DatasetSource Cliff() =>
        SyntheticSource.Of(new CliffDataset(SyntheticDefinitions.Make("cliff", "Ar"), 0.27), new BrokenDataset(SyntheticDefinitions.Make("broken", "Ar")));

    private static CliRun Run(TempTree dir, params string[] args) => ScanCliTests.Run(Cliff(), dir.Root, [.. args, "--data-dir", dir.Root]);

    [Fact]
    public void IntervalEndsBeyondAFailedProfileFitAreUnknownInTextAndJson()
    {
        using var dir = new TempTree();
        var text = Run(dir, "fit", "--experiments", "cliff", "--free", "sin2_theta_w");
        Assert.Equal(ExitCodes.Success, text.ExitCode);
        // The interval search profiles 0.26 = best fit + parabolic error (converged, Delta chi2 = 1) and then points beyond the
        // cliff at 0.27 (not converged): the 1 sigma region is known, the others end at an unknown edge above 0.26.
        Assert.Contains("sin2_theta_w = 0.25 (+0.01 -0.01)  [some profile fits did not converge]", text.Out);
        Assert.Contains("    1 sigma  [0.24, 0.26]", text.Out);
        Assert.Contains("    90% CL   [0.233538, unknown (no converged fit beyond 0.26)]", text.Out);
        Assert.Contains("note: upper edge unknown: Delta chi2 = 2.71 is not exceeded up to 0.26, and the fit at", text.Out);

        var json = Run(dir, "fit", "--experiments", "cliff", "--free", "sin2_theta_w", "--json");
        Assert.Equal(ExitCodes.Success, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Out);
        var intervals = doc.RootElement.GetProperty("intervals").GetProperty("sin2_theta_w");
        var details = doc.RootElement.GetProperty("interval_details").GetProperty("sin2_theta_w");
        Assert.False(details.GetProperty("converged").GetBoolean());
        var knownTo = details.GetProperty("not_converged_ends_known_to");
        // Lower ends by hand: 0.25 - 0.01 sqrt(level); upper ends: 0.26 at 1 sigma, else null, known up to 0.26.
        Assert.Equal(0.26, intervals.GetProperty("1sigma")[1].GetDouble(), 1e-6);
        Assert.False(knownTo.TryGetProperty("1sigma", out _));
        foreach (var (label, level) in new[] { ("1sigma", 1.0), ("90%", 2.71), ("2sigma", 4.0), ("3sigma", 9.0) })
        {
            Assert.Equal(0.25 - 0.01 * Math.Sqrt(level), intervals.GetProperty(label)[0].GetDouble(), 1e-6);
            if (label == "1sigma") continue;
            Assert.Equal(JsonValueKind.Null, intervals.GetProperty(label)[1].ValueKind);
            Assert.Equal(JsonValueKind.Null, knownTo.GetProperty(label)[0].ValueKind);
            Assert.Equal(0.26, knownTo.GetProperty(label)[1].GetDouble(), 1e-6);
        }
        Assert.Empty(details.GetProperty("open_ends_scan_bounds").EnumerateObject());
    }

    [Fact]
    public void ScanPointsThatDoNotConvergeAreNanInTheCsvAlsoAfterAMerge()
    {
        using var dir = new TempTree();
        string[] scan = ["scan", "--experiments", "cliff", "--param", "sin2_theta_w=0.2:0.3:11"];
        var run = Run(dir, [.. scan, "--out", "s.csv"]);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("3 point(s) did not converge (written as nan)", run.Out);
        var path = Path.Combine(dir.Root, "s.csv");
        Assert.Contains("# 3 point(s) did not converge: chi2, delta_chi2 and profiled values written as nan", File.ReadAllLines(path));
        var rows = File.ReadAllLines(path).Where(l => !l.StartsWith('#')).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(11, rows.Length);
        foreach (var r in rows)
        {
            double s = double.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture);
            if (s > 0.27 + 1e-12)
                Assert.Equal(["nan", "nan", "false", "nan"], r[1..]);
            else
            {
                Assert.Equal("true", r[3]);
                Assert.Equal(Math.Pow((s - 0.25) / 0.01, 2), double.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture), 1e-6);
                Assert.Equal(0.1, double.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture), 1e-6);
            }
        }
        for (int i = 1; i <= 2; i++) Assert.Equal(0, Run(dir, [.. scan, "--shard", $"{i}/2", "--out", $"p{i}.csv"]).ExitCode);
        var merge = ScanCliTests.Run(Cliff(), dir.Root, "merge", "p1.csv", "p2.csv", "--out", "m.csv");
        Assert.True(merge.ExitCode == 0, merge.Error);
        Assert.Equal(ScanCliTests.Body(path), ScanCliTests.Body(Path.Combine(dir.Root, "m.csv")));
    }

    [Fact]
    public void AScanWhereNothingConvergesHasNoChi2AndExitsWithTheNumericalCode()
    {
        using var dir = new TempTree();
        var run = Run(dir, "scan", "--experiments", "broken", "--param", "sin2_theta_w=0.2:0.3:4", "--out", "b.csv");
        Assert.Equal(ExitCodes.Numerical, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.StartsWith("cevns scan: no fit converged (global fit: NotFiniteAtStart; 4 of 4 points)", run.Error);
        var lines = File.ReadAllLines(Path.Combine(dir.Root, "b.csv"));
        Assert.Contains("# delta_chi2: none (neither the global fit nor any point converged)", lines);
        Assert.Contains(lines, l => l.StartsWith("# global fit did NOT converge (NotFiniteAtStart: ", StringComparison.Ordinal));
        Assert.All(lines.Where(l => !l.StartsWith('#')).Skip(1), l => Assert.EndsWith(",nan,nan,false", l));
    }

    [Fact]
    public void AGlobalFitThatDidNotConvergeIsNeverTheReferenceOfDeltaChi2()
    {
        var axes = ScaleFixtures.Grid1D;
        var fit = ScaleFixtures.Joint(axes, "norm.mu");
        var good = fit.Minimise(FitOptions.DefaultGlobalMinimiser);
        // A global fit that stopped at the iteration limit with a (meaningless) chi2 below every point.
        var failed = new FitResult(fit.Problem, good.ToArray(), good.Chi2 - 5, FitStatus.IterationLimit, "iteration limit reached", 1000, 5000, 1.0, [], 0, null);
        var scan = ProfileScan.Run(fit, axes, globalFit: failed);
        double lowestPoint = scan.Points.Where(p => p.Fit.Converged).Min(p => p.Fit.Chi2);
        Assert.Equal(lowestPoint, scan.MinimumChi2);
        var text = ScanCsv.Format(scan, []);
        Assert.Contains("# global fit did NOT converge (IterationLimit: iteration limit reached); delta_chi2 refers to the lowest converged point", text);
        Assert.All(scan.Points, p => Assert.True(scan.DeltaChi2(p) >= 0));
    }

    [Fact]
    public void IntervalSearchTreatsAFailedFitAsUnknownNotAsACrossing()
    {
        var p = new FitParameter("x", 0, -10, 10, 0.1);
        var notes = new List<string>();
        double[] xs = [0, 1, 2, 3, 4, 5];
        double[] excess = [1, -1, -2, double.NaN, -1, 2];
        var segments = IntervalFinder.Segments(xs, excess, p, i => IntervalFinder.Linear(xs, excess, i), "level", notes);
        Assert.Equal(2, segments.Count);
        Assert.Equal(new IntervalEdge(0.5, IntervalEdgeKind.Crossing), segments[0].Lower);
        Assert.Equal(new IntervalEdge(null, IntervalEdgeKind.NotConverged, 2), segments[0].Upper);
        Assert.Equal(new IntervalEdge(null, IntervalEdgeKind.NotConverged, 4), segments[1].Lower);
        Assert.Equal(4 + 1.0 / 3, segments[1].Upper.Value!.Value, 1e-12);
        Assert.Contains("upper edge unknown: level is not exceeded up to 2, and the fit at 3 did not converge", notes);
        // Root-finding stops at a failed evaluation and returns the interpolation of its valid bracket.
        // The first evaluation of the bracket (0, -0.3), (1, 0.7) fails: its interpolation 0.3 is returned, not NaN.
        double root = IntervalFinder.BrentRoot(x => x > 0.25 ? double.NaN : x - 0.35, 0, -0.3, 1, 0.7, 1e-12, 30);
        Assert.Equal(0.3, root, 1e-12);
        // Otherwise the root itself, to the tolerance, with the given ends not evaluated again.
        int calls = 0;
        double exact = IntervalFinder.BrentRoot(x => { calls++; Assert.True(x > 0 && x < 1); return x * x - 0.5; }, 0, -0.5, 1, 0.5, 1e-12, 60);
        Assert.Equal(Math.Sqrt(0.5), exact, 1e-10);
        Assert.InRange(calls, 1, 20);
    }
}
