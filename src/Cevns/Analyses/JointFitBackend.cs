using Cevns.Data;
using Cevns.Datasets.Kinds;
using Cevns.Datasets;
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
                catch (Exception e) when (e is DatasetException or DefinitionFileException or ArgumentException)
                {
                    throw d.Error("options", e.Message);
                }
            }
            if (analysis.ChargeRadiusQDependent)
                def = def with { CrossSections = def.CrossSections with { MomentumDependentChargeRadius = true } };
            string? unavailable = null;
            var notes = new List<string>();
            if (def.DataNote is { } note) notes.Add(note);
            if (analysis.ChargeRadiusQDependent) notes.Add("momentum-dependent SM neutrino charge radius in CEvNS (arXiv:2402.16709)");
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

    /// <summary>A loaded dataset entry with its likelihood (null when the label was not loaded, e.g. an unavailable optional dataset).</summary>
    public (IDataset Dataset, IDatasetLikelihood Likelihood)? Loaded(string label) => _loaded.TryGetValue(label, out var d) ? d : null;

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
            Ties = analysis.Ties,
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
        private readonly (string Axis, IReadOnlyList<(double, double)>? Bins, int[]? BinIndex)[] _layout = datasets.Select((d, i) => Layout(d, joint.Likelihoods[i])).ToArray();

        public FitProblem Problem => joint.Problem;

        public FitProblem IndependentProblem() => joint.CreateWorkerProblem();

        public int DataPoints => joint.DataPoints;

        public IReadOnlyList<FixedValue> NotConstrained => joint.NotConstrained;

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

        public ScanDescription DescribeScan(IReadOnlyList<ScanAxis> axes) => ScanDescription.Of(joint, axes);

        public IReadOnlyList<DatasetSpectrum> Spectra(IReadOnlyList<double> x)
        {
            var physics = joint.PhysicsAt(x);
            var result = new List<DatasetSpectrum>();
            for (int d = 0; d < labels.Length; d++)
            {
                var like = joint.Likelihoods[d];
                var scale = joint.ScaleOf(d, x);
                var expected = like.Expected(physics, scale, joint.NuisancesOf(d, x));
                var (axis, bins, index) = _layout[d];
                int length = index?.Length ?? like.Observed.Count;
                // Gaussian likelihoods that expose their errors (the Dresden-II acceptance-corrected spectrum).
                var errors = like is ReactorSpectrumLikelihood r ? r.Errors.Take(length).ToArray() : null;
                var spectrum = new DatasetSpectrum(labels[d], axis, bins, expected[..length], like.Observed.Take(length).ToArray(),
                    like.RateOnly || errors is not null, errors);
                if (index is not null)
                {
                    var prediction = datasets[d].Predict(physics);
                    spectrum = spectrum with
                    {
                        Ranges = index.Select(i => prediction.Bins[i].Ranges).ToArray(),
                        Components = Components(prediction, index, FittedGroups(like, physics, scale, joint.NuisancesOf(d, x), length)),
                    };
                }
                result.Add(spectrum);
            }
            return result;
        }

        /// <summary>
        /// The fitted expectation split into the background total and the signal of each flavour, each with the
        /// nuisances at the point: the expectation is linear in each species' signal scale, so switching off all signal
        /// (flux normalisation 0) leaves the backgrounds, and switching off one flavour's scale leaves the other's
        /// signal. A tau signal (it is in both one-flavour expectations) is what remains.
        /// </summary>
        private static Dictionary<string, double[]> FittedGroups(IDatasetLikelihood like, PhysicsParameters physics, SignalScale scale,
            double[] nuisances, int length)
        {
            var total = like.Expected(physics, scale, nuisances)[..length];
            var background = like.Expected(physics, scale with { FluxNorm = 0 }, nuisances)[..length];
            var eAndTau = like.Expected(physics, scale with { NormMu = 0 }, nuisances)[..length];
            var muAndTau = like.Expected(physics, scale with { NormE = 0 }, nuisances)[..length];
            var tau = new double[length];
            var e = new double[length];
            var mu = new double[length];
            for (int i = 0; i < length; i++)
            {
                tau[i] = (eAndTau[i] - background[i]) + (muAndTau[i] - background[i]) - (total[i] - background[i]);
                e[i] = eAndTau[i] - background[i] - tau[i];
                mu[i] = muAndTau[i] - background[i] - tau[i];
            }
            return new() { ["background"] = background, ["e"] = e, ["mu"] = mu, ["tau"] = tau };
        }

        private static string GroupOf(NeutrinoSpecies? species) => species?.Flavor() switch
        {
            null => "background",
            Flavor.E => "e",
            Flavor.Mu => "mu",
            _ => "tau",
        };

        /// <summary>
        /// The components at the observations' bins, as fitted: CEvNS per species, nu-e scattering and Migdal (each all
        /// species together) and each background. The prediction gives each component with the nuisances at their central values; the
        /// fitted background total and each flavour's fitted signal (<see cref="FittedGroups"/>) are shared among their
        /// components in proportion to those, bin by bin, so the stack adds up to the fitted expectation.
        /// </summary>
        private static IReadOnlyList<SpectrumComponent> Components(DatasetPrediction p, int[] index, Dictionary<string, double[]> fitted)
        {
            var nominal = new List<(SpectrumComponent Component, string Group)>();
            foreach (var (species, v) in p.Cevns)
                nominal.Add((new SpectrumComponent(species, SpectrumComponentKind.Cevns, $"CEvNS {SpectrumComponent.SpeciesName(species)}",
                    index.Select(i => v[i]).ToArray()), GroupOf(species)));
            foreach (var (species, v) in p.ElectronScattering)
                nominal.Add((new SpectrumComponent(species, SpectrumComponentKind.ElectronScattering, "ν-e scattering",
                    index.Select(i => v[i]).ToArray()), GroupOf(species)));
            foreach (var (species, v) in p.Migdal)
                nominal.Add((new SpectrumComponent(species, SpectrumComponentKind.Migdal, "Migdal (CEvNS + e⁻)",
                    index.Select(i => v[i]).ToArray()), GroupOf(species)));
            foreach (var (name, v) in p.Backgrounds)
                nominal.Add((new SpectrumComponent(null, SpectrumComponentKind.Background, name, index.Select(i => v[i]).ToArray()), "background"));
            var groupNominal = nominal.GroupBy(n => n.Group).ToDictionary(g => g.Key,
                g => Enumerable.Range(0, index.Length).Select(i => g.Sum(n => n.Component.Values[i])).ToArray());
            var scaled = nominal.Select(n => n.Component with
            {
                Values = n.Component.Values.Select((v, i) => groupNominal[n.Group][i] > 0 ? fitted[n.Group][i] * v / groupNominal[n.Group][i] : 0.0).ToArray(),
            }).ToList();
            // nu-e scattering and Migdal are one component each: the sum over species.
            foreach (var kind in new[] { SpectrumComponentKind.ElectronScattering, SpectrumComponentKind.Migdal })
            {
                var parts = scaled.Where(c => c.Kind == kind).ToArray();
                scaled.RemoveAll(c => c.Kind == kind);
                if (parts.Length > 0)
                    scaled.Add(parts[0] with { Species = null, Values = Enumerable.Range(0, index.Length).Select(i => parts.Sum(c => c.Values[i])).ToArray() });
            }
            return scaled;
        }

        /// <summary>
        /// The bin range of each observation along the dataset's first axis when the observations are its bins, its
        /// analysis bins, or several blocks of its bins (e.g. beam-ON then beam-OFF counts: the spectrum shows the first
        /// block); otherwise every observation as a data point. BinIndex is the prediction bin of each observation shown.
        /// </summary>
        private static (string, IReadOnlyList<(double, double)>?, int[]?) Layout(IDataset dataset, IDatasetLikelihood like)
        {
            var prediction = dataset.Predict(PhysicsParameters.StandardModel);
            var index = Enumerable.Range(0, prediction.Bins.Count).ToArray();
            int n = like.Observed.Count;
            if (n != index.Length && n == prediction.InAnalysis.Count(b => b))
                index = index.Where(i => prediction.InAnalysis[i]).ToArray();
            var bins = index.Select(i => prediction.Bins[i]).ToArray();
            if (bins.Length == 0 || n % bins.Length != 0) return ("data point", null, null);
            var first = bins[0].Ranges[0];
            string axis = first.Unit.Length > 0 ? $"{first.Axis} [{first.Unit}]" : first.Axis;
            var ranges = bins.Select(b => (b.Ranges[0].Lo, b.Ranges[0].Hi)).ToArray();
            return (axis, ranges, index);
        }
    }
}
