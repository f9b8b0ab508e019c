using ScottPlot;
using SkiaSharp;

namespace Cevns.Analyses.Figures;

/// <summary>
/// Draws a <see cref="Figure"/> in-process (ScottPlot on SkiaSharp) as PNG (raster), SVG (Skia's SVG canvas) and PDF
/// (Skia's PDF document), and writes its CSV data beside the images.
/// </summary>
public static class FigureRenderer
{
    public static string Extension(FigureFormat format) => format switch
    {
        FigureFormat.Pdf => "pdf",
        FigureFormat.Png => "png",
        _ => "svg",
    };

    /// <summary>Writes the data and the images into <paramref name="directory"/>; returns the file names written.</summary>
    public static IReadOnlyList<string> Render(Figure figure, string directory, IReadOnlyList<FigureFormat> formats)
    {
        EmbeddedFont.Register();
        var files = new List<string>();
        foreach (var d in figure.Data)
        {
            d.WriteTo(directory);
            files.Add(d.FileName);
        }
        foreach (var format in formats)
        {
            var image = $"{figure.Name}.{Extension(format)}";
            var path = Path.Combine(directory, image);
            try
            {
                using (var stream = File.Create(path))
                {
                    switch (format)
                    {
                        case FigureFormat.Png: WritePng(figure, stream); break;
                        case FigureFormat.Svg: WriteSvg(figure, stream); break;
                        default: WritePdf(figure, stream); break;
                    }
                }
            }
            catch (Exception e) when (e is not FigureException and not IOException and not UnauthorizedAccessException)
            {
                throw new FigureException($"figure {image} could not be drawn: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
            if (new FileInfo(path).Length == 0) throw new FigureException($"figure {image}: nothing was written");
            files.Add(image);
        }
        return files;
    }

    /// <summary>Draws every panel onto a canvas measured in points.</summary>
    public static void Draw(Figure figure, SKCanvas canvas)
    {
        EmbeddedFont.Register();
        canvas.Clear(SKColors.White);
        foreach (var p in figure.Panels)
        {
            var rect = new PixelRect(0, figure.WidthPoints, figure.HeightPoints * p.Bottom, figure.HeightPoints * p.Top);
            // A plot clears its background: clip it to its own panel, or it would erase the panels drawn before.
            canvas.Save();
            canvas.ClipRect(new SKRect(rect.Left, rect.Top, rect.Right, rect.Bottom));
            p.Plot.Render(canvas, rect);
            canvas.Restore();
        }
    }

    private static void WritePng(Figure figure, Stream stream)
    {
        float s = FigureStyle.PngPixelsPerPoint;
        var info = new SKImageInfo((int)Math.Round(figure.WidthPoints * s), (int)Math.Round(figure.HeightPoints * s));
        using var surface = SKSurface.Create(info) ?? throw new FigureException($"figure {figure.Name}: could not allocate a {info.Width}x{info.Height} image");
        surface.Canvas.Scale(s);
        Draw(figure, surface.Canvas);
        surface.Canvas.Flush();
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        data.SaveTo(stream);
    }

    private static void WriteSvg(Figure figure, Stream stream)
    {
        // The SVG canvas writes its document when it is disposed.
        using var managed = new SKManagedWStream(stream);
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, figure.WidthPoints, figure.HeightPoints), managed))
            Draw(figure, canvas);
    }

    private static void WritePdf(Figure figure, Stream stream)
    {
        using var managed = new SKManagedWStream(stream);
        var metadata = new SKDocumentPdfMetadata { Title = figure.Caption, Creator = "cevns", Producer = "cevns (ScottPlot, SkiaSharp)" };
        using var document = SKDocument.CreatePdf(managed, metadata)
                             ?? throw new FigureException($"figure {figure.Name}.pdf: this SkiaSharp build has no PDF backend");
        var canvas = document.BeginPage(figure.WidthPoints, figure.HeightPoints);
        Draw(figure, canvas);
        document.EndPage();
        document.Close();
    }
}
