namespace Cevns.Physics;

/// <summary>
/// Physical constants and unit conversions. Natural units (hbar = c = 1) with energies in MeV
/// unless the name says otherwise. Source: PDG 2024 (R.L. Workman et al. / S. Navas et al.,
/// Phys. Rev. D 110, 030001 (2024)), as listed in docs/physics.md section 1.
/// </summary>
public static class Constants
{
    /// <summary>Fermi constant in MeV^-2 (PDG 2024: 1.1663788e-5 GeV^-2).</summary>
    public const double FermiConstantPerMeV2 = 1.1663788e-5 * 1e-6;

    /// <summary>Fine-structure constant at Q = 0 (PDG 2024: 1/137.035999084).</summary>
    public const double Alpha = 1.0 / 137.035999;

    /// <summary>Electron mass, MeV (PDG 2024).</summary>
    public const double ElectronMassMeV = 0.51099895;

    /// <summary>Muon mass, MeV (PDG 2024).</summary>
    public const double MuonMassMeV = 105.6583755;

    /// <summary>Tau mass, MeV (PDG 2024).</summary>
    public const double TauMassMeV = 1776.86;

    /// <summary>Charged-pion mass, MeV (PDG 2024: 139.57039).</summary>
    public const double ChargedPionMassMeV = 139.57039;

    /// <summary>W boson mass, MeV (PDG 2024 world average 80.3692 GeV).</summary>
    public const double WMassMeV = 80369.2;

    /// <summary>Proton mass, MeV (PDG 2024).</summary>
    public const double ProtonMassMeV = 938.27208816;

    /// <summary>Neutron mass, MeV (PDG 2024).</summary>
    public const double NeutronMassMeV = 939.56542052;

    /// <summary>Atomic mass unit, MeV (CODATA 2018: 931.49410242 MeV).</summary>
    public const double AtomicMassUnitMeV = 931.49410242;

    /// <summary>hbar*c in MeV fm (PDG 2024).</summary>
    public const double HbarCMeVFm = 197.3269804;

    /// <summary>1 fm^2 in cm^2.</summary>
    public const double Fm2InCm2 = 1e-26;

    /// <summary>Conversion of a cross section from MeV^-2 (natural units) to cm^2: (hbar c)^2 in MeV^2 cm^2.</summary>
    public const double InverseMeV2InCm2 = HbarCMeVFm * HbarCMeVFm * Fm2InCm2;

    /// <summary>Low-energy weak mixing angle, MS-bar at Q -> 0 (PDG 2024: 0.23873 +- 0.00005).</summary>
    public const double Sin2ThetaWLowEnergy = 0.23873;

    /// <summary>Bohr magneton in MeV^-1 (natural units, mu_B = e / (2 m_e), e = sqrt(4 pi alpha)).</summary>
    public static double BohrMagnetonPerMeV => Math.Sqrt(4 * Math.PI * Alpha) / (2 * ElectronMassMeV);

    /// <summary>Seconds per day.</summary>
    public const double SecondsPerDay = 86400.0;

    /// <summary>Avogadro constant, mol^-1 (SI exact).</summary>
    public const double Avogadro = 6.02214076e23;

    /// <summary>MeV in joules (SI exact elementary charge: 1 eV = 1.602176634e-19 J).</summary>
    public const double MeVInJoule = 1.602176634e-13;
}
