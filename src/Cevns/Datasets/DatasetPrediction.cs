using Cevns.Physics;

namespace Cevns.Datasets;

/// <summary>The range of one analysis bin along one axis (energy in PE or keVee, time in us, F90, ...).</summary>
public readonly record struct BinRange(string Axis, string Unit, double Lo, double Hi);

/// <summary>Migdal events of one atomic shell per bin (summed over species).</summary>
public sealed record MigdalShellCounts(string Shell, double[] Counts);

/// <summary>One analysis bin: its ranges along each axis of the dataset.</summary>
public sealed record AnalysisBin(IReadOnlyList<BinRange> Ranges)
{
    public string Label => string.Join(" x ", Ranges.Select(r => $"{r.Axis} {r.Lo:G4}-{r.Hi:G4} {r.Unit}".TrimEnd()));
}

/// <summary>
/// Expected events of a dataset at one physics point, per bin and component: CEvNS per neutrino species,
/// nu-e scattering per species, CEvNS with a Migdal electron per species (if the dataset's channel is on), and each background. <see cref="InAnalysis"/> marks the bins that enter the
/// analysis region (signal totals count only those).
/// </summary>
public sealed class DatasetPrediction
{
    public required string DatasetId { get; init; }
    public required IReadOnlyList<AnalysisBin> Bins { get; init; }
    public required bool[] InAnalysis { get; init; }
    public required IReadOnlyDictionary<NeutrinoSpecies, double[]> Cevns { get; init; }
    public required IReadOnlyDictionary<NeutrinoSpecies, double[]> ElectronScattering { get; init; }
    public required IReadOnlyDictionary<string, double[]> Backgrounds { get; init; }
    /// <summary>CEvNS with a Migdal electron per species (empty when the dataset's Migdal channel is off).</summary>
    public IReadOnlyDictionary<NeutrinoSpecies, double[]> Migdal { get; init; } = new Dictionary<NeutrinoSpecies, double[]>();
    /// <summary>The Migdal events split by shell, inner shells first (empty when the channel is off).</summary>
    public IReadOnlyList<MigdalShellCounts> MigdalByShell { get; init; } = [];
    /// <summary>Observed counts per bin, if the public data has them.</summary>
    public double[]? Observed { get; init; }
    /// <summary>Caveats to print with the numbers (e.g. rate-only, approximated efficiency).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    private double SumInAnalysis(double[] v)
    {
        double s = 0;
        for (int i = 0; i < v.Length; i++)
            if (InAnalysis[i]) s += v[i];
        return s;
    }

    public double SignalTotal => Cevns.Values.Sum(SumInAnalysis);

    public double ElectronScatteringTotal => ElectronScattering.Values.Sum(SumInAnalysis);

    public double MigdalTotal => Migdal.Values.Sum(SumInAnalysis);

    public IReadOnlyList<(string Shell, double Total)> MigdalTotalByShell => MigdalByShell.Select(m => (m.Shell, SumInAnalysis(m.Counts))).ToArray();

    public IReadOnlyDictionary<NeutrinoSpecies, double> CevnsTotalBySpecies =>
        Cevns.ToDictionary(kv => kv.Key, kv => SumInAnalysis(kv.Value));

    public IReadOnlyDictionary<string, double> BackgroundTotals =>
        Backgrounds.ToDictionary(kv => kv.Key, kv => SumInAnalysis(kv.Value));

    public double? ObservedTotal => Observed is null ? null : SumInAnalysis(Observed);

    /// <summary>CEvNS summed over species, per bin.</summary>
    public double[] CevnsPerBin() => SumPerBin(Cevns.Values);

    public double[] ElectronScatteringPerBin() => SumPerBin(ElectronScattering.Values);

    public double[] MigdalPerBin() => SumPerBin(Migdal.Values);

    private double[] SumPerBin(IEnumerable<double[]> parts)
    {
        var r = new double[Bins.Count];
        foreach (var p in parts)
            for (int i = 0; i < r.Length; i++) r[i] += p[i];
        return r;
    }
}

/// <summary>A dataset ready to predict: its definition, data and response matrices loaded once.</summary>
public interface IDataset
{
    DatasetDefinition Definition { get; }

    /// <summary>Expected events at a physics point.</summary>
    DatasetPrediction Predict(PhysicsParameters parameters);

    /// <summary>
    /// Whether the prediction (and the chi^2 of the dataset's likelihood) can depend on the physics parameter
    /// <paramref name="parameter"/> (a catalogue name). False only where it certainly does not (<see cref="ParameterDependence"/>);
    /// the default, true for every parameter, is always safe. A joint fit differentiates a dataset's chi^2 only in the free
    /// parameters it reads, and holds a free parameter that no dataset or prior of the fit reads at its value.
    /// </summary>
    bool Reads(string parameter) => true;
}
