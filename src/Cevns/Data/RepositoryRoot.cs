namespace Cevns.Data;

/// <summary>
/// Finds the repository root (the folder holding cevns.slnx), which anchors the default data
/// directory data/. Tried in order: the CEVNS_ROOT environment variable (set by the ./cevns
/// wrapper), the folders above the running assembly, the folders above the current directory.
/// </summary>
public static class RepositoryRoot
{
    public const string EnvironmentVariable = "CEVNS_ROOT";
    public const string MarkerFile = "cevns.slnx";

    /// <summary>The repository root, or null if none of the places above leads to a folder with cevns.slnx.</summary>
    public static string? Find(Func<string, string?> environment, string currentDirectory) =>
        FromVariable(environment(EnvironmentVariable))
        ?? Above(AppContext.BaseDirectory)
        ?? Above(currentDirectory);

    /// <summary>The root found from the process environment and current directory.</summary>
    public static string? Find() => Find(Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());

    private static string? FromVariable(string? value) =>
        !string.IsNullOrWhiteSpace(value) && File.Exists(Path.Combine(value, MarkerFile))
            ? Path.GetFullPath(value)
            : null;

    /// <summary>The nearest folder at or above <paramref name="start"/> that contains cevns.slnx.</summary>
    public static string? Above(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, MarkerFile)))
                return dir.FullName;
        }
        return null;
    }
}
