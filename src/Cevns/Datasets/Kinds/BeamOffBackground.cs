using Cevns.Data;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// The steady-state background of an <see cref="SnsEnergyTimeDataset"/> with beam-ON/OFF observations
/// (<see cref="Sns.OnOffObservations"/>), background type <c>beam-off</c>:
/// <code>
/// steady-state (beam-off): { type: beam-off }
/// </code>
/// N_SSB is flat in time (docs/physics.md sec. 9): per energy bin the mean of the beam-OFF counts over the time bins;
/// in the beam-ON sample it is r N_SSB with r = ON / OFF exposure of the counts file. Without a counts file there is no
/// such background (and no observations).
/// </summary>
public static class BeamOffBackground
{
    public const string Type = "beam-off";

    /// <summary>The background term (r N_SSB per bin), or null when the dataset has no beam-ON/OFF counts.</summary>
    internal static SnsEnergyTimeBackground? Read(Facts b, string name, SnsEnergyTimeDataset d)
    {
        b.AllowOnly("type");
        var onOff = d.OnOff ?? throw b.Error("type", $"a {Type} background needs observations of format {Sns.OnOffObservations.Format}");
        if (onOff.Counts is not { } c) return null;
        double r = c.OnExposure / c.OffExposure;
        return new SnsEnergyTimeBackground
        {
            Name = name, Label = name, Type = Type,
            Template = FlatInTime(c.Off, d.Binning.EnergyBins, d.Binning.TimeBins).Select(x => x * r).ToArray(),
            Note = $"{name}: beam-OFF counts flat in time x {r:G4} (ON/OFF exposure)",
        };
    }

    /// <summary>N_SSB per bin: for each energy bin the mean over the time bins of the beam-OFF counts (energy-major arrays).</summary>
    public static double[] FlatInTime(IReadOnlyList<double> off, int energyBins, int timeBins)
    {
        var r = new double[energyBins * timeBins];
        for (int e = 0; e < energyBins; e++)
        {
            double mean = 0;
            for (int t = 0; t < timeBins; t++) mean += off[e * timeBins + t];
            mean /= timeBins;
            for (int t = 0; t < timeBins; t++) r[e * timeBins + t] = mean;
        }
        return r;
    }
}
