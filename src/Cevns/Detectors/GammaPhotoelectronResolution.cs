using MathNet.Numerics;

namespace Cevns.Detectors;

/// <summary>
/// CsI[Na] 2021 photoelectron response (COHERENT, PRL 129, 081801 (2022); release parametrisation quoted in
/// csi-2021/SOURCE.md): the reconstructed PE x follows a gamma distribution
/// P(x) = (a(1+b))^(1+b) / Gamma(1+b) x^b exp(-a(1+b) x) with a = 0.0749/E_ee and b = 9.56 E_ee, E_ee in keVee.
/// Units: with E_ee in keVee, 1/a = E_ee / 0.0749 keVee = 13.35 E_ee PE, i.e. a = 1/(LY E_ee) with the light yield
/// LY = 13.35 PE/keVee (1/0.0749 = 13.351), so the mean (1+b)/(a(1+b)) = LY E_ee as it must be, and the relative
/// width 1/sqrt(1 + b) (0.31 at 1 keVee, against 0.27 for pure Poisson statistics of 13.35 PE) is sensible; in MeVee
/// the mean would be 1000 times too small. The same reading is used by public fits to this release
/// (Newtrinos.jl coherent_csi.jl: resolution [0.0749, 9.56] applied to E_ee in keVee).
/// Here: shape k = 1 + b, scale theta = LY E_ee / k. LY and the slope of b are facts of coherent-csi-2021.yaml (model gamma-pe).
/// </summary>
public sealed class GammaPhotoelectronResolution : IContinuousResolution
{
    public ReconstructedScale Scale => ReconstructedScale.Photoelectrons;

    public double LightYieldPePerKeVee { get; }
    public double ShapePerKeVee { get; }

    public GammaPhotoelectronResolution(double lightYieldPePerKeVee, double shapePerKeVee)
    {
        if (!(lightYieldPePerKeVee > 0 && lightYieldPePerKeVee < 1e4))
            throw new ArgumentOutOfRangeException(nameof(lightYieldPePerKeVee), lightYieldPePerKeVee, "light yield must lie in (0, 1e4) PE/keVee");
        if (!(shapePerKeVee >= 0 && shapePerKeVee < 1e4))
            throw new ArgumentOutOfRangeException(nameof(shapePerKeVee), shapePerKeVee, "gamma shape slope b must lie in [0, 1e4) per keVee");
        LightYieldPePerKeVee = lightYieldPePerKeVee;
        ShapePerKeVee = shapePerKeVee;
    }

    public double MeanReconstructed(double electronEquivalentMeV)
    {
        Resolution.RequireEnergy(electronEquivalentMeV);
        return LightYieldPePerKeVee * electronEquivalentMeV * 1e3;
    }

    /// <summary>Gamma shape k = 1 + b E_ee[keVee].</summary>
    public double Shape(double electronEquivalentMeV) => 1 + ShapePerKeVee * electronEquivalentMeV * 1e3;

    /// <summary>
    /// With y = x/theta: P(X &lt; x) = P(k, y) (regularised lower incomplete gamma). Partial moments follow from
    /// P(k+1, y) = P(k, y) - D and P(k+2, y) = P(k+1, y) - D y/(k+1), D = y^k e^-y / Gamma(k+1) (Abramowitz and Stegun
    /// 6.5.21): E[(X-mu) 1{X&lt;x}] = -k theta D, E[(X-mu)^2 1{X&lt;x}] = k theta^2 (P(k, y) + D (k - 1 - y)).
    /// </summary>
    public void CumulativeMoments(double electronEquivalentMeV, ReadOnlySpan<double> points,
        Span<double> cdf, Span<double> centred1, Span<double> centred2)
    {
        Resolution.RequireLengths(points, cdf, centred1, centred2);
        double mean = MeanReconstructed(electronEquivalentMeV);
        if (mean == 0)
        {
            for (int i = 0; i < points.Length; i++)
            {
                cdf[i] = points[i] > 0 ? 1 : 0;
                centred1[i] = centred2[i] = 0;
            }
            return;
        }
        double k = Shape(electronEquivalentMeV), theta = mean / k, lnGammaK1 = SpecialFunctions.GammaLn(k + 1);
        bool saturated = false;
        for (int i = 0; i < points.Length; i++)
        {
            double y = points[i] / theta;
            if (y <= 0)
            {
                cdf[i] = centred1[i] = centred2[i] = 0;
                continue;
            }
            double p, d;
            if (saturated)
            {
                p = 1;
                d = 0;
            }
            else
            {
                d = Math.Exp(k * Math.Log(y) - y - lnGammaK1);
                // Below the mode P(k, y) = D sum_n y^n / ((k+1)...(k+n)) <= D (k+1)/(k+1-y) (A&S 6.5.29): skip the
                // incomplete gamma when that bound is negligible.
                if (y < k && d * (k + 1) / (k + 1 - y) < 1e-20)
                    p = 0;
                else
                    p = SpecialFunctions.GammaLowerRegularized(k, y);
                // Above the mode Q(k, y) and D only decrease: once P rounds to 1 and D is negligible, all further points are saturated.
                if (y > k && p == 1 && d * y < 1e-17)
                    saturated = true;
            }
            cdf[i] = p;
            centred1[i] = -k * theta * d;
            centred2[i] = k * theta * theta * (p + d * (k - 1 - y));
        }
    }
}
