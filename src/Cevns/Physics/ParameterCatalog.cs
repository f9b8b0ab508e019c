using Cevns.Physics.Nuclei;

namespace Cevns.Physics;

/// <summary>Definition of one named physics parameter: its slot, default, allowed range and unit.</summary>
public sealed record ParameterDefinition(string Name, int Index, double Default, double Min, double Max, string Unit, string Description)
{
    public string RangeText => $"[{Format(Min)}, {Format(Max)}]";

    private static string Format(double x) => double.IsInfinity(x) ? (x > 0 ? "inf" : "-inf") : x.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Every physics parameter by name (the names used in the CLI, analysis files and JSON), with its
/// index in <see cref="PhysicsParameters"/>. Units: charge radii 1e-32 cm^2, magnetic moments
/// 1e-10 mu_B, millicharges 1e-12 e, mediator masses MeV, radii fm; NSI and couplings dimensionless.
/// </summary>
public static class ParameterCatalog
{
    public static readonly string[] FlavorPairs = ["ee", "mumu", "tautau", "e_mu", "e_tau", "mu_tau"];

    private static readonly List<ParameterDefinition> Defs = [];
    private static readonly Dictionary<string, ParameterDefinition> ByName = new(StringComparer.Ordinal);

    public static readonly int Sin2ThetaW;
    /// <summary>Index of charge_radius.&lt;flavour pair&gt;, addressed as [a, b] with a, b = Flavor.</summary>
    private static readonly int[,] ChargeRadiusIdx = new int[3, 3];
    private static readonly int[,] MillichargeIdx = new int[3, 3];
    private static readonly int[,] NsiUIdx = new int[3, 3];
    private static readonly int[,] NsiDIdx = new int[3, 3];
    private static readonly int[] MagneticMomentIdx = new int[3];
    public static readonly int VectorMediatorMass, VectorMediatorCoupling, ScalarMediatorMass, ScalarMediatorCoupling;
    private static readonly Dictionary<string, int> NeutronRadiusIdx = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, int> ProtonRadiusIdx = new(StringComparer.Ordinal);

    static ParameterCatalog()
    {
        Sin2ThetaW = Add("sin2_theta_w", Constants.Sin2ThetaWLowEnergy, 0.0, 1.0, "",
            "weak mixing angle, MS-bar at Q->0 (PDG 2024)");

        foreach (var el in NuclearCatalog.ElementDefaults)
            NeutronRadiusIdx[el.Element] = Add($"rn.{el.Element}", el.DefaultNeutronRadiusFm, 0.5, 20.0, "fm",
                $"point-neutron rms radius of {el.Element}");
        // Point-proton radii: defaults from the measured charge radii (NuclearCatalog); a parameter so that another
        // convention or a nuclear model's value can be used (and fitted) like the neutron radius.
        foreach (var el in NuclearCatalog.ElementDefaults)
            ProtonRadiusIdx[el.Element] = Add($"rp.{el.Element}", el.PointProtonRadiusFm, 0.5, 20.0, "fm",
                $"point-proton rms radius of {el.Element}");

        // Charge radii: diagonal names charge_radius.e/mu/tau (total, SM part included), transition e_mu/e_tau/mu_tau.
        foreach (var (a, b) in Pairs())
        {
            var name = a == b ? $"charge_radius.{a.ShortName()}" : $"charge_radius.{a.ShortName()}_{b.ShortName()}";
            double def = a == b ? ChargeRadius.StandardModelCm2(a) / 1e-32 : 0.0;
            var idx = Add(name, def, -1e4, 1e4, "1e-32 cm^2",
                a == b ? $"nu_{a.ShortName()} charge radius <r^2> (SM part included)" : "transition charge radius");
            ChargeRadiusIdx[(int)a, (int)b] = ChargeRadiusIdx[(int)b, (int)a] = idx;
        }

        foreach (var f in Enum.GetValues<Flavor>())
            MagneticMomentIdx[(int)f] = Add($"magnetic_moment.{f.ShortName()}", 0.0, 0.0, 1e6, "1e-10 mu_B",
                $"effective magnetic moment of nu_{f.ShortName()}");

        foreach (var (a, b) in Pairs())
        {
            var idx = Add($"millicharge.{PairName(a, b)}", 0.0, -1e8, 1e8, "1e-12 e", "neutrino electric charge q_ll'");
            MillichargeIdx[(int)a, (int)b] = MillichargeIdx[(int)b, (int)a] = idx;
        }

        foreach (var (a, b) in Pairs())
        {
            var iu = Add($"nsi.u.{PairName(a, b)}", 0.0, -100, 100, "", "vector NSI epsilon^uV");
            NsiUIdx[(int)a, (int)b] = NsiUIdx[(int)b, (int)a] = iu;
        }
        foreach (var (a, b) in Pairs())
        {
            var id = Add($"nsi.d.{PairName(a, b)}", 0.0, -100, 100, "", "vector NSI epsilon^dV");
            NsiDIdx[(int)a, (int)b] = NsiDIdx[(int)b, (int)a] = id;
        }

        VectorMediatorMass = Add("vector_mediator.mass", 1000.0, 1e-6, 1e6, "MeV", "light vector mediator mass");
        VectorMediatorCoupling = Add("vector_mediator.coupling", 0.0, -10, 10, "", "light vector mediator coupling g'");
        ScalarMediatorMass = Add("scalar_mediator.mass", 1000.0, 1e-6, 1e6, "MeV", "light scalar mediator mass");
        ScalarMediatorCoupling = Add("scalar_mediator.coupling", 0.0, -10, 10, "", "light scalar mediator coupling g_phi");
    }

    private static IEnumerable<(Flavor, Flavor)> Pairs()
    {
        yield return (Flavor.E, Flavor.E);
        yield return (Flavor.Mu, Flavor.Mu);
        yield return (Flavor.Tau, Flavor.Tau);
        yield return (Flavor.E, Flavor.Mu);
        yield return (Flavor.E, Flavor.Tau);
        yield return (Flavor.Mu, Flavor.Tau);
    }

    private static string PairName(Flavor a, Flavor b) =>
        a == b ? a.ShortName() + a.ShortName() : $"{a.ShortName()}_{b.ShortName()}";

    private static int Add(string name, double def, double min, double max, string unit, string description)
    {
        var d = new ParameterDefinition(name, Defs.Count, def, min, max, unit, description);
        Defs.Add(d);
        ByName[name] = d;
        return d.Index;
    }

    public static IReadOnlyList<ParameterDefinition> All => Defs;

    public static int Count => Defs.Count;

    public static bool TryGet(string name, out ParameterDefinition definition) =>
        ByName.TryGetValue(name, out definition!);

    internal static int ChargeRadiusIndex(Flavor a, Flavor b) => ChargeRadiusIdx[(int)a, (int)b];
    internal static int MillichargeIndex(Flavor a, Flavor b) => MillichargeIdx[(int)a, (int)b];
    internal static int NsiUIndex(Flavor a, Flavor b) => NsiUIdx[(int)a, (int)b];
    internal static int NsiDIndex(Flavor a, Flavor b) => NsiDIdx[(int)a, (int)b];
    internal static int MagneticMomentIndex(Flavor f) => MagneticMomentIdx[(int)f];

    internal static int NeutronRadiusIndex(string element) =>
        NeutronRadiusIdx.TryGetValue(element, out var i) ? i
            : throw new ArgumentException($"no neutron-radius parameter for element '{element}'");

    internal static int ProtonRadiusIndex(string element) =>
        ProtonRadiusIdx.TryGetValue(element, out var i) ? i
            : throw new ArgumentException($"no proton-radius parameter for element '{element}'");
}
