using Cevns.Datasets;
using Cevns.Datasets.Kinds;
using Cevns.Physics;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Datasets.GeMini;

/// <summary>The Migdal channel on the Ge-Mini detector array (option migdal=on).</summary>
public class GeMiniMigdalTests
{
    private static readonly PhysicsParameters Sm = PhysicsParameters.StandardModel;

    [Fact]
    public void MigdalComponentIsSpreadInTimeWithoutLossAndLeavesCevnsUnchanged()
    {
        var on = (SnsEnergyTimeDataset)DatasetRegistry.Load("coherent-ge-2024", SourcesDataRoot.Path, [new("migdal", "on")]);
        var off = (SnsEnergyTimeDataset)DatasetRegistry.Load("coherent-ge-2024", SourcesDataRoot.Path);
        var p = on.Predict(Sm);
        var q = off.Predict(Sm);
        Assert.Empty(q.Migdal);
        Assert.Equal(q.SignalTotal, p.SignalTotal, 1e-9 * q.SignalTotal);
        Assert.True(p.MigdalTotal > 0);
        // Every (energy, time) bin's Migdal events sum, over time, to the energy-binned channel (the arrival-time model is normalised).
        var energyBinned = on.Migdal!.Predict(Sm);
        double all = energyBinned.Values.Sum(v => v.Sum());
        double spread = p.Migdal.Values.Sum(v => v.Sum());
        Assert.InRange(spread, all * (1 - 1e-3), all * (1 + 1e-6));
    }
}
