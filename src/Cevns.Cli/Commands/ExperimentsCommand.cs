using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cevns.Data;
using Cevns.Datasets;

namespace Cevns.Cli.Commands;

/// <summary>cevns experiments: the shipped datasets, what data each has, and where it is read from.</summary>
public sealed class ExperimentsCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var dataDir = CliOptions.DataDir();
        var json = CliOptions.Json("the datasets and their data files");
        var command = new Command("experiments", "List the datasets, the data each one reads and whether it is present.") { dataDir, json };
        command.SetAction(parse =>
        {
            var dir = context.ResolveDataDirectory(parse.GetValue(dataDir));
            var defs = DatasetRegistry.Definitions;
            if (parse.GetValue(json))
            {
                JsonText.Write(context.Out, w => WriteJson(w, dir, defs));
                return ExitCodes.Success;
            }
            context.Out.WriteLine($"data directory: {dir.Description}");
            foreach (var d in defs)
            {
                var files = DatasetRegistry.FileStatus(d, dir.Path).ToList();
                int present = files.Count(f => f.Present);
                context.Out.WriteLine();
                context.Out.WriteLine($"{d.Id}  ({d.Target.Name}) {d.Title}");
                context.Out.WriteLine($"  reference: {d.Reference}");
                if (d.SourceFile is not null) context.Out.WriteLine($"  definition: {d.SourceFile}");
                if (d.Supersedes.Count > 0) context.Out.WriteLine($"  supersedes: {string.Join(", ", d.Supersedes)}");
                if (d.DataNote is not null) context.Out.WriteLine($"  data: {d.DataNote}");
                context.Out.WriteLine($"  files: {present}/{files.Count} present");
                foreach (var f in files.Where(f => !f.Present))
                    context.Out.WriteLine($"    missing: {f.RelativePath} ({f.Name})");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The JSON object of experiments --json (also the answer of 'cevns serve').</summary>
    public static void WriteJson(Utf8JsonWriter w, DataDirectory dir, IEnumerable<DatasetDefinition> defs) =>
        JsonSerializer.Serialize(w, Json(dir, defs), JsonFormats.Report);

    internal static Document Json(DataDirectory dir, IEnumerable<DatasetDefinition> defs) =>
        new(dir.Path, dir.SourceLabel, defs.Select(d => new Experiment(d.Id, d.Title, d.Reference, d.Target.Name, d.Kind,
            d.SourceFile, d.DataNote, d.Supersedes, DatasetRegistry.FileStatus(d, dir.Path).Select(f => new DataFile(f.Name, f.RelativePath, f.Present)).ToArray())).ToArray());

    internal sealed record Document([property: JsonPropertyName("data_dir")] string DataDir, string Source, IReadOnlyList<Experiment> Experiments);

    /// <summary>definition_file only for a user definition, data_note only when the dataset has one.</summary>
    internal sealed record Experiment(string Id, string Title, string Reference, string Target, string Kind,
        [property: JsonPropertyName("definition_file"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DefinitionFile,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DataNote,
        IReadOnlyList<string> Supersedes, IReadOnlyList<DataFile> Files);

    internal sealed record DataFile(string Name, string Path, bool Present);
}
