using System.Globalization;
using Cevns.Fitting;
using Cevns.Statistics;

namespace Cevns.Analyses;

/// <summary>
/// Runs an analysis: loads its datasets once, then computes each fit (independently, in parallel over fits on
/// <see cref="Threads"/> threads) with the engine of 'fit' and 'scan': the global fit and the profiled intervals of every
/// free parameter (<see cref="ProfiledFit"/>), and each of its scans (<see cref="ProfileScan"/>, the per-point settings of
/// 'scan'), from which the scan intervals and contours are derived. If a scan finds a lower minimum, the global fit and the
/// intervals are recomputed from it (<see cref="ProfiledFit.RunFrom"/>). The same analysis gives the same numbers through
/// 'run' and through 'fit'/'scan', and they do not depend on the number of threads.
/// </summary>
public sealed class AnalysisRunner(IAnalysisBackend backend, Action<string>? progress = null)
{
    private readonly object _progressLock = new();

    /// <summary>Threads in all (default: one per processor core); the numbers do not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>A computed fit: its outcome, its scans with the fit at each of their points, notes.</summary>
    private sealed record FitWork(FitOutcome Outcome, IReadOnlyList<(ScanSpec Spec, ScanFitOutcome Outcome)> Scans, IReadOnlyList<string> Notes);

    /// <summary>One fit of the analysis as the engine sees it: the model's problems and the analysis' free parameters it contains.</summary>
    private sealed class FitProblems(IAnalysisFitModel model, FitProblem main, IReadOnlyList<string> free) : IFitProblemSource
    {
        public FitProblem Problem => main;
        public FitProblem CreateWorkerProblem() => model.IndependentProblem();
        public IReadOnlyList<string> FreeParameters => free;
        public IAnalysisFitModel Model => model;
    }

    public AnalysisResults Run(AnalysisFile analysis, string dataDirectory, string softwareVersion)
    {
        var datasets = backend.Load(analysis, dataDirectory);
        var notes = new List<string>();
        analysis = WithoutUnavailable(analysis, datasets, notes);

        // Built sequentially (the backend may share loaded datasets between fits), then computed in parallel on
        // independent copies of each fit's chi^2.
        var models = analysis.Fits.Select(fit =>
        {
            var model = backend.BuildFit(analysis, fit);
            CheckScannedParameters(analysis, fit, model);
            var problem = model.IndependentProblem();
            var free = analysis.Free.Where(p => problem.Contains(p.Name) && !problem[p.Name].IsFixed).Select(p => p.Name).ToArray();
            return (Fit: fit, Model: model, Source: new FitProblems(model, problem, free));
        }).ToArray();
        int outer = Math.Max(1, Math.Min(Threads, models.Length)), inner = Math.Max(1, Threads / outer);
        var work = new FitWork[models.Length];
        Parallel.For(0, models.Length, new ParallelOptions { MaxDegreeOfParallelism = outer },
            i => work[i] = Compute(analysis, models[i].Fit, models[i].Source, inner));

        var fits = new List<FitOutcome>();
        for (int i = 0; i < models.Length; i++)
        {
            var (fit, model, _) = models[i];
            var o = work[i].Outcome;
            if (model.NotConstrained.Count > 0)
                notes.Add($"fit {fit.Label}: {string.Join(", ", model.NotConstrained.Select(c => c.Name))} not constrained: no dataset or prior of this fit reads "
                    + $"{(model.NotConstrained.Count == 1 ? "it" : "them")}; held at {string.Join(", ", model.NotConstrained.Select(c => F(c.Value)))}, not varied and not counted as free parameters");
            // Breakdown and spectra on the model's own problem, sequentially.
            fits.Add(o with
            {
                DataPoints = model.DataPoints,
                Parameters = WithNotConstrained(analysis, o.Parameters.Select(p => p with { IsNuisance = model.IsNuisance(p.Name) }), model.NotConstrained),
                Breakdown = model.Breakdown(o.X),
                Spectra = model.Spectra(o.X),
                Physics = model.Physics(o.X),
            });
            notes.AddRange(work[i].Notes);
        }
        var scans = analysis.Scans.Select(spec => new ScanOutcome(spec, spec.Fits.Select(label =>
            work[Array.FindIndex(models, m => m.Fit.Label == label)].Scans.Single(s => s.Spec.Label == spec.Label).Outcome).ToArray())).ToArray();
        notes.AddRange(scans.SelectMany(s => s.Fits.SelectMany(f => f.Notes)));
        return new AnalysisResults(analysis, softwareVersion, dataDirectory, datasets, fits, scans, notes);
    }

    /// <summary>The engine's options for an analysis: those of 'fit', with the analysis' random starts in the global fit.</summary>
    public static FitOptions FitOptionsOf(AnalysisFile analysis, int threads) => new()
    {
        Minimiser = new MinimiserOptions { RandomStarts = analysis.RandomStarts },
        Threads = threads,
    };

    /// <summary>One fit: global fit and intervals, its scans (in the order of the analysis), contours, estimates.</summary>
    private FitWork Compute(AnalysisFile analysis, AnalysisFit fit, FitProblems source, int threads)
    {
        var notes = new List<string>();
        var options = FitOptionsOf(analysis, threads);
        var engine = ProfiledFit.Run(source, options);
        Report($"fit {fit.Label}: chi2 = {F(engine.Global.Chi2)} ({engine.Global.Status})");

        var scanOptions = new ScanOptions { Threads = threads };
        var grids = new List<(ScanSpec Spec, ProfiledGrid Grid)>();
        foreach (var scan in analysis.Scans.Where(s => s.Fits.Contains(fit.Label)))
        {
            Report($"scan {scan.Label}, fit {fit.Label}: {(scan.Y is null ? scan.X.Points : scan.X.Points * scan.Y.Points)} points");
            grids.Add((scan, ProfileScan.Profile(source, scan.Y is { } y ? [scan.X, y] : [scan.X], scanOptions, engine.Global)));
        }
        // A scan that found a lower minimum moves the best fit and every Delta chi^2: the fit is redone from there.
        var lowest = grids.Select(g => g.Grid.GlobalFit).Where(g => g.Converged).MinBy(g => g.Chi2);
        if (lowest is not null && engine.Global.Converged && lowest.Chi2 < engine.Global.Chi2)
            engine = ProfiledFit.RunFrom(source, options, engine, lowest);
        var global = engine.Global;

        bool combination = IsCombination(analysis, fit.Label);
        var scans = new List<(ScanSpec, ScanFitOutcome)>();
        foreach (var (spec, grid) in grids)
        {
            var table = Table(source.Model.DescribeScan(grid.Axes), global, grid);
            double minimum = Math.Min(grid.MinimumChi2, global.Converged ? global.Chi2 : double.PositiveInfinity);
            var chi2 = grid.Points.Select(p => p.Fit.Chi2).ToArray();
            var converged = grid.Points.Select(p => p.Fit.Converged).ToArray();
            if (spec.Y is null)
            {
                // Interval edges root-found on the profile between the scanned points (refined as in 'fit').
                var profile = new ProfileLikelihood(source.Problem, scanOptions.Profile, global);
                var p1 = new Profile1D(profile, spec.X.Name, spec.X.Values, grid.Points.Select(p => p.Fit).ToArray());
                var intervals = p1.Intervals(DeltaChi2Levels.Standard1D);
                var n = CondenseLevels(intervals.SelectMany(i => i.Notes)).Select(t => $"{spec.Label}, {fit.Label}: {t}").ToList();
                // Delta chi^2 in the scan file from the minimum the intervals use (a refined profile point may lie lower).
                var table1 = table with { MinimumChi2 = Math.Min(table.MinimumChi2, p1.MinimumChi2) };
                scans.Add((spec, new ScanFitOutcome(fit.Label, combination, chi2, converged, p1.MinimumChi2, p1.BestFitValue, null, intervals, [], n, table1)));
                continue;
            }
            var gx = spec.X.Values;
            var gy = spec.Y.Values;
            var delta = new double[gx.Length, gy.Length];
            for (int i = 0; i < gx.Length; i++)
                for (int j = 0; j < gy.Length; j++) delta[i, j] = chi2[i * gy.Length + j] - minimum;
            var contours = DeltaChi2Levels.Standard2D.Select(l => (Level: l, Lines: ContourTracer.Trace(gx, gy, delta, l))).ToArray();
            var notes2 = new List<string>();
            int bad = converged.Count(c => !c);
            if (bad > 0)
                notes2.Add($"{spec.Label}, {fit.Label}: {bad} of {chi2.Length} scan points did not converge");
            var open = contours.Where(c => c.Lines.Any(l => !l.Closed)).Select(c => c.Level.ToString(CultureInfo.InvariantCulture)).ToArray();
            if (open.Length > 0)
                notes2.Add($"{spec.Label}, {fit.Label}: the Delta chi2 = {string.Join(", ", open)} region reaches the edge of the scanned range");
            scans.Add((spec, new ScanFitOutcome(fit.Label, combination, chi2, converged, minimum, global[spec.X.Name], global[spec.Y.Name], [],
                contours.Select(c => (c.Level, c.Lines)).ToArray(), notes2, table)));
        }

        notes.AddRange(engine.Notes.Select(n => $"fit {fit.Label}: {n}"));
        foreach (var m in engine.OtherMinima)
            notes.Add($"fit {fit.Label}: another minimum the data hardly distinguish (Delta chi2 <= 1): "
                      + $"{string.Join(", ", source.FreeParameters.Select(n => $"{n} = {F(m[n])}"))}, Delta chi2 = {(m.Chi2 - global.Chi2).ToString("G3", CultureInfo.InvariantCulture)}");
        if (!global.Converged) notes.Add($"fit {fit.Label} did not converge: {global.Status} ({global.Message})");
        return new FitWork(Outcome(analysis, fit, global, engine.Intervals), scans, notes);
    }

    /// <summary>
    /// The scan file of one fit's scan, as 'scan' writes it: Delta chi^2 from the lowest of the final global fit and the
    /// converged points (<see cref="ScanReport.Minimum"/>), profiled values at every point.
    /// </summary>
    private static ScanReport Table(ScanDescription d, FitResult global, ProfiledGrid grid)
    {
        var rows = grid.Points.Select(p => new ScanRow(p.Values, p.Fit.Converged, p.Fit.Chi2, d.Profiled.Select(n => p.Fit[n]).ToArray())).ToArray();
        double minimum = ScanReport.Minimum(global.Converged, global.Chi2, grid.Points.Select(p => (p.Fit.Converged, p.Fit.Chi2)));
        return new ScanReport(d, ScanGlobalFit.Of(FitSnapshot.Of(global), d), minimum, grid.Notes, rows);
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
            Combined = a.Combined is { } c && fits.Any(f => f.Label == c) ? c : null,
            Scans = scans,
            Figures = a.Figures with { Spectra = a.Figures.Spectra.Where(l => !gone.Contains(l)).ToArray() },
        };
    }

    /// <summary>The fit named by the analysis' 'combined' key, else a fit of every dataset entry of the analysis, when there
    /// are other fits to compare it with (drawn in black).</summary>
    internal static bool IsCombination(AnalysisFile a, string fitLabel) =>
        a.Fits.Count > 1 && (a.Combined is { } named
            ? named == fitLabel
            : a.Fits.First(f => f.Label == fitLabel).Datasets.Count == a.Datasets.Count && a.Datasets.Count > 1);

    /// <summary>
    /// Best fit and 1 sigma errors: the ends of the profiled Delta chi^2 = 1 segment around the best fit (as 'fit' reports
    /// them) where both are known; where that segment has an open end (the level not reached within the fit range or the
    /// search), the known side only, marked <see cref="ErrorSource.OpenInterval"/>; parabolic only for parameters without
    /// a profiled segment around the best fit (the nuisances, which are not profiled one by one), unless at a bound. The
    /// model-dependent parts (data points, nuisance flags, chi^2 breakdown, spectra, physics) are filled in afterwards.
    /// </summary>
    private static FitOutcome Outcome(AnalysisFile analysis, AnalysisFit fit, FitResult global, IReadOnlyDictionary<string, ParameterIntervals> intervals)
    {
        var estimates = new List<ParameterEstimate>();
        foreach (var p in global.Problem.Parameters.Where(p => !p.IsFixed))
        {
            double best = global[p.Name];
            double? minus = null, plus = null;
            var source = ErrorSource.None;
            if (intervals.TryGetValue(p.Name, out var iv) && SegmentAround(iv["1sigma"], best) is var (lower, upper))
            {
                minus = lower.IsOpen ? null : best - lower.Value!.Value;
                plus = upper.IsOpen ? null : upper.Value!.Value - best;
                source = lower.IsOpen || upper.IsOpen ? ErrorSource.OpenInterval : ErrorSource.ProfileScan;
            }
            else if (!global.IsAtBound(p.Name) && global.Covariance is not null && global.Error(p.Name) is var e && double.IsFinite(e) && e > 0)
                (minus, plus, source) = (e, e, ErrorSource.Parabolic);
            estimates.Add(new ParameterEstimate(p.Name, best, minus, plus, source, global.IsAtBound(p.Name), IsNuisance: false));
        }
        return new FitOutcome(fit.Label, fit.Datasets, IsCombination(analysis, fit.Label), global.Chi2, 0,
            global.Problem.FreeCount, global.Converged, $"{global.Status}: {global.Message}", estimates,
            [], [], global.X.ToArray(), Physics.PhysicsParameters.StandardModel);
    }

    /// <summary>
    /// The estimates with the parameters the fit does not constrain added (<see cref="ErrorSource.NotConstrained"/>, the value
    /// they were held at), the free ones in the order of the analysis, then the nuisances.
    /// </summary>
    private static ParameterEstimate[] WithNotConstrained(AnalysisFile analysis, IEnumerable<ParameterEstimate> estimates, IReadOnlyList<FixedValue> notConstrained)
    {
        var all = estimates.Concat(notConstrained.Select(c => new ParameterEstimate(c.Name, c.Value, null, null, ErrorSource.NotConstrained, false, false)));
        int Order(ParameterEstimate p)
        {
            int k = analysis.Free.Select(f => f.Name).ToList().IndexOf(p.Name);
            return p.IsNuisance || k < 0 ? int.MaxValue : k;
        }
        return all.Select((p, i) => (p, i)).OrderBy(t => Order(t.p)).ThenBy(t => t.i).Select(t => t.p).ToArray();
    }

    /// <summary>The segment of a level's region that holds the best fit; an open end counts as reaching its scan bound.</summary>
    private static (IntervalEnd Lower, IntervalEnd Upper)? SegmentAround(LevelInterval level, double best)
    {
        foreach (var (lower, upper) in level.Segments)
            if ((lower.Value ?? lower.ScanBound) <= best && best <= (upper.Value ?? upper.ScanBound))
                return (lower, upper);
        return null;
    }

    private static void CheckScannedParameters(AnalysisFile analysis, AnalysisFit fit, IAnalysisFitModel model)
    {
        var problem = model.Problem;
        foreach (var scan in analysis.Scans.Where(s => s.Fits.Contains(fit.Label)))
            foreach (var axis in scan.Y is null ? [scan.X] : new[] { scan.X, scan.Y })
                if (model.NotConstrained.Any(c => c.Name == axis.Name))
                    throw new AnalysisFileException($"{analysis.Origin}: scans.{scan.Label}: no dataset or prior of fit {fit.Label} reads {axis.Name}, so its profile would be flat (Delta chi2 = 0 everywhere); leave {fit.Label} out of this scan");
                else if (!problem.Contains(axis.Name) || problem[axis.Name].IsFixed)
                    throw new AnalysisFileException($"{analysis.Origin}: scans.{scan.Label}: {axis.Name} is not a free parameter of fit {fit.Label}");
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
