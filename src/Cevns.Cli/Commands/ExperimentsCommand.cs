using System.CommandLine;
using System.Text.Json;
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
    public static void WriteJson(Utf8JsonWriter w, DataDirectory dir, IEnumerable<DatasetDefinition> defs)
    {
        w.WriteStartObject();
        w.WriteString("data_dir", dir.Path);
        w.WriteString("source", dir.SourceLabel);
        w.WriteStartArray("experiments");
        foreach (var d in defs)
        {
            w.WriteStartObject();
            w.WriteString("id", d.Id);
            w.WriteString("title", d.Title);
            w.WriteString("reference", d.Reference);
            w.WriteString("target", d.Target.Name);
            w.WriteString("kind", d.Kind);
            if (d.SourceFile is not null) w.WriteString("definition_file", d.SourceFile);
            if (d.DataNote is not null) w.WriteString("data_note", d.DataNote);
            w.WriteStartArray("supersedes");
            foreach (var s in d.Supersedes) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteStartArray("files");
            foreach (var (name, rel, present) in DatasetRegistry.FileStatus(d, dir.Path))
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("path", rel);
                w.WriteBoolean("present", present);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
