using System.Globalization;
using Cevns.Data;

namespace Cevns.Datasets;

/// <summary>
/// An analysis choice a dataset offers (e.g. the Ge quenching model or the reactor spectrum model), declared in
/// its definition file under <c>options:</c> with a default and either a list of choices or a numeric range:
/// <code>
/// options:
///   quenching: { default: fef, choices: [fef, ybe, lindhard], description: ... }
///   lindhard_k: { default: 0.162, range: [0.05, 0.40], description: ... }
/// </code>
/// </summary>
public sealed record DatasetOption(string Name, string Description, string Default, IReadOnlyList<string> Choices, double Min, double Max)
{
    public bool IsNumeric => Choices.Count == 0;

    /// <summary>What values are allowed, for messages and help: "fef, ybe, lindhard" or "a number in [0.05, 0.4]".</summary>
    public string AllowedText => IsNumeric
        ? $"a number in [{Min.ToString("G6", CultureInfo.InvariantCulture)}, {Max.ToString("G6", CultureInfo.InvariantCulture)}]"
        : string.Join(", ", Choices);

    /// <summary>The canonical text of a value (choice in lower case, number in invariant notation), or null if not allowed.</summary>
    public string? Canonical(string value)
    {
        var v = value.Trim();
        if (!IsNumeric)
            return Choices.FirstOrDefault(c => c.Equals(v, StringComparison.OrdinalIgnoreCase));
        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) && x >= Min && x <= Max
            ? x.ToString("R", CultureInfo.InvariantCulture)
            : null;
    }
}

/// <summary>
/// The option values of one dataset: the declared defaults, overridden per run (analysis files, command line) with
/// <see cref="With"/>. Kinds read them with <see cref="Text"/> and <see cref="Number"/> when they build the dataset,
/// so a dataset built with other options is another dataset object (responses are built once per option set).
/// </summary>
public sealed class DatasetOptions
{
    private readonly string _datasetId;
    private readonly Dictionary<string, string> _values;

    public IReadOnlyList<DatasetOption> Declared { get; }

    private DatasetOptions(string datasetId, IReadOnlyList<DatasetOption> declared, Dictionary<string, string> values)
    {
        _datasetId = datasetId;
        Declared = declared;
        _values = values;
    }

    public static DatasetOptions None(string datasetId) => new(datasetId, [], new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Reads the <c>options:</c> section (may be null: no options); errors name file, line and key.</summary>
    public static DatasetOptions Parse(string datasetId, Facts? section)
    {
        if (section is null)
            return None(datasetId);
        var declared = new List<DatasetOption>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in section.Keys)
        {
            var o = section.Section(name);
            o.AllowOnly("default", "choices", "range", "description");
            var description = o.OptionalString("description") ?? "";
            DatasetOption option;
            if (o.Has("choices"))
            {
                if (o.Has("range"))
                    throw o.Error("range", "an option has either choices or a range, not both");
                var choices = o.Strings("choices").Select(c => c.Trim().ToLowerInvariant()).ToArray();
                if (choices.Length == 0 || choices.Distinct().Count() != choices.Length)
                    throw o.Error("choices", "expected a non-empty list of distinct names");
                option = new DatasetOption(name, description, o.String("default"), choices, double.NaN, double.NaN);
            }
            else
            {
                var range = o.Numbers("range");
                if (range.Length != 2 || !(range[0] < range[1]))
                    throw o.Error("range", "expected [min, max] with min < max");
                option = new DatasetOption(name, description, o.String("default"), [], range[0], range[1]);
            }
            var canonical = option.Canonical(option.Default)
                            ?? throw o.Error("default", $"default '{option.Default}' is not allowed (allowed: {option.AllowedText})");
            declared.Add(option with { Default = canonical });
            values[name] = canonical;
        }
        return new DatasetOptions(datasetId, declared, values);
    }

    /// <summary>The same options with some values replaced; unknown names and values out of range raise a one-line <see cref="DatasetException"/>.</summary>
    public DatasetOptions With(IEnumerable<KeyValuePair<string, string>> overrides)
    {
        var values = new Dictionary<string, string>(_values, StringComparer.Ordinal);
        foreach (var (name, value) in overrides)
        {
            var option = Find(name.Trim());
            values[option.Name] = option.Canonical(value)
                ?? throw new DatasetException($"dataset {_datasetId}: option {option.Name}: '{value}' is not allowed (allowed: {option.AllowedText})");
        }
        return new DatasetOptions(_datasetId, Declared, values);
    }

    /// <summary>Parses "name=value" (as given on a command line or in an analysis file).</summary>
    public static KeyValuePair<string, string> ParseAssignment(string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0 || eq == assignment.Length - 1)
            throw new DatasetException($"dataset option '{assignment}': expected name=value");
        return new(assignment[..eq].Trim(), assignment[(eq + 1)..].Trim());
    }

    public DatasetOption Find(string name) =>
        Declared.FirstOrDefault(o => o.Name == name)
        ?? throw new DatasetException(Declared.Count == 0
            ? $"dataset {_datasetId} has no options (asked for '{name}')"
            : $"dataset {_datasetId} has no option '{name}' (options: {string.Join(", ", Declared.Select(o => o.Name))})");

    /// <summary>The value of a choice option (canonical lower-case text).</summary>
    public string Text(string name) => _values[Find(name).Name];

    /// <summary>The value of a numeric option.</summary>
    public double Number(string name)
    {
        var option = Find(name);
        if (!option.IsNumeric)
            throw new DatasetException($"dataset {_datasetId}: option {name} is a choice ({option.AllowedText}), not a number");
        return double.Parse(_values[name], CultureInfo.InvariantCulture);
    }

    public bool IsDefault(string name) => _values[Find(name).Name] == Find(name).Default;

    /// <summary>All values in declaration order, e.g. "quenching=fef, flux_model=hmve, lindhard_k=0.162".</summary>
    public string Summary => string.Join(", ", Declared.Select(o => $"{o.Name}={_values[o.Name]}"));

    public IReadOnlyDictionary<string, string> Values => _values;
}
