using ScottPlot;
using SkiaSharp;

namespace Cevns.Analyses.Figures;

/// <summary>
/// The figures' font, DejaVu Sans, loaded from the assembly (Fonts/DejaVuSans.ttf, Bitstream Vera licence in
/// Fonts/DejaVuSans-LICENSE.txt): text renders the same everywhere, also where no system fonts or fontconfig exist.
/// Registered once with ScottPlot's font resolvers; every weight and slant use the regular face.
/// </summary>
public sealed class EmbeddedFont : IFontResolver
{
    public const string Name = "DejaVu Sans";

    private const string Resource = "fonts/DejaVuSans.ttf";

    private static readonly Lazy<SKTypeface> Face = new(Load);

    private static readonly object Gate = new();

    private static bool _registered;

    /// <summary>Adds the resolver to ScottPlot (once per process) and makes the font the default.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            Fonts.FontResolvers.Insert(0, new EmbeddedFont());
            Fonts.Default = Name;
            _registered = true;
        }
    }

    public static SKTypeface Typeface => Face.Value;

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        string.Equals(fontName, Name, StringComparison.OrdinalIgnoreCase) ? Face.Value : null;

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        CreateTypeface(fontName, false, false);

    private static SKTypeface Load()
    {
        using var stream = typeof(EmbeddedFont).Assembly.GetManifestResourceStream(Resource)
                           ?? throw new FigureException($"font resource {Resource} is missing from the assembly");
        return SKTypeface.FromStream(stream) ?? throw new FigureException($"font resource {Resource} could not be read");
    }
}
