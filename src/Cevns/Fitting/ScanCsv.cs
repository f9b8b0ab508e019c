using System.Globalization;
using System.Text;

namespace Cevns.Fitting;

/// <summary>
/// The CSV file of a scan: '#' comment lines (the command, datasets, fixed and profiled parameters, the global
/// minimum), a header line, then one line per grid point: the scanned values, chi2, delta_chi2, converged (true or
/// false), the profiled values of the other free parameters and nuisances, and the values of tied parameters. A point whose fit did not converge
/// has chi2, delta_chi2 and profiled values written as nan: it is never reported as a number. Numbers are written
/// in shortest round-trip form. Files are replaced atomically (temporary file, then rename).
/// </summary>
public static class ScanCsv
{
    public static IReadOnlyList<string> Columns(ScanResult r) => Columns(ScanDescription.Of(r.Fit, r.Axes));

    public static IReadOnlyList<string> Columns(ScanDescription d, Statistics.FeldmanCousinsBelt? belt = null) =>
        [.. d.Axes.Select(a => a.Name), "chi2", "delta_chi2", "converged", .. d.Profiled, .. d.Ties.Select(t => t.Target),
         .. (belt?.ConfidenceLevels.Select(FeldmanCousinsColumn) ?? [])];

    /// <summary>Column of the Feldman-Cousins critical Delta chi^2 at one confidence level, e.g. fc_critical_90.</summary>
    public static string FeldmanCousinsColumn(double confidenceLevel) => $"fc_critical_{R(100 * confidenceLevel)}";

    /// <summary>
    /// The whole file as text; <paramref name="leadingComments"/> (e.g. the command line) come first, without '#'. With a
    /// Feldman-Cousins result (1D scans) each row also has the critical Delta chi^2 of every confidence level (last
    /// columns) and the comments give the toys, the seed and the regions.
    /// </summary>
    public static string Format(ScanResult r, IEnumerable<string> leadingComments, FeldmanCousinsScanResult? feldmanCousins = null) =>
        Format(ScanReport.Of(r), leadingComments, feldmanCousins);

    /// <summary>
    /// The file of a report. Everything after <paramref name="leadingComments"/> (the provenance: command line, data
    /// directory, fingerprint) depends only on the report, so a merged scan equals the single-machine one there.
    /// </summary>
    public static string Format(ScanReport r, IEnumerable<string> leadingComments, FeldmanCousinsScanResult? feldmanCousins = null) =>
        Format(r, leadingComments, feldmanCousins?.Belt, feldmanCousins?.Intervals ?? []);

    /// <summary>The file of a report with a Feldman-Cousins belt and its regions (none: a plain scan), e.g. from merged shards.</summary>
    public static string Format(ScanReport r, IEnumerable<string> leadingComments, Statistics.FeldmanCousinsBelt? belt, IReadOnlyList<Statistics.ConfidenceInterval> intervals)
    {
        var sb = new StringBuilder();
        void Comment(string line) => sb.Append("# ").Append(line).Append('\n');
        foreach (var c in leadingComments) Comment(c);
        var d = r.Description;
        Comment($"datasets: {string.Join(", ", d.DatasetIds)}");
        if (d.RateOnly.Count > 0) Comment($"rate-only datasets (total-rate term only): {string.Join(", ", d.RateOnly)}");
        Comment($"scanned: {string.Join(", ", d.Axes.Select(a => $"{a.Name} = {R(a.Lower)}..{R(a.Upper)} ({a.Points} points{(a.Scale == AxisScale.Log ? ", log" : "")})"))}");
        Comment($"fixed: {(d.Fixed.Count == 0 ? "Standard Model, signal normalisations 1" : string.Join(", ", d.Fixed.Select(f => $"{f.Name}={R(f.Value)}")))}");
        Comment($"profiled: {(d.Profiled.Count == 0 ? "none" : string.Join(", ", d.Profiled))}");
        if (d.Priors.Count > 0) Comment($"priors: {string.Join(", ", d.Priors)}");
        if (d.Ties.Count > 0) Comment($"tied: {string.Join(", ", d.Ties.Select(t => $"{t.Target}={t.Expression}"))}");
        if (d.NotConstrained.Count > 0)
            Comment($"not constrained (no dataset or prior of this fit reads them; held, not varied, not counted in dof): {string.Join(", ", d.NotConstrained.Select(f => $"{f.Name}={R(f.Value)}"))}");
        var g = r.Global;
        string where = string.Join(", ", d.FreeParameters.Select((n, k) => $"{n} = {R(g.FreeValues[k])}"));
        Comment(g.Converged
            ? $"global minimum: chi2 = {R(g.Chi2)} at {where}; dof = {d.DegreesOfFreedom}"
            : $"global fit did NOT converge ({g.Status}: {g.Message}); delta_chi2 refers to the lowest converged point");
        bool anyMinimum = double.IsFinite(r.MinimumChi2);
        Comment(anyMinimum
            ? $"delta_chi2 = chi2 - {R(r.MinimumChi2)} (the lowest chi2 of the global fit and all converged points)"
            : "delta_chi2: none (neither the global fit nor any point converged)");
        Comment(r.NonConverged == 0 ? "all points converged" : $"{r.NonConverged} point(s) did not converge: chi2, delta_chi2 and profiled values written as nan");
        foreach (var n in r.Notes) Comment($"note: {n}");
        if (belt is not null)
        {
            Comment($"feldman-cousins: {belt.ToysPerPoint} toys per point, seed {belt.Seed}; {belt.NonConvergedToys.Sum()} toy fit(s) not converged (excluded)");
            foreach (var interval in intervals) Comment($"feldman-cousins region: {interval}");
        }
        sb.Append(string.Join(',', Columns(d, belt))).Append('\n');
        for (int row = 0; row < r.Rows.Count; row++)
        {
            var p = r.Rows[row];
            var cells = new List<string>(p.Values.Select(R));
            bool ok = p.Converged;
            cells.Add(ok ? R(p.Chi2) : "nan");
            cells.Add(ok && anyMinimum ? R(p.Chi2 - r.MinimumChi2) : "nan");
            cells.Add(ok ? "true" : "false");
            cells.AddRange(p.Profiled.Select(v => ok ? R(v) : "nan"));
            cells.AddRange(d.Ties.Select(t => R(d.TiedValue(t, p))));
            if (belt is not null)
                for (int l = 0; l < belt.ConfidenceLevels.Count; l++) cells.Add(R(belt.Critical(l)[row]));
            sb.Append(string.Join(',', cells)).Append('\n');
        }
        return sb.ToString();
    }

    internal static string R(double x) =>
        double.IsNaN(x) ? "nan" : double.IsInfinity(x) ? (x > 0 ? "inf" : "-inf") : x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Checks before a long scan that the file can be written: its folder exists and accepts a file.
    /// Throws a <see cref="FitSetupException"/> naming the path otherwise.
    /// </summary>
    public static void CheckWritable(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
            throw new FitSetupException($"output file {path}: folder {dir} does not exist");
        if (Directory.Exists(full))
            throw new FitSetupException($"output file {path} is a folder");
        var probe = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.probe");
        try
        {
            File.WriteAllText(probe, "");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FitSetupException($"output file {path}: cannot write in {dir} ({e.Message})");
        }
        finally
        {
            File.Delete(probe);
        }
    }

    /// <summary>Writes to a temporary file next to <paramref name="path"/> and renames it over the target, so readers never see a partial file.</summary>
    public static void WriteAtomic(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var tmp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(tmp, text, new UTF8Encoding(false));
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>Reads a scan file back: comments, column names and the rows (converged as 1/0, nan as NaN).</summary>
    public static ScanTable Read(string path)
    {
        var comments = new List<string>();
        string[]? columns = null;
        var rows = new List<double[]>();
        int lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (line.StartsWith('#'))
            {
                comments.Add(line.TrimStart('#').Trim());
                continue;
            }
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (columns is null)
            {
                columns = cells;
                continue;
            }
            if (cells.Length != columns.Length)
                throw Data.DataFileException.At(path, lineNo, $"expected {columns.Length} comma-separated values, found {cells.Length}");
            var row = new double[cells.Length];
            for (int i = 0; i < cells.Length; i++)
                row[i] = cells[i] switch
                {
                    "true" => 1.0,
                    "false" => 0.0,
                    "nan" => double.NaN,
                    _ => double.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                        : throw Data.DataFileException.At(path, lineNo, $"column {columns[i]}: '{cells[i]}' is not a number"),
                };
            rows.Add(row);
        }
        if (columns is null)
            throw Data.DataFileException.In(path, "no header line (column names) found");
        return new ScanTable(comments, columns, rows);
    }
}

/// <summary>A scan file read back by <see cref="ScanCsv.Read"/>.</summary>
public sealed record ScanTable(IReadOnlyList<string> Comments, IReadOnlyList<string> Columns, IReadOnlyList<double[]> Rows)
{
    public double[] Column(string name)
    {
        int i = Columns.ToList().IndexOf(name);
        if (i < 0) throw new ArgumentException($"scan table has no column '{name}' (columns: {string.Join(", ", Columns)})");
        return Rows.Select(r => r[i]).ToArray();
    }
}
