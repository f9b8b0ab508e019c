namespace Cevns.Analyses.Validation;

/// <summary>
/// The validation entries shipped with the library (Analyses/Validation/published.yaml, embedded) and the selection
/// of a run: all entries, the fast ones (--quick), or those whose id starts with one of the given prefixes (--only).
/// </summary>
public static class ValidationCatalog
{
    private const string Resource = "validation/published.yaml";

    private static readonly Lazy<string> ShippedText = new(() =>
    {
        var asm = typeof(ValidationCatalog).Assembly;
        using var s = asm.GetManifestResourceStream(Resource)
                      ?? throw new InvalidOperationException($"embedded resource {Resource} is missing from the library");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    });

    public static string Text => ShippedText.Value;

    /// <summary>The shipped entries, parsed and checked (errors name the file, line and key).</summary>
    public static IReadOnlyList<ValidationEntry> Load() => ValidationFileParser.Parse(ValidationMarkdown.EntriesFile, Text);

    /// <summary>
    /// The entries to run: those matching any of <paramref name="prefixes"/> (all when none), restricted to the fast
    /// ones with <paramref name="quick"/>; a prefix that matches nothing is an error naming the known ids.
    /// </summary>
    public static IReadOnlyList<ValidationEntry> Select(IReadOnlyList<ValidationEntry> entries, IReadOnlyList<string> prefixes, bool quick)
    {
        foreach (var p in prefixes)
            if (!entries.Any(e => e.Id.StartsWith(p, StringComparison.Ordinal)))
                throw new AnalysisFileException($"--only {p}: no entry id starts with '{p}' (ids: {string.Join(", ", entries.Select(e => e.Id))})");
        return entries.Where(e => (prefixes.Count == 0 || prefixes.Any(p => e.Id.StartsWith(p, StringComparison.Ordinal))) && (!quick || e.Fast)).ToArray();
    }
}
