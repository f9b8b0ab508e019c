namespace Cevns.Statistics;

/// <summary>
/// Gaussian chi^2 terms: pulls of constrained (nuisance) parameters, e.g. ((x - 1)/sigma_x)^2 for a
/// normalisation (docs/physics.md section 9), and uncorrelated data points with errors.
/// </summary>
public static class GaussianChiSquare
{
    /// <summary>((x - center)/sigma)^2.</summary>
    public static double Pull(double x, double center, double sigma)
    {
        if (!(sigma > 0) || double.IsInfinity(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), $"Gaussian pull: sigma {sigma} must be finite and > 0");
        double z = (x - center) / sigma;
        return z * z;
    }

    /// <summary>
    /// Pull with asymmetric errors, a measurement center +sigmaAbove -sigmaBelow: the width on the side of
    /// <paramref name="x"/> is used ("dimidiated Gaussian", R. Barlow, arXiv:physics/0406120, Sec. 3.1).
    /// Continuous with a continuous first derivative at the center; chi^2 = 1 at center + sigmaAbove and center - sigmaBelow.
    /// </summary>
    public static double AsymmetricPull(double x, double center, double sigmaBelow, double sigmaAbove)
    {
        if (!(sigmaBelow > 0) || double.IsInfinity(sigmaBelow))
            throw new ArgumentOutOfRangeException(nameof(sigmaBelow), $"asymmetric pull: sigmaBelow {sigmaBelow} must be finite and > 0");
        if (!(sigmaAbove > 0) || double.IsInfinity(sigmaAbove))
            throw new ArgumentOutOfRangeException(nameof(sigmaAbove), $"asymmetric pull: sigmaAbove {sigmaAbove} must be finite and > 0");
        double z = (x - center) / (x >= center ? sigmaAbove : sigmaBelow);
        return z * z;
    }

    /// <summary>sum_i ((data_i - prediction_i)/error_i)^2 for uncorrelated Gaussian errors.</summary>
    public static double Sum(ReadOnlySpan<double> data, ReadOnlySpan<double> errors, ReadOnlySpan<double> prediction)
    {
        if (data.Length != errors.Length || data.Length != prediction.Length)
            throw new ArgumentException($"Gaussian chi^2: lengths differ (data {data.Length}, errors {errors.Length}, prediction {prediction.Length})");
        double sum = 0;
        for (int i = 0; i < data.Length; i++)
        {
            double e = errors[i];
            if (!(e > 0) || double.IsInfinity(e))
                throw new ArgumentOutOfRangeException(nameof(errors), $"Gaussian chi^2: error of point {i} is {e}; must be finite and > 0");
            double z = (data[i] - prediction[i]) / e;
            sum += z * z;
        }
        return sum;
    }
}
