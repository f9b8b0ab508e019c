using Cevns.Analyses;
using Cevns.Physics;
using Cevns.Statistics;

namespace Cevns.Tests.Analyses;

/// <summary>
/// A synthetic backend whose profile likelihood is known in closed form, to test the runner and the report against
/// exact numbers. Dataset d measures norm.e = a_d +- s_d and norm.mu = b_d +- t_d (Gaussian), with one nuisance
/// "&lt;id&gt;.bkg" (unit Gaussian pull) shifting the norm.e prediction by c * bkg:
///   chi2_d = ((norm.e + c bkg - a_d)/s_d)^2 + ((norm.mu - b_d)/t_d)^2 + bkg^2.
/// Profiling bkg gives ((norm.e - a_d)^2 / (s_d^2 + c^2)): the effective norm.e error is sqrt(s_d^2 + c^2), and a fit
/// of several datasets has the inverse-variance weighted mean as best fit. Parameters not free are 1.
/// </summary>
internal sealed class GaussianBackend : IAnalysisBackend
{
    public const double Coupling = 0.1;

    public static readonly IReadOnlyDictionary<string, (double A, double S, double B, double T)> Measurements =
        new Dictionary<string, (double, double, double, double)>
        {
            ["test-a"] = (1.2, 0.2, 0.9, 0.15),
            ["test-b"] = (0.8, 0.3, 1.1, 0.25),
        };

    public int Loads { get; private set; }

    public IReadOnlyList<DatasetSummary> Load(AnalysisFile analysis, string dataDirectory)
    {
        Loads++;
        foreach (var d in analysis.Datasets)
            if (!Measurements.ContainsKey(d.Id) && !d.Optional)
                throw d.Error("id", $"dataset '{d.Id}' is not available in this build (available: {string.Join(", ", Measurements.Keys)})");
        return analysis.Datasets.Select(d => new DatasetSummary(d.Label, d.Id, $"Gaussian measurement {d.Id}", "synthetic",
            new Dictionary<string, string> { ["values"] = $"synthetic/{d.Id}.txt" }, d.Options, [],
            Measurements.ContainsKey(d.Id) ? null : "its data file is not in the data directory")).ToArray();
    }

    public IAnalysisFitModel BuildFit(AnalysisFile analysis, AnalysisFit fit) => new Model(analysis, fit);

    /// <summary>Profiled best fit and effective error of norm.e for a set of dataset ids (inverse-variance weighting).</summary>
    public static (double Mean, double Sigma) NormE(params string[] ids)
    {
        double w = 0, wx = 0;
        foreach (var id in ids)
        {
            var m = Measurements[id];
            double v = m.S * m.S + Coupling * Coupling;
            w += 1 / v;
            wx += m.A / v;
        }
        return (wx / w, 1 / Math.Sqrt(w));
    }

    private sealed class Model : IAnalysisFitModel
    {
        private readonly (string Label, string Id, int Bkg)[] _datasets;
        private readonly int _ne, _nm;

        public Model(AnalysisFile analysis, AnalysisFit fit)
        {
            var ps = new List<FitParameter>();
            foreach (var name in new[] { "norm.e", "norm.mu" })
            {
                var free = analysis.FreeParameter(name);
                ps.Add(free is null ? new FitParameter(name, 1, 0, 100, 0.1, isFixed: true)
                    : new FitParameter(name, 1, free.Lower ?? 0, free.Upper ?? 100, 0.1));
            }
            _datasets = fit.Datasets.Select(l => (l, analysis.Dataset(l).Id, 0)).ToArray();
            for (int d = 0; d < _datasets.Length; d++)
            {
                _datasets[d].Bkg = ps.Count;
                ps.Add(new FitParameter($"{_datasets[d].Id}.bkg", 0, -10, 10, 1));
            }
            _ne = 0;
            _nm = 1;
            Problem = new FitProblem(ps, x => Breakdown(x).Sum(t => t.Chi2));
        }

        public FitProblem Problem { get; }

        /// <summary>The objective is a pure function: the problem itself is safe on any thread.</summary>
        public FitProblem IndependentProblem() => Problem;

        public int DataPoints => 2 * _datasets.Length;

        public bool IsNuisance(string name) => name.EndsWith(".bkg", StringComparison.Ordinal);

        public IReadOnlyList<Chi2Term> Breakdown(IReadOnlyList<double> x) => _datasets.Select(d =>
        {
            var m = Measurements[d.Id];
            double b = x[d.Bkg];
            double chi2 = Sq((x[_ne] + Coupling * b - m.A) / m.S) + Sq((x[_nm] - m.B) / m.T) + b * b;
            return new Chi2Term(d.Id, chi2, 2);
        }).ToArray();

        public PhysicsParameters Physics(IReadOnlyList<double> x) => PhysicsParameters.StandardModel;

        /// <summary>No priors or ties in this chi^2; the parameters not free are fixed at 1.</summary>
        public Cevns.Fitting.ScanDescription DescribeScan(IReadOnlyList<Cevns.Fitting.ScanAxis> axes)
        {
            var scanned = axes.Select(a => a.Name).ToHashSet();
            var free = Problem.Parameters.Where(p => !p.IsFixed && !IsNuisance(p.Name)).Select(p => p.Name).ToArray();
            return new Cevns.Fitting.ScanDescription(_datasets.Select(d => d.Id).ToArray(), [], axes,
                Problem.Parameters.Where(p => p.IsFixed).Select(p => new Cevns.Fitting.FixedValue(p.Name, p.Initial)).ToArray(), [],
                free, DataPoints - free.Length, Problem.Parameters.Where(p => !p.IsFixed && !scanned.Contains(p.Name)).Select(p => p.Name).ToArray(),
                Problem.Parameters.Select(p => p.Name).ToArray());
        }

        /// <summary>A five-bin spectrum scaled by norm.e (for the figure; not part of chi^2).</summary>
        public IReadOnlyList<DatasetSpectrum> Spectra(IReadOnlyList<double> x) => _datasets.Select(d =>
            new DatasetSpectrum(d.Label, "energy [keV]", [(1, 2), (2, 3), (3, 4), (4, 6), (6, 10)],
                new[] { 10.0, 20, 30, 20, 10 }.Select(v => v * x[_ne]).ToArray(), [12, 25, 31, 15, 11], false)).ToArray();

        private static double Sq(double v) => v * v;
    }
}
