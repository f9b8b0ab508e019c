using System.Globalization;
using Cevns.Data;
using Cevns.Physics.Electroweak;
using Cevns.Physics.Nuclei;
using Cevns.Physics;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// A measured quantity with its published uncertainty, predicted by a named physics function of the parameters
/// (<see cref="ExternalObservable"/>): atomic parity violation, PVES weak form factors, the proton weak charge, published
/// sin^2 theta_W determinations (nu-e scattering), flux-averaged nu_e - e cross sections of decay-at-rest beams and direct
/// neutron-radius measurements (docs/physics.md sec. 11). It enters a
/// fit as one Gaussian term chi^2 = ((x_obs - x(physics)) / sigma)^2 (<see cref="ExternalMeasurementLikelihood"/>). Definition:
/// <code>
/// measurement:
///   observable: apv-weak-charge     # one of ExternalObservable.Names (nue-e-dar-cross-section: value in 1e-45 cm^2/MeV)
///   nucleus: Cs133                  # apv-weak-charge, pves-weak-form-factor; element for neutron-radius
///   momentum_transfer_gev: 0.0024   # |Q| at which sin^2 theta_W is seen (running shift); not for neutron-radius
///   q_per_fm: 0.3977                # pves-weak-form-factor only
///   couplings: radiatively-corrected # nue-e-dar-cross-section only: radiatively-corrected (default) or tree-level
///   value: ..., error: ...          # the published number, or for APV the inputs below
///   apv: { im_epnc_over_beta_mv_per_cm: .., im_epnc_over_beta_error: .., beta_a03: .., beta_error: .., theory_amplitude: .., theory_amplitude_error: .. }
/// </code>
/// Asymmetric published errors are symmetrised by the definition (say so in its comments).
/// </summary>
public sealed class ExternalMeasurementDataset : IDataset, ILikelihoodProvider
{
    public const string KindName = "external-measurement";

    public DatasetDefinition Definition { get; }
    public ExternalObservable Observable { get; }
    public double Value { get; }
    public double Error { get; }

    /// <summary>Exactly the parameters of its observable (<see cref="ExternalObservable.Parameters"/>).</summary>
    public bool Reads(string parameter) => Observable.Parameters.Contains(parameter, StringComparer.Ordinal);

    private ExternalMeasurementDataset(DatasetDefinition definition, ExternalObservable observable, double value, double error)
    {
        Definition = definition;
        Observable = observable;
        Value = value;
        Error = error;
    }

    public static IDataset Build(DatasetDefinition def, string dataDirectory) => Create(def);

    public static ExternalMeasurementDataset Create(DatasetDefinition def)
    {
        var m = def.Facts.Section("measurement");
        m.AllowOnly("observable", "nucleus", "element", "momentum_transfer_gev", "q_per_fm", "value", "error", "apv", "couplings");
        var name = m.String("observable");
        Isotope Nucleus()
        {
            var n = m.String("nucleus");
            return NuclearCatalog.Isotopes.FirstOrDefault(i => i.Name.Equals(n, StringComparison.OrdinalIgnoreCase))
                   ?? throw m.Error("nucleus", $"unknown nucleus '{n}' (known: {string.Join(", ", NuclearCatalog.Isotopes.Select(i => i.Name))})");
        }
        double Q() => m.Number("momentum_transfer_gev") is var q && q >= 0 && q <= WeakMixingRunning.ZMassGeV
            ? q : throw m.Error("momentum_transfer_gev", $"expected |Q| in [0, {WeakMixingRunning.ZMassGeV}] GeV");
        ExternalObservable observable = name switch
        {
            "apv-weak-charge" => new ExternalObservable.ApvWeakCharge(Nucleus(), Q()),
            "pves-weak-form-factor" => new ExternalObservable.PvesWeakFormFactor(Nucleus(), m.PositiveNumber("q_per_fm"), Q()),
            "proton-weak-charge" => new ExternalObservable.ProtonWeakCharge(Q()),
            "sin2-theta-w" => new ExternalObservable.Sin2Measurement(Q()),
            "neutron-radius" => new ExternalObservable.NeutronRadius(NeutronRadiusElement(m)),
            "nue-e-dar-cross-section" => new ExternalObservable.NuEElectronDarCrossSection(Q(), NueElectronCouplings(m)),
            _ => throw m.Error("observable", $"unknown observable '{name}' (known: {string.Join(", ", ExternalObservable.Names)})"),
        };
        if (m.Has("couplings") && observable is not ExternalObservable.NuEElectronDarCrossSection)
            throw m.Error("couplings", "couplings belong to observable nue-e-dar-cross-section");
        double value, error;
        if (m.OptionalSection("apv") is { } apv)
        {
            if (observable is not ExternalObservable.ApvWeakCharge w)
                throw m.Error("apv", "APV inputs belong to observable apv-weak-charge");
            if (m.Has("value")) throw m.Error("value", "give either value/error or the apv inputs, not both");
            apv.AllowOnly("im_epnc_over_beta_mv_per_cm", "im_epnc_over_beta_error", "beta_a03", "beta_error", "theory_amplitude", "theory_amplitude_error");
            double eb = apv.PositiveNumber("im_epnc_over_beta_mv_per_cm"), beta = apv.PositiveNumber("beta_a03"), k = apv.PositiveNumber("theory_amplitude");
            value = AtomicParityViolation.WeakChargeFromAmplitude(w.Nucleus.N, eb, beta, k);
            error = Math.Abs(value) * AtomicParityViolation.RelativeError(eb, apv.PositiveNumber("im_epnc_over_beta_error"), beta,
                apv.PositiveNumber("beta_error"), k, apv.PositiveNumber("theory_amplitude_error"));
        }
        else
        {
            value = m.Number("value");
            error = m.PositiveNumber("error");
        }
        return new ExternalMeasurementDataset(def, observable, value, error);
    }

    /// <summary>The nu_e - e couplings of a decay-at-rest cross section: radiatively-corrected (default) or tree-level.</summary>
    private static ElectronNeutrinoCouplingScheme NueElectronCouplings(Facts m)
    {
        if (!m.Has("couplings")) return ElectronNeutrinoCouplingScheme.RadiativelyCorrected;
        return m.String("couplings") switch
        {
            "radiatively-corrected" => ElectronNeutrinoCouplingScheme.RadiativelyCorrected,
            "tree-level" => ElectronNeutrinoCouplingScheme.TreeLevel,
            var other => throw m.Error("couplings",
                $"unknown couplings '{other}' (known: {string.Join(", ", ExternalObservable.NuEElectronDarCrossSection.CouplingNames)})"),
        };
    }

    private static string NeutronRadiusElement(Facts m)
    {
        var el = m.String("element");
        return ParameterCatalog.TryGet($"rn.{el}", out _) ? el : throw m.Error("element", $"no neutron-radius parameter rn.{el}");
    }

    /// <summary>
    /// As a dataset prediction: one "bin" holding the predicted quantity in place of a count (no CEvNS species), the observed
    /// value, and a note saying what the number is.
    /// </summary>
    public DatasetPrediction Predict(PhysicsParameters parameters) => new()
    {
        DatasetId = Definition.Id,
        Bins = [new AnalysisBin([new BinRange(Observable.Name, "", 0, 0)])],
        InAnalysis = [true],
        Cevns = new Dictionary<NeutrinoSpecies, double[]>(),
        ElectronScattering = new Dictionary<NeutrinoSpecies, double[]>(),
        Backgrounds = new Dictionary<string, double[]> { [Observable.Name] = [Observable.Predict(parameters)] },
        Observed = [Value],
        Notes = [string.Create(CultureInfo.InvariantCulture,
            $"external measurement: {Observable.Name} = {Value:G6} +- {Error:G3} (published); predicted {Observable.Predict(parameters):G6} from {string.Join(", ", Observable.Parameters)}")],
    };

    public IDatasetLikelihood Likelihood() => new ExternalMeasurementLikelihood(this, Value);
}
