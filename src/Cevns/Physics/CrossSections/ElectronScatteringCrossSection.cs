namespace Cevns.Physics.CrossSections;

/// <summary>
/// Elastic neutrino scattering on the electrons of one atom (docs/physics.md sections 4-6), in the electron recoil T_e:
/// dsigma/dT = Z_eff(T) (G_F^2 m_e / 2 pi) [(g_V+g_A)^2 + (g_V-g_A)^2 (1-T/E)^2 - (g_V^2-g_A^2) m_e T/E^2]
///           + Z_eff(T) (G_F^2 m_e / 2 pi) sum_{l'!=l} |Qtilde_ll'|^2 [1 + (1-T/E)^2 - m_e T/E^2]
///           + Z_eff(T) (pi alpha^2 / m_e^2)(1/T - 1/E) (mu/mu_B)^2,
/// with g_V = gtilde_V^e + Qtilde_ll (charge radius + millicharge) + Z' term, g_A = g_A^e, +1 on both for nu_e
/// (W exchange), and g_A -> -g_A for antineutrinos. The flavour-changing sum is the same formula with
/// g_V = Qtilde_ll', g_A = 0; for a millicharge it equals Z_eff (pi alpha^2/(m_e T^2)) [1 + (1-T/E)^2 - m_e T/E^2] |q_ll'|^2
/// as written in docs/physics.md section 4. Photon and Z' propagators use Q^2 = 2 m_e T.
/// Free-electron kinematics: E_min(T) = (T + sqrt(T^2 + 2 m_e T))/2.
/// The momentum dependence of the SM charge radius (an option for CEvNS) is not applied here.
/// </summary>
public sealed class ElectronScatteringCrossSection : IDifferentialCrossSection
{
    private readonly EffectiveElectronCount _zeff;
    private readonly double _vectorMediatorElectron; // g'^2 x_e / (sqrt2 G_F), MeV^2
    private readonly double _vectorMediatorMass2;
    private readonly ElectronSpeciesCouplings[] _species = new ElectronSpeciesCouplings[CevnsCouplings.SpeciesCount];

    public string Element => _zeff.Element;

    public ElectronScatteringCrossSection(string element, PhysicsParameters parameters, CrossSectionOptions options)
        : this(EffectiveElectronCount.For(element), parameters, options)
    {
    }

    public ElectronScatteringCrossSection(EffectiveElectronCount effectiveElectrons, PhysicsParameters parameters, CrossSectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(effectiveElectrons);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        _zeff = effectiveElectrons;
        _vectorMediatorElectron = ElectronScatteringCouplings.VectorMediatorElectron(parameters, options);
        _vectorMediatorMass2 = parameters.VectorMediatorMassMeV * parameters.VectorMediatorMassMeV;
        ElectronScatteringCouplings.Fill(parameters, options, _species);
    }

    public double MinNeutrinoEnergyMeV(double recoilMeV) =>
        Kinematics.MinNeutrinoEnergyMeV(recoilMeV, Constants.ElectronMassMeV);

    public EnergyDependence Coefficients(NeutrinoSpecies species, double recoilMeV)
    {
        if (!(recoilMeV > 0) || double.IsInfinity(recoilMeV))
            throw new ArgumentOutOfRangeException(nameof(recoilMeV), $"electron recoil energy must be > 0 MeV, got {recoilMeV}");
        ref readonly var s = ref _species[(int)species];
        double t = recoilMeV;
        double me = Constants.ElectronMassMeV;
        double q2 = Kinematics.InvariantMomentumTransferSquaredMeV2(t, me);
        double zeff = _zeff.At(t);

        double gv = s.VectorConst + s.VectorPerInvQ2 / q2 + _vectorMediatorElectron / (q2 + _vectorMediatorMass2);
        double ga = s.Axial;
        double k = zeff * ElectronScatteringCouplings.WeakFactorCm2PerMeV;
        double plus = (gv + ga) * (gv + ga), minus = (gv - ga) * (gv - ga);
        // (1 - T/E)^2 = 1 - 2T/E + T^2/E^2
        double c0 = k * (plus + minus);
        double c1 = -2 * k * t * minus;
        double c2 = k * (t * t * minus - (gv * gv - ga * ga) * me * t);

        double q1 = s.Change1Const + s.Change1PerInvQ2 / q2;
        double q2Change = s.Change2Const + s.Change2PerInvQ2 / q2;
        double transition = k * (q1 * q1 + q2Change * q2Change);
        if (transition > 0)
        {
            c0 += 2 * transition;
            c1 -= 2 * transition * t;
            c2 += transition * (t * t - me * t);
        }

        if (s.MagneticMomentSquared > 0)
        {
            double mm = zeff * CevnsCouplings.MagneticFactorCm2 * s.MagneticMomentSquared;
            c0 += mm / t;
            c1 -= mm;
        }
        return new EnergyDependence(c0, c1, c2);
    }
}
