using Cevns.Data;

namespace Cevns.Datasets;

/// <summary>
/// A collaboration's published event counts for a dataset (definition section <c>published:</c>): the SM CEvNS prediction
/// with its uncertainty (split into theory and experiment when the paper does), and the fitted CEvNS count. Used to
/// validate predictions and fits, never as inputs.
/// </summary>
public sealed record PublishedCounts(double SmCevns, double SmTheoryError, double SmExperimentError, double? FittedCevns, double? FittedError)
{
    /// <summary>Quadrature sum of the prediction's theory and experimental uncertainties.</summary>
    public double SmTotalError => Math.Sqrt(SmTheoryError * SmTheoryError + SmExperimentError * SmExperimentError);

    /// <summary>
    /// Keys: sm_cevns; either sm_cevns_error, or sm_cevns_theory_error and sm_cevns_experiment_error; fitted_cevns and
    /// fitted_cevns_error when the paper states a fitted count with a symmetric error (else null).
    /// </summary>
    public static PublishedCounts FromFacts(Facts p)
    {
        p.AllowOnly("sm_cevns", "sm_cevns_error", "sm_cevns_theory_error", "sm_cevns_experiment_error", "fitted_cevns", "fitted_cevns_error");
        double th, ex;
        if (p.Has("sm_cevns_error"))
        {
            if (p.Has("sm_cevns_theory_error") || p.Has("sm_cevns_experiment_error"))
                throw p.Error("sm_cevns_error", "give either sm_cevns_error or the theory/experiment split, not both");
            th = 0;
            ex = p.PositiveNumber("sm_cevns_error");
        }
        else
        {
            th = p.PositiveNumber("sm_cevns_theory_error");
            ex = p.PositiveNumber("sm_cevns_experiment_error");
        }
        if (p.Has("fitted_cevns") != p.Has("fitted_cevns_error"))
            throw p.Error("fitted_cevns", "give fitted_cevns and fitted_cevns_error together");
        return new PublishedCounts(p.PositiveNumber("sm_cevns"), th, ex,
            p.Has("fitted_cevns") ? p.PositiveNumber("fitted_cevns") : null, p.Has("fitted_cevns_error") ? p.PositiveNumber("fitted_cevns_error") : null);
    }
}
