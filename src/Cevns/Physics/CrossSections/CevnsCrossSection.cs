using Cevns.Physics.FormFactors;
using Cevns.Physics.Nuclei;

namespace Cevns.Physics.CrossSections;

/// <summary>
/// Coherent elastic neutrino-nucleus scattering on one isotope (docs/physics.md sections 2, 4, 6), per nucleus:
/// dsigma/dT = (G_F^2 M / pi) (1 - M T / 2E^2) sum_l' |A_ll'|^2
///           + magnetic moment (pi alpha^2 / m_e^2)(1/T - 1/E) Z^2 F_Z^2 (mu/mu_B)^2
///           + light scalar (M^2 T / 4 pi E^2) g^4 Q_phi^2 / (Q^2 + M_phi^2)^2.
/// The flavour-conserving amplitude (l' = l) is
///   A_ll = [gtilde_V^p - Qtilde_ll + 2 eps^u_ll + eps^d_ll + z_p] Z F_Z + [g_V^n + eps^u_ll + 2 eps^d_ll + z_n] N F_N,
/// with Qtilde_ll = charge radius (sqrt2 pi alpha / 3 G_F) &lt;r^2_ll&gt; + millicharge (2 sqrt2 pi alpha / G_F q^2) q_ll
/// (q^2 = -2MT) and the light vector mediator z_f = g'^2 x_f / (sqrt2 G_F (2MT + M'^2)).
/// Flavour-changing amplitudes (l' != l) carry the transition charge radii, millicharges and off-diagonal NSI:
///   A_ll' = [-Qtilde_ll' + 2 eps^u_ll' + eps^d_ll'] Z F_Z + [eps^u_ll' + 2 eps^d_ll'] N F_N.
/// docs/physics.md lists the transition charge-radius and off-diagonal NSI sums separately; both are the same
/// final state nu_l', so we add them in one amplitude (identical to the listed formulas when only one is present).
/// Constructed once per (isotope, parameter point, form factors, options); <see cref="Coefficients"/> is
/// allocation free and costs two form-factor evaluations.
/// Not included: the axial (spin-dependent) term of odd isotopes (73Ge, 127I, 133Cs), which needs the nuclear
/// spin expectation values &lt;S_p&gt;, &lt;S_n&gt; and axial structure functions of a shell-model calculation
/// (e.g. Hoferichter et al., PRD 102 (2020) 074018); it is suppressed by ~1/N^2 relative to the coherent term.
/// </summary>
public sealed class CevnsCrossSection : IDifferentialCrossSection
{
    /// <summary>
    /// Nucleon scalar charges for a light scalar coupled universally to quarks: Q_phi = 14 A + 1.1 Z
    /// = 15.1 Z + 14 N (Cerdeno et al., JHEP 05 (2016) 118, arXiv:1604.01025, from the nucleon sigma terms).
    /// </summary>
    public const double ProtonScalarCharge = 15.1;

    /// <summary>See <see cref="ProtonScalarCharge"/>.</summary>
    public const double NeutronScalarCharge = 14.0;

    private readonly double _massMeV;
    private readonly double _z, _n;
    private readonly IFormFactor _protonFormFactor, _neutronFormFactor;
    private readonly bool _runningChargeRadius, _recoilOverEnergy;
    private readonly CrossSectionOptions _options;
    private readonly double _weakFactorCm2PerMeV;       // G_F^2 M / pi in cm^2/MeV
    private readonly CevnsMediatorCouplings _mediators;
    private readonly CevnsSpeciesCouplings[] _species = new CevnsSpeciesCouplings[CevnsCouplings.SpeciesCount];

    public Isotope Isotope { get; }

    public CevnsCrossSection(Isotope isotope, PhysicsParameters parameters, IFormFactor protonFormFactor,
        IFormFactor neutronFormFactor, CrossSectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(isotope);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(protonFormFactor);
        ArgumentNullException.ThrowIfNull(neutronFormFactor);
        ArgumentNullException.ThrowIfNull(options);
        Isotope = isotope;
        _massMeV = isotope.NuclearMassMeV;
        _z = isotope.Z;
        _n = isotope.N;
        _protonFormFactor = protonFormFactor;
        _neutronFormFactor = neutronFormFactor;
        _runningChargeRadius = options.MomentumDependentChargeRadius;
        _recoilOverEnergy = options.IncludeRecoilOverEnergyTerm;
        _options = options;
        _weakFactorCm2PerMeV = CevnsCouplings.WeakFactorCm2PerMeV(_massMeV);
        _mediators = CevnsMediatorCouplings.Of(parameters, options);
        CevnsCouplings.Fill(parameters, options, _species);
    }

    public double MinNeutrinoEnergyMeV(double recoilMeV) => Kinematics.MinNeutrinoEnergyMeV(recoilMeV, _massMeV);

    public EnergyDependence Coefficients(NeutrinoSpecies species, double recoilMeV)
    {
        if (!(recoilMeV > 0) || double.IsInfinity(recoilMeV))
            throw new ArgumentOutOfRangeException(nameof(recoilMeV), $"CEvNS recoil energy must be > 0 MeV, got {recoilMeV}");
        ref readonly var s = ref _species[(int)species];
        double t = recoilMeV;
        double q2 = Kinematics.InvariantMomentumTransferSquaredMeV2(t, _massMeV);
        double qPerFm = CevnsCouplings.FormFactorMomentumPerFm(t, _massMeV, _options);
        double zf = _z * _protonFormFactor.At(qPerFm);
        double nf = _n * _neutronFormFactor.At(qPerFm);

        double vectorPropagator = 1.0 / (q2 + _mediators.VectorMass2);
        double gp = s.ProtonConst + s.ProtonPerInvQ2 / q2 + _mediators.VectorProton * vectorPropagator;
        if (_runningChargeRadius)
            gp -= ChargeRadius.StandardModelCouplingShift(s.Flavor, q2);
        double gn = s.NeutronConst + _mediators.VectorNeutron * vectorPropagator;
        double amplitude = gp * zf + gn * nf;
        double sumSquares = amplitude * amplitude;
        double a1 = (s.Change1.ProtonConst + s.Change1.ProtonPerInvQ2 / q2) * zf + s.Change1.Neutron * nf;
        double a2 = (s.Change2.ProtonConst + s.Change2.ProtonPerInvQ2 / q2) * zf + s.Change2.Neutron * nf;
        sumSquares += a1 * a1 + a2 * a2;

        // (G_F^2 M / pi) |A|^2 (1 [- T/E] - M T / (2 E^2))
        double weak = _weakFactorCm2PerMeV * sumSquares;
        double c0 = weak;
        double c1 = _recoilOverEnergy ? -weak * t : 0.0;
        double c2 = -weak * _massMeV * t / 2;

        if (s.MagneticMomentSquared > 0)
        {
            // (pi alpha^2 / m_e^2) (1/T - 1/E) Z^2 F_Z^2 (mu/mu_B)^2
            double mm = CevnsCouplings.MagneticFactorCm2 * zf * zf * s.MagneticMomentSquared;
            c0 += mm / t;
            c1 -= mm;
        }

        if (_mediators.ScalarCouplingFourth > 0)
        {
            // (M^2 T / (4 pi E^2)) g^4 Q_phi^2 / (Q^2 + M_phi^2)^2
            double qPhi = ProtonScalarCharge * zf + NeutronScalarCharge * nf;
            double denominator = q2 + _mediators.ScalarMass2;
            c2 += _massMeV * _massMeV * t * _mediators.ScalarCouplingFourth * qPhi * qPhi
                  / (4 * Math.PI * denominator * denominator) * Constants.InverseMeV2InCm2;
        }
        return new EnergyDependence(c0, c1, c2);
    }
}
