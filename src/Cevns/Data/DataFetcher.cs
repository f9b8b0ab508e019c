using System.Net;
using System.Net.Http.Headers;

namespace Cevns.Data;

/// <summary>
/// Downloads registered files into a data directory. Per file: skip it when it is already correct; otherwise
/// download into "&lt;file&gt;.part" in the same folder, resuming an existing .part with an HTTP Range request;
/// retry transient failures with exponential backoff (resuming each time); check size and SHA-256 of the
/// complete .part; and only then rename it over the target (File.Move with overwrite in one folder, an
/// atomic rename), so the target is either the old file or the verified new one, never a partial one.
/// A wrong checksum deletes the .part and fails the file. After a failure that is not a checksum problem the
/// .part is kept so that the next run resumes it.
/// </summary>
public sealed class DataFetcher(HttpClient http, DataFetchSettings settings, Action<string>? log = null)
{
    public const string PartSuffix = ".part";

    /// <summary>
    /// Hosts that gave no HTTP answer at all in every attempt for one file (no network, DNS failure, refused):
    /// later files from the same host fail at once instead of waiting through their own retries. Value: that file.
    /// </summary>
    private readonly Dictionary<string, string> _unreachable = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>An HttpClient for fetching: no automatic decompression (the byte ranges must be those of the file), redirects followed.</summary>
    public static HttpClient CreateHttpClient()
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = true,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        })
        {
            Timeout = TimeSpan.FromSeconds(60),   // until the response headers; the body is guarded by IdleTimeout
        };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("cevns", typeof(DataFetcher).Assembly.GetName().Version?.ToString(3) ?? "0"));
        return client;
    }

    /// <summary>Fetches the files one after the other; <paramref name="onEach"/> sees every outcome as it happens.</summary>
    public async Task<IReadOnlyList<FetchOutcome>> FetchAllAsync(IEnumerable<RegisteredFile> files, string dataDirectory,
        Action<FetchOutcome>? onEach = null, CancellationToken cancellation = default)
    {
        var outcomes = new List<FetchOutcome>();
        foreach (var f in files)
        {
            var o = await FetchAsync(f, dataDirectory, cancellation);
            onEach?.Invoke(o);
            outcomes.Add(o);
        }
        return outcomes;
    }

    public async Task<FetchOutcome> FetchAsync(RegisteredFile file, string dataDirectory, CancellationToken cancellation = default)
    {
        var existing = DataVerifier.Check(file, dataDirectory);
        if (existing.Status == FileStatus.Ok)
            return new FetchOutcome(file, FetchStatus.AlreadyPresent, "already present and correct");
        var url = file.SourceUrl(settings.Mirror);
        if (url is null)
            return new FetchOutcome(file, FetchStatus.NoPublicUrl,
                $"{existing.StatusText}, and it has no public URL (origin: {file.Origin}); copy it from the repository's data/ (git checkout -- data) or use a mirror (--base-url)");

        if (_unreachable.TryGetValue(url.Authority, out var firstFailure))
            return new FetchOutcome(file, FetchStatus.Failed, $"not tried: {url.Authority} could not be reached for {firstFailure}");

        var target = Path.Combine(dataDirectory, file.Path.Replace('/', Path.DirectorySeparatorChar));
        var part = target + PartSuffix;
        long received = 0;
        int attempts = 0;
        try
        {
            // True when the .part holds bytes from more than one response (a resumed download): a checksum
            // mismatch may then come from a file that changed between the two, so it is downloaded once more whole.
            bool resumedContent = false, wholeRetryDone = false;
            string lastError = "";
            bool everAnswered = false;
            var delay = settings.FirstRetryDelay;
            for (int attempt = 1; attempt <= settings.MaxAttempts; attempt++)
            {
                try
                {
                    long have = LengthOf(part);
                    if (have > file.Size)
                    {
                        File.Delete(part);
                        have = 0;
                    }
                    if (have < file.Size)
                    {
                        attempts++;
                        resumedContent = await DownloadAsync(url, part, have, file.Size, cancellation, n => received += n);
                        everAnswered = true;
                        var now = LengthOf(part);
                        if (now < file.Size)
                            throw new TransientFetchException($"connection closed after {now} of {file.Size} bytes");
                    }
                    else
                    {
                        resumedContent = true;   // a complete .part left by an earlier run
                    }

                    var sha = FileChecksum.Sha256Hex(part);
                    if (sha != file.Sha256)
                    {
                        File.Delete(part);
                        lastError = $"checksum mismatch: {url} served sha256 {sha[..12]}..., registered {file.Sha256[..12]}...; nothing placed";
                        if (resumedContent && !wholeRetryDone)
                        {
                            wholeRetryDone = true;
                            log?.Invoke($"{file.Path}: checksum mismatch after resuming; downloading it again from the start");
                            continue;
                        }
                        return new FetchOutcome(file, FetchStatus.Failed, lastError, received, attempts);
                    }
                    File.Move(part, target, overwrite: true);
                    return new FetchOutcome(file, FetchStatus.Downloaded,
                        $"downloaded {file.Size} bytes from {url.Host}, sha256 verified" + (attempts > 1 ? $" ({attempts} attempts)" : ""),
                        received, attempts);
                }
                catch (TransientFetchException e)
                {
                    lastError = e.Message;
                    everAnswered |= !e.NoResponse;
                    if (attempt < settings.MaxAttempts)
                    {
                        log?.Invoke($"{file.Path}: {e.Message}; retry {attempt + 1} of {settings.MaxAttempts} in {delay.TotalSeconds:0.###} s");
                        await Task.Delay(delay, cancellation);
                        delay *= 2;
                    }
                }
            }
            if (!everAnswered)
                _unreachable[url.Authority] = file.Path;
            var kept = File.Exists(part) ? $"; {LengthOf(part)} bytes kept in {Path.GetFileName(part)} to resume next time" : "";
            return new FetchOutcome(file, FetchStatus.Failed, $"{lastError} (gave up after {settings.MaxAttempts} attempts{kept})", received, attempts);
        }
        catch (PermanentFetchException e)
        {
            return new FetchOutcome(file, FetchStatus.Failed, e.Message, received, attempts);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Local file-system problems (network reads are turned into TransientFetchException where they happen).
            return new FetchOutcome(file, FetchStatus.Failed, $"cannot write into {Path.GetDirectoryName(target)}: {OneLine(e.Message)}", received, attempts);
        }
    }

    /// <summary>
    /// One GET of <paramref name="url"/> into <paramref name="part"/>, asking for the bytes from <paramref name="have"/> on
    /// when the .part already holds some. Returns whether the bytes were appended to the .part (206) rather than
    /// written from the start (200, also when the server ignored the range).
    /// </summary>
    private async Task<bool> DownloadAsync(Uri url, string part, long have, long size,
        CancellationToken cancellation, Action<long> onReceived)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0)
            request.Headers.Range = new RangeHeaderValue(have, null);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
        }
        catch (HttpRequestException e)
        {
            throw new TransientFetchException($"cannot get {url}: {OneLine(e.Message)}", noResponse: true);
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new TransientFetchException($"no answer from {url.Host} within {http.Timeout.TotalSeconds:0} s", noResponse: true);
        }

        using (response)
        {
            bool append = CheckStatus(response, url, part, have);
            Directory.CreateDirectory(Path.GetDirectoryName(part)!);   // only now, so that a failed fetch leaves no empty folders
            long written = 0;
            await using var output = new FileStream(part, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            long offset = append ? have : 0;
            Stream input;
            try
            {
                input = await response.Content.ReadAsStreamAsync(cancellation);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                throw new TransientFetchException($"connection lost before the data ({OneLine(e.Message)})");
            }
            await using (input)
            {
                var buffer = new byte[1 << 16];
                while (true)
                {
                    int n;
                    using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
                    {
                        idle.CancelAfter(settings.IdleTimeout);
                        try
                        {
                            n = await input.ReadAsync(buffer, idle.Token);
                        }
                        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                        {
                            throw new TransientFetchException(
                                $"no data from {url.Host} for {settings.IdleTimeout.TotalSeconds:0.###} s after {offset + written} of {size} bytes");
                        }
                        catch (Exception e) when (e is IOException or HttpRequestException)
                        {
                            throw new TransientFetchException($"connection lost after {offset + written} of {size} bytes ({OneLine(e.Message)})");
                        }
                    }
                    if (n == 0)
                        break;
                    onReceived(n);
                    if (offset + written + n > size)
                    {
                        await output.DisposeAsync();
                        File.Delete(part);
                        throw new PermanentFetchException(
                            $"{url} sent more than the registered {size} bytes, so its content differs from the registry; nothing placed");
                    }
                    await output.WriteAsync(buffer.AsMemory(0, n), cancellation);
                    written += n;
                }
            }
            output.Flush(flushToDisk: true);
            return append;
        }
    }

    /// <summary>Classifies the response status; returns true when the body continues the .part (206 at the right offset).</summary>
    private static bool CheckStatus(HttpResponseMessage response, Uri url, string part, long have)
    {
        var code = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.PartialContent && have > 0)
        {
            if (response.Content.Headers.ContentRange?.From == have)
                return true;
            File.Delete(part);
            throw new TransientFetchException($"{url} answered the request for bytes {have}- with another range; starting the file again");
        }
        if (response.StatusCode == HttpStatusCode.OK)
            return false;   // also when the server ignores Range: the .part is rewritten from the start
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            File.Delete(part);
            throw new TransientFetchException($"{url} refused to resume at byte {have}; starting the file again");
        }
        var what = $"HTTP {code} {response.ReasonPhrase} from {url}";
        if (code is 408 or 429 || code >= 500)
            throw new TransientFetchException(what);
        throw new PermanentFetchException(what);
    }

    private static long LengthOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Worth retrying (the .part is kept and resumed). <paramref name="noResponse"/>: not even response headers arrived.</summary>
    private sealed class TransientFetchException(string message, bool noResponse = false) : Exception(message)
    {
        public bool NoResponse { get; } = noResponse;
    }

    /// <summary>Retrying cannot help (HTTP 4xx, content longer than registered).</summary>
    private sealed class PermanentFetchException(string message) : Exception(message);
}
