using System.Text;
using System.Xml.Linq;
using SkiaSharp;

namespace Cevns.Tests.Analyses;

/// <summary>
/// Checks that figure files are what their extension says and show something: a PNG decodes (SkiaSharp) to an image
/// of many colours with a fair share of non-white pixels; an SVG is well-formed XML with drawing elements and text;
/// a PDF has its header, a page and its end marker.
/// </summary>
internal static class ImageFiles
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static void AssertValid(string path)
    {
        Assert.True(File.Exists(path), $"missing {path}");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 500, $"{path} is only {bytes.Length} bytes");
        switch (Path.GetExtension(path))
        {
            case ".png":
                Assert.True(bytes.AsSpan(0, 8).SequenceEqual(PngSignature), $"{path}: no PNG signature");
                AssertDrawn(path, bytes);
                break;
            case ".pdf":
                Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
                var pdf = Encoding.ASCII.GetString(bytes);
                Assert.Contains("/Type /Page", pdf);
                Assert.Contains("%%EOF", pdf[Math.Max(0, pdf.Length - 64)..]);
                break;
            case ".svg":
                var svg = XDocument.Parse(Encoding.UTF8.GetString(bytes));
                Assert.Equal("svg", svg.Root!.Name.LocalName);
                var elements = svg.Descendants().Select(e => e.Name.LocalName).ToArray();
                int drawing = elements.Count(n => n is "path" or "line" or "rect" or "polyline" or "polygon" or "circle" or "ellipse");
                Assert.True(drawing >= 10, $"{path}: only {drawing} drawing elements");
                Assert.Contains("text", elements);
                break;
            default:
                Assert.Fail($"{path}: not an image extension");
                break;
        }
    }

    /// <summary>The PNG decodes, is at least 600 x 400 pixels, and is not blank: many distinct colours, over 2 % non-white.</summary>
    private static void AssertDrawn(string path, byte[] bytes)
    {
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.True(bitmap is not null, $"{path}: SkiaSharp cannot decode it");
        Assert.True(bitmap.Width >= 600 && bitmap.Height >= 400, $"{path}: {bitmap.Width}x{bitmap.Height} pixels");
        var colours = new HashSet<uint>();
        long nonWhite = 0, total = 0;
        for (int y = 0; y < bitmap.Height; y += 2)
            for (int x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                colours.Add((uint)c);
                if (c.Red < 245 || c.Green < 245 || c.Blue < 245) nonWhite++;
                total++;
            }
        Assert.True(colours.Count > 8, $"{path}: only {colours.Count} distinct colours");
        Assert.True(nonWhite > 0.02 * total, $"{path}: only {100.0 * nonWhite / total:F2} % of the pixels are drawn");
    }
}
