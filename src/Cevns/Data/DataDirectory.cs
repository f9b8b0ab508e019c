namespace Cevns.Data;

/// <summary>How the data directory was chosen.</summary>
public enum DataDirectorySource
{
    /// <summary>The --data-dir command-line option.</summary>
    CommandLine,
    /// <summary>The CEVNS_DATA environment variable.</summary>
    EnvironmentVariable,
    /// <summary>data/ inside the repository (the copy shipped with the code).</summary>
    Default,
}

/// <summary>
/// The folder holding the public data releases. Chosen from, in order: --data-dir, the CEVNS_DATA
/// environment variable, data/ in the repository root (the copy shipped with the code, checked by
/// 'cevns data verify'). Relative paths are taken relative to the current directory.
/// </summary>
public sealed record DataDirectory(string Path, DataDirectorySource Source)
{
    public const string EnvironmentVariable = "CEVNS_DATA";
    public const string CommandLineOption = "--data-dir";

    /// <summary>The default location relative to the repository root: the data shipped in the repository.</summary>
    public const string DefaultRelativeToRoot = "data";

    /// <summary>"--data-dir", "CEVNS_DATA" or "default", as printed after the path.</summary>
    public string SourceLabel => Source switch
    {
        DataDirectorySource.CommandLine => CommandLineOption,
        DataDirectorySource.EnvironmentVariable => EnvironmentVariable,
        _ => "default",
    };

    /// <summary>"&lt;path&gt; (from &lt;source&gt;)".</summary>
    public string Description => $"{Path} (from {SourceLabel})";

    public bool Exists => Directory.Exists(Path);

    /// <summary>
    /// Chooses the data directory. <paramref name="commandLineValue"/> is the --data-dir value (null or
    /// blank if not given); <paramref name="repositoryRoot"/> anchors the default. Throws
    /// DataFileException when nothing is given and no repository root is known.
    /// </summary>
    public static DataDirectory Resolve(string? commandLineValue, Func<string, string?> environment,
        string currentDirectory, string? repositoryRoot)
    {
        if (!string.IsNullOrWhiteSpace(commandLineValue))
            return new DataDirectory(Full(commandLineValue, currentDirectory), DataDirectorySource.CommandLine);
        var fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return new DataDirectory(Full(fromEnvironment, currentDirectory), DataDirectorySource.EnvironmentVariable);
        if (repositoryRoot is null)
            throw new DataFileException(
                $"no data directory: the repository root (folder with {RepositoryRoot.MarkerFile}) was not found, so the default " +
                $"{DefaultRelativeToRoot}/ inside it cannot be used; pass {CommandLineOption} DIR or set {EnvironmentVariable}");
        return new DataDirectory(Full(System.IO.Path.Combine(repositoryRoot, DefaultRelativeToRoot), currentDirectory),
            DataDirectorySource.Default);
    }

    /// <summary>Resolve against the process environment, current directory and the repository root found from them.</summary>
    public static DataDirectory Resolve(string? commandLineValue) =>
        Resolve(commandLineValue, Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory(), RepositoryRoot.Find());

    /// <summary>Absolute path of a file inside the data directory (relative path with '/' separators).</summary>
    public string PathOf(string relativePath) =>
        System.IO.Path.Combine(Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>The relative paths (files or folders) that are not present, in the order given.</summary>
    public IReadOnlyList<string> Missing(IEnumerable<string> relativePaths) =>
        relativePaths.Where(r => !File.Exists(PathOf(r)) && !Directory.Exists(PathOf(r))).ToArray();

    /// <summary>Throws DataFileException (one line) if the directory does not exist.</summary>
    public DataDirectory EnsureExists()
    {
        if (!Exists)
            throw new DataFileException(
                $"data directory {Description} does not exist; pass {CommandLineOption} DIR or set {EnvironmentVariable}");
        return this;
    }

    /// <summary>
    /// Throws DataFileException (one line) naming the directory, how it was chosen and every missing
    /// relative path, if the directory or any of the paths is missing.
    /// </summary>
    public DataDirectory EnsureContains(IEnumerable<string> relativePaths)
    {
        EnsureExists();
        var missing = Missing(relativePaths);
        if (missing.Count > 0)
            throw new DataFileException(
                $"data directory {Description} is missing {missing.Count} file(s): {string.Join(", ", missing)}");
        return this;
    }

    /// <summary>Path with any trailing separator removed, made absolute against <paramref name="currentDirectory"/>.</summary>
    private static string Full(string path, string currentDirectory) =>
        System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path.Trim(), currentDirectory));
}
