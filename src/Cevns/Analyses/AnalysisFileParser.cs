using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Text;
using Cevns.Data;
using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics.CrossSections;
using Cevns.Physics.FormFactors;
using Cevns.Physics.Nuclei;
using Cevns.Physics;

namespace Cevns.Analyses;

/// <summary>
/// Reads an analysis file with the line-aware <see cref="Facts"/> accessor and checks everything that can be checked
/// without data: unknown keys (typos), references between sections, parameter names and ranges, scan grids. Every
/// error is one line "file:line: key.path: what is wrong". Whether the datasets exist in this build is checked by
/// <see cref="AnalysisDatasets"/> before anything is computed.
/// </summary>
public static partial class AnalysisFileParser
{
    public const string CombinedFitLabel = "combined";

    private const int MaxPointsPerAxis = 1001;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._+-]*$")]
    private static partial Regex LabelPattern();

    /// <summary>Reads and parses a file; a missing file is reported by name.</summary>
    public static AnalysisFile Load(string path)
    {
        if (!File.Exists(path))
            throw new AnalysisFileException($"analysis file '{path}' not found");
        return Parse(path, Path.GetFileNameWithoutExtension(path), File.ReadAllText(path));
    }

    /// <param name="origin">Shown in messages and the report: the path, or the preset's resource path.</param>
    /// <param name="name">Short name of the analysis (default report folder).</param>
    public static AnalysisFile Parse(string origin, string name, string text)
    {
        YamlSyntax.Check(origin, text);
        try
        {
            return ParseFacts(origin, name, text, Facts.Load(origin, text));
        }
        catch (DefinitionFileException e)
        {
            throw new AnalysisFileException(e.Message);
        }
    }

    private static AnalysisFile ParseFacts(string origin, string name, string text, Facts f)
    {
        f.AllowOnly("title", "description", "charge_radius_q_dependent", "datasets", "fits", "combined", "free", "fixed", "ties", "priors", "scans", "tables", "figures", "fit");

        var datasets = ParseDatasets(f);
        var fits = ParseFits(f, datasets);
        var ids = datasets.Select(d => d.Id).Distinct().ToArray();

        var free = new List<FreeParameter>();
        if (f.OptionalSection("free") is { } fr)
            foreach (var p in fr.Keys)
            {
                CheckName(fr, p, ids);
                free.Add(ParseFree(fr, p));
            }

        var fixedValues = new Dictionary<string, double>(StringComparer.Ordinal);
        if (f.OptionalSection("fixed") is { } fx)
            foreach (var p in fx.Keys)
            {
                CheckName(fx, p, ids);
                if (free.Any(q => q.Name == p))
                    throw fx.Error(p, "is both free and fixed");
                double v = fx.Number(p);
                if (AnalysisParameterNames.Definition(p) is { } d && (v < d.Min || v > d.Max))
                    throw fx.Error(p, $"value {G(v)} is outside the allowed range [{G(d.Min)}, {G(d.Max)}]{UnitText(d.Unit)}");
                fixedValues[p] = v;
            }

        var ties = ParseTies(f, free, fixedValues, ids);

        var priors = new List<ParameterPrior>();
        if (f.OptionalSection("priors") is { } pr)
            foreach (var p in pr.Keys)
            {
                if (free.All(x => x.Name != p) && AnalysisParameterNames.NuisanceDataset(p, ids) is null)
                    throw pr.Error(p, "a prior needs a free parameter: list it under 'free' first");
                var s = pr.Section(p);
                s.AllowOnly("mean", "sigma", "source");
                priors.Add(new ParameterPrior(p, s.Number("mean"), s.PositiveNumber("sigma"), s.String("source")));
            }

        var scans = ParseScans(f, free, fits, Cevns.Fitting.ParameterTies.Resolve(ties));
        var tables = ParseTables(f);
        var figures = ParseFigures(f, datasets);

        int randomStarts = 0;
        if (f.OptionalSection("fit") is { } fo)
        {
            fo.AllowOnly("random_starts");
            randomStarts = Count(fo, "random_starts", 0, 100);
        }

        string? combined = f.OptionalString("combined");
        if (combined is not null && fits.All(x => x.Label != combined))
            throw f.Error("combined", $"unknown fit '{combined}' (fits of this analysis: {string.Join(", ", fits.Select(x => x.Label))})");

        return new AnalysisFile
        {
            Name = name,
            Origin = origin,
            Title = f.String("title"),
            Description = f.OptionalString("description")?.Trim(),
            Text = text,
            Sha256 = Hash(text),
            Datasets = datasets,
            Fits = fits,
            Combined = combined,
            Free = free,
            Fixed = fixedValues,
            Priors = priors,
            Ties = ties,
            Scans = scans,
            Tables = tables,
            Figures = figures,
            RandomStarts = randomStarts,
            ChargeRadiusQDependent = f.Bool("charge_radius_q_dependent", false),
        };
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static List<AnalysisDataset> ParseDatasets(Facts f)
    {
        var section = f.Section("datasets");
        var list = new List<AnalysisDataset>();
        foreach (var label in section.Keys)
        {
            CheckLabel(section, label);
            var s = section.Section(label);
            s.AllowOnly("id", "options", "optional");
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            if (s.OptionalSection("options") is { } o)
                foreach (var k in o.Keys) options[k] = o.String(k);
            list.Add(new AnalysisDataset(label, s.OptionalString("id") ?? label, options, s.Bool("optional", false)) { Source = s });
        }
        if (list.Count == 0)
            throw f.Error("datasets", "no datasets: give at least one, e.g. 'coherent-csi-2021: {}'");
        return list;
    }

    private static List<AnalysisFit> ParseFits(Facts f, List<AnalysisDataset> datasets)
    {
        var labels = datasets.Select(d => d.Label).ToArray();
        if (f.OptionalSection("fits") is not { } section)
            return [new AnalysisFit(datasets.Count == 1 ? datasets[0].Label : CombinedFitLabel, labels) { Source = (f, "datasets") }];
        var fits = new List<AnalysisFit>();
        foreach (var label in section.Keys)
        {
            CheckLabel(section, label);
            var members = section.Strings(label);
            if (members.Length == 0)
                throw section.Error(label, "a fit needs at least one dataset");
            foreach (var m in members)
                if (!labels.Contains(m))
                    throw section.Error(label, $"unknown dataset '{m}' (datasets of this analysis: {string.Join(", ", labels)})");
            if (members.Distinct().Count() != members.Length)
                throw section.Error(label, "lists a dataset twice");
            var twice = members.Select(m => datasets.First(d => d.Label == m).Id).GroupBy(id => id).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null)
                throw section.Error(label, $"uses dataset {twice.Key} twice (under two labels); its data would be counted twice");
            fits.Add(new AnalysisFit(label, members) { Source = (section, label) });
        }
        if (fits.Count == 0)
            throw f.Error("fits", "no fits: give at least one, e.g. 'combined: [csi, ar]'");
        return fits;
    }

    /// <summary>Free and fixed parameters are physics parameters or signal scales; nuisances are always profiled.</summary>
    private static void CheckName(Facts s, string name, string[] datasetIds)
    {
        if (AnalysisParameterNames.Definition(name) is not null) return;
        if (AnalysisParameterNames.NuisanceDataset(name, datasetIds) is not null)
            throw s.Error(name, "is a nuisance: nuisances are always profiled (they can have a prior, not be freed or fixed)");
        throw s.Error(name, "unknown parameter (physics parameters: see 'cevns parameters'; signal scales: "
                            + $"{string.Join(", ", AnalysisParameterNames.SignalScales)})");
    }

    /// <summary>
    /// Key ties: target: "expression" (<see cref="Cevns.Fitting.ParameterTie"/>), checked as the fit layer checks --tie
    /// (names, cycles, a target neither free nor fixed, derived values inside the allowed ranges).
    /// </summary>
    private static List<Cevns.Fitting.ParameterTie> ParseTies(Facts f, List<FreeParameter> free, Dictionary<string, double> fixedValues, string[] ids)
    {
        var ties = new List<Cevns.Fitting.ParameterTie>();
        if (f.OptionalSection("ties") is not { } section) return ties;
        foreach (var target in section.Keys)
        {
            Cevns.Fitting.ParameterTie? tie = null;
            try
            {
                tie = Cevns.Fitting.ParameterTie.Parse(target, section.String(target), "tie");
                _ = Cevns.Fitting.ParameterTies.Resolve([tie]);
                ties.Add(tie);
            }
            catch (Cevns.Fitting.FitSetupException e)
            {
                string prefix = tie is null ? "tie: " : $"tie '{tie}': ";
                throw section.Error(target, e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message);
            }
        }
        var spec = new Cevns.Fitting.FitSpecification
        {
            Free = free.Select(p => p.Name).ToArray(),
            Fixed = fixedValues.Select(kv => new Cevns.Fitting.FixedValue(kv.Key, kv.Value)).ToArray(),
            Ranges = free.Where(p => p.Lower is not null).Select(p => new Cevns.Fitting.RangeOverride(p.Name, p.Lower!.Value, p.Upper!.Value)).ToArray(),
            Ties = ties,
        };
        try
        {
            spec.Validate(ids);
        }
        catch (Cevns.Fitting.FitSetupException e)
        {
            // The first tie the message names, else the section.
            var key = ties.FirstOrDefault(t => e.Message.Contains($"'{t.Target}'", StringComparison.Ordinal))?.Target;
            throw key is null ? f.Error("ties", e.Message) : section.Error(key, e.Message.Replace("--tie ", "", StringComparison.Ordinal));
        }
        return ties;
    }

    private static FreeParameter ParseFree(Facts section, string name)
    {
        var s = section.Section(name);
        s.AllowOnly("range");
        if (!s.Has("range")) return new FreeParameter(name, null, null);
        var (lo, hi) = Range(s, "range");
        var d = AnalysisParameterNames.Definition(name)!.Value;
        if (lo < d.Min || hi > d.Max)
            throw s.Error("range", $"[{G(lo)}, {G(hi)}] exceeds the allowed range [{G(d.Min)}, {G(d.Max)}]{UnitText(d.Unit)}");
        return new FreeParameter(name, lo, hi);
    }

    /// <summary>The effective fit range of a free parameter: its own range, else the fit layer's default (<see cref="Cevns.Fitting.FitRanges"/>).</summary>
    public static (double Lower, double Upper) FitRange(FreeParameter p)
    {
        var d = AnalysisParameterNames.Definition(p.Name);
        return (p.Lower ?? d?.FitMin ?? double.NegativeInfinity, p.Upper ?? d?.FitMax ?? double.PositiveInfinity);
    }

    private static List<ScanSpec> ParseScans(Facts f, List<FreeParameter> free, List<AnalysisFit> fits, Cevns.Fitting.ParameterTies ties)
    {
        var scans = new List<ScanSpec>();
        if (f.OptionalSection("scans") is not { } section) return scans;
        var fitLabels = fits.Select(x => x.Label).ToArray();
        foreach (var label in section.Keys)
        {
            CheckLabel(section, label);
            var s = section.Section(label);
            s.AllowOnly("x", "y", "fits");
            var x = ParseAxis(s, "x", free, ties);
            var y = s.Has("y") ? ParseAxis(s, "y", free, ties) : null;
            if (y is not null && y.Name == x.Name)
                throw s.Error("y", $"scans {x.Name} on both axes");
            string[] scanFits = fitLabels;
            if (s.Has("fits"))
            {
                scanFits = s.Strings("fits");
                foreach (var fl in scanFits)
                    if (!fitLabels.Contains(fl))
                        throw s.Error("fits", $"unknown fit '{fl}' (fits of this analysis: {string.Join(", ", fitLabels)})");
                if (scanFits.Length == 0) throw s.Error("fits", "needs at least one fit");
            }
            scans.Add(new ScanSpec(label, x, y, scanFits));
        }
        return scans;
    }

    private static ScanAxis ParseAxis(Facts scan, string key, List<FreeParameter> free, Cevns.Fitting.ParameterTies ties)
    {
        var a = scan.Section(key);
        a.AllowOnly("parameter", "range", "points", "scale");
        var name = a.String("parameter");
        var p = free.FirstOrDefault(q => q.Name == name)
                ?? throw a.Error("parameter", $"'{name}' is not a free parameter of this analysis (list it under 'free')");
        var (lo, hi) = Range(a, "range");
        var (min, max) = FitRange(p);
        if (lo < min || hi > max)
            throw a.Error("range", $"[{G(lo)}, {G(hi)}] exceeds the fit range of {name}, [{G(min)}, {G(max)}]");
        var (tlo, thi) = ties.AllowedRootRange(name);
        if (lo < tlo || hi > thi)
            throw a.Error("range", $"[{G(lo)}, {G(hi)}] takes a parameter tied to {name} outside its allowed range; {name} must stay within [{G(tlo)}, {G(thi)}]");
        int points = Count(a, "points", 2, MaxPointsPerAxis);
        var scale = AxisScale.Linear;
        if (a.OptionalString("scale") is { } sc)
        {
            scale = sc switch
            {
                "linear" => AxisScale.Linear,
                "log" => AxisScale.Log,
                _ => throw a.Error("scale", $"unknown scale '{sc}' (allowed: linear, log)"),
            };
            if (scale == AxisScale.Log && !(lo > 0))
                throw a.Error("range", "a log scale needs a range above 0");
        }
        return new ScanAxis(name, lo, hi, points, scale);
    }

    private static List<ReportTable> ParseTables(Facts f)
    {
        var list = new List<ReportTable>();
        if (!f.Has("tables")) return [ReportTable.Chi2ByDataset];
        foreach (var t in f.Strings("tables"))
        {
            ReportTable table = t switch
            {
                "chi2_by_dataset" => ReportTable.Chi2ByDataset,
                "nuisances" => ReportTable.Nuisances,
                "events" => ReportTable.Events,
                _ => throw f.Error("tables", $"unknown table '{t}' (allowed: chi2_by_dataset, nuisances, events; best fits and intervals are always shown)"),
            };
            if (!list.Contains(table)) list.Add(table);
        }
        return list;
    }

    private static FigureOptions ParseFigures(Facts f, List<AnalysisDataset> datasets)
    {
        if (f.OptionalSection("figures") is not { } s) return new FigureOptions();
        s.AllowOnly("formats", "profiles", "contours", "spectra", "form_factors", "cross_sections", "sin2_running", "migdal_shells");
        var formats = new List<FigureFormat>();
        if (s.Has("formats"))
        {
            foreach (var t in s.Strings("formats"))
                formats.Add(t switch
                {
                    "pdf" => FigureFormat.Pdf,
                    "svg" => FigureFormat.Svg,
                    "png" => FigureFormat.Png,
                    _ => throw s.Error("formats", $"unknown format '{t}' (allowed: pdf, svg, png)"),
                });
            if (formats.Count == 0) throw s.Error("formats", "needs at least one format");
        }
        var spectra = s.Has("spectra") ? s.Strings("spectra") : [];
        foreach (var label in spectra)
            if (datasets.All(d => d.Label != label))
                throw s.Error("spectra", $"unknown dataset '{label}' (datasets of this analysis: {string.Join(", ", datasets.Select(d => d.Label))})");

        var migdalShells = s.Has("migdal_shells") ? s.Strings("migdal_shells") : [];
        foreach (var label in migdalShells)
        {
            var d = datasets.FirstOrDefault(x => x.Label == label)
                    ?? throw s.Error("migdal_shells", $"unknown dataset '{label}' (datasets of this analysis: {string.Join(", ", datasets.Select(x => x.Label))})");
            if (!d.Options.TryGetValue(Datasets.MigdalOption.Name, out var on) || on != "on")
                throw s.Error("migdal_shells", $"dataset '{label}' needs options: {{ migdal: \"on\" }}");
        }

        FormFactorFigureSpec? ff = null;
        if (s.OptionalSection("form_factors") is { } fs)
        {
            fs.AllowOnly("elements", "models", "q_max_per_fm");
            var known = NuclearCatalog.ElementDefaults.Select(e => e.Element).ToArray();
            var elements = fs.Strings("elements");
            foreach (var e in elements)
                if (!known.Contains(e))
                    throw fs.Error("elements", $"unknown element '{e}' (known: {string.Join(", ", known)})");
            var models = fs.Has("models") ? fs.Strings("models").Select(m => Model(fs, "models", m)).ToArray() : [FormFactorModel.Helm];
            ff = new FormFactorFigureSpec(elements, models, fs.Has("q_max_per_fm") ? fs.PositiveNumber("q_max_per_fm") : 1.0);
        }

        var xs = new List<CrossSectionFigureSpec>();
        if (s.OptionalSection("cross_sections") is { } cs)
            foreach (var label in cs.Keys)
            {
                CheckLabel(cs, label);
                xs.Add(ParseCrossSection(cs.Section(label), label));
            }

        return new FigureOptions
        {
            Formats = formats.Count > 0 ? formats.Distinct().ToArray() : new FigureOptions().Formats,
            Profiles = s.Bool("profiles", true),
            Contours = s.Bool("contours", true),
            Spectra = spectra,
            MigdalShells = migdalShells,
            FormFactors = ff,
            CrossSections = xs,
            Sin2Running = s.Bool("sin2_running", false),
        };
    }

    private static CrossSectionFigureSpec ParseCrossSection(Facts c, string label)
    {
        c.AllowOnly("target", "channel", "flavors", "enu_mev", "recoil_kev", "form_factor");
        var targetName = c.String("target");
        _ = NuclearCatalog.FindTarget(targetName)
            ?? throw c.Error("target", $"unknown target '{targetName}' (known: {string.Join(", ", NuclearCatalog.TargetNames)})");
        var channel = c.OptionalString("channel") switch
        {
            null or "cevns" => ScatteringChannel.Cevns,
            "es" => ScatteringChannel.ElectronScattering,
            var other => throw c.Error("channel", $"unknown channel '{other}' (allowed: cevns, es)"),
        };
        var species = c.Strings("flavors").Select(t => NeutrinoSpeciesExtensions.TryParse(t, out var sp) ? sp
            : throw c.Error("flavors", $"unknown flavour '{t}' (allowed: {string.Join(", ", Enum.GetValues<NeutrinoSpecies>().Select(x => x.Name()))})")).ToArray();
        if (species.Length == 0) throw c.Error("flavors", "needs at least one flavour");
        var energies = c.Numbers("enu_mev");
        if (energies.Length == 0 || energies.Any(e => !(e > 0)))
            throw c.Error("enu_mev", "expected a list of neutrino energies > 0 MeV");
        var (lo, hi) = Range(c, "recoil_kev");
        if (!(lo > 0)) throw c.Error("recoil_kev", "the recoil range must start above 0 keV (log axis)");
        var model = c.OptionalString("form_factor") is { } m ? Model(c, "form_factor", m) : FormFactorModel.Helm;
        return new CrossSectionFigureSpec(label, targetName, channel, species, energies, lo, hi, model);
    }

    private static FormFactorModel Model(Facts s, string key, string name) =>
        FormFactorFactory.TryParse(name, out var m) ? m : throw s.Error(key, $"unknown form factor model '{name}' (allowed: helm, sf, kn)");

    private static (double Lo, double Hi) Range(Facts s, string key)
    {
        var r = s.Numbers(key);
        if (r.Length != 2 || !(r[1] > r[0]))
            throw s.Error(key, "expected [low, high] with low < high");
        return (r[0], r[1]);
    }

    private static int Count(Facts s, string key, int min, int max)
    {
        double v = s.Number(key);
        if (v != Math.Floor(v) || v < min || v > max)
            throw s.Error(key, $"expected a whole number from {min} to {max}, got {G(v)}");
        return (int)v;
    }

    private static void CheckLabel(Facts s, string label)
    {
        if (!LabelPattern().IsMatch(label))
            throw s.Error(label, "a label may use letters, digits and . _ + - (it names report files)");
    }

    private static string UnitText(string unit) => unit.Length > 0 ? " " + unit : "";

    private static string G(double x) =>
        double.IsInfinity(x) ? (x > 0 ? "inf" : "-inf") : x.ToString("G6", CultureInfo.InvariantCulture);
}
