namespace Cevns.Physics.Migdal;

/// <summary>
/// An atomic shell (n, l) of an isolated atom and the binding energy of its electrons, eV. The values used are those of
/// Ibe, Nakano, Shoji and Suzuki, JHEP 03 (2018) 194, arXiv:1707.07258, Table II (Dirac-Hartree-Fock, isolated atom).
/// </summary>
public sealed record AtomicShell(int N, int L, double BindingEnergyEv)
{
    /// <summary>Spectroscopic name, e.g. "3d".</summary>
    public string Name => $"{N}{"spdfg"[L]}";

    /// <summary>Binding energy in MeV (the library's unit).</summary>
    public double BindingEnergyMeV => BindingEnergyEv * 1e-6;

    /// <summary>Column name of the shell in the transition tables ("n_l", e.g. "3_2").</summary>
    public string TableColumn => $"{N}_{L}";
}
