using Cevns.Datasets.Kinds;
using Cevns.Physics;

namespace Cevns.Tests.Datasets.CsI;

/// <summary>What both CsI datasets must satisfy (the generic kind <see cref="SnsEnergyTimeDataset"/>).</summary>
public class CoherentCsIDatasetTests
{
    private static readonly PhysicsParameters Sm = PhysicsParameters.StandardModel;

    public static TheoryData<string> Ids => new() { "coherent-csi-2021", "coherent-csi-2017" };

    /// <summary>Doubling panels, quadrature order and efficiency sub-intervals and halving the lowest recoil (both grids).</summary>
    [Theory]
    [MemberData(nameof(Ids))]
    public void DoublingEveryGridChangesThePredictionByLessThanATenthOfAPercent(string id)
    {
        var d = CsIData.Get(id);
        var fine = SnsEnergyTimeDataset.Load(d.Definition, CsIData.Root, d.Integration.Refined());
        var a = d.Predict(Sm);
        var b = fine.Predict(Sm);
        Assert.InRange(b.SignalTotal / a.SignalTotal - 1, -1e-3, 1e-3);
        Assert.InRange(b.ElectronScatteringTotal / a.ElectronScatteringTotal - 1, -1e-3, 1e-3);
        var ca = a.CevnsPerBin();
        var cb = b.CevnsPerBin();
        for (int i = 0; i < ca.Length; i++)
            if (ca[i] > 0.1)
                Assert.True(Math.Abs(cb[i] / ca[i] - 1) < 1e-3, $"bin {a.Bins[i].Label}: {ca[i]} vs {cb[i]}");
    }
}
