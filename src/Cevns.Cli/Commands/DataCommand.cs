using System.Text.Json.Serialization;
using System.CommandLine;
using Cevns.Data;
using Cevns.Datasets;
using Spectre.Console;

namespace Cevns.Cli.Commands;

/// <summary>
/// cevns data: which data directory is used and how it was chosen, the dataset folders in it (those
/// with a SOURCE.md), and optionally a check that given files are present.
/// cevns data verify: size and SHA-256 of every registered file (Data/Registry/data-registry.yaml).
/// cevns data fetch: downloads missing or wrong registered files from their public URLs or a mirror.
/// </summary>
/// <param name="fetchSettings">Retry and timeout settings for fetch (tests shorten the waits); the mirror comes from the command line.</param>
/// <param name="httpClientFactory">The HttpClient for fetch (default <see cref="DataFetcher.CreateHttpClient"/>).</param>
public sealed class DataCommand(DataFetchSettings? fetchSettings = null, Func<HttpClient>? httpClientFactory = null) : ICliCommand
{
    public const string SourceFile = "SOURCE.md";

    public Command Create(CliContext context)
    {
        var dataDir = CliOptions.DataDir();
        var require = new Option<string[]>("--require")
        {
            Description = "relative path that must exist in the data directory (repeatable); missing ones are an error",
            HelpName = "path",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = CliOptions.Json("the data directory and its dataset folders");
        var command = new Command("data", "Show the data directory (--data-dir, $CEVNS_DATA or data/ in the repository) and the datasets in it.")
        {
            dataDir, require, json,
        };
        command.Subcommands.Add(CreateVerify(context));
        command.Subcommands.Add(CreateFetch(context));
        command.SetAction(parse =>
        {
            var dir = context.ResolveDataDirectory(parse.GetValue(dataDir));
            if (!parse.GetValue(json))
                context.Out.WriteLine($"data directory: {dir.Description}");
            dir.EnsureContains(parse.GetValue(require) ?? []);
            var datasets = DatasetFolders(dir);
            if (parse.GetValue(json))
            {
                JsonText.Write(context.Out, new DataJson(dir.Path, dir.SourceLabel, datasets));
            }
            else
            {
                context.Out.WriteLine(datasets.Count == 0
                    ? $"no dataset folders (folders with a {SourceFile}) found"
                    : $"dataset folders ({datasets.Count}, each with a {SourceFile}):");
                foreach (var d in datasets)
                    context.Out.WriteLine($"  {d}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Relative paths ('/'-separated, sorted) of the folders below the data directory that hold a SOURCE.md.</summary>
    public static IReadOnlyList<string> DatasetFolders(DataDirectory dir) =>
        Directory.EnumerateFiles(dir.Path, SourceFile, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir.Path, Path.GetDirectoryName(f)!).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static Option<string[]> Only(string verb) => new("--only")
    {
        Description = $"{verb} only the registered files whose path starts with this prefix, e.g. coherent/csi-2021/ (repeatable)",
        HelpName = "path-prefix",
        Arity = ArgumentArity.OneOrMore,
    };

    private Command CreateVerify(CliContext context)
    {
        var dataDir = CliOptions.DataDir();
        var only = Only("check");
        var json = CliOptions.Json("the state of every registered file");
        var command = new Command("verify",
            $"Check presence, size and SHA-256 of every registered data file ({DataRegistry.SourcePath}); exit 3 if any is not ok.")
        {
            dataDir, only, json,
        };
        command.SetAction(parse =>
        {
            var dir = context.ResolveDataDirectory(parse.GetValue(dataDir)).EnsureExists();
            var registry = DataRegistry.Shipped;
            var prefixes = Prefixes(registry, parse.GetValue(only));
            var result = DataVerifier.Verify(registry, registry.Under(prefixes), dir.Path, prefixes);
            var usage = new DatasetUsage(DatasetRegistry.Definitions.Select(d => (d.Id, d.DataFiles)));
            if (parse.GetValue(json))
                WriteVerifyJson(context, dir, result, usage, registry);
            else
                WriteVerifyText(context, dir, result, usage, registry);
            if (result.AllOk)
                return ExitCodes.Success;
            var affected = result.Failures.SelectMany(c => usage.DatasetsUsing(c.File.Path)).Distinct().Order(StringComparer.Ordinal).ToArray();
            context.Error.WriteLine($"cevns data verify: {result.Failures.Count()} of {result.Checks.Count} registered files are not ok " +
                                    $"({CountsText(result, includeOk: false)}) in {dir.Description}" +
                                    (affected.Length > 0 ? $"; datasets affected: {string.Join(", ", affected)}" : "") +
                                    "; 'git checkout -- data' restores the copy shipped in the repository, 'cevns data fetch' files with a public URL");
            return ExitCodes.Data;
        });
        return command;
    }

    private Command CreateFetch(CliContext context)
    {
        var dataDir = CliOptions.DataDir();
        var only = Only("fetch");
        var baseUrl = new Option<string>("--base-url")
        {
            Description = $"mirror to download from instead of the public URLs (default: ${DataFetchSettings.MirrorVariable}); " +
                          "it must serve every file at <url>/<path>, the same relative paths as the data directory",
            HelpName = "url",
        };
        var command = new Command("fetch",
            "Download the registered data files that are missing or wrong: resumes .part files, verifies SHA-256 before moving " +
            "a file into place, retries transient errors; exit 3 if any file is still not in place.")
        {
            dataDir, only, baseUrl,
        };
        command.SetAction(parse =>
        {
            var dir = context.ResolveDataDirectory(parse.GetValue(dataDir));
            var registry = DataRegistry.Shipped;
            var prefixes = Prefixes(registry, parse.GetValue(only));
            var (mirror, mirrorLabel) = Mirror(context, parse.GetValue(baseUrl));
            try
            {
                Directory.CreateDirectory(dir.Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DataFileException($"cannot create the data directory {dir.Description}: {ErrorReport.OneLine(e.Message)}");
            }

            var files = registry.Under(prefixes);
            var o = context.Out;
            o.WriteLine($"data directory: {dir.Description}");
            o.WriteLine(mirror is null
                ? "downloading from: the public URLs in the registry"
                : $"downloading from: mirror {mirror} (from {mirrorLabel})");
            var settings = (fetchSettings ?? new DataFetchSettings()) with { Mirror = mirror };
            using var http = (httpClientFactory ?? DataFetcher.CreateHttpClient)();
            var fetcher = new DataFetcher(http, settings, line => o.WriteLine($"  {line}"));
            var outcomes = fetcher.FetchAllAsync(files, dir.Path, x => o.WriteLine(OutcomeLine(x))).GetAwaiter().GetResult();

            int present = outcomes.Count(x => x.Status == FetchStatus.AlreadyPresent);
            int downloaded = outcomes.Count(x => x.Status == FetchStatus.Downloaded);
            var failed = outcomes.Where(x => x.Status == FetchStatus.Failed).ToArray();
            var noUrl = outcomes.Where(x => x.Status == FetchStatus.NoPublicUrl).ToArray();
            o.WriteLine($"{outcomes.Count} files: {downloaded} downloaded, {present} already present, {failed.Length} failed, " +
                        $"{noUrl.Length} missing without a public URL");
            if (failed.Length == 0 && noUrl.Length == 0)
                return ExitCodes.Success;
            var parts = new List<string>();
            if (failed.Length > 0)
                parts.Add($"{failed.Length} failed ({Names(failed)})");
            if (noUrl.Length > 0)
                parts.Add($"{noUrl.Length} missing or wrong without a public URL ({Names(noUrl)})");
            context.Error.WriteLine($"cevns data fetch: {failed.Length + noUrl.Length} of {outcomes.Count} files are not in place in {dir.Path}: " +
                                    $"{string.Join("; ", parts)}; see the lines above");
            return ExitCodes.Data;
        });
        return command;
    }

    /// <summary>The --only prefixes; a prefix that selects nothing is a usage error (most likely a typo).</summary>
    private static IReadOnlyList<string> Prefixes(DataRegistry registry, string[]? values)
    {
        var prefixes = (values ?? []).Select(RegisteredFile.NormalisePrefix).ToArray();
        var unmatched = registry.UnmatchedPrefixes(prefixes);
        if (unmatched.Count > 0)
            throw CliException.Usage($"--only {unmatched[0]}: no registered data file has a path starting with this " +
                                     $"(paths look like {registry.Files.FirstOrDefault()?.Path ?? "coherent/..."}; see 'cevns data verify')");
        return prefixes;
    }

    private static (Uri? Mirror, string Label) Mirror(CliContext context, string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
            return (DataFetchSettings.ParseMirror(option, out var problem) ?? throw CliException.Usage($"--base-url: {problem}"), "--base-url");
        var env = context.Environment(DataFetchSettings.MirrorVariable);
        if (!string.IsNullOrWhiteSpace(env))
            return (DataFetchSettings.ParseMirror(env, out var problem)
                    ?? throw CliException.Usage($"{DataFetchSettings.MirrorVariable}: {problem}"), DataFetchSettings.MirrorVariable);
        return (null, "");
    }

    private static string OutcomeLine(FetchOutcome x) => x.Status switch
    {
        FetchStatus.AlreadyPresent => $"present     {x.File.Path}",
        FetchStatus.Downloaded => $"downloaded  {x.File.Path}: {x.Message}",
        FetchStatus.NoPublicUrl => $"NO URL      {x.File.Path}: {x.Message}",
        _ => $"FAILED      {x.File.Path}: {x.Message}",
    };

    private static string Names(IReadOnlyCollection<FetchOutcome> outcomes, int max = 3) =>
        string.Join(", ", outcomes.Take(max).Select(x => x.File.Path)) + (outcomes.Count > max ? $", and {outcomes.Count - max} more" : "");

    private static string CountsText(DataVerification result, bool includeOk) =>
        string.Join(", ", Enum.GetValues<FileStatus>()
            .Where(s => includeOk || s != FileStatus.Ok)
            .Select(s => (Status: s, Count: result.Count(s)))
            .Where(x => x.Count > 0)
            .Select(x => $"{x.Count} {FileCheck.Text(x.Status)}"));

    private static void WriteVerifyText(CliContext context, DataDirectory dir, DataVerification result, DatasetUsage usage, DataRegistry registry)
    {
        var o = context.Out;
        o.WriteLine($"data directory: {dir.Description}");
        o.WriteLine($"registry: {DataRegistry.SourcePath} ({registry.Files.Count} files, {result.Checks.Count} checked)");
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("status");
        table.AddColumn("file");
        table.AddColumn(new TableColumn("bytes").RightAligned());
        table.AddColumn("used by");
        table.AddColumn("detail");
        foreach (var c in result.Checks)
            table.AddRow(new Text(c.StatusText), new Text(c.File.Path), new Text(c.File.Size.ToString()),
                new Text(string.Join(", ", usage.DatasetsUsing(c.File.Path))), new Text(c.Detail));
        o.Write(TextTable.Render(table, context.OutIsTerminal ? Console.WindowWidth : 200));
        foreach (var extra in result.Unregistered)
            o.WriteLine($"info: {extra} is not in the registry" +
                        (extra.EndsWith(DataFetcher.PartSuffix, StringComparison.Ordinal) ? " (an unfinished download; 'cevns data fetch' resumes it)" : ""));
        foreach (var (id, path) in usage.Unregistered(registry))
            o.WriteLine($"warning: dataset {id} reads {path}, which is not in the registry");
        o.WriteLine($"{result.Checks.Count} registered files: {CountsText(result, includeOk: true)}");
    }

    private static void WriteVerifyJson(CliContext context, DataDirectory dir, DataVerification result, DatasetUsage usage, DataRegistry registry) =>
        JsonText.Write(context.Out, new VerifyJson(dir.Path, dir.SourceLabel, result.AllOk,
            Enum.GetValues<FileStatus>().ToDictionary(JsonStatus, result.Count),
            result.Checks.Select(c => new VerifiedFile(c.File.Path, JsonStatus(c.Status), c.File.Size, c.File.Sha256, c.ActualSize, c.ActualSha256, c.Error,
                c.File.Origin, c.File.Url?.AbsoluteUri, usage.DatasetsUsing(c.File.Path).ToArray())).ToArray(),
            result.Unregistered, usage.Unregistered(registry).Select(u => new UnregisteredFile(u.Item1, u.Item2)).ToArray()));

    /// <summary>data --json: the data directory, where it came from, and its dataset folders.</summary>
    private sealed record DataJson([property: JsonPropertyName("data_dir")] string DataDir, string Source, IReadOnlyList<string> Datasets);

    /// <summary>data verify --json: per registered file its check (actual_size, actual_sha256, error, url only when known).</summary>
    private sealed record VerifyJson([property: JsonPropertyName("data_dir")] string DataDir, string Source, bool Ok, IReadOnlyDictionary<string, int> Counts,
        IReadOnlyList<VerifiedFile> Files, IReadOnlyList<string> Unregistered, IReadOnlyList<UnregisteredFile> UnregisteredDatasetFiles);

    private sealed record VerifiedFile(string Path, string Status, long Size, string Sha256,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ActualSize,
        [property: JsonPropertyName("actual_sha256"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ActualSha256,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error, string Origin,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url, IReadOnlyList<string> UsedBy);

    private sealed record UnregisteredFile(string Dataset, string Path);

    private static string JsonStatus(FileStatus s) => FileCheck.Text(s).Replace(' ', '_');
}
