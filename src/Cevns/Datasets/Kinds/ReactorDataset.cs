using Cevns.Data;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// Kind "reactor": a detector at a reactor (source of type reactor, <see cref="ReactorSource"/>), its response by named
/// models (<see cref="DetectorFacts"/>), and the statistic its public data allow, declared in the definition:
/// <code>
/// statistic: binned-gaussian   # a spectrum of rates with errors per bin (spectrum:, analysis:, background_model:),
///                              # chi^2 = sum_i ((n_i - s_i - b_i) / sigma_i)^2 + priors (ReactorSpectrumDataset)
/// statistic: binned-poisson  # a spectrum of raw counts per bin (spectrum file: centre keVee, counts), Baker-Cousins
///                              # chi^2 = 2 sum_i (mu_i - n_i + n_i ln(n_i / mu_i)) + priors
/// statistic: binned-covariance # rates with a released covariance matrix (files: covariance), chi^2 = r^T V^-1 r + priors
/// statistic: rate              # a published number of signal events +- error and an SM prediction (published:)
/// statistic: upper-limit       # a published upper limit on sigma / sigma_SM at a confidence level (published:)
/// </code>
/// Rate and upper-limit terms are one-number likelihoods (<see cref="RateOnlyLikelihood"/>, docs/physics.md sec. 9).
/// </summary>
public static class ReactorDataset
{
    public const string KindName = "reactor";

    public const string BinnedGaussian = "binned-gaussian";
    public const string BinnedPoisson = "binned-poisson";
    public const string BinnedCovariance = "binned-covariance";
    public const string Rate = "rate";
    public const string UpperLimit = "upper-limit";

    public static IReadOnlyList<string> Statistics { get; } = [BinnedGaussian, BinnedPoisson, BinnedCovariance, Rate, UpperLimit];

    /// <summary>The declared statistic of a reactor definition; the error names the file, line and the known choices.</summary>
    public static string Statistic(DatasetDefinition def)
    {
        var name = def.Facts.String("statistic");
        return Statistics.Contains(name)
            ? name
            : throw def.Facts.Error("statistic", $"unknown statistic '{Cevns.Data.DataFileException.Quote(name)}' for kind {KindName} (known: {string.Join(", ", Statistics)})");
    }

    /// <summary>
    /// Builds the dataset of the declared statistic. A definition that lists <c>missing:</c> facts and declares no statistic
    /// (the published result itself is unknown) loads as a rate-only dataset that refuses to predict.
    /// </summary>
    /// <summary>
    /// The quenching of a reactor detector: a named model declared under <c>detector.quenching</c>
    /// (<see cref="DetectorFacts.Quenching"/>, e.g. <c>{ model: lindhard, k: 0.162, z: 32 }</c>), or, when the definition
    /// declares none, the germanium model chosen by the dataset's <c>quenching</c> option (Fef or YBe from the table the
    /// definition must name as <c>files: quenching_table</c>, or Lindhard), with a one-line description for the prediction notes.
    /// </summary>
    public static (Cevns.Detectors.IQuenching Quenching, string Note) Quenching(DatasetDefinition def, Facts detector, string dataDirectory)
    {
        if (detector.OptionalSection("quenching") is { } q)
            return (DetectorFacts.Quenching(q), $"quenching: {q.String("model")} model declared in the definition");
        // the Fef/YBe curves are a file the definition names (files: quenching_table); a missing entry names the definition
        return (DetectorFacts.GermaniumQuenching(def.Options, () => def.FilePath(dataDirectory, "quenching_table")),
            DetectorFacts.DescribeGermaniumQuenching(def.Options));
    }

    public static IDataset Build(DatasetDefinition def, string dataDirectory) =>
        def.Facts.Has("missing") && !def.Facts.Has("statistic") ? ReactorRateDataset.Create(def, dataDirectory, null) : Statistic(def) switch
    {
        BinnedGaussian or BinnedPoisson or BinnedCovariance => ReactorSpectrumDataset.Create(def, dataDirectory, null),
        _ => ReactorRateDataset.Create(def, dataDirectory, null),
    };
}
