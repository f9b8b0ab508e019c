using Cevns.Analyses.Reports;
using ScottPlot;

namespace Cevns.Analyses.Figures;

/// <summary>
/// One panel of a figure: a plot drawn across the full width, from <see cref="Top"/> to <see cref="Bottom"/> (fractions
/// of the figure height, 0 at the top).
/// </summary>
public sealed record FigurePanel(Plot Plot, float Top = 0f, float Bottom = 1f);

/// <summary>
/// One figure: its file name stem, a one-line caption, the CSV files with its data (written beside the images) and
/// the panels that draw it. Size in points (1/72 inch): the PDF page and SVG size; PNG is drawn at
/// <see cref="FigureStyle.PngPixelsPerPoint"/> pixels per point.
/// </summary>
public sealed record Figure(string Name, string Caption, IReadOnlyList<CsvTable> Data, IReadOnlyList<FigurePanel> Panels)
{
    public float WidthPoints { get; init; } = 504f;

    public float HeightPoints { get; init; } = 360f;
}
