using Cevns.Analyses;
using Cevns.Analyses.Figures;
using Cevns.Analyses.Reports;
using Cevns.Datasets;
using Cevns.Datasets.Kinds;
using Cevns.Detectors;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Physics.Electroweak;
using Cevns.Statistics;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Analyses;

/// <summary>The representative |Q| of a dataset in the sin^2 running figure (<see cref="ProbeMomentumTransfer"/>).</summary>
public sealed class ProbeMomentumTransferTests
{
    /// <summary>
    /// Two nodes by hand: M = 1000 MeV, T = 1 keV and 4 keV give |Q| = sqrt(2) and sqrt(8) MeV; with 1 and 3 events the mean is
    /// (1.414214 + 3 x 2.828427) / 4 = 2.474874 MeV.
    /// </summary>
    [Fact]
    public void MeanIsTheEventWeightedSqrt2MT()
    {
        double mean = ProbeMomentumTransfer.MeanGeV([1e-3, 4e-3], [(1000.0, new[] { 1.0, 3.0 })]);
        Assert.Equal(2.474874e-3, mean, 9);
        // Two isotopes: each node's |Q| with its own mass, 2 x 1000 x 0.001 = 2 and 2 x 4000 x 0.001 = 8 MeV^2.
        double two = ProbeMomentumTransfer.MeanGeV([1e-3], [(1000.0, new[] { 1.0 }), (4000.0, new[] { 1.0 })]);
        Assert.Equal((Math.Sqrt(2) + Math.Sqrt(8)) / 2 * 1e-3, two, 12);
    }

    /// <summary>
    /// Events uniform in T on [T1, T2] (a flat dN/dT on a Gauss-Legendre grid, events = w_j): &lt;sqrt(2 M T)&gt; =
    /// sqrt(2 M) (2/3) (T2^(3/2) - T1^(3/2)) / (T2 - T1); the p-quantile of |Q| is sqrt(2 M (T1 + p (T2 - T1))).
    /// </summary>
    [Fact]
    public void UniformRecoilsGiveTheAnalyticMeanAndQuantiles()
    {
        const double m = 123800.0, t1 = 0.005, t2 = 0.04;
        var grid = RecoilGrid.LogPanels(t1, t2, 40, 8);
        var isotopes = new[] { (m, grid.Weights.ToArray()) };
        double mean = Math.Sqrt(2 * m) * (2.0 / 3.0) * (Math.Pow(t2, 1.5) - Math.Pow(t1, 1.5)) / (t2 - t1) * 1e-3;
        Assert.Equal(mean, ProbeMomentumTransfer.MeanGeV(grid.NodesMeV, isotopes), 9);
        foreach (var p in new[] { 0.16, 0.5, 0.84 })
        {
            double q = Math.Sqrt(2 * m * (t1 + p * (t2 - t1))) * 1e-3;
            // The quantile spreads each node's events between the midpoints to its neighbours: exact to the node spacing in |Q|.
            var qs = grid.NodesMeV.Select(t => Math.Sqrt(2 * m * t) * 1e-3).ToArray();
            double spacing = qs.Zip(qs.Skip(1), (a, b) => b - a).Max();
            double got = ProbeMomentumTransfer.QuantileGeV(grid.NodesMeV, isotopes, p);
            Assert.True(Math.Abs(got - q) < spacing, $"p = {p}: {got:R} vs {q:R}, node spacing {spacing:R}");
        }
    }

    /// <summary>
    /// The node-weighted response of each kind gives the dataset's own CEvNS events in its analysis bins for every catalogue dataset of those kinds with a prediction (nugen-2025 has none: <see cref="NoResponseOrNoEventsGivesAReason"/>) (the events
    /// the mean is weighted with are the ones the fit sees), and the mean |Q| lies below the largest |Q| the source allows.
    /// coherent-ge-2024 takes the detector-array branch (the exposure-weighted mean of its detectors' responses); it predicts
    /// without its (non-public) counts file. For the reactor kinds the weighted bins are those of the dataset's prediction:
    /// the dataset's own CEvNS events equal its SM signal total (for the SNS kinds that total also carries the arrival-time
    /// fractions, which the |Q| does not use).
    /// </summary>
    [Theory]
    [InlineData("coherent-csi-2017", 0.1056)]
    [InlineData("coherent-csi-2021", 0.1056)]   // 2 x 52.8 MeV (muon decay end point)
    [InlineData("coherent-ar-2020", 0.1056)]
    [InlineData("coherent-ge-2024", 0.1056)]
    [InlineData("dresden-ii-2022", 0.02)]       // reactor antineutrinos below 10 MeV: |Q| <= 2 E
    [InlineData("conus-plus-2025", 0.02)]
    [InlineData("texono-2024", 0.02)]
    public void WeightedResponseGivesTheDatasetsOwnEvents(string id, double maxQGeV)
    {
        var dataset = DatasetRegistry.Load(DatasetRegistry.Find(id), SourcesDataRoot.Path);
        if (id == "coherent-ge-2024") Assert.NotNull(Assert.IsType<SnsEnergyTimeDataset>(dataset).Detectors);
        var detected = ProbeMomentumTransfer.Of(dataset, PhysicsParameters.StandardModel)!;
        Assert.True(detected.BinnedEvents > 0);
        Assert.True(Math.Abs(detected.TotalEvents - detected.BinnedEvents) <= 1e-9 * detected.BinnedEvents,
            $"{id}: weighted {detected.TotalEvents:R}, dataset {detected.BinnedEvents:R}");
        Assert.Null(ProbeMomentumTransfer.Mismatch(detected));
        if (dataset is not SnsEnergyTimeDataset)
            Assert.Equal(1.0, detected.BinnedEvents / dataset.Predict(PhysicsParameters.StandardModel).SignalTotal, 12);
        var q = Sin2DatasetProbes.MomentumTransfer(dataset.Definition.Kind, detected, out var why)!.Value;
        Assert.Equal("", why);
        Assert.True(q.LowGeV < q.MeanGeV && q.MeanGeV < q.HighGeV && q.HighGeV < maxQGeV, $"{id}: {q}");
    }

    /// <summary>
    /// A response that is not the dataset's (its own matrix with a flat efficiency of 0.9999 put on top, 1e-4 relative,
    /// 100 x the tolerance) gives no |Q| and the reason naming both event totals; the dataset's own response gives one.
    /// An array dataset (coherent-ge-2024) and a rate dataset (conus-plus-2025), each with one detector's response altered.
    /// </summary>
    [Theory]
    [InlineData("coherent-ge-2024")]
    [InlineData("conus-plus-2025")]
    public void AResponseThatIsNotTheDatasetsGivesANoteAndNoPoint(string id)
    {
        var dataset = DatasetRegistry.Load(DatasetRegistry.Find(id), SourcesDataRoot.Path);
        var (signal, matrix, weights) = ProbeMomentumTransfer.OwnResponse(dataset)!.Value;
        var sm = PhysicsParameters.StandardModel;
        Assert.NotNull(Sin2DatasetProbes.MomentumTransfer(dataset.Definition.Kind, ProbeMomentumTransfer.Detected(signal, matrix, weights, sm), out _));

        var e = new double[matrix.BinCount * matrix.Grid.Count];
        for (int i = 0; i < matrix.BinCount; i++)
            for (int j = 0; j < matrix.Grid.Count; j++) e[i * matrix.Grid.Count + j] = 0.9999 * matrix[i, j];
        var altered = ProbeMomentumTransfer.Detected(signal, new ResponseMatrix(matrix.Grid, matrix.BinCount, e), weights, sm);
        Assert.Equal(0.9999, altered.TotalEvents / altered.BinnedEvents, 9);
        Assert.Null(Sin2DatasetProbes.MomentumTransfer(dataset.Definition.Kind, altered, out var why));
        Assert.Contains("weighted for its |Q|", why);
        Assert.Contains("its own CEvNS prediction", why);
        Assert.Equal(why, ProbeMomentumTransfer.Mismatch(altered));
    }

    /// <summary>
    /// A kind without a weighted response, a reactor-rate dataset without a prediction (nugen-2025, its facts missing) and a
    /// dataset without detected events give a reason, never a |Q|.
    /// </summary>
    [Fact]
    public void NoResponseOrNoEventsGivesAReason()
    {
        Assert.Null(Sin2DatasetProbes.MomentumTransfer("external-measurement", null, out var why));
        Assert.Contains("no representative |Q| for datasets of kind external-measurement", why);
        var nugen = DatasetRegistry.Load(DatasetRegistry.Find("nugen-2025"), SourcesDataRoot.Path);
        Assert.Null(ProbeMomentumTransfer.Of(nugen, PhysicsParameters.StandardModel));
        var empty = new ProbeMomentumTransfer.DetectedRecoils([1e-3], [(1000.0, new[] { 0.0 })], 0.0);
        Assert.Null(Sin2DatasetProbes.MomentumTransfer("k", empty, out why));
        Assert.Contains("no detected CEvNS events", why);
        // Weighted events seen where the dataset's own signal has none: a mismatch, not a |Q|.
        var stray = new ProbeMomentumTransfer.DetectedRecoils([1e-3], [(1000.0, new[] { 1.0 })], 0.0);
        Assert.Null(Sin2DatasetProbes.MomentumTransfer("k", stray, out why));
        Assert.Contains("weighted for its |Q|", why);
    }
}

/// <summary>The per-dataset points of the sin^2 running figure (<see cref="Sin2DatasetProbes"/>) on real datasets.</summary>
public sealed class Sin2DatasetProbeTests
{
    /// <summary>APV(Cs) and the direct R_n(Cs) (external), CONUS+ and TEXONO 2024 (reactor CEvNS rate and upper limit), cheap to fit.</summary>
    private const string Analysis = """
        title: sin2 probes
        datasets:
          apv: { id: apv-cs-1997 }
          rncs: { id: cs-neutron-radius-2024 }
          conus: { id: conus-plus-2025 }
          texono: { id: texono-2024 }
        fits:
          all: [apv, rncs, conus, texono]
        free:
          sin2_theta_w: { range: [0.15, 0.35] }
          rn.Cs: { range: [3.5, 8.0] }
        figures:
          sin2_running: true
        """;

    private static readonly Lazy<AnalysisResults> Results = new(() =>
        new AnalysisRunner(new JointFitBackend()).Run(AnalysisFileParser.Parse("probes.yaml", "probes", Analysis), SourcesDataRoot.Path, "test"));

    private static readonly Lazy<(IReadOnlyList<Sin2Probe> Probes, List<string> Notes)> Probes = new(() =>
    {
        var notes = new List<string>();
        return (Sin2RunningProbes.From(Results.Value, notes), notes);
    });

    /// <summary>
    /// The CONUS+ point is the best fit of CONUS+ alone with sin2_theta_w free (range of the analysis) and rn.Cs fixed at the
    /// combined best fit, by an explicit joint fit, moved to its |Q| by the running shift; its errors are the ends of that fit's
    /// profiled Delta chi^2 = 1 interval.
    /// </summary>
    [Fact]
    public void DatasetPointIsTheFitOfThatDatasetAlone()
    {
        var combined = Sin2RunningProbes.CombinedFit(Results.Value)!;
        double rnCs = combined.Parameters.Single(p => p.Name == "rn.Cs").BestFit;
        var likelihood = DatasetSource.Registry.Load([DatasetRegistry.Find("conus-plus-2025")], SourcesDataRoot.Path)[0];
        var spec = new FitSpecification
        {
            Free = ["sin2_theta_w"],
            Fixed = [new FixedValue("rn.Cs", rnCs)],
            Ranges = [new RangeOverride("sin2_theta_w", 0.15, 0.35)],
        };
        var fit = JointFit.Create([likelihood], spec).Run(new FitOptions { Threads = Environment.ProcessorCount });
        Assert.True(fit.Converged);
        double best = fit.BestFit["sin2_theta_w"];
        var around = fit.Intervals["sin2_theta_w"]["1sigma"].Segments.Single(s => s.Lower.Value <= best && best <= s.Upper.Value);
        Assert.Equal(IntervalEndKind.Crossing, around.Lower.Kind);
        Assert.Equal(IntervalEndKind.Crossing, around.Upper.Kind);

        var point = Probes.Value.Probes.Single(p => p.Label == "conus");
        Assert.Equal(Sin2ProbeKind.DatasetFit, point.Kind);
        Assert.Equal(best + WeakMixingRunning.Shift(point.MomentumTransferGeV), point.Sin2, 6);
        Assert.Equal(best - around.Lower.Value!.Value, point.ErrorMinus, 6);
        Assert.Equal(around.Upper.Value!.Value - best, point.ErrorPlus, 6);
        var detected = ProbeMomentumTransfer.Of(likelihood.Dataset, PhysicsParameters.StandardModel)!;
        Assert.Equal(ProbeMomentumTransfer.Summarise(detected).MeanGeV, point.MomentumTransferGeV, 12);
    }

    /// <summary>
    /// Every dataset whose prediction depends on sin^2 has a point or a note naming it (here TEXONO's upper limit, whose
    /// profile does not close below, may have either); the radius-only measurement has neither.
    /// </summary>
    [Fact]
    public void EveryProbeDatasetHasAPointOrANote()
    {
        var (probes, notes) = Probes.Value;
        foreach (var label in new[] { "apv", "conus", "texono" })
            Assert.True(probes.Any(p => p.Label == label) || notes.Any(n => n.Contains($" {label} has no point", StringComparison.Ordinal)),
                $"{label}: neither a point nor a note ({string.Join("; ", notes)})");
        Assert.Contains(probes, p => p.Label == "apv" && p.Kind == Sin2ProbeKind.ExternalMeasurement);
        Assert.DoesNotContain(probes, p => p.Label == "rncs");
        Assert.Equal(["apv", "conus", "texono"], probes.Select(p => p.Label).Concat(NotedLabels(notes)).Distinct().Order().ToArray());

        var combined = Sin2RunningProbes.Combined(Results.Value)!;
        Assert.Equal("all", combined.FitLabel);
        Assert.Equal(Results.Value.Fit("all").Parameters.Single(p => p.Name == "sin2_theta_w").BestFit, combined.Sin2AtZero);
    }

    private static IEnumerable<string> NotedLabels(IEnumerable<string> notes) =>
        notes.Select(n => System.Text.RegularExpressions.Regex.Match(n, @"^sin2 running figure: (\S+) has no point")).Where(m => m.Success).Select(m => m.Groups[1].Value);

    /// <summary>A point from a fit whose interval is open is refused with the reason; a converged closed one is drawn at |Q|.</summary>
    [Fact]
    public void OpenIntervalGivesANoteNotANumber()
    {
        var q = new ProbeMomentumTransfer.Summary(0.05, 0.04, 0.06);
        FitOutcome Fit(double? minus, ErrorSource source) => new("f", ["d"], false, 10, 10, 1, true, "Converged: ok",
            [new ParameterEstimate("sin2_theta_w", 0.24, minus, 0.01, source, false, false)], [], [], [0.24], PhysicsParameters.StandardModel);
        Assert.Null(Sin2DatasetProbes.Point("d", Fit(null, ErrorSource.OpenInterval), q, out var why));
        Assert.Contains("open", why);
        var p = Sin2DatasetProbes.Point("d", Fit(0.02, ErrorSource.ProfileScan), q, out _)!;
        Assert.Equal(0.24 + WeakMixingRunning.Shift(0.05), p.Sin2, 12);
        Assert.Equal((0.02, 0.01), (p.ErrorMinus, p.ErrorPlus));
        Assert.Equal((0.04, 0.06), p.MomentumRangeGeV);
    }
}
