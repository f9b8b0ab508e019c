using System.Globalization;
using Cevns.Analyses.Figures;
using Cevns.Datasets;
using Cevns.Datasets.Kinds;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Physics.Electroweak;

namespace Cevns.Analyses.Reports;

/// <summary>
/// The points of the sin^2 running figure from the analysis' own datasets (CEvNS and any other dataset that is not an
/// external measurement): each dataset's own determination of sin^2 theta_W, a fit of that dataset alone run by
/// <see cref="AnalysisRunner"/> on <see cref="JointFitBackend"/> (the engine of 'run' and 'fit') with sin2_theta_w free in the
/// analysis' range, every nuisance of the dataset profiled, and the other free parameters of the analysis (neutron radii,
/// signal scales) fixed at the best point of the combined fit, the convention under which the points are comparable to the
/// external-measurement points (<see cref="Sin2RunningProbes"/>, solved at the same radii). The analysis' priors are left out
/// (a prior on sin^2 would pull the dataset's own value towards it), except those on the dataset's own nuisances. The error is
/// the profiled Delta chi^2 = 1 interval (asymmetric). The fitted sin2_theta_w is the value at Q -> 0; the point is drawn at
/// the dataset's signal-weighted mean |Q| (<see cref="ProbeMomentumTransfer"/>) as s^2(Q) = sin2_theta_w + [R(Q) - R(0)], as
/// every probe (docs/physics.md sec. 11; the CEvNS cross section takes sin^2 at Q -> 0, the shift at CEvNS momenta being
/// ~1e-4). A dataset whose fit does not converge, whose interval is open, whose prediction does not depend on sin^2 or whose
/// |Q| cannot be computed (or would not be weighted with its own detected signal) has no point and a note saying why.
/// </summary>
public static class Sin2DatasetProbes
{
    public const string Parameter = "sin2_theta_w";

    /// <summary>Step in sin^2 for the check that a dataset's prediction depends on it.</summary>
    private const double DependenceStep = 0.01;

    /// <summary>Whether a dataset entry is one this class fits (not an external measurement, which is solved for its sin^2).</summary>
    public static bool IsCandidate(AnalysisDataset d) =>
        DatasetRegistry.Definitions.FirstOrDefault(x => x.Id == d.Id) is { } def && def.Kind != ExternalMeasurementDataset.KindName;

    /// <param name="combined">The combined fit whose best point fixes the other free parameters (null: they stay at their defaults).</param>
    public static IReadOnlyList<Sin2Probe> From(AnalysisResults r, FitOutcome? combined, List<string> notes)
    {
        var a = r.Analysis;
        var candidates = a.Datasets.Where(d => IsCandidate(d) && Sin2RunningProbes.Shown(combined, d.Label)).ToArray();
        if (candidates.Length == 0) return [];
        if (a.FreeParameter(Parameter) is not { } free)
        {
            notes.Add($"sin2 running figure: no per-dataset points ({Parameter} is not a free parameter of the analysis)");
            return [];
        }
        var backend = new JointFitBackend();
        IReadOnlyList<DatasetSummary> summaries;
        try
        {
            summaries = backend.Load(a with { Datasets = candidates, Fits = [], Scans = [] }, r.DataDirectory);
        }
        catch (Exception e) when (e is DatasetException or AnalysisFileException or Data.DataFileException)
        {
            notes.Add($"sin2 running figure: no per-dataset points ({e.Message})");
            return [];
        }
        if (combined is null)
            notes.Add("sin2 running figure: no fit converged; the per-dataset fits keep the other free parameters at their defaults");
        var best = combined is null ? ReportFigures.FixedPhysics(a) : combined.Physics;
        var sm = ReportFigures.FixedPhysics(a);
        var probes = new List<Sin2Probe>();
        foreach (var entry in candidates)
        {
            var summary = summaries.First(s => s.Label == entry.Label);
            if (backend.Loaded(entry.Label) is not var (dataset, likelihood))
            {
                notes.Add($"sin2 running figure: {entry.Label} has no point ({summary.Unavailable ?? "not loaded"})");
                continue;
            }
            if (Why(dataset, best) is { } reason)
            {
                notes.Add($"sin2 running figure: {entry.Label} has no point ({reason})");
                continue;
            }
            ProbeMomentumTransfer.DetectedRecoils? detected;
            try
            {
                detected = ProbeMomentumTransfer.Of(dataset, sm);
            }
            catch (Exception e) when (e is DatasetException or Data.DataFileException or Data.DefinitionFileException)
            {
                notes.Add($"sin2 running figure: {entry.Label} has no point (its |Q|: {e.Message})");
                continue;
            }
            if (MomentumTransfer(dataset.Definition.Kind, detected, out var noQ) is not { } q)
            {
                notes.Add($"sin2 running figure: {entry.Label} has no point ({noQ})");
                continue;
            }
            var sub = SingleDatasetAnalysis(a, entry, free, combined, likelihood);
            FitOutcome fit;
            try
            {
                var runner = new AnalysisRunner(new Preloaded(backend, summary));
                fit = runner.Run(sub, r.DataDirectory, r.SoftwareVersion).Fits.Single();
            }
            catch (Exception e) when (e is AnalysisFileException or FitSetupException)
            {
                notes.Add($"sin2 running figure: {entry.Label} has no point (its fit: {e.Message})");
                continue;
            }
            if (Point(entry.Label, fit, q, out var why) is { } p) probes.Add(p);
            else notes.Add($"sin2 running figure: {entry.Label} has no point ({why})");
        }
        return probes;
    }

    /// <summary>
    /// The point of one dataset's fit: sin2_theta_w + [R(|Q|) - R(0)] at its |Q| with the ends of its profiled Delta chi^2 = 1
    /// interval, or null with the reason (not converged, open interval).
    /// </summary>
    public static Sin2Probe? Point(string label, FitOutcome fit, ProbeMomentumTransfer.Summary q, out string reason)
    {
        reason = "";
        var est = fit.Parameters.FirstOrDefault(p => p.Name == Parameter);
        if (!fit.Converged)
            reason = $"its fit with {Parameter} free did not converge: {fit.Status}";
        else if (est is null)
            reason = $"{Parameter} is not a parameter of its fit";
        else if (est.Source != ErrorSource.ProfileScan || est.MinusError is not { } minus || est.PlusError is not { } plus)
            reason = est.Source == ErrorSource.OpenInterval
                ? string.Create(CultureInfo.InvariantCulture, $"its Delta chi2 = 1 interval in {Parameter} is open (best fit {est.BestFit:G4}{(est.AtBound ? ", at the range bound" : "")})")
                : $"no profiled Delta chi2 = 1 interval in {Parameter} ({est.Source})";
        else
            return new Sin2Probe(label, q.MeanGeV, est.BestFit + WeakMixingRunning.Shift(q.MeanGeV), minus, plus)
            {
                Kind = Sin2ProbeKind.DatasetFit,
                MomentumRangeGeV = (q.LowGeV, q.HighGeV),
            };
        return null;
    }

    /// <summary>
    /// The |Q| of a dataset's point from its detected CEvNS events, or null with the reason: its kind has no weighted response,
    /// the weighted response does not give the dataset's own CEvNS events (<see cref="ProbeMomentumTransfer.Mismatch"/>), or
    /// it has no detected events.
    /// </summary>
    internal static ProbeMomentumTransfer.Summary? MomentumTransfer(string kind, ProbeMomentumTransfer.DetectedRecoils? detected, out string reason)
    {
        if (detected is null)
            reason = $"no representative |Q| for datasets of kind {kind}";
        else if (ProbeMomentumTransfer.Mismatch(detected) is { } mismatch)
            reason = mismatch;
        else if (ProbeMomentumTransfer.Summarise(detected) is { MeanGeV: > 0 } q)
        {
            reason = "";
            return q;
        }
        else
            reason = "no detected CEvNS events to weight |Q| with";
        return null;
    }

    /// <summary>Why a dataset gives no sin^2 (its prediction does not change with it), or null.</summary>
    private static string? Why(IDataset dataset, PhysicsParameters at)
    {
        DatasetPrediction p0, p1;
        try
        {
            p0 = dataset.Predict(at);
            p1 = dataset.Predict(at.With(Parameter, at.Sin2ThetaW + DependenceStep));
        }
        catch (DatasetException e)
        {
            return $"no prediction: {e.Message}";
        }
        static double Total(DatasetPrediction p) => p.SignalTotal + p.ElectronScatteringTotal + p.MigdalTotal;
        return Total(p0) != Total(p1) ? null : $"its prediction does not depend on {Parameter}";
    }

    /// <summary>
    /// The analysis of one dataset: one fit of it alone, sin2_theta_w free in the analysis' range, the other free parameters of
    /// the analysis fixed at the combined fit's best point (those the combined fit does not have, and signal scales that do not act
    /// on this dataset, stay at their defaults), priors only on the dataset's own nuisances, no scans.
    /// </summary>
    internal static AnalysisFile SingleDatasetAnalysis(AnalysisFile a, AnalysisDataset entry, FreeParameter free, FitOutcome? combined,
        IDatasetLikelihood likelihood)
    {
        var fixedValues = new Dictionary<string, double>(a.Fixed, StringComparer.Ordinal);
        foreach (var p in a.Free.Where(p => p.Name != Parameter))
        {
            if (combined?.Parameters.FirstOrDefault(e => e.Name == p.Name && !e.IsNuisance) is not { } e) continue;
            if (SignalParameters.IsSignalParameter(p.Name) && !SignalParameters.AppliesTo(p.Name, likelihood.Source)) continue;
            fixedValues[p.Name] = e.BestFit;
        }
        string own = likelihood.Dataset.Definition.Id + ".";
        return a with
        {
            Datasets = [entry],
            Fits = [new AnalysisFit(entry.Label, [entry.Label])],
            Free = [free],
            Fixed = fixedValues,
            Priors = a.Priors.Where(p => p.Name.StartsWith(own, StringComparison.Ordinal)).ToArray(),
            Scans = [],
        };
    }

    /// <summary>The backend with its datasets already loaded: the runner's load step returns the one entry of the fit.</summary>
    private sealed class Preloaded(JointFitBackend backend, DatasetSummary summary) : IAnalysisBackend
    {
        public IReadOnlyList<DatasetSummary> Load(AnalysisFile analysis, string dataDirectory) => [summary];

        public IAnalysisFitModel BuildFit(AnalysisFile analysis, AnalysisFit fit) => backend.BuildFit(analysis, fit);
    }
}
