using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Cevns.Datasets;
using Cevns.Physics;
using Spectre.Console;

namespace Cevns.Cli.Commands;

/// <summary>
/// cevns predict: expected events of one dataset at a physics point, per component (CEvNS by flavour,
/// nu-e scattering, Migdal by shell if the dataset's channel is on, each background) per bin and in total.
/// </summary>
public sealed class PredictCommand : ICliCommand
{
    /// <summary>Above this many bins the text table shows the projection onto the first axis (JSON always has every bin).</summary>
    public const int MaxBinsInTable = 150;

    public Command Create(CliContext context)
    {
        var experiment = new Option<string>("--experiment") { Description = "dataset id (see 'cevns experiments')", Required = true, HelpName = "id" };
        var set = CliOptions.Set();
        var tie = CliOptions.Tie();
        var option = new Option<string[]>("--option")
        {
            Description = "dataset option name=value, e.g. quenching=ybe (repeatable; the definition lists its options)",
            HelpName = "name=value",
            Arity = ArgumentArity.OneOrMore,
        };
        var running = CliOptions.ChargeRadiusQDependent();
        var dataDir = CliOptions.DataDir();
        var json = CliOptions.Json("the prediction");
        var (points, grid) = (PredictBatch.PointsOption(), PredictBatch.GridOption());
        var command = new Command("predict", "Expected events per component and bin for a dataset.") { experiment, set, tie, option, running, dataDir, json, points, grid };
        command.SetAction(parse =>
        {
            var parameters = CliOptions.ApplyAssignments(parse.GetValue(set));
            var dir = context.ResolveDataDirectory(parse.GetValue(dataDir));
            var asJson = parse.GetValue(json);
            var definition = CliOptions.WithChargeRadiusQDependent(
                Definition(parse.GetValue(experiment)!, parse.GetValue(option)), parse.GetValue(running));
            var batch = PredictBatch.Points(parse.GetValue(points), parse.GetValue(grid), context.CurrentDirectory);
            var ties = CliOptions.ResolveTies(parse.GetValue(tie), parse.GetValue(set), batch?.Names ?? []);
            if (batch is not null)
                return PredictBatch.Run(context, DatasetRegistry.Load(definition, dir.Path), parameters, batch, asJson, ties);
            parameters = CliOptions.ApplyTies(ties, parameters);
            if (!asJson)
                context.Out.WriteLine($"data directory: {dir.Description}");
            var dataset = DatasetRegistry.Load(definition, dir.Path);
            var prediction = dataset.Predict(parameters);
            if (asJson)
                JsonText.Write(context.Out, w => WriteJson(w, prediction, parameters));
            else
            {
                foreach (var r in ties.Resolved)
                    context.Out.WriteLine($"tied: {r.Tie} = {parameters[r.Target].ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}");
                WriteText(context, dataset.Definition, prediction);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The definition of a dataset id with its --option name=value assignments applied; unknown ones are usage errors.</summary>
    public static DatasetDefinition Definition(string experiment, IEnumerable<string>? optionAssignments)
    {
        try
        {
            var options = (optionAssignments ?? []).Select(DatasetOptions.ParseAssignment).ToArray();
            var definition = DatasetRegistry.Find(experiment);
            return options.Length > 0 ? definition.With(options) : definition;
        }
        catch (DatasetException e)
        {
            throw CliException.Usage(e.Message);
        }
    }

    private static string F(double x) => x.ToString(Math.Abs(x) >= 100 ? "F1" : Math.Abs(x) >= 1 ? "F2" : "G3", CultureInfo.InvariantCulture);

    private static void WriteText(CliContext context, DatasetDefinition def, DatasetPrediction p)
    {
        var o = context.Out;
        o.WriteLine($"{def.Id}: {def.Title}");
        o.WriteLine($"reference: {def.Reference}");
        foreach (var n in p.Notes) o.WriteLine($"note: {n}");

        var species = p.Cevns.Keys.OrderBy(s => (int)s).ToArray();
        var esSpecies = p.ElectronScattering.Keys.OrderBy(s => (int)s).ToArray();
        bool migdal = p.Migdal.Count > 0;
        var bkg = p.Backgrounds.Keys.ToArray();
        bool project = p.Bins.Count > MaxBinsInTable;
        var (labels, rows) = project ? Project(p) : (p.Bins.Select(b => b.Label).ToArray(), Enumerable.Range(0, p.Bins.Count).Select(i => new[] { i }).ToArray());

        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(project ? $"{p.Bins[0].Ranges[0].Axis} (summed over other axes)" : "bin");
        foreach (var s in species) table.AddColumn(new TableColumn($"CEvNS {s.Name()}").RightAligned());
        if (esSpecies.Length > 0) table.AddColumn(new TableColumn("nu-e ES").RightAligned());
        if (migdal) table.AddColumn(new TableColumn("Migdal").RightAligned());
        foreach (var b in bkg) table.AddColumn(new TableColumn(b).RightAligned());
        if (p.Observed is not null) table.AddColumn(new TableColumn("observed").RightAligned());
        for (int r = 0; r < labels.Length; r++)
        {
            var idx = rows[r].Where(i => p.InAnalysis[i]).ToArray();
            if (idx.Length == 0) continue;
            var cells = new List<string> { labels[r] };
            cells.AddRange(species.Select(s => F(idx.Sum(i => p.Cevns[s][i]))));
            if (esSpecies.Length > 0) cells.Add(F(idx.Sum(i => esSpecies.Sum(s => p.ElectronScattering[s][i]))));
            if (migdal) cells.Add(F(idx.Sum(i => p.Migdal.Values.Sum(v => v[i]))));
            cells.AddRange(bkg.Select(b => F(idx.Sum(i => p.Backgrounds[b][i]))));
            if (p.Observed is not null) cells.Add(F(idx.Sum(i => p.Observed[i])));
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        o.Write(TextTable.Render(table, context.OutIsTerminal ? Console.WindowWidth : 200));

        o.WriteLine("totals in the analysis region:");
        o.WriteLine($"  CEvNS                {F(p.SignalTotal)}");
        foreach (var (s, v) in p.CevnsTotalBySpecies.OrderBy(kv => (int)kv.Key))
            o.WriteLine($"    {s.Name(),-18} {F(v)}");
        if (esSpecies.Length > 0) o.WriteLine($"  nu-e scattering      {F(p.ElectronScatteringTotal)}");
        if (migdal)
        {
            o.WriteLine($"  Migdal (CEvNS + e-)  {F(p.MigdalTotal)}");
            foreach (var (shell, v) in p.MigdalTotalByShell)
                o.WriteLine($"    shell {shell,-12} {F(v)}");
        }
        foreach (var (b, v) in p.BackgroundTotals)
            o.WriteLine($"  {b,-20} {F(v)}");
        if (p.ObservedTotal is { } obs) o.WriteLine($"  observed             {F(obs)}");
    }

    /// <summary>Groups bins by their range on the first axis.</summary>
    private static (string[] Labels, int[][] Rows) Project(DatasetPrediction p)
    {
        var groups = Enumerable.Range(0, p.Bins.Count)
            .GroupBy(i => (p.Bins[i].Ranges[0].Lo, p.Bins[i].Ranges[0].Hi))
            .OrderBy(g => g.Key.Lo).ToArray();
        var first = p.Bins[0].Ranges[0];
        return (groups.Select(g => $"{g.Key.Lo:G4}-{g.Key.Hi:G4} {first.Unit}".TrimEnd()).ToArray(), groups.Select(g => g.ToArray()).ToArray());
    }

    /// <summary>The JSON object of predict --json (also one line of a batch and the answer of 'cevns serve').</summary>
    public static void WriteJson(Utf8JsonWriter w, DatasetPrediction p, PhysicsParameters parameters) =>
        JsonSerializer.Serialize(w, Json(p, parameters), Cevns.Data.JsonFormats.Report);

    /// <summary>The JSON object of predict --json (also one answer of 'cevns serve', or one element of its "predictions").</summary>
    internal static Document Json(DatasetPrediction p, PhysicsParameters parameters)
    {
        static Dictionary<string, double> BySpecies<T>(IEnumerable<KeyValuePair<NeutrinoSpecies, T>> map, Func<T, double> value) =>
            map.OrderBy(kv => (int)kv.Key).ToDictionary(kv => kv.Key.Name(), kv => value(kv.Value));
        var bins = new List<Dictionary<string, object>>();
        for (int i = 0; i < p.Bins.Count; i++)
        {
            // Each bin: its ranges first, named axis_unit (energy_PE: [lo, hi]), then the counts by channel.
            var bin = new Dictionary<string, object>();
            foreach (var r in p.Bins[i].Ranges) bin[r.Unit.Length > 0 ? $"{r.Axis}_{r.Unit}" : r.Axis] = new[] { r.Lo, r.Hi };
            bin["in_analysis"] = p.InAnalysis[i];
            bin["cevns"] = BySpecies(p.Cevns, v => v[i]);
            bin["es"] = BySpecies(p.ElectronScattering, v => v[i]);
            bin["migdal"] = BySpecies(p.Migdal, v => v[i]);
            bin["migdal_by_shell"] = p.MigdalByShell.ToDictionary(m => m.Shell, m => m.Counts[i]);
            bin["backgrounds"] = p.Backgrounds.ToDictionary(kv => kv.Key, kv => kv.Value[i]);
            if (p.Observed is not null) bin["observed"] = p.Observed[i];
            bins.Add(bin);
        }
        return new Document(p.DatasetId, p.SignalTotal, BySpecies(p.CevnsTotalBySpecies, v => v), p.ElectronScatteringTotal,
            p.MigdalTotal, p.MigdalTotalByShell.ToDictionary(t => t.Shell, t => t.Total), p.BackgroundTotals.ToDictionary(kv => kv.Key, kv => kv.Value),
            p.ObservedTotal, p.Notes, parameters.NonDefault().ToDictionary(kv => kv.Key, kv => kv.Value), bins);
    }

    /// <summary>Totals in the analysis region (observed_total null without observed data), notes, non-default parameters, bins.</summary>
    internal sealed record Document(string Experiment, double SignalTotal, IReadOnlyDictionary<string, double> ByFlavor, double EsTotal, double MigdalTotal,
        IReadOnlyDictionary<string, double> MigdalByShell, IReadOnlyDictionary<string, double> Backgrounds, double? ObservedTotal,
        IReadOnlyList<string> Notes, IReadOnlyDictionary<string, double> Parameters, IReadOnlyList<IReadOnlyDictionary<string, object>> Bins);
}
