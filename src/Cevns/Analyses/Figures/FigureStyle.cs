using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Cevns.Analyses.Figures;

/// <summary>
/// The look shared by every figure: font, text sizes, line widths, the colour-blind-safe palette and the colours of
/// the confidence levels. Sizes are in points of the figure (PDF and SVG units; PNG is drawn at
/// <see cref="PngPixelsPerPoint"/>).
/// </summary>
public static class FigureStyle
{
    /// <summary>DejaVu Sans, embedded (it has the Greek letters, super- and subscript digits and math brackets used in labels).</summary>
    public const string FontName = EmbeddedFont.Name;

    public const float TitleSize = 13f;
    public const float LabelSize = 12f;
    public const float TickSize = 10.5f;
    public const float LegendSize = 9.5f;
    public const float AnnotationSize = 9f;
    public const float LineWidth = 1.6f;
    /// <summary>Length of the line samples in legends: long enough to tell dashed from dotted.</summary>
    public const float LegendSymbolWidth = 30f;
    public const float MarkerSize = 5f;

    /// <summary>PNG resolution: 2.5 pixels per point (180 dots per inch).</summary>
    public const float PngPixelsPerPoint = 2.5f;

    /// <summary>
    /// Colours of the fits and curves: Okabe and Ito's colour-blind-safe palette (B. Wong, Nature Methods 8 (2011) 441),
    /// without its yellow (too faint on white for lines).
    /// </summary>
    public static readonly IReadOnlyList<Color> Palette =
        new[] { "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000" }.Select(Color.FromHex).ToArray();

    /// <summary>The combination of all datasets is drawn in black.</summary>
    public static readonly Color Combined = Color.FromHex("#000000");

    public static readonly Color Data = Color.FromHex("#000000");

    public static readonly Color ReferenceLine = Color.FromHex("#808080");

    public static readonly Color Grid = Color.FromHex("#E6E6E6");

    /// <summary>Colour of fit number <paramref name="index"/> (the combined fit is black).</summary>
    public static Color FitColor(int index, bool combined) => combined ? Combined : Palette[index % (Palette.Count - 1)];

    /// <summary>
    /// Fill colours of stacked prediction components, from the same palette: CEvNS in blues and green by species
    /// (ν_e blue, ν_μ sky blue, ν̄_μ bluish green), ν-e scattering reddish purple, backgrounds orange, vermilion and greys.
    /// </summary>
    public static Color SignalColor(Cevns.Physics.NeutrinoSpecies? species, int index) => species switch
    {
        Cevns.Physics.NeutrinoSpecies.NuE or Cevns.Physics.NeutrinoSpecies.NuEBar => Color.FromHex("#0072B2"),
        Cevns.Physics.NeutrinoSpecies.NuMu => Color.FromHex("#56B4E9"),
        Cevns.Physics.NeutrinoSpecies.NuMuBar => Color.FromHex("#009E73"),
        _ => SignalExtras[index % SignalExtras.Length],
    };

    private static readonly Color[] SignalExtras = new[] { "#0072B2", "#56B4E9", "#009E73", "#7FC6B4" }.Select(Color.FromHex).ToArray();

    public static readonly Color ElectronScatteringColor = Color.FromHex("#CC79A7");

    /// <summary>CEvNS with a Migdal electron (Tol wine, apart from the signal blues, the backgrounds and nu-e pink).</summary>
    public static readonly Color MigdalColor = Color.FromHex("#882255");

    public static Color BackgroundColor(int index) => Backgrounds[index % Backgrounds.Length];

    private static readonly Color[] Backgrounds = new[] { "#E69F00", "#D55E00", "#9E9E9E", "#F0E442", "#C8C8C8", "#6E6E6E" }.Select(Color.FromHex).ToArray();

    /// <summary>Line patterns of the 2D confidence levels, innermost first (1 sigma solid, 90 % dashed, 2 sigma dotted).</summary>
    public static readonly IReadOnlyList<LinePattern> LevelPatterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted];

    /// <summary>Fill opacity of each 2D region; nested regions add up, so the innermost is the darkest.</summary>
    public const double RegionAlpha = 0.16;

    /// <summary>A new plot with the shared font, sizes, grid and frame.</summary>
    public static Plot NewPlot()
    {
        // Before any font is set: ScottPlot replaces a font name it cannot resolve by a system default.
        EmbeddedFont.Register();
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Grid;
        plot.Grid.MajorLineWidth = 0.8f;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontSize = LabelSize;
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontSize = TickSize;
            axis.FrameLineStyle.Width = 1.1f;
            axis.MajorTickStyle.Length = 5;
            axis.MinorTickStyle.Length = 2.5f;
        }
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = TickLabel };
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = TickLabel };
        plot.Axes.Title.Label.FontSize = TitleSize;
        plot.Axes.Title.Label.Bold = false;
        plot.Legend.FontSize = LegendSize;
        plot.Legend.FontName = FontName;
        // Keep the embedded font: the default would look for a system font with the legend's characters.
        plot.Legend.SetBestFontOnEachRender = false;
        plot.Legend.SymbolWidth = LegendSymbolWidth;
        plot.Legend.OutlineColor = Color.FromHex("#B0B0B0");
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.9);
        return plot;
    }

    /// <summary>
    /// Decade ticks labelled 10ⁿ with minor ticks at 2..9 for an axis whose coordinates are log10 of the value (ScottPlot
    /// draws logarithmic axes by plotting log10 of the data).
    /// </summary>
    public static ITickGenerator LogTicks(double log10Min, double log10Max)
    {
        var ticks = new NumericManual();
        foreach (var (position, label) in LogTickMarks(log10Min, log10Max))
        {
            if (label is null) ticks.AddMinor(position);
            else ticks.AddMajor(position, label);
        }
        return ticks;
    }

    /// <summary>The ticks of <see cref="LogTicks"/>: position (log10 of the value) and label, null for a minor tick.</summary>
    public static IReadOnlyList<(double Position, string? Label)> LogTickMarks(double log10Min, double log10Max)
    {
        var ticks = new List<(double, string?)>();
        int lo = (int)Math.Floor(log10Min), hi = (int)Math.Ceiling(log10Max);
        // Label every decade, or every second/third one when the range is wide (then no minor ticks between).
        int step = Math.Max(1, (int)Math.Ceiling((hi - lo) / 8.0));
        int labelled = 0;
        for (int d = lo; d <= hi; d++)
        {
            if (d >= log10Min - 1e-9 && d <= log10Max + 1e-9)
            {
                if ((d - lo) % step == 0)
                {
                    ticks.Add((d, PowerOfTen(d)));
                    labelled++;
                }
                else ticks.Add((d, null));
            }
            if (step == 1)
                for (int m = 2; m <= 9; m++)
                {
                    double x = d + Math.Log10(m);
                    if (x >= log10Min && x <= log10Max) ticks.Add((x, null));
                }
        }
        // A range of about one decade still needs labelled ticks: label 2 and 5 times the decades too.
        if (labelled < 2)
            for (int i = 0; i < ticks.Count; i++)
            {
                var (x, label) = ticks[i];
                double mantissa = Math.Pow(10, x - Math.Floor(x + 1e-9));
                if (label is null && (Math.Abs(mantissa - 2) < 1e-6 || Math.Abs(mantissa - 5) < 1e-6))
                    ticks[i] = (x, Number(Math.Pow(10, x)));
            }
        return ticks;
    }

    /// <summary>10ⁿ with Unicode superscripts (1 and 10 written out).</summary>
    public static string PowerOfTen(int exponent) => exponent switch
    {
        0 => "1",
        1 => "10",
        _ => "10" + Superscript(exponent.ToString(CultureInfo.InvariantCulture)),
    };

    public static string Superscript(string digits) => new(digits.Select(c => c switch
    {
        '-' => '⁻', '+' => '⁺', '0' => '⁰', '1' => '¹', '2' => '²', '3' => '³', '4' => '⁴',
        '5' => '⁵', '6' => '⁶', '7' => '⁷', '8' => '⁸', '9' => '⁹', _ => c,
    }).ToArray());

    /// <summary>A tick label of a linear axis: no thousands separator, a true minus sign (U+2212).</summary>
    public static string TickLabel(double v)
    {
        double a = Math.Abs(v);
        string text = a == 0 || a >= 1e-4 ? Math.Round(v, 10).ToString("0.######", CultureInfo.InvariantCulture) : v.ToString("G3", CultureInfo.InvariantCulture);
        return text.Replace('-', '−');
    }

    /// <summary>A number for text on a figure: up to 4 significant digits, invariant culture.</summary>
    public static string Number(double x) => x.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>log10 of each value, NaN where the value is not positive (not drawn on a log axis).</summary>
    public static double[] Log10(IEnumerable<double> values) => values.Select(v => v > 0 ? Math.Log10(v) : double.NaN).ToArray();
}
