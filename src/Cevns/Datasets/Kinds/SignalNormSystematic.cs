using Cevns.Data;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// A normalisation of the signal in an <see cref="SnsEnergyTimeDataset"/>'s systematics (central 1):
/// <code>
/// eta: { type: norm, signal: cevns, sigma_with_flux: 0.103, range: [0, 5] }   # the stated width contains the flux part
/// signal_norm: { type: norm, signal: cevns, sigma: 0.087 }                     # the width of the detector part alone
/// </code>
/// In the binned Poisson statistic it scales its signal channel; in the ON/OFF chi^2 (docs/physics.md sec. 9) the norm of
/// <c>cevns</c> scales everything the neutrinos produce (CEvNS, nu-e scattering, Migdal). A width stated with the flux
/// (<c>sigma_with_flux</c>, e.g. Ge-Mini's sigma_eta = 10.3 %, docs/physics.md sec. 9) contains the SNS flux uncertainty,
/// which the fit applies as the nuisance shared by all SNS datasets (source.flux_norm_sigma); the prior of this nuisance
/// keeps only the rest in quadrature, sqrt(sigma^2 - sigma_flux^2) (<see cref="DetectorSigma"/>): alone, norm x flux has
/// the stated width; with other SNS datasets the flux part is correlated and counted once.
/// </summary>
public static class SignalNormSystematic
{
    internal static SnsEnergyTimeSystematic Read(Facts s, string name)
    {
        s.AllowOnly("type", "signal", "sigma", "sigma_with_flux", "range", "description");
        var signal = s.String("signal");
        bool withFlux = s.Has("sigma_with_flux");
        if (withFlux == s.Has("sigma"))
            throw s.Error("sigma", "give either sigma (detector part) or sigma_with_flux (flux included), not both or neither");
        double sigma = s.PositiveNumber(withFlux ? "sigma_with_flux" : "sigma");
        var (lo, hi) = SnsEnergyTimeSystematic.NormRange(s);
        return new(name, SnsEnergyTimeSystematic.Norm,
            s.OptionalString("description") ?? (withFlux ? "signal normalisation without the flux part (docs/physics.md sec. 9)" : "signal normalisation"),
            sigma, lo, hi, 0) { Signal = signal, SigmaIncludesFlux = withFlux };
    }

    /// <summary>Prior width of the nuisance: the stated width, without the flux part when it contains it and the source states one.</summary>
    public static double DetectorSigma(SnsEnergyTimeSystematic s, double? fluxNormSigma, string datasetId)
    {
        if (!s.SigmaIncludesFlux || fluxNormSigma is not { } flux) return s.Sigma;
        if (!(flux < s.Sigma))
            throw new DatasetException($"dataset {datasetId}: systematics.{s.Name}.sigma_with_flux = {s.Sigma} must exceed the flux part source.flux_norm_sigma = {flux}, which it contains");
        return Math.Sqrt(s.Sigma * s.Sigma - flux * flux);
    }
}
