using Cevns.Data;
using Cevns.Datasets.Kinds;
using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Statistics;
using Cevns.Tests.Data;
using Cevns.Tests.Sources;
using Xunit.Abstractions;

namespace Cevns.Tests.Datasets.GeMini;

/// <summary>
/// coherent-ge-2024 (Ge-Mini): the SM prediction against the published 33.3 +- 3.4, convergence, the counts file
/// (absent, supplied, malformed) and the ON/OFF chi^2 on synthetic counts. Methods of one class run sequentially, so
/// the test that sets CEVNS_GEMINI_COUNTS does not race the ones that expect no counts file.
/// </summary>
[Collection(Sns.GeMiniCountsCollection.Name)]
public class CoherentGe2024Tests(ITestOutputHelper output)
{
    private const string Id = "coherent-ge-2024";
    private static readonly Lazy<SnsEnergyTimeDataset> Shared = new(() => (SnsEnergyTimeDataset)DatasetRegistry.Load(Id, SourcesDataRoot.Path));
    private static SnsEnergyTimeDataset Dataset => Shared.Value;
    private static readonly PhysicsParameters Sm = PhysicsParameters.StandardModel;

    /// <summary>The fitting layer's global fit with signal_norm free and every nuisance profiled (as 'cevns fit --free signal_norm').</summary>
    private static readonly FitSpecification SignalNormFree = new() { Free = [SignalParameters.SignalNorm] };

    /// <summary>Steady-state counts per OFF bin used for synthetic data (falling spectrum with the K-shell region high).</summary>
    private static readonly double[] OffPerEnergyBin = [30, 18, 12, 40, 35, 9, 7, 6, 5];

    /// <summary>
    /// docs/physics.md section 10: 33.3 +- 3.4 events (Helm, R_n = 4.22 fm, Lindhard k = 0.162) in the analysis region (energy
    /// bins 4 and 5 excluded). Tolerance: the published 3.4. We get 32.92 (-1.1 %); over all nine energy bins 36.8, so
    /// the published number is consistent with the derived 2 keVee binning and the exclusion of 7.5-11.5 keVee.
    /// </summary>
    /// <summary>
    /// The model comparison of the joint germanium analysis (docs/physics.md sec. 10: 33.3 Helm with R_n = 4.22 fm, 33.9 D1S,
    /// 34.2 D1M; the paper folds the HF+BCS densities, we put the D1S/D1M radii into the Helm form factor). Ours: 32.92
    /// (element radii), 32.93 (nsm), 33.64 (d1s), 33.96 (d1m): the same order, ratios to Helm 1.022 and 1.032 against the
    /// published 1.018 and 1.027. Each lies within the published 3.4 of its number.
    /// </summary>
    [Theory]
    [InlineData("nsm", 33.3)]
    [InlineData("d1s", 33.9)]
    [InlineData("d1m", 34.2)]
    public void NamedRadiusSetsFollowThePublishedModelComparison(string model, double published)
    {
        var p = DatasetRegistry.Load(DatasetRegistry.Find(Id).With([new("nuclear_model", model)]), SourcesDataRoot.Path).Predict(Sm);
        output.WriteLine($"nuclear_model={model}: CEvNS {p.SignalTotal:F3} (published {published})");
        Assert.InRange(p.SignalTotal, published - 3.4, published + 3.4);
        double element = Dataset.Predict(Sm).SignalTotal;
        if (model == "nsm") Assert.InRange(p.SignalTotal / element - 1, -1e-3, 1e-3);   // NSM radii ~ the element radii
        else Assert.InRange(p.SignalTotal / element - 1, 0.01, 0.05);                    // smaller Gogny radii: more events
    }

    [Fact]
    public void StandardModelPredictionAgreesWithThePublished33Point3()
    {
        var p = Dataset.Predict(Sm);
        var published = Dataset.Published;
        output.WriteLine($"CEvNS in the analysis region {p.SignalTotal:F3}; by species {string.Join(", ", p.CevnsTotalBySpecies.Select(kv => $"{kv.Key.Name()} {kv.Value:F3}"))}; nu-e ES {p.ElectronScatteringTotal:G3}");
        Assert.InRange(p.SignalTotal, published.SmCevns - published.SmTotalError, published.SmCevns + published.SmTotalError);
        Assert.Equal(10.66, Dataset.MassKg, 9);
        Assert.Equal(90, p.Bins.Count);
        Assert.Equal(70, p.InAnalysis.Count(x => x));
        // nu-e scattering is computed for all three species and is tiny next to CEvNS in a 1.5-19.5 keVee window.
        Assert.Equal(3, p.ElectronScattering.Count);
        Assert.InRange(p.ElectronScatteringTotal / p.SignalTotal, 1e-8, 1e-4);
    }

    [Fact]
    public void SignalIsConvergedUnderGridDoubling()
    {
        var fine = SnsEnergyTimeDataset.Load(Dataset.Definition, SourcesDataRoot.Path, Dataset.Integration.Refined());
        var a = Dataset.Predict(Sm);
        var b = fine.Predict(Sm);
        output.WriteLine($"CEvNS {a.SignalTotal:R} -> {b.SignalTotal:R}; ES {a.ElectronScatteringTotal:R} -> {b.ElectronScatteringTotal:R}");
        Assert.InRange(b.SignalTotal / a.SignalTotal - 1, -1e-3, 1e-3);
        Assert.InRange(b.ElectronScatteringTotal / a.ElectronScatteringTotal - 1, -1e-3, 1e-3);
        var ca = a.CevnsPerBin();
        var cb = b.CevnsPerBin();
        for (int i = 0; i < ca.Length; i++)
            if (ca[i] > 0.1) Assert.InRange(cb[i] / ca[i] - 1, -1e-3, 1e-3);
    }

    [Fact]
    public void WithoutCountsThePredictionSaysHowToSupplyThem()
    {
        var p = Dataset.Predict(Sm);
        Assert.Null(p.Observed);
        Assert.Empty(p.Backgrounds);
        Assert.Contains(p.Notes, n => n.Contains("CEVNS_GEMINI_COUNTS") && n.Contains("docs/datasets/coherent-ge-2024.md"));
        var e = Assert.Throws<DatasetException>(() => Dataset.OnOffLikelihood());
        Assert.Throws<DatasetException>(() => ((ILikelihoodProvider)Dataset).Likelihood());
        Assert.Contains("counts", e.Message);
    }

    private static double[] SyntheticMeans(double signalNorm, out double[] offMeans)
    {
        int nt = Dataset.Binning.TimeBins;
        var signal = Dataset.Predict(Sm);
        var cevns = signal.CevnsPerBin();
        var es = signal.ElectronScatteringPerBin();
        offMeans = new double[Dataset.Binning.Count];
        var on = new double[Dataset.Binning.Count];
        for (int i = 0; i < on.Length; i++)
        {
            offMeans[i] = OffPerEnergyBin[i / nt];
            on[i] = signalNorm * (cevns[i] + es[i]) + 0.5 * offMeans[i];   // ON exposure half the OFF exposure
        }
        return on;
    }

    private static string WriteCounts(TempFolder tmp, double[] on, double[] off) =>
        WriteCounts(tmp, "counts.txt", on, off);

    private static string WriteCounts(TempFolder tmp, string name, double[] on, double[] off)
    {
        var path = Path.Combine(tmp.Path, name);
        OnOffCounts.Write(path, Dataset.Binning.EnergyEdges, Dataset.Binning.TimeEdgesUs, on, off, 1.0, 2.0, "synthetic Ge-Mini counts (test)");
        return path;
    }

    [Fact]
    public void AsimovCountsGiveChi2ZeroAndTheFitReturnsTheInput()
    {
        using var tmp = new TempFolder();
        var on = SyntheticMeans(1.3, out var off);
        var ds = SnsEnergyTimeDataset.Load(Dataset.Definition, SourcesDataRoot.Path, countsPath: WriteCounts(tmp, on, off));
        var lk = ds.OnOffLikelihood();
        Assert.Equal(140, lk.DataPoints);
        Assert.Equal(0.0, lk.Chi2(Sm, new SignalScale(1, 1, 1, 1.3), [1.0, 1.0]), 9);
        var fit = JointFit.Create([lk], SignalNormFree).Minimise().EnsureConverged();
        output.WriteLine($"Asimov fit: signal_norm {fit["signal_norm"]:F5} +- {fit.Error("signal_norm"):F3}, eta {fit[$"{Id}.eta"]:F4}, beta {fit[$"{Id}.beta"]:F4}");
        Assert.Equal(1.3, fit["signal_norm"] * fit[$"{Id}.eta"], 3);
        Assert.Equal(1.0, fit[$"{Id}.beta"], 3);
        // Predict now shows the supplied counts and the steady-state background (OFF flat in time x 1/2).
        var p = ds.Predict(Sm);
        Assert.Equal(on.Where((_, i) => p.InAnalysis[i]).Sum(), p.ObservedTotal!.Value, 9);
        Assert.Equal(0.5 * off.Where((_, i) => p.InAnalysis[i]).Sum(), p.BackgroundTotals["steady-state (beam-off)"], 9);
    }

    /// <summary>A seeded Poisson pseudo-experiment: the fitted signal normalisation lies within 2.5 sigma (Hessian) of the input.</summary>
    [Fact]
    public void FitOnSeededPoissonCountsReturnsTheInputWithinItsError()
    {
        using var tmp = new TempFolder();
        var rng = new Random(20240618);
        var onMeans = SyntheticMeans(1.0, out var offMeans);
        var ds = SnsEnergyTimeDataset.Load(Dataset.Definition, SourcesDataRoot.Path, countsPath:
            WriteCounts(tmp, ToySampling.Poisson(rng, onMeans), ToySampling.Poisson(rng, offMeans)));
        var fit = JointFit.Create([ds.OnOffLikelihood()], SignalNormFree).Minimise().EnsureConverged();
        double norm = fit["signal_norm"] * fit[$"{Id}.eta"], err = fit.Error("signal_norm");
        output.WriteLine($"toy fit: signal_norm x eta = {norm:F3} +- {err:F3}, chi2 {fit.Chi2:F1}");
        Assert.InRange(norm, 1 - 2.5 * err, 1 + 2.5 * err);
        Assert.InRange(err, 0.05, 1.0);
    }

    /// <summary>The chi^2 against a direct evaluation of docs/physics.md section 9 written out here (Baker-Cousins by hand).</summary>
    [Fact]
    public void Chi2MatchesTheOnOffFormulaWrittenOut()
    {
        using var tmp = new TempFolder();
        var rng = new Random(7);
        var onMeans = SyntheticMeans(1.0, out var offMeans);
        var on = ToySampling.Poisson(rng, onMeans);
        var off = ToySampling.Poisson(rng, offMeans);
        var ds = SnsEnergyTimeDataset.Load(Dataset.Definition, SourcesDataRoot.Path, countsPath: WriteCounts(tmp, on, off));
        double eta = 1.07, beta = 0.985, norm = 0.8;
        var signal = ds.Predict(Sm);
        var s = signal.CevnsPerBin().Zip(signal.ElectronScatteringPerBin(), (a, b) => norm * (a + b)).ToArray();
        int nt = ds.Binning.TimeBins;
        // sigma_eta = 10.3 % contains the 0.029/0.288 flux part, which the fit applies as the shared SNS flux nuisance.
        Assert.Equal(0.029 / 0.288, ds.Source.FluxNormSigma!.Value, 4);
        double sigmaEtaDetector = Math.Sqrt(0.103 * 0.103 - Math.Pow(ds.Source.FluxNormSigma.Value, 2));
        Assert.Equal(0.0216, sigmaEtaDetector, 3);
        double expected = Math.Pow((eta - 1) / sigmaEtaDetector, 2) + Math.Pow((beta - 1) / 0.01, 2);
        static double Bc(double n, double mu) => 2 * (mu - n + (n > 0 ? n * Math.Log(n / mu) : 0));
        for (int e = 0; e < ds.Binning.EnergyBins; e++)
        {
            if (e == 3 || e == 4) continue;   // energy bins 4 and 5 (1-based) excluded
            double ssb = Enumerable.Range(0, nt).Average(t => off[e * nt + t]);
            for (int t = 0; t < nt; t++)
            {
                int i = e * nt + t;
                expected += Bc(on[i], eta * s[i] + beta * 0.5 * ssb) + Bc(off[i], beta * ssb);
            }
        }
        Assert.Equal(expected, ds.OnOffLikelihood().Chi2(Sm, new SignalScale(1, 1, 1, norm), [eta, beta]), 8);
    }

    [Fact]
    public void CountsFileFromTheEnvironmentVariableIsUsed()
    {
        using var tmp = new TempFolder();
        var on = SyntheticMeans(1.0, out var off);
        var path = WriteCounts(tmp, on, off);
        Environment.SetEnvironmentVariable("CEVNS_GEMINI_COUNTS", path);
        try
        {
            var p = DatasetRegistry.Load(Id, SourcesDataRoot.Path).Predict(Sm);
            Assert.NotNull(p.Observed);
            Environment.SetEnvironmentVariable("CEVNS_GEMINI_COUNTS", Path.Combine(tmp.Path, "nope.txt"));
            var e = Assert.Throws<DatasetException>(() => DatasetRegistry.Load(Id, SourcesDataRoot.Path));
            Assert.Contains("CEVNS_GEMINI_COUNTS=", e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CEVNS_GEMINI_COUNTS", null);
        }
    }

    /// <summary>The nu-e scattering grid is the definition's integration_es section (a bad value there is named).</summary>
    [Fact]
    public void ElectronScatteringGridComesFromTheDefinition()
    {
        var def = ShippedDefinition.With(Id, "integration_es:          # nu-e scattering grid (electron recoils, no quenching); panel edges also at the bin edges\n  min_recoil_kev: 0.05\n  panels: 96",
            "integration_es:\n  min_recoil_kev: 0.05\n  panels: 2");
        var e = Assert.Throws<DefinitionFileException>(() => SnsEnergyTimeDataset.Load(def, SourcesDataRoot.Path));
        Assert.Contains("integration_es.panels", e.Message);
    }

    /// <summary>
    /// A copy of the definition under another id in a user folder (--datasets-dir) finds its counts_file next to itself (the
    /// other files still come from the data directory) and gives the identical prediction and likelihood.
    /// </summary>
    [Fact]
    public void CopyInAUserFolderFindsItsCountsAndGivesTheIdenticalLikelihood()
    {
        using var tree = new TempTree();
        using var s = typeof(DatasetRegistry).Assembly.GetManifestResourceStream($"datasets/{Id}.yaml")!;
        var yaml = new StreamReader(s).ReadToEnd().Replace($"\nid: {Id}\n", "\nid: my-ge\n");
        var folder = Path.GetDirectoryName(tree.File("defs/my-ge.yaml", yaml))!;
        var counts = Path.Combine(folder, "coherent", "ge-mini-2024", "gemini_on_off_counts.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(counts)!);
        var on = SyntheticMeans(1.0, out var off);
        OnOffCounts.Write(counts, Dataset.Binning.EnergyEdges, Dataset.Binning.TimeEdgesUs, on, off, 1.0, 2.0, "synthetic Ge-Mini counts (test)");
        using (DatasetRegistry.Use(DatasetCatalog.WithFolders([folder])))
        {
            var ds = (SnsEnergyTimeDataset)DatasetRegistry.Load("my-ge", SourcesDataRoot.Path);
            Assert.Equal(counts, ds.OnOff?.Counts?.Path);
            Assert.Equal(Dataset.Predict(Sm).SignalTotal, ds.Predict(Sm).SignalTotal, 1e-9);
            var copy = ((ILikelihoodProvider)ds).Likelihood();
            var builtin = ((ILikelihoodProvider)SnsEnergyTimeDataset.Load(Dataset.Definition, SourcesDataRoot.Path, countsPath: counts)).Likelihood();
            Assert.Equal(builtin.Nuisances.Select(n => n.Name.Replace($"{Id}.", "my-ge.")), copy.Nuisances.Select(n => n.Name));
            Assert.Equal(builtin.Nuisances.Select(n => (n.Central, n.Sigma, n.Lower, n.Upper)), copy.Nuisances.Select(n => (n.Central, n.Sigma, n.Lower, n.Upper)));
            Assert.Equal(builtin.Observed, copy.Observed);
            var points = new[] { (Sm, SignalScale.One, new[] { 1.0, 1.0 }), (Sm.With("sin2_theta_w", 0.25), new SignalScale(1, 1, 1, 0.8), new[] { 1.05, 0.99 }) };
            foreach (var (physics, scale, nuisances) in points)
                Assert.Equal(builtin.Chi2(physics, scale, nuisances), copy.Chi2(physics, scale, nuisances));
        }
    }

    [Theory]
    [InlineData("on_exposure 1", "on_exposure -1", 2, "on_exposure <positive number>")]
    [InlineData("1.5 3.5 0 4 ", "1.5 3.6 0 4 ", 5, "energy bin 1.5-3.6 keVee")]
    [InlineData("1.5 3.5 4 8 ", "1.5 3.5 4 9 ", 6, "time bin 4-9 us")]
    [InlineData("1.5 3.5 8 12 ", "1.5 3.5 0 4 ", 7, "already given on line 5")]
    [InlineData("1.5 3.5 12 16 ", "1.5 3.5 12 16 x ", 8, "expected 6 numbers")]
    public void MalformedCountsFileNamesFileLineAndWhatWasExpected(string from, string to, int line, string what)
    {
        using var tmp = new TempFolder();
        var on = SyntheticMeans(1.0, out var off);
        var path = WriteCounts(tmp, on, off);
        var lines = File.ReadAllLines(path);
        int k = Array.FindIndex(lines, l => l.StartsWith(from, StringComparison.Ordinal));
        lines[k] = to + lines[k][from.Length..];
        File.WriteAllLines(path, lines);
        var e = Assert.Throws<DataFileException>(() => SnsEnergyTimeDataset.Load(Dataset.Definition, SourcesDataRoot.Path, countsPath: path));
        Assert.Contains($"counts.txt:{line}:", e.Message);
        Assert.Contains(what, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void CountsFileWithMissingBinsOrExposureIsRejected()
    {
        using var tmp = new TempFolder();
        var on = SyntheticMeans(1.0, out var off);
        var path = WriteCounts(tmp, on, off);
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, lines.Take(lines.Length - 1));
        var e = Assert.Throws<DataFileException>(() => SnsEnergyTimeDataset.Load(Dataset.Definition, SourcesDataRoot.Path, countsPath: path));
        Assert.Contains("expected 90 bin lines", e.Message);
        File.WriteAllLines(path, lines.Where(l => !l.StartsWith("off_exposure", StringComparison.Ordinal)));
        e = Assert.Throws<DataFileException>(() => SnsEnergyTimeDataset.Load(Dataset.Definition, SourcesDataRoot.Path, countsPath: path));
        Assert.Contains("off_exposure", e.Message);
    }

    [Fact]
    public void MissingTimingEfficiencyFileIsNamed()
    {
        using var tmp = new TempFolder();
        var src = Path.Combine(SourcesDataRoot.Path, "coherent", "ge-mini-2024", "timing_efficiencies");
        foreach (var f in Directory.GetFiles(src))
            tmp.Write(Path.Combine("coherent", "ge-mini-2024", "timing_efficiencies", Path.GetFileName(f)), File.ReadAllLines(f));
        var eff = Path.Combine(tmp.Path, "coherent", "ge-mini-2024", "timing_efficiencies", "eff_Ge25.txt");
        var lines = File.ReadAllLines(eff);
        lines[2] = "0.0848 1.7";
        File.WriteAllLines(eff, lines);
        var e = Assert.Throws<DataFileException>(() => DatasetRegistry.Load(Id, tmp.Path));
        Assert.Contains("eff_Ge25.txt", e.Message);
        File.Delete(eff);
        var m = Assert.Throws<DatasetException>(() => DatasetRegistry.Load(Id, tmp.Path));
        Assert.Contains("eff_Ge25.txt", m.Message);
    }
}
