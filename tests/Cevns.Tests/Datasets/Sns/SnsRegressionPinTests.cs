using System.Globalization;
using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Tests.Detectors;
using Cevns.Tests.Sources;
using Xunit.Abstractions;

namespace Cevns.Tests.Datasets.Sns;

/// <summary>
/// Regression pins of the four SNS datasets, taken on the code before their definitions were re-expressed with generic
/// machinery (the physics did not change, so neither may these numbers): the SM prediction (CEvNS per species, nu-e
/// scattering and background totals in the analysis region, and a checksum of the per-bin values over all bins), the
/// chi^2 (-2 ln L) at the SM point with nominal nuisances, and the fit with signal_norm free and all nuisances profiled.
/// They go only through the registry, the prediction and the likelihood interfaces, so they do not depend on which
/// kind class builds a dataset. Ge-Mini has no public counts: its likelihood uses a fixed synthetic counts file.
/// </summary>
[Collection(GeMiniCountsCollection.Name)]
public class SnsRegressionPinTests(ITestOutputHelper output)
{
    private static readonly PhysicsParameters Sm = PhysicsParameters.StandardModel;
    private const double PredictionTolerance = 1e-9, FitTolerance = 1e-6;

    /// <summary>Deterministic integer ON and OFF counts for the Ge-Mini binning (9 energy x 10 time bins).</summary>
    private static string WriteGeMiniCounts(TempFolder tmp)
    {
        double[] energy = [1.5, 3.5, 5.5, 7.5, 9.5, 11.5, 13.5, 15.5, 17.5, 19.5];
        double[] time = [0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40];
        int n = (energy.Length - 1) * (time.Length - 1);
        var on = new double[n];
        var off = new double[n];
        for (int i = 0; i < n; i++)
        {
            off[i] = 10 + (i * 7) % 13;
            on[i] = 5 + (i * 5) % 9 + (i % 10 < 2 ? 2 : 0);
        }
        var path = Path.Combine(tmp.Path, "counts.txt");
        OnOffCounts.Write(path, energy, time, on, off, 1.0, 2.0, "synthetic Ge-Mini counts (regression pin)");
        return path;
    }

    private static IDataset Load(string id, TempFolder tmp)
    {
        var def = id == "coherent-ge-2024"
            ? ShippedDefinition.With(id, "counts_file: coherent/ge-mini-2024/gemini_on_off_counts.txt", "counts_file: " + WriteGeMiniCounts(tmp))
            : DatasetRegistry.Find(id);
        return DatasetRegistry.Load(def, DetectorTestData.Root);
    }

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Sum, sum of squares and sum of i * value over all bins, and the values of the bins given.</summary>
    private static double[] Checksum(double[] v, int[] bins) =>
        [v.Sum(), v.Sum(x => x * x), v.Select((x, i) => i * x).Sum(), .. bins.Select(b => v[b])];

    /// <summary>What a dataset predicted and fitted before the re-expression (values printed with round-trip precision).</summary>
    private sealed record Pin(
        string Id, int Bins, double[] CevnsBySpecies, double ElectronScattering, Dictionary<string, double> Backgrounds,
        int[] ChecksumBins, double[] SignalChecksum, double[] BackgroundChecksum, string[] Nuisances, double Chi2AtSm,
        double FittedSignalNorm, double Chi2Min);

    private static readonly Pin[] Pins =
    [
        new("coherent-csi-2017", 600, [34.8344239614182, 53.935284472801975, 80.30047593782955], 1.0789741531371908E-05,
            new() { ["steady-state"] = 408.72093023255815, ["prompt-neutrons"] = 5.419341500706413 },
            [200, 300, 121],
            [193.78134676957615, 516.4901594736971, 36643.095269882666, 0.7921072230248469, 0.12461310191864691, 8.9280468600503],
            [1039.6193766610038, 2738.2928230893094, 287345.22186794935, 2.7732558139534884, 1.502906976744186, 8.516769955312647],
            ["ss_norm", "prompt_neutron_norm", "qf", "acceptance_a", "acceptance_k", "acceptance_x0"],
            151.61487892089644, 0.7460760243660852, 148.1856437787281),
        new("coherent-csi-2021", 99, [51.73079195822973, 106.28736030557643, 173.10518375106122], 7.396512660206064E-05,
            new() { ["steady-state"] = 1294.9999999999998, ["BRN"] = 18.309633271138445, ["NIN"] = 5.178999958271186 },
            [33, 49, 30],
            [331.12340997999416, 3173.192911542658, 14349.67074884414, 0.13603369843676916, 2.7438720183632856, 18.466143821731706],
            [1318.4886332294095, 54283.02766629732, 83968.9906378814, 2.889565700882983, 3.123149630281234, 26.003097818543655],
            ["ss_norm", "brn_norm", "nin_norm", "efficiency", "qf_pc0", "qf_pc1", "timing_offset_us"],
            89.25344659638, 0.9152222776988994, 81.31749990203204),
        new("coherent-ar-2020", 960, [30.706889922664157, 37.34830616842383, 54.67738713340984], 0,
            new() { ["prompt BRN"] = 496.9999930700004, ["delayed BRN"] = 33.00001642, ["steady-state"] = 3152.000159999979 },
            [320, 480, 21],
            [122.73258322449784, 229.38864457036436, 8398.18491659702, 0, 0, 6.090622751518869],
            [3682.0001694899825, 31934.577161981062, 984498.1347815997, 4.0959766, 2.7051779000000002, 24.691000000000003],
            ["signal_detector_norm", "brn_prompt_norm", "brn_delayed_norm", "steady_state_norm", "cevns_f90", "cevns_timing_mean",
                "brn_energy", "brn_timing_mean", "brn_timing_width"],
            1080.089525822152, 1.1698125707516018, 1029.5349180950816),
        new("coherent-ge-2024", 90, [8.991643000193985, 10.118220789274668, 13.811446914931258], 2.2443257070876818E-05,
            new() { ["steady-state (beam-off)"] = 559.0000000000001 },
            [30, 45, 0],
            [36.781249841073695, 313.66660788871457, 425.78762498459946, 1.9225241731140088, 0.00016816567200583185, 15.020550367885724],
            [719.9999999999999, 5764.7, 32350, 8.1, 8, 7.75],
            ["eta", "beta"],
            147.297389131132, 0.15460877858516242, 134.54420131107221),
    ];

    public static TheoryData<string> Ids => new() { "coherent-csi-2017", "coherent-csi-2021", "coherent-ar-2020", "coherent-ge-2024" };

    private static void Close(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Max(Math.Abs(expected), 1e-12),
            $"{what}: expected {R(expected)}, got {R(actual)} (relative tolerance {relative})");

    private static void Close(double[] expected, double[] actual, double relative, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Close(expected[i], actual[i], relative, $"{what}[{i}]");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void StandardModelPredictionIsUnchanged(string id)
    {
        var pin = Pins.Single(x => x.Id == id);
        using var tmp = new TempFolder();
        var p = Load(id, tmp).Predict(Sm);
        Assert.Equal(pin.Bins, p.Bins.Count);
        NeutrinoSpecies[] species = [NeutrinoSpecies.NuMu, NeutrinoSpecies.NuE, NeutrinoSpecies.NuMuBar];
        Close(pin.CevnsBySpecies, species.Select(s => p.CevnsTotalBySpecies[s]).ToArray(), PredictionTolerance, "CEvNS by species");
        Close(pin.ElectronScattering, p.ElectronScatteringTotal, PredictionTolerance, "nu-e scattering");
        Assert.Equal(pin.Backgrounds.Keys.Order(), p.BackgroundTotals.Keys.Order());
        foreach (var (name, total) in pin.Backgrounds) Close(total, p.BackgroundTotals[name], PredictionTolerance, name);
        var signal = p.CevnsPerBin().Zip(p.ElectronScatteringPerBin(), (a, b) => a + b).ToArray();
        Close(pin.SignalChecksum, Checksum(signal, pin.ChecksumBins), PredictionTolerance, "signal per bin");
        var bg = new double[signal.Length];
        foreach (var t in p.Backgrounds.Values) for (int i = 0; i < bg.Length; i++) bg[i] += t[i];
        Close(pin.BackgroundChecksum, Checksum(bg, pin.ChecksumBins), PredictionTolerance, "backgrounds per bin");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void LikelihoodAtTheStandardModelAndSignalNormFitAreUnchanged(string id)
    {
        var pin = Pins.Single(x => x.Id == id);
        using var tmp = new TempFolder();
        var lk = ((ILikelihoodProvider)Load(id, tmp)).Likelihood();
        Assert.Equal(pin.Nuisances.Select(n => $"{id}.{n}"), lk.Nuisances.Select(n => n.Name));
        var central = lk.Nuisances.Select(n => n.Central).ToArray();
        Close(pin.Chi2AtSm, lk.Chi2(Sm, SignalScale.One, central), PredictionTolerance, "chi2 at the SM");
        var fit = JointFit.Create([lk], new FitSpecification { Free = [SignalParameters.SignalNorm] }).Minimise().EnsureConverged();
        output.WriteLine($"{id}: signal_norm {R(fit["signal_norm"])}, chi2_min {R(fit.Chi2)}");
        Close(pin.FittedSignalNorm, fit["signal_norm"], FitTolerance, "fitted signal_norm");
        Close(pin.Chi2Min, fit.Chi2, FitTolerance, "chi2_min");
    }
}

/// <summary>Tests that read a Ge-Mini counts file run one at a time (one of them sets CEVNS_GEMINI_COUNTS).</summary>
[CollectionDefinition(Name)]
public sealed class GeMiniCountsCollection
{
    public const string Name = "Ge-Mini counts file";
}
