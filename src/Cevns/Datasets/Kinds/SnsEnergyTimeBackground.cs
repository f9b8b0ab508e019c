using Cevns.Data;
using Cevns.Datasets.Sns;
using Cevns.Detectors;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// A background of an <see cref="SnsEnergyTimeDataset"/> per (energy, time) bin, by type:
/// <code>
/// steady-state: { type: anti-coincidence, file: &lt;files key&gt;, format: binned | events }
///     # in-situ sample of the same exposure and cuts; time shape from the option steady_state_shape (SteadyStateTemplate)
/// brn: { type: energy-x-time, note: ...,
///        energy: { file: &lt;files key&gt;, scale: per-gwh | fraction-of-file | counts, efficiency: true | false },
///        time: { file: &lt;files key&gt;, scale: pdf | counts, timing_efficiency: true | false } }
///     # outer product of an energy projection and a time projection, each a fine histogram of bin centres
/// brn_prompt: { type: template, label: prompt BRN, file: &lt;files key&gt; }
///     # a released template on the binning itself (one row per bin with its centres, also over a PSD axis), as released
/// steady-state (beam-off): { type: beam-off }   # beam-OFF counts of on-off observations, flat in time (BeamOffBackground)
/// </code>
/// energy scale per-gwh: counts per GWh, times the source's exposure in GWh; fraction-of-file: the projection divided by
/// its sum over the whole file (the time projection then carries the counts); counts: as given. efficiency: true
/// multiplies the energy projection by the detector's energy efficiency at each fine bin (so efficiency shape systematics
/// act on this background too). time scale pdf: must sum to 1; timing_efficiency: true weights the time projection with
/// the detector's timing efficiency. The first two types need a binning without a PSD axis; label (any type) names the
/// background in the prediction (default: its key).
/// </summary>
public sealed class SnsEnergyTimeBackground
{
    public const string AntiCoincidence = "anti-coincidence", EnergyTimeProjections = "energy-x-time", BinnedTemplate = "template";

    public required string Name { get; init; }

    /// <summary>Name shown in predictions (the definition's label, else the key).</summary>
    public required string Label { get; init; }
    public required string Type { get; init; }
    public required double[] Template { get; init; }
    public required string Note { get; init; }

    /// <summary>Size of the in-situ sample in the analysis region (anti-coincidence type; its statistical error is 1/sqrt(N)).</summary>
    public double SampleInRegion { get; init; }

    /// <summary>The template with another energy efficiency (null when the energy efficiency does not act on it).</summary>
    public Func<IEfficiency, double[]>? WithEfficiency { get; init; }

    /// <summary>The background of one <c>backgrounds:</c> entry; null for a beam-off background without beam-ON/OFF counts.</summary>
    internal static SnsEnergyTimeBackground? Read(Facts b, string name, SnsEnergyTimeDataset d, Func<Facts, double[]> readCounts)
    {
        var type = b.String("type");
        if (type is AntiCoincidence or EnergyTimeProjections && d.Binning.Psd is not null)
            throw b.Error("type", $"type {type} gives no {d.Binning.Psd.Name} shape: give a template on the binning (type: {BinnedTemplate})");
        switch (type)
        {
            case BinnedTemplate:
            {
                b.AllowOnly("type", "label", "file");
                var file = b.String("file");
                return new SnsEnergyTimeBackground
                {
                    Name = name, Type = type, Label = b.OptionalString("label") ?? name,
                    Template = d.ReadBinned(d.Definition.FilePath(d.DataDirectory, file)),
                    Note = $"{name}: released template ({file}) at its released normalisation",
                };
            }
            case AntiCoincidence:
            {
                b.AllowOnly("type", "file", "format");
                var sample = readCounts(b);
                var shape = d.Definition.Options.Text("steady_state_shape");
                double inRegion = Enumerable.Range(0, sample.Length).Where(i => d.InAnalysis[i]).Sum(i => sample[i]);
                Func<double, double>? timing = d.TimingEfficiency is null ? null : d.TimingEfficiency.Value;
                return new SnsEnergyTimeBackground
                {
                    Name = name, Label = name, Type = type, SampleInRegion = inRegion,
                    Template = b.Checked("type", () => SteadyStateTemplate.Build(d.Binning, sample, shape, timing)),
                    Note = $"{name}: anti-coincidence sample ({inRegion:G6} in the analysis region), time shape {shape}",
                };
            }
            case EnergyTimeProjections:
                return Projections(b, name, d);
            case BeamOffBackground.Type:
                return BeamOffBackground.Read(b, name, d);
            default:
                throw b.Error("type", $"unknown background type '{type}' (known: {AntiCoincidence}, {EnergyTimeProjections}, {BinnedTemplate}, {BeamOffBackground.Type})");
        }
    }

    private static SnsEnergyTimeBackground Projections(Facts b, string name, SnsEnergyTimeDataset d)
    {
        b.AllowOnly("type", "energy", "time", "note");
        var e = b.Section("energy");
        e.AllowOnly("file", "scale", "efficiency");
        var t = b.Section("time");
        t.AllowOnly("file", "scale", "timing_efficiency");
        var energyPath = d.Definition.FilePath(d.DataDirectory, e.String("file"));
        var timePath = d.Definition.FilePath(d.DataDirectory, t.String("file"));
        var energy = FineHistogram.ReadCentres(energyPath, $"{name} energy ({d.Binning.EnergyUnit})");
        var time = FineHistogram.ReadCentres(timePath, $"{name} time (us)");

        bool applyEfficiency = e.Bool("efficiency", false);
        var energyScale = e.String("scale");
        Func<IEfficiency, double[]> energyProjection = energyScale switch
        {
            "per-gwh" => PerGWh(e, d, energy),
            "fraction-of-file" => FractionOfFile(energyPath, name, d, energy),
            "counts" => eff => energy.Rebin(d.Binning.EnergyEdges),
            var other => throw e.Error("scale", $"unknown energy scale '{other}' (known: per-gwh, fraction-of-file, counts)"),
        };
        if (applyEfficiency && energyScale == "counts")
            energyProjection = eff => energy.Weighted(eff.Value).Rebin(d.Binning.EnergyEdges);

        if (t.Bool("timing_efficiency", false))
        {
            var te = d.TimingEfficiency ?? throw t.Error("timing_efficiency", "the detector section has no timing_efficiency");
            time = time.Weighted(te.Value);
        }
        switch (t.String("scale"))
        {
            case "pdf":
                double sum = time.Sum;
                if (Math.Abs(sum - 1) > 1e-3)
                    throw DataFileException.In(timePath, $"time PDF must sum to 1 (found {sum:G6})");
                break;
            case "counts":
                break;
            case var other:
                throw t.Error("scale", $"unknown time scale '{other}' (known: pdf, counts)");
        }
        var timeBins = time.Rebin(d.Binning.TimeEdgesUs);
        double[] Template(IEfficiency eff) => d.Binning.Outer(energyProjection(eff), timeBins);
        return new SnsEnergyTimeBackground
        {
            Name = name, Label = name, Type = EnergyTimeProjections,
            Template = Template(d.Efficiency),
            WithEfficiency = applyEfficiency ? Template : null,
            Note = b.OptionalString("note") is { } note ? $"{name}: {note}" : $"{name}: energy x time projections",
        };

        Func<IEfficiency, double[]> PerGWh(Facts f, SnsEnergyTimeDataset ds, FineHistogram h)
        {
            double gwh = ds.Source.ExposureGWh
                         ?? throw f.Error("scale", "the spectrum is given per GWh: state the source exposure in GWh (source.exposure_gwh)");
            return applyEfficiency
                ? eff => h.Weighted(eff.Value).Scaled(gwh).Rebin(ds.Binning.EnergyEdges)
                : _ => h.Scaled(gwh).Rebin(ds.Binning.EnergyEdges);
        }

        Func<IEfficiency, double[]> FractionOfFile(string path, string what, SnsEnergyTimeDataset ds, FineHistogram h)
        {
            double total = h.Sum;
            if (!(total > 0))
                throw DataFileException.In(path, $"{what} energy projection sums to zero");
            return applyEfficiency
                ? eff => h.Weighted(eff.Value).Rebin(ds.Binning.EnergyEdges).Select(v => v / total).ToArray()
                : _ => h.Rebin(ds.Binning.EnergyEdges).Select(v => v / total).ToArray();
        }
    }
}
