using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Datasets;

/// <summary>
/// The declarations of <see cref="IDataset.Reads"/> are what a joint fit relies on to skip a parameter for a dataset (no
/// derivative, no new evaluation, and a free parameter no dataset reads is not varied at all). For every dataset of the
/// catalogue, with the repository data, and every physics parameter of the catalogue that the dataset declares not read:
/// moving the parameter off its default to a valid value must leave the prediction and the chi^2 (and the expected data)
/// bit for bit unchanged. A declaration that leaves out a parameter the dataset does read fails here.
/// </summary>
public class DatasetDependenceTests
{
    public static TheoryData<string> Datasets()
    {
        var data = new TheoryData<string>();
        foreach (var d in DatasetRegistry.Definitions) data.Add(d.Id);
        return data;
    }

    /// <summary>A valid value a tenth of the way from the default towards the end of the default fit range.</summary>
    internal static double Moved(ParameterDefinition p)
    {
        var e = FitRanges.For(p.Name);
        return e.FitUpper > p.Default ? p.Default + 0.1 * (e.FitUpper - p.Default) : p.Default - 0.1 * (p.Default - e.FitLower);
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void ParametersDeclaredNotReadLeaveTheDatasetUnchanged(string id)
    {
        var dataset = DatasetRegistry.Load(id, SourcesDataRoot.Path);
        var sm = PhysicsParameters.StandardModel;
        List<double[]> prediction;
        try
        {
            prediction = Numbers(dataset.Predict(sm));
        }
        catch (DatasetException)
        {
            // A definition whose published inputs are missing predicts nothing, so it cannot enter a fit either.
            Assert.Throws<DatasetException>(() => DatasetLikelihoods.For(dataset));
            return;
        }
        // Without public counts (Ge-Mini) there is a prediction but no likelihood: the prediction is what is checked.
        IDatasetLikelihood? like = null;
        try
        {
            like = DatasetLikelihoods.For(dataset);
        }
        catch (DatasetException)
        {
        }
        var nuisances = like?.Nuisances.Select(n => n.Central).ToArray() ?? [];
        double chi2 = like?.Chi2(sm, SignalScale.One, nuisances) ?? double.NaN;
        var expected = like?.Expected(sm, SignalScale.One, nuisances) ?? [];

        var notRead = ParameterCatalog.All.Where(p => !dataset.Reads(p.Name)).ToArray();
        foreach (var p in notRead)
        {
            var moved = sm.With(p.Name, Moved(p));
            Assert.True(Same(prediction, Numbers(dataset.Predict(moved))), $"{id}: declared not to read {p.Name}, but its prediction changes with it");
            if (like is null) continue;
            Assert.False(like.Reads(p.Name));
            Assert.True(BitEqual(chi2, like.Chi2(moved, SignalScale.One, nuisances)), $"{id}: declared not to read {p.Name}, but its chi2 changes with it");
            Assert.True(Same([expected], [like.Expected(moved, SignalScale.One, nuisances)]), $"{id}: declared not to read {p.Name}, but its expected data change");
        }

        // The comparison can see a change: some parameter the dataset reads moves its prediction.
        Assert.Contains(ParameterCatalog.All.Where(p => dataset.Reads(p.Name)),
            p => !Same(prediction, Numbers(dataset.Predict(sm.With(p.Name, Moved(p))))));
    }

    /// <summary>What the declarations say for the datasets of the sin^2 theta_W presets (the reads a physicist expects).</summary>
    [Theory]
    [InlineData("apv-cs-1997", "sin2_theta_w,rn.Cs,rp.Cs")]
    [InlineData("apv-pb-208", "sin2_theta_w,rn.Pb,rp.Pb")]
    [InlineData("prex-ii-2021", "sin2_theta_w,rn.Pb,rp.Pb")]
    [InlineData("crex-2022", "sin2_theta_w,rn.Ca,rp.Ca")]
    [InlineData("qweak-2018", "sin2_theta_w")]
    [InlineData("texono-nue-2010", "sin2_theta_w")]
    [InlineData("lsnd-nue-e-2001", "sin2_theta_w")]
    [InlineData("cs-neutron-radius-2024", "rn.Cs")]
    public void ExternalMeasurementsReadTheParametersOfTheirObservable(string id, string reads)
    {
        var dataset = DatasetRegistry.Load(id, SourcesDataRoot.Path);
        Assert.Equal(reads.Split(','), ParameterCatalog.All.Where(p => dataset.Reads(p.Name)).Select(p => p.Name));
    }

    [Fact]
    public void SpectrumDatasetsReadEverythingButTheRadiiOfOtherElements()
    {
        var csi = DatasetRegistry.Load("coherent-csi-2021", SourcesDataRoot.Path);
        var notRead = ParameterCatalog.All.Where(p => !csi.Reads(p.Name)).Select(p => p.Name).ToArray();
        Assert.All(notRead, n => Assert.Matches(@"^r[np]\.", n));
        Assert.DoesNotContain("rn.Cs", notRead);
        Assert.DoesNotContain("rp.I", notRead);
        Assert.Contains("rn.Pb", notRead);
        Assert.Contains("rn.Ar", notRead);
        Assert.True(csi.Reads("nsi.u.tautau"));
    }

    private static List<double[]> Numbers(DatasetPrediction p)
    {
        var list = new List<double[]>();
        foreach (var kv in p.Cevns.OrderBy(kv => kv.Key)) list.Add(kv.Value);
        foreach (var kv in p.ElectronScattering.OrderBy(kv => kv.Key)) list.Add(kv.Value);
        foreach (var kv in p.Migdal.OrderBy(kv => kv.Key)) list.Add(kv.Value);
        foreach (var m in p.MigdalByShell) list.Add(m.Counts);
        foreach (var kv in p.Backgrounds.OrderBy(kv => kv.Key, StringComparer.Ordinal)) list.Add(kv.Value);
        if (p.Observed is { } o) list.Add(o);
        return list;
    }

    private static bool Same(IReadOnlyList<double[]> a, IReadOnlyList<double[]> b) =>
        a.Count == b.Count && a.Zip(b).All(t => t.First.Length == t.Second.Length && t.First.Zip(t.Second).All(v => BitEqual(v.First, v.Second)));

    private static bool BitEqual(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
}
