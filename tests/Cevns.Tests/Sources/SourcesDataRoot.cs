namespace Cevns.Tests.Sources;

/// <summary>
/// The public data directory for tests: $CEVNS_DATA if set, else data/ in the repository root
/// (the folder holding cevns.slnx). Missing data is a test failure with a clear message, not a skip.
/// </summary>
internal static class SourcesDataRoot
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Path => Root.Value;

    private static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("CEVNS_DATA");
        if (!string.IsNullOrWhiteSpace(env))
        {
            if (!Directory.Exists(env))
                throw new InvalidOperationException($"CEVNS_DATA={env} is not a directory; point it at the public data folder");
            return env;
        }
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "cevns.slnx")))
            dir = dir.Parent;
        if (dir is null)
            throw new InvalidOperationException($"no folder with cevns.slnx above {AppContext.BaseDirectory}; set CEVNS_DATA to the public data folder");
        var data = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "data"));
        if (!Directory.Exists(data))
            throw new InvalidOperationException($"public data folder not found at {data}; set CEVNS_DATA to the public data folder");
        return data;
    }
}

/// <summary>Small independent quadrature for tests (composite Simpson), not shared with the library.</summary>
internal static class TestQuadrature
{
    public static double Simpson(Func<double, double> f, double a, double b, int intervals = 20000)
    {
        if (intervals % 2 == 1)
            intervals++;
        double h = (b - a) / intervals;
        double s = f(a) + f(b);
        for (int i = 1; i < intervals; i++)
            s += (i % 2 == 1 ? 4 : 2) * f(a + i * h);
        return s * h / 3;
    }
}
