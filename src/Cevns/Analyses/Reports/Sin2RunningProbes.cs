using Cevns.Analyses.Figures;
using Cevns.Datasets;
using Cevns.Datasets.Kinds;
using Cevns.Physics;
using MathNet.Numerics.RootFinding;

namespace Cevns.Analyses.Reports;

/// <summary>
/// The points of the sin^2 running figure, in the order of the analysis' datasets: for each external-measurement dataset whose
/// prediction depends on sin^2 theta_W, the value of sin^2 at the probe's momentum transfer that reproduces the measured number,
/// with the other parameters (neutron radii) at the best fit of the analysis' combined fit (else at their defaults), and its
/// error sigma_x / |dx / ds^2| (linear propagation); radius-only measurements have no point. For every other dataset (CEvNS),
/// its own fit with sin^2 free at the same radii (<see cref="Sin2DatasetProbes"/>). <see cref="Combined"/> is the combined
/// fit's sin^2 at Q -> 0.
/// </summary>
public static class Sin2RunningProbes
{
    public static IReadOnlyList<Sin2Probe> From(AnalysisResults r, List<string> notes)
    {
        var combined = CombinedFit(r);
        var physics = combined?.Physics ?? ReportFigures.FixedPhysics(r.Analysis);
        var probes = new List<(string Label, Sin2Probe Probe)>();
        foreach (var d in r.Datasets.Where(d => Shown(combined, d.Label)))
        {
            var def = DatasetRegistry.Definitions.FirstOrDefault(x => x.Id == d.Id);
            if (def is null || def.Kind != ExternalMeasurementDataset.KindName) continue;
            var m = ExternalMeasurementDataset.Create(def);
            if (!m.Observable.Parameters.Contains("sin2_theta_w")) continue;
            if (Probe(m, physics) is { } p) probes.Add((d.Label, p with { Label = d.Label }));
            else notes.Add($"sin2 running figure: {d.Label} has no sin^2 theta_W in [0.1, 0.5] reproducing its value");
        }
        probes.AddRange(Sin2DatasetProbes.From(r, combined, notes).Select(p => (p.Label, p)));
        var order = r.Analysis.Datasets.Select(d => d.Label).ToList();
        return probes.OrderBy(p => order.IndexOf(p.Label)).Select(p => p.Probe).ToArray();
    }

    /// <summary>Whether a dataset is drawn: with a combination fit, only its datasets (an alternative input for the same
    /// measurement, e.g. a second atomic theory for APV(Cs), is a fit of its own, not a probe of the combination); else every one.</summary>
    public static bool Shown(FitOutcome? combined, string datasetLabel) =>
        combined is not { IsCombination: true } || combined.Datasets.Contains(datasetLabel);

    /// <summary>The combined fit the points refer to: the last converged fit of every dataset, else the last converged fit.</summary>
    public static FitOutcome? CombinedFit(AnalysisResults r) =>
        r.Fits.LastOrDefault(f => f.IsCombination && f.Converged) ?? r.Fits.LastOrDefault(f => f.Converged);

    /// <summary>The combined fit's sin^2 theta_W (the value at Q -> 0) with its errors, when sin^2 is one of its free parameters.</summary>
    public static Sin2Combined? Combined(AnalysisResults r)
    {
        if (CombinedFit(r) is not { } fit || fit.Parameters.FirstOrDefault(p => p.Name == Sin2DatasetProbes.Parameter) is not { } e) return null;
        var prior = r.Analysis.Priors.FirstOrDefault(p => p.Name == Sin2DatasetProbes.Parameter);
        return new Sin2Combined(fit.Label, e.BestFit, e.MinusError, e.PlusError) { Prior = prior is null ? null : (prior.Mean, prior.Sigma) };
    }

    /// <summary>sin^2 at the probe's |Q| reproducing the measured value at the given other parameters, and its error (null: no sin^2 dependence or no root).</summary>
    public static Sin2Probe? Probe(ExternalMeasurementDataset m, PhysicsParameters physics)
    {
        if (!m.Observable.Parameters.Contains("sin2_theta_w")) return null;
        double q = MomentumTransfer(m.Observable);
        double shift = Physics.Electroweak.WeakMixingRunning.Shift(q);
        // Solve in the low-energy parameter s0, then report s^2(Q) = s0 + shift.
        double F(double s0) => m.Observable.Predict(physics.With("sin2_theta_w", s0)) - m.Value;
        if (!Brent.TryFindRoot(F, 0.1, 0.5, 1e-10, 200, out double root)) return null;
        const double h = 1e-4;
        double slope = (F(root + h) - F(root - h)) / (2 * h);
        if (!(Math.Abs(slope) > 0)) return null;
        return new Sin2Probe(m.Definition.Id, q, root + shift, m.Error / Math.Abs(slope)) { Kind = Sin2ProbeKind.ExternalMeasurement };
    }

    private static double MomentumTransfer(ExternalObservable o) => o switch
    {
        ExternalObservable.ApvWeakCharge a => a.MomentumTransferGeV,
        ExternalObservable.PvesWeakFormFactor p => p.MomentumTransferGeV,
        ExternalObservable.ProtonWeakCharge p => p.MomentumTransferGeV,
        ExternalObservable.Sin2Measurement s => s.MomentumTransferGeV,
        ExternalObservable.NuEElectronDarCrossSection n => n.MomentumTransferGeV,
        _ => double.NaN,
    };
}
