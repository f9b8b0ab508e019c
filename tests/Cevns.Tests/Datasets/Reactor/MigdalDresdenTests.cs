using Cevns.Datasets;
using Cevns.Datasets.Kinds;
using Cevns.Physics;

namespace Cevns.Tests.Datasets.Reactor;

/// <summary>
/// The Migdal channel of Dresden-II with Lindhard quenching (k = 0.162) against the independent computation of
/// Reference/migdal_reference.py. Tolerance 3e-3: the reference uses the exact per-isotope recoil velocity (the library
/// the abundance-weighted mean 1/M), the plain trapezoid in E_e (the library the trapezoid in ln E), Simpson in ln T from
/// 1e-3 keV; the two agree to 1.3e-3.
/// </summary>
public class MigdalDresdenTests
{
    private static readonly PhysicsParameters Sm = PhysicsParameters.StandardModel;

    private static readonly Lazy<ReactorSpectrumDataset> WithMigdal = new(() => (ReactorSpectrumDataset)DatasetRegistry.Load("dresden-ii-2022",
        ReactorTestData.Root, [new("quenching", "lindhard"), new("migdal", "on")]));

    private static double Window(double[] perBin, DatasetPrediction p, double lo, double hi)
    {
        double s = 0;
        for (int i = 0; i < perBin.Length; i++)
        {
            var r = p.Bins[i].Ranges[0];
            if (r.Lo >= lo - 1e-9 && r.Hi <= hi + 1e-9) s += perBin[i];
        }
        return s;
    }

    private static void Near(double expected, double actual, double relative = 3e-3) =>
        Assert.InRange(actual, expected * (1 - relative), expected * (1 + relative));

    [Fact]
    public void MigdalEventsAgreeWithTheIndependentComputation()
    {
        var p = WithMigdal.Value.Predict(Sm);
        var m = p.MigdalPerBin();
        Near(5.419954, Window(m, p, 0.2, 0.3));
        Near(2.395686, Window(m, p, 0.3, 0.4));
        Near(1.010595e+01, p.MigdalTotal);
        Assert.Equal([NeutrinoSpecies.NuEBar], p.Migdal.Keys);
    }

    [Fact]
    public void ShellsAddUpToTheTotalAndAgreeWithTheReference()
    {
        var d = WithMigdal.Value;
        var migdal = d.Signals.Migdal!;
        Assert.Equal(["1s", "2s", "2p", "3s", "3p", "3d"], migdal.Shells.Select(s => s.Name));
        var byShell = migdal.PredictByShell(Sm);
        var total = migdal.Predict(Sm)[NeutrinoSpecies.NuEBar];
        for (int i = 0; i < total.Length; i++)
            Assert.Equal(total[i], byShell.Sum(x => x.Counts[i]), 1e-9 * Math.Max(1e-3, total[i]));
        var p = d.Predict(Sm);
        double Shell(string name, double lo, double hi) => Window(byShell.Single(x => x.Shell.Name == name).Counts, p, lo, hi);
        Near(4.899817, Shell("3d", 0.2, 0.3));
        Near(4.269743e-01, Shell("3p", 0.2, 0.3));
        Near(9.316271e-02, Shell("3s", 0.2, 0.3), 5e-3);
        Near(1.481460, Shell("3p", 0.2, 1.5));
        Assert.Equal(0, Shell("1s", 0.2, 1.5));
    }

    [Fact]
    public void FastPathMatchesThePerNodeReferenceAwayFromTheStandardModel()
    {
        var migdal = WithMigdal.Value.Signals.Migdal!;
        var point = Sm.With("sin2_theta_w", 0.25).With("rn.Ge", 4.5);
        var fast = migdal.Total.Predict(point)[NeutrinoSpecies.NuEBar];
        var reference = migdal.Total.PredictReference(point)[NeutrinoSpecies.NuEBar];
        for (int i = 0; i < fast.Length; i++)
            Assert.Equal(reference[i], fast[i], 1e-9 * Math.Max(1e-6, reference[i]));
    }

    [Fact]
    public void ChannelIsOffByDefaultAndLeavesCevnsUnchanged()
    {
        var off = (ReactorSpectrumDataset)DatasetRegistry.Load("dresden-ii-2022", ReactorTestData.Root, [new("quenching", "lindhard")]);
        Assert.Null(off.Signals.Migdal);
        var a = off.Predict(Sm);
        var b = WithMigdal.Value.Predict(Sm);
        Assert.Empty(a.Migdal);
        Assert.Equal(0, a.MigdalTotal);
        Assert.Equal(a.SignalTotal, b.SignalTotal, 1e-9 * a.SignalTotal);
        // The fitted signal includes the Migdal events.
        var s = WithMigdal.Value.Signal(Sm, SignalScale.One);
        var c = b.CevnsPerBin(); var e = b.ElectronScatteringPerBin(); var m = b.MigdalPerBin();
        for (int i = 0; i < s.Length; i++) Assert.Equal(c[i] + e[i] + m[i], s[i], 1e-9 * s[i]);
    }

    [Fact]
    public void MaxNSelectsShells()
    {
        var d = (ReactorSpectrumDataset)DatasetRegistry.Load("dresden-ii-2022", ReactorTestData.Root,
            [new("quenching", "lindhard"), new("migdal", "on"), new("migdal_max_n", "4")]);
        Assert.Equal(8, d.Signals.Migdal!.Shells.Count);
    }
}
