using System.CommandLine;
using System.Globalization;
using Cevns.Analyses;
using Cevns.Analyses.Figures;
using Cevns.Analyses.Reports;

namespace Cevns.Cli.Commands;

/// <summary>
/// cevns run &lt;analysis.yaml | preset:NAME&gt; [--out DIR]: runs an analysis file (fits, scans) and writes its report
/// folder (summary.md, results.json, scan CSVs, figures). The analysis is checked completely (file, datasets)
/// before anything is computed, and the report appears only when complete.
/// </summary>
/// <param name="backendFactory">The datasets and joint fit behind the analysis (tests pass synthetic ones).</param>
public sealed class RunCommand(Func<IAnalysisBackend> backendFactory) : ICliCommand
{
    public Command Create(CliContext context)
    {
        var analysis = new Argument<string>("analysis")
        {
            Description = "analysis file (YAML) or preset:NAME (see --list)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var output = new Option<string>("--out") { Description = "report folder (default: reports/<analysis name>)", HelpName = "dir" };
        var dataDir = CliOptions.DataDir();
        var noFigures = new Option<bool>("--no-figures") { Description = "skip the figures (tables, summary and results only)" };
        var list = new Option<bool>("--list") { Description = "list the presets and exit" };
        var threads = new Option<int>("--threads")
        {
            Description = "fits computed at the same time (default: processor count; the numbers do not depend on it)",
            HelpName = "n",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var command = new Command("run", "Run an analysis file or preset: fits, profile scans, and a report folder with tables and figures.")
        {
            analysis, output, dataDir, noFigures, list, threads,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(list))
            {
                foreach (var name in PresetCatalog.Names)
                    context.Out.WriteLine($"{PresetCatalog.Prefix}{name,-36} {PresetCatalog.Title(name)}");
                return ExitCodes.Success;
            }
            var reference = parse.GetValue(analysis)
                            ?? throw CliException.Usage("give an analysis file or preset:NAME (presets: 'cevns run --list')");
            AnalysisFile file;
            try
            {
                file = PresetCatalog.LoadAnalysis(reference);
            }
            catch (AnalysisFileException e)
            {
                throw CliException.Usage(e.Message);
            }

            var outDir = Path.GetFullPath(Path.Combine(context.CurrentDirectory, parse.GetValue(output) ?? Path.Combine("reports", file.Name)));
            try
            {
                ReportWriter.CheckReplaceable(outDir);
            }
            catch (AnalysisFileException e)
            {
                throw CliException.Usage(e.Message);
            }

            var dir = context.ResolveDataDirectory(parse.GetValue(dataDir));
            context.Out.WriteLine($"data directory: {dir.Description}");
            context.Out.WriteLine($"analysis: {file.Origin} ({file.Title}), sha256 {file.Sha256[..12]}");
            AnalysisResults results;
            try
            {
                int n = parse.GetValue(threads);
                if (n < 1) throw CliException.Usage($"--threads: must be >= 1, got {n}");
                results = new AnalysisRunner(backendFactory(), m => context.Out.WriteLine(m)) { Threads = n }.Run(file, dir.Path, Cevns.Fitting.SoftwareVersion.Current.Version);
            }
            catch (AnalysisFileException e)
            {
                throw CliException.Usage(e.Message);
            }
            string path;
            try
            {
                path = ReportWriter.Write(results, outDir, figures: !parse.GetValue(noFigures));
            }
            catch (FigureException e)
            {
                throw new CliException(ExitCodes.Internal, $"{e.Message}; no report was written");
            }
            WriteSummary(context.Out, results);
            foreach (var n in results.Notes) context.Out.WriteLine($"note: {n}");
            context.Out.WriteLine($"report: {path}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteSummary(TextWriter o, AnalysisResults r)
    {
        foreach (var f in r.Fits)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Label}: chi2_min = {f.Chi2:F3} ({f.DataPoints} data points){(f.Converged ? "" : " NOT CONVERGED")}"));
            foreach (var p in f.Parameters.Where(p => !p.IsNuisance))
                o.WriteLine($"  {AnalysisParameterNames.WithUnit(p.Name),-32} {SummaryMarkdown.Estimate(p)}");
        }
    }
}
