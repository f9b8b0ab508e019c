using Cevns.Data;
using Cevns.Datasets.Sns;
using Cevns.Datasets;
using Cevns.Sources.Timing;
using Cevns.Tests.Data;

namespace Cevns.Tests.Datasets.CsI;

/// <summary>The shared SNS helpers (Datasets/Sns) on hand-computable cases.</summary>
public class SnsHelperTests
{
    private static readonly EnergyTimeBinning Bins = new([0, 8, 12, 20], [0, 0.5, 1, 3], "PE");

    private static string NoFiles(string key) => throw new InvalidOperationException($"no file expected, asked for {key}");

    [Fact]
    public void TabulatedArrivalTimesAreReadFromTheDefinitionsFiles()
    {
        // Two 1-us bins of our own: prompt all in [0, 1) us, delayed 1/4 and 3/4; the paths come from the files: keys.
        var dir = Directory.CreateTempSubdirectory("cevns-arrival-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "p.txt"), "0.5, 1.0\n1.5, 0.0\n");
            File.WriteAllText(Path.Combine(dir.FullName, "d.txt"), "0.5, 0.25\n1.5, 0.75\n");
            var files = new Dictionary<string, string> { ["mine_p"] = "p.txt", ["mine_d"] = "d.txt" };
            var f = Facts.Load("s.yaml", "source:\n  type: pion-decay-at-rest\n  protons_on_target: 1e23\n  neutrinos_per_proton_per_flavour: 0.08\n" +
                                         "  baseline_m: 19.3\n  timing: { model: tabulated, prompt_pdf: mine_p, delayed_pdf: mine_d }\n");
            var s = SnsSource.FromFacts(f.Section("source"), k => Path.Combine(dir.FullName, files[k]));
            Assert.Equal(1.0, s.ArrivalTimes.Cdf(SnsComponent.Prompt, 1.0), 1e-12);
            Assert.Equal(0.25, s.ArrivalTimes.Cdf(SnsComponent.Delayed, 1.0), 1e-12);
            Assert.Equal(0.625, s.ArrivalTimes.Cdf(SnsComponent.Delayed, 1.5), 1e-12);   // linear inside a bin
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void BinningLocatesHalfOpenBinsAndHistograms()
    {
        Assert.Equal(9, Bins.Count);
        Assert.Equal(Bins.Index(1, 2), Bins.Locate(8, 1)); // lower edges belong to the bin
        Assert.Equal(-1, Bins.Locate(20, 0.2));            // upper edge of the last bin is outside
        Assert.Equal(-1, Bins.Locate(5, -0.01));
        var h = Bins.Histogram([(7.9, 0.49), (8, 0.5), (8.1, 2.9), (25, 1), (3, 3)]);
        Assert.Equal(1, h[Bins.Index(0, 0)]);
        Assert.Equal(1, h[Bins.Index(1, 1)]);
        Assert.Equal(1, h[Bins.Index(1, 2)]);
        Assert.Equal(3, h.Sum());
        Assert.Equal("energy 8-12 PE x time 0.5-1 us", Bins.Bins[Bins.Index(1, 1)].Label);
    }

    [Fact]
    public void OuterProductAndProjections()
    {
        double[] e = [1, 2, 3], t = [0.5, 0.25, 0.25];
        var v = Bins.Outer(e, t);
        Assert.Equal(2 * 0.25, v[Bins.Index(1, 2)]);
        Assert.Equal(e, Bins.ProjectEnergy(v));
        Assert.Equal([3, 1.5, 1.5], Bins.ProjectTime(v));
        var mask = Bins.Region(0, 12, 0, 1);
        Assert.Equal(4, mask.Count(b => b));
        Assert.True(mask[Bins.Index(1, 1)]);
        Assert.False(mask[Bins.Index(2, 0)]);
    }

    [Fact]
    public void BinningFactsRejectEdgesThatDoNotIncrease()
    {
        var f = Facts.Load("x.yaml", "bins:\n  energy_unit: PE\n  energy_edges: [0, 8, 8]\n  time_edges_us: [0, 1]\n");
        var e = Assert.Throws<DefinitionFileException>(() => EnergyTimeBinning.FromFacts(f.Section("bins")));
        Assert.StartsWith("x.yaml:3: bins.energy_edges:", e.Message);
    }

    [Fact]
    public void FineHistogramRebinsByOverlap()
    {
        using var tmp = new TempTree();
        var path = tmp.File("h.txt", "# centre value\n0.5 1\n1.5 2\n2.5 4\n");
        var h = FineHistogram.ReadCentres(path, "test");
        Assert.Equal([0, 1, 2, 3], h.Edges);
        // [0.5, 2.25): half of bin 0, all of bin 1, a quarter of bin 2 = 0.5 + 2 + 1
        Assert.Equal(3.5, h.Rebin([0.5, 2.25])[0], 1e-12);
        Assert.Equal(7, h.Rebin([-5, 10])[0], 1e-12);
        // weight linear in x: the average over a bin is its value at the centre
        var w = h.Weighted(x => x);
        Assert.Equal([0.5, 3, 10], w.Contents.Select(c => Math.Round(c, 12)));
    }

    [Fact]
    public void FineHistogramRejectsUnevenCentresNamingTheLine()
    {
        using var tmp = new TempTree();
        var path = tmp.File("h.txt", "0.5 1\n1.5 2\n2.6 4\n");
        var e = Assert.Throws<DataFileException>(() => FineHistogram.ReadCentres(path, "test"));
        Assert.StartsWith($"{path}:3:", e.Message);
    }

    [Fact]
    public void TimeFractionsWithAConstantEfficiencyScaleExactly()
    {
        var pulse = new PulsedDecayArrivalTime(440, 150);
        double[] edges = [0, 0.25, 0.6, 1, 3, 6];
        var plain = TimeBinFractions.Compute(pulse, SnsComponent.Delayed, edges, null);
        var half = TimeBinFractions.Compute(pulse, SnsComponent.Delayed, edges, _ => 0.5);
        var direct = pulse.Fractions(SnsComponent.Delayed, edges);
        for (int i = 0; i < plain.Length; i++)
        {
            Assert.Equal(direct[i], plain[i], 1e-15);
            Assert.Equal(0.5 * direct[i], half[i], 1e-12);
        }
    }

    [Fact]
    public void TimingOffsetTableInterpolatesBetweenDirectEvaluations()
    {
        var pulse = new PulsedDecayArrivalTime(440, 150);
        double[] edges = [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1, 2, 4, 6];
        static double Eps(double t) => t < 0.52 ? 1 : Math.Exp(-0.0494 * (t - 0.52));
        var table = new TimingOffsetTable(pulse, edges, Eps, 0.3, 0.01);
        Assert.Equal(0.3, table.MaxOffsetUs, 1e-12);
        foreach (double offset in new[] { 0.0, 0.1, -0.123, 0.2567 })
            foreach (var c in new[] { SnsComponent.Prompt, SnsComponent.Delayed })
            {
                var direct = TimeBinFractions.Compute(pulse.WithOffset(offset), c, edges, Eps);
                var interpolated = table.Fractions(c, offset);
                for (int i = 0; i < direct.Length; i++)
                    Assert.True(Math.Abs(interpolated[i] - direct[i]) < 1e-4 * Math.Max(direct[i], 1e-3), $"{c} offset {offset} bin {i}: {interpolated[i]} vs {direct[i]}");
            }
        // beyond the grid the ends are used
        Assert.Equal(table.Fractions(SnsComponent.Prompt, 0.3), table.Fractions(SnsComponent.Prompt, 5.0));
    }

    [Fact]
    public void SteadyStateShapesKeepTheSampleTotal()
    {
        var sample = new double[Bins.Count];
        for (int i = 0; i < sample.Length; i++) sample[i] = i + 1;
        foreach (var shape in SteadyStateTemplate.Shapes)
        {
            var t = SteadyStateTemplate.Build(Bins, sample, shape, _ => 1.0);
            Assert.Equal(sample.Sum(), t.Sum(), 1e-9);
            Assert.Equal(Bins.ProjectEnergy(sample), Bins.ProjectEnergy(t).Select(x => Math.Round(x, 9)));
        }
        // flat: proportional to the time-bin widths 0.5, 0.5, 2
        var flat = SteadyStateTemplate.Build(Bins, sample, "flat");
        Assert.Equal(4 * flat[Bins.Index(0, 0)], flat[Bins.Index(0, 2)], 1e-12);
        Assert.Throws<ArgumentException>(() => SteadyStateTemplate.Build(Bins, sample, "timing-efficiency"));
        Assert.Throws<ArgumentException>(() => SteadyStateTemplate.Build(Bins, sample, "wavy"));
    }

    [Fact]
    public void ExposureFactsAcceptPotOrBeamEnergyButNotBoth()
    {
        const string timing = "  timing: { model: pulsed-decay, pulse_mean_ns: 440, pulse_width_ns: 150 }\n";
        var both = Facts.Load("s.yaml", "source:\n  type: pion-decay-at-rest\n  protons_on_target: 1e23\n  exposure_gwh: 1\n  proton_energy_gev: 1\n  neutrinos_per_proton_per_flavour: 0.08\n  baseline_m: 19.3\n" + timing);
        var e = Assert.Throws<DefinitionFileException>(() => SnsSource.FromFacts(both.Section("source"), NoFiles));
        Assert.StartsWith("s.yaml:4: source.exposure_gwh:", e.Message);
        var gwh = Facts.Load("s.yaml", "source:\n  type: pion-decay-at-rest\n  exposure_gwh: 1\n  proton_energy_gev: 1\n  neutrinos_per_proton_per_flavour: 0.08\n  baseline_m: 20\n" + timing);
        var x = SnsSource.FromFacts(gwh.Section("source"), NoFiles);
        // 3.6e12 J / 1.602176634e-10 J = 2.24694e22 protons of 1 GeV
        Assert.Equal(2.246943e22, x.ProtonsOnTarget, 1e16);
        // fluence 0.08 x 2.246943e22 / (4 pi (2000 cm)^2) = 3.5761e13 per cm^2
        Assert.Equal(0.08 * 2.246943e22 / (4 * Math.PI * 2000.0 * 2000.0), x.Flux.FluencePerFlavourPerCm2, 1e8);
    }

    [Fact]
    public void SourceFactsAcceptTheYieldOfAllThreeFlavoursButNotBothForms()
    {
        const string head = "source:\n  type: pion-decay-at-rest\n  protons_on_target: 1.96e22\n";
        const string tail = "  baseline_m: 19.2\n  timing: { model: pulsed-decay, pulse_mean_ns: 440, pulse_width_ns: 150 }\n";
        var total = SnsSource.FromFacts(Facts.Load("s.yaml", head + "  neutrinos_per_proton_total: 0.288\n" + tail).Section("source"), NoFiles);
        Assert.Equal(0.096, total.NeutrinosPerProtonPerFlavour, 1e-15);   // three flavours in equal numbers
        Assert.Null(total.ExposureGWh);
        Assert.Null(total.FluxNormSigma);
        var both = Facts.Load("s.yaml", head + "  neutrinos_per_proton_total: 0.288\n  neutrinos_per_proton_per_flavour: 0.096\n" + tail);
        var e = Assert.Throws<DefinitionFileException>(() => SnsSource.FromFacts(both.Section("source"), NoFiles));
        Assert.StartsWith("s.yaml:5: source.neutrinos_per_proton_per_flavour: give exactly one of", e.Message);
        var unknown = Facts.Load("s.yaml", head + "  neutrinos_per_proton_total: 0.288\n  baseline_m: 19.2\n  timing: { model: gaussian }\n");
        e = Assert.Throws<DefinitionFileException>(() => SnsSource.FromFacts(unknown.Section("source"), NoFiles));
        Assert.Equal("s.yaml:6: source.timing.model: unknown arrival-time model 'gaussian' (known: pulsed-decay, tabulated)", e.Message);
    }

    [Fact]
    public void AnalysisRegionFromFactsMustHoldABin()
    {
        var inside = Facts.Load("a.yaml", "analysis:\n  energy: [0, 12]\n  time_us: [0, 1]\n").Section("analysis");
        Assert.Equal(Bins.Region(0, 12, 0, 1), Bins.Region(inside));
        var outside = Facts.Load("a.yaml", "analysis:\n  energy: [20, 30]\n  time_us: [0, 1]\n").Section("analysis");
        var e = Assert.Throws<DefinitionFileException>(() => Bins.Region(outside));
        Assert.Equal("a.yaml:2: analysis.energy: no analysis bin lies inside the energy x time region", e.Message);
    }

    [Fact]
    public void BinnedCountsNeedEveryBinOnceAtItsCentre()
    {
        using var tmp = new TempTree();
        var small = new EnergyTimeBinning([0, 2, 4], [0, 0.5], "PE");
        Assert.Equal([3, 4], BinnedCounts.Read(tmp.File("ok.txt", "PE,t,counts\n1.0, 0.25, 3\n3.0, 0.25, 4\n"), small));
        var missing = tmp.File("missing.txt", "1.0, 0.25, 3\n");
        Assert.StartsWith($"{missing}: no row for the bin energy 2-4 PE", Assert.Throws<DataFileException>(() => BinnedCounts.Read(missing, small)).Message);
        var offCentre = tmp.File("off.txt", "1.0, 0.25, 3\n2.5, 0.25, 4\n");
        Assert.StartsWith($"{offCentre}:2: energy 2.5 PE is not the centre", Assert.Throws<DataFileException>(() => BinnedCounts.Read(offCentre, small)).Message);
        var twice = tmp.File("twice.txt", "1.0, 0.25, 3\n1.0, 0.25, 4\n3.0, 0.25, 1\n");
        Assert.StartsWith($"{twice}:2:", Assert.Throws<DataFileException>(() => BinnedCounts.Read(twice, small)).Message);
        var negative = tmp.File("neg.txt", "1.0, 0.25, -3\n3.0, 0.25, 1\n");
        Assert.StartsWith($"{negative}:1: counts must be >= 0", Assert.Throws<DataFileException>(() => BinnedCounts.Read(negative, small)).Message);
    }

    [Fact]
    public void UnbinnedEventsRejectNegativeEnergies()
    {
        using var tmp = new TempTree();
        var path = tmp.File("ev.txt", "# PE t\n10 1.0\n-2 0.5\n");
        var e = Assert.Throws<DataFileException>(() => UnbinnedEvents.Read(path, "PE"));
        Assert.StartsWith($"{path}:3: energy must be >= 0 PE", e.Message);
    }
}
