namespace Cevns.Detectors;

/// <summary>An energy-independent quenching factor, E_ee = f T_nr (e.g. CsI[Na] 2017: definition coherent-csi-2017.yaml).</summary>
public sealed class ConstantQuenchingFactor : IQuenching
{
    public double Factor { get; }

    public ConstantQuenchingFactor(double factor)
    {
        if (!(factor > 0 && factor <= 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "quenching factor must lie in (0, 1]");
        Factor = factor;
    }

    public double ElectronEquivalentMeV(double recoilMeV)
    {
        QuenchingInverse.RequireRecoil(recoilMeV, nameof(recoilMeV));
        return Factor * recoilMeV;
    }

    public double RecoilMeV(double electronEquivalentMeV)
    {
        QuenchingInverse.RequireRecoil(electronEquivalentMeV, nameof(electronEquivalentMeV));
        return electronEquivalentMeV / Factor;
    }
}
