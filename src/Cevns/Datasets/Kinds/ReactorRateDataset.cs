using System.Globalization;
using Cevns.Data;
using Cevns.Detectors;
using Cevns.Physics;
using Cevns.Sources.Reactor;

namespace Cevns.Datasets.Kinds;

/// <summary>What a rate-only reactor result published: a measured number of CEvNS events (with the collaboration's SM
/// prediction), or an upper limit on the signal strength relative to the SM.</summary>
public abstract record PublishedRate
{
    /// <summary>Measured CEvNS events +- error and the collaboration's SM prediction +- its uncertainty.</summary>
    public sealed record Measurement(double Observed, double ObservedError, double Predicted, double PredictedError) : PublishedRate;

    /// <summary>Upper limit on sigma/sigma_SM at a confidence level (e.g. 4.7 at 90 %).</summary>
    public sealed record UpperLimit(double RatioToStandardModel, double ConfidenceLevel) : PublishedRate;
}

/// <summary>
/// Kind "reactor" with <c>statistic: rate</c> or <c>upper-limit</c> (<see cref="ReactorDataset"/>): a germanium detector
/// at a reactor whose public result is only a total (events or a limit),
/// with no spectrum (CONUS+ 2025, TEXONO 2024; docs/physics.md section 9: "enter through their published totals ... as
/// rate-only terms"). The prediction is our own: CEvNS (and nu-e) above each detector's threshold up to the upper edge
/// of the region of interest, for the stated exposure, with efficiency 1 above threshold; every assumption the facts
/// leave open is written in the definition and repeated in the notes. A definition that lists <c>missing:</c> facts
/// (nuGeN 2025) loads but refuses to predict, naming what is missing.
/// </summary>
public sealed class ReactorRateDataset : IDataset, ILikelihoodProvider
{
    private readonly List<string> _notes;
    private readonly int[] _firstBinOfPart;
    private readonly double[] _shareOfPart;

    public DatasetDefinition Definition { get; }

    /// <summary>Every physics parameter except the radii of elements not in the target (<see cref="ParameterDependence.ReadBySpectrum"/>).</summary>
    public bool Reads(string parameter) => ParameterDependence.ReadBySpectrum(Definition.Target, parameter);

    /// <summary>The data directory the dataset was built from (the likelihood rebuilds it at default options).</summary>
    public string DataDirectory { get; }

    /// <summary>Facts the public sources do not give (non-empty: no prediction and no likelihood).</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Detectors (or one) with their thresholds, keVee, and share of the exposure.</summary>
    public IReadOnlyList<(string Name, double ThresholdKeVee, double Share)> Parts { get; }

    public double RoiUpperKeVee { get; }
    public double ExposureKgDays { get; }
    public PublishedRate? Published { get; }
    public DetectorSignals? Signals { get; }
    public ReactorFlux? Flux { get; }
    public SignalIntegration Grid { get; }

    /// <summary>Bin edges (keVee): the sorted distinct thresholds and the upper edge of the region of interest.</summary>
    public IReadOnlyList<double> EdgesKeVee { get; }

    private ReactorRateDataset(DatasetDefinition def, string dataDirectory, IReadOnlyList<string> missing, IReadOnlyList<(string, double, double)> parts,
        double roiUpper, double exposure, PublishedRate? published, DetectorSignals? signals, ReactorFlux? flux, SignalIntegration grid,
        IReadOnlyList<double> edges, List<string> notes)
    {
        Definition = def;
        DataDirectory = dataDirectory;
        Missing = missing;
        Parts = parts;
        RoiUpperKeVee = roiUpper;
        ExposureKgDays = exposure;
        Published = published;
        Signals = signals;
        Flux = flux;
        Grid = grid;
        EdgesKeVee = edges;
        _notes = notes;
        _firstBinOfPart = parts.Select(p => IndexOfEdge(edges, p.Item2)).ToArray();
        _shareOfPart = parts.Select(p => p.Item3).ToArray();
    }

    private static int IndexOfEdge(IReadOnlyList<double> edges, double x)
    {
        for (int i = 0; i < edges.Count; i++)
            if (Math.Abs(edges[i] - x) < 1e-12) return i;
        return -1;
    }

    public static ReactorRateDataset Create(DatasetDefinition def, string dataDirectory, SignalIntegration? grid)
    {
        var f = def.Facts;
        f.AllowOnly("id", "kind", "statistic", "title", "reference", "target", "supersedes", "data_note", "files", "options", "detector", "exposure",
            "source", "published", "missing", "integration", "known");
        var numbers = FactNumbers.For(def, dataDirectory);
        var settings = grid ?? SignalIntegration.FromFacts(f.OptionalSection("integration"), 1e-5);
        var missing = f.Has("missing") ? f.Strings("missing") : [];
        var notes = new List<string> { "RATE ONLY: no public spectrum; the dataset enters fits through its published total" };
        if (missing.Length > 0)
        {
            notes.Add("NO PREDICTION: missing facts: " + string.Join("; ", missing));
            return new ReactorRateDataset(def, dataDirectory, missing, [], double.NaN, double.NaN, null, null, null, settings, [], notes);
        }
        var detector = f.Section("detector");
        detector.AllowOnly("parts", "threshold_evee", "roi_upper_kevee", "resolution", "quenching", "efficiency", "note");
        var (quenching, quenchingNote) = ReactorDataset.Quenching(def, detector, dataDirectory);
        if (def.Options.Declared.Count > 0) notes.Add($"options: {def.Options.Summary}");
        notes.Add(quenchingNote);

        var parts = new List<(string, double, double)>();
        if (detector.Has("parts"))
        {
            var ps = detector.Section("parts");
            var names = ps.Keys.ToArray();
            foreach (var name in names)
            {
                var p = ps.Section(name);
                p.AllowOnly("threshold_evee", "exposure_share", "note");
                double share = p.Has("exposure_share") ? numbers.PositiveNumber(p, "exposure_share") : 1.0 / names.Length;
                parts.Add((name, numbers.PositiveNumber(p, "threshold_evee", "eVee") * 1e-3, share));
            }
            if (Math.Abs(parts.Sum(p => p.Item3) - 1) > 1e-6)
                throw ps.Error(names[0], "exposure shares must sum to 1");
        }
        else
        {
            parts.Add(("all", numbers.PositiveNumber(detector, "threshold_evee", "eVee") * 1e-3, 1.0));
        }
        double upper = numbers.PositiveNumber(detector, "roi_upper_kevee", "keVee");
        if (parts.Any(p => !(p.Item2 < upper)))
            throw detector.Error("roi_upper_kevee", "every threshold must lie below the upper edge of the region of interest");
        if (DetectorFacts.Resolution(detector.Section("resolution"), numbers) is not GermaniumNoiseFanoResolution resolution)
            throw detector.Error("resolution", "expected the germanium model noise-fano");
        // efficiency: "1 above threshold" (the hard threshold alone), or a named efficiency model in reconstructed keVee
        // (DetectorFacts.Efficiency: a table file, a logistic curve) applied on top of the threshold
        IEfficiency? efficiency = null;
        if (detector.IsSection("efficiency"))
            efficiency = DetectorFacts.Efficiency(detector.Section("efficiency"), def, dataDirectory);
        else if (detector.String("efficiency") != "1 above threshold")
            throw detector.Error("efficiency", "expected '1 above threshold' or a named efficiency model (e.g. { model: table, file: <files: key> })");
        string efficiencyNote = efficiency is null ? "efficiency 1 above threshold"
            : $"efficiency: {detector.Section("efficiency").OptionalString("model") ?? "table"} model declared in the definition, above threshold";

        var exposureFacts = f.Section("exposure");
        exposureFacts.AllowOnly("reactor_on_kg_days", "note");
        double exposure = numbers.PositiveNumber(exposureFacts, "reactor_on_kg_days", "kg d");

        var published = ReadPublished(f.Section("published"), numbers, ReactorDataset.Statistic(def));
        // 1 kg over exposure (kg d) days: counts = rate per kg per day x exposure.
        var flux = ReactorSource.Build(def, dataDirectory, numbers, exposure * 86400.0, notes);
        var edges = parts.Select(p => p.Item2).Distinct().Order().Append(upper).ToArray();
        var signals = DetectorSignals.Build(def.Target, def.Target.UnitsPerKg, flux, quenching,
            resolution, efficiency, edges, settings, def.CrossSectionOptions(), MigdalOption.Choice(def.Options, def.Target, dataDirectory));
        if (signals.Migdal is { } migdal) notes.Add(migdal.Describe());
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"exposure {exposure:G4} kg d split over {string.Join(", ", parts.Select(p => $"{p.Item1} ({p.Item3:P0}, threshold {p.Item2 * 1e3:G4} eVee)"))}; {efficiencyNote}, region of interest up to {upper:G4} keVee"));
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"resolution sigma_n = {resolution.NoiseKeV * 1e3:G3} eVee (assumed), flux {flux.TotalFluxPerCm2PerS:G3} /cm^2/s ({flux.Model.Name})"));
        notes.Add(published switch
        {
            PublishedRate.Measurement m => string.Create(CultureInfo.InvariantCulture,
                $"published: {m.Observed:G4} +- {m.ObservedError:G3} CEvNS events observed, SM prediction {m.Predicted:G4} +- {m.PredictedError:G3}"),
            PublishedRate.UpperLimit u => string.Create(CultureInfo.InvariantCulture,
                $"published: upper limit {u.RatioToStandardModel:G3} x SM at {u.ConfidenceLevel:P0} CL"),
            _ => "published: nothing",
        });
        return new ReactorRateDataset(def, dataDirectory, [], parts, upper, exposure, published, signals, flux, settings, edges, notes);
    }

    /// <summary>The published result the declared statistic needs: events (rate) or a ratio to the SM (upper-limit).</summary>
    private static PublishedRate ReadPublished(Facts p, FactNumbers numbers, string statistic)
    {
        if (statistic == ReactorDataset.UpperLimit)
        {
            p.AllowOnly("upper_limit_ratio_to_sm", "confidence_level", "note");
            double cl = numbers.Number(p, "confidence_level");
            if (!(cl > 0 && cl < 1))
                throw p.Error("confidence_level", "expected a number in (0, 1), e.g. 0.90");
            return new PublishedRate.UpperLimit(numbers.PositiveNumber(p, "upper_limit_ratio_to_sm"), cl);
        }
        p.AllowOnly("observed_events", "observed_error", "predicted_events", "predicted_error", "note");
        return new PublishedRate.Measurement(numbers.PositiveNumber(p, "observed_events", "events"), numbers.PositiveNumber(p, "observed_error", "events"),
            numbers.PositiveNumber(p, "predicted_events", "events"), numbers.PositiveNumber(p, "predicted_error", "events"));
    }

    private DatasetException MissingFacts() =>
        new($"dataset {Definition.Id}: no prediction possible, the public sources lack: {string.Join("; ", Missing)}");

    /// <summary>CEvNS events of the whole exposure (summed over the parts) per species, at a physics point.</summary>
    public Dictionary<NeutrinoSpecies, double> CevnsTotals(PhysicsParameters physics)
    {
        if (Missing.Count > 0) throw MissingFacts();
        return Signals!.Cevns.Predict(physics).ToDictionary(kv => kv.Key, kv => Combine([(1.0, kv.Value)]).Sum());
    }

    /// <summary>
    /// Signal events of the whole exposure per species at a physics point: CEvNS plus nu-e scattering, which a germanium
    /// detector records as well (docs/physics.md sec. 5: rate-only terms included), plus Migdal events when that channel
    /// is on (docs/physics.md sec. 12). Same fast kernels as <see cref="Predict"/>.
    /// </summary>
    public Dictionary<NeutrinoSpecies, double> SignalTotals(PhysicsParameters physics)
    {
        if (Missing.Count > 0) throw MissingFacts();
        var (cevns, es) = Signals!.Predict(physics);
        var totals = cevns.ToDictionary(kv => kv.Key, kv => Combine([(1.0, kv.Value)]).Sum());
        foreach (var (species, bins) in es.Concat(Signals.PredictMigdal(physics)))
            totals[species] = totals.GetValueOrDefault(species) + Combine([(1.0, bins)]).Sum();
        return totals;
    }

    /// <summary>CEvNS events per part (detector) at a physics point, summed over species and scaled.</summary>
    public double[] CevnsPerPart(PhysicsParameters physics, SignalScale scale)
    {
        if (Missing.Count > 0) throw MissingFacts();
        var perBin = Signals!.Cevns.Predict(physics);
        return Combine(perBin.Select(kv => (scale.For(kv.Key), kv.Value)));
    }

    /// <summary>Events per part from per-bin counts of the whole exposure: share x counts above the part's threshold.</summary>
    private double[] Combine(IEnumerable<(double Weight, double[] Bins)> parts)
    {
        var result = new double[Parts.Count];
        foreach (var (w, bins) in parts)
            for (int p = 0; p < Parts.Count; p++)
            {
                double s = 0;
                for (int i = _firstBinOfPart[p]; i < bins.Length; i++) s += bins[i];
                result[p] += w * _shareOfPart[p] * s;
            }
        return result;
    }

    public DatasetPrediction Predict(PhysicsParameters parameters)
    {
        if (Missing.Count > 0) throw MissingFacts();
        var (cevns, es) = Signals!.Predict(parameters);
        var bins = Parts.Select(p => new AnalysisBin([new BinRange($"E ({p.Name})", "keVee", p.ThresholdKeVee, RoiUpperKeVee)])).ToArray();
        return new DatasetPrediction
        {
            DatasetId = Definition.Id,
            Bins = bins,
            InAnalysis = Enumerable.Repeat(true, bins.Length).ToArray(),
            Cevns = cevns.ToDictionary(kv => kv.Key, kv => Combine([(1.0, kv.Value)])),
            ElectronScattering = es.ToDictionary(kv => kv.Key, kv => Combine([(1.0, kv.Value)])),
            Migdal = Signals.PredictMigdal(parameters).ToDictionary(kv => kv.Key, kv => Combine([(1.0, kv.Value)])),
            MigdalByShell = Signals.PredictMigdalByShell(parameters).Select(m => m with { Counts = Combine([(1.0, m.Counts)]) }).ToArray(),
            Backgrounds = new Dictionary<string, double[]>(),
            Observed = null,
            Notes = _notes.ToArray(),
        };
    }

    public IReadOnlyList<string> Notes => _notes;

    public IDatasetLikelihood Likelihood()
    {
        if (Missing.Count > 0) throw MissingFacts();
        return new RateOnlyLikelihood(this);
    }
}
