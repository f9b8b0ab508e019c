namespace Cevns.Physics.Migdal;

/// <summary>
/// The elements with Migdal transition tables, their shells and binding energies, and the default shell selection.
/// Binding energies: Ibe et al., arXiv:1707.07258, Table II, as quoted in data/migdal/SOURCE.md (eV).
/// </summary>
public static class MigdalAtoms
{
    private static readonly Dictionary<string, AtomicShell[]> Shells = new(StringComparer.Ordinal)
    {
        ["Ge"] =
        [
            new(1, 0, 1.1e4), new(2, 0, 1.4e3), new(2, 1, 1.2e3), new(3, 0, 1.7e2), new(3, 1, 1.2e2), new(3, 2, 3.5e1),
            new(4, 0, 1.5e1), new(4, 1, 6.5),
        ],
        ["Ar"] = [new(1, 0, 3.2e3), new(2, 0, 3.0e2), new(2, 1, 2.4e2), new(3, 0, 2.7e1), new(3, 1, 1.3e1)],
    };

    /// <summary>
    /// Default highest principal quantum number per element: the outermost shells (Ge n = 4) are band states in the
    /// crystal, for which the isolated-atom probabilities do not apply (SOURCE.md; Ge analyses keep n &lt;= 3). Ar keeps
    /// all shells (n = 3 is the valence shell of the liquid, kept for completeness).
    /// </summary>
    public static int DefaultMaxN(string element) => ShellsOf(element).Count > 0 ? 3 : 0;

    public static bool Has(string element) => Shells.ContainsKey(element);

    public static IReadOnlyList<string> Elements => Shells.Keys.ToArray();

    /// <summary>All tabulated shells of an element, inner first.</summary>
    public static IReadOnlyList<AtomicShell> ShellsOf(string element) =>
        Shells.TryGetValue(element, out var s)
            ? s
            : throw new ArgumentException($"no Migdal tables for element {element} (known: {string.Join(", ", Shells.Keys)})", nameof(element));

    /// <summary>Relative path of an element's table under the data directory.</summary>
    public static string TablePath(string element) => Path.Combine("migdal", $"migdal_transition_{element}.csv");
}
