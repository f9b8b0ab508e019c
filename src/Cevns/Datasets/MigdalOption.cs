using Cevns.Physics.Migdal;
using Cevns.Physics.Nuclei;

namespace Cevns.Datasets;

/// <summary>The Migdal channel as chosen for a dataset: its element's table and the highest principal quantum number kept.</summary>
public sealed record MigdalChoice(MigdalTransitionTable Table, int MaxN);

/// <summary>
/// The dataset options of the Migdal channel, declared in a definition's <c>options:</c> (any dataset of a target with a
/// Migdal table may declare them):
/// <code>
/// migdal: { default: off, choices: [off, on], description: ... }
/// migdal_max_n: { default: 3, range: [1, 4], description: ... }   # optional; default MigdalAtoms.DefaultMaxN
/// </code>
/// </summary>
public static class MigdalOption
{
    public const string Name = "migdal";
    public const string MaxNName = "migdal_max_n";

    public static bool IsOn(DatasetOptions options) =>
        options.Declared.Any(o => o.Name == Name) && options.Text(Name) == "on";

    /// <summary>The choice for a dataset, or null when the channel is off (or not declared).</summary>
    public static MigdalChoice? Choice(DatasetOptions options, TargetMaterial target, string dataDirectory)
    {
        if (!IsOn(options)) return null;
        if (target.Elements.Count != 1 || !MigdalAtoms.Has(target.Elements[0]))
            throw new DatasetException($"option migdal=on: no Migdal tables for target {target.Name} (known elements: {string.Join(", ", MigdalAtoms.Elements)})");
        var element = target.Elements[0];
        int maxN = options.Declared.Any(o => o.Name == MaxNName)
            ? (int)Math.Floor(options.Number(MaxNName))
            : MigdalAtoms.DefaultMaxN(element);
        return new MigdalChoice(MigdalTransitionTable.ReadFromDataDirectory(dataDirectory, element), maxN);
    }
}
