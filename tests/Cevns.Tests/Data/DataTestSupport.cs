using Cevns.Cli;
using Cevns.Cli.Commands;
using Cevns.Data;
using Cevns.Tests.Cli;

namespace Cevns.Tests.Data;

/// <summary>
/// The public data directory for the registry tests (CEVNS_DATA, else data/ in the folder holding cevns.slnx), copies of parts of it in temp folders, and an in-process runner of 'cevns data' with short retry waits.
/// Nothing here writes into that data directory.
/// </summary>
internal static class DataTestSupport
{
    private static readonly Lazy<string> SharedLazy = new(FindShared);

    public static string Shared => SharedLazy.Value;

    /// <summary>Retries without waiting, so that the transient-failure tests are fast.</summary>
    public static readonly DataFetchSettings FastRetries = new()
    {
        MaxAttempts = 3,
        FirstRetryDelay = TimeSpan.Zero,
        IdleTimeout = TimeSpan.FromSeconds(20),
    };

    public static string SharedPath(string relative) => Path.Combine(Shared, relative.Replace('/', Path.DirectorySeparatorChar));

    public static byte[] SharedBytes(string relative) => File.ReadAllBytes(SharedPath(relative));

    /// <summary>Copies the registered files under <paramref name="prefix"/> (all of them for "") into <paramref name="destination"/>, writable.</summary>
    public static void CopyShared(string destination, string prefix = "")
    {
        foreach (var f in DataRegistry.Shipped.Files.Where(f => f.IsUnder(prefix)))
        {
            var to = Path.Combine(destination, f.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(SharedPath(f.Path), to);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(to, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>Runs 'cevns data ...' in-process (only the data command registered) with an environment without CEVNS_DATA_MIRROR.</summary>
    public static CliRun Run(params string[] args) => Run(args, new Dictionary<string, string>());

    public static CliRun Run(string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var context = new CliContext(stdout, stderr, name => environment.GetValueOrDefault(name), Path.GetTempPath());
        var code = CevnsApp.Run(args, context, [new DataCommand(FastRetries)]);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    private static string FindShared()
    {
        var env = Environment.GetEnvironmentVariable(DataDirectory.EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
        {
            if (!Directory.Exists(env))
                throw new InvalidOperationException($"CEVNS_DATA={env} is not a directory; point it at the public data directory");
            return Path.GetFullPath(env);
        }
        var root = RepositoryRoot.Above(AppContext.BaseDirectory)
                   ?? throw new InvalidOperationException($"no cevns.slnx above {AppContext.BaseDirectory}; set CEVNS_DATA to the data directory");
        var data = Path.GetFullPath(Path.Combine(root, DataDirectory.DefaultRelativeToRoot));
        return Directory.Exists(data)
            ? data
            : throw new InvalidOperationException($"data directory {data} (data/ in the repository {root}) does not exist; set CEVNS_DATA");
    }
}
