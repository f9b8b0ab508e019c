using Cevns.Physics.Nuclei;

namespace Cevns.Datasets;

/// <summary>
/// Which physics parameters (catalogue names, <see cref="Physics.ParameterCatalog"/>) a dataset's prediction, and so its
/// chi^2, can depend on (<see cref="IDataset.Reads"/>). The declaration is conservative: a parameter is declared not read
/// only where the prediction certainly does not use it, so that a fit may skip it for this dataset (no derivative in it, no
/// new evaluation when only it moves) without changing any number. <c>DatasetDependenceTests</c> checks every declaration
/// of the catalogue: moving a parameter declared not read leaves the prediction and chi^2 bit for bit unchanged.
/// </summary>
public static class ParameterDependence
{
    /// <summary>
    /// A CEvNS (and nu-e, Migdal) spectrum on <paramref name="target"/>: every parameter except the nuclear radii
    /// (rn.&lt;El&gt;, rp.&lt;El&gt;) of elements that are not in the target. The form factors of a component read only the
    /// radii of its own element (<see cref="NuclearRadiusSet"/>); everything else (sin^2 theta_W, charge radii, magnetic
    /// moments, millicharges, NSI, mediators) enters the cross sections of every species and is declared read, even where
    /// a flavour a source lacks would make it irrelevant (not relied on).
    /// </summary>
    public static bool ReadBySpectrum(TargetMaterial target, string parameter) =>
        NuclearRadiusElement(parameter) is not { } element || target.Elements.Contains(element, StringComparer.Ordinal);

    /// <summary>The element of a nuclear-radius parameter ("rn.Cs", "rp.Cs": "Cs"), or null for any other parameter.</summary>
    public static string? NuclearRadiusElement(string parameter) =>
        parameter.Length > 3 && (parameter.StartsWith("rn.", StringComparison.Ordinal) || parameter.StartsWith("rp.", StringComparison.Ordinal))
            ? parameter[3..] : null;
}
