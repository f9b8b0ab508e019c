namespace Cevns.Datasets.Kinds;

/// <summary>
/// The statistic of a reactor spectrum (<see cref="ReactorDataset"/>): chi^2 = -2 ln L up to a constant of the observed
/// counts n_i against the expectations mu_i = s_i + b_i over the analysis bins, its derivative d chi^2 / d mu_i (for the
/// exact gradients of the likelihood) and the pseudo-experiments of the same error model. Arrays span all bins of the
/// spectrum; only the analysis bins are read or written. docs/physics.md sec. 9.
/// </summary>
public abstract class ReactorSpectrumStatistic
{
    protected ReactorSpectrumStatistic(int[] analysisBins) => AnalysisBins = analysisBins;

    /// <summary>Indices of the bins inside the analysis window.</summary>
    public int[] AnalysisBins { get; }

    /// <summary>The statistic's name in a definition (statistic: ...).</summary>
    public abstract string Name { get; }

    /// <summary>chi^2 of <paramref name="observed"/> against <paramref name="expected"/>; when <paramref name="gradient"/> is not
    /// empty, d chi^2 / d mu_i is written into it on the analysis bins (other entries are left alone).</summary>
    public abstract double Chi2(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected, Span<double> gradient);

    /// <summary>The one-bin error (counts) shown with the data, per analysis bin.</summary>
    public abstract double[] Errors(ReadOnlySpan<double> observed);

    /// <summary>A pseudo-experiment around <paramref name="expected"/> (one value per analysis bin).</summary>
    public abstract void Sample(Random random, ReadOnlySpan<double> expected, Span<double> into);

    protected void CheckLengths(ReadOnlySpan<double> expected, Span<double> into)
    {
        if (expected.Length != AnalysisBins.Length || into.Length != AnalysisBins.Length)
            throw new ArgumentException($"{Name}: expected {AnalysisBins.Length} values (the analysis bins), got {expected.Length} and {into.Length}");
    }
}
