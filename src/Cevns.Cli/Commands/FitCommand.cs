using System.CommandLine;
using System.Globalization;
using Cevns.Datasets;
using Cevns.Fitting;

namespace Cevns.Cli.Commands;

/// <summary>
/// cevns fit: joint fit of datasets (Cevns.Fitting.JointFit): best fit, chi2_min and degrees of freedom, chi^2 per
/// dataset, and the profiled intervals of every free parameter. A fit that does not converge is reported as such
/// (no numbers) with exit code 4.
/// </summary>
public sealed class FitCommand(DatasetSource? source = null) : ICliCommand
{
    private readonly DatasetSource _source = source ?? DatasetSource.Registry;

    public Command Create(CliContext context)
    {
        var o = new FitCommandOptions();
        var json = CliOptions.Json("the fit result");
        var command = new Command("fit", "Joint fit of datasets: best fit, chi2, degrees of freedom and profiled intervals of the free parameters.");
        o.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            var (fit, dir) = o.Prepare(parse, context, _source, []);
            if (!asJson) context.Out.WriteLine($"data directory: {dir}");
            var result = fit.Run(new FitOptions { Threads = o.Threads(parse) });
            if (asJson) JsonText.Write(context.Out, w => WriteJson(w, result));
            else WriteText(context.Out, result);
            if (result.Converged) return ExitCodes.Success;
            context.Error.WriteLine($"cevns fit: the fit did not converge: {result.Status} ({ErrorReport.OneLine(result.Global.Message)})");
            return ExitCodes.Numerical;
        });
        return command;
    }

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    private static void WriteText(TextWriter o, JointFitResult r)
    {
        var fit = r.Fit;
        o.WriteLine($"datasets: {string.Join(", ", fit.Likelihoods.Select(l => $"{l.Dataset.Definition.Id} ({l.DataPoints} data point{(l.DataPoints == 1 ? "" : "s")}{(l.RateOnly ? ", rate only" : "")})"))}");
        foreach (var id in fit.RateOnly)
            o.WriteLine($"note: {id} enters through its total rate only (the public data have no spectrum)");
        o.WriteLine(fit.Specification.Fixed.Count == 0
            ? "fixed: Standard Model, signal normalisations 1"
            : $"fixed: {string.Join(", ", fit.Specification.Fixed.Select(f => $"{f.Name}={F(f.Value)}"))} (others: Standard Model, signal normalisations 1)");
        if (fit.Likelihoods.Any(l => l.Dataset.Definition.CrossSections.MomentumDependentChargeRadius))
            o.WriteLine("cross sections: momentum-dependent SM neutrino charge radius in CEvNS (arXiv:2402.16709)");
        if (!fit.Ties.IsEmpty)
            o.WriteLine($"tied: {string.Join(", ", r.Converged
                ? fit.TiedValuesAt(r.Global.X).Select(t => $"{t.Tie.Tie} = {F(t.Value)}")
                : fit.Ties.Resolved.Select(t => t.Tie.ToString()))}{(r.Converged ? " (at the best fit)" : "")}");
        if (fit.Specification.Priors.Count > 0)
            o.WriteLine($"priors: {string.Join(", ", fit.Specification.Priors.Select(p => $"{p.Name} = {F(p.Mean)} +- {F(p.Sigma)}"))}");
        if (fit.NotConstrained.Count > 0)
            o.WriteLine($"not constrained: {string.Join(", ", fit.NotConstrained.Select(c => c.Name))}: no dataset or prior of this fit reads "
                + $"{(fit.NotConstrained.Count == 1 ? "it" : "them")}; held at {string.Join(", ", fit.NotConstrained.Select(c => F(c.Value)))}, "
                + "not varied and not counted in the degrees of freedom");
        if (!r.Converged)
        {
            o.WriteLine($"the fit did NOT converge: {r.Status} ({ErrorReport.OneLine(r.Global.Message)}); no best fit is reported");
            return;
        }
        o.WriteLine($"chi2_min = {F(r.Chi2Min!.Value)} for {r.DegreesOfFreedom} degrees of freedom (converged)");
        foreach (var n in r.Notes) o.WriteLine($"note: {n}");
        foreach (var m in r.OtherMinima)
            o.WriteLine($"note: another minimum the data hardly distinguish (Delta chi2 <= 1): " +
                $"{string.Join(", ", fit.FreeParameters.Select(n => $"{n} = {F(m[n])}"))}, Delta chi2 = {(m.Chi2 - r.Global.Chi2).ToString("G3", CultureInfo.InvariantCulture)}");

        if (fit.FreeParameters.Count > 0)
        {
            o.WriteLine();
            var levels = r.Intervals.Values.FirstOrDefault()?.Levels.Select(l => l.Level.DeltaChi2.ToString("G3", CultureInfo.InvariantCulture)) ?? [];
            o.WriteLine($"best fit and profiled intervals (Delta chi2 = {string.Join(", ", levels)}):");
            int w = fit.FreeParameters.Concat(fit.NotConstrained.Select(c => c.Name)).Max(n => n.Length);
            foreach (var name in fit.FreeParameters)
            {
                if (!r.Intervals.TryGetValue(name, out var iv))
                {
                    o.WriteLine($"  {name.PadRight(w)} = {F(r.BestFit[name])}");
                    continue;
                }
                // Errors from the 1 sigma segment that contains the best fit (when both its ends are known).
                var around = iv["1sigma"].Segments.FirstOrDefault(sg => sg.Lower.Value is { } a && sg.Upper.Value is { } b && a <= iv.BestFit && iv.BestFit <= b);
                string errors = around.Lower.Value is { } lo && around.Upper.Value is { } hi
                    ? $" (+{F(hi - iv.BestFit)} -{F(iv.BestFit - lo)})" : "";
                o.WriteLine($"  {name.PadRight(w)} = {F(iv.BestFit)}{errors}{(iv.Converged ? "" : "  [some profile fits did not converge]")}");
                foreach (var level in iv.Levels)
                    o.WriteLine($"    {level.Level.Text,-8} {level}");
                foreach (var n in iv.Notes) o.WriteLine($"    note: {n}");
            }
            foreach (var c in fit.NotConstrained)
                o.WriteLine($"  {c.Name.PadRight(w)} = {F(c.Value)}  (held; {JointFit.NotConstrainedText(c.Name)})");
        }
        if (fit.Nuisances.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("nuisances (profiled):");
            int w = fit.Nuisances.Max(n => n.Length);
            foreach (var (n, v) in r.Nuisances) o.WriteLine($"  {n.PadRight(w)} = {F(v)}");
        }
        o.WriteLine();
        o.WriteLine("chi2 at the best fit:");
        int wd = r.Chi2ByDataset.Keys.Concat(r.Chi2ByPrior.Keys.Select(k => "prior " + k)).Max(k => k.Length);
        foreach (var l in fit.Likelihoods)
        {
            var id = l.Dataset.Definition.Id;
            o.WriteLine($"  {id.PadRight(wd)} {F(r.Chi2ByDataset[id]),12}  ({l.DataPoints} data point{(l.DataPoints == 1 ? "" : "s")}{(l.RateOnly ? ", rate only" : "")})");
        }
        foreach (var (n, v) in r.Chi2ByPrior) o.WriteLine($"  {("prior " + n).PadRight(wd)} {F(v),12}");
    }

    /// <summary>The JSON object of fit --json (also the answer of 'cevns serve' to a fit request).</summary>
    public static void WriteJson(System.Text.Json.Utf8JsonWriter w, JointFitResult r) => FitJson.Of(r).Write(w);
}

/// <summary>The options fit and scan share, and turning them into a validated <see cref="JointFit"/>.</summary>
internal sealed class FitCommandOptions
{
    public readonly Option<string[]> Experiments = new("--experiments")
    {
        Description = "datasets to fit jointly, comma-separated (see 'cevns experiments')",
        HelpName = "id[,id...]",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
    };

    public readonly Option<string[]> Free = new("--free")
    {
        Description = $"free physics or signal parameters, comma-separated (signal: {string.Join(", ", SignalParameters.Names)}); nuisances are always profiled",
        HelpName = "p[,q...]",
        Arity = ArgumentArity.OneOrMore,
    };

    public readonly Option<string[]> Set = new("--set")
    {
        Description = "fix a physics or signal parameter, name=value (repeatable; default: Standard Model, signal normalisations 1)",
        HelpName = "name=value",
        Arity = ArgumentArity.OneOrMore,
    };

    public readonly Option<string[]> Prior = new("--prior")
    {
        Description = "Gaussian prior on a free parameter or nuisance, name=mean:sigma (repeatable)",
        HelpName = "name=mean:sigma",
        Arity = ArgumentArity.OneOrMore,
    };

    public readonly Option<string[]> Range = new("--range")
    {
        Description = "fit range of a free parameter replacing the default, name=lo:hi (repeatable)",
        HelpName = "name=lo:hi",
        Arity = ArgumentArity.OneOrMore,
    };

    public readonly Option<string[]> Tie = CliOptions.Tie();

    public readonly Option<int> ThreadCount = new("--threads")
    {
        Description = "threads for profiling (results do not depend on it; default: the number of cores)",
        HelpName = "n",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public readonly Option<bool> ChargeRadiusQDependent = CliOptions.ChargeRadiusQDependent();

    public readonly Option<string> DataDir = CliOptions.DataDir();

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Experiments, Free, Set, Tie, Prior, Range, ChargeRadiusQDependent, ThreadCount, DataDir })
            command.Options.Add(o);
    }

    public int Threads(ParseResult parse)
    {
        int n = parse.GetValue(ThreadCount);
        return n >= 1 ? n : throw CliException.Usage($"--threads must be >= 1, got {n}");
    }

    /// <summary>
    /// Validates everything that needs no data (names, values, dataset combination), then loads the datasets and
    /// builds the joint fit; <paramref name="axes"/> (scan) become free parameters.
    /// </summary>
    public (JointFit Fit, string DataDirectory) Prepare(ParseResult parse, CliContext context, DatasetSource source, IReadOnlyList<ScanAxis> axes)
    {
        var p = PrepareWithData(parse, context, source, axes);
        return (p.Fit, p.DataDirectory);
    }

    /// <summary>
    /// The command as it determines the result, independent of how it was typed: datasets (their canonical ids),
    /// free, fixed, priors, ranges and the scan grid, numbers in round-trip form; nothing that leaves the numbers
    /// unchanged (threads, output, data directory location, shard, resume).
    /// </summary>
    public static string Normalised(string command, PreparedFit p, IReadOnlyList<ScanAxis> axes)
    {
        var spec = p.Specification;
        var parts = new List<string> { $"cevns {command}", "--experiments", string.Join(',', p.Definitions.Select(d => d.Id)) };
        if (spec.Free.Count > 0) parts.AddRange(["--free", string.Join(',', spec.Free)]);
        foreach (var f in spec.Fixed) parts.AddRange(["--set", $"{f.Name}={R(f.Value)}"]);
        foreach (var prior in spec.Priors) parts.AddRange(["--prior", prior.ToString()]);
        foreach (var r in spec.Ranges) parts.AddRange(["--range", $"{r.Name}={R(r.Lower)}:{R(r.Upper)}"]);
        foreach (var t in spec.Ties) parts.AddRange(["--tie", t.ToString()]);
        foreach (var a in axes) parts.AddRange(["--param", a.Text]);
        if (p.Definitions.Any(d => d.CrossSections.MomentumDependentChargeRadius)) parts.Add(CliOptions.ChargeRadiusQDependentName);
        return string.Join(' ', parts);
    }

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><see cref="Prepare"/> with what a scan needs besides the fit: the definitions, the data directory's path and the specification as given (before the scanned parameters were added).</summary>
    public PreparedFit PrepareWithData(ParseResult parse, CliContext context, DatasetSource source, IReadOnlyList<ScanAxis> axes)
    {
        var ids = DatasetCombination.SplitList(parse.GetValue(Experiments));
        var spec = new FitSpecification
        {
            Free = DatasetCombination.SplitList(parse.GetValue(Free)),
            Fixed = (parse.GetValue(Set) ?? []).Select(FixedValue.Parse).ToArray(),
            Priors = (parse.GetValue(Prior) ?? []).Select(GaussianPrior.Parse).ToArray(),
            Ranges = (parse.GetValue(Range) ?? []).Select(RangeOverride.Parse).ToArray(),
            Ties = (parse.GetValue(Tie) ?? []).Select(ParameterTie.Parse).ToArray(),
        };
        var given = spec;
        if (axes.Count > 0) spec = ScanAxis.Extend(spec, axes);
        bool running = parse.GetValue(ChargeRadiusQDependent);
        var definitions = source.Resolve(ids).Select(d => CliOptions.WithChargeRadiusQDependent(d, running)).ToArray();
        spec.Validate(definitions.Select(d => d.Id).ToArray());
        Threads(parse);
        var dir = context.ResolveDataDirectory(parse.GetValue(DataDir));
        var likelihoods = source.Load(definitions, dir.Path);
        var fit = JointFit.Create(likelihoods, spec);
        fit.CheckScannable(axes.Select(a => a.Name));
        return new PreparedFit(fit, dir.Description, dir.Path, definitions, given);
    }
}

/// <summary>A joint fit ready to run, with its datasets' definitions, the data directory and the specification as given on the command line.</summary>
internal sealed record PreparedFit(JointFit Fit, string DataDirectory, string DataPath, IReadOnlyList<DatasetDefinition> Definitions, FitSpecification Specification);
