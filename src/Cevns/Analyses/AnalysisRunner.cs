using System.Globalization;
using Cevns.Statistics;

namespace Cevns.Analyses;

/// <summary>
/// Runs an analysis: loads its datasets once, then for each fit (independently, in parallel over fits on
/// <see cref="Threads"/> threads) minimises it (global fit with covariance), runs each of its scans with one
/// <see cref="ProfileLikelihood"/> (so a scan that finds a lower minimum updates that fit everywhere), and derives
/// intervals, contours and best-fit uncertainties from the final minimum. Each fit is computed sequentially on its own
/// copy of the chi^2 (<see cref="IAnalysisFitModel.IndependentProblem"/>), so the numbers do not depend on the number
/// of threads: the same inputs give the same numbers.
/// </summary>
public sealed class AnalysisRunner(IAnalysisBackend backend, Action<string>? progress = null)
{
    private readonly object _progressLock = new();

    /// <summary>Fits computed at the same time (default: one per processor core).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    private sealed record FitWork(FitOutcome Outcome, IReadOnlyList<(ScanSpec Spec, ScanFitOutcome Outcome)> Scans, IReadOnlyList<string> Notes);

    public AnalysisResults Run(AnalysisFile analysis, string dataDirectory, string softwareVersion)
    {
        var datasets = backend.Load(analysis, dataDirectory);
        var notes = new List<string>();
        analysis = WithoutUnavailable(analysis, datasets, notes);
        var minimiser = new MinimiserOptions { RandomStarts = analysis.RandomStarts };

        // Built sequentially (the backend may share loaded datasets between fits), then computed in parallel on
        // independent copies of each fit's chi^2.
        var models = analysis.Fits.Select(fit =>
        {
            var model = backend.BuildFit(analysis, fit);
            CheckScannedParameters(analysis, fit, model.Problem);
            return (Fit: fit, Model: model, Problem: model.IndependentProblem());
        }).ToArray();
        var work = new FitWork[models.Length];
        Parallel.For(0, models.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Threads) },
            i => work[i] = Compute(analysis, models[i].Fit, models[i].Problem, minimiser));

        var fits = new List<FitOutcome>();
        for (int i = 0; i < models.Length; i++)
        {
            var (fit, model, _) = models[i];
            var o = work[i].Outcome;
            // Breakdown and spectra on the model's own problem, sequentially.
            fits.Add(o with
            {
                DataPoints = model.DataPoints,
                Parameters = o.Parameters.Select(p => p with { IsNuisance = model.IsNuisance(p.Name) }).ToArray(),
                Breakdown = model.Breakdown(o.X),
                Spectra = model.Spectra(o.X),
                Physics = model.Physics(o.X),
            });
            notes.AddRange(work[i].Notes);
        }
        var scans = analysis.Scans.Select(spec => new ScanOutcome(spec, spec.Fits
            .Select(label => work[Array.FindIndex(models, m => m.Fit.Label == label)].Scans.Single(s => s.Spec.Label == spec.Label).Outcome)
            .ToArray())).ToArray();
        notes.AddRange(scans.SelectMany(s => s.Fits.SelectMany(f => f.Notes)));
        return new AnalysisResults(analysis, softwareVersion, dataDirectory, datasets, fits, scans, notes);
    }

    /// <summary>One fit: global fit, its scans (in the order of the analysis), intervals, contours, estimates.</summary>
    private FitWork Compute(AnalysisFile analysis, AnalysisFit fit, FitProblem problem, MinimiserOptions minimiser)
    {
        var notes = new List<string>();
        // The best fit must not depend on the start: the fit ranges of the free parameters are searched (GlobalMinimumSearch).
        var searched = analysis.Free.Where(p => problem.Contains(p.Name)).Select(p => problem.IndexOf(p.Name)).ToArray();
        var first = GlobalMinimumSearch.Find(problem, searched, minimiser with { ComputeCovariance = true }).Best;
        Report($"fit {fit.Label}: chi2 = {F(first.Chi2)} ({first.Status})");
        var pl = new ProfileLikelihood(problem, new ProfileOptions { Minimiser = minimiser }, first);

        // Scans first, intervals afterwards: a later scan may lower the minimum, which moves every Delta chi^2.
        var profiles = new List<(ScanSpec Spec, Profile1D? OneD, Profile2D? TwoD)>();
        foreach (var scan in analysis.Scans.Where(s => s.Fits.Contains(fit.Label)))
        {
            Report($"scan {scan.Label}, fit {fit.Label}: {(scan.Y is null ? scan.X.Points : scan.X.Points * scan.Y.Points)} points");
            profiles.Add(scan.Y is { } y
                ? (scan, null, pl.Scan(scan.X.Parameter, scan.X.Grid(), y.Parameter, y.Grid()))
                : (scan, pl.Scan(scan.X.Parameter, scan.X.Grid()), null));
        }

        bool combination = IsCombination(analysis, fit.Label);
        var scans = new List<(ScanSpec, ScanFitOutcome)>();
        var unitIntervals = new Dictionary<string, ConfidenceInterval>(StringComparer.Ordinal);
        foreach (var (spec, oneD, twoD) in profiles)
        {
            if (oneD is { } p1)
            {
                var intervals = p1.Intervals(DeltaChi2Levels.Standard1D);
                unitIntervals[spec.X.Parameter] = intervals[0];
                var n = CondenseLevels(intervals.SelectMany(i => i.Notes)).Select(t => $"{spec.Label}, {fit.Label}: {t}").ToList();
                scans.Add((spec, new ScanFitOutcome(fit.Label, combination, p1.Chi2, p1.Fits.Select(f => f.Converged).ToArray(),
                    p1.MinimumChi2, p1.BestFitValue, null, intervals, [], n)));
                continue;
            }
            var p2 = twoD!;
            var contours = DeltaChi2Levels.Standard2D.Select(l => (Level: l, Lines: p2.Contours(l))).ToArray();
            var chi2 = p2.Chi2;
            int ny = spec.Y!.Points;
            var flat = new double[spec.X.Points * ny];
            var conv = new bool[flat.Length];
            for (int i = 0; i < spec.X.Points; i++)
                for (int j = 0; j < ny; j++)
                {
                    flat[i * ny + j] = chi2[i, j];
                    conv[i * ny + j] = p2.Fit(i, j).Converged;
                }
            var notes2 = new List<string>();
            if (p2.NonConvergedPoints.Count > 0)
                notes2.Add($"{spec.Label}, {fit.Label}: {p2.NonConvergedPoints.Count} of {flat.Length} scan points did not converge");
            var open = contours.Where(c => c.Lines.Any(l => !l.Closed)).Select(c => c.Level.ToString(CultureInfo.InvariantCulture)).ToArray();
            if (open.Length > 0)
                notes2.Add($"{spec.Label}, {fit.Label}: the Delta chi2 = {string.Join(", ", open)} region reaches the edge of the scanned range");
            var (bx, by) = p2.BestFit;
            scans.Add((spec, new ScanFitOutcome(fit.Label, combination, flat, conv, p2.MinimumChi2, bx, by, [],
                contours.Select(c => (c.Level, c.Lines)).ToArray(), notes2)));
        }

        notes.AddRange(pl.Notes.Select(n => $"fit {fit.Label}: {n}"));
        var global = pl.GlobalFit;
        if (global.Covariance is null && problem.FreeCount > 0)
        {
            // A scan lowered the minimum: the covariance is recomputed at the new one.
            var refit = Minimiser.Minimise(problem, minimiser with
            {
                IncludeInitialStart = false, StartPoints = [global.X], RandomStarts = 0, ComputeCovariance = true,
            });
            if (refit.Chi2 <= global.Chi2) global = refit;
        }
        if (!global.Converged) notes.Add($"fit {fit.Label} did not converge: {global.Status} ({global.Message})");
        return new FitWork(Outcome(analysis, fit, global, unitIntervals), scans, notes);
    }

    /// <summary>The analysis with the optional datasets that could not be loaded left out (fits and scans that lose all their datasets too).</summary>
    private static AnalysisFile WithoutUnavailable(AnalysisFile a, IReadOnlyList<DatasetSummary> datasets, List<string> notes)
    {
        var missing = datasets.Where(d => d.Unavailable is not null).ToArray();
        if (missing.Length == 0) return a;
        foreach (var d in missing)
            notes.Add($"optional dataset {d.Label} ({d.Id}) left out: {d.Unavailable}");
        var gone = missing.Select(d => d.Label).ToHashSet(StringComparer.Ordinal);
        var fits = new List<AnalysisFit>();
        foreach (var f in a.Fits)
        {
            var kept = f.Datasets.Where(l => !gone.Contains(l)).ToArray();
            if (kept.Length == 0) notes.Add($"fit {f.Label} left out: all its datasets are unavailable");
            else fits.Add(f with { Datasets = kept });
        }
        if (fits.Count == 0)
            throw new AnalysisFileException($"{a.Origin}: nothing to fit: {string.Join("; ", missing.Select(d => $"{d.Label}: {d.Unavailable}"))}");
        var fitLabels = fits.Select(f => f.Label).ToHashSet(StringComparer.Ordinal);
        var scans = new List<ScanSpec>();
        foreach (var s in a.Scans)
        {
            var kept = s.Fits.Where(fitLabels.Contains).ToArray();
            if (kept.Length == 0) notes.Add($"scan {s.Label} left out: none of its fits remains");
            else scans.Add(s with { Fits = kept });
        }
        return a with
        {
            Datasets = a.Datasets.Where(d => !gone.Contains(d.Label)).ToArray(),
            Fits = fits,
            Scans = scans,
            Figures = a.Figures with { Spectra = a.Figures.Spectra.Where(l => !gone.Contains(l)).ToArray() },
        };
    }

    /// <summary>A fit of every dataset entry of the analysis, when there are other fits to compare it with (drawn in black).</summary>
    private static bool IsCombination(AnalysisFile a, string fitLabel) =>
        a.Fits.Count > 1 && a.Fits.First(f => f.Label == fitLabel).Datasets.Count == a.Datasets.Count && a.Datasets.Count > 1;

    /// <summary>
    /// Best fit and 1 sigma errors (Delta chi^2 = 1 crossings where scanned, else parabolic unless at a bound); the
    /// model-dependent parts (data points, nuisance flags, chi^2 breakdown, spectra, physics) are filled in afterwards.
    /// </summary>
    private static FitOutcome Outcome(AnalysisFile analysis, AnalysisFit fit, FitResult global, Dictionary<string, ConfidenceInterval> unitIntervals)
    {
        var estimates = new List<ParameterEstimate>();
        foreach (var p in global.Problem.Parameters.Where(p => !p.IsFixed))
        {
            double best = global[p.Name];
            double? minus = null, plus = null;
            var source = ErrorSource.None;
            if (unitIntervals.TryGetValue(p.Name, out var ci) && ci.MinusError is { } m && ci.PlusError is { } u)
                (minus, plus, source) = (m, u, ErrorSource.ProfileScan);
            else if (!global.IsAtBound(p.Name) && global.Covariance is not null && global.Error(p.Name) is var e && double.IsFinite(e) && e > 0)
                (minus, plus, source) = (e, e, ErrorSource.Parabolic);
            estimates.Add(new ParameterEstimate(p.Name, best, minus, plus, source, global.IsAtBound(p.Name), IsNuisance: false));
        }
        return new FitOutcome(fit.Label, fit.Datasets, IsCombination(analysis, fit.Label), global.Chi2, 0,
            global.Problem.FreeCount, global.Converged, $"{global.Status}: {global.Message}", estimates,
            [], [], global.X.ToArray(), Physics.PhysicsParameters.StandardModel);
    }

    private static void CheckScannedParameters(AnalysisFile analysis, AnalysisFit fit, FitProblem problem)
    {
        foreach (var scan in analysis.Scans.Where(s => s.Fits.Contains(fit.Label)))
            foreach (var axis in scan.Y is null ? [scan.X] : new[] { scan.X, scan.Y })
                if (!problem.Contains(axis.Parameter) || problem[axis.Parameter].IsFixed)
                    throw new AnalysisFileException($"{analysis.Origin}: scans.{scan.Label}: {axis.Parameter} is not a free parameter of fit {fit.Label}");
    }

    /// <summary>Notes that differ only in their Delta chi^2 level become one note listing the levels.</summary>
    internal static IReadOnlyList<string> CondenseLevels(IEnumerable<string> notes)
    {
        var pattern = new System.Text.RegularExpressions.Regex(@"Delta chi2 = ([0-9.]+)");
        var groups = new List<(string Template, List<string> Levels)>();
        foreach (var note in notes.Distinct())
        {
            var m = pattern.Match(note);
            var template = m.Success ? pattern.Replace(note, "Delta chi2 = {0}", 1) : note;
            var g = groups.FirstOrDefault(x => x.Template == template);
            if (g.Template is null) groups.Add((template, m.Success ? [m.Groups[1].Value] : []));
            else if (m.Success) g.Levels.Add(m.Groups[1].Value);
        }
        return groups.Select(g => g.Levels.Count == 0 ? g.Template : g.Template.Replace("{0}", string.Join(", ", g.Levels))).ToArray();
    }

    private void Report(string message)
    {
        if (progress is null) return;
        lock (_progressLock) progress(message);
    }

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
