namespace Cevns.Physics.Nuclei;

/// <summary>
/// One nuclide as a CEvNS target. Radii are rms radii in fm.
/// </summary>
/// <param name="Element">Element symbol (Ge, Cs, I, Ar, ...); the neutron-radius parameter rn.&lt;Element&gt; applies to it.</param>
/// <param name="Z">Proton number.</param>
/// <param name="A">Mass number.</param>
/// <param name="AtomicMassU">Atomic mass in u (AME2020 unless the catalogue says otherwise).</param>
/// <param name="ChargeRadiusFm">Measured rms charge radius (Angeli and Marinova 2013).</param>
/// <param name="PointProtonRadiusFm">Point-proton rms radius from the charge radius (NuclearCatalog.PointProtonRadiusFromCharge).</param>
/// <param name="ReferenceNeutronRadiusFm">Point-neutron rms radius of the nuclear model named in the catalogue.</param>
/// <param name="Spin">Ground-state nuclear spin J (for the optional axial term).</param>
public sealed record Isotope(
    string Element,
    int Z,
    int A,
    double AtomicMassU,
    double ChargeRadiusFm,
    double PointProtonRadiusFm,
    double ReferenceNeutronRadiusFm,
    double Spin)
{
    public int N => A - Z;

    /// <summary>Name such as Ge72, Cs133.</summary>
    public string Name => $"{Element}{A}";

    /// <summary>
    /// Nuclear mass in MeV: atomic mass minus Z electron masses. The total electron binding energy
    /// (about 14.4 eV Z^2.39, i.e. ~0.1 MeV for Cs) is neglected: it changes M by ~1e-6 relative.
    /// </summary>
    public double NuclearMassMeV => AtomicMassU * Constants.AtomicMassUnitMeV - Z * Constants.ElectronMassMeV;
}
