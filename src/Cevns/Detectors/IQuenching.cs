namespace Cevns.Detectors;

/// <summary>
/// Quenching: the electron-equivalent (visible) energy E_ee of a nuclear recoil of kinetic energy T_nr,
/// E_ee = f_Q(T_nr) T_nr (docs/physics.md section 8). Energies in MeV.
/// </summary>
public interface IQuenching
{
    /// <summary>Electron-equivalent energy (MeVee) of a nuclear recoil of <paramref name="recoilMeV"/> (MeVnr, &gt;= 0).</summary>
    double ElectronEquivalentMeV(double recoilMeV);

    /// <summary>
    /// Smallest nuclear-recoil energy (MeVnr) whose electron-equivalent energy reaches
    /// <paramref name="electronEquivalentMeV"/>: the inverse of <see cref="ElectronEquivalentMeV"/> where that
    /// increases, and the lowest recoil able to give a signal of that size where it does not (Ge "Fef" model).
    /// </summary>
    double RecoilMeV(double electronEquivalentMeV);
}
