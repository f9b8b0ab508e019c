namespace Cevns.Tests.Detectors;

/// <summary>
/// Locates the public data directory for tests: CEVNS_DATA if set, otherwise data/ in the folder that holds
/// cevns.slnx (the copy shipped in the repository). Fails with a message saying what was looked for when it is absent.
/// </summary>
internal static class DetectorTestData
{
    private static readonly Lazy<string> RootLazy = new(Find);

    public static string Root => RootLazy.Value;

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CEVNS_DATA");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            if (!Directory.Exists(fromEnvironment))
                throw new InvalidOperationException($"CEVNS_DATA={fromEnvironment} is not a directory; point it at the public data directory");
            return Path.GetFullPath(fromEnvironment);
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "cevns.slnx")))
                continue;
            var data = Path.GetFullPath(Path.Combine(dir.FullName, "data"));
            if (!Directory.Exists(data))
                throw new InvalidOperationException(
                    $"test data directory {data} (data/ in the repository root {dir.FullName}) does not exist; set CEVNS_DATA to the data directory");
            return data;
        }
        throw new InvalidOperationException(
            $"no cevns.slnx above {AppContext.BaseDirectory}, so data/ cannot be found; set CEVNS_DATA to the data directory");
    }
}
