using System.Globalization;
using System.Text.RegularExpressions;
using Cevns.Data;
using Cevns.Datasets;
using Cevns.Fitting;

namespace Cevns.Analyses.Validation;

/// <summary>
/// Reads a validation file (Analyses/Validation/published.yaml) with the line-aware <see cref="Facts"/> accessor of the
/// dataset definitions and analysis files, and checks everything that can be checked without data: unknown keys, the
/// published value's form, dataset ids and their options, parameter names and ranges, and that what is computed
/// matches what was published (a value is compared with a value, a limit with a limit at the paper's CL and dof).
/// Every error is one line "file:line: key.path: what is wrong" (<see cref="AnalysisFileException"/>).
/// </summary>
public static partial class ValidationFileParser
{
    [GeneratedRegex("^[a-z0-9][a-z0-9.+-]*$")]
    private static partial Regex IdPattern();

    public static IReadOnlyList<ValidationEntry> Parse(string origin, string text)
    {
        YamlSyntax.Check(origin, text);
        try
        {
            var f = Facts.Load(origin, text);
            f.AllowOnly("entries");
            var section = f.Section("entries");
            var entries = new List<ValidationEntry>();
            foreach (var id in section.Keys)
            {
                if (!IdPattern().IsMatch(id))
                    throw section.Error(id, "an entry id may use lower-case letters, digits and . + - (it is used by --only)");
                entries.Add(ParseEntry(section, id));
            }
            if (entries.Count == 0)
                throw f.Error("entries", "no entries");
            foreach (var v in entries.Where(x => x.VariantOf is not null))
            {
                var of = entries.FirstOrDefault(x => x.Id == v.VariantOf);
                if (of is null || of.VariantOf is not null || of.Id == v.Id)
                    throw section.Section(v.Id).Error("variant_of", $"'{v.VariantOf}' is not another entry that is itself no variant");
                if (!SamePublished(of.Published, v.Published))
                    throw section.Section(v.Id).Error("variant_of", $"a variant compares with the same published number as {of.Id}");
            }
            return entries;
        }
        catch (DefinitionFileException e)
        {
            throw new AnalysisFileException(e.Message);
        }
    }

    private static ValidationEntry ParseEntry(Facts entries, string id)
    {
        var e = entries.Section(id);
        e.AllowOnly("quantity", "reference", "setup", "published", "compute", "not_reproducible", "fast", "variant_of", "known");
        var published = ParsePublished(e.Section("published"));
        var notReproducible = e.OptionalString("not_reproducible")?.Trim();
        ComputeSpec? compute = null;
        if (e.Has("compute"))
        {
            if (notReproducible is not null)
                throw e.Error("compute", "an entry is either computed or 'not_reproducible', not both");
            compute = ParseCompute(e.Section("compute"), published);
        }
        else if (notReproducible is null)
            throw e.Error("published", "give 'compute' (what to recompute) or 'not_reproducible' (why it cannot be)");
        return new ValidationEntry
        {
            Id = id,
            Quantity = e.String("quantity").Trim(),
            Reference = e.String("reference").Trim(),
            Setup = e.String("setup").Trim(),
            Published = published,
            Compute = compute,
            NotReproducible = notReproducible,
            Fast = e.Bool("fast", false),
            VariantOf = e.OptionalString("variant_of")?.Trim(),
            Known = e.OptionalString("known")?.Trim(),
            Line = LineOf(entries, id),
        };
    }

    private static bool SamePublished(PublishedValue a, PublishedValue b) =>
        a.Kind == b.Kind && a.Central.Equals(b.Central) && a.ErrorMinus == b.ErrorMinus && a.ErrorPlus == b.ErrorPlus
        && a.Lower.Equals(b.Lower) && a.Upper.Equals(b.Upper);

    /// <summary>The line of a key, read back from the accessor's own error message ("file:line: ...").</summary>
    private static int LineOf(Facts section, string key)
    {
        var m = Regex.Match(section.Error(key, "").Message, @":(\d+): ");
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private static PublishedValue ParsePublished(Facts p)
    {
        p.AllowOnly("value", "error", "error_minus", "error_plus", "upper_limit", "interval", "below", "cl", "dof", "unit", "text");
        var forms = new[] { "value", "upper_limit", "interval", "below" }.Where(p.Has).ToArray();
        if (forms.Length != 1)
            throw p.Error(forms.Length == 0 ? "value" : forms[1],
                "give exactly one of value (with error or error_minus/error_plus), upper_limit, interval, below");
        string unit = p.OptionalString("unit") ?? "";
        string? text = p.OptionalString("text");
        switch (forms[0])
        {
            case "value":
            {
                NoKeys(p, "value", "cl", "dof");
                double? minus = null, plus = null;
                if (p.Has("error"))
                {
                    if (p.Has("error_minus") || p.Has("error_plus"))
                        throw p.Error("error", "give either error (symmetric) or error_minus and error_plus");
                    minus = plus = p.PositiveNumber("error");
                }
                else if (p.Has("error_minus") || p.Has("error_plus"))
                {
                    minus = p.PositiveNumber("error_minus");
                    plus = p.PositiveNumber("error_plus");
                }
                return new PublishedValue { Kind = PublishedKind.Value, Central = p.Number("value"), ErrorMinus = minus, ErrorPlus = plus, Unit = unit, Text = text };
            }
            case "upper_limit":
                NoErrors(p, "upper_limit");
                return new PublishedValue
                {
                    Kind = PublishedKind.UpperLimit, Central = p.Number("upper_limit"),
                    ConfidenceLevel = Cl(p), DegreesOfFreedom = Dof(p), Unit = unit, Text = text,
                };
            case "interval":
            {
                NoErrors(p, "interval");
                var r = p.Numbers("interval");
                if (r.Length != 2 || !(r[1] > r[0]))
                    throw p.Error("interval", "expected [lower, upper] with lower < upper");
                return new PublishedValue
                {
                    Kind = PublishedKind.Interval, Lower = r[0], Upper = r[1],
                    ConfidenceLevel = Cl(p), DegreesOfFreedom = Dof(p), Unit = unit, Text = text,
                };
            }
            default:
                NoErrors(p, "below");
                NoKeys(p, "below", "cl", "dof");
                return new PublishedValue { Kind = PublishedKind.Below, Central = p.Number("below"), Unit = unit, Text = text };
        }
    }

    private static void NoErrors(Facts p, string form) => NoKeys(p, form, "error", "error_minus", "error_plus");

    private static void NoKeys(Facts p, string form, params string[] keys)
    {
        foreach (var k in keys)
            if (p.Has(k))
                throw p.Error(k, $"does not go with '{form}'");
    }

    private static double Cl(Facts p)
    {
        double cl = p.Number("cl");
        if (!(cl > 0 && cl < 1))
            throw p.Error("cl", $"expected a confidence level between 0 and 1 (e.g. 0.9), got {G(cl)}");
        return cl;
    }

    private static int Dof(Facts p)
    {
        double d = p.Number("dof");
        if (d != Math.Floor(d) || d < 1 || d > 3)
            throw p.Error("dof", $"expected 1, 2 or 3 degrees of freedom (of the paper's Delta chi^2 threshold), got {G(d)}");
        return (int)d;
    }

    private static ComputeSpec ParseCompute(Facts c, PublishedValue published)
    {
        c.AllowOnly("kind", "datasets", "fixed", "free", "parameter", "priors", "ranges", "null_value", "total", "window");
        var kindText = c.String("kind");
        var kind = kindText switch
        {
            "prediction" => ComputeKind.Prediction,
            "fitted_events" => ComputeKind.FittedEvents,
            "best_fit" => ComputeKind.BestFit,
            "upper_limit" => ComputeKind.UpperLimit,
            "interval" => ComputeKind.Interval,
            "p_value" => ComputeKind.PValue,
            _ => throw c.Error("kind", $"unknown kind '{kindText}' (allowed: prediction, fitted_events, best_fit, upper_limit, interval, p_value)"),
        };
        var expected = kind switch
        {
            ComputeKind.UpperLimit => PublishedKind.UpperLimit,
            ComputeKind.Interval => PublishedKind.Interval,
            ComputeKind.PValue => PublishedKind.Below,
            _ => PublishedKind.Value,
        };
        // A ratio of predictions may be compared with a published inequality ("negligible", "below X").
        if (kind == ComputeKind.Prediction && c.OptionalString("total") == "migdal/cevns" && published.Kind == PublishedKind.Below)
            expected = PublishedKind.Below;
        if (published.Kind != expected)
            throw c.Error("kind", $"'{kindText}' computes {Describe(expected)}, but the published number is {Describe(published.Kind)}");

        var datasets = ParseDatasets(c);
        var ids = datasets.Select(d => d.Id).ToArray();

        var fixedValues = new Dictionary<string, double>(StringComparer.Ordinal);
        if (c.OptionalSection("fixed") is { } fx)
            foreach (var name in fx.Keys)
            {
                var d = Known(fx, name, ids);
                double v = fx.Number(name);
                if (v < d.Min || v > d.Max)
                    throw fx.Error(name, $"value {G(v)} is outside the allowed range [{G(d.Min)}, {G(d.Max)}]");
                fixedValues[name] = v;
            }

        string[] free = c.Has("free") ? c.Strings("free") : [];
        foreach (var name in free)
        {
            Known(c, "free", name, ids);
            if (fixedValues.ContainsKey(name)) throw c.Error("free", $"'{name}' is both free and fixed");
        }
        if (free.Distinct().Count() != free.Length) throw c.Error("free", "lists a parameter twice");

        string? parameter = c.OptionalString("parameter");
        switch (kind)
        {
            case ComputeKind.Prediction:
                if (datasets.Count != 1) throw c.Error("datasets", "a prediction is of one dataset");
                if (fixedValues.Keys.FirstOrDefault(SignalParameters.IsSignalParameter) is { } scale)
                    throw c.Error("fixed", $"'{scale}' scales a fitted signal; a prediction is at a physics point (physics parameters only)");
                if (free.Length > 0) throw c.Error("free", "a prediction has no free parameters");
                if (parameter is not null) throw c.Error("parameter", "a prediction has no parameter (use 'total')");
                break;
            case ComputeKind.FittedEvents:
                if (datasets.Count != 1) throw c.Error("datasets", "fitted events are of one dataset");
                if (free.Length > 0 || parameter is not null)
                    throw c.Error(free.Length > 0 ? "free" : "parameter", $"fitted_events frees {SignalParameters.SignalNorm} itself; no other free parameter");
                free = [SignalParameters.SignalNorm];
                parameter = SignalParameters.SignalNorm;
                break;
            default:
                if (free.Length == 0) throw c.Error("free", "a fit needs at least one free parameter");
                parameter ??= free.Length == 1 ? free[0] : throw c.Error("free", "several free parameters: name the reported one under 'parameter'");
                if (!free.Contains(parameter)) throw c.Error("parameter", $"'{parameter}' is not in 'free'");
                break;
        }

        var priors = new List<ParameterPrior>();
        if (c.OptionalSection("priors") is { } pr)
            foreach (var name in pr.Keys)
            {
                if (!free.Contains(name) && AnalysisParameterNames.NuisanceDataset(name, ids) is null)
                    throw pr.Error(name, "a prior needs a free parameter (list it under 'free') or a nuisance '<dataset id>.<name>'");
                if (kind == ComputeKind.PValue && name == parameter)
                    throw pr.Error(name, "a p_value compares the parameter free and fixed at its null value; a prior on it is not supported");
                var s = pr.Section(name);
                s.AllowOnly("mean", "sigma", "source");
                priors.Add(new ParameterPrior(name, s.Number("mean"), s.PositiveNumber("sigma"), s.String("source")));
            }

        var ranges = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        if (c.OptionalSection("ranges") is { } rs)
            foreach (var name in rs.Keys)
            {
                if (!free.Contains(name)) throw rs.Error(name, "a range is for a free parameter (list it under 'free')");
                var r = rs.Numbers(name);
                var d = AnalysisParameterNames.Definition(name)!.Value;
                if (r.Length != 2 || !(r[1] > r[0])) throw rs.Error(name, "expected [low, high] with low < high");
                if (r[0] < d.Min || r[1] > d.Max)
                    throw rs.Error(name, $"[{G(r[0])}, {G(r[1])}] exceeds the allowed range [{G(d.Min)}, {G(d.Max)}]");
                ranges[name] = (r[0], r[1]);
            }

        double nullValue = 0;
        if (c.Has("null_value"))
        {
            if (kind != ComputeKind.PValue) throw c.Error("null_value", "only a p_value has a null value");
            nullValue = c.Number("null_value");
        }
        else if (kind == ComputeKind.PValue)
            throw c.Error("kind", "a p_value needs 'null_value' (the value of the parameter under the null hypothesis)");

        var total = PredictionTotal.Cevns;
        if (c.OptionalString("total") is { } t)
        {
            if (kind != ComputeKind.Prediction) throw c.Error("total", "only a prediction has a 'total'");
            total = t switch
            {
                "cevns" => PredictionTotal.Cevns,
                "es" => PredictionTotal.ElectronScattering,
                "cevns+es" => PredictionTotal.CevnsPlusElectronScattering,
                "migdal/cevns" => PredictionTotal.MigdalOverCevns,
                _ => throw c.Error("total", $"unknown total '{t}' (allowed: cevns, es, cevns+es, migdal/cevns)"),
            };
        }
        (double, double)? window = null;
        if (c.Has("window"))
        {
            if (kind != ComputeKind.Prediction) throw c.Error("window", "only a prediction has a 'window'");
            var w = c.Numbers("window");
            if (w.Length != 2 || !(w[0] < w[1])) throw c.Error("window", "expected [lower, upper] with lower < upper (first axis of the dataset's bins)");
            window = (w[0], w[1]);
        }

        return new ComputeSpec
        {
            Kind = kind, Datasets = datasets, Fixed = fixedValues, Free = free, Parameter = parameter,
            Priors = priors, Ranges = ranges, NullValue = nullValue, Total = total, Window = window,
        };
    }

    /// <summary>datasets: { &lt;id&gt;: { option: value, ... } } — every id known to this build, every option declared by it.</summary>
    private static List<ValidationDataset> ParseDatasets(Facts c)
    {
        var s = c.Section("datasets");
        var list = new List<ValidationDataset>();
        foreach (var id in s.Keys)
        {
            DatasetDefinition def;
            try
            {
                def = DatasetRegistry.Find(id);
            }
            catch (DatasetException e)
            {
                throw s.Error(id, e.Message);
            }
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            var o = s.Section(id);
            foreach (var k in o.Keys) options[k] = o.String(k);
            if (options.Count > 0)
            {
                try
                {
                    _ = def.With(options);
                }
                catch (Exception e) when (e is DatasetException or DefinitionFileException or ArgumentException)
                {
                    throw s.Error(id, e.Message);
                }
            }
            list.Add(new ValidationDataset(id, options));
        }
        if (list.Count == 0) throw c.Error("datasets", "no datasets: give at least one, e.g. 'coherent-csi-2021: {}'");
        try
        {
            DatasetCombination.Check(list.Select(d => DatasetRegistry.Find(d.Id)).ToArray());
        }
        catch (FitSetupException e)
        {
            throw c.Error("datasets", e.Message);
        }
        return list;
    }

    private static (double Default, double Min, double Max, double FitMin, double FitMax, string Unit) Known(Facts s, string name, string[] ids) =>
        Known(s, name, name, ids);

    private static (double Default, double Min, double Max, double FitMin, double FitMax, string Unit) Known(Facts s, string key, string name, string[] ids)
    {
        if (AnalysisParameterNames.Definition(name) is { } d) return d;
        if (AnalysisParameterNames.NuisanceDataset(name, ids) is not null)
            throw s.Error(key, $"'{name}' is a nuisance: nuisances are always profiled (they can have a prior, not be freed or fixed)");
        throw s.Error(key, $"unknown parameter '{name}' (physics parameters: see 'cevns parameters'; signal scales: {string.Join(", ", AnalysisParameterNames.SignalScales)})");
    }

    private static string Describe(PublishedKind k) => k switch
    {
        PublishedKind.Value => "a value",
        PublishedKind.UpperLimit => "an upper limit",
        PublishedKind.Interval => "an interval",
        _ => "a bound (below)",
    };

    private static string G(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
