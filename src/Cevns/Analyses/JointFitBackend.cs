using Cevns.Datasets;
using Cevns.Datasets.Kinds;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Statistics;

namespace Cevns.Analyses;

/// <summary>
/// The analysis backend of the shipped datasets: each dataset entry is loaded once with its options
/// (<see cref="DatasetRegistry.Load(DatasetDefinition, string)"/>) and asked for its likelihood
/// (<see cref="DatasetLikelihoods.For"/>); each fit is a <see cref="JointFit"/> of its datasets' likelihoods with the
/// analysis' free and fixed parameters, priors and ranges, so 'run' minimises exactly the chi^2 of 'fit'.
/// </summary>
public sealed class JointFitBackend : IAnalysisBackend
{
    private readonly Dictionary<string, (IDataset Dataset, IDatasetLikelihood Likelihood)> _loaded = new(StringComparer.Ordinal);

    public IReadOnlyList<DatasetSummary> Load(AnalysisFile analysis, string dataDirectory)
    {
        AnalysisDatasets.Check(analysis, DatasetRegistry.Definitions);
        var summaries = new List<DatasetSummary>();
        foreach (var d in analysis.Datasets)
        {
            var def = DatasetRegistry.Find(d.Id);
            if (d.Options.Count > 0)
            {
                try
                {
                    def = def.With(d.Options);
                }
                catch (Exception e) when (e is DatasetException or DatasetDefinitionException or ArgumentException)
                {
                    throw d.Error("options", e.Message);
                }
            }
            string? unavailable = null;
            var notes = new List<string>();
            if (def.DataNote is { } note) notes.Add(note);
            try
            {
                var dataset = DatasetRegistry.Load(def, dataDirectory);
                var likelihood = DatasetLikelihoods.For(dataset);
                if (likelihood.RateOnly) notes.Add("enters through its total rate only (the public data have no spectrum)");
                _loaded[d.Label] = (dataset, likelihood);
            }
            catch (DatasetException e) when (d.Optional)
            {
                unavailable = e.Message;
            }
            catch (DatasetException e)
            {
                throw new DatasetException(d.Error("id", e.Message).Message);
            }
            summaries.Add(new DatasetSummary(d.Label, d.Id, def.Title, def.Reference, def.Files, d.Options, notes, unavailable));
        }
        return summaries;
    }

    public IAnalysisFitModel BuildFit(AnalysisFile analysis, AnalysisFit fit)
    {
        var labels = fit.Datasets.ToArray();
        var likelihoods = labels.Select(l => _loaded[l].Likelihood).ToArray();
        var spec = new FitSpecification
        {
            Free = analysis.Free.Select(p => p.Name).ToArray(),
            Fixed = analysis.Fixed.Select(kv => new FixedValue(kv.Key, kv.Value)).ToArray(),
            Priors = analysis.Priors.Select(p => new GaussianPrior(p.Name, p.Mean, p.Sigma)).ToArray(),
            Ranges = analysis.Free.Where(p => p.Lower is not null).Select(p => new RangeOverride(p.Name, p.Lower!.Value, p.Upper!.Value)).ToArray(),
        };
        JointFit joint;
        try
        {
            joint = JointFit.Create(likelihoods, spec);
        }
        catch (FitSetupException e)
        {
            throw fit.Error(e.Message);
        }
        return new Model(joint, labels, labels.Select(l => _loaded[l].Dataset).ToArray());
    }

    private sealed class Model(JointFit joint, string[] labels, IDataset[] datasets) : IAnalysisFitModel
    {
        private readonly HashSet<string> _nuisances = joint.Nuisances.ToHashSet(StringComparer.Ordinal);
        private readonly (string Axis, IReadOnlyList<(double, double)>? Bins, int Length)[] _layout = datasets.Select((d, i) => Layout(d, joint.Likelihoods[i])).ToArray();

        public FitProblem Problem => joint.Problem;

        public FitProblem IndependentProblem() => joint.CreateWorkerProblem();

        public int DataPoints => joint.DataPoints;

        public bool IsNuisance(string name) => _nuisances.Contains(name);

        public IReadOnlyList<Chi2Term> Breakdown(IReadOnlyList<double> x)
        {
            var ids = joint.DatasetIds;
            return joint.Breakdown(x).Select(t =>
            {
                int d = Array.IndexOf(ids.ToArray(), t.Label);
                return d >= 0 ? new Chi2Term(labels[d], t.Chi2, joint.Likelihoods[d].DataPoints) : new Chi2Term(t.Label, t.Chi2, 0);
            }).ToArray();
        }

        public PhysicsParameters Physics(IReadOnlyList<double> x) => joint.PhysicsAt(x);

        public IReadOnlyList<DatasetSpectrum> Spectra(IReadOnlyList<double> x)
        {
            var physics = joint.PhysicsAt(x);
            var result = new List<DatasetSpectrum>();
            for (int d = 0; d < labels.Length; d++)
            {
                var like = joint.Likelihoods[d];
                var expected = like.Expected(physics, joint.ScaleOf(d, x), joint.NuisancesOf(d, x));
                var (axis, bins, length) = _layout[d];
                // Gaussian likelihoods that expose their errors (the Dresden-II acceptance-corrected spectrum).
                var errors = like is ReactorSpectrumLikelihood r ? r.Errors.Take(length).ToArray() : null;
                result.Add(new DatasetSpectrum(labels[d], axis, bins, expected[..length], like.Observed.Take(length).ToArray(),
                    like.RateOnly || errors is not null, errors));
            }
            return result;
        }

        /// <summary>
        /// The bin range of each observation along the dataset's first axis when the observations are its bins, its
        /// analysis bins, or several blocks of its bins (e.g. beam-ON then beam-OFF counts: the spectrum shows the first
        /// block); otherwise every observation as a data point.
        /// </summary>
        private static (string, IReadOnlyList<(double, double)>?, int) Layout(IDataset dataset, IDatasetLikelihood like)
        {
            var prediction = dataset.Predict(PhysicsParameters.StandardModel);
            var bins = prediction.Bins;
            int n = like.Observed.Count;
            if (n != bins.Count && n == prediction.InAnalysis.Count(b => b))
                bins = bins.Where((_, i) => prediction.InAnalysis[i]).ToArray();
            if (bins.Count == 0 || n % bins.Count != 0) return ("data point", null, n);
            var first = bins[0].Ranges[0];
            string axis = first.Unit.Length > 0 ? $"{first.Axis} [{first.Unit}]" : first.Axis;
            var ranges = bins.Select(b => (b.Ranges[0].Lo, b.Ranges[0].Hi)).ToArray();
            return (axis, ranges, bins.Count);
        }
    }
}
