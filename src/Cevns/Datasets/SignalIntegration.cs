using Cevns.Data;
using Cevns.Detectors;

namespace Cevns.Datasets;

/// <summary>
/// Numerical settings of a dataset's signal integral (definition section <c>integration:</c>): the lowest true recoil
/// on the grid, log panels and Gauss-Legendre order of the recoil grid, and the sub-division of efficiency-weighted
/// resolution integrals. <see cref="Refined"/> doubles all of them for the convergence tests.
/// </summary>
public sealed record SignalIntegration(double MinRecoilKeV, int Panels, int Order, int EfficiencyRefinement)
{
    /// <param name="otherKeys">Further keys of the section that the caller reads itself.</param>
    public static SignalIntegration FromFacts(Facts? f, double defaultMinRecoilKeV, params string[] otherKeys)
    {
        if (f is null) return new(defaultMinRecoilKeV, 48, 8, DetectorResponse.DefaultRefinement);
        f.AllowOnly(["min_recoil_kev", "panels", "order", "efficiency_refinement", .. otherKeys]);
        var s = new SignalIntegration(f.OptionalNumber("min_recoil_kev", defaultMinRecoilKeV), (int)f.OptionalNumber("panels", 48),
            (int)f.OptionalNumber("order", 8), (int)f.OptionalNumber("efficiency_refinement", DetectorResponse.DefaultRefinement));
        if (!(s.MinRecoilKeV > 0) || s.Panels < 4 || s.Panels > 2000 || s.Order < 2 || s.Order > 32 || s.EfficiencyRefinement < 1 || s.EfficiencyRefinement > 1000)
            throw f.Error("panels", "expected min_recoil_kev > 0, panels in [4, 2000], order in [2, 32], efficiency_refinement in [1, 1000]");
        return s;
    }

    /// <summary>Twice the panels, the efficiency sub-intervals and the quadrature order; half the lowest recoil.</summary>
    public SignalIntegration Refined() => new(MinRecoilKeV / 2, Panels * 2, Order * 2, EfficiencyRefinement * 2);
}
