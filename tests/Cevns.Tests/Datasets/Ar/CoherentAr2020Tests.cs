using Cevns.Data;
using Cevns.Datasets.Kinds;
using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Sources.Timing;
using Cevns.Tests.Sources;
using Xunit.Abstractions;

namespace Cevns.Tests.Datasets.Ar;

/// <summary>
/// coherent-ar-2020 (CENNS-10 Analysis A) against the release: its CEvNS PDF (128 events, time and F90 shapes), the
/// PRL's SM prediction 128 +- 17 and the collaboration's fit 159 +- 43; numerical convergence; malformed files. The
/// dataset is a definition of the generic kind sns-energy-time with an F90 axis (<see cref="SnsEnergyTimeDataset"/>).
/// </summary>
public class CoherentAr2020Tests(ITestOutputHelper output)
{
    private const string Id = "coherent-ar-2020";
    private static readonly Lazy<SnsEnergyTimeDataset> Shared = new(() => (SnsEnergyTimeDataset)DatasetRegistry.Load(Id, SourcesDataRoot.Path));
    private static SnsEnergyTimeDataset Dataset => Shared.Value;
    private static IReadOnlyList<double> ReleaseSignalPdf => Dataset.CevnsPsd!.ReleasePdf;
    private static double[] TimeFractions(NeutrinoSpecies s) => Dataset.Timing.Fractions(s.TimingComponent(), 0);
    private static readonly PhysicsParameters Sm = PhysicsParameters.StandardModel;

    /// <summary>The fitting layer's global fit with signal_norm free and every nuisance profiled (as 'cevns fit --free signal_norm').</summary>
    private static readonly FitSpecification SignalNormFree = new() { Free = [SignalParameters.SignalNorm] };

    private static double[] EnergyProjection(IReadOnlyList<double> v, SnsEnergyTimeDataset d)
    {
        int block = d.Binning.PsdBins * d.Binning.TimeBins;
        return Enumerable.Range(0, d.Binning.EnergyBins).Select(e => Enumerable.Range(0, block).Sum(k => v[e * block + k])).ToArray();
    }

    private static double[] TimeProjection(IReadOnlyList<double> v, SnsEnergyTimeDataset d) =>
        Enumerable.Range(0, d.Binning.TimeBins).Select(t => Enumerable.Range(0, v.Count).Where(i => i % d.Binning.TimeBins == t).Sum(i => v[i])).ToArray();

    private static double[] Total(DatasetPrediction p) => p.CevnsPerBin();

    /// <summary>
    /// PRL: SM prediction 128 +- 17 events (the release CEvNS PDF sums to 128). Tolerance: the published +-17 (flux 10 %,
    /// QF, efficiency, F90 acceptance). Both recipes are pinned: our time model counts what arrives inside the -0.1..4.9 us
    /// window (122.7: the delayed tail beyond 4.9 us, 13 % of nu_e and anti-nu_mu, is outside); the companion's recipe
    /// spreads all events with the release's window-normalised time shape (136.9). Per energy bin the release recipe agrees
    /// with the release PDF at 10-40 keVee to +3.7 %, +0.5 %, +5.6 % (required: 6 %, the size of the QF uncertainty's
    /// effect there: a +-0.006 on a = 0.246 alone shifts the keVee scale by 2.4 %, and the spectrum falls steeply);
    /// 0-10 keVee is 9 % higher here (85.7 vs 78.7), and 40-50 keVee has 0.43 against 0.08. Checked and not the cause:
    /// applying the efficiency at the true instead of the reconstructed energy (87.5 in 0-10 keVee), Klein-Nystrand
    /// instead of Helm (+0.1 %). Both ends together would fit a flatter QF in the release PDF than the stated
    /// 0.246 + 0.00078 T (unverified; the release documents only "QF, resolution, efficiency").
    /// </summary>
    [Fact]
    public void StandardModelPredictionAgreesWithThePublished128Within17()
    {
        var model = Dataset.Predict(Sm);
        var release = SnsEnergyTimeDataset.Load(ShippedDefinition.With(Id, "time: arrival-model }", "time: release-pdf }"), SourcesDataRoot.Path);
        var rp = release.Predict(Sm);
        double published = Dataset.Published.SmCevns;
        double sigma = Dataset.Published.SmTotalError;
        output.WriteLine($"in-window (time model): {model.SignalTotal:F2}; release recipe: {rp.SignalTotal:F2}; published {published} +- {sigma}");
        var ours = EnergyProjection(Total(rp), Dataset);
        var theirs = EnergyProjection(ReleaseSignalPdf, Dataset);
        var edges = Dataset.Binning.EnergyEdges;
        for (int e = 0; e < 5; e++) output.WriteLine($"  {edges[e]}-{edges[e + 1]} keVee: ours {ours[e]:F3}, release {theirs[e]:F3}");
        Assert.InRange(model.SignalTotal, published - sigma, published + sigma);
        Assert.InRange(rp.SignalTotal, published - sigma, published + sigma);
        Assert.Equal(128.0, ReleaseSignalPdf.Sum(), 1);
        for (int e = 1; e < 4; e++) Assert.InRange(ours[e] / theirs[e] - 1, -0.06, 0.06);
        // The in-window total is the all-time total times the window fractions of each timing component.
        var untimed = rp.CevnsTotalBySpecies;
        foreach (var (s, v) in model.CevnsTotalBySpecies)
            Assert.Equal(untimed[s] * TimeFractions(s).Sum(), v, 9);
    }

    /// <summary>
    /// The time model against the release PDF's time projection (window-normalised). The release shape is the same in
    /// every energy bin; ours is the energy-integrated mixture of prompt and delayed arrival (POT trace 440 ns, 150 ns).
    /// Agreement to 0.012 per bin (absolute, normalised): a 10 ns shift of the pulse mean moves the first bin by ~0.005.
    /// </summary>
    [Fact]
    public void TimeModelReproducesTheReleaseTimeShape()
    {
        var ours = TimeProjection(Total(Dataset.Predict(Sm)), Dataset);
        var theirs = TimeProjection(ReleaseSignalPdf, Dataset);
        double so = ours.Sum(), st = theirs.Sum();
        for (int t = 0; t < ours.Length; t++)
        {
            output.WriteLine($"  t {Dataset.Binning.TimeEdgesUs[t]}-{Dataset.Binning.TimeEdgesUs[t + 1]} us: ours {ours[t] / so:F4}, release {theirs[t] / st:F4}");
            Assert.InRange(ours[t] / so - theirs[t] / st, -0.012, 0.012);
        }
    }

    /// <summary>F90 shape per energy bin is the release's by construction (recipe of the companion, section 5).</summary>
    [Fact]
    public void PsdShapePerEnergyBinIsTheReleaseShape()
    {
        var ours = Total(Dataset.Predict(Sm));
        var pdf = ReleaseSignalPdf;
        int nf = Dataset.Binning.PsdBins, nt = Dataset.Binning.TimeBins, block = nf * nt;
        for (int e = 0; e < 4; e++)
        {
            double so = Enumerable.Range(0, block).Sum(k => ours[e * block + k]), sr = Enumerable.Range(0, block).Sum(k => pdf[e * block + k]);
            for (int p = 0; p < nf; p++)
            {
                double o = Enumerable.Range(0, nt).Sum(t => ours[e * block + p * nt + t]) / so;
                double r = Enumerable.Range(0, nt).Sum(t => pdf[e * block + p * nt + t]) / sr;
                Assert.Equal(r, o, 10);
            }
        }
    }

    [Fact]
    public void BackgroundsAndDataAreTheReleaseTotals()
    {
        var p = Dataset.Predict(Sm);
        Assert.Equal(497.0, p.BackgroundTotals["prompt BRN"], 2);
        Assert.Equal(33.0, p.BackgroundTotals["delayed BRN"], 2);
        Assert.Equal(3152.0, p.BackgroundTotals["steady-state"], 1);
        Assert.Equal(3752.0, p.ObservedTotal!.Value, 6);
        Assert.Empty(p.ElectronScattering);
        Assert.Equal(960, p.Bins.Count);
    }

    /// <summary>Doubling panels, quadrature order and efficiency sub-intervals and halving the lowest recoil: &lt; 0.1 % per energy bin.</summary>
    [Fact]
    public void SignalIsConvergedUnderGridDoubling()
    {
        var fine = SnsEnergyTimeDataset.Load(Dataset.Definition, SourcesDataRoot.Path, Dataset.Integration.Refined());
        var a = EnergyProjection(Total(Dataset.Predict(Sm)), Dataset);
        var b = EnergyProjection(Total(fine.Predict(Sm)), Dataset);
        for (int e = 0; e < a.Length; e++)
            if (a[e] > 0.1) Assert.InRange(b[e] / a[e] - 1, -1e-3, 1e-3);
        Assert.InRange(b.Sum() / a.Sum() - 1, -1e-3, 1e-3);
    }

    [Fact]
    public void AsimovDataGiveChi2ZeroAtTheInput()
    {
        var lk = Dataset.Likelihood();
        var scale = new SignalScale(1.1, 0.9, 1, 1.2);
        var nuisances = lk.CentralNuisances();
        nuisances[1] = 1.1;
        nuisances[^1] = 0.4;
        var asimov = lk.WithObserved(lk.Expected(Sm, scale, nuisances));
        double pulls = Math.Pow(0.1 / lk.Nuisances[1].Sigma, 2) + 0.4 * 0.4;
        Assert.Equal(pulls, asimov.Chi2(Sm, scale, nuisances), 9);
        Assert.Equal(960, lk.DataPoints);
    }

    [Fact]
    public void FitOnAsimovDataReturnsTheInputNormalisation()
    {
        var lk = Dataset.Likelihood();
        var asimov = lk.WithObserved(lk.Expected(Sm, new SignalScale(1, 1, 1, 1.25), lk.CentralNuisances()));
        var fit = JointFit.Create([asimov], SignalNormFree).Minimise().EnsureConverged();
        Assert.Equal(1.25, fit["signal_norm"] * fit[$"{Id}.signal_detector_norm"], 3);
        Assert.InRange(fit.Chi2, 0, 1e-6);
    }

    /// <summary>
    /// Collaboration 3-D fit: 159 +- 43 CEvNS events. We fit our CEvNS normalisation with all nuisances profiled (background
    /// normalisations with the released priors, the five release shape systematics, the detector-side signal
    /// normalisation) and require the fitted count within the published 43 of 159, and our Hessian error within 30 % of 43.
    /// Not identical: our likelihood has no flux prior in the fit and includes the detector normalisation prior, and our
    /// CEvNS time shape is the model's, not the PDF's.
    /// </summary>
    [Fact]
    public void FitOfTheCevnsNormalisationOnTheReleaseDataAgreesWith159Plus43()
    {
        var lk = Dataset.Likelihood();
        double nominal = Dataset.Predict(Sm).SignalTotal;
        var fit = JointFit.Create([lk], SignalNormFree).Minimise().EnsureConverged();
        double fitted = fit["signal_norm"] * fit[$"{Id}.signal_detector_norm"] * nominal;
        double error = fit.Error("signal_norm") * nominal;
        output.WriteLine($"fitted CEvNS {fitted:F1} +- {error:F1} (norm {fit["signal_norm"]:F3}, det {fit[$"{Id}.signal_detector_norm"]:F3}), chi2 {fit.Chi2:F1} for {lk.DataPoints} bins");
        foreach (var (k, v) in fit.Values) output.WriteLine($"  {k} = {v:F3}");
        Assert.InRange(fitted, 159 - 43, 159 + 43);
        Assert.InRange(error, 0.7 * 43, 1.3 * 43);
    }

    [Fact]
    public void CorruptedReleaseFileNamesFileAndLine()
    {
        using var tmp = new TempFolder();
        var src = Path.Combine(SourcesDataRoot.Path, "coherent", "cenns10-2020");
        foreach (var f in Directory.GetFiles(src, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(SourcesDataRoot.Path, f);
            tmp.Write(rel, File.ReadAllLines(f));
        }
        var pdf = Path.Combine(tmp.Path, "coherent", "cenns10-2020", "cevnspdf.txt");
        var lines = File.ReadAllLines(pdf);
        lines[4] = "5 0.525 2.15 abc";
        File.WriteAllLines(pdf, lines);
        var e = Assert.Throws<DataFileException>(() => DatasetRegistry.Load(Id, tmp.Path));
        Assert.Contains("cevnspdf.txt:5:", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        lines[4] = "5 0.525 2.20 1.0";   // not a bin centre
        File.WriteAllLines(pdf, lines);
        e = Assert.Throws<DataFileException>(() => DatasetRegistry.Load(Id, tmp.Path));
        Assert.Contains("cevnspdf.txt:5:", e.Message);
        Assert.Contains("t_us", e.Message);

        lines[4] = "5 0.525 2.15 1.10683";
        File.WriteAllLines(pdf, lines.Take(100));
        e = Assert.Throws<DataFileException>(() => DatasetRegistry.Load(Id, tmp.Path));
        Assert.Contains("expected 960 lines", e.Message);

        File.Delete(pdf);
        var missing = Assert.Throws<DatasetException>(() => DatasetRegistry.Load(Id, tmp.Path));
        Assert.Contains("cevnspdf.txt", missing.Message);
    }

    [Fact]
    public void UnknownTimeShapeOptionNamesTheKey()
    {
        var def = ShippedDefinition.With(Id, "time: arrival-model }", "time: both }");
        var e = Assert.Throws<DefinitionFileException>(() => SnsEnergyTimeDataset.Load(def, SourcesDataRoot.Path));
        Assert.Contains("signals.cevns.psd.time", e.Message);
        Assert.Matches(@"coherent-ar-2020\.yaml:\d+:", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
