using System.Text.RegularExpressions;
using System.Text;
using Cevns.Data;

namespace Cevns.Tests.Parsers;

/// <summary>
/// Fuzz test: every reader of a data file gets seeded random mutations of the real files (temp copies in a data root
/// of their own; the data directory is never written). A reader must either accept the file and give finite
/// numbers, or throw its one exception type (<see cref="DataFileException"/>, or DefinitionFileException for
/// definitions) with a one-line message that starts with the file (and a line number inside the file, if any).
/// Never another exception type, never a hang. Deterministic: the mutations of a reader depend only on its name.
/// For a deeper run set CEVNS_FUZZ_SCALE (e.g. 20) to multiply the number of mutations (the first ones stay the same)
/// and CEVNS_FUZZ_SEED to an integer to draw other mutations.
/// </summary>
public sealed partial class ParserFuzzTests : IDisposable
{
    /// <summary>Generous bound for one read (they take milliseconds): a mutation running longer is reported as a hang.</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(10);

    // The mutation running now and when it started (written by the fuzz loop, read by the watchdog).
    private long _mutationStart = Environment.TickCount64;
    private volatile string _current = "";

    private readonly string _root = Directory.CreateTempSubdirectory("cevns-fuzz-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public static TheoryData<string> Readers => new(FuzzTargets.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task ReaderAcceptsOrRejectsEveryMutationCleanly(string reader)
    {
        var target = FuzzTargets.Find(reader);
        foreach (var seed in target.Seeds.Where(_ => target.PathIsAbsolute))
            Write(seed.RelativePath, seed.Content);

        int mutations = target.Mutations * Scale();
        var failures = new List<string>();
        var outcomes = new int[2];
        var run = Task.Run(() => Fuzz(target, mutations, failures, outcomes));
        while (await Task.WhenAny(run, Task.Delay(100)) != run)
        {
            long running = Environment.TickCount64 - Interlocked.Read(ref _mutationStart);
            Assert.True(running < HangLimit.TotalMilliseconds, $"{reader}: hang, mutation {_current} still runs after {running} ms");
        }
        await run;

        Assert.True(failures.Count == 0,
            $"{failures.Count} of {mutations} mutations broke {reader}:\n" + string.Join("\n", failures.Take(15)));
        // The mutations must exercise both outcomes, or the test proves little.
        Assert.True(outcomes[0] > 0 && outcomes[1] > 0, $"{reader}: {outcomes[0]} accepted and {outcomes[1]} rejected mutations");
    }

    /// <summary>The unmutated seeds read without error (so that a rejection in the fuzz loop is due to the mutation).</summary>
    [Theory]
    [MemberData(nameof(Readers))]
    public void SeedsAreAcceptedOrKnownToBeMalformed(string reader)
    {
        var target = FuzzTargets.Find(reader);
        foreach (var seed in target.Seeds.Where(_ => target.PathIsAbsolute))
            Write(seed.RelativePath, seed.Content);
        foreach (var seed in target.Seeds)
        {
            var error = Outcome(target, seed, seed.Content);
            bool knownBad = seed.RelativePath.EndsWith("kopeikin_u238.txt", StringComparison.Ordinal) ||
                            seed.RelativePath.Contains("avignone", StringComparison.Ordinal) ||
                            seed.RelativePath.EndsWith("parameters.yaml", StringComparison.Ordinal) ||
                            seed.RelativePath.EndsWith("LArParametersAnlA.yaml", StringComparison.Ordinal);
            if (knownBad)
                Assert.NotNull(error); // documented malformed data (ReactorSpectrumFiles) or not a definition at all
            else
                Assert.Null(error);
        }
    }

    private void Fuzz(FuzzTarget target, int mutations, List<string> failures, int[] outcomes)
    {
        var rng = new Random(StableSeed(target.Name) ^ SeedOffset());
        for (int i = 0; i < mutations; i++)
        {
            var seed = target.Seeds[i % target.Seeds.Count];
            var (bytes, description) = FileMutator.Mutate(seed.Content, rng);
            _current = $"#{i} {seed.RelativePath} [{description}]";
            Interlocked.Exchange(ref _mutationStart, Environment.TickCount64);
            string? failure;
            try
            {
                var error = Outcome(target, seed, bytes);
                outcomes[error is null ? 0 : 1]++;
                failure = error is null ? null : CheckMessage(target, seed, bytes, error);
            }
            catch (Exception e)
            {
                failure = $"{e.GetType().Name}: {e.Message}";
            }
            finally
            {
                // Readers of several files (arrival times) need the other files intact in the next round.
                if (target.PathIsAbsolute && target.Seeds.Count > 1)
                    Write(seed.RelativePath, seed.Content);
            }
            if (failure is not null)
                failures.Add($"  #{i} {seed.RelativePath} [{description}]: {OneLine(failure)}");
        }
    }

    /// <summary>
    /// Runs the reader on <paramref name="bytes"/>: null if it accepted them (with finite numbers), the exception
    /// if it threw the expected type. Anything else propagates.
    /// </summary>
    private Exception? Outcome(FuzzTarget target, FuzzSeed seed, byte[] bytes)
    {
        try
        {
            IEnumerable<double> numbers;
            if (target.PathIsAbsolute)
            {
                Write(seed.RelativePath, bytes);
                numbers = seed.Read(_root).ToArray();
            }
            else
            {
                numbers = FuzzTargets.DefinitionNumbers(seed.RelativePath, Encoding.UTF8.GetString(bytes)).ToArray();
            }
            var bad = numbers.Where(v => !double.IsFinite(v)).Take(3).ToArray();
            if (bad.Length > 0)
                throw new InvalidOperationException($"accepted, but gives non-finite numbers: {string.Join(", ", bad)}");
            return null;
        }
        catch (Exception e) when (e.GetType() == target.ExpectedException)
        {
            return e;
        }
    }

    /// <summary>Null if the message is one line starting with the file (and an in-range line number), else what is wrong.</summary>
    private string? CheckMessage(FuzzTarget target, FuzzSeed seed, byte[] bytes, Exception e)
    {
        var message = e.Message;
        if (message.IndexOfAny(['\n', '\r', '\u2028', '\u2029', '\u0085']) >= 0)
            return $"message is not one line: {message}";
        var file = target.PathIsAbsolute ? Path.Combine(_root, seed.RelativePath) : seed.RelativePath;
        if (!message.StartsWith(file + ":", StringComparison.Ordinal))
            return $"message does not start with the file {file}: {message}";
        var line = LineNumber().Match(message[(file.Length + 1)..]);
        if (line.Success)
        {
            int n = int.Parse(line.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            int lines = LineCount(Encoding.UTF8.GetString(bytes));
            if (n < 1 || n > lines)
                return $"line {n} is outside the file (1-{lines}): {message}";
        }
        return null;
    }

    private static int SeedOffset() =>
        int.TryParse(Environment.GetEnvironmentVariable("CEVNS_FUZZ_SEED"), out var s) ? s : 0;

    private static int Scale() =>
        int.TryParse(Environment.GetEnvironmentVariable("CEVNS_FUZZ_SCALE"), out var s) && s >= 1 ? s : 1;

    private void Write(string relativePath, byte[] content)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    /// <summary>
    /// Lines of a text when CR LF, CR, LF, NEL, LS and PS all end a line (YAML's rule; File.ReadAllLines breaks at
    /// fewer characters, so this bounds its count too); a final line break opens no new line.
    /// </summary>
    private static int LineCount(string text)
    {
        var pieces = Regex.Split(text, "\r\n|[\r\n\u0085\u2028\u2029]");
        int n = pieces.Length > 1 && pieces[^1].Length == 0 ? pieces.Length - 1 : pieces.Length;
        return Math.Max(1, n);
    }

    private static string OneLine(string s) => s.Replace("\n", "\\n").Replace("\r", "\\r");

    /// <summary>FNV-1a of the name: string.GetHashCode differs between runs.</summary>
    private static int StableSeed(string name)
    {
        uint h = 2166136261;
        foreach (char c in name)
            h = (h ^ c) * 16777619;
        return (int)(h & 0x7fffffff);
    }

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex LineNumber();
}
