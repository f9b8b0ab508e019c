namespace Cevns.Datasets;

/// <summary>
/// Polynomial interpolation in one neutron radius on fixed panels: [p W, (p + 1) W] for the panel p = floor(R / W), with
/// the Chebyshev points of the second kind t_k = cos(k pi / n), k = 0..n, mapped onto the panel (R = (p + (t + 1) / 2) W),
/// evaluated in the barycentric form p(t) = sum_k (w_k / (t - t_k)) f_k / sum_k (w_k / (t - t_k)) with w_k = (-1)^k, halved
/// at k = 0 and n (Berrut and Trefethen, "Barycentric Lagrange interpolation", SIAM Review 46 (2004) 501, eq. (5.4)):
/// numerically stable, exact at the nodes.
/// <para>
/// What is interpolated is a folded kernel row of the plain weak CEvNS term, sum_j R_ij w_j (Z F_Z)_j (N F_N)_j(R) or
/// the same with (N F_N)^2: an entire function of R on the panel (the Helm form factor 3 j1(q R0)/(q R0) exp(-q^2 s^2/2)
/// with R0^2 = 5/3 (R^2 - 3 s^2) is analytic for R &gt; sqrt(3) s = 1.56 fm). For a function analytic inside the Bernstein
/// ellipse of parameter rho around the panel, the error of the degree-n interpolant falls like rho^-n (Trefethen,
/// "Approximation Theory and Approximation Practice", SIAM 2013, Theorem 8.2): with q R &lt;~ 3 over the recoil grid and a
/// panel of 0.25 fm, n = 12 leaves it far below rounding. Every panel is checked when built: the interpolant at
/// <see cref="CheckCoordinates"/> (half-way, in angle, between nodes: where the error of a Chebyshev interpolant peaks)
/// must match the exact fold to <see cref="Tolerance"/> of the row's largest value, else the panel's radii take the exact
/// path (see <see cref="BinnedSignal"/>).
/// </para>
/// </summary>
internal static class NeutronRadiusPanel
{
    /// <summary>Panel width in fm.</summary>
    public const double WidthFm = 0.25;

    /// <summary>Polynomial degree n (n + 1 nodes per panel).</summary>
    public const int Degree = 12;

    /// <summary>Largest accepted difference between the interpolant and the exact fold at a check point, relative to the
    /// largest value of the row (a few hundred times the double rounding unit).</summary>
    public const double Tolerance = 1e-13;

    public static int NodeCount => Degree + 1;

    /// <summary>The nodes t_k = cos(k pi / n) on [-1, 1].</summary>
    public static IReadOnlyList<double> NodeCoordinates => Nodes;

    /// <summary>Where each panel is checked: cos((k + 1/2) pi / n) for k = 0 (next to an end of the panel) and k = n / 2 (its
    /// middle).</summary>
    public static IReadOnlyList<double> CheckCoordinates => Checks;

    /// <summary>Radii computed per panel: the nodes, then the check points.</summary>
    public static int PointCount => Nodes.Length + Checks.Length;

    private static readonly double[] Nodes = Enumerable.Range(0, Degree + 1).Select(k => Math.Cos(k * Math.PI / Degree)).ToArray();
    private static readonly double[] BarycentricWeights =
        Enumerable.Range(0, Degree + 1).Select(k => (k % 2 == 0 ? 1.0 : -1.0) * (k == 0 || k == Degree ? 0.5 : 1.0)).ToArray();
    private static readonly double[] Checks = [Math.Cos(0.5 * Math.PI / Degree), Math.Cos((Degree / 2 + 0.5) * Math.PI / Degree)];

    /// <summary>The panel holding a radius.</summary>
    public static int PanelOf(double radiusFm) => (int)Math.Floor(radiusFm / WidthFm);

    /// <summary>The radius at coordinate t in [-1, 1] of a panel.</summary>
    public static double RadiusAt(int panel, double t) => (panel + 0.5 * (t + 1)) * WidthFm;

    /// <summary>The coordinate t in [-1, 1] of a radius in its panel.</summary>
    public static double CoordinateOf(int panel, double radiusFm) => 2 * (radiusFm / WidthFm - panel) - 1;

    /// <summary>The radii of a panel's nodes, then of its check points (<see cref="PointCount"/>).</summary>
    public static double[] Radii(int panel) => Nodes.Concat(Checks).Select(t => RadiusAt(panel, t)).ToArray();

    /// <summary>Weights l_k(t) with p(t) = sum_k l_k(t) f_k (barycentric form; exactly the unit vector at a node).</summary>
    public static void InterpolationWeights(double t, Span<double> into)
    {
        if (into.Length != Nodes.Length)
            throw new ArgumentException($"expected {Nodes.Length} interpolation weights, got {into.Length}", nameof(into));
        for (int k = 0; k < Nodes.Length; k++)
            if (t == Nodes[k])
            {
                into.Clear();
                into[k] = 1.0;
                return;
            }
        double sum = 0;
        for (int k = 0; k < Nodes.Length; k++)
        {
            into[k] = BarycentricWeights[k] / (t - Nodes[k]);
            sum += into[k];
        }
        for (int k = 0; k < Nodes.Length; k++) into[k] /= sum;
    }

    /// <summary>into[i] = sum_k l_k values[k * into.Length + i]: the interpolant of every entry of a block of values given at the
    /// nodes (node-major), with the weights of <see cref="InterpolationWeights"/>.</summary>
    public static void Interpolate(ReadOnlySpan<double> weights, ReadOnlySpan<double> values, Span<double> into)
    {
        int size = into.Length;
        into.Clear();
        for (int k = 0; k < weights.Length; k++)
        {
            double w = weights[k];
            if (w == 0) continue;
            var v = values.Slice(k * size, size);
            for (int i = 0; i < size; i++) into[i] += w * v[i];
        }
    }
}
