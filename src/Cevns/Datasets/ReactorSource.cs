using System.Globalization;
using Cevns.Sources.Reactor;
using Cevns.Sources.Spectra;

namespace Cevns.Datasets;

/// <summary>
/// The reactor antineutrino flux of a dataset, from its <c>source:</c> section and its <c>flux_model</c> option:
/// <code>
/// source:
///   type: reactor
///   flux_per_cm2_s: 4.8e13          # total antineutrino flux at the detector (or: thermal_power_gw + baseline_m)
///   baseline_m: 10.39
///   fission_fractions: { U235: 0.58, U238: 0.08, Pu239: 0.29, Pu241: 0.05 }
///   captures_per_fission: 0.6       # 238U(n,gamma) per fission, for spectrum models with a separate capture spectrum
///   energy_per_fission: ma2013      # only when the flux is computed from the thermal power
/// </code>
/// Numbers may refer to the dataset's parameter table ("=name"). The whole spectrum of the chosen model (fissions plus
/// capture antineutrinos where the model has them) is normalised to the total flux (docs/physics.md section 7: "normalised to
/// the experiment's total flux"; cut at 10 MeV), unless the dataset's option flux_normalisation=fission says the stated flux
/// counts the fission antineutrinos only.
/// </summary>
public static class ReactorSource
{
    /// <summary>
    /// Dataset option saying what the stated <c>flux_per_cm2_s</c> counts: <c>total</c> (fission plus 238U-capture
    /// antineutrinos: the whole spectrum of the model is normalised to it) or <c>fission</c> (fission antineutrinos only; the
    /// capture antineutrinos are added on top). A dataset that does not declare the option uses <c>total</c>.
    /// </summary>
    public const string FluxNormalisationOption = "flux_normalisation";

    private static bool FluxCountsFissionsOnly(DatasetDefinition def) =>
        def.Options.Declared.Any(o => o.Name == FluxNormalisationOption) && def.Options.Text(FluxNormalisationOption) == "fission";

    /// <summary>Spectrum models a reactor dataset may offer as its <c>flux_model</c> option (docs/physics.md section 7).</summary>
    public static IReadOnlyList<string> ModelNames { get; } = ["hmve", "efk", "hmk", "bestiole2023", "hm", "ef", "mhve-larizgoitia"];

    /// <summary>
    /// The flux over <paramref name="liveTimeS"/> seconds. <paramref name="notes"/> receives one line per assumption made
    /// (capture spectrum used or not, flux computed from power).
    /// </summary>
    public static ReactorFlux Build(DatasetDefinition def, string dataDirectory, FactNumbers numbers, double liveTimeS, List<string> notes)
    {
        var s = def.Facts.Section("source");
        s.AllowOnly("type", "flux_per_cm2_s", "baseline_m", "thermal_power_gw", "fission_fractions", "captures_per_fission",
            "energy_per_fission", "model", "note");
        if (s.String("type") != "reactor")
            throw s.Error("type", "expected 'reactor'");
        var ff = s.Section("fission_fractions");
        ff.AllowOnly("U235", "U238", "Pu239", "Pu241");
        FissionFractions fractions;
        try
        {
            fractions = new FissionFractions(numbers.Number(ff, "U235"), numbers.Number(ff, "U238"),
                numbers.Number(ff, "Pu239"), numbers.Number(ff, "Pu241"));
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw ff.Error("U235", $"fission fractions must be >= 0 with a positive sum ({e.Message.Split('\n')[0]})");
        }
        if (Math.Abs(fractions.Sum - 1) > 0.01)
            throw s.Error("fission_fractions", $"fractions sum to {fractions.Sum.ToString("G4", CultureInfo.InvariantCulture)}, expected 1 within 0.01");

        double captures = numbers.OptionalNumber(s, "captures_per_fission", 0);
        if (!(captures >= 0 && captures < 5))
            throw s.Error("captures_per_fission", "expected a number in [0, 5)");

        string modelName = s.Has("model") ? s.String("model").ToLowerInvariant() : def.Options.Text("flux_model");
        var model = Model(dataDirectory, modelName, captures > 0, notes);
        double usedCaptures = model.SupportsNeutronCapture ? captures : 0;
        if (captures > 0 && !model.SupportsNeutronCapture)
            notes.Add($"flux model {modelName}: its low-energy spectrum (Kopeikin 2012) already contains the 238U capture antineutrinos; captures_per_fission = {captures} not added again");

        double totalFlux;
        if (s.Has("flux_per_cm2_s"))
        {
            totalFlux = numbers.PositiveNumber(s, "flux_per_cm2_s", "cm^-2 s^-1");
            if (FluxCountsFissionsOnly(def))
            {
                // The stated flux counts the fission antineutrinos only; the capture antineutrinos come on top in the
                // proportion of the model: total = flux x (fission + capture) / fission, per fission.
                if (usedCaptures <= 0)
                    throw new DatasetException($"dataset {def.Id}: option {FluxNormalisationOption}=fission needs a flux model with a separate 238U capture spectrum and captures_per_fission > 0 (flux model {modelName} has none: {(captures > 0 ? "its low-energy spectrum already contains the captures" : "no captures given")})");
                double withCaptures = new ReactorFlux(model, fractions, 1, 1, usedCaptures).NeutrinosPerFission;
                double fissionOnly = new ReactorFlux(model, fractions, 1, 1, 0).NeutrinosPerFission;
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{FluxNormalisationOption}=fission: {totalFlux:G3} /cm^2/s taken as the fission antineutrinos ({fissionOnly:F3} per fission); with {usedCaptures:G3} captures per fission ({withCaptures - fissionOnly:F3} antineutrinos) the total is x {withCaptures / fissionOnly:F4}"));
                totalFlux *= withCaptures / fissionOnly;
            }
        }
        else
        {
            double powerW = numbers.PositiveNumber(s, "thermal_power_gw") * 1e9;
            double baselineM = numbers.PositiveNumber(s, "baseline_m");
            var source = s.String("energy_per_fission");
            double ef = Enum.GetValues<FissionIsotope>().Sum(i => fractions[i] * ReactorSpectrumFiles.EnergyPerFissionMeV(dataDirectory, source, i)) / fractions.Sum;
            double perFission = new ReactorFlux(model, fractions, 1, 1, usedCaptures).NeutrinosPerFission;
            totalFlux = ReactorFlux.TotalFluxFromPower(powerW, baselineM, ef, perFission);
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"flux computed from the thermal power: {powerW / 1e9:G4} GW / {ef:F1} MeV per fission x {perFission:F3} antineutrinos per fission / (4 pi ({baselineM:G4} m)^2) = {totalFlux:G3} /cm^2/s (an assumption, not a published flux)"));
        }
        return new ReactorFlux(model, fractions, totalFlux, liveTimeS, usedCaptures);
    }

    /// <summary>
    /// A spectrum model by name. "hmve" with captures gets the 238U(n,gamma) -> 239U -> 239Np chain of BESTIOLE 2023
    /// (Perisse et al., arXiv:2304.14992, ancillary per-decay spectra: one 239U and one 239Np decay per capture), since
    /// HMVE itself has no capture spectrum.
    /// </summary>
    public static IReactorSpectrumModel Model(string dataDirectory, string name, bool withCaptures, List<string>? notes = null)
    {
        if (!ModelNames.Contains(name))
            throw new DatasetException($"unknown reactor flux model '{name}' (known: {string.Join(", ", ModelNames)})");
        if (name != "hmve" || !withCaptures)
            return ReactorSpectrumModels.Load(dataDirectory, name);
        var hmve = ReactorSpectrumModels.Hmve(dataDirectory);
        var chain = new WeightedSumSpectrum("BESTIOLE 2023 239U + 239Np (per capture)",
        [
            new WeightedSpectrum(1.0, ReactorSpectrumFiles.Bestiole2023U239(dataDirectory)),
            new WeightedSpectrum(1.0, ReactorSpectrumFiles.Bestiole2023Np239(dataDirectory)),
        ]);
        notes?.Add("HMVE has no 238U capture spectrum: the BESTIOLE 2023 239U + 239Np decay spectra (Perisse et al., arXiv:2304.14992) are added");
        return new IsotopeSumModel(hmve.Name + " + BESTIOLE 2023 capture chain",
            Enum.GetValues<FissionIsotope>().ToDictionary(i => i, hmve.Isotope), chain);
    }
}
