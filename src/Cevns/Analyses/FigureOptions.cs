using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Physics.FormFactors;

namespace Cevns.Analyses;

public enum FigureFormat { Pdf, Svg, Png }

/// <summary>
/// Which figures a report draws. Profiles (one per 1D scan) and contours (one per 2D scan) are on by default;
/// spectra, form factors and cross sections are drawn when asked for.
/// </summary>
public sealed record FigureOptions
{
    /// <summary>
    /// Image formats of every figure, drawn in-process (default PNG and SVG). PDF only on request: SkiaSharp's PDF
    /// backend ignores path effects, so dashed and dotted confidence-level lines come out solid there.
    /// </summary>
    public IReadOnlyList<FigureFormat> Formats { get; init; } = [FigureFormat.Png, FigureFormat.Svg];

    public bool Profiles { get; init; } = true;

    public bool Contours { get; init; } = true;

    /// <summary>Dataset labels whose predicted (at each fit's best fit) and observed spectra are drawn with residuals.</summary>
    public IReadOnlyList<string> Spectra { get; init; } = [];

    public FormFactorFigureSpec? FormFactors { get; init; }

    /// <summary>Dataset labels (with the Migdal channel on) whose CEvNS and Migdal-by-shell spectra are drawn at the fixed physics.</summary>
    public IReadOnlyList<string> MigdalShells { get; init; } = [];

    public IReadOnlyList<CrossSectionFigureSpec> CrossSections { get; init; } = [];

    /// <summary>The running of sin^2 theta_W with each external probe's determination at its momentum transfer (Sin2RunningFigure).</summary>
    public bool Sin2Running { get; init; }
}

/// <summary>Proton and neutron form factors F(q) of each element for each model, 0 &lt;= q &lt;= QMaxPerFm (one figure per element).</summary>
public sealed record FormFactorFigureSpec(IReadOnlyList<string> Elements, IReadOnlyList<FormFactorModel> Models, double QMaxPerFm);

/// <summary>
/// dsigma/dT per target unit against recoil energy for each species and neutrino energy, at the Standard Model
/// (and at the best-fit physics of each fit that frees physics parameters).
/// </summary>
public sealed record CrossSectionFigureSpec(string Label, string Target, ScatteringChannel Channel,
    IReadOnlyList<NeutrinoSpecies> Species, IReadOnlyList<double> NeutrinoEnergiesMeV, double RecoilMinKeV, double RecoilMaxKeV,
    FormFactorModel FormFactor);
