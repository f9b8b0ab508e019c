using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Cevns.Data;
using Cevns.Physics;

namespace Cevns.Cli;

/// <summary>
/// Option factories shared by the commands. Values are converted at parse time; a bad value becomes a
/// parse error that names the option, the value and what is allowed.
/// </summary>
public static class CliOptions
{
    public delegate bool TryParse<T>(string text, out T value);

    /// <summary>
    /// An option whose value is one name out of a list (e.g. --flavor nue). Without <paramref name="defaultName"/>
    /// the option is required.
    /// </summary>
    public static ChoiceOption<T> Choice<T>(string name, string description, string noun, TryParse<T> tryParse,
        IEnumerable<string> allowed, string? defaultName = null)
    {
        var allowedText = string.Join(", ", allowed);
        T fallback = default!;
        if (defaultName is not null && !tryParse(defaultName, out fallback))
            throw new ArgumentException($"default '{defaultName}' of {name} is not one of its values", nameof(defaultName));
        return new ChoiceOption<T>(name, fallback)
        {
            Description = $"{description} ({allowedText}){(defaultName is null ? "" : $", default {defaultName}")}",
            HelpName = noun,
            Required = defaultName is null,
            CustomParser = r =>
            {
                var text = SingleToken(r, name);
                if (text is null)
                    return default!;
                if (tryParse(text, out var value))
                    return value;
                r.AddError($"{name}: unknown {noun} '{text}' (allowed: {allowedText})");
                return default!;
            },
        };
    }

    /// <summary>A required energy in the given unit; must be finite and above (or at) the lower bound.</summary>
    public static Option<double> Energy(string name, string description, string unit, bool zeroAllowed)
    {
        return new Option<double>(name)
        {
            Description = $"{description} [{unit}]",
            HelpName = unit,
            Required = true,
            CustomParser = r =>
            {
                var text = SingleToken(r, name);
                if (text is null)
                    return double.NaN;
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    r.AddError($"{name}: '{text}' is not a finite number ({unit})");
                    return double.NaN;
                }
                if (value < 0 || (value == 0 && !zeroAllowed))
                {
                    r.AddError($"{name}: must be {(zeroAllowed ? ">= 0" : "> 0")} {unit}, got {text}");
                    return double.NaN;
                }
                return value;
            },
        };
    }

    /// <summary>Repeatable --set name=value; the values are checked when applied (<see cref="ApplyAssignments"/>).</summary>
    public static Option<string[]> Set() => new("--set")
    {
        Description = "set a physics parameter, name=value (repeatable; see 'cevns parameters')",
        HelpName = "name=value",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>Repeatable --tie target=expression (Cevns.Fitting.ParameterTie): a physics parameter derived linearly from another.</summary>
    public static Option<string[]> Tie() => new("--tie")
    {
        Description = "derive a physics parameter from another, target=expression with expression p, a*p, a*p+b, a*p-b or p+b, e.g. nsi.d.ee=nsi.u.ee (repeatable)",
        HelpName = "target=expr",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>
    /// The ties of predict: checked (names, cycles; a tied parameter may not also be --set, nor in <paramref name="varied"/>,
    /// the parameters of a batch) and resolved.
    /// </summary>
    public static Cevns.Fitting.ParameterTies ResolveTies(IEnumerable<string>? ties, IEnumerable<string>? setAssignments, IEnumerable<string> varied)
    {
        var list = (ties ?? []).Select(Cevns.Fitting.ParameterTie.Parse).ToArray();
        var resolved = Cevns.Fitting.ParameterTies.Resolve(list);
        var set = (setAssignments ?? []).Select(a => a.Split('=')[0].Trim()).ToHashSet(StringComparer.Ordinal);
        foreach (var r in resolved.Resolved)
        {
            if (set.Contains(r.Target))
                throw CliException.Usage($"parameter '{r.Target}' is both tied (--tie {r.Tie}) and set (--set); choose one");
            if (varied.Contains(r.Target))
                throw CliException.Usage($"parameter '{r.Target}' is both tied (--tie {r.Tie}) and varied by --points/--grid; choose one");
        }
        return resolved;
    }

    /// <summary>A point with its tied parameters derived; a derived value outside its allowed range is a usage error naming the tie.</summary>
    public static PhysicsParameters ApplyTies(Cevns.Fitting.ParameterTies ties, PhysicsParameters point, string where = "--tie")
    {
        try
        {
            return ties.Apply(point);
        }
        catch (ParameterException ex)
        {
            throw CliException.Usage($"{where}: {ex.Message}");
        }
    }

    /// <summary>The Standard Model point with every --set assignment applied, in order.</summary>
    public static PhysicsParameters ApplyAssignments(IEnumerable<string>? assignments)
    {
        var p = PhysicsParameters.StandardModel;
        foreach (var a in assignments ?? [])
        {
            try
            {
                p = p.WithAssignment(a);
            }
            catch (ParameterException ex)
            {
                throw CliException.Usage($"--set {a}: {ex.Message}");
            }
        }
        return p;
    }

    /// <summary>
    /// --charge-radius-q-dependent: the momentum-dependent SM neutrino charge radius in CEvNS (arXiv:2402.16709;
    /// <see cref="Cevns.Physics.CrossSections.CrossSectionOptions.MomentumDependentChargeRadius"/>). The same switch as the
    /// analysis-file key charge_radius_q_dependent.
    /// </summary>
    public static Option<bool> ChargeRadiusQDependent() => new(ChargeRadiusQDependentName)
    {
        Description = "momentum-dependent SM neutrino charge radius in CEvNS (arXiv:2402.16709; default: static charge radius)",
    };

    public const string ChargeRadiusQDependentName = "--charge-radius-q-dependent";

    /// <summary>Every dataset definition with the cross-section switches of the command line.</summary>
    public static Cevns.Datasets.DatasetDefinition WithChargeRadiusQDependent(Cevns.Datasets.DatasetDefinition definition, bool on) =>
        on ? definition with { CrossSections = definition.CrossSections with { MomentumDependentChargeRadius = true } } : definition;

    public static Option<bool> Json(string what) => new("--json") { Description = $"print {what} as one JSON object" };

    /// <summary>--data-dir; when absent, CEVNS_DATA and then data/ in the repository are used.</summary>
    public static Option<string> DataDir() => new(DataDirectory.CommandLineOption)
    {
        Description = $"data directory (default: ${DataDirectory.EnvironmentVariable}, else data/ in the repository)",
        HelpName = "dir",
    };

    /// <summary>--datasets-dir DIR (repeatable): folders of user dataset definitions (*.yaml), read besides the built-in ones.</summary>
    public static Option<string[]> DatasetsDir() => new(Cevns.Datasets.DatasetCatalog.CommandLineOption)
    {
        Description = $"folder of extra dataset definitions (*.yaml), repeatable; also ${Cevns.Datasets.DatasetCatalog.EnvironmentVariable} (path list)",
        HelpName = "dir",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The one token of a single-valued option, or null after recording an error.</summary>
    private static string? SingleToken(ArgumentResult r, string name)
    {
        if (r.Tokens.Count == 1)
            return r.Tokens[0].Value;
        r.AddError(r.Tokens.Count == 0 ? $"{name}: a value is required" : $"{name}: given {r.Tokens.Count} times, expected once");
        return null;
    }
}

/// <summary>
/// A named-choice option whose default is applied when reading the value (not through
/// DefaultValueFactory, which would make the help show the enum name instead of the CLI name).
/// </summary>
public sealed class ChoiceOption<T>(string name, T fallback) : Option<T>(name)
{
    public T Fallback { get; } = fallback;

    public T ValueIn(ParseResult parse) => parse.GetResult(this) is null ? Fallback : parse.GetValue(this)!;
}
