namespace Cevns.Datasets;

/// <summary>
/// How a shape systematic moves each bin between its templates at nuisance theta = -1, 0 and +1 (vertical
/// interpolation of HistFactory, CERN-OPEN-2012-016; pyhf's interpolation codes 0 and 2). With d+ and d- the changes
/// of a bin at theta = +1 and -1:
/// <list type="bullet">
/// <item><see cref="PiecewiseLinear"/> (code 0): theta d+ for theta &gt;= 0, -theta d- below. Straight lines through the
/// templates, with a kink at theta = 0. Used for the CENNS-10 release templates, as the release companion does.</item>
/// <item><see cref="Quadratic"/> (code 2): for |theta| &lt;= 1 the parabola through the three templates,
/// theta (d+ - d-)/2 + theta^2 (d+ + d-)/2, and beyond +-1 its tangent line: value and slope are continuous everywhere,
/// so a gradient-based minimiser sees a smooth surface near the nominal, where fits end up. Used for the CsI detector
/// variants, rebuilt at every physics point.</item>
/// </list>
/// The two give the same changes at theta = 0, +-1; they differ in between and beyond, so a dataset keeps the one its
/// numbers were made with.
/// </summary>
public enum TemplateInterpolation
{
    PiecewiseLinear,
    Quadratic,
}

/// <summary>
/// A shape systematic of one binned component given as +1 sigma and -1 sigma alternative templates (or only +1 sigma:
/// then mirrored, the -1 sigma change being minus the +1 sigma one), interpolated in its nuisance theta as
/// <see cref="TemplateInterpolation"/> says. Changes are stored relative to the nominal (<see cref="Relative"/>: applied
/// as factors 1 + change on another prediction of the same component) or as absolute counts (<see cref="Absolute"/>).
/// Several variations of a component add their changes. Building the templates is the expensive part (a response
/// matrix each, or a release file); applying a variation is one or two multiply-adds per bin.
/// </summary>
public sealed class TemplateVariation
{
    // PiecewiseLinear: the changes at theta = +1 and -1. Quadratic: (d+ - d-)/2 and (d+ + d-)/2.
    private readonly double[] _a, _b;

    public string Name { get; }
    public bool IsRelative { get; }
    public TemplateInterpolation Interpolation { get; }
    public int BinCount => _a.Length;

    private TemplateVariation(string name, double[] up, double[] down, bool relative, TemplateInterpolation interpolation)
    {
        Name = name;
        IsRelative = relative;
        Interpolation = interpolation;
        if (interpolation == TemplateInterpolation.PiecewiseLinear)
        {
            _a = up;
            _b = down;
            return;
        }
        _a = new double[up.Length];
        _b = new double[up.Length];
        for (int i = 0; i < up.Length; i++)
        {
            _a[i] = 0.5 * (up[i] - down[i]);
            _b[i] = 0.5 * (up[i] + down[i]);
        }
    }

    /// <summary>Per-bin relative changes plus/nominal - 1 (0 where the nominal is empty).</summary>
    public static TemplateVariation Relative(string name, IReadOnlyList<double> nominal, IReadOnlyList<double> plus, IReadOnlyList<double>? minus,
        TemplateInterpolation interpolation = TemplateInterpolation.PiecewiseLinear)
    {
        Check(name, nominal, plus, minus);
        double floor = 1e-12 * nominal.Max();
        double[] Ratio(IReadOnlyList<double> t) => nominal.Select((n, i) => n > floor ? t[i] / n - 1 : 0.0).ToArray();
        var up = Ratio(plus);
        return new(name, up, minus is null ? up.Select(x => -x).ToArray() : Ratio(minus), true, interpolation);
    }

    /// <summary>
    /// Per-bin absolute changes template - nominal; with <paramref name="renormalise"/> the templates are first scaled to
    /// the nominal total, so that the variation is a pure shape change (the normalisation then has its own nuisance).
    /// </summary>
    public static TemplateVariation Absolute(string name, IReadOnlyList<double> nominal, IReadOnlyList<double> plus, IReadOnlyList<double>? minus,
        bool renormalise, TemplateInterpolation interpolation = TemplateInterpolation.PiecewiseLinear)
    {
        Check(name, nominal, plus, minus);
        double total = renormalise ? nominal.Sum() : 0;
        double[] Diff(IReadOnlyList<double> t)
        {
            double k = renormalise && t.Sum() > 0 ? total / t.Sum() : 1.0;
            return t.Select((v, i) => k * v - nominal[i]).ToArray();
        }
        var up = Diff(plus);
        return new(name, up, minus is null ? up.Select(x => -x).ToArray() : Diff(minus), false, interpolation);
    }

    /// <summary>
    /// <see cref="Absolute(string, IReadOnlyList{double}, IReadOnlyList{double}, IReadOnlyList{double}?, bool, TemplateInterpolation)"/>
    /// without renormalisation, from spans: the changes plus - nominal and minus - nominal, the same numbers without the
    /// intermediate enumerations (for templates rebuilt at every physics point).
    /// </summary>
    public static TemplateVariation Absolute(string name, ReadOnlySpan<double> nominal, ReadOnlySpan<double> plus, ReadOnlySpan<double> minus,
        TemplateInterpolation interpolation = TemplateInterpolation.PiecewiseLinear)
    {
        if (plus.Length != nominal.Length || minus.Length != nominal.Length)
            throw new ArgumentException($"shape systematic {name}: templates must have {nominal.Length} bins like the nominal, got {plus.Length} and {minus.Length}");
        var up = new double[nominal.Length];
        var down = new double[nominal.Length];
        for (int i = 0; i < nominal.Length; i++)
        {
            up[i] = plus[i] - nominal[i];
            down[i] = minus[i] - nominal[i];
        }
        return new(name, up, down, false, interpolation);
    }

    private static void Check(string name, IReadOnlyList<double> nominal, IReadOnlyList<double> plus, IReadOnlyList<double>? minus)
    {
        if (plus.Count != nominal.Count || (minus is not null && minus.Count != nominal.Count))
            throw new ArgumentException($"shape systematic {name}: templates must have {nominal.Count} bins like the nominal, got {plus.Count} and {minus?.Count ?? plus.Count}");
    }

    /// <summary>Change of bin <paramref name="bin"/> at nuisance value theta.</summary>
    public double Change(int bin, double theta)
    {
        if (Interpolation == TemplateInterpolation.PiecewiseLinear)
            return theta >= 0 ? theta * _a[bin] : -theta * _b[bin];
        double a = _a[bin], b = _b[bin];
        if (theta > 1) return a + b + (theta - 1) * (a + 2 * b);
        if (theta < -1) return -a + b + (theta + 1) * (a - 2 * b);
        return theta * (a + b * theta);
    }

    /// <summary>
    /// d change / d theta of one bin. Piecewise linear: d+ above 0, -d- below, and their mean at the kink theta = 0 (the
    /// central difference there). Quadratic: the parabola's slope inside +-1, the tangent's outside (continuous).
    /// </summary>
    public double Slope(int bin, double theta)
    {
        double a = _a[bin], b = _b[bin];
        if (Interpolation == TemplateInterpolation.PiecewiseLinear)
            return theta > 0 ? a : theta < 0 ? -b : 0.5 * (a - b);
        if (theta > 1) return a + 2 * b;
        if (theta < -1) return a - 2 * b;
        return a + 2 * b * theta;
    }

    /// <summary>sum_i weights[i] d change_i / d theta (<see cref="Slope"/>); no allocation.</summary>
    public double WeightedSlope(double theta, ReadOnlySpan<double> weights)
    {
        if (weights.Length != BinCount)
            throw new ArgumentException($"shape systematic {Name}: expected {BinCount} weights, got {weights.Length}");
        double sa = 0, sb = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            sa += weights[i] * _a[i];
            sb += weights[i] * _b[i];
        }
        if (Interpolation == TemplateInterpolation.PiecewiseLinear)
            return theta > 0 ? sa : theta < 0 ? -sb : 0.5 * (sa - sb);
        if (theta > 1) return sa + 2 * sb;
        if (theta < -1) return sa - 2 * sb;
        return sa + 2 * sb * theta;
    }

    /// <summary>into[i] += scale x change of bin i at theta; no allocation.</summary>
    public void AddChange(double theta, Span<double> into, double scale = 1.0)
    {
        if (into.Length != BinCount)
            throw new ArgumentException($"shape systematic {Name}: expected {BinCount} bins, got {into.Length}");
        if (double.IsNaN(theta))
            throw new ArgumentOutOfRangeException(nameof(theta), theta, $"nuisance of shape systematic {Name} must not be NaN");
        if (theta == 0 || scale == 0) return;
        if (Interpolation == TemplateInterpolation.PiecewiseLinear)
        {
            var d = theta >= 0 ? _a : _b;
            double w = scale * Math.Abs(theta);
            for (int i = 0; i < into.Length; i++) into[i] += w * d[i];
            return;
        }
        for (int i = 0; i < into.Length; i++) into[i] += scale * Change(i, theta);
    }
}
