using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Physics.FormFactors;
using Cevns.Physics.Nuclei;

namespace Cevns.Cli.Commands;

/// <summary>The cross-section function xsec calls (TargetCrossSection.DifferentialCm2PerKeV unless a test swaps it).</summary>
public delegate double TargetCrossSectionFunction(TargetMaterial target, NeutrinoSpecies species, double neutrinoEnergyMeV,
    double recoilKeV, ScatteringChannel channel, PhysicsParameters parameters, CrossSectionOptions options);

/// <summary>What xsec computed, with the inputs that identify it.</summary>
public sealed record XsecResult(
    TargetMaterial Target,
    NeutrinoSpecies Species,
    double NeutrinoEnergyMeV,
    double RecoilKeV,
    ScatteringChannel Channel,
    FormFactorModel FormFactor,
    IReadOnlyList<KeyValuePair<string, double>> NonStandardParameters,
    double DifferentialCm2PerKeV,
    NuclearRadiusModel NuclearRadii = NuclearRadiusModel.Element)
{
    /// <summary>Whether the SM charge radius was momentum dependent (CEvNS only; arXiv:2402.16709).</summary>
    public bool ChargeRadiusQDependent { get; init; }
}

/// <summary>
/// cevns xsec: dsigma/dT per target unit (abundance-weighted atom for an element, formula unit for a
/// compound) at one neutrino energy and recoil energy, in cm^2/keV.
/// </summary>
public sealed class XsecCommand(TargetCrossSectionFunction? crossSection = null) : ICliCommand
{
    public const string Unit = "cm^2/keV";

    private readonly TargetCrossSectionFunction _crossSection = crossSection ?? TargetCrossSection.DifferentialCm2PerKeV;

    public Command Create(CliContext context)
    {
        var target = CliOptions.Choice<TargetMaterial>("--target", "target: element, isotope or compound", "target",
            TryFindTarget, NuclearCatalog.TargetNames);
        var flavor = CliOptions.Choice<NeutrinoSpecies>("--flavor", "neutrino species", "flavor",
            NeutrinoSpeciesExtensions.TryParse, Enum.GetValues<NeutrinoSpecies>().Select(s => s.Name()));
        var enu = CliOptions.Energy("--enu", "neutrino energy", "MeV", zeroAllowed: false);
        var trecoil = CliOptions.Energy("--trecoil", "recoil kinetic energy (nuclear recoil for cevns, electron for es)", "keV", zeroAllowed: true);
        var channel = CliOptions.Choice<ScatteringChannel>("--channel", "process", "channel",
            Names.TryParseChannel, Names.Channels, defaultName: "cevns");
        var formFactor = CliOptions.Choice<FormFactorModel>("--form-factor", "nuclear form factor", "model",
            FormFactorFactory.TryParse, Names.FormFactors, defaultName: "helm");
        var radii = CliOptions.Choice<NuclearRadiusModel>("--nuclear-model",
            "form-factor radii: element (rp.<El>, rn.<El>) or the per-isotope Ge radii nsm, d1s, d1m (arXiv:2506.13555 Table I)", "model",
            NuclearRadiusSet.TryParse, NuclearRadiusSet.Names, defaultName: "element");
        var set = CliOptions.Set();
        var running = CliOptions.ChargeRadiusQDependent();
        var json = CliOptions.Json("the result");

        var command = new Command("xsec", $"Differential cross section dsigma/dT per target unit, in {Unit}.")
        {
            target, flavor, enu, trecoil, channel, formFactor, radii, set, running, json,
        };
        command.SetAction(parse =>
        {
            var parameters = CliOptions.ApplyAssignments(parse.GetValue(set));
            var result = Compute(
                target.ValueIn(parse), flavor.ValueIn(parse), parse.GetValue(enu), parse.GetValue(trecoil),
                channel.ValueIn(parse), formFactor.ValueIn(parse),
                parameters, parse.GetValue(running), radii.ValueIn(parse));
            if (parse.GetValue(json))
                WriteJson(context.Out, result);
            else
                WriteText(context.Out, result);
            return ExitCodes.Success;
        });
        return command;
    }

    public XsecResult Compute(TargetMaterial target, NeutrinoSpecies species, double enuMeV, double recoilKeV,
        ScatteringChannel channel, FormFactorModel formFactor, PhysicsParameters parameters, bool chargeRadiusQDependent = false,
        NuclearRadiusModel nuclearRadii = NuclearRadiusModel.Element)
    {
        var options = CrossSectionOptions.Default with
        {
            FormFactor = formFactor, MomentumDependentChargeRadius = chargeRadiusQDependent, NuclearRadii = nuclearRadii,
        };
        var value = _crossSection(target, species, enuMeV, recoilKeV, channel, parameters, options);
        if (!double.IsFinite(value))
            throw CliException.Numerical(
                $"dsigma/dT is not finite ({value.ToString(CultureInfo.InvariantCulture)}) for {target.Name}, {species.Name()}, " +
                $"E = {Num(enuMeV)} MeV, T = {Num(recoilKeV)} keV");
        return new XsecResult(target, species, enuMeV, recoilKeV, channel, formFactor, parameters.NonDefault().ToArray(), value, nuclearRadii)
            { ChargeRadiusQDependent = chargeRadiusQDependent };
    }

    public static void WriteJson(TextWriter output, XsecResult r) => JsonText.Write(output, w => WriteJson(w, r));

    /// <summary>The JSON object of xsec --json (also the answer of 'cevns serve' to an xsec request).</summary>
    public static void WriteJson(Utf8JsonWriter w, XsecResult r) => JsonSerializer.Serialize(w, Json(r), Cevns.Data.JsonFormats.Report);

    internal static Document Json(XsecResult r) => new(
        r.DifferentialCm2PerKeV, Unit, r.Target.Name, PerUnitText(r.Target), r.Species.Name(), r.NeutrinoEnergyMeV, r.RecoilKeV,
        Names.Of(r.Channel), Names.Of(r.FormFactor), r.ChargeRadiusQDependent, NuclearRadiusSet.NameOf(r.NuclearRadii),
        r.NonStandardParameters.ToDictionary(p => p.Key, p => p.Value));

    /// <summary>Units in the names: dsigma_dT in <see cref="Unit"/>, E_nu in MeV, T in keV.</summary>
    internal sealed record Document(
        [property: JsonPropertyName("dsigma_dT")] double DsigmaDT, string Unit, string Target, string Per, string Flavor,
        [property: JsonPropertyName("enu_MeV")] double EnuMeV, [property: JsonPropertyName("trecoil_keV")] double TrecoilKeV,
        string Channel, string FormFactor, bool ChargeRadiusQDependent, string NuclearModel, IReadOnlyDictionary<string, double> Parameters);

    public static void WriteText(TextWriter output, XsecResult r)
    {
        output.WriteLine($"dsigma/dT    {r.DifferentialCm2PerKeV.ToString("G7", CultureInfo.InvariantCulture)} {Unit}");
        output.WriteLine($"target       {r.Target.Name} ({PerUnitText(r.Target)})");
        output.WriteLine($"flavor       {r.Species.Name()}");
        output.WriteLine($"E_nu         {Num(r.NeutrinoEnergyMeV)} MeV");
        output.WriteLine($"T_recoil     {Num(r.RecoilKeV)} keV");
        output.WriteLine($"channel      {Names.Of(r.Channel)}");
        if (r.Channel == ScatteringChannel.Cevns)
        {
            output.WriteLine($"form factor  {Names.Of(r.FormFactor)}");
            output.WriteLine($"radii        {NuclearRadiusSet.Describe(r.NuclearRadii)}");
            if (r.ChargeRadiusQDependent)
                output.WriteLine("SM CR        momentum dependent (arXiv:2402.16709)");
        }
        output.WriteLine($"parameters   {(r.NonStandardParameters.Count == 0 ? "Standard Model" : string.Join(", ", r.NonStandardParameters.Select(p => $"{p.Key}={Num(p.Value)}")))}");
    }

    /// <summary>What one target unit is: "per atom", "per atom, natural abundances of 5 isotopes", "per formula unit Cs + I".</summary>
    public static string PerUnitText(TargetMaterial target)
    {
        if (target.Elements.Count > 1)
            return "per formula unit " + string.Join(" + ", target.Components.Select(c =>
                c.AtomsPerUnit == 1 ? c.Isotope.Element : $"{Num(c.AtomsPerUnit)} {c.Isotope.Element}"));
        return target.Components.Count > 1
            ? $"per atom, abundance-weighted over {target.Components.Count} isotopes"
            : $"per atom of {target.Components[0].Isotope.Name}";
    }

    private static bool TryFindTarget(string name, out TargetMaterial target)
    {
        target = NuclearCatalog.FindTarget(name)!;
        return target is not null;
    }

    private static string Num(double x) => x.ToString("G10", CultureInfo.InvariantCulture);
}
