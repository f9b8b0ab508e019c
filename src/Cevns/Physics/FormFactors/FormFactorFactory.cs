namespace Cevns.Physics.FormFactors;

/// <summary>
/// Creates a form factor of the chosen model for a given rms radius (default shape parameters:
/// Helm s = 0.9 fm, symmetrized Fermi a = 0.52 fm, Klein-Nystrand a_k = 0.7 fm), and parses model names.
/// </summary>
public static class FormFactorFactory
{
    public static IFormFactor Create(FormFactorModel model, double rmsRadiusFm) => model switch
    {
        FormFactorModel.Helm => new HelmFormFactor(rmsRadiusFm),
        FormFactorModel.SymmetrizedFermi => new SymmetrizedFermiFormFactor(rmsRadiusFm),
        FormFactorModel.KleinNystrand => new KleinNystrandFormFactor(rmsRadiusFm),
        _ => throw new ArgumentOutOfRangeException(nameof(model), $"unknown form factor model {model}; known: helm, sf, kn"),
    };

    /// <summary>Whether <see cref="Create"/> accepts this rms radius for the model (default shape parameters): each model's
    /// box, sphere or half-density radius must be real and positive.</summary>
    public static bool IsDefined(FormFactorModel model, double rmsRadiusFm) => model switch
    {
        FormFactorModel.Helm => HelmFormFactor.IsDefinedAt(rmsRadiusFm),
        FormFactorModel.SymmetrizedFermi => SymmetrizedFermiFormFactor.IsDefinedAt(rmsRadiusFm),
        FormFactorModel.KleinNystrand => KleinNystrandFormFactor.IsDefinedAt(rmsRadiusFm),
        _ => throw new ArgumentOutOfRangeException(nameof(model), $"unknown form factor model {model}; known: helm, sf, kn"),
    };

    /// <summary>CLI names: helm, sf (symmetrized Fermi), kn (Klein-Nystrand).</summary>
    public static bool TryParse(string name, out FormFactorModel model)
    {
        switch (name.Trim().ToLowerInvariant())
        {
            case "helm": model = FormFactorModel.Helm; return true;
            case "sf": case "symmetrized-fermi": model = FormFactorModel.SymmetrizedFermi; return true;
            case "kn": case "klein-nystrand": model = FormFactorModel.KleinNystrand; return true;
            default: model = default; return false;
        }
    }
}
