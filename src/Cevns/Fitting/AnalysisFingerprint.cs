using System.Security.Cryptography;
using System.Text;
using Cevns.Data;

namespace Cevns.Fitting;

/// <summary>A data file an analysis reads: its path under the data directory and its SHA-256 (lower-case hex).</summary>
public sealed record DataFileHash(string Path, string Sha256);

/// <summary>
/// The identity of a scan: SHA-256 of a canonical text made of the normalised command (datasets, free, fixed,
/// priors, ranges, grid: everything that changes the numbers or the file, nothing that does not, such as the thread
/// count, the output path or the data directory's location), the SHA-256 of every data file the datasets' definitions
/// name (the content, wherever the directory is), the SHA-256 of every definition read from a user folder (a built-in
/// definition is embedded in the library, so the build covers it), and the software version and build. Shards, checkpoints and scan
/// files carry it; merge and resume refuse files whose fingerprints differ.
/// </summary>
public sealed record AnalysisFingerprint(string Command, IReadOnlyList<DataFileHash> DataFiles, SoftwareVersion Software)
{
    /// <summary>64 hex digits.</summary>
    public string Hex => FileChecksum.Sha256Hex(Encoding.UTF8.GetBytes(CanonicalText));

    public string CanonicalText
    {
        get
        {
            var sb = new StringBuilder();
            sb.Append("cevns analysis fingerprint v1\n");
            sb.Append("command: ").Append(Command).Append('\n');
            foreach (var f in DataFiles) sb.Append("data: ").Append(f.Path).Append(' ').Append(f.Sha256).Append('\n');
            sb.Append("software: ").Append(Software.Version).Append(' ').Append(Software.Build).Append('\n');
            return sb.ToString();
        }
    }

    /// <summary>
    /// The data files of <paramref name="definitions"/> (every file each definition may read, <see cref="Datasets.DatasetDefinition.DataFiles"/>, in definition order, each
    /// path once) with the SHA-256 of their content under <paramref name="dataDirectory"/>; a definition read from a user
    /// folder (<see cref="Datasets.DatasetDefinition.SourceFile"/>) adds its own file as <c>definition:&lt;id&gt;</c>, so an
    /// edit of the YAML changes the fingerprint wherever the folder is.
    /// </summary>
    public static IReadOnlyList<DataFileHash> HashDataFiles(IEnumerable<Datasets.DatasetDefinition> definitions, string dataDirectory)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<DataFileHash>();
        foreach (var d in definitions)
        {
            if (d.SourceFile is { } definitionFile)
            {
                if (!File.Exists(definitionFile)) throw DataFileException.Missing(definitionFile);
                list.Add(new DataFileHash(DefinitionPrefix + d.Id, FileChecksum.Sha256Hex(definitionFile)));
            }
            foreach (var rel in d.DataFiles)
            {
                var path = rel.Trim().Replace('\\', '/');
                if (!seen.Add(path)) continue;
                var full = d.FullPath(dataDirectory, path);
                if (!File.Exists(full)) throw DataFileException.Missing(full);
                list.Add(new DataFileHash(path, FileChecksum.Sha256Hex(full)));
            }
        }
        return list;
    }

    /// <summary>Prefix of the entries of user definition files among <see cref="DataFiles"/>.</summary>
    public const string DefinitionPrefix = "definition:";

    /// <summary>One line saying how two fingerprints differ (command, a data file, or the software), for error messages.</summary>
    public string Difference(AnalysisFingerprint other)
    {
        if (Command != other.Command) return $"the commands differ ('{Command}' vs '{other.Command}')";
        var mine = DataFiles.ToDictionary(f => f.Path, f => f.Sha256);
        var theirs = other.DataFiles.ToDictionary(f => f.Path, f => f.Sha256);
        foreach (var (path, sha) in mine)
        {
            if (!theirs.TryGetValue(path, out var o)) return $"data file {path} is read by one only";
            if (o != sha)
                return path.StartsWith(DefinitionPrefix, StringComparison.Ordinal)
                    ? $"the definition file of {path[DefinitionPrefix.Length..]} differs (SHA-256 {sha[..12]}... vs {o[..12]}...)"
                    : $"data file {path} differs (SHA-256 {sha[..12]}... vs {o[..12]}...)";
        }
        foreach (var path in theirs.Keys)
            if (!mine.ContainsKey(path)) return $"data file {path} is read by one only";
        if (Software != other.Software) return $"the software differs ({Software} vs {other.Software})";
        return "nothing (same analysis)";
    }
}
