namespace Cevns.Physics.CrossSections;

/// <summary>
/// The couplings of elastic neutrino-electron scattering for one species at a parameter point (docs/physics.md sections 4-6):
/// g_V = VectorConst + VectorPerInvQ2 / Q^2 + Z' term, g_A = Axial (sign applied for antineutrinos), the transition
/// charges Qtilde_ll' = ChangeConst + ChangePerInvQ2 / Q^2 of the two other flavours, and the magnetic moment
/// (see <see cref="ElectronScatteringCrossSection"/>). Element independent: Z_eff multiplies them.
/// </summary>
public struct ElectronSpeciesCouplings
{
    /// <summary>g_V without the Q^2-dependent parts.</summary>
    public double VectorConst;
    /// <summary>Diagonal millicharge: adds this / Q^2 to g_V.</summary>
    public double VectorPerInvQ2;
    /// <summary>g_A, sign already applied for antineutrinos.</summary>
    public double Axial;
    public double Change1Const, Change1PerInvQ2, Change2Const, Change2PerInvQ2;
    /// <summary>(mu_nu / mu_B)^2.</summary>
    public double MagneticMomentSquared;
}

/// <summary>
/// The coupling constants of nu-e scattering at a parameter point, shared by the per-node evaluation of
/// <see cref="ElectronScatteringCrossSection"/> and the precomputed-kernel decomposition of binned signals.
/// </summary>
public static class ElectronScatteringCouplings
{
    /// <summary>G_F^2 m_e / (2 pi) in cm^2/MeV.</summary>
    public static double WeakFactorCm2PerMeV { get; } =
        Constants.FermiConstantPerMeV2 * Constants.FermiConstantPerMeV2 * Constants.ElectronMassMeV / (2 * Math.PI) * Constants.InverseMeV2InCm2;

    /// <summary>The Z' term of g_V^e, g'^2 x_e / (sqrt2 G_F) in MeV^2 (divided by Q^2 + M'^2 in g_V).</summary>
    public static double VectorMediatorElectron(PhysicsParameters parameters, CrossSectionOptions options)
    {
        var charges = VectorMediatorCharges.For(options.VectorMediator);
        double g2 = parameters.VectorMediatorCoupling * parameters.VectorMediatorCoupling;
        return g2 * charges.Electron / (Math.Sqrt(2) * Constants.FermiConstantPerMeV2);
    }

    /// <summary>Fills <paramref name="into"/> (length 6, index (int)NeutrinoSpecies) with the couplings of each species.</summary>
    public static void Fill(PhysicsParameters parameters, CrossSectionOptions options, Span<ElectronSpeciesCouplings> into)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        if (into.Length < CevnsCouplings.SpeciesCount)
            throw new ArgumentException($"need room for {CevnsCouplings.SpeciesCount} species, got {into.Length}", nameof(into));
        double gf = Constants.FermiConstantPerMeV2;
        double gTildeV = WeakCouplings.ElectronVectorWithoutChargeRadius(parameters.Sin2ThetaW);
        // Electron charge -1: the photon-exchange terms enter g_V^e with the opposite sign to g_V^p,
        // i.e. +Qtilde; millicharge Qtilde = (2 sqrt2 pi alpha / (G_F q^2)) q, q^2 = -Q^2.
        double millichargeFactor = 2 * Math.Sqrt(2) * Math.PI * Constants.Alpha / gf;
        for (int i = 0; i < CevnsCouplings.SpeciesCount; i++)
        {
            var species = (NeutrinoSpecies)i;
            var l = species.Flavor();
            // Only the axial coupling changes sign for anti-nu; the photon-exchange terms (charge radius, millicharge),
            // written in the neutrino's <r^2> and q, shift g_V alike for nu and anti-nu (docs/physics.md secs. 4, 5).
            bool anti = species.IsAntineutrino();
            double smShift = ChargeRadius.CouplingShift(ChargeRadius.StandardModelCm2(l));
            double bsmShift = ChargeRadius.CouplingShift(parameters.ChargeRadiusCm2(l, l)) - smShift;
            double cc = WeakCouplings.ChargedCurrentShift(l);
            double mu = parameters.MagneticMomentBohr(l);
            var (a, b) = CevnsCouplings.OtherFlavours(l);
            into[i] = new ElectronSpeciesCouplings
            {
                VectorConst = gTildeV + smShift + bsmShift + cc,
                VectorPerInvQ2 = -millichargeFactor * parameters.MillichargeE(l, l),
                Axial = (anti ? -1.0 : 1.0) * (WeakCouplings.ElectronAxialNeutralCurrent + cc),
                Change1Const = ChargeRadius.CouplingShift(parameters.ChargeRadiusCm2(l, a)),
                Change1PerInvQ2 = -millichargeFactor * parameters.MillichargeE(l, a),
                Change2Const = ChargeRadius.CouplingShift(parameters.ChargeRadiusCm2(l, b)),
                Change2PerInvQ2 = -millichargeFactor * parameters.MillichargeE(l, b),
                MagneticMomentSquared = mu * mu,
            };
        }
    }
}
