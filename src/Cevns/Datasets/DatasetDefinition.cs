using Cevns.Data;
using Cevns.Physics.CrossSections;
using Cevns.Physics.Nuclei;

namespace Cevns.Datasets;

/// <summary>
/// The facts of one dataset, read from its definition file (Datasets/Definitions/&lt;id&gt;.yaml): identity and
/// provenance, target and exposure, source, and the data files it reads from the data directory. Everything
/// specific to a kind of analysis stays in <see cref="Facts"/> for the kind's builder to read.
/// </summary>
public sealed record DatasetDefinition
{
    public required string Id { get; init; }
    /// <summary>Which shared machinery interprets the facts (see DatasetRegistry).</summary>
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public required string Reference { get; init; }
    public required TargetMaterial Target { get; init; }
    public required IReadOnlyList<string> Supersedes { get; init; }
    /// <summary>
    /// Logical name -> relative path: relative to the definition's own folder when the definition came from a user folder
    /// and the file exists there, else relative to the data directory (<see cref="FullPath"/>).
    /// </summary>
    public required IReadOnlyDictionary<string, string> Files { get; init; }
    /// <summary>A note on what the public data allows (e.g. "rate only: published totals").</summary>
    public string? DataNote { get; init; }
    public required Facts Facts { get; init; }
    /// <summary>Analysis choices (declared under <c>options:</c>) with their values for this run.</summary>
    public required DatasetOptions Options { get; init; }
    /// <summary>
    /// Model switches of the cross sections for this run (e.g. the momentum-dependent charge radius); not part of the
    /// definition file: the command line or the analysis file sets them for every dataset of a run.
    /// </summary>
    public CrossSectionOptions CrossSections { get; init; } = CrossSectionOptions.Default;

    /// <summary>Full path of the definition file when it was read from a user folder (<see cref="DatasetCatalog"/>); null for a built-in.</summary>
    public string? SourceFile { get; init; }

    /// <summary>
    /// Every data file the dataset may read, relative to the data directory (or to the definition's folder): its
    /// <c>files:</c> entries and, for a reactor source, the catalogued reactor spectrum files its flux models read
    /// (<see cref="Cevns.Sources.Reactor.ReactorSpectrumFiles.Catalogue"/>), for 'cevns data verify' and analysis fingerprints.
    /// </summary>
    public IEnumerable<string> DataFiles => Files.Values.Concat(
        Facts.OptionalSection("source") is { } s && s.OptionalString("type") == "reactor"
            ? Cevns.Sources.Reactor.ReactorSpectrumFiles.Catalogue.Values
            : []);

    /// <summary>The folder of <see cref="SourceFile"/>, null for a built-in definition.</summary>
    public string? DefinitionFolder => SourceFile is null ? null : System.IO.Path.GetDirectoryName(SourceFile);

    public static DatasetDefinition Parse(string fileName, string yaml)
    {
        var f = Facts.Load(fileName, yaml);
        var targetName = f.String("target");
        var target = NuclearCatalog.FindTarget(targetName)
                     ?? throw f.Error("target", $"unknown target '{DataFileException.Quote(targetName)}' (known: {string.Join(", ", NuclearCatalog.TargetNames)})");
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (f.OptionalSection("files") is { } fs)
        {
            foreach (var k in fs.Keys)
            {
                var relative = fs.String(k);
                if (!IsInsideDataDirectory(relative))
                    throw fs.Error(k, $"expected a path relative to the data directory (no leading '/', no '..'), found '{DataFileException.Quote(relative)}'");
                files[k] = relative;
            }
        }
        var id = f.String("id");
        return new DatasetDefinition
        {
            Id = id,
            Kind = f.String("kind"),
            Title = f.String("title"),
            Reference = f.String("reference"),
            Target = target,
            Supersedes = f.Has("supersedes") ? f.Strings("supersedes") : [],
            Files = files,
            DataNote = f.OptionalString("data_note"),
            Facts = f,
            Options = DatasetOptions.Parse(id, f.OptionalSection("options")),
        };
    }

    /// <summary>
    /// The same definition with some options set for this run (e.g. quenching=ybe); the values are checked against
    /// the declared choices or ranges. Build the dataset from the result (<see cref="DatasetRegistry.Load(DatasetDefinition, string)"/>).
    /// </summary>
    public DatasetDefinition With(IEnumerable<KeyValuePair<string, string>> options) => this with { Options = Options.With(options) };

    /// <summary>
    /// Full path of a relative data path of this definition. A definition read from a user folder looks next to itself
    /// first (so a user's YAML and CSV can sit together): when the file exists there it wins; otherwise, and always for a
    /// built-in definition, the path is relative to the data directory.
    /// </summary>
    public string FullPath(string dataDirectory, string relative)
    {
        if (DefinitionFolder is { } folder)
        {
            var local = System.IO.Path.Combine(folder, relative);
            if (System.IO.File.Exists(local)) return local;
        }
        return System.IO.Path.Combine(dataDirectory, relative);
    }

    /// <summary>Full path of a named data file (<see cref="FullPath"/>); the error names the definition file, line and key.</summary>
    public string FilePath(string dataDirectory, string logicalName) =>
        Files.TryGetValue(logicalName, out var rel)
            ? FullPath(dataDirectory, rel)
            : throw (Facts.OptionalSection("files") is { } fs
                ? fs.Error(logicalName, $"missing (dataset {Id} needs it)")
                : Facts.Error("files", $"missing section with the entry {logicalName} (dataset {Id} needs it)"));

    /// <summary>A relative path that stays below the directory it is combined with.</summary>
    private static bool IsInsideDataDirectory(string relative) =>
        !System.IO.Path.IsPathRooted(relative) && !relative.StartsWith('/') && !relative.StartsWith('\\') &&
        !relative.Split('/', '\\').Contains("..") && !relative.Contains('\0');
}
