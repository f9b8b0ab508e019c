using System.Text.Json;
using Cevns.Cli;
using Cevns.Cli.Commands;
using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Tests.Fitting;

namespace Cevns.Tests.Cli;

/// <summary>cevns fit and cevns scan on synthetic datasets (Asimov data at sin2_theta_w = 0.245, norm.mu = 0.9).</summary>
public class FitCommandTests
{
    private static readonly PhysicsParameters Truth = PhysicsParameters.StandardModel.With("sin2_theta_w", 0.245);

    private static DatasetSource Source()
    {
        var csi = CountingDataset.CsI("csi-new", new(Efficiency: true), "csi-old").WithAsimov(Truth, new SignalScale(1, 0.9, 1, 1));
        var old = CountingDataset.CsI("csi-old");
        var ge = CountingDataset.GeReactor("ge").WithAsimov(Truth);
        var rate = new LinearGaussianDataset(SyntheticDefinitions.Make("rate", "Ge"), ["sin2_theta_w"], [0.24], [[200.0]], [50.0], [2.0], [51.0],
            rateOnly: true, source: SourceKind.Reactor);
        var broken = new BrokenDataset(SyntheticDefinitions.Make("broken", "Ar"));
        return SyntheticSource.Of(csi, old, ge, rate, new PredictOnlyDataset(SyntheticDefinitions.Make("plain", "Ar")), broken);
    }

    private static CliRun Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr, _ => null, Path.GetTempPath());
        var source = Source();
        var commands = CommandRegistry.Default().Select(c => c switch
        {
            FitCommand => (ICliCommand)new FitCommand(source),
            ScanCommand => new ScanCommand(source),
            _ => c,
        }).ToArray();
        int code = CevnsApp.Run([.. args, "--data-dir", Path.GetTempPath()], context, commands);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void FitJsonHasTheRequiredKeysAndReturnsTheTruth()
    {
        var run = Run("fit", "--experiments", "csi-new,ge", "--free", "sin2_theta_w,norm.mu", "--json", "--threads", "2");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        foreach (var key in new[] { "best_fit", "chi2_min", "dof", "converged", "intervals", "datasets", "chi2_by_dataset", "rate_only", "nuisances" })
            Assert.True(root.TryGetProperty(key, out _), $"missing key {key}");
        Assert.True(root.GetProperty("converged").GetBoolean());
        Assert.Equal(0.245, root.GetProperty("best_fit").GetProperty("sin2_theta_w").GetDouble(), 2e-4);
        Assert.Equal(0.9, root.GetProperty("best_fit").GetProperty("norm.mu").GetDouble(), 2e-3);
        Assert.InRange(root.GetProperty("chi2_min").GetDouble(), -1e-9, 1e-6);
        Assert.Equal(6 + 5 - 2, root.GetProperty("dof").GetInt32());
        Assert.Equal(["csi-new", "ge"], root.GetProperty("datasets").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["csi-new", "ge"], root.GetProperty("chi2_by_dataset").EnumerateObject().Select(p => p.Name));
        Assert.Empty(root.GetProperty("rate_only").EnumerateArray());
        Assert.Equal(["csi-new.bkg_norm", "csi-new.eff", "ge.bkg_norm"], root.GetProperty("nuisances").EnumerateObject().Select(p => p.Name));
        foreach (var name in new[] { "sin2_theta_w", "norm.mu" })
        {
            var iv = root.GetProperty("intervals").GetProperty(name);
            Assert.Equal(["1sigma", "90%", "2sigma", "3sigma"], iv.EnumerateObject().Select(p => p.Name));
            double previousWidth = 0;
            foreach (var level in iv.EnumerateObject())
            {
                var ends = level.Value.EnumerateArray().Select(e => e.GetDouble()).ToArray();
                Assert.Equal(2, ends.Length);
                Assert.True(ends[1] - ends[0] > previousWidth);
                previousWidth = ends[1] - ends[0];
            }
        }
    }

    [Fact]
    public void FitTextShowsBestFitIntervalsNuisancesAndChi2PerDataset()
    {
        var run = Run("fit", "--experiments", "csi-new", "--experiments", "rate", "--free", "sin2_theta_w", "--free", "norm.mu");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("datasets: csi-new (6 data points), rate (1 data point, rate only)", run.Out);
        Assert.Contains("note: rate enters through its total rate only", run.Out);
        Assert.Contains("for 5 degrees of freedom (converged)", run.Out);
        Assert.Contains("chi2_min = ", run.Out);
        // Every level of the intervals, 3 sigma included (the notes speak of Delta chi2 = 9).
        Assert.Contains("best fit and profiled intervals (Delta chi2 = 1, 2.71, 4, 9):", run.Out);
        foreach (var label in new[] { "1 sigma", "90% CL", "2 sigma", "3 sigma" }) Assert.Contains($"    {label}", run.Out);
        Assert.Contains("nuisances (profiled):", run.Out);
        Assert.Contains("  csi-new.eff", run.Out);
        Assert.Contains("chi2 at the best fit:", run.Out);
    }

    /// <summary>
    /// fit --json byte for byte (python/cevns.py and serve read these names): the stored texts Reference/fit_json_pin_*.json
    /// were written by the field-by-field writer; a change of the writer must not change them. Cases: a converged joint
    /// fit with a prior, a fit with an interval open at the scan bound, a fit that does not converge.
    /// </summary>
    [Theory]
    [InlineData("joint", ExitCodes.Success)]
    [InlineData("open_ends", ExitCodes.Success)]
    [InlineData("not_converged", ExitCodes.Numerical)]
    public void FitJsonIsTheStoredTextByteForByte(string name, int exitCode)
    {
        var run = FitJsonPin(name);
        Assert.Equal(exitCode, run.ExitCode);
        string expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", $"fit_json_pin_{name}.json"));
        // The text is compared byte for byte except the last digits of long numbers (10 significant digits kept): the fits
        // call the platform's exp/log, whose last bit may differ between C libraries; the writer's format is what is pinned.
        Assert.Equal(RoundNumbers(expected), RoundNumbers(run.Out));
    }

    private static string RoundNumbers(string json) => System.Text.RegularExpressions.Regex.Replace(json,
        @"-?\d+\.\d{10,}(?:[eE][-+]?\d+)?|-?\d\.\d+[eE][-+]?\d+",
        m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture).ToString("G10", System.Globalization.CultureInfo.InvariantCulture));

    internal static CliRun FitJsonPin(string name) => name switch
    {
        "joint" => Run("fit", "--experiments", "csi-new,ge", "--free", "sin2_theta_w,norm.mu", "--range", "sin2_theta_w=0.2:0.26",
            "--prior", "norm.mu=1:0.3", "--threads", "1", "--json"),
        "open_ends" => Run("fit", "--experiments", "ge", "--free", "sin2_theta_w", "--range", "sin2_theta_w=0.244:0.3",
            "--prior", "sin2_theta_w=0.25:0.05", "--threads", "1", "--json"),
        _ => Run("fit", "--experiments", "broken", "--free", "sin2_theta_w", "--threads", "1", "--json"),
    };

    [Fact]
    public void PriorAndOpenEndsAppearInTextAndJson()
    {
        var json = Run("fit", "--experiments", "ge", "--free", "sin2_theta_w", "--range", "sin2_theta_w=0.244:0.3", "--prior", "sin2_theta_w=0.25:0.05", "--json");
        Assert.Equal(ExitCodes.Success, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Out);
        var three = doc.RootElement.GetProperty("intervals").GetProperty("sin2_theta_w").GetProperty("3sigma");
        Assert.Equal(JsonValueKind.Null, three[0].ValueKind);
        Assert.Equal(JsonValueKind.Number, three[1].ValueKind);
        Assert.Equal(0.244, doc.RootElement.GetProperty("interval_details").GetProperty("sin2_theta_w").GetProperty("open_ends_scan_bounds").GetProperty("3sigma")[0].GetDouble());
        Assert.True(doc.RootElement.GetProperty("chi2_by_prior").TryGetProperty("sin2_theta_w", out _));
        Assert.Equal(5 + 1 - 1, doc.RootElement.GetProperty("dof").GetInt32());

        var text = Run("fit", "--experiments", "ge", "--free", "sin2_theta_w", "--range", "sin2_theta_w=0.244:0.3", "--prior", "sin2_theta_w=0.25:0.05");
        Assert.Contains("open (scan bound 0.244)", text.Out);
        Assert.Contains("priors: sin2_theta_w = 0.25 +- 0.05", text.Out);
        Assert.Contains("prior sin2_theta_w", text.Out);
    }

    [Fact]
    public void NonConvergedFitIsNeverReportedAsANumber()
    {
        var run = Run("fit", "--experiments", "broken", "--free", "sin2_theta_w", "--json");
        Assert.Equal(ExitCodes.Numerical, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains("did not converge", run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.False(doc.RootElement.GetProperty("converged").GetBoolean());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("chi2_min").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("best_fit").GetProperty("sin2_theta_w").ValueKind);
        Assert.Empty(doc.RootElement.GetProperty("intervals").EnumerateObject());

        var text = Run("fit", "--experiments", "broken", "--free", "sin2_theta_w");
        Assert.Equal(ExitCodes.Numerical, text.ExitCode);
        Assert.Contains("the fit did NOT converge", text.Out);
        Assert.DoesNotContain("chi2_min", text.Out);
    }

    [Theory]
    [InlineData("unknown experiment 'nope'", "fit", "--experiments", "nope")]
    [InlineData("unknown parameter 'foo'", "fit", "--experiments", "ge", "--free", "foo")]
    [InlineData("unknown parameter 'foo'", "fit", "--experiments", "ge", "--set", "foo=1")]
    [InlineData("unknown parameter 'bar'", "fit", "--experiments", "ge", "--free", "sin2_theta_w", "--prior", "bar=1:1")]
    [InlineData("both fixed (--set) and free (--free)", "fit", "--experiments", "ge", "--free", "rn.Ge", "--set", "rn.Ge=4.5")]
    [InlineData("expected name=mean:sigma", "fit", "--experiments", "ge", "--free", "sin2_theta_w", "--prior", "sin2_theta_w=0.2")]
    [InlineData("sigma must be > 0", "fit", "--experiments", "ge", "--free", "sin2_theta_w", "--prior", "sin2_theta_w=0.2:-1")]
    [InlineData("csi-new supersedes csi-old", "fit", "--experiments", "csi-old,csi-new", "--free", "sin2_theta_w")]
    [InlineData("given twice", "fit", "--experiments", "ge,ge")]
    [InlineData("outside its allowed range", "fit", "--experiments", "ge", "--set", "sin2_theta_w=2")]
    [InlineData("acts on spallation datasets", "fit", "--experiments", "ge", "--free", "flux_norm.sns")]
    [InlineData("--threads must be >= 1", "fit", "--experiments", "ge", "--free", "sin2_theta_w", "--threads", "0")]
    [InlineData("expected name=lo:hi:n", "scan", "--experiments", "ge", "--param", "sin2_theta_w=0.2:0.3", "--out", "x.csv")]
    [InlineData("unknown parameter 'foo'", "scan", "--experiments", "ge", "--param", "foo=0:1:3", "--out", "x.csv")]
    [InlineData("both scanned and fixed", "scan", "--experiments", "ge", "--param", "rn.Ge=4:5:3", "--set", "rn.Ge=4.5", "--out", "x.csv")]
    [InlineData("a scan has one or two parameters", "scan", "--experiments", "ge", "--param", "rn.Ge=4:5:3", "--param", "norm.e=0:1:3", "--param", "sin2_theta_w=0.2:0.3:3", "--out", "x.csv")]
    [InlineData("does not exist", "scan", "--experiments", "ge", "--param", "rn.Ge=4:5:3", "--out", "/no/such/folder/x.csv")]
    public void InvalidRequestsAreOneLineUsageErrors(string message, params string[] args)
    {
        var line = Run(args).AssertOneLineError(ExitCodes.Usage);
        Assert.StartsWith($"cevns {args[0]}: ", line);
        Assert.Contains(message, line);
    }

    [Fact]
    public void DatasetWithoutLikelihoodIsADataError()
    {
        var line = Run("fit", "--experiments", "plain").AssertOneLineError(ExitCodes.Data);
        Assert.Contains("dataset plain has no likelihood yet", line);
    }

    [Fact]
    public void ScanWithALogAxisIsTheLibraryScanOnTheLogGrid()
    {
        var dir = Directory.CreateTempSubdirectory("cevns-scan-log-");
        try
        {
            var path = Path.Combine(dir.FullName, "log.csv");
            var run = Run("scan", "--experiments", "csi-new,ge", "--param", "norm.mu=0.1:10:3:log", "--out", path, "--threads", "1");
            Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
            var table = ScanCsv.Read(path);
            Assert.Equal([0.1, 1.0, 10.0], table.Column("norm.mu").Select(v => Math.Round(v, 12)));
            Assert.Contains(table.Comments, c => c.Contains("(3 points, log)", StringComparison.Ordinal));
            var source = Source();
            ScanAxis[] axes = [new("norm.mu", 0.1, 10, 3, AxisScale.Log)];
            var fit = JointFit.Create(source.Load(source.Resolve(["csi-new", "ge"]), ""), ScanAxis.Extend(new FitSpecification(), axes));
            Assert.Equal(ProfileScan.Run(fit, axes).Points.Select(p => p.Fit.Chi2), table.Column("chi2"));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void ScanWritesTheProfiledGridIndependentlyOfTheThreadCount()
    {
        var dir = Directory.CreateTempSubdirectory("cevns-scan-cli-");
        try
        {
            string Scan(int threads)
            {
                var path = Path.Combine(dir.FullName, $"scan{threads}.csv");
                var run = Run("scan", "--experiments", "csi-new,ge", "--param", "sin2_theta_w=0.22:0.27:5", "--param", "norm.mu=0.7:1.1:3",
                    "--out", path, "--threads", threads.ToString());
                Assert.Equal(ExitCodes.Success, run.ExitCode);
                Assert.Equal("", run.Error);
                Assert.Contains($"wrote 15 points to {path}", run.Out);
                Assert.Contains("all points converged", run.Out);
                return path;
            }
            var one = Scan(1);
            var two = Scan(2);
            Assert.Equal(2, Directory.GetFiles(dir.FullName).Length);
            var a = File.ReadAllLines(one);
            var b = File.ReadAllLines(two);
            Assert.StartsWith("# cevns scan --experiments csi-new,ge --param sin2_theta_w=0.22:0.27:5", a[0]);
            // Everything but the command line (which names the thread count) is identical.
            Assert.Equal(a.Skip(1), b.Skip(1));

            var table = ScanCsv.Read(one);
            Assert.Equal(["sin2_theta_w", "norm.mu", "chi2", "delta_chi2", "converged", "csi-new.bkg_norm", "csi-new.eff", "ge.bkg_norm"], table.Columns);
            Assert.Equal(15, table.Rows.Count);
            // The grid is x-major and the values are those of the library scan of the same problem.
            Assert.Equal([0.22, 0.22, 0.22, 0.2325], table.Column("sin2_theta_w").Take(4).Select(v => Math.Round(v, 12)));
            Assert.Equal([0.7, 0.9, 1.1, 0.7], table.Column("norm.mu").Take(4).Select(v => Math.Round(v, 12)));
            var source = Source();
            var defs = source.Resolve(["csi-new", "ge"]);
            ScanAxis[] axes = [new("sin2_theta_w", 0.22, 0.27, 5), new("norm.mu", 0.7, 1.1, 3)];
            var fit = JointFit.Create(source.Load(defs, ""), ScanAxis.Extend(new FitSpecification(), axes));
            var library = ProfileScan.Run(fit, axes);
            Assert.Equal(library.Points.Select(p => p.Fit.Chi2), table.Column("chi2"));
            // The Asimov truth is sin2_theta_w = 0.245; the minimiser finds it to its tolerance, not to the last digit.
            var global = Assert.Single(table.Comments, c => c.StartsWith("global minimum: chi2 = ", StringComparison.Ordinal));
            var found = System.Text.RegularExpressions.Regex.Match(global, @"sin2_theta_w = ([0-9.eE+-]+),");
            Assert.True(found.Success, global);
            Assert.InRange(double.Parse(found.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 0.245 - 1e-6, 0.245 + 1e-6);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void FitAndScanAreRegisteredCommands()
    {
        var names = CommandRegistry.Default().Select(c => c.Create(new CliContext(TextWriter.Null, TextWriter.Null, _ => null, ".")).Name).ToArray();
        Assert.Contains("fit", names);
        Assert.Contains("scan", names);
    }
}

/// <summary>A dataset whose likelihood is never finite: no fit can converge on it.</summary>
internal sealed class BrokenDataset(DatasetDefinition definition) : IDataset, ILikelihoodProvider
{
    public DatasetDefinition Definition => definition;
    public DatasetPrediction Predict(PhysicsParameters parameters) => throw new NotSupportedException("not used");
    public IDatasetLikelihood Likelihood() => new BrokenLikelihood(this);

    private sealed class BrokenLikelihood(BrokenDataset d) : IDatasetLikelihood
    {
        public IDataset Dataset => d;
        public SourceKind Source => SourceKind.Spallation;
        public IReadOnlyList<Nuisance> Nuisances => [];
        public int DataPoints => 3;
        public bool RateOnly => false;
        public IReadOnlyList<double> Observed => [1, 2, 3];
        public double Chi2(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances) => double.PositiveInfinity;
        public double[] Expected(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances) => [double.NaN, double.NaN, double.NaN];
        public IDatasetLikelihood WithObserved(IReadOnlyList<double> observed) => this;
    }
}

/// <summary>The progress bar of cevns scan (drawn on stderr of a terminal), on a recording console.</summary>
public class ScanProgressTests
{
    [Fact]
    public void ProgressBarRunsTheSameScanAndReachesCompletion()
    {
        var truth = PhysicsParameters.StandardModel.With("sin2_theta_w", 0.245);
        ScanAxis[] axes = [new("sin2_theta_w", 0.22, 0.27, 4), new("norm.mu", 0.7, 1.1, 3)];
        JointFit Fit()
        {
            var csi = CountingDataset.CsI(nuisances: new(Efficiency: true)).WithAsimov(truth, new SignalScale(1, 0.9, 1, 1));
            return JointFit.Create([DatasetLikelihoods.For(csi)], ScanAxis.Extend(new FitSpecification(), axes));
        }
        var output = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Ansi = Spectre.Console.AnsiSupport.Yes,
            Interactive = Spectre.Console.InteractionSupport.Yes,
            Out = new Spectre.Console.AnsiConsoleOutput(output),
        });
        var withBar = ScanCommand.RunWithProgress(console, Fit(), axes, new ScanOptions { Threads = 2 });
        var plain = ProfileScan.Run(Fit(), axes, new ScanOptions { Threads = 1 });
        Assert.Equal(ScanCsv.Format(plain, []), ScanCsv.Format(withBar, []));
        Assert.Contains("scan (2 threads)", output.ToString());
        Assert.Contains("100%", output.ToString());
    }
}
