namespace Cevns.Tests.Data;

/// <summary>A temporary folder tree for file-system tests, deleted on dispose.</summary>
public sealed class TempTree : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("cevns-test-").FullName;

    /// <summary>Creates a folder (relative, '/'-separated) and returns its full path.</summary>
    public string Folder(string relative) => Directory.CreateDirectory(Path.Combine(Root, relative)).FullName;

    /// <summary>Creates a file with the given text and returns its full path.</summary>
    public string File(string relative, string text = "")
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A fake repository root at repo/ (with cevns.slnx) and its default data folder repo/data.</summary>
    public (string Repository, string DefaultData) FakeCheckout()
    {
        File("repo/cevns.slnx", "<Solution />");
        return (Path.Combine(Root, "repo"), Folder("repo/data"));
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
