using System.Globalization;
using System.Text;

namespace Cevns.Analyses.Reports;

/// <summary>
/// A CSV file being assembled: a header row, then rows of numbers or text. Numbers are written in invariant culture
/// with round-trip precision ("R"), so a rerun gives the same bytes; NaN is written as "nan" (common CSV readers take it
/// as missing). <see cref="AddBreak"/> inserts an empty line between blocks (polylines of a contour), which plotting
/// programs take as a new line and CSV readers skip.
/// </summary>
public sealed class CsvTable
{
    private readonly List<string> _lines = [];

    public CsvTable(string fileName, params string[] header)
    {
        if (header.Length == 0) throw new ArgumentException("a CSV table needs at least one column");
        FileName = fileName;
        Header = header;
        _lines.Add(string.Join(',', header.Select(Quote)));
    }

    public string FileName { get; }

    public IReadOnlyList<string> Header { get; }

    public int RowCount { get; private set; }

    public CsvTable Add(params object?[] cells)
    {
        if (cells.Length != Header.Count)
            throw new ArgumentException($"{FileName}: row has {cells.Length} cells, the header {Header.Count}");
        _lines.Add(string.Join(',', cells.Select(Cell)));
        RowCount++;
        return this;
    }

    public CsvTable AddBreak()
    {
        if (_lines[^1].Length > 0) _lines.Add("");
        return this;
    }

    public string Text() => string.Join('\n', _lines) + "\n";

    public void WriteTo(string directory) => File.WriteAllText(Path.Combine(directory, FileName), Text(), new UTF8Encoding(false));

    public static string Number(double x) =>
        double.IsNaN(x) ? "nan" : double.IsPositiveInfinity(x) ? "inf" : double.IsNegativeInfinity(x) ? "-inf"
            : x.ToString("R", CultureInfo.InvariantCulture);

    private static string Cell(object? c) => c switch
    {
        null => "",
        double d => Number(d),
        float f => Number(f),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Quote(Convert.ToString(c, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
