using Cevns.Physics.CrossSections;
using Cevns.Physics.Nuclei;

namespace Cevns.Datasets;

/// <summary>
/// The dataset option <c>nuclear_model</c> (declared by the germanium datasets): which radii the CEvNS form factors use,
/// <c>element</c> (rp.&lt;El&gt;, rn.&lt;El&gt;) or the per-isotope <c>nsm</c>, <c>d1s</c>, <c>d1m</c> radii of the joint
/// germanium analysis (<see cref="NuclearRadiusSet"/>). A dataset that does not declare it uses its definition's cross-section options unchanged.
/// <code>
/// options:
///   nuclear_model: { default: element, choices: [element, nsm, d1s, d1m], description: ... }
/// </code>
/// </summary>
public static class NuclearModelOption
{
    public const string Name = "nuclear_model";

    /// <summary>The cross-section options this dataset's option values select.</summary>
    public static CrossSectionOptions CrossSectionOptions(this DatasetDefinition definition)
    {
        if (!definition.Options.Declared.Any(o => o.Name == Name))
            return definition.CrossSections;
        var text = definition.Options.Text(Name);
        if (!NuclearRadiusSet.TryParse(text, out var model))
            throw new DatasetException($"dataset {definition.Id}: option {Name}: '{text}' is not a radius model (known: {string.Join(", ", NuclearRadiusSet.Names)})");
        return definition.CrossSections with { NuclearRadii = model };
    }
}
