using System.Globalization;
using Cevns.Data;

namespace Cevns.Datasets;

/// <summary>
/// A released reactor-ON / reactor-OFF energy spectrum as rates with errors in equal-width bins, five columns per row:
/// bin centre (keVee), ON rate, ON error, OFF rate, OFF error (the Dresden-II data_release.txt layout; rates per bin
/// width per detector per day there, see reactor/dresden-ii/SOURCE.md). Bin edges are centre -+ width/2; the centres
/// must step by exactly the bin width. <see cref="ReadCounts"/> reads the other layout, raw counts per bin (two columns:
/// bin centre in keVee, counts over the reactor-ON exposure), for a Poisson statistic.
/// </summary>
public sealed class ReleasedRateSpectrum
{
    public string Path { get; }
    public double[] EdgesKeVee { get; }
    public double[] CentresKeVee { get; }
    public double[] OnRate { get; }
    public double[] OnError { get; }
    public double[] OffRate { get; }
    public double[] OffError { get; }
    public int BinCount => CentresKeVee.Length;

    /// <summary>Counts per bin over the reactor-ON exposure when the file held counts (<see cref="ReadCounts"/>), else null.</summary>
    public double[]? Counts { get; private init; }

    private ReleasedRateSpectrum(string path, double[] edges, double[] centres, double[] on, double[] onErr, double[] off, double[] offErr)
    {
        Path = path;
        EdgesKeVee = edges;
        CentresKeVee = centres;
        OnRate = on;
        OnError = onErr;
        OffRate = off;
        OffError = offErr;
    }

    public static ReleasedRateSpectrum Read(string path, double binWidthKeVee)
    {
        var rows = ReadRows(path, binWidthKeVee, 5, "E_centre_keVee rate_on error_on rate_off error_off");
        rows.RequireRange(1, 0, double.MaxValue, "reactor-ON rate (>= 0)");
        rows.RequireRange(3, 0, double.MaxValue, "reactor-OFF rate (>= 0)");
        for (int i = 0; i < rows.Count; i++)
            foreach (int col in new[] { 2, 4 })
                if (!(rows[i].Values[col] > 0))
                    throw DataFileException.At(path, rows[i].Line, $"column {col + 1} (error of the {(col == 2 ? "ON" : "OFF")} rate) must be > 0, found {rows[i].Values[col].ToString(CultureInfo.InvariantCulture)}");
        var edges = Edges(rows, binWidthKeVee);
        return new ReleasedRateSpectrum(path, edges, rows.Column(0), rows.Column(1), rows.Column(2),
            rows.Column(3), rows.Column(4));
    }

    /// <summary>
    /// A spectrum of raw counts, two columns per row: bin centre (keVee) and counts (>= 0) over the reactor-ON live time
    /// <paramref name="onDays"/>. Rates are counts / days (per bin per detector per day, as in <see cref="Read"/>), their
    /// errors sqrt(max(n, 1)) / days (shown only: a Poisson statistic uses the counts); the file has no reactor-OFF columns (rates and errors 0 here).
    /// </summary>
    public static ReleasedRateSpectrum ReadCounts(string path, double binWidthKeVee, double onDays)
    {
        var rows = ReadRows(path, binWidthKeVee, 2, "E_centre_keVee counts");
        rows.RequireRange(1, 0, double.MaxValue, "counts (>= 0)");
        var counts = rows.Column(1);
        var zeros = new double[counts.Length];
        return new ReleasedRateSpectrum(path, Edges(rows, binWidthKeVee), rows.Column(0), counts.Select(n => n / onDays).ToArray(),
            counts.Select(n => Math.Sqrt(Math.Max(n, 1)) / onDays).ToArray(), zeros, zeros) { Counts = counts };
    }

    /// <summary>The rows of a spectrum file: at least two, the first column a bin centre in [0, 1000] keVee.</summary>
    private static TextTable ReadRows(string path, double binWidthKeVee, int columns, string header)
    {
        if (!(binWidthKeVee > 0))
            throw new ArgumentOutOfRangeException(nameof(binWidthKeVee), binWidthKeVee, "bin width must be > 0 keVee");
        var rows = TextTable.Read(path, columns, header);
        if (rows.Count < 2)
            throw DataFileException.In(path, $"expected at least 2 spectrum rows, found {rows.Count}");
        rows.RequireRange(0, 0, 1e3, "bin centre in keVee");
        return rows;
    }

    /// <summary>Bin edges centre -+ width/2 from the first column; the centres must step by the bin width.</summary>
    private static double[] Edges(TextTable rows, double binWidthKeVee)
    {
        var path = rows.Path;
        for (int i = 1; i < rows.Count; i++)
        {
            double step = rows[i].Values[0] - rows[i - 1].Values[0];
            if (Math.Abs(step - binWidthKeVee) > 1e-6 * binWidthKeVee + 1e-9)
                throw DataFileException.At(path, rows[i].Line,
                    $"bin centre {rows[i].Values[0].ToString(CultureInfo.InvariantCulture)} keVee: expected the previous centre + {binWidthKeVee.ToString(CultureInfo.InvariantCulture)} keVee (equal-width bins)");
        }
        var centres = rows.Column(0);
        var edges = new double[centres.Length + 1];
        for (int i = 0; i <= centres.Length; i++)
            edges[i] = Math.Round(centres[0] - 0.5 * binWidthKeVee + i * binWidthKeVee, 12); // the file's centres have 5 decimals
        return edges;
    }
}
