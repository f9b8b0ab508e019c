using Cevns.Datasets;

namespace Cevns.Fitting;

/// <summary>
/// One neutrino-flux normalisation nuisance of a joint fit: a fit parameter with central value 1 and a Gaussian pull of
/// width <see cref="Sigma"/> that replaces the fixed value 1 of <see cref="SignalScale.FluxNorm"/> in the datasets listed.
/// </summary>
/// <param name="Name">Output name: <see cref="SignalParameters.FluxNormSns"/> for the shared SNS nuisance, "&lt;dataset id&gt;.flux_norm" for a reactor.</param>
/// <param name="Datasets">Indices of the datasets (in the fit's order) whose signal it scales.</param>
public sealed record FluxNuisance(string Name, double Sigma, IReadOnlyList<int> Datasets, string Description);

/// <summary>
/// Which flux normalisations of a fit are nuisances (docs/physics.md sec. 9). The flux uncertainty is part of every
/// likelihood by default:
/// <list type="bullet">
/// <item>Spallation: one nuisance <c>flux_norm.sns</c> shared by all SNS datasets of the fit (one source: the SNS
/// neutrino yield per proton from the same simulation), listed among the nuisances under the name of the signal parameter
/// it stands for. Its width is the largest <see cref="IDatasetLikelihood.FluxNormSigma"/> the SNS datasets state (the
/// conservative choice when they differ; the shipped ones state 10 %: CsI 2017 and 2021, Ar 2020, Ge-Mini 0.029/0.288 =
/// 10.07 %).</item>
/// <item>Reactor: one nuisance "&lt;id&gt;.flux_norm" per reactor dataset that states a width (each experiment has its own
/// reactor; their flux uncertainties are treated as uncorrelated).</item>
/// </list>
/// When the flux normalisation of a source is itself a fit parameter (freed, the flux-normalisation fits) or is fixed by
/// --set, no nuisance and no prior is added for that source: the fit measures, or is told, the normalisation.
/// </summary>
public static class FluxNuisances
{
    public static IReadOnlyList<FluxNuisance> For(IReadOnlyList<IDatasetLikelihood> likelihoods, FitSpecification specification)
    {
        bool Held(string name) => specification.Free.Contains(name) || specification.Fixed.Any(f => f.Name == name);
        var result = new List<FluxNuisance>();
        if (!Held(SignalParameters.FluxNormSns))
        {
            var sns = Enumerable.Range(0, likelihoods.Count).Where(d => likelihoods[d].Source == SourceKind.Spallation).ToArray();
            var widths = sns.Select(d => likelihoods[d].FluxNormSigma).OfType<double>().ToArray();
            if (widths.Length > 0)
                result.Add(new FluxNuisance(SignalParameters.FluxNormSns, widths.Max(), sns,
                    "SNS neutrino-flux normalisation, shared by the SNS datasets (prior: the largest width they state)"));
        }
        if (!Held(SignalParameters.FluxNormReactor))
            for (int d = 0; d < likelihoods.Count; d++)
                if (likelihoods[d].Source == SourceKind.Reactor && likelihoods[d].FluxNormSigma is { } sigma)
                    result.Add(new FluxNuisance(JointFit.QualifiedName(likelihoods[d].Dataset.Definition.Id, "flux_norm"), sigma, [d],
                        "reactor antineutrino-flux normalisation of this dataset"));
        foreach (var n in result)
            if (!(n.Sigma > 0) || !double.IsFinite(n.Sigma))
                throw new InvalidOperationException($"flux nuisance {n.Name}: prior width must be finite and > 0, got {n.Sigma}");
        return result;
    }
}
