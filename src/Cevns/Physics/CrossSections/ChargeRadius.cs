namespace Cevns.Physics;

/// <summary>Neutrino charge radii (docs/physics.md section 4).</summary>
public static class ChargeRadius
{
    /// <summary>
    /// SM neutrino charge radius &lt;r^2_{nu_l}&gt; = -(G_F / (2 sqrt2 pi^2)) [3 - 2 ln(m_l^2 / m_W^2)] in cm^2
    /// (Bernabeu et al., PRD 62 (2000) 113012; Giunti and Studenikin, RMP 87 (2015) 531, Eq. 4.28).
    /// nu_e: -0.83e-32 cm^2, nu_mu: -0.48e-32 cm^2.
    /// </summary>
    public static double StandardModelCm2(Flavor f)
    {
        double ratio = f.LeptonMassMeV() / Constants.WMassMeV;
        double perMeV2 = -Constants.FermiConstantPerMeV2 / (2 * Math.Sqrt(2) * Math.PI * Math.PI)
                         * (3 - 2 * Math.Log(ratio * ratio));
        return perMeV2 * Constants.InverseMeV2InCm2;
    }

    /// <summary>
    /// The SM charge-radius coupling shift Qtilde_ll^SM with its momentum dependence (the switch of
    /// docs/physics.md section 4, Atzori Corona et al., JHEP 05 (2024) 271, arXiv:2402.16709, following the
    /// one-loop treatment of Tomalak, Machado, Pandey, Plestid, JHEP 02 (2021) 097, arXiv:2011.05960).
    /// The lepton-mass logarithm of the static charge radius comes from the charged-lepton loop attached to
    /// the photon; at finite Q^2 = -q^2 it becomes the vacuum-polarisation integral (derived here from that
    /// structure; the stored copy of arXiv:2402.16709 gives only its abstract, so the paper's equation could not be
    /// compared term by term; the integral form is checked numerically by tests/Cevns.Tests/Reference/cross_sections.py)
    /// ln(m_l^2/m_W^2) -> 6 int_0^1 dx x(1-x) ln[(m_l^2 + x(1-x) Q^2)/m_W^2] = ln(m_l^2/m_W^2) + F(Q^2/m_l^2)
    /// (<see cref="LeptonLoopFunction"/>), so
    /// Qtilde_ll^SM(Q^2) = -(alpha/6pi) [3 - 2 ln(m_l^2/m_W^2) - 2 F(Q^2/m_l^2)], equal to the static value at Q^2 = 0.
    /// For nu_e in CEvNS (Q ~ 10-100 MeV >> m_e) the shift shrinks by ~25 %; for nu_tau it is negligible.
    /// </summary>
    public static double StandardModelCouplingShift(Flavor f, double invariantMomentumTransferSquaredMeV2)
    {
        double ratio = f.LeptonMassMeV() / Constants.WMassMeV;
        double bracket = 3 - 2 * Math.Log(ratio * ratio);
        double m = f.LeptonMassMeV();
        double loop = LeptonLoopFunction(invariantMomentumTransferSquaredMeV2 / (m * m));
        return CouplingShift(StandardModelCm2(f)) * (bracket - 2 * loop) / bracket;
    }

    /// <summary>
    /// F(x) = 6 int_0^1 dt t(1-t) ln(1 + t(1-t) x) for spacelike x = Q^2/m^2 &gt;= 0; closed form
    /// F = -5/3 + 4/x + (1 - 2/x) beta ln((beta+1)/(beta-1)), beta = sqrt(1 + 4/x) (the subtracted one-loop
    /// vacuum polarisation, Peskin and Schroeder sec. 7.5, integrated in closed form). F ~ x/5 for small x, ~ ln x - 5/3 for large x.
    /// Below x = 0.1 the closed form cancels, so the Taylor series
    /// F = 6 sum_n (-1)^(n+1) x^n / n * ((n+1)!)^2 / (2n+3)! is used (ratio of terms ~ x/4).
    /// </summary>
    public static double LeptonLoopFunction(double x)
    {
        if (x < 0 || double.IsNaN(x))
            throw new ArgumentOutOfRangeException(nameof(x), $"lepton loop function needs Q^2/m^2 >= 0, got {x}");
        if (x < 0.1)
        {
            // ((n+1)!)^2/(2n+3)! for n = 1: 4/120 = 1/30; recurrence b_{n+1} = b_n (n+2)^2 / ((2n+4)(2n+5)).
            double sum = 0, b = 1.0 / 30, xn = x;
            for (int n = 1; n <= 14; n++)
            {
                sum += ((n & 1) == 1 ? 1 : -1) * xn / n * b;
                b *= (double)(n + 2) * (n + 2) / ((2.0 * n + 4) * (2.0 * n + 5));
                xn *= x;
            }
            return 6 * sum;
        }
        double beta = Math.Sqrt(1 + 4 / x);
        return -5.0 / 3 + 4 / x + (1 - 2 / x) * beta * Math.Log((beta + 1) / (beta - 1));
    }

    /// <summary>
    /// Charge-radius contribution to the proton coupling, Qtilde = (sqrt2 pi alpha / (3 G_F)) &lt;r^2&gt;
    /// (dimensionless; &lt;r^2&gt; converted from cm^2 to MeV^-2).
    /// </summary>
    public static double CouplingShift(double chargeRadiusCm2) =>
        Math.Sqrt(2) * Math.PI * Constants.Alpha / (3 * Constants.FermiConstantPerMeV2)
        * (chargeRadiusCm2 / Constants.InverseMeV2InCm2);
}
