namespace Cevns.Sources.Reactor;

/// <summary>The four isotopes whose fissions produce nearly all reactor antineutrinos.</summary>
public enum FissionIsotope { U235, U238, Pu239, Pu241 }

/// <summary>
/// Fractions of fissions in each isotope (normally summing to 1). Each must be finite and >= 0 and
/// at least one > 0.
/// </summary>
public readonly record struct FissionFractions
{
    public FissionFractions(double u235, double u238, double pu239, double pu241)
    {
        Check(u235, nameof(u235));
        Check(u238, nameof(u238));
        Check(pu239, nameof(pu239));
        Check(pu241, nameof(pu241));
        if (u235 + u238 + pu239 + pu241 <= 0)
            throw new ArgumentOutOfRangeException(nameof(u235), "at least one fission fraction must be > 0");
        U235 = u235;
        U238 = u238;
        Pu239 = pu239;
        Pu241 = pu241;
    }

    public double U235 { get; }
    public double U238 { get; }
    public double Pu239 { get; }
    public double Pu241 { get; }

    public double Sum => U235 + U238 + Pu239 + Pu241;

    public double this[FissionIsotope isotope] => isotope switch
    {
        FissionIsotope.U235 => U235,
        FissionIsotope.U238 => U238,
        FissionIsotope.Pu239 => Pu239,
        _ => Pu241,
    };

    private static void Check(double f, string name)
    {
        if (!double.IsFinite(f) || f < 0)
            throw new ArgumentOutOfRangeException(name, f, "fission fraction must be finite and >= 0");
    }
}
