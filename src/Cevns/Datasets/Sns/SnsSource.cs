using Cevns.Data;
using Cevns.Sources.Timing;
using Cevns.Sources;

namespace Cevns.Datasets.Sns;

/// <summary>
/// A stopped-pion (spallation) neutrino source as an SNS dataset states it in its <c>source:</c> section: the beam
/// exposure, the pion-decay-at-rest flux it implies (docs/physics.md section 7: fluence per flavour r N_POT / (4 pi L^2)) and
/// the arrival-time distribution of the prompt and delayed neutrinos. Shared by every SNS dataset kind (CsI, Ar, Ge).
/// <code>
/// source:
///   type: pion-decay-at-rest
///   protons_on_target: 1.38e23              # or exposure_gwh with proton_energy_gev: N_POT = E_beam / E_p
///   neutrinos_per_proton_per_flavour: 0.09  # or neutrinos_per_proton_total (three flavours in equal numbers)
///   baseline_m: 27.5
///   flux_norm_sigma: 0.10                   # optional: prior width of the flux normalisation
///   timing: { model: pulsed-decay, pulse_mean_ns: 440, pulse_width_ns: 150 }
///   # or { model: tabulated, prompt_pdf: arrival_prompt, delayed_pdf: arrival_delayed } (keys of files:)
/// </code>
/// Beam energy to protons: 1 GWh = 3.6e12 J, 1 GeV = 1.602176634e-10 J (SI exact elementary charge). Arrival-time
/// models (timing section; optional offset_us shifts all arrival times):
/// <list type="bullet">
/// <item>pulsed-decay: Gaussian proton pulse (pulse_mean_ns, pulse_width_ns) convolved with the pion and muon lifetimes
/// (<see cref="PulsedDecayArrivalTime"/>);</item>
/// <item>tabulated: binned prompt and delayed PDFs (e.g. those of the CsI 2017 release, 0.5 us bins,
/// <see cref="TabulatedArrivalTime"/>), read from the files named by prompt_pdf and delayed_pdf (keys of the definition's
/// files: section, so the paths are stated once).</item>
/// </list>
/// A kind that offers the model as a dataset option passes it to <see cref="FromFacts"/>; the timing section then holds
/// only the parameters.
/// </summary>
public sealed class SnsSource
{
    public const double JoulePerGWh = 3.6e12;
    public const double JoulePerGeV = 1.602176634e-10;

    public required double ProtonsOnTarget { get; init; }

    /// <summary>The exposure as integrated beam energy, when the definition gives it that way.</summary>
    public double? ExposureGWh { get; init; }

    public required double NeutrinosPerProtonPerFlavour { get; init; }
    public required double BaselineM { get; init; }

    /// <summary>Relative prior width of the flux normalisation, when the definition states it.</summary>
    public double? FluxNormSigma { get; init; }

    public required PionDecayAtRestFlux Flux { get; init; }
    public required ArrivalTimeDistribution ArrivalTimes { get; init; }

    public static double ProtonsFromBeamEnergy(double gigawattHours, double protonEnergyGeV)
    {
        if (!(gigawattHours > 0) || double.IsInfinity(gigawattHours))
            throw new ArgumentOutOfRangeException(nameof(gigawattHours), gigawattHours, "beam exposure must be finite and > 0 GWh");
        if (!(protonEnergyGeV > 0.1 && protonEnergyGeV < 100))
            throw new ArgumentOutOfRangeException(nameof(protonEnergyGeV), protonEnergyGeV, "proton energy must lie in (0.1, 100) GeV");
        return gigawattHours * JoulePerGWh / (protonEnergyGeV * JoulePerGeV);
    }

    /// <summary>
    /// Reads the source section; <paramref name="filePath"/> turns a key of the definition's files: section into a full path
    /// (<see cref="DatasetDefinition.FilePath"/>); <paramref name="arrivalModel"/> is the arrival-time model when a dataset
    /// option chooses it.
    /// </summary>
    public static SnsSource FromFacts(Facts source, Func<string, string> filePath, string? arrivalModel = null)
    {
        source.AllowOnly("type", "protons_on_target", "exposure_gwh", "proton_energy_gev", "neutrinos_per_proton_per_flavour",
            "neutrinos_per_proton_total", "baseline_m", "flux_norm_sigma", "timing");
        var type = source.String("type");
        if (type != "pion-decay-at-rest")
            throw source.Error("type", $"expected 'pion-decay-at-rest' for an SNS dataset, found '{type}'");
        double pot;
        double? gwh = null;
        if (source.Has("protons_on_target"))
        {
            if (source.Has("exposure_gwh"))
                throw source.Error("exposure_gwh", "give either protons_on_target or exposure_gwh with proton_energy_gev, not both");
            pot = source.PositiveNumber("protons_on_target");
        }
        else
        {
            gwh = source.PositiveNumber("exposure_gwh");
            pot = ProtonsFromBeamEnergy(gwh.Value, source.PositiveNumber("proton_energy_gev"));
        }
        double perFlavour = (source.Has("neutrinos_per_proton_per_flavour"), source.Has("neutrinos_per_proton_total")) switch
        {
            (true, false) => source.PositiveNumber("neutrinos_per_proton_per_flavour"),
            // Three flavours (prompt nu_mu, delayed nu_e and anti-nu_mu) in equal numbers (docs/physics.md section 7).
            (false, true) => source.PositiveNumber("neutrinos_per_proton_total") / 3.0,
            _ => throw source.Error("neutrinos_per_proton_per_flavour", "give exactly one of neutrinos_per_proton_per_flavour and neutrinos_per_proton_total"),
        };
        if (perFlavour > 1)
            throw source.Error("neutrinos_per_proton_per_flavour", $"expected a value below 1 per flavour, found {perFlavour}");
        double baseline = source.PositiveNumber("baseline_m");
        return new SnsSource
        {
            ProtonsOnTarget = pot,
            ExposureGWh = gwh,
            NeutrinosPerProtonPerFlavour = perFlavour,
            BaselineM = baseline,
            FluxNormSigma = source.Has("flux_norm_sigma") ? source.PositiveNumber("flux_norm_sigma") : null,
            Flux = new PionDecayAtRestFlux(perFlavour, pot, baseline),
            ArrivalTimes = ArrivalTimesFromFacts(source.Section("timing"), filePath, arrivalModel),
        };
    }

    private static ArrivalTimeDistribution ArrivalTimesFromFacts(Facts timing, Func<string, string> filePath, string? model)
    {
        timing.AllowOnly("model", "pulse_mean_ns", "pulse_width_ns", "offset_us", "prompt_pdf", "delayed_pdf");
        if (model is not null && timing.Has("model"))
            throw timing.Error("model", "the arrival-time model is a dataset option here (arrival_times), not a key of the timing section");
        model ??= timing.String("model");
        double offset = timing.OptionalNumber("offset_us", 0);
        return model switch
        {
            "pulsed-decay" => new PulsedDecayArrivalTime(timing.Number("pulse_mean_ns"), timing.PositiveNumber("pulse_width_ns"), offset),
            "tabulated" => TabulatedArrivalTime.FromFiles(filePath(timing.String("prompt_pdf")), filePath(timing.String("delayed_pdf")), offset),
            _ => throw timing.Error("model", $"unknown arrival-time model '{model}' (known: pulsed-decay, tabulated)"),
        };
    }
}
