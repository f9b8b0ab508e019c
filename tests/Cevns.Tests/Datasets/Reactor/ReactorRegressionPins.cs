using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Datasets.Reactor;

/// <summary>
/// Regression pins of the reactor datasets at their default options, taken from the code before the reactor definitions
/// were re-expressed in the declarative form: the Standard-Model prediction per channel (total and the bin-weighted
/// checksum sum_i (i+1) x_i over all bins, so a shifted or reshuffled bin is caught), the observed counts, chi^2 = -2 ln L
/// at the SM with the nuisances at their central values, and the fit with signal_norm free (best fit and chi^2_min).
/// These numbers are not physics references (those are in ReactorTestData and the per-dataset tests): they only say that
/// a change of the machinery left the results alone. A deliberate physics change updates them with a changelog line.
/// </summary>
public class ReactorRegressionPins
{
    internal sealed record Pin(string Id, double[] Cevns, double[] Es, (string Name, double[] Sums)[] Backgrounds, double[]? Observed,
        double Chi2AtSm, double FitChi2, double[] FitX);

    internal static readonly Pin[] Pins =
    [
        new("dresden-ii-2022", [9357.880665854309, 47149.56236922901], [2.9028601386158916, 199.20172729014695],
            [("epithermal continuum", [332511.72780559486, 15414638.640548324]), ("71Ge L1", [141936.06864367615, 15570511.6488653]),
             ("71Ge L2", [1137.076069394465, 107681.09838501229]), ("71Ge M", [6140.113981283476, 28890.311507194736])],
            [492242.78920000006, 31186945.5812],
            // The background model's exp(x)-1 is accurate to a few ulp (Datasets/ExpMinusOne, Kahan's formula). MathNet's
            // SpecialFunctions.Expm1, used for a while, truncates its series at 2^-16 of the sum (up to ~1e-7 relative
            // near x = 0.06): with it the background sums were ~1.3e-7 higher and the chi2 at the SM 39640.09404679711.
            39640.09430017484, 103.57323015891357,
            [1.158029436592625, 13.867910736383354, 139.29025636006423, 3.8837811012341406, 84.68890924696062, 1.2923441158991937,
             0.06950315335290555, 0.9997911524770698]),
        new("conus-plus-2025", [323.11500098287456, 591.7616418848613], [0.632928285134551, 1.2610868291466277], [], null,
            0.19928883694207777, 1.0760097318247025E-18, [1.136103094257829, 1.000000000123831]),
        new("texono-2024", [43.58605637623977, 43.58605637623977], [0.18236629949481928, 0.18236629949481928], [], null,
            0.12350525503752213, 6.439334361923267E-08, [0.0007220674530850069]),
    ];

    public static TheoryData<string> Ids => new(Pins.Select(p => p.Id));

    private static double[] Sums(double[] x) => [x.Sum(), x.Select((v, i) => (i + 1) * v).Sum()];

    private static void Close(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected) + 1e-12, $"{what}: expected {expected:R}, got {actual:R}");

    /// <summary>Checks a loaded dataset against the pins of <paramref name="pinnedId"/> (a copy under another id must match too).</summary>
    internal static void AssertMatchesPins(IDataset dataset, string pinnedId)
    {
        var pin = Pins.Single(p => p.Id == pinnedId);
        var prediction = dataset.Predict(PhysicsParameters.StandardModel);
        var cevns = Sums(prediction.CevnsPerBin());
        var es = Sums(prediction.ElectronScatteringPerBin());
        for (int k = 0; k < 2; k++)
        {
            Close(pin.Cevns[k], cevns[k], 1e-9, $"{pinnedId} CEvNS checksum {k}");
            Close(pin.Es[k], es[k], 1e-9, $"{pinnedId} nu-e checksum {k}");
        }
        Assert.Equal(pin.Backgrounds.Select(b => b.Name).Order(), prediction.Backgrounds.Keys.Order());
        foreach (var (name, sums) in pin.Backgrounds)
        {
            var actual = Sums(prediction.Backgrounds[name]);
            for (int k = 0; k < 2; k++) Close(sums[k], actual[k], 1e-9, $"{pinnedId} background {name} checksum {k}");
        }
        Assert.Equal(pin.Observed is null, prediction.Observed is null);
        if (pin.Observed is { } observed)
        {
            var actual = Sums(prediction.Observed!);
            for (int k = 0; k < 2; k++) Close(observed[k], actual[k], 1e-12, $"{pinnedId} observed checksum {k}");
        }

        var likelihood = DatasetLikelihoods.For(dataset);
        var centrals = likelihood.Nuisances.Select(n => n.Central).ToArray();
        Close(pin.Chi2AtSm, likelihood.Chi2(PhysicsParameters.StandardModel, SignalScale.One, centrals), 1e-9, $"{pinnedId} chi2 at the SM");

        var fit = JointFit.Create([likelihood], new FitSpecification { Free = [SignalParameters.SignalNorm] }).Minimise();
        Assert.True(fit.Converged, fit.Message);
        Assert.True(Math.Abs(fit.Chi2 - pin.FitChi2) <= 1e-6 * Math.Max(1, pin.FitChi2), $"{pinnedId} chi2_min: expected {pin.FitChi2:R}, got {fit.Chi2:R}");
        Assert.Equal(pin.FitX.Length, fit.X.Count);
        for (int i = 0; i < pin.FitX.Length; i++)
            Assert.True(Math.Abs(fit.X[i] - pin.FitX[i]) <= 1e-6 * Math.Max(1, Math.Abs(pin.FitX[i])),
                $"{pinnedId} best fit x[{i}]: expected {pin.FitX[i]:R}, got {fit.X[i]:R}");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void PredictionLikelihoodAndFitAreUnchanged(string id) =>
        AssertMatchesPins(DatasetRegistry.Load(id, SourcesDataRoot.Path), id);

    /// <summary>nuGeN has no prediction: it loads and says what is missing, and stays that way.</summary>
    [Fact]
    public void NugenStillRefusesToPredict()
    {
        var ds = DatasetRegistry.Load("nugen-2025", SourcesDataRoot.Path);
        var e = Assert.Throws<DatasetException>(() => ds.Predict(PhysicsParameters.StandardModel));
        Assert.Contains("exposure", e.Message);
    }
}
