using Cevns.Physics.CrossSections;
using MathNet.Numerics.Integration;

namespace Cevns.Physics.Electroweak;

/// <summary>
/// Elastic nu_e - e scattering on a free electron at rest, the standard form (G. 't Hooft, Phys. Lett. 37B (1971)
/// 195; the same as docs/physics.md sec. 4 with the +1 of W exchange) used to read sin^2 theta_W from decay-at-rest
/// measurements (LSND, PRD 63 (2001) 112001, hep-ex/0101039, writes it as its Eqs. (4)-(5), whose symbols are not legible in
/// the stored page ar5iv.labs.arxiv.org/html/hep-ex/0101039; docs/physics.md sec. 11).
/// Both W and Z exchange contribute; with chiral couplings g_L = (g_V + g_A)/2, g_R = (g_V - g_A)/2:
///   dsigma/dT = (2 G_F^2 m_e / pi) [g_L^2 + g_R^2 (1 - T/E)^2 - g_L g_R m_e T / E^2],  0 &lt; T &lt; T_max = 2 E^2 / (m_e + 2 E),
/// the same form as <see cref="Cevns.Physics.CrossSections.ElectronScatteringCrossSection"/>. Integrated over T:
///   sigma(E) = (2 G_F^2 m_e / pi) [g_L^2 T_max + g_R^2 (E/3) (1 - (1 - T_max/E)^3) - g_L g_R m_e T_max^2 / (2 E^2)],
/// which for E &gt;&gt; m_e is (2 G_F^2 m_e E / pi) [g_L^2 + g_R^2 / 3]: proportional to E, as LSND quote it.
///
/// Two sets of couplings (<see cref="ElectronNeutrinoCouplingScheme"/>):
/// - tree level: g_L = 1/2 + s^2 (the Z coupling -1/2 + s^2 plus 1 from the Fierz-rearranged W exchange), g_R = s^2;
/// - radiatively corrected (the default of the decay-at-rest observable): the PDG 2024 low-energy nu-e couplings the library
///   uses for every nu-e cross section (docs/physics.md sec. 5; <see cref="WeakCouplings"/>: g_V^{nu_mu e} = -0.0396,
///   g_A^{nu_mu e} = -0.5064 at s^2 = 0.23873, rho_nue kappa_nue for the s^2 dependence), with the nu_mu charge radius
///   replaced by the nu_e one (docs/physics.md sec. 4, Q -> 0) and +1 from W exchange: g_L = 0.72287, g_R = 0.22927 at
///   s^2 = 0.23873 against 0.73873, 0.23873 at tree level; sigma is 4.4 % lower. This is the MS-bar prediction the fit
///   parameter sin2_theta_w belongs to; the tree-level form read with the MS-bar s^2 omits the one-loop rho, kappa, the
///   nu_e charge radius and the W-box terms that these couplings contain.
/// Not included in either: the QED corrections to the recoil spectrum (virtual and real photons; Bahcall, Kamionkowski,
/// Sirlin, PRD 51 (1995) 6146; Passera, hep-ph/0011190), whose papers are stored here only as their openings, and the
/// q^2 dependence of the nu_e charge radius (at the LSND recoils, Q^2 = 2 m_e T ~ 20-50 MeV^2, the electron loop reduces
/// |Q_ee| by ~12 %, which raises sigma by ~0.3 %; hand estimate with <see cref="ChargeRadius.StandardModelCouplingShift"/>).
/// </summary>
public static class ElectronNeutrinoElectronScattering
{
    /// <summary>2 G_F^2 m_e / pi in cm^2 / MeV.</summary>
    public static double PrefactorCm2PerMeV { get; } =
        2 * Constants.FermiConstantPerMeV2 * Constants.FermiConstantPerMeV2 * Constants.ElectronMassMeV / Math.PI * Constants.InverseMeV2InCm2;

    /// <summary>Tree-level g_L = 1/2 + s^2 of nu_e on electrons (charged plus neutral current).</summary>
    public static double LeftCoupling(double sin2) => 0.5 + sin2;

    /// <summary>Tree-level g_R = s^2.</summary>
    public static double RightCoupling(double sin2) => sin2;

    /// <summary>Chiral couplings of nu_e on electrons, g_L = (g_V + g_A)/2 and g_R = (g_V - g_A)/2.</summary>
    public readonly record struct ChiralCouplings(double Left, double Right)
    {
        /// <summary>Tree level: g_L = 1/2 + s^2, g_R = s^2.</summary>
        public static ChiralCouplings TreeLevel(double sin2) => new(LeftCoupling(sin2), RightCoupling(sin2));

        /// <summary>
        /// Radiatively corrected (PDG 2024, docs/physics.md sec. 5): g_V = g_V^{nu_e e}(s^2) with the SM nu_e charge radius at
        /// Q -> 0 and +1 from W exchange, g_A = -0.5064 + 1 (<see cref="WeakCouplings.ElectronVectorStandardModel"/>,
        /// <see cref="WeakCouplings.ElectronAxialStandardModel"/>).
        /// </summary>
        public static ChiralCouplings RadiativelyCorrected(double sin2)
        {
            double gv = WeakCouplings.ElectronVectorStandardModel(Flavor.E, sin2);
            double ga = WeakCouplings.ElectronAxialStandardModel(Flavor.E);
            return new((gv + ga) / 2, (gv - ga) / 2);
        }

        public static ChiralCouplings For(ElectronNeutrinoCouplingScheme scheme, double sin2) => scheme switch
        {
            ElectronNeutrinoCouplingScheme.TreeLevel => TreeLevel(sin2),
            ElectronNeutrinoCouplingScheme.RadiativelyCorrected => RadiativelyCorrected(sin2),
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "unknown nu_e - e coupling scheme"),
        };
    }

    /// <summary>
    /// The three s^2-independent pieces of sigma(E) in cm^2: sigma = g_L^2 Left + g_R^2 Right - g_L g_R Interference.
    /// </summary>
    public readonly record struct Parts(double Left, double Right, double Interference)
    {
        /// <summary>sigma with the tree-level couplings at s^2.</summary>
        public double Combine(double sin2) => Combine(ChiralCouplings.TreeLevel(sin2));

        public double Combine(ChiralCouplings c) => c.Left * c.Left * Left + c.Right * c.Right * Right - c.Left * c.Right * Interference;
    }

    /// <summary>The pieces of the total cross section at neutrino energy E (MeV).</summary>
    public static Parts PartsAt(double energyMeV)
    {
        if (!(energyMeV >= 0) || double.IsInfinity(energyMeV))
            throw new ArgumentOutOfRangeException(nameof(energyMeV), $"neutrino energy must be >= 0 MeV, got {energyMeV}");
        if (energyMeV == 0) return default;
        double me = Constants.ElectronMassMeV, e = energyMeV;
        double tMax = 2 * e * e / (me + 2 * e);
        double rest = 1 - tMax / e;
        double k = PrefactorCm2PerMeV;
        return new Parts(k * tMax, k * e / 3 * (1 - rest * rest * rest), k * me * tMax * tMax / (2 * e * e));
    }

    /// <summary>Total nu_e - e cross section (cm^2) at energy E (MeV) and weak mixing angle s^2, tree-level couplings.</summary>
    public static double TotalCrossSectionCm2(double energyMeV, double sin2) => PartsAt(energyMeV).Combine(sin2);

    /// <summary>
    /// Spectrum-averaged pieces divided by the mean energy, int f sigma dE / int f E dE, for a neutrino spectrum f on
    /// [0, E_max]: what an experiment that quotes sigma = k E_nu over that spectrum measures as k. 128-point Gauss-Legendre:
    /// the integrand is smooth (its nearest singularity, from T_max, sits at E = -m_e / 2), so the rule is exact to ~1e-11.
    /// </summary>
    public static Parts SpectrumAveragedPerEnergy(Func<double, double> density, double maxEnergyMeV)
    {
        ArgumentNullException.ThrowIfNull(density);
        var rule = new GaussLegendreRule(0, maxEnergyMeV, 128);
        double l = 0, r = 0, i = 0, meanE = 0;
        for (int n = 0; n < rule.Abscissas.Length; n++)
        {
            double e = rule.Abscissas[n], w = rule.Weights[n] * density(e);
            var p = PartsAt(e);
            l += w * p.Left;
            r += w * p.Right;
            i += w * p.Interference;
            meanE += w * e;
        }
        if (!(meanE > 0))
            throw new ArgumentException("the spectrum has no positive mean energy", nameof(density));
        return new Parts(l / meanE, r / meanE, i / meanE);
    }
}

/// <summary>Which nu_e - e couplings a prediction uses (<see cref="ElectronNeutrinoElectronScattering.ChiralCouplings"/>).</summary>
public enum ElectronNeutrinoCouplingScheme
{
    /// <summary>PDG 2024 low-energy couplings with the nu_e charge radius (docs/physics.md sec. 5).</summary>
    RadiativelyCorrected,

    /// <summary>g_L = 1/2 + s^2, g_R = s^2.</summary>
    TreeLevel,
}
