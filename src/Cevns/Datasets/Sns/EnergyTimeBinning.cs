using Cevns.Data;
using Cevns.Physics;
using Cevns.Sources.Timing;

namespace Cevns.Datasets.Sns;

/// <summary>
/// Two-dimensional analysis binning of a detector at a pulsed stopped-pion source (COHERENT CsI, Ar, Ge at the SNS):
/// reconstructed energy (PE or keVee) x arrival time after the beam trigger (us). Bins are [lo, hi) on both axes and are
/// stored flat, energy-major: index = e * TimeBins + t. Any SNS dataset with energy bins x time bins uses this, whatever
/// its detector; the time axis may be a single bin for energy-only data. An optional PSD axis (<see cref="PsdAxis"/>)
/// sits between the two: index = (e * PsdBins + p) * TimeBins + t; the methods that combine an energy and a time
/// projection (outer products, event histograms, binned 2-column files) need a binning without it.
/// </summary>
public sealed class EnergyTimeBinning
{
    private readonly double[] _energy;
    private readonly double[] _time;
    private AnalysisBin[]? _bins;

    /// <summary>The pulse-shape axis between energy and time, or null for energy x time bins.</summary>
    public PsdAxis? Psd { get; }

    public IReadOnlyList<double> EnergyEdges => _energy;
    public IReadOnlyList<double> TimeEdgesUs => _time;

    /// <summary>Name of the energy axis and its unit as shown in output, e.g. ("energy", "PE").</summary>
    public string EnergyAxis { get; }
    public string EnergyUnit { get; }

    public int EnergyBins => _energy.Length - 1;
    public int TimeBins => _time.Length - 1;
    /// <summary>PSD bins (1 without a PSD axis).</summary>
    public int PsdBins => Psd?.Bins ?? 1;
    public int Count => EnergyBins * PsdBins * TimeBins;

    public EnergyTimeBinning(IReadOnlyList<double> energyEdges, IReadOnlyList<double> timeEdgesUs, string energyUnit, string energyAxis = "energy",
        PsdAxis? psd = null)
    {
        _energy = CheckEdges(energyEdges, nameof(energyEdges));
        _time = CheckEdges(timeEdgesUs, nameof(timeEdgesUs));
        if (psd is not null) psd = psd with { Edges = CheckEdges(psd.Edges, nameof(psd)) };
        Psd = psd;
        EnergyUnit = energyUnit;
        EnergyAxis = energyAxis;
    }

    /// <summary>Bin edges per axis (energy, [PSD,] time), in the order of the flat layout.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Grid => Psd is null ? [_energy, _time] : [_energy, Psd.Edges, _time];

    /// <summary>Column names of the axes in files and messages, e.g. E_keVee F90 t_us.</summary>
    public IReadOnlyList<string> GridColumns => Psd is null ? [$"E_{EnergyUnit}", "t_us"] : [$"E_{EnergyUnit}", Psd.Name, "t_us"];

    private void RequireNoPsd(string what)
    {
        if (Psd is not null)
            throw new InvalidOperationException($"{what} needs an energy x time binning without a PSD axis ({Psd.Name})");
    }

    private static double[] CheckEdges(IReadOnlyList<double> edges, string name)
    {
        if (edges is null || edges.Count < 2)
            throw new ArgumentException($"{name}: need at least two bin edges", name);
        for (int i = 0; i < edges.Count; i++)
        {
            if (!double.IsFinite(edges[i]))
                throw new ArgumentException($"{name}[{i}] = {edges[i]} is not finite", name);
            if (i > 0 && !(edges[i] > edges[i - 1]))
                throw new ArgumentException($"{name} must increase strictly ({name}[{i}] = {edges[i]} after {edges[i - 1]})", name);
        }
        return edges.ToArray();
    }

    public int Index(int energyBin, int timeBin)
    {
        RequireNoPsd("an (energy, time) index");
        return energyBin * TimeBins + timeBin;
    }

    public int Index(int energyBin, int psdBin, int timeBin) => (energyBin * PsdBins + psdBin) * TimeBins + timeBin;

    /// <summary>Energy and time bin of a flat index (the PSD bin, if any, is dropped).</summary>
    public (int EnergyBin, int TimeBin) Split(int index) => (index / (PsdBins * TimeBins), index % TimeBins);

    /// <summary>Every bin with its energy and time ranges, in flat order.</summary>
    public IReadOnlyList<AnalysisBin> Bins => _bins ??= BuildBins();

    private AnalysisBin[] BuildBins()
    {
        var bins = new AnalysisBin[Count];
        for (int e = 0; e < EnergyBins; e++)
            for (int p = 0; p < PsdBins; p++)
                for (int t = 0; t < TimeBins; t++)
                    bins[Index(e, p, t)] = new AnalysisBin(Psd is null
                        ? [new BinRange(EnergyAxis, EnergyUnit, _energy[e], _energy[e + 1]), new BinRange("time", "us", _time[t], _time[t + 1])]
                        : [new BinRange(EnergyAxis, EnergyUnit, _energy[e], _energy[e + 1]), new BinRange(Psd.Name, "", Psd.Edges[p], Psd.Edges[p + 1]),
                            new BinRange("time", "us", _time[t], _time[t + 1])]);
        return bins;
    }

    /// <summary>The bin holding index of an ascending edge list, or -1 outside [first, last).</summary>
    public static int Locate(IReadOnlyList<double> edges, double x)
    {
        if (!(x >= edges[0]) || !(x < edges[^1])) return -1;
        int lo = 0, hi = edges.Count - 1;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) / 2;
            if (x >= edges[mid]) lo = mid; else hi = mid;
        }
        return lo;
    }

    /// <summary>Flat index of the bin holding (energy, time), or -1 outside the binning.</summary>
    public int Locate(double energy, double timeUs)
    {
        int e = Locate(_energy, energy), t = Locate(_time, timeUs);
        return e < 0 || t < 0 ? -1 : Index(e, t);
    }

    /// <summary>Counts of unbinned events per bin; events outside the binning are not counted.</summary>
    public double[] Histogram(IEnumerable<(double Energy, double TimeUs)> events)
    {
        var counts = new double[Count];
        foreach (var (energy, time) in events)
        {
            int i = Locate(energy, time);
            if (i >= 0) counts[i]++;
        }
        return counts;
    }

    /// <summary>v[e, t] = energy[e] * time[t] (a factorised energy x time template).</summary>
    public double[] Outer(ReadOnlySpan<double> energy, ReadOnlySpan<double> time)
    {
        var result = new double[Count];
        AddOuter(energy, time, 1.0, result);
        return result;
    }

    /// <summary>into[e, t] += scale * energy[e] * time[t]; no allocation.</summary>
    public void AddOuter(ReadOnlySpan<double> energy, ReadOnlySpan<double> time, double scale, Span<double> into)
    {
        RequireNoPsd("an energy x time outer product");
        if (energy.Length != EnergyBins || time.Length != TimeBins || into.Length != Count)
            throw new ArgumentException($"outer product needs {EnergyBins} energy and {TimeBins} time values into {Count} bins");
        for (int e = 0; e < EnergyBins; e++)
        {
            double w = scale * energy[e];
            if (w == 0) continue;
            var row = into.Slice(e * TimeBins, TimeBins);
            for (int t = 0; t < row.Length; t++)
                row[t] += w * time[t];
        }
    }

    /// <summary>
    /// Per-species (energy x time) counts from per-species energy counts: at a stopped-pion source the arrival time does
    /// not depend on the neutrino energy, only on its parent (prompt pi+ or delayed mu+ decay), so counts[e, t] =
    /// N_e(species) x (fraction of the species' timing component in time bin t, at the timing offset).
    /// </summary>
    public Dictionary<NeutrinoSpecies, double[]> Spread(IReadOnlyDictionary<NeutrinoSpecies, double[]> energy, TimingOffsetTable time, double offsetUs = 0)
    {
        var result = new Dictionary<NeutrinoSpecies, double[]>();
        var fractions = new double[TimeBins];
        foreach (var (s, counts) in energy)
        {
            time.Fractions(s.TimingComponent(), offsetUs, fractions);
            result[s] = Outer(counts, fractions);
        }
        return result;
    }

    /// <summary>Sum over time bins: one value per energy bin.</summary>
    public double[] ProjectEnergy(ReadOnlySpan<double> values)
    {
        var r = new double[EnergyBins];
        for (int i = 0; i < Count; i++) r[i / (PsdBins * TimeBins)] += values[i];
        return r;
    }

    /// <summary>Sum over energy (and PSD) bins: one value per time bin.</summary>
    public double[] ProjectTime(ReadOnlySpan<double> values)
    {
        var r = new double[TimeBins];
        for (int i = 0; i < Count; i++) r[i % TimeBins] += values[i];
        return r;
    }

    /// <summary>Mask of the bins lying inside [energyLo, energyHi) x [timeLo, timeHi) (bin edges must match the cuts; every PSD bin).</summary>
    public bool[] Region(double energyLo, double energyHi, double timeLoUs, double timeHiUs)
    {
        var mask = new bool[Count];
        for (int e = 0; e < EnergyBins; e++)
            for (int p = 0; p < PsdBins; p++)
                for (int t = 0; t < TimeBins; t++)
                    mask[Index(e, p, t)] = _energy[e] >= energyLo && _energy[e + 1] <= energyHi && _time[t] >= timeLoUs && _time[t + 1] <= timeHiUs;
        return mask;
    }

    /// <summary>Bin widths along the time axis (us).</summary>
    public double[] TimeWidths()
    {
        var w = new double[TimeBins];
        for (int t = 0; t < w.Length; t++) w[t] = _time[t + 1] - _time[t];
        return w;
    }

    /// <summary>
    /// The analysis region of an <c>analysis:</c> section (energy: [lo, hi], time_us: [lo, hi], optional
    /// excluded_energy_bins: 1-based numbers of energy bins left out at every time) as a bin mask; the bin edges must match
    /// the cuts, and at least one bin must lie inside.
    /// </summary>
    public bool[] Region(Facts analysis)
    {
        analysis.AllowOnly("energy", "time_us", "excluded_energy_bins");
        var e = analysis.Interval("energy");
        var t = analysis.Interval("time_us");
        var mask = Region(e.Lo, e.Hi, t.Lo, t.Hi);
        foreach (var x in analysis.Has("excluded_energy_bins") ? analysis.Numbers("excluded_energy_bins") : [])
        {
            if (x != Math.Floor(x) || x < 1 || x > EnergyBins)
                throw analysis.Error("excluded_energy_bins", $"expected bin numbers 1..{EnergyBins} (1-based), got {x}");
            for (int k = 0; k < TimeBins; k++) mask[Index((int)x - 1, k)] = false;
        }
        return mask.Any(b => b) ? mask : throw analysis.Error("energy", "no analysis bin lies inside the energy x time region");
    }

    /// <summary>
    /// Reads a binning section: energy_edges (list), energy_unit (text), optional psd: { name, edges }, time_edges_us (list);
    /// errors name the key and line.
    /// </summary>
    public static EnergyTimeBinning FromFacts(Facts bins)
    {
        bins.AllowOnly("energy_edges", "energy_unit", "psd", "time_edges_us");
        PsdAxis? psd = null;
        if (bins.OptionalSection("psd") is { } p)
        {
            p.AllowOnly("name", "edges");
            psd = new PsdAxis(p.String("name"), p.Edges("edges"));
        }
        return new EnergyTimeBinning(bins.Edges("energy_edges"), bins.Edges("time_edges_us"), bins.String("energy_unit"), psd: psd);
    }

    /// <summary>
    /// The analysis region: the bins inside the optional <c>analysis:</c> section (<see cref="Region(Facts)"/>), or every bin
    /// when the definition has none (the whole released grid is analysed).
    /// </summary>
    public bool[] RegionOrAll(Facts? analysis) => analysis is null ? Enumerable.Repeat(true, Count).ToArray() : Region(analysis);
}
