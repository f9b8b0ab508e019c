using Cevns.Datasets;
using Cevns.Analyses;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Fitting;

/// <summary>
/// Tied parameters (--tie target=a*source+b): parsing, validation, chains, the fit range of a root, and on the real
/// CsI 2021 data that a tied fit evaluates exactly the chi^2 of the untied likelihood with the tied value set by hand.
/// </summary>
public class ParameterTiesTests
{
    [Theory]
    [InlineData("nsi.d.ee=nsi.u.ee", "nsi.u.ee", 1.0, 0.0, "nsi.u.ee")]
    [InlineData("nsi.d.ee = 2*nsi.u.ee", "nsi.u.ee", 2.0, 0.0, "2*nsi.u.ee")]
    [InlineData("nsi.d.ee=2.5e-1 * nsi.u.ee + 1E-3", "nsi.u.ee", 0.25, 1e-3, "0.25*nsi.u.ee+0.001")]
    [InlineData("nsi.d.ee=-0.5*nsi.u.ee-2", "nsi.u.ee", -0.5, -2.0, "-0.5*nsi.u.ee-2")]
    [InlineData("nsi.d.ee=nsi.u.ee+.1", "nsi.u.ee", 1.0, 0.1, "nsi.u.ee+0.1")]
    [InlineData("nsi.d.ee=-nsi.u.ee", "nsi.u.ee", -1.0, 0.0, "-nsi.u.ee")]
    [InlineData("rn.I=rn.Cs-0.07", "rn.Cs", 1.0, -0.07, "rn.Cs-0.07")]
    public void ExpressionsParseIntoScaleAndOffset(string text, string source, double scale, double offset, string canonical)
    {
        var t = ParameterTie.Parse(text);
        Assert.Equal((source, scale, offset), (t.Source, t.Scale, t.Offset));
        Assert.Equal(canonical, t.Expression);
        Assert.Equal(t, ParameterTie.Parse($"{t.Target}={t.Expression}"));
    }

    [Theory]
    [InlineData("nsi.d.ee", "expected target=expression")]
    [InlineData("nsi.d.ee=2*", "not a linear expression")]
    [InlineData("nsi.d.ee=nsi.u.ee*2", "not a linear expression")]
    [InlineData("nsi.d.ee=nsi.u.ee+nsi.u.mumu", "not a linear expression")]
    [InlineData("nsi.d.ee=2*3", "not a linear expression")]
    public void MalformedExpressionsAreRejected(string text, string message) =>
        Assert.Contains(message, Assert.Throws<FitSetupException>(() => ParameterTie.Parse(text)).Message);

    private static string ValidationError(FitSpecification spec) =>
        Assert.Throws<FitSetupException>(() => spec.Validate(["coherent-csi-2021"])).Message;

    private static FitSpecification Spec(string[] free, params string[] ties) =>
        new() { Free = free, Ties = ties.Select(ParameterTie.Parse).ToArray() };

    [Theory]
    [InlineData("nsi.x.ee=nsi.u.ee", "unknown parameter 'nsi.x.ee'")]
    [InlineData("nsi.d.ee=nsi.q.ee", "unknown parameter 'nsi.q.ee'")]
    [InlineData("norm.e=norm.mu", "'norm.e' is a signal normalisation")]
    [InlineData("nsi.u.ee=nsi.d.ee", "both tied (--tie nsi.u.ee=nsi.d.ee) and free")]
    [InlineData("nsi.d.ee=nsi.d.ee", "ties form a cycle: nsi.d.ee <- nsi.d.ee")]
    [InlineData("nsi.d.ee=1000*nsi.u.mumu+200", "tied parameter 'nsi.d.ee' = 200")]
    [InlineData("nsi.d.ee=nsi.u.ee+200", "takes values [198, 202] over the fit range [-2, 2] of 'nsi.u.ee', outside its allowed range [-100, 100]")]
    public void InvalidTiesAreRejected(string tie, string message) =>
        Assert.Contains(message, ValidationError(Spec(["nsi.u.ee"], tie)));

    [Fact]
    public void CyclesTwiceTiedTargetsAndTiedPriorsOrRangesAreRejected()
    {
        Assert.Contains("ties form a cycle", ValidationError(Spec(["nsi.u.ee"], "nsi.d.ee=nsi.d.mumu", "nsi.d.mumu=2*nsi.d.ee")));
        Assert.Contains("is tied twice", ValidationError(Spec(["nsi.u.ee"], "nsi.d.ee=nsi.u.ee", "nsi.d.ee=nsi.u.mumu")));
        Assert.Contains("both tied (--tie nsi.d.ee=nsi.u.ee) and fixed (--set)",
            ValidationError(Spec(["nsi.u.ee"], "nsi.d.ee=nsi.u.ee") with { Fixed = [new FixedValue("nsi.d.ee", 0.1)] }));
        Assert.Contains("prior on 'nsi.d.ee', which is tied",
            ValidationError(Spec(["nsi.u.ee"], "nsi.d.ee=nsi.u.ee") with { Priors = [new GaussianPrior("nsi.d.ee", 0, 1)] }));
        // A --range of the root whose image leaves the target's allowed range is an error, as a --range outside the allowed range is.
        Assert.Contains("takes values [-150, 150] over the given range [-1.5, 1.5] of 'nsi.u.ee'",
            ValidationError(Spec(["nsi.u.ee"], "nsi.d.ee=100*nsi.u.ee") with { Ranges = [new RangeOverride("nsi.u.ee", -1.5, 1.5)] }));
        // A scan of the root keeps its targets inside their allowed ranges; the default fit range around it is narrowed.
        var scan = Cevns.Fitting.ScanAxis.Extend(Spec([], "nsi.d.ee=100*nsi.u.ee"), [new Cevns.Fitting.ScanAxis("nsi.u.ee", -0.5, 0.5, 3)]);
        scan.Validate([]);
        Assert.Equal((-1.0, 1.0), scan.RangeOf("nsi.u.ee"));
        Assert.Contains("scan range [-1.5, 1.5] of 'nsi.u.ee' takes a parameter tied to it outside its allowed range (nsi.d.ee=100*nsi.u.ee); 'nsi.u.ee' must stay within [-1, 1]",
            Assert.Throws<FitSetupException>(() => Cevns.Fitting.ScanAxis.Extend(Spec([], "nsi.d.ee=100*nsi.u.ee"), [new Cevns.Fitting.ScanAxis("nsi.u.ee", -1.5, 1.5, 3)])).Message);
        // A scanned tied parameter is free in the scan.
        Assert.Contains("both tied", Assert.Throws<FitSetupException>(() =>
            Cevns.Fitting.ScanAxis.Extend(Spec([], "nsi.d.ee=nsi.u.ee"), [new Cevns.Fitting.ScanAxis("nsi.d.ee", -0.1, 0.1, 3)]).Validate([])).Message);
    }

    [Fact]
    public void ChainsResolveToTheirRootAndNarrowTheDefaultFitRangeOfTheRoot()
    {
        var spec = Spec(["nsi.u.ee"], "nsi.d.mumu=2*nsi.d.ee", "nsi.d.ee=nsi.u.ee+1");
        spec.Validate([]);
        var chain = spec.ResolvedTies.Resolved.Single(r => r.Target == "nsi.d.mumu");
        Assert.Equal(("nsi.u.ee", 2.0, 2.0), (chain.Root, chain.Scale, chain.Offset));
        var point = spec.ResolvedTies.Apply(PhysicsParameters.StandardModel.With("nsi.u.ee", 0.25));
        Assert.Equal(1.25, point["nsi.d.ee"], 15);
        Assert.Equal(2.5, point["nsi.d.mumu"], 15);
        // Default fit range [-2, 2]; nsi.d.ee = 100 u must stay in [-100, 100]: u in [-1, 1].
        Assert.Equal((-1.0, 1.0), Spec(["nsi.u.ee"], "nsi.d.ee=100*nsi.u.ee").RangeOf("nsi.u.ee"));
        Assert.Equal((-2.0, 2.0), Spec(["nsi.u.ee"]).RangeOf("nsi.u.ee"));
        // A tie to a parameter that is not free sets the target once (here from the default 0 of nsi.u.mumu).
        Assert.Equal(0.3, Spec(["nsi.u.ee"], "nsi.d.ee=2*nsi.u.mumu+0.3").ResolvedTies.Apply(PhysicsParameters.StandardModel)["nsi.d.ee"], 15);
    }

    private static IDatasetLikelihood CsI() => DatasetLikelihoods.Load("coherent-csi-2021", SourcesDataRoot.Path);

    /// <summary>
    /// A tied fit's chi^2 along a grid of the root (nuisances at a fixed, off-centre point) equals the chi^2 of the fit
    /// without ties in which both parameters are set by hand; and the gradient in the root is the sum of the untied
    /// gradients weighted by the chain rule, d/du = d/du + a d/dd.
    /// </summary>
    [Theory]
    [InlineData("nsi.d.ee=nsi.u.ee", 1.0, 0.0)]
    [InlineData("nsi.d.ee=-0.5*nsi.u.ee+0.1", -0.5, 0.1)]
    public void TiedChi2EqualsTheLikelihoodWithBothSetByHand(string tie, double a, double b)
    {
        var like = CsI();
        var tied = JointFit.Create([like], Spec(["nsi.u.ee"], tie));
        var free = JointFit.Create([like.WithObserved(like.Observed)], new FitSpecification { Free = ["nsi.u.ee", "nsi.d.ee"] });
        var x = tied.Problem.InitialValues();
        for (int i = 1; i < x.Length; i++) x[i] = x[i] + 0.3 * (tied.Problem.Parameters[i].Step is var s && double.IsFinite(s) ? s : 0.01);
        foreach (double u in new[] { -0.2, -0.05, 0.0, 0.03, 0.15 })
        {
            x[0] = u;
            double d = a * u + b;
            var fixedBoth = JointFit.Create([like.WithObserved(like.Observed)], new FitSpecification
            {
                Fixed = [new FixedValue("nsi.u.ee", u), new FixedValue("nsi.d.ee", d)],
            });
            Assert.Equal(fixedBoth.Problem.Names, tied.Problem.Names.Skip(1));
            double expected = fixedBoth.Problem.Evaluate(x[1..]);
            Assert.Equal(expected, tied.Problem.Evaluate(x), 1e-9 * Math.Max(1, expected));
            Assert.Equal(d, tied.PhysicsAt(x)["nsi.d.ee"], 14);

            double[] y = [u, d, .. x[1..]];
            var gFree = new double[y.Length];
            free.Problem.Gradient!(y, gFree);
            var gTied = new double[x.Length];
            tied.Problem.Gradient!(x, gTied);
            Assert.Equal(gFree[0] + a * gFree[1], gTied[0], 1e-4 * Math.Max(1, Math.Abs(gTied[0])));
        }
    }

    private const string AnalysisText = """
        title: universal vector NSI on CsI
        datasets:
          csi: { id: coherent-csi-2021 }
        free:
          nsi.u.ee: {}
        ties:
          nsi.d.ee: "nsi.u.ee"
        tables: []
        fit: { random_starts: 4 }
        """;

    [Fact]
    public void RunGivesTheBestFitOfFit()
    {
        var file = AnalysisFileParser.Parse("ties.yaml", "ties", AnalysisText);
        Assert.Equal([new ParameterTie("nsi.d.ee", "nsi.u.ee", 1, 0)], file.Ties);
        var run = new AnalysisRunner(new JointFitBackend()) { Threads = 1 }.Run(file with { Figures = file.Figures with { Profiles = false, Contours = false } },
            SourcesDataRoot.Path, "test");
        var fromRun = run.Fits.Single();
        Assert.True(fromRun.Converged);

        var fit = JointFit.Create([CsI()], Spec(["nsi.u.ee"], "nsi.d.ee=nsi.u.ee"));
        var global = fit.Minimise();
        Assert.True(global.Converged);
        Assert.Equal(global["nsi.u.ee"], fromRun.Parameters.Single(p => p.Name == "nsi.u.ee").BestFit, 1e-6);
        Assert.Equal(global.Chi2, fromRun.Chi2, 1e-6);
        Assert.Equal(fromRun.Physics["nsi.u.ee"], fromRun.Physics["nsi.d.ee"]);

        // The report lists the tie and its value at the best fit.
        var json = System.Text.Json.Nodes.JsonNode.Parse(Cevns.Analyses.Reports.ResultsJson.Build(run, [], []))!;
        var tie = json["fits"]![0]!["ties"]![0]!;
        Assert.Equal(("nsi.d.ee", "nsi.u.ee"), (tie["target"]!.GetValue<string>(), tie["expression"]!.GetValue<string>()));
        Assert.Equal(global["nsi.u.ee"], tie["value"]!.GetValue<double>(), 1e-6);
        Assert.Contains("Tied parameters (derived from another at every point): `nsi.d.ee=nsi.u.ee`",
            Cevns.Analyses.Reports.SummaryMarkdown.Build(run, [], []));
    }

    [Theory]
    [InlineData("  nsi.d.ee: \"nsi.q.ee\"", "ties.yaml:7: ties.nsi.d.ee: unknown parameter 'nsi.q.ee'")]
    [InlineData("  nsi.d.ee: \"2*\"", "ties.yaml:7: ties.nsi.d.ee: '2*' is not a linear expression")]
    [InlineData("  nsi.u.ee: \"nsi.d.ee\"", "ties.yaml:7: ties.nsi.u.ee: parameter 'nsi.u.ee' is both tied (nsi.u.ee=nsi.d.ee) and free")]
    public void AnalysisFileTiesAreValidated(string line, string message)
    {
        var text = AnalysisText.Replace("  nsi.d.ee: \"nsi.u.ee\"", line);
        var e = Assert.Throws<AnalysisFileException>(() => AnalysisFileParser.Parse("ties.yaml", "ties", text));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void AnalysisFileScansKeepTiedParametersInRange()
    {
        var text = AnalysisText.Replace("  nsi.d.ee: \"nsi.u.ee\"", "  nsi.d.ee: \"100*nsi.u.ee\"")
                   + "\nscans:\n  u: { x: { parameter: nsi.u.ee, range: [-1.5, 1.5], points: 3 } }\n";
        var e = Assert.Throws<AnalysisFileException>(() => AnalysisFileParser.Parse("ties.yaml", "ties", text));
        Assert.StartsWith("ties.yaml:11: scans.u.x.range: [-1.5, 1.5] takes a parameter tied to nsi.u.ee outside its allowed range; nsi.u.ee must stay within [-1, 1]", e.Message);
    }
}
