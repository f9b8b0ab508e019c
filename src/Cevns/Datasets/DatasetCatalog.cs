namespace Cevns.Datasets;

/// <summary>
/// The dataset definitions of a run: the built-in ones (Datasets/Definitions/*.yaml, embedded in the library) plus every
/// <c>*.yaml</c> file of the user's definition folders (<c>--datasets-dir DIR</c>, the <c>CEVNS_DATASETS</c> path list).
/// A user definition is read exactly like a built-in one, so a copy of a built-in file with another <c>id</c> behaves like
/// the built-in; an id may occur once only (the error names both files).
/// </summary>
public sealed class DatasetCatalog
{
    public const string CommandLineOption = "--datasets-dir";
    public const string EnvironmentVariable = "CEVNS_DATASETS";

    private static readonly Lazy<DatasetCatalog> BuiltinLazy = new(() => new DatasetCatalog(LoadBuiltin(), []));

    /// <summary>The definitions shipped with the library.</summary>
    public static DatasetCatalog Builtin => BuiltinLazy.Value;

    public IReadOnlyList<DatasetDefinition> Definitions { get; }

    /// <summary>The user folders read (full paths, in the order given).</summary>
    public IReadOnlyList<string> Folders { get; }

    private DatasetCatalog(IReadOnlyList<DatasetDefinition> definitions, IReadOnlyList<string> folders)
    {
        var first = new Dictionary<string, DatasetDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in definitions)
        {
            if (first.TryGetValue(d.Id, out var other))
                throw new DatasetException($"dataset id '{d.Id}' is defined twice: in {Describe(other)} and in {Describe(d)}; give one of them another id");
            first[d.Id] = d;
        }
        Definitions = definitions;
        Folders = folders;
    }

    private static string Describe(DatasetDefinition d) => d.SourceFile ?? $"the built-in Datasets/Definitions/{d.Id}.yaml";

    /// <summary>
    /// The built-in definitions plus the <c>*.yaml</c> files directly inside each folder (sorted by name). A folder that
    /// does not exist is an error; relative folders are taken relative to <paramref name="currentDirectory"/>.
    /// </summary>
    public static DatasetCatalog WithFolders(IEnumerable<string> folders, string? currentDirectory = null)
    {
        var list = Builtin.Definitions.ToList();
        var full = new List<string>();
        foreach (var folder in folders)
        {
            var path = Path.GetFullPath(folder, currentDirectory ?? Directory.GetCurrentDirectory());
            if (!Directory.Exists(path))
                throw new DatasetException($"dataset definition folder '{folder}' not found ({CommandLineOption} or {EnvironmentVariable})");
            if (full.Contains(path, StringComparer.Ordinal)) continue;
            full.Add(path);
            foreach (var file in Directory.EnumerateFiles(path, "*.yaml").Order(StringComparer.Ordinal))
                list.Add(DatasetDefinition.Parse(file, File.ReadAllText(file)) with { SourceFile = file });
        }
        return full.Count == 0 ? Builtin : new DatasetCatalog(list, full);
    }

    /// <summary>
    /// The folders of a run: the <c>--datasets-dir</c> values first, then the entries of <c>CEVNS_DATASETS</c> (separated by
    /// the platform's path-list separator, ':' on Linux and macOS, ';' on Windows). Empty entries are ignored.
    /// </summary>
    public static IReadOnlyList<string> FoldersFrom(IEnumerable<string>? commandLine, string? environmentValue) =>
        (commandLine ?? [])
        .Concat((environmentValue ?? "").Split(Path.PathSeparator))
        .Select(s => s.Trim())
        .Where(s => s.Length > 0)
        .ToArray();

    public DatasetDefinition Find(string id) =>
        Definitions.FirstOrDefault(d => d.Id.Equals(id.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new DatasetException($"unknown experiment '{id}' (known: {string.Join(", ", Definitions.Select(d => d.Id))})");

    private static IReadOnlyList<DatasetDefinition> LoadBuiltin()
    {
        var asm = typeof(DatasetCatalog).Assembly;
        var list = new List<DatasetDefinition>();
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith("datasets/", StringComparison.Ordinal)).Order())
        {
            using var s = asm.GetManifestResourceStream(name)!;
            using var r = new StreamReader(s);
            list.Add(DatasetDefinition.Parse("Datasets/Definitions/" + name["datasets/".Length..], r.ReadToEnd()));
        }
        return list;
    }
}
