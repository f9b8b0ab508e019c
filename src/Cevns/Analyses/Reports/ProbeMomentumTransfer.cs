using Cevns.Datasets;
using Cevns.Datasets.Kinds;
using Cevns.Detectors;
using Cevns.Physics;
using Cevns.Physics.CrossSections;

namespace Cevns.Analyses.Reports;

/// <summary>
/// The representative momentum transfer of a CEvNS dataset in the sin^2 running figure: the mean of |Q| = sqrt(2 M T)
/// (M the nuclear mass of the scattering isotope, T the true nuclear recoil energy; the T^2 term of |q|^2 = 2 M T + T^2 is
/// below 1e-6 relative) over the dataset's detected CEvNS events at a physics point:
/// <code>
///   &lt;|Q|&gt; = sum_c sum_j a_j rho_c(T_j) sqrt(2 M_c T_j) / sum_c sum_j a_j rho_c(T_j),
/// </code>
/// rho_c the event density dN/dT of isotope c on the dataset's recoil grid (all neutrino species), a_j = sum_i b_i R[i, j]
/// the detected share of node j: the dataset's own response matrix R[i, j] = w_j P(bin i | T_j) (quenching, resolution,
/// efficiency; docs/physics.md sec. 8) with which its CEvNS signal is folded, summed over the bins i with the weight b_i with which
/// the bin enters the fit (1 for an analysis bin, 0 outside; a rate dataset: the exposure share of each detector part above
/// whose threshold the bin lies). The weighted events are checked against the dataset's own CEvNS signal at the same point
/// (sum_c sum_j a_j rho_c(T_j) against sum_i b_i n_i, n_i the signal's predicted events in bin i; <see cref="Mismatch"/>): a
/// dataset for which they differ gets no |Q|. The mean (rather than the median) because sin^2 enters through the total rate, which is
/// linear in the events; the central 68 % of the same distribution is given as the |Q| range the dataset covers.
/// Not included: the arrival-time cuts and timing efficiency of the SNS datasets (they change the mix of prompt and delayed
/// flavours in the time bins, not the recoil spectrum of a flavour; every energy bin with an analysis bin counts in full).
/// </summary>
public static class ProbeMomentumTransfer
{
    /// <summary>The detected CEvNS events of one dataset per isotope and recoil node.</summary>
    /// <param name="NodesMeV">Recoil grid nodes T_j (MeV).</param>
    /// <param name="Isotopes">Per isotope: its nuclear mass (MeV) and the detected events a_j rho_c(T_j) at each node.</param>
    /// <param name="BinnedEvents">The same events through the dataset's own CEvNS signal (the one its prediction and likelihood
    /// evaluate), sum_i b_i n_i: equal to <see cref="TotalEvents"/> up to rounding (<see cref="Mismatch"/>).</param>
    public sealed record DetectedRecoils(IReadOnlyList<double> NodesMeV, IReadOnlyList<(double MassMeV, double[] Events)> Isotopes, double BinnedEvents)
    {
        public double TotalEvents => Isotopes.Sum(i => i.Events.Sum());
    }

    /// <summary>Mean |Q| (GeV) and its central 68 % range (16th and 84th percentiles, GeV) of detected events.</summary>
    public readonly record struct Summary(double MeanGeV, double LowGeV, double HighGeV);

    /// <summary>&lt;|Q|&gt; = sum w sqrt(2 M T) / sum w over isotopes and nodes, in GeV; NaN without events.</summary>
    public static double MeanGeV(IReadOnlyList<double> nodesMeV, IReadOnlyList<(double MassMeV, double[] Events)> isotopes)
    {
        double sum = 0, weighted = 0;
        foreach (var (mass, events) in isotopes)
            for (int j = 0; j < nodesMeV.Count; j++)
            {
                sum += events[j];
                weighted += events[j] * Math.Sqrt(2 * mass * nodesMeV[j]);
            }
        return sum > 0 ? weighted / sum * 1e-3 : double.NaN;
    }

    /// <summary>
    /// The |Q| (GeV) below which a fraction <paramref name="p"/> of the detected events lie: the events of each node spread
    /// uniformly in |Q| between the midpoints to its neighbours in |Q| (the quadrature nodes carry the integral's weights),
    /// and the cumulative sum interpolated linearly.
    /// </summary>
    public static double QuantileGeV(IReadOnlyList<double> nodesMeV, IReadOnlyList<(double MassMeV, double[] Events)> isotopes, double p)
    {
        var points = isotopes.SelectMany(i => nodesMeV.Select((t, j) => (Q: Math.Sqrt(2 * i.MassMeV * t), W: i.Events[j])))
            .Where(x => x.W > 0).OrderBy(x => x.Q).ToArray();
        double total = points.Sum(x => x.W);
        if (!(total > 0)) return double.NaN;
        double target = p * total, below = 0;
        for (int k = 0; k < points.Length; k++)
        {
            double lo = k == 0 ? points[0].Q : 0.5 * (points[k - 1].Q + points[k].Q);
            double hi = k == points.Length - 1 ? points[k].Q : 0.5 * (points[k].Q + points[k + 1].Q);
            if (below + points[k].W >= target)
                return (lo + (hi - lo) * (target - below) / points[k].W) * 1e-3;
            below += points[k].W;
        }
        return points[^1].Q * 1e-3;
    }

    public static Summary Summarise(DetectedRecoils d) =>
        new(MeanGeV(d.NodesMeV, d.Isotopes), QuantileGeV(d.NodesMeV, d.Isotopes, 0.16), QuantileGeV(d.NodesMeV, d.Isotopes, 0.84));

    /// <summary>
    /// Largest relative difference allowed between the node-weighted events (<see cref="DetectedRecoils.TotalEvents"/>) and the
    /// dataset's own CEvNS events in the same bins (<see cref="DetectedRecoils.BinnedEvents"/>): the same sums over the same grid
    /// in another order (agreement to rounding, ~1e-14), so any larger difference means the |Q| would be weighted with events
    /// that are not the ones the dataset's likelihood uses.
    /// </summary>
    public const double RelativeTolerance = 1e-6;

    /// <summary>
    /// The detected CEvNS events of a loaded dataset at a physics point, for the kinds whose bins are weighted here (spallation
    /// energy x time datasets, one detector or an array; reactor spectra; reactor rates); null for any other kind or a dataset
    /// without a prediction (the caller says so), checked by <see cref="Mismatch"/>.
    /// </summary>
    public static DetectedRecoils? Of(IDataset dataset, PhysicsParameters physics) =>
        OwnResponse(dataset) is (var signal, var matrix, var weights) ? Detected(signal, matrix, weights, physics) : null;

    /// <summary>
    /// Why the events weighted with |Q| are not the dataset's own detected CEvNS events (the node-weighted total differs from the
    /// dataset's CEvNS signal summed over the same bins by more than <see cref="RelativeTolerance"/>), or null when they are.
    /// </summary>
    public static string? Mismatch(DetectedRecoils d)
    {
        double weighted = d.TotalEvents, own = d.BinnedEvents;
        if (Math.Abs(weighted - own) <= RelativeTolerance * Math.Abs(own)) return null;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"the detector response weighted for its |Q| gives {weighted:G9} detected CEvNS events, its own CEvNS prediction {own:G9} (relative difference above {RelativeTolerance:G1})");
    }

    /// <summary>
    /// The dataset's CEvNS signal, the detector response it is folded with (<see cref="BinnedSignal.Response"/>, the one its
    /// likelihood uses) and the weight b_i of each of its bins; null for a kind whose bins are not weighted here.
    /// </summary>
    internal static (BinnedSignal Signal, ResponseMatrix Matrix, double[] BinWeights)? OwnResponse(IDataset dataset)
    {
        switch (dataset)
        {
            case SnsEnergyTimeDataset s:
            {
                // An energy bin counts when any of its (PSD x time) bins is in the analysis region.
                var weights = new double[s.Binning.EnergyBins];
                for (int i = 0; i < s.InAnalysis.Length; i++)
                    if (s.InAnalysis[i]) weights[s.Binning.Split(i).EnergyBin] = 1;
                return (s.Cevns, s.Cevns.Response, weights);
            }
            case ReactorSpectrumDataset r:
                return (r.Signals.Cevns, r.Signals.Cevns.Response, r.InAnalysis.Select(b => b ? 1.0 : 0.0).ToArray());
            case ReactorRateDataset r when r.Signals is { } signals:
            {
                var edges = r.EdgesKeVee;
                // Part p counts the bins above its threshold with its exposure share (ReactorRateDataset.CevnsPerPart).
                var weights = new double[edges.Count - 1];
                foreach (var (_, threshold, share) in r.Parts)
                    for (int i = 0; i < weights.Length; i++)
                        if (edges[i] >= threshold - 1e-12) weights[i] += share;
                return (signals.Cevns, signals.Cevns.Response, weights);
            }
            default:
                return null;
        }
    }

    /// <summary>Detected events per isotope and node: a_j = sum_i b_i R[i, j] times each isotope's dN/dT at the node.</summary>
    internal static DetectedRecoils Detected(BinnedSignal signal, ResponseMatrix matrix, double[] binWeights, PhysicsParameters physics)
    {
        var grid = signal.Grid;
        var detected = new double[grid.Count];
        for (int j = 0; j < grid.Count; j++)
            for (int i = 0; i < binWeights.Length; i++)
                detected[j] += binWeights[i] * matrix[i, j];
        var spectrum = signal.Source.Spectrum;
        var xs = TargetCrossSection.Build(signal.Target, ScatteringChannel.Cevns, physics, signal.Options);
        var isotopes = new List<(double, double[])>();
        for (int c = 0; c < xs.Count; c++)
        {
            // This isotope alone: the others with no atoms per target unit.
            var only = xs.Select((w, k) => k == c ? w : w with { AtomsPerUnit = 0 }).ToArray();
            var density = new double[grid.Count];
            for (int s = 0; s < spectrum.Species.Count; s++) spectrum.AddEventDensity(only, s, density);
            isotopes.Add((signal.Target.Components[c].Isotope.NuclearMassMeV, density.Select((rho, j) => rho * detected[j]).ToArray()));
        }
        var binned = signal.Predict(physics);
        double total = 0;
        foreach (var counts in binned.Values)
            for (int i = 0; i < binWeights.Length; i++) total += binWeights[i] * counts[i];
        return new DetectedRecoils(grid.NodesMeV, isotopes, total);
    }
}
