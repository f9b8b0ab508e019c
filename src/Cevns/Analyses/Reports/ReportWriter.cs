using System.Text;
using Cevns.Analyses.Figures;
using Cevns.Fitting;

namespace Cevns.Analyses.Reports;

/// <summary>
/// Writes a report folder: analysis.yaml (the exact input), summary.md, results.json, one CSV per scan and fit (the
/// file 'scan' writes for the same fit and grid, <see cref="ScanCsv"/>) and the figures with their data. Everything is written into a temporary sibling folder that is renamed at the end, so a failure
/// leaves no partial report; an existing report at the target is replaced, any other existing folder is refused.
/// </summary>
public static class ReportWriter
{
    public const string AnalysisCopy = "analysis.yaml";

    /// <param name="figures">False to skip the figures (--no-figures).</param>
    /// <returns>The full path of the report folder.</returns>
    public static string Write(AnalysisResults results, string outputDirectory, bool figures = true) =>
        Write(results, outputDirectory, figures ? FigureRenderer.Render : null);

    /// <param name="render">Writes one figure (its data and images) into a folder and returns the file names; null for no figures.</param>
    internal static string Write(AnalysisResults results, string outputDirectory,
        Func<Figure, string, IReadOnlyList<FigureFormat>, IReadOnlyList<string>>? render)
    {
        var target = Path.GetFullPath(outputDirectory);
        CheckReplaceable(target);
        var parent = Path.GetDirectoryName(target) ?? throw new AnalysisFileException($"--out {outputDirectory}: not a folder path");
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            WriteInto(temp, results, render);
            Replace(temp, target);
            return target;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void WriteInto(string dir, AnalysisResults r, Func<Figure, string, IReadOnlyList<FigureFormat>, IReadOnlyList<string>>? render)
    {
        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(Path.Combine(dir, AnalysisCopy), r.Analysis.Text, utf8);
        foreach (var scan in r.Scans)
            foreach (var fit in scan.Fits)
                File.WriteAllText(Path.Combine(dir, ScanFileName(scan.Spec, fit.Fit)), ScanFileText(r, scan.Spec, fit), utf8);
        var notes = new List<string>(r.Notes);
        var rendered = new List<RenderedFigure>();
        if (render is not null)
            foreach (var figure in ReportFigures.Build(r, notes))
                rendered.Add(new RenderedFigure(figure.Name, figure.Caption, render(figure, dir, r.Analysis.Figures.Formats)));
        else
            notes.Add("figures were not drawn (--no-figures)");
        File.WriteAllText(Path.Combine(dir, ResultsJson.FileName), ResultsJson.Build(r, rendered, notes), utf8);
        File.WriteAllText(Path.Combine(dir, SummaryMarkdown.FileName), SummaryMarkdown.Build(r, rendered, notes), utf8);
    }

    /// <summary>The scan file of one fit of a scan: scan_&lt;scan&gt;_&lt;fit&gt;.csv.</summary>
    public static string ScanFileName(ScanSpec spec, string fit) => $"scan_{spec.Label}_{fit}.csv";

    /// <summary>
    /// The scan file of one fit of a scan: <see cref="ScanCsv"/>'s file, with the analysis, scan and fit as its first
    /// comment where 'scan' has its command line.
    /// </summary>
    public static string ScanFileText(AnalysisResults r, ScanSpec spec, ScanFitOutcome fit) =>
        ScanCsv.Format(fit.Table, [$"cevns run {Path.GetFileName(r.Analysis.Origin)}: scan {spec.Label}, fit {fit.Fit}", $"software: {r.SoftwareVersion}"]);

    /// <summary>The target may be absent, an empty folder or an earlier report (it has results.json and summary.md).</summary>
    public static void CheckReplaceable(string target)
    {
        if (File.Exists(target))
            throw new AnalysisFileException($"--out {target}: is a file, not a folder");
        if (!Directory.Exists(target)) return;
        bool empty = !Directory.EnumerateFileSystemEntries(target).Any();
        bool report = File.Exists(Path.Combine(target, ResultsJson.FileName)) && File.Exists(Path.Combine(target, SummaryMarkdown.FileName));
        if (!empty && !report)
            throw new AnalysisFileException($"--out {target}: the folder exists and is not a cevns report; choose a new or empty folder");
    }

    private static void Replace(string temp, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(temp, target);
            return;
        }
        var old = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.old-{Guid.NewGuid():N}");
        Directory.Move(target, old);
        Directory.Move(temp, target);
        TryDelete(old);
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
