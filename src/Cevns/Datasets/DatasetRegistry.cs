namespace Cevns.Datasets;

/// <summary>Raised when a dataset cannot be found or its data cannot be used; the message is one line.</summary>
public sealed class DatasetException(string message) : Exception(message);

/// <summary>
/// The datasets of the current run (<see cref="DatasetCatalog"/>: the built-in definitions, plus the user's definition
/// folders when a command sets them with <see cref="Use"/>) and the kinds of shared machinery that interpret them. A new
/// experiment of an existing kind is a new definition file only.
/// </summary>
public static class DatasetRegistry
{
    // Per logical flow (a command, a test), so that runs in parallel in one process do not see each other's folders.
    private static readonly AsyncLocal<DatasetCatalog?> Scoped = new();

    /// <summary>The catalog in use: the one set by <see cref="Use"/> in this flow, else the built-in one.</summary>
    public static DatasetCatalog Catalog => Scoped.Value ?? DatasetCatalog.Builtin;

    /// <summary>Makes <paramref name="catalog"/> the catalog of this flow until the result is disposed.</summary>
    public static IDisposable Use(DatasetCatalog catalog)
    {
        var previous = Scoped.Value;
        Scoped.Value = catalog;
        return new Restore(() => Scoped.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    public static IReadOnlyList<DatasetDefinition> Definitions => Catalog.Definitions;

    public static IReadOnlyList<string> Ids => Definitions.Select(d => d.Id).ToArray();

    public static DatasetDefinition Find(string id) => Catalog.Find(id);

    /// <summary>
    /// Loads a dataset: reads its data files from the data directory and builds its response once. <paramref name="options"/>
    /// overrides the definition's declared options for this dataset object (e.g. {"quenching": "ybe"}).
    /// </summary>
    public static IDataset Load(string id, string dataDirectory, IEnumerable<KeyValuePair<string, string>>? options = null)
    {
        var def = Find(id);
        return Load(options is null ? def : def.With(options), dataDirectory);
    }

    /// <summary>Loads a dataset from a definition (e.g. one with options set by <see cref="DatasetDefinition.With"/>).</summary>
    public static IDataset Load(DatasetDefinition def, string dataDirectory)
    {
        if (!DatasetKinds.Builders.TryGetValue(def.Kind, out var build))
            throw new DatasetException($"dataset {def.Id}: kind '{def.Kind}' has no implementation (known: {string.Join(", ", DatasetKinds.Builders.Keys.Order(StringComparer.Ordinal))})");
        foreach (var (name, rel) in def.Files)
        {
            if (!File.Exists(def.FullPath(dataDirectory, rel)))
                throw new DatasetException($"dataset {def.Id}: data file '{rel}' ({name}) not found in data directory {dataDirectory}" +
                                           (def.DefinitionFolder is { } folder ? $" nor next to the definition in {folder}" : ""));
        }
        return build(def, dataDirectory);
    }

    /// <summary>For each data file of a definition: its relative path and whether it is present.</summary>
    public static IEnumerable<(string Name, string RelativePath, bool Present)> FileStatus(DatasetDefinition def, string dataDirectory) =>
        def.Files.Select(kv => (kv.Key, kv.Value, File.Exists(def.FullPath(dataDirectory, kv.Value))));
}
