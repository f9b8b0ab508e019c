using System.Globalization;
using Cevns.Data;

namespace Cevns.Physics.FormFactors;

/// <summary>
/// Form factor of a tabulated spherical density (docs/physics.md section 3), e.g. a Hartree-Fock+BCS output:
/// F(q) = (4 pi / X) int_0^inf dr r^2 rho(r) j0(q r), X = 4 pi int_0^inf dr r^2 rho(r).
/// Between table points rho is the cubic through the four nearest points (error O(h^4) for a smooth
/// density; the table is mirrored to negative r so that rho stays even at the origin, as a smooth
/// spherical density is). Each interval is integrated with 4-point Gauss-Legendre, exact for the
/// interpolated r^2 rho(r) and r^4 rho(r) (polynomials of degree 5 and 7), so X, the rms radius and
/// F(0) carry no quadrature error; with j0(q r) the rule's error is of order (q h)^8 / 8!, far below the
/// O(h^4) interpolation error for q h &lt; 1. Nodes and weights are computed once at construction; on
/// equal-width intervals the nodes sit symmetrically about the midpoint, so sin(q r) at all four follows
/// from one sin/cos of the midpoint and the sin/cos of the two node offsets, shared by every interval.
/// </summary>
public sealed class TabulatedDensityFormFactor : IFormFactor
{
    // Gauss-Legendre 4-point rule on [-1, 1] (Abramowitz and Stegun, Table 25.4): nodes -+Outer, -+Inner.
    private const double OuterNode = 0.861136311594052575, OuterWeight = 0.347854845137453857;
    private const double InnerNode = 0.339981043584856265, InnerWeight = 0.652145154862546143;
    private static readonly double[] GaussNodes = [-OuterNode, -InnerNode, InnerNode, OuterNode];
    private static readonly double[] GaussWeights = [OuterWeight, InnerWeight, InnerWeight, OuterWeight];

    // F(q) = (1/q) sum_k v_k sin(q r_k) with v_k = w_k / r_k (normalised Gauss weights w_k of r^2 rho).
    // Intervals of the common width: midpoint m and, with offsets dO = OuterNode h/2, dI = InnerNode h/2,
    // even/odd combinations of the node pairs: sum = sin(q m) (eO cos(q dO) + eI cos(q dI)) + cos(q m) (oO sin(q dO) + oI sin(q dI)).
    private readonly double _outerOffsetFm, _innerOffsetFm;
    private readonly double[] _midFm, _evenOuter, _evenInner, _oddOuter, _oddInner;
    // Intervals of other widths (e.g. [0, r0] when the table starts off the origin): plain nodes.
    private readonly double[] _looseNodeFm, _looseWeight;
    private readonly double _maxRadiusFm;

    /// <summary>X = int 4 pi r^2 rho(r) dr in (unit of rho) x fm^3, e.g. the particle number for a density in fm^-3.</summary>
    public double VolumeIntegral { get; }

    /// <summary>Rms radius of the density, sqrt(int r^4 rho / int r^2 rho), same quadrature.</summary>
    public double RmsRadiusFm { get; }

    public TabulatedDensityFormFactor(RadialDensityTable density)
    {
        // The shape is all that matters for F(q): integrate rho / max(rho), so that no density unit can overflow
        // (or underflow) the sums, and scale X back at the end.
        double rhoMax = density.Densities.Max();
        var (r, rho) = MirroredAboutOrigin(density, 1 / rhoMax);
        int first = Array.FindIndex(r, x => x >= 0);
        double commonWidth = density.RadiiFm[1] - density.RadiiFm[0];
        _outerOffsetFm = 0.5 * commonWidth * OuterNode;
        _innerOffsetFm = 0.5 * commonWidth * InnerNode;

        var mid = new List<double>();
        var pairs = new List<(double EO, double EI, double OO, double OI)>();
        var looseNodes = new List<double>();
        var looseWeights = new List<double>();
        double total = 0, secondMoment = 0;
        Span<double> v = stackalloc double[4];
        // Intervals [r_j, r_j+1] reaching positive r; the one straddling the origin (table not starting
        // at r = 0) is integrated from 0 only.
        for (int j = Math.Max(first - 1, 0); j < r.Length - 1; j++)
        {
            double lo = Math.Max(r[j], 0), hi = r[j + 1];
            if (!(hi > lo))
                continue;
            int s = Math.Clamp(j - 1, 0, r.Length - 4);
            double m = 0.5 * (lo + hi), half = 0.5 * (hi - lo);
            bool paired = Math.Abs(hi - lo - commonWidth) <= 1e-9 * commonWidth;
            if (paired)
                half = 0.5 * commonWidth;
            bool any = false;
            for (int k = 0; k < 4; k++)
            {
                double x = m + half * GaussNodes[k];
                double w = half * GaussWeights[k] * x * x * CubicThrough(r, rho, s, x);
                total += w;
                secondMoment += w * x * x;
                v[k] = w / x;
                any |= w != 0;
                if (!paired && w != 0)
                {
                    looseNodes.Add(x);
                    looseWeights.Add(v[k]);
                }
            }
            if (paired && any)
            {
                mid.Add(m);
                pairs.Add((v[0] + v[3], v[1] + v[2], v[3] - v[0], v[2] - v[1]));
            }
        }

        if (!(total > 0))
            throw new ArgumentException("density table: the interpolated density integrates to a non-positive number", nameof(density));
        VolumeIntegral = 4 * Math.PI * total * rhoMax;
        if (!double.IsFinite(VolumeIntegral))
            throw new ArgumentException($"density table: the volume integral 4 pi int r^2 rho dr overflows (largest density {rhoMax.ToString("R", CultureInfo.InvariantCulture)})", nameof(density));
        RmsRadiusFm = Math.Sqrt(secondMoment / total);
        _midFm = mid.ToArray();
        _evenOuter = pairs.Select(p => p.EO / total).ToArray();
        _evenInner = pairs.Select(p => p.EI / total).ToArray();
        _oddOuter = pairs.Select(p => p.OO / total).ToArray();
        _oddInner = pairs.Select(p => p.OI / total).ToArray();
        _looseNodeFm = looseNodes.ToArray();
        _looseWeight = looseWeights.Select(w => w / total).ToArray();
        _maxRadiusFm = density.RadiiFm[^1];
    }

    /// <summary>Reads the density file (see RadialDensityTable.ReadFile for the format and checks); a table whose
    /// interpolated density cannot be integrated is a DataFileException naming the file.</summary>
    public static TabulatedDensityFormFactor FromFile(string path)
    {
        var table = RadialDensityTable.ReadFile(path);
        try
        {
            return new(table);
        }
        catch (ArgumentException e)
        {
            throw DataFileException.In(path, e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", ""));
        }
    }

    public double At(double qPerFm)
    {
        double q = Math.Abs(qPerFm);
        // Below q r_max = 1e-6 the O(q^4) term is < 1e-25: F = 1 - q^2 <r^2> / 6 to rounding.
        if (q * _maxRadiusFm < 1e-6)
            return 1 - q * q * RmsRadiusFm * RmsRadiusFm / 6;
        var (sinO, cosO) = Math.SinCos(q * _outerOffsetFm);
        var (sinI, cosI) = Math.SinCos(q * _innerOffsetFm);
        double sum = 0;
        for (int i = 0; i < _midFm.Length; i++)
        {
            var (sinM, cosM) = Math.SinCos(q * _midFm[i]);
            sum += sinM * (_evenOuter[i] * cosO + _evenInner[i] * cosI) + cosM * (_oddOuter[i] * sinO + _oddInner[i] * sinI);
        }
        for (int i = 0; i < _looseNodeFm.Length; i++)
            sum += _looseWeight[i] * Math.Sin(q * _looseNodeFm[i]);
        return sum / q;
    }

    /// <summary>The table preceded by its mirror images at -r of the first two points with r &gt; 0.</summary>
    private static (double[] R, double[] Rho) MirroredAboutOrigin(RadialDensityTable density, double scale)
    {
        var r = new List<double>();
        var rho = new List<double>();
        int firstPositive = density.RadiiFm[0] > 0 ? 0 : 1;
        for (int i = firstPositive + 1; i >= firstPositive; i--)
        {
            r.Add(-density.RadiiFm[i]);
            rho.Add(density.Densities[i] * scale);
        }
        r.AddRange(density.RadiiFm);
        rho.AddRange(density.Densities.Select(d => d * scale));
        return (r.ToArray(), rho.ToArray());
    }

    /// <summary>Lagrange cubic through points s..s+3, evaluated at x.</summary>
    private static double CubicThrough(double[] r, double[] rho, int s, double x)
    {
        double sum = 0;
        for (int i = s; i < s + 4; i++)
        {
            double term = rho[i];
            for (int k = s; k < s + 4; k++)
                if (k != i)
                    term *= (x - r[k]) / (r[i] - r[k]);
            sum += term;
        }
        return sum;
    }
}
