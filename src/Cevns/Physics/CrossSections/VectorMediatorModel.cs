namespace Cevns.Physics.CrossSections;

/// <summary>Charge assignment of a light vector mediator Z' (docs/physics.md section 6).</summary>
public enum VectorMediatorModel
{
    /// <summary>Same coupling g' to neutrinos, quarks and charged leptons: Q' = 3 (Z F_Z + N F_N) on a nucleus.</summary>
    Universal,

    /// <summary>Gauged B-L: charge 1/3 per quark, -1 per lepton.</summary>
    BMinusL,
}

/// <summary>
/// Products of the Z' charges of the (left-handed) neutrino and of the target fermion, in units of g'^2.
/// A Z' exchanged at momentum transfer Q^2 adds g'^2 x_f / (sqrt2 G_F (Q^2 + M'^2)) to the vector coupling g_V^f
/// in the normalisation of <see cref="WeakCouplings"/> (e.g. Cerdeno et al., JHEP 05 (2016) 118, arXiv:1604.01025;
/// Atzori Corona et al., JHEP 09 (2022) 164, arXiv:2205.09484).
/// </summary>
public readonly record struct VectorMediatorCharges(double Proton, double Neutron, double Electron)
{
    public static VectorMediatorCharges For(VectorMediatorModel model) => model switch
    {
        // nu: 1; p = uud and n = udd: 3 quarks of charge 1; e: 1.
        VectorMediatorModel.Universal => new(3, 3, 1),
        // nu: -1; nucleons: baryon number 1; e: -1.
        VectorMediatorModel.BMinusL => new(-1, -1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(model), $"unknown vector mediator model {model}"),
    };
}
