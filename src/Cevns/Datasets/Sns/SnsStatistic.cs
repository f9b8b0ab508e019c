using Cevns.Data;

namespace Cevns.Datasets.Sns;

/// <summary>
/// The statistic of an energy x time SNS dataset (definition key <c>statistic:</c>, docs/physics.md sec. 9):
/// <c>binned-poisson</c> (default; Baker-Cousins over the analysis bins with background templates, <see cref="SnsBinnedLikelihood"/>)
/// or <c>on-off-chi2</c> (beam-ON and beam-OFF counts, the steady state from the OFF sample flat in time,
/// <see cref="Kinds.OnOffChiSquareLikelihood"/>).
/// </summary>
public static class SnsStatistic
{
    public const string BinnedPoisson = "binned-poisson", OnOffChiSquare = "on-off-chi2";

    public static string FromFacts(Facts definition)
    {
        var s = definition.OptionalString("statistic") ?? BinnedPoisson;
        return s is BinnedPoisson or OnOffChiSquare
            ? s
            : throw definition.Error("statistic", $"unknown statistic '{DataFileException.Quote(s)}' (known: {BinnedPoisson}, {OnOffChiSquare})");
    }
}
