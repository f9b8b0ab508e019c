using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Cevns.Physics;
using Spectre.Console;

namespace Cevns.Cli.Commands;

/// <summary>cevns parameters: every physics parameter with its default, unit and allowed range (ParameterCatalog.All).</summary>
public sealed class ParametersCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var json = CliOptions.Json("the list");
        var command = new Command("parameters", "List the physics parameters (names for --set), defaults, units and allowed ranges.")
        {
            json,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(json))
                WriteJson(context.Out, ParameterCatalog.All);
            else
                WriteTable(context, ParameterCatalog.All);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>{"parameters": [{"name", "default", "min", "max", "unit", "description"}, ...]}; infinite bounds are null.</summary>
    public static void WriteJson(TextWriter output, IEnumerable<ParameterDefinition> definitions) =>
        JsonText.Write(output, w => WriteJson(w, definitions));

    /// <summary>The JSON object of parameters --json (also the answer of 'cevns serve').</summary>
    public static void WriteJson(Utf8JsonWriter w, IEnumerable<ParameterDefinition> definitions) =>
        JsonSerializer.Serialize(w, Json(definitions), Cevns.Data.JsonFormats.Report);

    internal static Document Json(IEnumerable<ParameterDefinition> definitions) =>
        new(definitions.Select(d => new Entry(d.Name, d.Default, d.Min, d.Max, d.Unit, d.Description)).ToArray());

    internal sealed record Document(IReadOnlyList<Entry> Parameters);

    internal sealed record Entry(string Name, double Default, double Min, double Max, string Unit, string Description);

    private static void WriteTable(CliContext context, IEnumerable<ParameterDefinition> definitions)
    {
        var table = new Table { Border = TableBorder.Markdown };
        table.AddColumns("name", "default", "unit", "allowed range", "description");
        table.Columns[1].RightAligned();
        foreach (var d in definitions)
            table.AddRow(Markup.Escape(d.Name), d.Default.ToString("G6", CultureInfo.InvariantCulture),
                Markup.Escape(d.Unit), Markup.Escape(d.RangeText), Markup.Escape(d.Description));
        // Not a terminal (pipe, file, test): wide enough that no row wraps.
        var width = context.OutIsTerminal ? Console.WindowWidth : 240;
        context.Out.Write(TextTable.Render(table, width));
    }
}
