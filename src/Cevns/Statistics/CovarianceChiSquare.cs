using MathNet.Numerics.LinearAlgebra;

namespace Cevns.Statistics;

/// <summary>
/// Correlated Gaussian chi^2 r^T C^-1 r for residuals r = data - prediction with covariance C.
/// C = L L^T is factorised once (Cholesky); each evaluation solves L z = r and returns |z|^2,
/// which avoids forming C^-1 and is numerically stable.
/// </summary>
public sealed class CovarianceChiSquare
{
    private readonly double[] _lower; // row-major Cholesky factor L
    public int Size { get; }

    public CovarianceChiSquare(double[,] covariance)
    {
        int n = covariance.GetLength(0);
        if (n == 0 || covariance.GetLength(1) != n)
            throw new ArgumentException($"covariance must be a non-empty square matrix, got {covariance.GetLength(0)}x{covariance.GetLength(1)}");
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                if (Math.Abs(covariance[i, j] - covariance[j, i]) > 1e-12 * Math.Sqrt(Math.Abs(covariance[i, i] * covariance[j, j])))
                    throw new ArgumentException($"covariance is not symmetric at ({i}, {j}): {covariance[i, j]} vs {covariance[j, i]}");
        Matrix<double> l;
        try
        {
            l = Matrix<double>.Build.DenseOfArray(covariance).Cholesky().Factor;
        }
        catch (ArgumentException)
        {
            throw new ArgumentException($"covariance ({n}x{n}) is not positive definite");
        }
        Size = n;
        _lower = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                _lower[i * n + j] = l[i, j];
    }

    /// <summary>r^T C^-1 r for the residual vector r (data minus prediction).</summary>
    public double Evaluate(ReadOnlySpan<double> residual)
    {
        int n = Size;
        if (residual.Length != n)
            throw new ArgumentException($"covariance chi^2: residual has {residual.Length} entries, covariance is {n}x{n}");
        Span<double> z = n <= 256 ? stackalloc double[n] : new double[n];
        return ForwardSolve(residual, z);
    }

    /// <summary>L z = r by forward substitution into <paramref name="z"/>; returns |z|^2 = r^T C^-1 r.</summary>
    private double ForwardSolve(ReadOnlySpan<double> residual, Span<double> z)
    {
        int n = Size;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double s = residual[i];
            int row = i * n;
            for (int j = 0; j < i; j++) s -= _lower[row + j] * z[j];
            z[i] = s / _lower[row + i];
            sum += z[i] * z[i];
        }
        return sum;
    }

    /// <summary>
    /// r^T C^-1 r and its gradient with respect to r, 2 C^-1 r: L z = r forward, then L^T x = z backward gives x = C^-1 r
    /// (a fit that moves the prediction mu sees d chi^2 / d mu = -2 C^-1 r).
    /// </summary>
    public double EvaluateWithGradient(ReadOnlySpan<double> residual, Span<double> gradient)
    {
        int n = Size;
        if (residual.Length != n || gradient.Length != n)
            throw new ArgumentException($"covariance chi^2: residual has {residual.Length}, gradient {gradient.Length} entries, covariance is {n}x{n}");
        double sum = ForwardSolve(residual, gradient);
        for (int i = n - 1; i >= 0; i--)
        {
            double s = gradient[i];
            for (int j = i + 1; j < n; j++) s -= _lower[j * n + i] * gradient[j];
            gradient[i] = s / _lower[i * n + i];
        }
        for (int i = 0; i < n; i++) gradient[i] *= 2;
        return sum;
    }

    /// <summary>sqrt(C_ii), the error of entry <paramref name="i"/> alone: the norm of row i of L.</summary>
    public double Sigma(int i)
    {
        double s = 0;
        for (int j = 0; j <= i; j++) s += _lower[i * Size + j] * _lower[i * Size + j];
        return Math.Sqrt(s);
    }

    /// <summary>
    /// L u for independent standard normals u: a draw of residuals with covariance C (L L^T = C), for pseudo-experiments.
    /// </summary>
    public void Correlate(ReadOnlySpan<double> standardNormals, Span<double> into)
    {
        int n = Size;
        if (standardNormals.Length != n || into.Length != n)
            throw new ArgumentException($"covariance: {standardNormals.Length} normals and {into.Length} outputs for a {n}x{n} matrix");
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j <= i; j++) s += _lower[i * n + j] * standardNormals[j];
            into[i] = s;
        }
    }

    /// <summary>chi^2 of <paramref name="data"/> against <paramref name="prediction"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> data, ReadOnlySpan<double> prediction)
    {
        if (data.Length != Size || prediction.Length != Size)
            throw new ArgumentException($"covariance chi^2: data has {data.Length}, prediction {prediction.Length} entries, covariance is {Size}x{Size}");
        Span<double> r = Size <= 256 ? stackalloc double[Size] : new double[Size];
        for (int i = 0; i < Size; i++) r[i] = data[i] - prediction[i];
        return Evaluate(r);
    }
}
