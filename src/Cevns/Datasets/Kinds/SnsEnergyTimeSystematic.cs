using Cevns.Data;
using Cevns.Datasets.Sns;
using Cevns.Detectors;
using Cevns.Statistics;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// One nuisance of an <see cref="SnsEnergyTimeDataset"/>, as its definition's <c>systematics:</c> section lists them (the
/// order is the nuisance order; each name is prefixed with the dataset id):
/// <code>
/// ss_norm: { type: norm, background: steady-state, sigma: sample-statistics, range: [0, 5] }  # 1 +- 1/sqrt(N in region)
/// brn_norm: { type: norm, background: BRN, sigma: 0.25 }              # 1 +- sigma, range [0, 20] unless given
/// signal_detector_norm: { type: norm, signal: cevns, sigma: 0.087 }   # a factor on a whole signal channel
/// eta: { type: norm, signal: cevns, sigma_with_flux: 0.103 }            # the stated width contains the flux part (SignalNormSystematic)
/// qf: { type: response, model: quenching, parameter: factor, range_sigmas: 4 }   # templates at parameter +- 1 error
/// efficiency: { type: response, model: efficiency, up: syst+1sigma, down: syst-1sigma }  # two rows of a table model
/// timing_offset_us: { type: timing-offset, sigma_us: 0.2, range_sigmas: 4 }     # shift of the neutrino arrival times
/// brn_energy: { type: template-shape, component: brn_prompt, plus: &lt;files key&gt;, minus: &lt;files key&gt;, range_sigmas: 5 }
/// </code>
/// A response systematic is in standard deviations (0 +- 1, range +-range_sigmas, default 5); its templates are the signal
/// rebuilt with the model variant (<see cref="ModelVariant"/>) and interpolated quadratically
/// (<see cref="SnsBinnedLikelihood"/>). A quenching variant acts on CEvNS; an efficiency variant on CEvNS, nu-e scattering
/// and the backgrounds whose energy projection carries the efficiency. Every background needs one norm systematic.
/// A template-shape systematic (0 +- 1) moves a component between released +-1 sigma templates on the binning
/// (<see cref="SnsTemplateShapes"/>; piecewise-linear, a one-sided one mirrored).
/// </summary>
public sealed record SnsEnergyTimeSystematic(string Name, string Type, string Description, double Sigma, double Lower, double Upper, double RangeSigmas)
{
    public const string Norm = "norm", Response = "response", TimingOffset = "timing-offset", TemplateShape = "template-shape";
    public const string QuenchingModel = "quenching", EfficiencyModel = "efficiency";

    /// <summary>norm: the background it scales; sigma NaN means the statistical error of an in-situ sample.</summary>
    public string? Background { get; init; }

    /// <summary>norm of a signal channel (<see cref="SignalNormSystematic"/>): the channel it scales and whether its sigma
    /// contains the flux part.</summary>
    public string? Signal { get; init; }
    public bool SigmaIncludesFlux { get; init; }

    /// <summary>template-shape: the component (a signal channel or a background) and the files keys of its +1 and -1 sigma
    /// templates (minus null: mirrored).</summary>
    public string? Component { get; init; }
    public string? Plus { get; init; }
    public string? Minus { get; init; }

    /// <summary>response: the model (quenching or efficiency) and its +1 and -1 sigma variants.</summary>
    public string? Model { get; init; }
    public ModelVariant? Up { get; init; }
    public ModelVariant? Down { get; init; }

    /// <summary>Default allowed range of a normalisation nuisance (multiples of the nominal), when no <c>range</c> is given.</summary>
    public const double DefaultNormUpper = 20;
    /// <summary>Default range of a nuisance in standard deviations (response and template-shape), when no <c>range_sigmas</c> is given.</summary>
    public const double DefaultRangeSigmas = 5;

    /// <summary>
    /// The allowed interval of a normalisation nuisance: its <c>range: [lo, hi]</c> (lo >= 0, the central value 1 inside),
    /// else [0, <paramref name="defaultUpper"/>]. Shared by every SNS kind so a range is written the same way everywhere.
    /// </summary>
    internal static (double Lower, double Upper) NormRange(Facts s, double defaultLower = 0, double defaultUpper = DefaultNormUpper)
    {
        if (!s.Has("range")) return (defaultLower, defaultUpper);
        var (lo, hi) = s.Interval("range");
        if (!(lo >= 0) || !(lo < 1 && hi > 1))
            throw s.Error("range", $"expected 0 <= lower < 1 < upper for a normalisation (central value 1), found [{lo}, {hi}]");
        return (lo, hi);
    }

    /// <summary>The range in standard deviations of a unit-Gaussian nuisance: <c>range_sigmas</c>, else the default.</summary>
    internal static double RangeSigmasOf(Facts s, double defaultSigmas = DefaultRangeSigmas) =>
        s.Has("range_sigmas") ? s.PositiveNumber("range_sigmas") : defaultSigmas;

    internal static IReadOnlyList<SnsEnergyTimeSystematic> Read(Facts systematics, IReadOnlyList<string> backgrounds, IReadOnlyList<string>? signals = null)
    {
        signals ??= [SnsEnergyTimeSignals.Cevns, SnsEnergyTimeSignals.ElectronScattering];
        var list = new List<SnsEnergyTimeSystematic>();
        foreach (var name in systematics.Keys)
        {
            var s = systematics.Section(name);
            var type = s.String("type");
            switch (type)
            {
                case Norm when s.Has("signal"):
                {
                    var signal = s.String("signal");
                    if (!signals.Contains(signal))
                        throw s.Error("signal", $"no signal channel '{signal}' (known: {string.Join(", ", signals)})");
                    if (list.Any(x => x.Signal == signal))
                        throw s.Error("signal", $"signal '{signal}' already has a norm systematic");
                    list.Add(SignalNormSystematic.Read(s, name));
                    break;
                }
                case Norm:
                {
                    s.AllowOnly("type", "background", "sigma", "range", "description");
                    var background = s.String("background");
                    if (!backgrounds.Contains(background))
                        throw s.Error("background", $"no background '{background}' (known: {string.Join(", ", backgrounds)})");
                    if (list.Any(x => x.Background == background))
                        throw s.Error("background", $"background '{background}' already has a norm systematic");
                    double sigma = s.Has("sigma") && s.String("sigma") == "sample-statistics" ? double.NaN : s.PositiveNumber("sigma");
                    var (lo, hi) = NormRange(s);
                    list.Add(new(name, type, s.OptionalString("description") ?? $"{background} normalisation", sigma, lo, hi, 0) { Background = background });
                    break;
                }
                case Response:
                {
                    s.AllowOnly("type", "model", "parameter", "up", "down", "range_sigmas", "description");
                    var model = s.String("model");
                    if (model is not (QuenchingModel or EfficiencyModel))
                        throw s.Error("model", $"expected {QuenchingModel} or {EfficiencyModel}, found '{model}'");
                    double range = RangeSigmasOf(s);
                    ModelVariant up, down;
                    string what;
                    if (s.Has("parameter"))
                    {
                        if (s.Has("up") || s.Has("down"))
                            throw s.Error("parameter", "give either parameter or up and down rows, not both");
                        var p = s.String("parameter");
                        (up, down, what) = (ModelVariant.Shift(p, 1), ModelVariant.Shift(p, -1), $"{model} {p}");
                    }
                    else
                        (up, down, what) = (ModelVariant.TableRow(s.String("up")), ModelVariant.TableRow(s.String("down")), $"{model} rows {s.String("up")} / {s.String("down")}");
                    list.Add(new(name, type, s.OptionalString("description") ?? $"{what} (in standard deviations)", 1, -range, range, range)
                        { Model = model, Up = up, Down = down });
                    break;
                }
                case TimingOffset:
                {
                    s.AllowOnly("type", "sigma_us", "range_sigmas", "description");
                    if (list.Any(x => x.Type == TimingOffset))
                        throw s.Error("type", "only one timing-offset systematic is allowed");
                    double sigma = s.PositiveNumber("sigma_us"), range = RangeSigmasOf(s, 4);
                    list.Add(new(name, type, s.OptionalString("description") ?? "shift of the computed neutrino arrival times (us)", sigma, -range * sigma, range * sigma, range));
                    break;
                }
                case TemplateShape:
                {
                    s.AllowOnly("type", "component", "plus", "minus", "range_sigmas", "description");
                    var component = s.String("component");
                    if (!signals.Contains(component) && !backgrounds.Contains(component))
                        throw s.Error("component", $"expected a signal channel or a background ({string.Join(", ", signals.Concat(backgrounds))}), got '{component}'");
                    double range = RangeSigmasOf(s);
                    list.Add(new(name, type, s.OptionalString("description") ?? $"shape systematic of {component} (released +-1 sigma templates)", 1, -range, range, range)
                        { Component = component, Plus = s.String("plus"), Minus = s.OptionalString("minus") });
                    break;
                }
                default:
                    throw s.Error("type", $"unknown systematic type '{type}' (known: {Norm}, {Response}, {TimingOffset}, {TemplateShape})");
            }
        }
        foreach (var b in backgrounds)
            if (!list.Any(x => x.Background == b))
                throw systematics.Error(b, $"background '{b}' needs a norm systematic ({{ type: norm, background: {b}, sigma: ... }})");
        return list;
    }

    /// <summary>The binned Poisson likelihood of the dataset with these systematics as nuisances (docs/physics.md sec. 9).</summary>
    internal static SnsBinnedLikelihood Likelihood(SnsEnergyTimeDataset d)
    {
        string id = d.Definition.Id;
        var systematics = d.Systematics;
        if (d.Migdal is not null)
            throw new DatasetException($"dataset {id}: option migdal=on: the Migdal channel is not part of the {SnsStatistic.BinnedPoisson} statistic here (statistic: {SnsStatistic.OnOffChiSquare} has it)");
        var observed = d.Observed ?? throw new DatasetException($"dataset {id}: no observed counts, so no likelihood ({d.MissingObservationsNote})");
        var nuisances = new List<Nuisance>();
        foreach (var s in systematics)
        {
            var name = $"{id}.{s.Name}";
            nuisances.Add(s.Type switch
            {
                Norm when s.Signal is not null => new Nuisance(name, 1, SignalNormSystematic.DetectorSigma(s, d.Source.FluxNormSigma, id), s.Lower, s.Upper, s.Description),
                Norm => new Nuisance(name, 1, double.IsNaN(s.Sigma) ? SampleSigma(d, s) : s.Sigma, s.Lower, s.Upper, s.Description),
                Response or TemplateShape => new Nuisance(name, 0, 1, s.Lower, s.Upper, s.Description),
                _ => new Nuisance(name, 0, s.Sigma, -d.Timing.MaxOffsetUs, d.Timing.MaxOffsetUs, s.Description),
            });
        }
        var cevnsShapes = new List<(int, BinnedSignal, BinnedSignal)>();
        var esShapes = new List<(int, BinnedSignal, BinnedSignal)>();
        var efficiencyVariants = new List<(int Nuisance, IEfficiency Up, IEfficiency Down)>();
        for (int n = 0; n < systematics.Count; n++)
        {
            var s = systematics[n];
            if (s.Type != Response) continue;
            if (s.Model == QuenchingModel)
                cevnsShapes.Add((n, d.CevnsSignal(d.QuenchingVariant(s.Up!), d.Efficiency), d.CevnsSignal(d.QuenchingVariant(s.Down!), d.Efficiency)));
            else
            {
                var (up, down) = (d.EfficiencyVariant(s.Up!), d.EfficiencyVariant(s.Down!));
                cevnsShapes.Add((n, d.CevnsSignal(d.Quenching, up), d.CevnsSignal(d.Quenching, down)));
                if (d.ElectronScattering is not null) esShapes.Add((n, d.ElectronSignal(up), d.ElectronSignal(down)));
                efficiencyVariants.Add((n, up, down));
            }
        }
        int IndexOf(Func<SnsEnergyTimeSystematic, bool> match) => systematics.Select((s, i) => (s, i)).FirstOrDefault(x => match(x.s), (null!, -1)).i;
        (int, TemplateVariation)[] TemplateShapesOf(string component) =>
            systematics.Select((s, i) => (s, i)).Where(x => x.s.Type == TemplateShape && x.s.Component == component)
                .Select(x => (x.i, d.TemplateShapes[x.s.Name])).ToArray();
        SnsSignalChannel Channel(string name, BinnedSignal nominal, PsdShape? psd, List<(int, BinnedSignal, BinnedSignal)> shapes) => new()
        {
            Name = name, Nominal = nominal, Shapes = shapes, Psd = psd,
            NormNuisance = IndexOf(s => s.Signal == name), BinShapes = TemplateShapesOf(name),
        };
        var channels = new List<SnsSignalChannel> { Channel(SnsEnergyTimeSignals.Cevns, d.Cevns, d.CevnsPsd, cevnsShapes) };
        if (d.ElectronScattering is { } electron)
            channels.Add(Channel(SnsEnergyTimeSignals.ElectronScattering, electron, d.ElectronPsd, esShapes));
        var backgrounds = d.BackgroundTerms.Select(b => new SnsBackgroundTerm
        {
            Name = b.Name,
            Template = b.Template,
            NormNuisance = IndexOf(s => s.Background == b.Name),
            Shapes = (b.WithEfficiency is { } rebuild
                ? efficiencyVariants.Select(v => (v.Nuisance, TemplateVariation.Absolute($"{b.Name}.{systematics[v.Nuisance].Name}",
                    b.Template, rebuild(v.Up), rebuild(v.Down), renormalise: false, TemplateInterpolation.Quadratic))).ToArray()
                : []).Concat(TemplateShapesOf(b.Name)).ToArray(),
        }).ToArray();
        int offset = IndexOf(s => s.Type == TimingOffset);
        return new SnsBinnedLikelihood(d, d.Binning, d.InAnalysis, observed, nuisances, channels, d.Timing, offset, backgrounds);
    }

    /// <summary>Statistical error of an in-situ background sample: 1/sqrt(N) with N its size in the analysis region.</summary>
    private static double SampleSigma(SnsEnergyTimeDataset d, SnsEnergyTimeSystematic s)
    {
        var b = d.BackgroundTerms.Single(x => x.Name == s.Background);
        if (b.Type != SnsEnergyTimeBackground.AntiCoincidence)
            throw new DatasetException($"dataset {d.Definition.Id}: systematics.{s.Name}: sigma sample-statistics needs an {SnsEnergyTimeBackground.AntiCoincidence} background");
        return 1 / Math.Sqrt(Math.Max(1, b.SampleInRegion));
    }
}
