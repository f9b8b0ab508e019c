using Cevns.Datasets;
using Cevns.Datasets.Kinds;
using Cevns.Datasets.Sns;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Statistics;

namespace Cevns.Benchmarking;

/// <summary>
/// The datasets and fits the benchmarks (issue 6) run on: one dataset, or the joint fit of several. The operations are
/// those of the issue: one full prediction at a new physics point, one profiled chi^2 (all nuisances minimised at fixed
/// sin^2 theta_W), a 1D profiled scan of sin^2 theta_W, a 2D profiled scan of (eps^u_ee, eps^d_ee), and Feldman-Cousins toys
/// at one point of sin^2 theta_W. Shared by <c>cevns bench</c> and the BenchmarkDotNet suite (bench/Cevns.Benchmarks).
/// </summary>
public sealed class BenchmarkWorkload
{
    /// <summary>The scanned parameter of the 1D scan, the profiled chi^2 and the toys.</summary>
    public const string Parameter1D = "sin2_theta_w";
    public const double Lower1D = 0.15, Upper1D = 0.35;

    /// <summary>The 2D scan: the classic COHERENT NSI plane of eps^uV_ee and eps^dV_ee.</summary>
    public const string ParameterX2D = "nsi.u.ee", ParameterY2D = "nsi.d.ee";
    public const double Lower2D = -0.5, Upper2D = 0.5;

    private BenchmarkWorkload(string name, IReadOnlyList<IDataset> datasets, IReadOnlyList<IDatasetLikelihood> likelihoods, IReadOnlyList<string> notes, bool gradients)
    {
        Name = name;
        // Without gradients: the minimiser as before issue 6 (central differences of the whole objective, no block-by-block fits).
        Minimiser = new MinimiserOptions { UseStructure = gradients };
        Datasets = datasets;
        Likelihoods = likelihoods;
        Notes = notes;
        Fit1D = JointFit.Create(likelihoods, new FitSpecification { Free = [Parameter1D] }, gradients);
        Fit2D = JointFit.Create(likelihoods, new FitSpecification { Free = [ParameterX2D, ParameterY2D] }, gradients);
    }

    /// <summary>Settings of every minimisation of the workload (scans and toys use them too).</summary>
    public MinimiserOptions Minimiser { get; }

    /// <summary>A dataset id, or "joint".</summary>
    public string Name { get; }
    public IReadOnlyList<IDataset> Datasets { get; }
    public IReadOnlyList<IDatasetLikelihood> Likelihoods { get; }
    public IReadOnlyList<string> Notes { get; }

    /// <summary>sin^2 theta_W free (nuisances always profiled).</summary>
    public JointFit Fit1D { get; }

    /// <summary>eps^u_ee and eps^d_ee free.</summary>
    public JointFit Fit2D { get; }

    /// <summary>Datasets with a likelihood, in registry order (nuGeN has none: its facts are missing).</summary>
    public static IReadOnlyList<string> DefaultDatasets { get; } =
        ["coherent-csi-2021", "coherent-csi-2017", "coherent-ar-2020", "coherent-ge-2024", "dresden-ii-2022", "conus-plus-2025", "texono-2024"];

    /// <summary>The joint fit of all datasets: every dataset above except the superseded CsI 2017 release.</summary>
    public static IReadOnlyList<string> JointDatasets { get; } =
        ["coherent-csi-2021", "coherent-ar-2020", "coherent-ge-2024", "dresden-ii-2022", "conus-plus-2025", "texono-2024"];

    /// <summary>One dataset (<paramref name="ids"/> of length 1, named by its id) or the joint fit of several (named "joint").</summary>
    /// <param name="gradients">False: fits as before issue 6, with the minimiser's finite differences on the whole problem (the
    /// baseline the speed-ups are measured against; predictions keep their kernels).</param>
    public static BenchmarkWorkload Load(IReadOnlyList<string> ids, string dataDirectory, bool gradients = true, IDictionary<string, IDataset>? loaded = null)
    {
        var datasets = new List<IDataset>();
        var likelihoods = new List<IDatasetLikelihood>();
        var notes = new List<string>();
        foreach (var id in ids)
        {
            IDataset dataset;
            if (loaded is null || !loaded.TryGetValue(id, out dataset!))
            {
                dataset = DatasetRegistry.Load(id, dataDirectory);
                if (loaded is not null) loaded[id] = dataset;
            }
            datasets.Add(dataset);
            likelihoods.Add(LikelihoodFor(dataset, notes));
        }
        return new BenchmarkWorkload(ids.Count == 1 ? ids[0] : "joint", datasets, likelihoods, notes, gradients);
    }

    /// <summary>
    /// The dataset's likelihood on its data; for an ON/OFF dataset without a counts file (Ge-Mini: the binned counts are not
    /// public) a synthetic Asimov set: ON = SM signal + flat steady-state background, OFF = that background (10 counts per bin).
    /// </summary>
    public static IDatasetLikelihood LikelihoodFor(IDataset dataset, List<string>? notes = null)
    {
        if (dataset is SnsEnergyTimeDataset { Statistic: SnsStatistic.OnOffChiSquare, OnOff.Counts: null } onOff)
        {
            const double background = 10.0;
            var signal = new double[onOff.Binning.Count];
            var sm = PhysicsParameters.StandardModel;
            var prediction = onOff.Predict(sm);
            foreach (var part in prediction.Cevns.Values.Concat(prediction.ElectronScattering.Values))
                for (int i = 0; i < signal.Length; i++) signal[i] += part[i];
            var observed = signal.Select(s => s + background).Concat(Enumerable.Repeat(background, onOff.Binning.Count)).ToArray();
            notes?.Add($"{dataset.Definition.Id}: synthetic Asimov ON/OFF counts (SM signal + {background} steady-state counts per bin; the binned counts are not public)");
            return new OnOffChiSquareLikelihood(onOff, observed, 1.0);
        }
        return DatasetLikelihoods.For(dataset);
    }

    /// <summary>Full prediction (<see cref="IDataset.Predict"/>) of every dataset at <paramref name="point"/>; returns the CEvNS total (to keep the work observable).</summary>
    public double Predict(PhysicsParameters point)
    {
        double total = 0;
        foreach (var d in Datasets) total += d.Predict(point).SignalTotal;
        return total;
    }

    /// <summary>A physics point that no cache has seen: sin^2 theta_W moved by a tiny step per call number.</summary>
    public static PhysicsParameters NewPoint(int call) =>
        PhysicsParameters.StandardModel.With(Parameter1D, Constants.Sin2ThetaWLowEnergy + 1e-7 * (call % 100_000 + 1));

    /// <summary>As <see cref="NewPoint"/> with every neutron radius also moved: new form factors on every grid (new kernels).</summary>
    public static PhysicsParameters NewShapePoint(int call)
    {
        double shift = 1e-6 * (call % 100_000 + 1);
        return NewPoint(call).With(ParameterCatalog.All.Where(d => d.Name.StartsWith("rn.", StringComparison.Ordinal))
            .Select(d => new KeyValuePair<string, double>(d.Name, d.Default + shift)));
    }

    /// <summary>chi^2 of every likelihood at fixed physics and central nuisances, moved by <paramref name="shift"/> (cached predictions).</summary>
    public double Chi2AtFixedPhysics(double shift, bool withGradient)
    {
        double total = 0;
        foreach (var l in Likelihoods)
        {
            var x = l.Nuisances.Select(n => n.Central + shift * (double.IsFinite(n.Sigma) ? n.Sigma : 0.01)).ToArray();
            if (withGradient)
            {
                var g = new double[x.Length];
                var s = new double[SignalScale.Components];
                total += l.Chi2WithGradient(PhysicsParameters.StandardModel, SignalScale.One, x, g, s);
            }
            else
                total += l.Chi2(PhysicsParameters.StandardModel, SignalScale.One, x);
        }
        return total;
    }

    /// <summary>All nuisances minimised with sin^2 theta_W fixed at <paramref name="sin2"/>, from their central values.</summary>
    public FitResult ProfiledChi2(double sin2, MinimiserOptions? options = null) =>
        Statistics.Minimiser.Minimise(Fit1D.Problem.WithFixed(Parameter1D, sin2), options ?? Minimiser);

    /// <summary>The global fit of a problem of this workload (four random starts, as the fit command does).</summary>
    public FitResult GlobalFit(JointFit fit) =>
        Statistics.Minimiser.Minimise(fit.Problem, FitOptions.DefaultGlobalMinimiser with { UseStructure = Minimiser.UseStructure });

    private ScanOptions ScanSettings(int threads) => new()
    {
        Threads = threads,
        Profile = new ProfileOptions { Minimiser = Minimiser },
        Global = FitOptions.DefaultGlobalMinimiser with { UseStructure = Minimiser.UseStructure },
    };

    public ScanResult Scan1D(int points, int threads, FitResult? global = null) =>
        ProfileScan.Run(Fit1D, [new ScanAxis(Parameter1D, Lower1D, Upper1D, points)], ScanSettings(threads), global);

    public ScanResult Scan2D(int points, int threads, FitResult? global = null) =>
        ProfileScan.Run(Fit2D, [new ScanAxis(ParameterX2D, Lower2D, Upper2D, points), new ScanAxis(ParameterY2D, Lower2D, Upper2D, points)],
            ScanSettings(threads), global);

    /// <summary>
    /// Feldman-Cousins toys at one point, sin^2 theta_W = its SM value with the nuisances at their profiled values there
    /// (<paramref name="truth"/>, e.g. from <see cref="ProfiledChi2"/>).
    /// </summary>
    public FeldmanCousinsBelt Toys(int toys, int threads, ulong seed, IReadOnlyList<double> truth) =>
        FeldmanCousinsScan.Belt(Fit1D, Parameter1D, [Constants.Sin2ThetaWLowEnergy], _ => truth,
            new FeldmanCousinsScanOptions { ToysPerPoint = toys, Threads = threads, Seed = seed, ToyMinimiser = Minimiser });
}
