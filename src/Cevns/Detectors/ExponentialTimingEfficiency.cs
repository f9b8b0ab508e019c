namespace Cevns.Detectors;

/// <summary>
/// Timing efficiency that is 1 before an onset and decays exponentially after it: 1 for t &lt; t0, exp(-lambda (t - t0))
/// after, t the reconstructed time after the beam trigger (the form of the COHERENT CsI[Na] 2021 release, PRL 129, 081801
/// (2022), csi-2021/SOURCE.md; its t0 and lambda are facts of the dataset definition, model exponential-after-onset).
/// Applied to time bins (not to energy): multiply a time-bin prediction by <see cref="BinAverage"/>.
/// </summary>
public sealed class ExponentialTimingEfficiency
{
    public double OnsetMicroseconds { get; }
    public double DecayPerMicrosecond { get; }

    public ExponentialTimingEfficiency(double onsetMicroseconds, double decayPerMicrosecond)
    {
        if (!double.IsFinite(onsetMicroseconds))
            throw new ArgumentOutOfRangeException(nameof(onsetMicroseconds), onsetMicroseconds, "onset must be finite");
        if (!(decayPerMicrosecond >= 0 && decayPerMicrosecond < 1e3))
            throw new ArgumentOutOfRangeException(nameof(decayPerMicrosecond), decayPerMicrosecond, "decay rate must lie in [0, 1e3) per us");
        OnsetMicroseconds = onsetMicroseconds;
        DecayPerMicrosecond = decayPerMicrosecond;
    }

    public double Value(double timeMicroseconds)
    {
        if (double.IsNaN(timeMicroseconds))
            throw new ArgumentOutOfRangeException(nameof(timeMicroseconds), timeMicroseconds, "time must not be NaN");
        return timeMicroseconds < OnsetMicroseconds ? 1 : Math.Exp(-DecayPerMicrosecond * (timeMicroseconds - OnsetMicroseconds));
    }

    /// <summary>Average of the efficiency over [lo, hi) us (exact integral / width), for a time distribution flat inside the bin.</summary>
    public double BinAverage(double loMicroseconds, double hiMicroseconds)
    {
        if (!(hiMicroseconds > loMicroseconds) || double.IsInfinity(hiMicroseconds) || double.IsInfinity(loMicroseconds))
            throw new ArgumentException($"time bin [{loMicroseconds}, {hiMicroseconds}) us must be finite with hi > lo", nameof(hiMicroseconds));
        double t0 = OnsetMicroseconds, lambda = DecayPerMicrosecond;
        double flat = Math.Max(0, Math.Min(hiMicroseconds, t0) - loMicroseconds);
        double a = Math.Max(loMicroseconds, t0), decaying = 0;
        if (hiMicroseconds > a)
            decaying = lambda == 0
                ? hiMicroseconds - a
                : (Math.Exp(-lambda * (a - t0)) - Math.Exp(-lambda * (hiMicroseconds - t0))) / lambda;
        return (flat + decaying) / (hiMicroseconds - loMicroseconds);
    }

    /// <summary>Bin averages for consecutive bins with the given edges (us).</summary>
    public double[] BinAverages(IReadOnlyList<double> edgesMicroseconds)
    {
        if (edgesMicroseconds.Count < 2)
            throw new ArgumentException("need at least two time-bin edges", nameof(edgesMicroseconds));
        var result = new double[edgesMicroseconds.Count - 1];
        for (int i = 0; i < result.Length; i++)
            result[i] = BinAverage(edgesMicroseconds[i], edgesMicroseconds[i + 1]);
        return result;
    }
}
