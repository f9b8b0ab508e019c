using Cevns.Data;

namespace Cevns.Detectors;

/// <summary>
/// Efficiency tabulated against the reconstructed observable, linearly interpolated between nodes and held constant
/// at the first/last value outside the table.
/// </summary>
public sealed class TabulatedEfficiency : IEfficiency
{
    private readonly double[] _x;
    private readonly double[] _eff;

    public ReconstructedScale Scale { get; }
    public string Name { get; }
    public IReadOnlyList<double> Nodes => _x;
    public IReadOnlyList<double> Values => _eff;

    /// <summary>Nodes strictly increasing, efficiencies in [0, 1].</summary>
    public TabulatedEfficiency(IReadOnlyList<double> nodes, IReadOnlyList<double> efficiencies, ReconstructedScale scale, string name)
    {
        if (nodes.Count != efficiencies.Count || nodes.Count < 1)
            throw new ArgumentException("efficiency table needs at least one node and one value per node", nameof(efficiencies));
        _x = new double[nodes.Count];
        _eff = new double[nodes.Count];
        for (int i = 0; i < _x.Length; i++)
        {
            if (!double.IsFinite(nodes[i]) || (i > 0 && !(nodes[i] > nodes[i - 1])))
                throw new ArgumentException($"efficiency-table nodes must be finite and strictly increasing (node {i}: {nodes[i]})", nameof(nodes));
            if (!(efficiencies[i] >= 0 && efficiencies[i] <= 1))
                throw new ArgumentOutOfRangeException(nameof(efficiencies), efficiencies[i], $"efficiency at node {i} must lie in [0, 1]");
            _x[i] = nodes[i];
            _eff[i] = efficiencies[i];
        }
        Scale = scale;
        Name = name;
    }

    /// <summary>
    /// Generic reader: a table of <paramref name="columns"/> numbers per row (named by <paramref name="columnNames"/>),
    /// node in column <paramref name="nodeColumn"/> and efficiency in column <paramref name="efficiencyColumn"/> (0-based).
    /// </summary>
    public static TabulatedEfficiency Read(string path, ReconstructedScale scale, int columns = 2, int nodeColumn = 0,
        int efficiencyColumn = 1, string columnNames = "x efficiency")
    {
        if (nodeColumn < 0 || nodeColumn >= columns || efficiencyColumn < 0 || efficiencyColumn >= columns || nodeColumn == efficiencyColumn)
            throw new ArgumentException($"node column {nodeColumn} and efficiency column {efficiencyColumn} must be distinct columns of {columns}");
        var table = TextTable.Read(path, columns, columnNames)
            .RequireStrictlyIncreasing(nodeColumn, scale == ReconstructedScale.KeVee ? "energy in keVee" : "photoelectrons")
            .RequireRange(efficiencyColumn, 0, 1, "efficiency");
        return new TabulatedEfficiency(table.Column(nodeColumn), table.Column(efficiencyColumn), scale, Path.GetFileName(path));
    }

    /// <summary>A two-column table (keVee, efficiency), e.g. the Ge-Mini timing-cut efficiencies (ge-mini-2024/SOURCE.md: 101
    /// points from 0 to 4.03-4.28 keVee; interpolated linearly and constant beyond, as the source code does).</summary>
    public static TabulatedEfficiency ReadTwoColumnKeVee(string path) =>
        Read(path, ReconstructedScale.KeVee, 2, 0, 1, "E_keVee efficiency");

    public double Value(double reconstructed)
    {
        if (double.IsNaN(reconstructed))
            throw new ArgumentOutOfRangeException(nameof(reconstructed), reconstructed, "reconstructed value must not be NaN");
        if (reconstructed <= _x[0])
            return _eff[0];
        if (reconstructed >= _x[^1])
            return _eff[^1];
        int i = Array.BinarySearch(_x, reconstructed);
        if (i >= 0)
            return _eff[i];
        i = ~i - 1;
        double u = (reconstructed - _x[i]) / (_x[i + 1] - _x[i]);
        return _eff[i] + u * (_eff[i + 1] - _eff[i]);
    }

    public void AddBreakpoints(double lo, double hi, List<double> into)
    {
        foreach (double x in _x)
            if (x > lo && x < hi)
                into.Add(x);
    }

    /// <summary>Linear between nodes.</summary>
    public double VariationScale => double.PositiveInfinity;
}
