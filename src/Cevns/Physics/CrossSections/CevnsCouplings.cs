namespace Cevns.Physics.CrossSections;

/// <summary>
/// A flavour-changing CEvNS amplitude nu_l -> nu_l' (l' != l) without form factors:
/// A_ll' = (ProtonConst + ProtonPerInvQ2 / Q^2) Z F_Z + Neutron N F_N (see <see cref="CevnsCrossSection"/>).
/// </summary>
public struct CevnsTransitionCouplings
{
    /// <summary>-Qtilde^CR_ll' + 2 eps^u_ll' + eps^d_ll'.</summary>
    public double ProtonConst;
    /// <summary>Transition millicharge: adds this / Q^2 (MeV^2) to the proton coupling.</summary>
    public double ProtonPerInvQ2;
    /// <summary>eps^u_ll' + 2 eps^d_ll'.</summary>
    public double Neutron;
}

/// <summary>
/// The isotope-independent couplings of one neutrino species at a parameter point (docs/physics.md sections 2, 4, 6): the
/// flavour-conserving amplitude A_ll = gp Z F_Z + gn N F_N with
/// gp = ProtonConst + ProtonPerInvQ2 / Q^2 + VectorProton / (Q^2 + M'^2) [- SM charge-radius shift(Q^2) if running],
/// gn = NeutronConst + VectorNeutron / (Q^2 + M'^2), two flavour-changing amplitudes, and the magnetic moment.
/// </summary>
public struct CevnsSpeciesCouplings
{
    public Flavor Flavor;
    /// <summary>Everything constant in the proton coupling: gtilde_V^p - Qtilde^CR + 2 eps^u + eps^d.</summary>
    public double ProtonConst;
    /// <summary>Diagonal millicharge: adds this / Q^2 to the proton coupling.</summary>
    public double ProtonPerInvQ2;
    /// <summary>g_V^n + eps^u + 2 eps^d.</summary>
    public double NeutronConst;
    public CevnsTransitionCouplings Change1, Change2;
    /// <summary>(mu_nu / mu_B)^2.</summary>
    public double MagneticMomentSquared;
}

/// <summary>Light-mediator couplings of a parameter point (isotope independent; docs/physics.md section 6).</summary>
public readonly record struct CevnsMediatorCouplings(double VectorProton, double VectorNeutron, double VectorMass2,
    double ScalarCouplingFourth, double ScalarMass2)
{
    /// <summary>
    /// Z' terms of the proton and neutron couplings, g'^2 x_f / (sqrt2 G_F) in MeV^2 (divided by Q^2 + M'^2 in the
    /// coupling; <see cref="VectorMediatorCharges"/>), the Z' mass squared, and g_phi^4 and M_phi^2 of the light scalar.
    /// </summary>
    public static CevnsMediatorCouplings Of(PhysicsParameters parameters, CrossSectionOptions options)
    {
        double gf = Constants.FermiConstantPerMeV2;
        var charges = VectorMediatorCharges.For(options.VectorMediator);
        double g2 = parameters.VectorMediatorCoupling * parameters.VectorMediatorCoupling;
        double gs2 = parameters.ScalarMediatorCoupling * parameters.ScalarMediatorCoupling;
        return new CevnsMediatorCouplings(
            g2 * charges.Proton / (Math.Sqrt(2) * gf),
            g2 * charges.Neutron / (Math.Sqrt(2) * gf),
            parameters.VectorMediatorMassMeV * parameters.VectorMediatorMassMeV,
            gs2 * gs2,
            parameters.ScalarMediatorMassMeV * parameters.ScalarMediatorMassMeV);
    }
}

/// <summary>
/// The coupling constants of the CEvNS cross section at a parameter point, shared by the per-node evaluation of
/// <see cref="CevnsCrossSection"/> and the precomputed-kernel decomposition of binned signals, so both use one
/// statement of the physics. They do not depend on the isotope (Z, N and the form factors multiply them).
/// </summary>
public static class CevnsCouplings
{
    /// <summary>Number of neutrino species (index = (int)NeutrinoSpecies).</summary>
    public const int SpeciesCount = 6;

    /// <summary>
    /// Fills <paramref name="into"/> (length 6, index (int)NeutrinoSpecies) with the couplings of each species.
    /// The static SM charge radius is part of ProtonConst unless <see cref="CrossSectionOptions.MomentumDependentChargeRadius"/>
    /// is set, in which case the caller subtracts <see cref="ChargeRadius.StandardModelCouplingShift"/> at each Q^2.
    /// </summary>
    public static void Fill(PhysicsParameters parameters, CrossSectionOptions options, Span<CevnsSpeciesCouplings> into)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        if (into.Length < SpeciesCount)
            throw new ArgumentException($"need room for {SpeciesCount} species, got {into.Length}", nameof(into));
        double gf = Constants.FermiConstantPerMeV2;
        double gTildeP = WeakCouplings.ProtonVectorWithoutChargeRadius(parameters.Sin2ThetaW);
        // Millicharge: Qtilde = (2 sqrt2 pi alpha / (G_F q^2)) q_ll' with q^2 = -Q^2, entering the proton coupling
        // as -Qtilde = +(2 sqrt2 pi alpha / G_F) q_ll' / Q^2.
        double millichargeFactor = 2 * Math.Sqrt(2) * Math.PI * Constants.Alpha / gf;
        for (int i = 0; i < SpeciesCount; i++)
        {
            var species = (NeutrinoSpecies)i;
            var l = species.Flavor();
            // Expressed in the neutrino's <r^2> and q, the photon-exchange shift of the proton coupling is the same for
            // nu and anti-nu (the antineutrino's charge radius, charge and weak vector current all flip, so their
            // relative sign does not; docs/physics.md sec. 4): the species only selects the flavour here.
            double smShift = ChargeRadius.CouplingShift(ChargeRadius.StandardModelCm2(l));
            double bsmShift = ChargeRadius.CouplingShift(parameters.ChargeRadiusCm2(l, l)) - smShift;
            double mu = parameters.MagneticMomentBohr(l);
            var (a, b) = OtherFlavours(l);
            into[i] = new CevnsSpeciesCouplings
            {
                Flavor = l,
                ProtonConst = gTildeP - (options.MomentumDependentChargeRadius ? 0.0 : smShift) - bsmShift
                              + 2 * parameters.NsiU(l, l) + parameters.NsiD(l, l),
                ProtonPerInvQ2 = millichargeFactor * parameters.MillichargeE(l, l),
                NeutronConst = WeakCouplings.NeutronVector + parameters.NsiU(l, l) + 2 * parameters.NsiD(l, l),
                Change1 = Transition(parameters, l, a, millichargeFactor),
                Change2 = Transition(parameters, l, b, millichargeFactor),
                MagneticMomentSquared = mu * mu,
            };
        }
    }

    private static CevnsTransitionCouplings Transition(PhysicsParameters p, Flavor l, Flavor m, double millichargeFactor) => new()
    {
        ProtonConst = -ChargeRadius.CouplingShift(p.ChargeRadiusCm2(l, m)) + 2 * p.NsiU(l, m) + p.NsiD(l, m),
        ProtonPerInvQ2 = millichargeFactor * p.MillichargeE(l, m),
        Neutron = p.NsiU(l, m) + 2 * p.NsiD(l, m),
    };

    /// <summary>The two flavours other than <paramref name="l"/>, in a fixed order.</summary>
    public static (Flavor, Flavor) OtherFlavours(Flavor l) => l switch
    {
        Flavor.E => (Flavor.Mu, Flavor.Tau),
        Flavor.Mu => (Flavor.E, Flavor.Tau),
        _ => (Flavor.E, Flavor.Mu),
    };

    /// <summary>(G_F^2 M / pi) in cm^2/MeV: the prefactor of |A|^2 for a nucleus of mass M (MeV).</summary>
    public static double WeakFactorCm2PerMeV(double nuclearMassMeV)
    {
        double gf = Constants.FermiConstantPerMeV2;
        return gf * gf * nuclearMassMeV / Math.PI * Constants.InverseMeV2InCm2;
    }

    /// <summary>pi alpha^2 / m_e^2 in cm^2: the prefactor of the magnetic-moment cross section.</summary>
    public static double MagneticFactorCm2 { get; } =
        Math.PI * Constants.Alpha * Constants.Alpha / (Constants.ElectronMassMeV * Constants.ElectronMassMeV) * Constants.InverseMeV2InCm2;

    /// <summary>Form-factor argument |q| in fm^-1 at recoil T (MeV) on mass M: sqrt(2MT [+ T^2]) / hbar c.</summary>
    public static double FormFactorMomentumPerFm(double recoilMeV, double nuclearMassMeV, CrossSectionOptions options)
    {
        double q2 = Kinematics.InvariantMomentumTransferSquaredMeV2(recoilMeV, nuclearMassMeV);
        double qForm2 = options.IncludeRecoilSquaredInMomentumTransfer ? q2 + recoilMeV * recoilMeV : q2;
        return Math.Sqrt(qForm2) / Constants.HbarCMeVFm;
    }
}
