using System.Globalization;

namespace Cevns.Physics;

/// <summary>Raised for an unknown parameter name or a value outside its allowed range.</summary>
public sealed class ParameterException(string message) : Exception(message);

/// <summary>
/// One physics point: every named parameter of <see cref="ParameterCatalog"/> as a flat vector
/// (cheap to copy, cheap to hand to a minimiser). Immutable: With(...) returns a modified copy.
/// Typed accessors return the values in the natural units used by the cross sections.
/// </summary>
public sealed class PhysicsParameters
{
    private readonly double[] _values;

    private PhysicsParameters(double[] values) => _values = values;

    /// <summary>The Standard Model point (all catalogue defaults).</summary>
    public static PhysicsParameters StandardModel { get; } =
        new(ParameterCatalog.All.Select(d => d.Default).ToArray());

    public double this[string name] => _values[Definition(name).Index];

    public double this[int index] => _values[index];

    public ReadOnlySpan<double> Values => _values;

    /// <summary>Copy with one parameter changed; rejects unknown names and values outside the allowed range.</summary>
    public PhysicsParameters With(string name, double value)
    {
        var def = Definition(name);
        Validate(def, value);
        var copy = (double[])_values.Clone();
        copy[def.Index] = value;
        return new PhysicsParameters(copy);
    }

    /// <summary>Copy with several parameters changed.</summary>
    public PhysicsParameters With(IEnumerable<KeyValuePair<string, double>> assignments)
    {
        var copy = (double[])_values.Clone();
        foreach (var (name, value) in assignments)
        {
            var def = Definition(name);
            Validate(def, value);
            copy[def.Index] = value;
        }
        return new PhysicsParameters(copy);
    }

    /// <summary>Parses "name=value" (as given to --set).</summary>
    public PhysicsParameters WithAssignment(string assignment)
    {
        var eq = assignment.IndexOf('=');
        if (eq <= 0)
            throw new ParameterException($"expected name=value, got '{assignment}'");
        var name = assignment[..eq].Trim();
        var text = assignment[(eq + 1)..].Trim();
        var def = Definition(name);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new ParameterException($"parameter '{name}': '{text}' is not a number");
        Validate(def, value);
        return With(name, value);
    }

    private static ParameterDefinition Definition(string name) =>
        ParameterCatalog.TryGet(name, out var d) ? d
            : throw new ParameterException($"unknown parameter '{name}' (see 'cevns parameters' for the list)");

    private static void Validate(ParameterDefinition def, double value)
    {
        if (!double.IsFinite(value))
            throw new ParameterException($"parameter '{def.Name}' must be finite, got {value.ToString(CultureInfo.InvariantCulture)}");
        if (value < def.Min || value > def.Max)
            throw new ParameterException(
                $"parameter '{def.Name}' = {value.ToString("G6", CultureInfo.InvariantCulture)} is outside its allowed range {def.RangeText}{(def.Unit.Length > 0 ? " " + def.Unit : "")}");
    }

    // ---- typed accessors (natural units noted) ----

    public double Sin2ThetaW => _values[ParameterCatalog.Sin2ThetaW];

    /// <summary>Point-neutron rms radius of the element, fm.</summary>
    public double NeutronRadiusFm(string element) => _values[ParameterCatalog.NeutronRadiusIndex(element)];

    /// <summary>Point-proton rms radius of the element, fm.</summary>
    public double ProtonRadiusFm(string element) => _values[ParameterCatalog.ProtonRadiusIndex(element)];

    /// <summary>Charge radius &lt;r^2&gt; in cm^2 (diagonal: total including SM; off-diagonal: transition).</summary>
    public double ChargeRadiusCm2(Flavor a, Flavor b) => _values[ParameterCatalog.ChargeRadiusIndex(a, b)] * 1e-32;

    /// <summary>Magnetic moment in units of mu_B.</summary>
    public double MagneticMomentBohr(Flavor f) => _values[ParameterCatalog.MagneticMomentIndex(f)] * 1e-10;

    /// <summary>Millicharge in units of e.</summary>
    public double MillichargeE(Flavor a, Flavor b) => _values[ParameterCatalog.MillichargeIndex(a, b)] * 1e-12;

    public double NsiU(Flavor a, Flavor b) => _values[ParameterCatalog.NsiUIndex(a, b)];

    public double NsiD(Flavor a, Flavor b) => _values[ParameterCatalog.NsiDIndex(a, b)];

    public double VectorMediatorMassMeV => _values[ParameterCatalog.VectorMediatorMass];
    public double VectorMediatorCoupling => _values[ParameterCatalog.VectorMediatorCoupling];
    public double ScalarMediatorMassMeV => _values[ParameterCatalog.ScalarMediatorMass];
    public double ScalarMediatorCoupling => _values[ParameterCatalog.ScalarMediatorCoupling];

    /// <summary>Names and values that differ from the Standard Model point.</summary>
    public IEnumerable<KeyValuePair<string, double>> NonDefault() =>
        ParameterCatalog.All.Where(d => _values[d.Index] != d.Default)
            .Select(d => new KeyValuePair<string, double>(d.Name, _values[d.Index]));
}
