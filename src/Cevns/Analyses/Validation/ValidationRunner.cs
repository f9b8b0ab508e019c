using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Statistics;
using MathNet.Numerics;

namespace Cevns.Analyses.Validation;

/// <summary>
/// Recomputes the published numbers of validation entries with the machinery of 'predict' and 'fit': datasets from
/// <see cref="DatasetRegistry"/> with the entry's options, likelihoods from <see cref="DatasetLikelihoods"/>, joint fits
/// (<see cref="JointFit"/>) with profiled intervals (the automatic interval profiler) at the paper's Delta chi^2
/// threshold. Nothing is hard-coded: a dataset whose data are missing, a fit that does not converge or an interval end
/// that is not known gives a status and a reason, never a number. Data files that exist but are malformed are errors
/// (<see cref="Data.DataFileException"/>), as in every other command.
/// </summary>
public sealed class ValidationRunner(string dataDirectory, int threads = 1, Action<string>? progress = null)
{
    private readonly Dictionary<string, IDataset> _datasets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IDatasetLikelihood> _likelihoods = new(StringComparer.Ordinal);

    public IReadOnlyList<ValidationOutcome> Run(IEnumerable<ValidationEntry> entries)
    {
        var outcomes = new List<ValidationOutcome>();
        foreach (var e in entries)
        {
            progress?.Invoke($"{e.Id}: {e.Quantity}");
            outcomes.Add(Run(e));
        }
        return outcomes;
    }

    public ValidationOutcome Run(ValidationEntry e)
    {
        if (e.Compute is not { } c)
            return new ValidationOutcome { Entry = e, Status = ValidationStatus.NotReproducible, Reason = e.NotReproducible };
        try
        {
            return c.Kind switch
            {
                ComputeKind.Prediction => Prediction(e, c),
                ComputeKind.PValue => PValue(e, c),
                _ => FitWithIntervals(e, c),
            };
        }
        catch (DatasetException ex)
        {
            return new ValidationOutcome { Entry = e, Status = ValidationStatus.DataMissing, Reason = Portable(ex.Message) };
        }
    }

    /// <summary>A message without this machine's data directory path (the report must not depend on where the data are).</summary>
    private string Portable(string message) => message.Replace(dataDirectory, "<data directory>", StringComparison.Ordinal);

    private static string Key(ValidationDataset d) =>
        d.Id + "|" + string.Join(",", d.Options.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    private IDataset Dataset(ValidationDataset d)
    {
        var key = Key(d);
        if (_datasets.TryGetValue(key, out var ds)) return ds;
        var def = DatasetRegistry.Find(d.Id);
        if (d.Options.Count > 0) def = def.With(d.Options);
        ds = DatasetRegistry.Load(def, dataDirectory);
        _datasets[key] = ds;
        return ds;
    }

    private IDatasetLikelihood Likelihood(ValidationDataset d)
    {
        var key = Key(d);
        if (_likelihoods.TryGetValue(key, out var l)) return l;
        l = DatasetLikelihoods.For(Dataset(d));
        _likelihoods[key] = l;
        return l;
    }

    /// <summary>The physics point of the fixed values (signal scales are not physics and stay out).</summary>
    private static PhysicsParameters Physics(ComputeSpec c) =>
        PhysicsParameters.StandardModel.With(c.Fixed.Where(kv => !SignalParameters.IsSignalParameter(kv.Key)));

    private static List<string> DatasetNotes(IEnumerable<ValidationDataset> datasets, IEnumerable<IDatasetLikelihood>? likelihoods = null)
    {
        var notes = new List<string>();
        foreach (var d in datasets)
            if (DatasetRegistry.Find(d.Id).DataNote is { } n) notes.Add($"{d.Id}: {n}");
        foreach (var l in likelihoods ?? [])
            if (l.RateOnly) notes.Add($"{l.Dataset.Definition.Id} enters through its total rate only (the public data have no spectrum)");
        return notes;
    }

    private ValidationOutcome Prediction(ValidationEntry e, ComputeSpec c)
    {
        var d = c.Datasets[0];
        var p = Dataset(d).Predict(Physics(c));
        double Sum(double[] perBin)
        {
            double s = 0;
            for (int i = 0; i < perBin.Length; i++)
            {
                if (c.Window is not { } w ? !p.InAnalysis[i] : !(p.Bins[i].Ranges[0].Lo >= w.Lower - 1e-9 && p.Bins[i].Ranges[0].Hi <= w.Upper + 1e-9)) continue;
                s += perBin[i];
            }
            return s;
        }
        double cevns = Sum(p.CevnsPerBin()), es = Sum(p.ElectronScatteringPerBin()), migdal = Sum(p.MigdalPerBin());
        var notes = DatasetNotes(c.Datasets);
        if (c.Total == PredictionTotal.MigdalOverCevns && p.Migdal.Count == 0)
            throw new ArgumentException($"validation entry {e.Id}: total migdal/cevns needs the dataset option migdal: on");
        double total = c.Total switch
        {
            PredictionTotal.Cevns => cevns,
            PredictionTotal.ElectronScattering => es,
            PredictionTotal.MigdalOverCevns => migdal / cevns,
            _ => cevns + es,
        };
        if (!double.IsFinite(total))
            throw new ArithmeticException($"validation entry {e.Id}: the prediction is not finite");
        if (c.Total == PredictionTotal.Cevns && es > 0)
            notes.Add($"nu-e scattering in the same region (not counted here): {Fmt(es)} events");
        if (c.Total == PredictionTotal.MigdalOverCevns)
            notes.Add($"Migdal {Fmt(migdal)} events, CEvNS {Fmt(cevns)} events ({string.Join(", ", p.MigdalByShell.Select(m => $"{m.Shell} {Fmt(Sum(m.Counts))}"))})");
        return Compare(e, total, null, null, notes);
    }

    private JointFit Fit(ValidationEntry e, ComputeSpec c, IReadOnlyList<string> free, IReadOnlyList<FixedValue> extraFixed)
    {
        var likelihoods = c.Datasets.Select(Likelihood).ToArray();
        var spec = new FitSpecification
        {
            Free = free,
            Fixed = c.Fixed.Select(kv => new FixedValue(kv.Key, kv.Value)).Concat(extraFixed).ToArray(),
            Priors = c.Priors.Select(p => new GaussianPrior(p.Name, p.Mean, p.Sigma)).ToArray(),
            Ranges = c.Ranges.Where(kv => free.Contains(kv.Key)).Select(kv => new RangeOverride(kv.Key, kv.Value.Lower, kv.Value.Upper)).ToArray(),
        };
        try
        {
            var fit = JointFit.Create(likelihoods, spec);
            // The compared parameter must be one the fit varies: a held one has no best fit and no interval.
            if (c.Parameter is { } name && fit.NotConstrained.Any(h => h.Name == name))
                throw new FitSetupException(JointFit.NotConstrainedText(name));
            return fit;
        }
        catch (FitSetupException ex)
        {
            throw new AnalysisFileException($"validation entry {e.Id} (line {e.Line}): {ex.Message}");
        }
    }

    private ValidationOutcome FitWithIntervals(ValidationEntry e, ComputeSpec c)
    {
        var fit = Fit(e, c, c.Free, []);
        var published = e.Published;
        var oneSigma = IntervalLevel.Standard[0];
        var levels = new List<IntervalLevel> { oneSigma };
        IntervalLevel? paperLevel = null;
        if (published.ConfidenceLevel is { } cl && published.DegreesOfFreedom is { } dof)
        {
            double threshold = DeltaChi2Levels.ForConfidenceLevel(cl, dof);
            paperLevel = new IntervalLevel("paper", $"{cl * 100:G3}% CL, {dof} dof (Delta chi2 = {threshold:F3})", threshold);
            levels.Add(paperLevel);
        }
        var result = fit.Run(new FitOptions { Threads = threads, Intervals = new IntervalOptions { Levels = levels } });
        var notes = DatasetNotes(c.Datasets, fit.Likelihoods);
        notes.AddRange(result.Notes);
        if (!result.Converged)
            return new ValidationOutcome
            {
                Entry = e, Status = ValidationStatus.NotConverged, Notes = notes,
                Reason = $"the global fit did not converge ({result.Status})",
            };
        string name = c.Parameter!;
        notes.Add($"chi2_min = {Fmt(result.Chi2Min!.Value)} for {result.DegreesOfFreedom} degrees of freedom");
        var others = fit.FreeParameters.Where(n => n != name).ToArray();
        if (others.Length > 0)
            notes.Add("profiled at the best fit: " + string.Join(", ", others.Select(n => $"{n} = {Fmt(result.BestFit[n])}")));
        if (!result.Intervals.TryGetValue(name, out var iv))
            throw new InvalidOperationException($"validation entry {e.Id}: no interval for {name}");
        notes.AddRange(iv.Notes);
        if (!iv.Converged) notes.Add("some profile fits of the interval scan did not converge");

        if (c.Kind is ComputeKind.UpperLimit or ComputeKind.Interval)
        {
            var at = iv["paper"];
            notes.Add($"threshold: {paperLevel!.Text}; best fit {name} = {Fmt(iv.BestFit)}");
            if (at.Segments.Count > 1) notes.Add($"the region at this level is disjoint: {at}; its hull is compared");
            if (c.Kind == ComputeKind.UpperLimit)
            {
                if (at.IsEmpty || at.Upper.Value is not { } upper)
                    return Unknown(e, notes, $"upper end {(at.IsEmpty ? "empty" : at.Upper.ToString())}");
                if (at.Lower.Kind != IntervalEndKind.AllowedBound)
                    notes.Add($"the region also has a lower end, {at.Lower}: the published number is a one-sided limit");
                return Compare(e, upper, null, null, notes);
            }
            if (at.IsEmpty || at.Lower.Value is not { } lo || at.Upper.Value is not { } hi)
                return Unknown(e, notes, at.IsEmpty ? "empty interval" : $"interval [{at.Lower}, {at.Upper}]");
            return CompareInterval(e, lo, hi, notes);
        }

        var one = iv["1sigma"];
        double best = iv.BestFit;
        double? minus = one.Lower.Value is { } l1 ? best - l1 : null;
        double? plus = one.Upper.Value is { } u1 ? u1 - best : null;
        if (one.Lower.IsOpen || one.Upper.IsOpen) notes.Add($"1 sigma interval: {one}");
        if (c.Kind == ComputeKind.FittedEvents)
        {
            var d = c.Datasets[0];
            double sm = Dataset(d).Predict(Physics(c)).SignalTotal;
            notes.Add($"ours = best-fit {SignalParameters.SignalNorm} {Fmt(best)} (+{Fmt(plus ?? double.NaN)} -{Fmt(minus ?? double.NaN)}) x our SM CEvNS prediction {Fmt(sm)}");
            return Compare(e, best * sm, minus * sm, plus * sm, notes);
        }
        return Compare(e, best, minus, plus, notes);
    }

    private ValidationOutcome PValue(ValidationEntry e, ComputeSpec c)
    {
        string name = c.Parameter!;
        var options = new FitOptions { Threads = threads, ComputeIntervals = false };
        var free = Fit(e, c, c.Free, []);
        var freeResult = free.Run(options);
        var nullFit = Fit(e, c, c.Free.Where(n => n != name).ToArray(), [new FixedValue(name, c.NullValue)]);
        var nullResult = nullFit.Run(options);
        var notes = DatasetNotes(c.Datasets, free.Likelihoods);
        if (!freeResult.Converged || !nullResult.Converged)
            return new ValidationOutcome
            {
                Entry = e, Status = ValidationStatus.NotConverged, Notes = notes,
                Reason = !freeResult.Converged ? $"the fit with {name} free did not converge ({freeResult.Status})"
                    : $"the fit with {name} = {Fmt(c.NullValue)} did not converge ({nullResult.Status})",
            };
        double delta = Math.Max(0, nullResult.Chi2Min!.Value - freeResult.Chi2Min!.Value);
        // P(chi^2_1 > delta) = Q(1/2, delta/2), the upper regularised gamma function (exact also far in the tail,
        // where 1 - CDF would lose precision).
        double p = SpecialFunctions.GammaUpperRegularized(0.5, delta / 2);
        notes.Add($"best fit {name} = {Fmt(freeResult.BestFit[name])}, chi2_min = {Fmt(freeResult.Chi2Min.Value)}; "
                  + $"with {name} = {Fmt(c.NullValue)}: chi2 = {Fmt(nullResult.Chi2Min.Value)}; Delta chi2 = {Fmt(delta)}, "
                  + $"p from chi2 with 1 dof (Wilks), {Fmt(Math.Sqrt(delta))} sigma two-sided");
        return Compare(e, p, null, null, notes);
    }

    private static ValidationOutcome Unknown(ValidationEntry e, List<string> notes, string what) =>
        new() { Entry = e, Status = ValidationStatus.EndUnknown, Notes = notes, Reason = $"{what}: the level is not reached within the fit range, or only next to a profile fit that did not converge" };

    /// <summary>Ratio ours/published and, for a published value with errors, the pull on the side of ours.</summary>
    private static ValidationOutcome Compare(ValidationEntry e, double ours, double? minus, double? plus, List<string> notes)
    {
        var pub = e.Published;
        double? ratio = pub.Central != 0 ? ours / pub.Central : null;
        double? pull = null;
        ValidationStatus status;
        switch (pub.Kind)
        {
            case PublishedKind.Value when pub.HasError:
                double err = ours >= pub.Central ? pub.ErrorPlus!.Value : pub.ErrorMinus!.Value;
                pull = Math.Abs(ours - pub.Central) / err;
                status = pull <= 1 ? ValidationStatus.Agrees : ValidationStatus.Disagrees;
                break;
            case PublishedKind.Below:
                status = ours < pub.Central ? ValidationStatus.Agrees : ValidationStatus.Disagrees;
                break;
            default:
                status = ValidationStatus.RatioOnly;
                break;
        }
        return new ValidationOutcome
        {
            Entry = e, Status = status, Ours = ours, OursErrorMinus = minus, OursErrorPlus = plus,
            Ratio = ratio, Pull = pull, Notes = notes,
        };
    }

    private static ValidationOutcome CompareInterval(ValidationEntry e, double lo, double hi, List<string> notes)
    {
        var pub = e.Published;
        return new ValidationOutcome
        {
            Entry = e, Status = ValidationStatus.RatioOnly, OursLower = lo, OursUpper = hi,
            RatioLower = pub.Lower != 0 ? lo / pub.Lower : null,
            RatioUpper = pub.Upper != 0 ? hi / pub.Upper : null,
            Notes = notes,
        };
    }

    internal static string Fmt(double x) => ValidationMarkdown.Number(x);
}
