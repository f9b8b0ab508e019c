using MathNet.Numerics.Interpolation;

namespace Cevns.Sources.Spectra;

/// <summary>
/// Monotone piecewise-cubic Hermite interpolation (PCHIP) of non-decreasing data: F. N. Fritsch and
/// J. Butland, SIAM J. Sci. Stat. Comput. 5, 300 (1984) (weighted harmonic mean of the adjacent
/// secants for interior slopes, 0 at local extrema) with the non-centred three-point end slopes of
/// C. Moler, "Numerical Computing with MATLAB" (2004), section 3.4 (pchip), as implemented by
/// MathNet.Numerics (<see cref="CubicSpline.InterpolatePchipSorted"/>). The interpolant passes
/// through every node and is monotone, so its derivative is >= 0 everywhere; outside the nodes it
/// continues as a constant.
/// </summary>
internal sealed class MonotoneCubic
{
    private readonly double _x0, _x1, _y0, _y1;
    private readonly CubicSpline _spline;

    /// <param name="x">Strictly increasing nodes.</param>
    /// <param name="y">Non-decreasing values.</param>
    /// <param name="startSlope">If given, the slope at the first node (must keep monotonicity: 0 always does).</param>
    public MonotoneCubic(double[] x, double[] y, double? startSlope = null)
    {
        int n = x.Length;
        if (n < 2 || y.Length != n)
            throw new ArgumentException("monotone cubic needs at least two nodes and one value per node");
        (_x0, _x1, _y0, _y1) = (x[0], x[^1], y[0], y[^1]);
        if (n == 2)
        {
            // One cell: PCHIP is the straight line (both slopes the secant).
            double secant = (y[1] - y[0]) / (x[1] - x[0]);
            _spline = CubicSpline.InterpolateHermiteSorted(x, y, [startSlope ?? secant, secant]);
            return;
        }
        _spline = CubicSpline.InterpolatePchipSorted(x, y);
        if (startSlope is double s0)
        {
            // Same interpolant with the first slope replaced: the node slopes are the splines' derivatives at the
            // left end of each cell (exact there), and the last one at the right end of the last cell.
            var slopes = new double[n];
            for (int k = 0; k < n; k++)
                slopes[k] = _spline.Differentiate(x[k]);
            slopes[0] = s0;
            _spline = CubicSpline.InterpolateHermiteSorted(x, y, slopes);
        }
    }

    /// <summary>Interpolated value; constant continuation outside the nodes.</summary>
    public double Value(double t)
    {
        if (t <= _x0)
            return _y0;
        if (t >= _x1)
            return _y1;
        return _spline.Interpolate(t);
    }

    /// <summary>Derivative of the interpolant; 0 outside the nodes.</summary>
    public double Derivative(double t) => t < _x0 || t > _x1 ? 0 : _spline.Differentiate(t);
}
