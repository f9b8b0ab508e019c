using System.Globalization;
using Cevns.Data;
using MathNet.Numerics.Distributions;
using MathNet.Numerics;

namespace Cevns.Datasets;

/// <summary>A free parameter of a <see cref="SpectralBackgroundModel"/>; a finite <see cref="PriorSigma"/> adds a Gaussian pull about <see cref="PriorCentre"/>.</summary>
public sealed record BackgroundParameter(string Name, double Start, double Lower, double Upper, double PriorCentre, double PriorSigma, string Description)
{
    public bool HasPrior => double.IsFinite(PriorSigma);
}

/// <summary>
/// A parametric background spectrum in reconstructed energy (keVee), declared in a definition file:
/// <code>
/// background_model:
///   density_unit_kevee: 0.010          # densities are given per this energy width (e.g. per 10 eV bin)
///   parameters:                        # free parameters (fit nuisances), in this order
///     l1_area:   { start: 17, lower: 0, description: ... }
///     m_over_l1: { start: 1, lower: 0, upper: 1.5, prior: [1, 0.03] }
///   components:                        # named shapes; each quantity is a number, "=table entry", a parameter
///     71Ge L1: { shape: gaussian, area: l1_area, centroid: l1_centroid, width: l1_width }   # name, or a list
///     71Ge M:  { shape: gaussian, area: [=M_over_L1_area, m_over_l1, l1_area], centroid: 0.158, width: 0.0685 }
/// </code>
/// Shapes (E in keVee, densities per density unit): <c>constant</c> (level), <c>exponential</c>
/// (constant + amplitude exp(-slope E)), <c>gaussian</c> (area = integral over E divided by the density unit, or
/// height = density at the centroid). A list is the product of its factors, which ties one component to another
/// (a fixed peak-area ratio, a ratio with a prior). Counts in a bin are the exact integrals of the shapes over
/// the bin times a scale (e.g. the live time in days when densities are rates per day).
/// </summary>
public sealed class SpectralBackgroundModel
{
    private const double Sqrt2Pi = 2.50662827463100050242;

    private enum Shape { Constant, Exponential, Gaussian }

    /// <summary>A quantity: the product of a constant and some parameters (indices into the parameter vector, repeats allowed).</summary>
    private readonly record struct Quantity(double Constant, int[] Parameters)
    {
        public double Value(ReadOnlySpan<double> p)
        {
            double v = Constant;
            foreach (int i in Parameters) v *= p[i];
            return v;
        }
    }

    private sealed record Component(string Name, Shape Shape, Quantity A, Quantity B, Quantity C, bool GaussianByHeight);

    private readonly Component[] _components;

    public IReadOnlyList<BackgroundParameter> Parameters { get; }

    public IReadOnlyList<string> ComponentNames => _components.Select(c => c.Name).ToArray();

    public double DensityUnitKeVee { get; }

    private SpectralBackgroundModel(IReadOnlyList<BackgroundParameter> parameters, Component[] components, double unit)
    {
        Parameters = parameters;
        _components = components;
        DensityUnitKeVee = unit;
    }

    public double[] StartValues() => Parameters.Select(p => p.Start).ToArray();

    public int IndexOf(string parameter)
    {
        for (int i = 0; i < Parameters.Count; i++)
            if (Parameters[i].Name == parameter) return i;
        throw new ArgumentException($"background model has no parameter '{parameter}' (parameters: {string.Join(", ", Parameters.Select(p => p.Name))})");
    }

    public static SpectralBackgroundModel Read(Facts section, FactNumbers numbers)
    {
        section.AllowOnly("density_unit_kevee", "parameters", "components", "note");
        double unit = numbers.PositiveNumber(section, "density_unit_kevee", "keVee");
        var ps = section.Section("parameters");
        var parameters = new List<BackgroundParameter>();
        foreach (var name in ps.Keys)
        {
            var p = ps.Section(name);
            p.AllowOnly("start", "lower", "upper", "prior", "description");
            double start = numbers.Number(p, "start");
            double lower = p.Has("lower") ? numbers.Number(p, "lower") : double.NegativeInfinity;
            double upper = p.Has("upper") ? numbers.Number(p, "upper") : double.PositiveInfinity;
            if (!(lower < upper) || start < lower || start > upper)
                throw p.Error("start", $"start {Fmt(start)} must lie in [lower, upper] = [{Fmt(lower)}, {Fmt(upper)}] with lower < upper");
            double centre = double.NaN, sigma = double.PositiveInfinity;
            if (p.Has("prior"))
            {
                var prior = p.Strings("prior");
                if (prior.Length != 2)
                    throw p.Error("prior", "expected [centre, sigma]");
                centre = numbers.Resolve(p, "prior", prior[0]);
                sigma = numbers.Resolve(p, "prior", prior[1]);
                if (!(sigma > 0))
                    throw p.Error("prior", "the prior sigma must be > 0");
            }
            parameters.Add(new BackgroundParameter(name, start, lower, upper, centre, sigma, p.OptionalString("description") ?? ""));
        }
        if (parameters.Count == 0)
            throw section.Error("parameters", "expected at least one parameter");

        var cs = section.Section("components");
        var components = new List<Component>();
        foreach (var name in cs.Keys)
        {
            var c = cs.Section(name);
            var shape = c.String("shape");
            Quantity Q(string key) => ReadQuantity(c, key, numbers, parameters);
            switch (shape)
            {
                case "constant":
                    c.AllowOnly("shape", "level", "note");
                    components.Add(new Component(name, Shape.Constant, Q("level"), default, default, false));
                    break;
                case "exponential":
                    c.AllowOnly("shape", "constant", "amplitude", "slope", "note");
                    var constant = c.Has("constant") ? Q("constant") : new Quantity(0, []);
                    components.Add(new Component(name, Shape.Exponential, constant, Q("amplitude"), Q("slope"), false));
                    break;
                case "gaussian":
                    c.AllowOnly("shape", "area", "height", "centroid", "width", "note");
                    if (c.Has("area") == c.Has("height"))
                        throw c.Error("shape", "a gaussian needs exactly one of area or height");
                    bool byHeight = c.Has("height");
                    components.Add(new Component(name, Shape.Gaussian, Q(byHeight ? "height" : "area"), Q("centroid"), Q("width"), byHeight));
                    break;
                default:
                    throw c.Error("shape", $"unknown shape '{shape}' (known: constant, exponential, gaussian)");
            }
        }
        if (components.Count == 0)
            throw section.Error("components", "expected at least one component");
        return new SpectralBackgroundModel(parameters, components.ToArray(), unit);
    }

    private static Quantity ReadQuantity(Facts c, string key, FactNumbers numbers, List<BackgroundParameter> parameters)
    {
        var factors = c.IsList(key) ? c.Strings(key) : [c.String(key)];
        double constant = 1;
        var indices = new List<int>();
        foreach (var raw in factors)
        {
            var f = raw.Trim();
            int i = parameters.FindIndex(p => p.Name == f);
            if (i >= 0)
                indices.Add(i);
            else if (f.StartsWith('=') || double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                constant *= numbers.Resolve(c, key, f);
            else
                throw c.Error(key, $"'{f}' is neither a number, a =table entry nor a parameter ({string.Join(", ", parameters.Select(p => p.Name))})");
        }
        return new Quantity(constant, indices.ToArray());
    }

    /// <summary>
    /// Counts of each component in the bins [edges[i], edges[i+1]) at parameter values <paramref name="p"/>, times
    /// <paramref name="scale"/>, written to <paramref name="perComponent"/>[component][bin]. A <paramref name="memo"/>
    /// (<see cref="NewMemo"/>, one per caller) keeps each shape's per-edge values for the last shape parameters it saw.
    /// </summary>
    public void Evaluate(ReadOnlySpan<double> p, IReadOnlyList<double> edges, double scale, double[][] perComponent, ShapeMemo? memo = null)
    {
        if (p.Length != Parameters.Count)
            throw new ArgumentException($"background model has {Parameters.Count} parameters, got {p.Length}");
        memo = Checked(memo, edges);
        for (int k = 0; k < _components.Length; k++)
            EvaluateComponent(_components[k], p, edges, scale / DensityUnitKeVee, perComponent[k], memo.Shapes[k]);
    }

    /// <summary>Fresh arrays [component][bin] of <see cref="Evaluate(ReadOnlySpan{double}, IReadOnlyList{double}, double, double[][], ShapeMemo?)"/>.</summary>
    public double[][] Evaluate(ReadOnlySpan<double> p, IReadOnlyList<double> edges, double scale)
    {
        var r = new double[_components.Length][];
        for (int k = 0; k < r.Length; k++) r[k] = new double[edges.Count - 1];
        Evaluate(p, edges, scale, r);
        return r;
    }

    /// <summary>
    /// The per-edge values of each component's shape that depend only on its shape parameters (a Gaussian's normal CDF,
    /// standardised edge and density at every edge for its centroid and width; an exponential's integrals and their
    /// slope derivatives for its slope), kept for the last few shape parameters seen (<see cref="ComponentShape"/>). While a fit moves other parameters (the
    /// physics, a peak's area, another component) a shape is reused rather than recomputed: the same numbers, since a
    /// shape is a fixed function of the edges and of parameters compared bit for bit. Not thread-safe: one per caller.
    /// </summary>
    public sealed class ShapeMemo
    {
        internal ShapeMemo(int components) => Shapes = Enumerable.Range(0, components).Select(_ => new ComponentShape()).ToArray();

        internal double[] Edges = [];
        internal readonly ComponentShape[] Shapes;

        /// <summary>How many times a shape's values were computed (for tests).</summary>
        public int Computations => Shapes.Sum(s => s.Computations);
    }

    /// <summary>One component's per-edge values for one set of shape parameters: for a Gaussian A = normal CDF, B = z, C = density
    /// at each edge (B and C filled only for a gradient); for an exponential A = the integral of e^{-C E} over each bin (as in the
    /// counts), B = e^{-C lo}, C = (1 - e^{-x})/x, D = (1 - e^{-x} - x e^{-x})/x^2 per bin (x = C w; B, C, D filled only for a gradient).</summary>
    internal sealed class ShapeValues
    {
        public long Key1, Key2;
        public bool HasValues, HasDerivatives;
        public double[] A = [], B = [], C = [], D = [];
    }

    /// <summary>One component's values for its last few shape parameters (a ring, oldest replaced first): a numerical
    /// Hessian alternates between steps in a peak's centroid and width and returns to the centre.</summary>
    internal sealed class ComponentShape
    {
        private const int Entries = 4;
        private readonly ShapeValues[] _entries = Enumerable.Range(0, Entries).Select(_ => new ShapeValues()).ToArray();
        private int _next;
        public int Computations;

        /// <summary>The entry for these shape parameters (bit for bit) and length, or the oldest entry emptied for them.</summary>
        public ShapeValues Select(double first, double second, int length)
        {
            long k1 = BitConverter.DoubleToInt64Bits(first), k2 = BitConverter.DoubleToInt64Bits(second);
            foreach (var e in _entries)
                if (e.HasValues && e.Key1 == k1 && e.Key2 == k2 && e.A.Length == length) return e;
            var entry = _entries[_next];
            _next = (_next + 1) % Entries;
            entry.Key1 = k1;
            entry.Key2 = k2;
            entry.HasValues = entry.HasDerivatives = false;
            if (entry.A.Length != length)
            {
                entry.A = new double[length];
                entry.B = new double[length];
                entry.C = new double[length];
                entry.D = new double[length];
            }
            return entry;
        }

        /// <summary>Forgets every entry (the edges changed).</summary>
        public void Forget()
        {
            foreach (var e in _entries) e.HasValues = e.HasDerivatives = false;
        }
    }

    /// <summary>A memo for <see cref="Evaluate(ReadOnlySpan{double}, IReadOnlyList{double}, double, double[][], ShapeMemo?)"/> and
    /// <see cref="AddWeightedGradient"/> (one per caller).</summary>
    public ShapeMemo NewMemo() => new(_components.Length);

    /// <summary>The memo, or a fresh one, with its values forgotten unless they were for these edges (bit for bit).</summary>
    private ShapeMemo Checked(ShapeMemo? memo, IReadOnlyList<double> edges)
    {
        memo ??= NewMemo();
        if (memo.Shapes.Length != _components.Length)
            throw new ArgumentException("the shape memo belongs to another background model");
        bool same;
        if (edges is double[] array)
            same = Bitwise.Equal(array, memo.Edges);
        else
        {
            same = memo.Edges.Length == edges.Count;
            for (int i = 0; i < edges.Count && same; i++)
                same = BitConverter.DoubleToInt64Bits(memo.Edges[i]) == BitConverter.DoubleToInt64Bits(edges[i]);
        }
        if (!same)
        {
            memo.Edges = edges.ToArray();
            foreach (var s in memo.Shapes) s.Forget();
        }
        return memo;
    }

    /// <summary>The shape's values for a Gaussian (normal CDF at every edge) or an exponential (integral of e^{-C E} per bin).</summary>
    private static ShapeValues FillValues(Component c, ComponentShape component, IReadOnlyList<double> edges, double first, double second)
    {
        int n = edges.Count - 1;
        ShapeValues shape;
        if (c.Shape == Shape.Gaussian)
        {
            shape = component.Select(first, second, n + 1);
            if (shape.HasValues) return shape;
            for (int e = 0; e <= n; e++) shape.A[e] = Cdf(edges[e], first, second);
        }
        else
        {
            shape = component.Select(first, 0, n);
            if (shape.HasValues) return shape;
            double slope = first;
            for (int i = 0; i < n; i++)
            {
                double lo = edges[i], w = edges[i + 1] - lo;
                // int_lo^hi e^{-C E} dE = e^{-C lo} (1 - e^{-C w}) / C, written with expm1 so that C -> 0 gives w.
                double x = slope * w;
                shape.A[i] = Math.Abs(x) < 1e-12 ? w : Math.Exp(-slope * lo) * (-ExpMinusOne.Of(-x)) / slope;
            }
        }
        shape.HasValues = true;
        component.Computations++;
        return shape;
    }

    /// <summary>The shape's values (<see cref="FillValues"/>) and the per-edge or per-bin factors of its derivatives.</summary>
    private static ShapeValues FillDerivatives(Component c, ComponentShape component, IReadOnlyList<double> edges, double first, double second)
    {
        var shape = FillValues(c, component, edges, first, second);
        if (shape.HasDerivatives) return shape;
        int n = edges.Count - 1;
        if (c.Shape == Shape.Gaussian)
        {
            for (int e = 0; e <= n; e++)
            {
                double z = (edges[e] - first) / second;
                shape.B[e] = z;
                shape.C[e] = Density(z);
            }
        }
        else
        {
            double slope = first;
            for (int i = 0; i < n; i++)
            {
                double lo = edges[i], w = edges[i + 1] - lo, x = slope * w;
                // I = int e^{-CE} dE = e^{-C lo} w (em/x); dI/dC = -int E e^{-CE} dE = -e^{-C lo} [lo w (em/x) + w^2 (em - x e^{-x}) / x^2],
                // em = 1 - e^{-x}, with the series of both ratios for small x.
                double emOverX, secondOverX2;
                if (Math.Abs(x) < 1e-4)
                {
                    emOverX = 1 - x / 2 + x * x / 6 - x * x * x / 24;
                    secondOverX2 = 0.5 - x / 3 + x * x / 8;
                }
                else
                {
                    double em = -ExpMinusOne.Of(-x);
                    emOverX = em / x;
                    secondOverX2 = (em - x * Math.Exp(-x)) / (x * x);
                }
                shape.B[i] = Math.Exp(-slope * lo);
                shape.C[i] = emOverX;
                shape.D[i] = secondOverX2;
            }
        }
        shape.HasDerivatives = true;
        return shape;
    }

    private static void EvaluateComponent(Component c, ReadOnlySpan<double> p, IReadOnlyList<double> edges, double perUnit, double[] into, ComponentShape shape)
    {
        int n = edges.Count - 1;
        switch (c.Shape)
        {
            case Shape.Constant:
            {
                double level = c.A.Value(p) * perUnit;
                for (int i = 0; i < n; i++) into[i] = level * (edges[i + 1] - edges[i]);
                break;
            }
            case Shape.Exponential:
            {
                double constant = c.A.Value(p) * perUnit, amp = c.B.Value(p) * perUnit, slope = c.C.Value(p);
                var integral = FillValues(c, shape, edges, slope, 0).A;
                for (int i = 0; i < n; i++)
                {
                    double w = edges[i + 1] - edges[i];
                    into[i] = constant * w + amp * integral[i];
                }
                break;
            }
            default:
            {
                double centroid = c.B.Value(p), width = c.C.Value(p);
                double area = c.A.Value(p) * (c.GaussianByHeight ? width * Sqrt2Pi : 1) * perUnit;
                if (!(width > 0))
                {
                    for (int i = 0; i < n; i++) into[i] = area * (edges[i] <= centroid && centroid < edges[i + 1] ? 1 : 0);
                    break;
                }
                var cdf = FillValues(c, shape, edges, centroid, width).A;
                for (int i = 0; i < n; i++) into[i] = area * (cdf[i + 1] - cdf[i]);
                break;
            }
        }
    }

    /// <summary>Sum of the Gaussian pulls of the parameters with priors.</summary>
    public double PriorChi2(ReadOnlySpan<double> p)
    {
        double s = 0;
        for (int i = 0; i < Parameters.Count; i++)
        {
            var q = Parameters[i];
            if (!q.HasPrior) continue;
            double z = (p[i] - q.PriorCentre) / q.PriorSigma;
            s += z * z;
        }
        return s;
    }

    /// <summary>
    /// gradient[j] += sum_i weights[i] d b_i / d p_j, b_i the sum of all components in bin i (as <see cref="Evaluate(ReadOnlySpan{double}, IReadOnlyList{double}, double, double[][])"/>
    /// with the same scale): each shape differentiated in closed form (constant: the width; exponential: w and the
    /// integrals of e^{-CE} and E e^{-CE}; Gaussian: the normal density at the edges), then through the products of
    /// parameters that form each quantity.
    /// </summary>
    public void AddWeightedGradient(ReadOnlySpan<double> p, IReadOnlyList<double> edges, double scale, ReadOnlySpan<double> weights, Span<double> gradient,
        ShapeMemo? memo = null)
    {
        if (p.Length != Parameters.Count || gradient.Length != Parameters.Count)
            throw new ArgumentException($"background model has {Parameters.Count} parameters, got {p.Length} values and {gradient.Length} gradient entries");
        if (weights.Length != edges.Count - 1)
            throw new ArgumentException($"expected {edges.Count - 1} bin weights, got {weights.Length}");
        memo = Checked(memo, edges);
        double perUnit = scale / DensityUnitKeVee;
        int n = edges.Count - 1;
        for (int k = 0; k < _components.Length; k++)
        {
            var c = _components[k];
            var shape = memo.Shapes[k];
            double gA = 0, gB = 0, gC = 0; // sum_i w_i d b_i / d (A, B, C)
            switch (c.Shape)
            {
                case Shape.Constant:
                    for (int i = 0; i < n; i++) gA += weights[i] * (edges[i + 1] - edges[i]) * perUnit;
                    break;
                case Shape.Exponential:
                {
                    double amp = c.B.Value(p) * perUnit, slope = c.C.Value(p);
                    var values = FillDerivatives(c, shape, edges, slope, 0);
                    var exp = values.B;
                    var emOverX = values.C;
                    var secondOverX2 = values.D;
                    for (int i = 0; i < n; i++)
                    {
                        if (weights[i] == 0) continue;
                        double lo = edges[i], w = edges[i + 1] - lo;
                        double e = exp[i];
                        gA += weights[i] * w * perUnit;
                        gB += weights[i] * e * w * emOverX[i] * perUnit;
                        gC -= weights[i] * amp * e * (lo * w * emOverX[i] + w * w * secondOverX2[i]);
                    }
                    break;
                }
                default:
                {
                    double a = c.A.Value(p), centroid = c.B.Value(p), width = c.C.Value(p);
                    if (!(width > 0)) break; // a delta function: flat in its parameters almost everywhere
                    double norm = (c.GaussianByHeight ? width * Sqrt2Pi : 1) * perUnit, area = a * norm;
                    var values = FillDerivatives(c, shape, edges, centroid, width);
                    var cdfs = values.A;
                    var zs = values.B;
                    var pdfs = values.C;
                    double cdfPrev = cdfs[0], zPrev = zs[0], pdfPrev = pdfs[0];
                    for (int i = 0; i < n; i++)
                    {
                        double z = zs[i + 1], cdf = cdfs[i + 1], pdf = pdfs[i + 1];
                        double wi = weights[i];
                        gA += wi * norm * (cdf - cdfPrev);
                        // d/d centroid of Phi((x - c)/s) = -phi(z)/s; d/d width = -phi(z) z / s (and the height form's area grows with s).
                        gB += wi * area * (pdfPrev - pdf) / width;
                        gC += wi * (area * (pdfPrev * zPrev - pdf * z) / width + (c.GaussianByHeight ? area * (cdf - cdfPrev) / width : 0));
                        cdfPrev = cdf;
                        zPrev = z;
                        pdfPrev = pdf;
                    }
                    break;
                }
            }
            AddChain(c.A, gA, p, gradient);
            if (c.Shape != Shape.Constant)
            {
                AddChain(c.B, gB, p, gradient);
                AddChain(c.C, gC, p, gradient);
            }
        }
    }

    /// <summary>gradient[j] += g dQ/dp_j for a quantity Q = constant x product of parameters (a parameter may appear more than once).</summary>
    private static void AddChain(Quantity q, double g, ReadOnlySpan<double> p, Span<double> gradient)
    {
        if (g == 0) return;
        for (int m = 0; m < q.Parameters.Length; m++)
        {
            double d = q.Constant;
            for (int l = 0; l < q.Parameters.Length; l++)
                if (l != m) d *= p[q.Parameters[l]];
            gradient[q.Parameters[m]] += g * d;
        }
    }

    /// <summary>Standard normal density.</summary>
    private static double Density(double z) => Math.Exp(-0.5 * z * z) / Sqrt2Pi;

    /// <summary>d prior chi^2 / d p added to <paramref name="gradient"/>.</summary>
    public void AddPriorGradient(ReadOnlySpan<double> p, Span<double> gradient)
    {
        for (int i = 0; i < Parameters.Count; i++)
        {
            var q = Parameters[i];
            if (q.HasPrior) gradient[i] += 2 * (p[i] - q.PriorCentre) / (q.PriorSigma * q.PriorSigma);
        }
    }

    private static double Cdf(double x, double mu, double sigma) => Normal.CDF(mu, sigma, x);

    private static string Fmt(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
