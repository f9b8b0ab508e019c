using Cevns.Datasets;
using Cevns.Physics;
using Cevns.Statistics;

namespace Cevns.Fitting;

/// <summary>
/// A joint fit of several datasets: one <see cref="FitProblem"/> over the free physics parameters (shared by all
/// datasets), the free signal normalisations (<see cref="SignalParameters"/>), and every nuisance of every dataset
/// (named "&lt;dataset id&gt;.&lt;nuisance&gt;", always profiled), built with <see cref="FitProblemBuilder"/>: one chi^2 term
/// per dataset (its <see cref="IDatasetLikelihood.Chi2"/>, which includes its nuisance pulls) plus one per external
/// prior. Parameter order: the free parameters as given, then the flux nuisances, then the nuisances dataset by dataset.
/// <para>
/// Flux nuisances (<see cref="FluxNuisances"/>, docs/physics.md sec. 9): unless flux_norm.sns (flux_norm.reactor) is free
/// or set, the flux normalisation of the spallation (reactor) datasets is a nuisance with the datasets' prior width: one
/// shared by all SNS datasets, named flux_norm.sns, and one per reactor dataset that states a width, named
/// "&lt;id&gt;.flux_norm". It stands in the datasets' <see cref="SignalScale.FluxNorm"/>, so the likelihoods need no change and
/// the exact scale gradients carry over; its pull is a term "prior &lt;name&gt;" of the breakdown. A flux nuisance belongs to
/// the block of its datasets in the <see cref="FitStructure"/>: the SNS datasets of a fit form one block with it.
/// </para>
/// <para>
/// Which physics parameters a dataset reads (<see cref="IDatasetLikelihood.Reads"/>, through ties: a parameter reads as
/// read when one tied to it is): a dataset's term is differentiated only in the free physics parameters it reads and
/// remembers its last value keyed by those only (<see cref="DatasetTermMemo"/>), so a step in rn.Pb costs nothing in the
/// CsI term. A free physics parameter that no dataset and no prior of the fit reads is not varied at all: chi^2 is flat
/// along it, so it has no best fit and no interval. It is held at its starting value (the default, moved into its fit
/// range), left out of <see cref="FreeParameters"/> and the degrees of freedom, and listed in <see cref="NotConstrained"/>
/// so that every output can say so.
/// </para>
/// <para>
/// Degrees of freedom: data points of all datasets + one per external prior - free physics and signal parameters
/// (those varied: not the <see cref="NotConstrained"/> ones) - unconstrained nuisances (infinite sigma). A constrained
/// nuisance adds one parameter and one pull (a measurement), which cancel.
/// </para>
/// The objective of a problem keeps state (the physics point of <see cref="PhysicsPointCache"/>, dataset caches),
/// so a problem is used from one thread at a time; <see cref="CreateWorkerProblem"/> gives independent copies.
/// </summary>
public sealed class JointFit : IFitProblemSource
{
    private readonly IDatasetLikelihood[] _likelihoods;
    private readonly FitParameter[] _parameters;
    private readonly int[][] _nuisanceSlots;
    private readonly int[][] _groups;              // datasets profiled together: those sharing a flux nuisance, else one each
    private readonly int[][] _groupSlots;          // per group: the nuisances of its datasets and their flux nuisance
    private readonly int[] _fluxSlot;              // per dataset: the slot of its flux nuisance, or -1
    private readonly GaussianPrior[] _pulls;       // external priors, then the flux nuisances' pulls
    private readonly PhysicsParameters _fixedPhysics;
    private readonly Dictionary<string, double> _fixedSignal;
    private readonly Instance _main;
    private readonly object _copyLock = new();

    private sealed record Instance(FitProblem Problem, FitProblemBuilder Builder, PhysicsPointCache Cache);

    private JointFit(IDatasetLikelihood[] likelihoods, FitSpecification spec, FitParameter[] parameters, int[][] nuisanceSlots,
        PhysicsParameters fixedPhysics, Dictionary<string, double> fixedSignal, IReadOnlyList<string> nuisanceNames, bool gradients,
        IReadOnlyList<FluxNuisance> fluxNuisances, IReadOnlyList<FixedValue> notConstrained)
    {
        _likelihoods = likelihoods;
        Gradients = gradients;
        Specification = spec;
        _parameters = parameters;
        _nuisanceSlots = nuisanceSlots;
        FluxNuisances = fluxNuisances;
        _fluxSlot = Enumerable.Repeat(-1, likelihoods.Length).ToArray();
        foreach (var n in fluxNuisances)
        {
            int slot = Array.FindIndex(parameters, p => p.Name == n.Name);
            foreach (int d in n.Datasets) _fluxSlot[d] = slot;
        }
        // Datasets sharing a flux nuisance form one block (each flux nuisance acts within one source kind: the groups are disjoint).
        _groups = Enumerable.Range(0, likelihoods.Length)
            .GroupBy(d => _fluxSlot[d] >= 0 ? -1 - _fluxSlot[d] : d).Select(g => g.ToArray()).OrderBy(g => g[0]).ToArray();
        _groupSlots = _groups.Select(g => g.SelectMany(d => nuisanceSlots[d])
            .Concat(g.Select(d => _fluxSlot[d]).Where(i => i >= 0).Distinct()).ToArray()).ToArray();
        _pulls = spec.Priors.Concat(fluxNuisances.Select(n => new GaussianPrior(n.Name, 1.0, n.Sigma))).ToArray();
        _fixedPhysics = fixedPhysics;
        Ties = spec.ResolvedTies;
        _fixedSignal = fixedSignal;
        Nuisances = nuisanceNames;
        NotConstrained = notConstrained;
        FreeParameters = spec.Free.Where(n => !notConstrained.Any(c => c.Name == n)).ToArray();
        _main = Build(likelihoods);
    }

    public FitSpecification Specification { get; }

    /// <summary>Whether the problems carry a gradient (see <see cref="Create"/>).</summary>
    public bool Gradients { get; }

    public IReadOnlyList<IDatasetLikelihood> Likelihoods => _likelihoods;

    public IReadOnlyList<string> DatasetIds => _likelihoods.Select(l => l.Dataset.Definition.Id).ToArray();

    /// <summary>Datasets entering through a total-rate term only (flagged in every output).</summary>
    public IReadOnlyList<string> RateOnly => _likelihoods.Where(l => l.RateOnly).Select(l => l.Dataset.Definition.Id).ToArray();

    /// <summary>The free physics and signal parameters that are varied, in the order given (not the <see cref="NotConstrained"/> ones).</summary>
    public IReadOnlyList<string> FreeParameters { get; }

    /// <summary>
    /// Physics parameters given as free that no dataset and no prior of this fit reads (see the class remarks), with the
    /// value they are held at; not varied, not counted as free parameters. Order as given.
    /// </summary>
    public IReadOnlyList<FixedValue> NotConstrained { get; }

    /// <summary>What every output says in place of the best fit and interval of a <see cref="NotConstrained"/> parameter.</summary>
    public static string NotConstrainedText(string name) => $"not constrained: no dataset or prior of this fit reads {name}";

    /// <summary>
    /// Refuses a profile scan over a <see cref="NotConstrained"/> parameter with a one-line <see cref="FitSetupException"/>:
    /// its profile would be Delta chi^2 = 0 at every point, which says nothing.
    /// </summary>
    public void CheckScannable(IEnumerable<string> names)
    {
        foreach (var name in names)
            if (NotConstrained.Any(c => c.Name == name))
                throw new FitSetupException($"cannot scan {name}: no dataset or prior of this fit ({string.Join(", ", DatasetIds)}) reads it, so its profile would be flat (Delta chi2 = 0 everywhere)");
    }

    /// <summary>Whether dataset term <paramref name="likelihood"/> can depend on the physics parameter: it or one tied to it is read.</summary>
    private static bool Reads(IDatasetLikelihood likelihood, string name, ParameterTies ties) => ties.MovedBy(name).Any(likelihood.Reads);

    /// <summary>All nuisance names: the flux nuisances, then the datasets' own (dataset id prefixed) dataset by dataset.</summary>
    public IReadOnlyList<string> Nuisances { get; }

    /// <summary>The flux normalisations that are nuisances in this fit (see the class remarks).</summary>
    public IReadOnlyList<FluxNuisance> FluxNuisances { get; }

    /// <summary>Nuisances without a Gaussian pull (infinite sigma): free parameters as far as the degrees of freedom go.</summary>
    public IReadOnlyList<string> UnconstrainedNuisances =>
        _likelihoods.SelectMany((l, d) => l.Nuisances.Select((n, k) => (n, k, d)))
            .Where(t => !double.IsFinite(t.n.Sigma)).Select(t => _parameters[_nuisanceSlots[t.d][t.k]].Name).ToArray();

    /// <summary>The main problem (for fits on the calling thread).</summary>
    public FitProblem Problem => _main.Problem;

    /// <summary>Tied physics parameters (--tie), derived at every point from their roots.</summary>
    public ParameterTies Ties { get; }

    /// <summary>Values of every physics parameter that is not free (Standard Model plus --set, tied ones derived).</summary>
    public PhysicsParameters FixedPhysics => _fixedPhysics;

    /// <summary>Values of the signal parameters that are not free (1 unless --set).</summary>
    public IReadOnlyDictionary<string, double> FixedSignal => _fixedSignal;

    /// <summary>Data points of all datasets.</summary>
    public int DataPoints => _likelihoods.Sum(l => l.DataPoints);

    /// <summary>See the class remarks for the convention.</summary>
    public int DegreesOfFreedom => DataPoints + Specification.Priors.Count - FreeParameters.Count - UnconstrainedNuisances.Count;

    /// <summary>How many physics points the main problem has built (a new one only when a free physics value changes).</summary>
    public int PhysicsPointsBuilt => _main.Cache.Builds;

    /// <summary>
    /// Builds a joint fit, validating the specification against the datasets (errors are <see cref="FitSetupException"/>).
    /// With <paramref name="gradients"/> (the default) the problems carry the gradient of chi^2: per dataset
    /// <see cref="IDatasetLikelihood.Chi2WithGradient"/> for its nuisances and the signal normalisations (exact where the
    /// likelihood provides it), and central differences of the dataset's chi^2 for the free physics parameters (cheap: a
    /// new physics point costs a few vector operations per bin). The minimiser then needs a few gradient evaluations per
    /// iteration instead of 2n + 1 chi^2 evaluations, and a Hessian of n gradients instead of ~2 n^2 chi^2 values.
    /// </summary>
    public static JointFit Create(IReadOnlyList<IDatasetLikelihood> likelihoods, FitSpecification specification, bool gradients = true)
    {
        DatasetCombination.Check(likelihoods.Select(l => l.Dataset.Definition).ToArray());
        var ids = likelihoods.Select(l => l.Dataset.Definition.Id).ToArray();
        specification.Validate(ids);

        foreach (var name in specification.Free.Concat(specification.Fixed.Select(f => f.Name)).Where(SignalParameters.IsSignalParameter))
            if (!likelihoods.Any(l => SignalParameters.AppliesTo(name, l.Source)))
                throw new FitSetupException($"'{name}' acts on {(name == SignalParameters.FluxNormSns ? "spallation" : "reactor")} datasets; none is in this fit ({string.Join(", ", ids)})");

        var ties = specification.ResolvedTies;
        var parameters = new List<FitParameter>();
        var notConstrained = new List<FixedValue>();
        foreach (var name in specification.Free)
        {
            var e = FitRanges.For(name);
            var (lo, hi) = specification.RangeOf(name);
            double initial = Math.Clamp(e.Default, lo, hi);
            if (!SignalParameters.IsSignalParameter(name) && !specification.Priors.Any(p => p.Name == name) && !likelihoods.Any(l => Reads(l, name, ties)))
                notConstrained.Add(new FixedValue(name, initial));
            else
                parameters.Add(new FitParameter(name, initial, lo, hi, Math.Min(e.Step, 0.1 * (hi - lo))));
        }

        var nuisanceNames = new List<string>();
        var fluxNuisances = Fitting.FluxNuisances.For(likelihoods, specification);
        foreach (var n in fluxNuisances)
        {
            var e = FitRanges.For(n.Name.StartsWith(SignalParameters.FluxNormSns, StringComparison.Ordinal) ? SignalParameters.FluxNormSns : SignalParameters.FluxNormReactor);
            parameters.Add(new FitParameter(n.Name, 1.0, e.FitLower, e.FitUpper, n.Sigma));
            nuisanceNames.Add(n.Name);
        }
        var nuisanceSlots = new int[likelihoods.Count][];
        for (int d = 0; d < likelihoods.Count; d++)
        {
            var l = likelihoods[d];
            nuisanceSlots[d] = new int[l.Nuisances.Count];
            for (int k = 0; k < l.Nuisances.Count; k++)
            {
                var n = l.Nuisances[k];
                string name = QualifiedName(ids[d], n.Name);
                if (parameters.Any(p => p.Name == name))
                    throw new InvalidOperationException($"dataset {ids[d]}: nuisance '{name}' appears twice or clashes with a fit parameter");
                nuisanceSlots[d][k] = parameters.Count;
                parameters.Add(new FitParameter(name, n.Central, n.Lower, n.Upper, double.IsFinite(n.Sigma) && n.Sigma > 0 ? n.Sigma : double.NaN));
                nuisanceNames.Add(name);
            }
        }

        foreach (var p in specification.Priors)
            if (!parameters.Any(q => q.Name == p.Name))
                throw new FitSetupException($"prior on '{p.Name}': no such free parameter or nuisance (nuisances: {(nuisanceNames.Count == 0 ? "none" : string.Join(", ", nuisanceNames))})");
        if (parameters.Count == 0)
            throw new FitSetupException(notConstrained.Count == 0
                ? "nothing to fit: no free parameter and the datasets have no nuisances (give --free)"
                : $"nothing to fit: no dataset of this fit ({string.Join(", ", ids)}) reads {string.Join(", ", notConstrained.Select(c => c.Name))}, and the datasets have no nuisances");

        var physics = ties.Apply(PhysicsParameters.StandardModel.With(specification.Fixed.Where(f => !SignalParameters.IsSignalParameter(f.Name))
            .Select(f => new KeyValuePair<string, double>(f.Name, f.Value))
            .Concat(notConstrained.Select(c => new KeyValuePair<string, double>(c.Name, c.Value)))));
        var signal = SignalParameters.Names.ToDictionary(n => n, _ => SignalParameters.Default, StringComparer.Ordinal);
        foreach (var f in specification.Fixed.Where(f => SignalParameters.IsSignalParameter(f.Name)))
            signal[f.Name] = f.Value;
        return new JointFit(likelihoods.ToArray(), specification, parameters.ToArray(), nuisanceSlots, physics, signal, nuisanceNames, gradients, fluxNuisances, notConstrained);
    }

    /// <summary>"&lt;id&gt;.&lt;name&gt;" unless the likelihood already prefixed its nuisance with the dataset id.</summary>
    public static string QualifiedName(string datasetId, string nuisance) =>
        nuisance.StartsWith(datasetId + ".", StringComparison.Ordinal) ? nuisance : $"{datasetId}.{nuisance}";

    /// <summary>An independent copy of the problem (own likelihood copies via WithObserved, own caches) for another thread.</summary>
    public FitProblem CreateWorkerProblem()
    {
        lock (_copyLock)
            return Build(_likelihoods.Select(l => l.WithObserved(l.Observed)).ToArray()).Problem;
    }

    /// <summary>
    /// The problem on other observations (one list per dataset, in the order of <see cref="Likelihoods"/>, each in the layout
    /// of its <see cref="IDatasetLikelihood.Observed"/>): pseudo-experiments. Own likelihood copies; thread-safe.
    /// </summary>
    public FitProblem CreateProblem(IReadOnlyList<IReadOnlyList<double>> observations)
    {
        if (observations.Count != _likelihoods.Length)
            throw new ArgumentException($"expected observations of {_likelihoods.Length} datasets, got {observations.Count}", nameof(observations));
        IDatasetLikelihood[] copies;
        lock (_copyLock)
            copies = _likelihoods.Select((l, d) => l.WithObserved(observations[d])).ToArray();
        return Build(copies).Problem;
    }

    /// <summary>Expected observations of every dataset at a parameter vector (on fresh likelihood copies; thread-safe).</summary>
    public double[][] ExpectedAt(IReadOnlyList<double> x)
    {
        if (x.Count != _parameters.Length)
            throw new ArgumentException($"expected {_parameters.Length} parameter values, got {x.Count}", nameof(x));
        IDatasetLikelihood[] copies;
        lock (_copyLock)
            copies = _likelihoods.Select(l => l.WithObserved(l.Observed)).ToArray();
        var physics = PhysicsAt(x);
        return copies.Select((l, d) => l.Expected(physics, ScaleOf(d, x), NuisancesOf(d, x))).ToArray();
    }

    private Instance Build(IDatasetLikelihood[] likelihoods)
    {
        var builder = new FitProblemBuilder();
        foreach (var p in _parameters) builder.AddParameter(p);

        var physicsSlots = new List<int>();
        var physicsNames = new List<string>();
        for (int i = 0; i < FreeParameters.Count; i++)
            if (!SignalParameters.IsSignalParameter(FreeParameters[i]))
            {
                physicsSlots.Add(i);
                physicsNames.Add(FreeParameters[i]);
            }
        var cache = new PhysicsPointCache(_fixedPhysics, physicsSlots.ToArray(), physicsNames.ToArray(), Gradients ? 3 * physicsSlots.Count + 4 : PhysicsPointCache.Capacity, Ties);

        var shifted = new double[_parameters.Length];
        var values = new Func<double[], double>[likelihoods.Length];
        var gradients = new ObjectiveWithGradient?[likelihoods.Length];
        var partials = new ObjectiveWithGradient?[likelihoods.Length];
        for (int d = 0; d < likelihoods.Length; d++)
        {
            var like = likelihoods[d];
            var slots = _nuisanceSlots[d];
            var buffer = new double[slots.Length];
            var nuisanceGradient = new double[slots.Length];
            var scaleGradient = new double[SignalScale.Components];
            var scale = SignalSlots(d);
            // The free physics parameters this dataset reads: the only ones its chi^2 is differentiated in and keyed by.
            int[] readSlots = [.. physicsSlots.Where(i => Reads(like, _parameters[i].Name, Ties))];
            // The nuisance and signal-scale entries (exact where the likelihood provides them).
            double Partial(double[] x, double[] g)
            {
                Array.Clear(g);
                var physics = cache.At(x);
                for (int k = 0; k < slots.Length; k++) buffer[k] = x[slots[k]];
                double chi2 = like.Chi2WithGradient(physics, scale.At(x), buffer, nuisanceGradient, scaleGradient);
                for (int k = 0; k < slots.Length; k++) g[slots[k]] += nuisanceGradient[k];
                scale.AddGradient(scaleGradient, g);
                return chi2;
            }
            double Gradient(double[] x, double[] g)
            {
                double chi2 = Partial(x, g);
                var sc = scale.At(x);
                // Free physics parameters it reads: central differences of this dataset's chi^2 (one-sided at a bound); the
                // others leave it unchanged bit for bit (IDatasetLikelihood.Reads), so their entries are exactly 0.
                foreach (int i in readSlots)
                {
                    var p = _parameters[i];
                    double xi = x[i], h = (xi + PhysicsStep * Math.Max(Math.Abs(xi), p.Step)) - xi;
                    double up = Math.Min(xi + h, p.Upper), down = Math.Max(xi - h, p.Lower);
                    Array.Copy(x, shifted, x.Length);
                    shifted[i] = up;
                    double fUp = up == xi ? chi2 : like.Chi2(cache.At(shifted), sc, buffer);
                    shifted[i] = down;
                    double fDown = down == xi ? chi2 : like.Chi2(cache.At(shifted), sc, buffer);
                    g[i] += (fUp - fDown) / (up - down);
                }
                return chi2;
            }
            double Value(double[] x)
            {
                var physics = cache.At(x);
                for (int k = 0; k < slots.Length; k++) buffer[k] = x[slots[k]];
                return like.Chi2(physics, scale.At(x), buffer);
            }
            // Each entry point remembers its last result (see DatasetTermMemo: exact, it only skips repeated evaluations).
            int[] scaleSlots = [.. new[] { scale.NormE, scale.NormMu, scale.Flux, scale.Signal }.Where(i => i >= 0)];
            int[] inputs = [.. readSlots, .. slots, .. scaleSlots];
            var valueMemo = new DatasetTermMemo(inputs, []);
            var partialMemo = new DatasetTermMemo(inputs, [.. slots, .. scaleSlots]);
            var gradientMemo = new DatasetTermMemo(inputs, [.. slots, .. scaleSlots, .. readSlots]);
            Func<double[], double> value = x => valueMemo.Value(x, Value);
            ObjectiveWithGradient? gradient = !Gradients ? null : (x, g) => gradientMemo.WithGradient(x, g, Gradient);
            builder.AddTerm(like.Dataset.Definition.Id, value, gradient);
            values[d] = value;
            gradients[d] = gradient;
            partials[d] = Gradients ? (x, g) => partialMemo.WithGradient(x, g, Partial) : null;
        }
        foreach (var p in _pulls)
            builder.AddGaussianPrior(p.Name, p.Mean, p.Sigma);
        return new Instance(builder.Build().WithStructure(Structure(likelihoods, values, gradients, partials)), builder, cache);
    }

    /// <summary>
    /// The block structure of the objective: each dataset's nuisances enter only its own chi^2 (and their priors), so a fit
    /// profiles them dataset by dataset (<see cref="SeparableMinimiser"/>); priors on free physics or signal parameters are
    /// shared. Datasets that share a flux nuisance (the SNS datasets) form one block with it: their nuisances are profiled
    /// together, which at fixed physics is one small fit instead of an outer fit of the flux around the per-dataset fits.
    /// </summary>
    private FitStructure Structure(IDatasetLikelihood[] likelihoods, Func<double[], double>[] values, ObjectiveWithGradient?[] gradients,
        ObjectiveWithGradient?[] partials)
    {
        var priors = _pulls.Select(p => (Index: Array.FindIndex(_parameters, q => q.Name == p.Name), Prior: p)).ToArray();
        int BlockOf(int index)
        {
            for (int b = 0; b < _groupSlots.Length; b++)
                if (Array.IndexOf(_groupSlots[b], index) >= 0) return b;
            return -1;
        }
        static double PriorValue((int Index, GaussianPrior Prior)[] list, double[] x) =>
            list.Sum(t => GaussianChiSquare.Pull(x[t.Index], t.Prior.Mean, t.Prior.Sigma));
        static void PriorGradient((int Index, GaussianPrior Prior)[] list, double[] x, double[] g)
        {
            foreach (var (i, p) in list) g[i] += 2 * (x[i] - p.Mean) / (p.Sigma * p.Sigma);
        }
        var blocks = new FitBlock[_groups.Length];
        for (int b = 0; b < _groups.Length; b++)
        {
            var members = _groups[b];
            var own = priors.Where(t => BlockOf(t.Index) == b).ToArray();
            Func<double[], double> value = members.Length == 1 ? values[members[0]] : x =>
            {
                double sum = 0;
                foreach (int d in members) sum += values[d](x);
                return sum;
            };
            // The sum of the members' gradients (each clears the vector it is given).
            ObjectiveWithGradient? Sum(ObjectiveWithGradient?[] parts)
            {
                if (members.Length == 1) return parts[members[0]];
                if (members.Any(d => parts[d] is null)) return null;
                var buffer = new double[_parameters.Length];
                return (x, g) =>
                {
                    Array.Clear(g);
                    double sum = 0;
                    foreach (int d in members)
                    {
                        sum += parts[d]!(x, buffer);
                        for (int i = 0; i < g.Length; i++) g[i] += buffer[i];
                    }
                    return sum;
                };
            }
            ObjectiveWithGradient? WithPriors(ObjectiveWithGradient? gradient) => gradient is null ? null : (x, g) =>
            {
                double f = gradient(x, g);
                PriorGradient(own, x, g);
                return f + PriorValue(own, x);
            };
            string label = string.Join("+", members.Select(d => likelihoods[d].Dataset.Definition.Id));
            blocks[b] = new FitBlock(label, _groupSlots[b],
                own.Length == 0 ? value : x => value(x) + PriorValue(own, x), WithPriors(Sum(gradients)), WithPriors(Sum(partials)));
        }
        var shared = priors.Where(t => BlockOf(t.Index) < 0).ToArray();
        return shared.Length == 0
            ? new FitStructure(blocks)
            : new FitStructure(blocks, x => PriorValue(shared, x), (x, g) =>
            {
                Array.Clear(g);
                PriorGradient(shared, x, g);
                return PriorValue(shared, x);
            });
    }

    /// <summary>Relative step of the central differences in the free physics parameters (x max(|x|, step hint)).</summary>
    public const double PhysicsStep = 1e-5;

    /// <summary>Where each component of a dataset's SignalScale comes from: a slot of the parameter vector or a fixed value.</summary>
    private readonly record struct ScaleSlots(int NormE, int NormMu, int Flux, int Signal, double FixedNormE, double FixedNormMu, double FixedFlux, double FixedSignal)
    {
        /// <summary>Adds d chi^2 / d component to the free signal parameters' entries of <paramref name="g"/>.</summary>
        public void AddGradient(ReadOnlySpan<double> scaleGradient, double[] g)
        {
            if (NormE >= 0) g[NormE] += scaleGradient[0];
            if (NormMu >= 0) g[NormMu] += scaleGradient[1];
            if (Flux >= 0) g[Flux] += scaleGradient[2];
            if (Signal >= 0) g[Signal] += scaleGradient[3];
        }

        public SignalScale At(IReadOnlyList<double> x) => new(
            NormE >= 0 ? x[NormE] : FixedNormE,
            NormMu >= 0 ? x[NormMu] : FixedNormMu,
            Flux >= 0 ? x[Flux] : FixedFlux,
            Signal >= 0 ? x[Signal] : FixedSignal);
    }

    /// <summary>The scale slots of dataset <paramref name="dataset"/>: its flux comes from its flux nuisance when it has one.</summary>
    private ScaleSlots SignalSlots(int dataset)
    {
        var slots = SignalSlots(_likelihoods[dataset].Source);
        return _fluxSlot[dataset] < 0 ? slots : slots with { Flux = _fluxSlot[dataset] };
    }

    private ScaleSlots SignalSlots(SourceKind source)
    {
        string flux = source == SourceKind.Spallation ? SignalParameters.FluxNormSns : SignalParameters.FluxNormReactor;
        int Slot(string name)
        {
            for (int i = 0; i < FreeParameters.Count; i++)
                if (FreeParameters[i] == name) return i;
            return -1;
        }
        return new ScaleSlots(Slot(SignalParameters.NormE), Slot(SignalParameters.NormMu), Slot(flux), Slot(SignalParameters.SignalNorm),
            _fixedSignal[SignalParameters.NormE], _fixedSignal[SignalParameters.NormMu], _fixedSignal[flux], _fixedSignal[SignalParameters.SignalNorm]);
    }

    /// <summary>The physics point of a parameter vector, tied parameters derived (a new object; for reporting).</summary>
    public PhysicsParameters PhysicsAt(IReadOnlyList<double> x) =>
        Ties.Apply(_fixedPhysics.With(FreeParameters.Select((n, i) => (n, i)).Where(t => !SignalParameters.IsSignalParameter(t.n))
            .Select(t => new KeyValuePair<string, double>(t.n, x[t.i]))));

    /// <summary>The value of each tied parameter at a parameter vector, in the order of <see cref="Ties"/>.</summary>
    public IReadOnlyList<(ResolvedTie Tie, double Value)> TiedValuesAt(IReadOnlyList<double> x)
    {
        if (Ties.IsEmpty) return [];
        var point = PhysicsAt(x);
        return Ties.Resolved.Select(r => (r, point[r.Target])).ToArray();
    }

    /// <summary>
    /// The signal scale the datasets of this source see at a parameter vector through the free or fixed signal parameters
    /// and the shared SNS flux nuisance (a reactor dataset's own flux nuisance: <see cref="ScaleOf"/>).
    /// </summary>
    public SignalScale ScaleAt(IReadOnlyList<double> x, SourceKind source)
    {
        int d = Array.FindIndex(_likelihoods, l => l.Source == source);
        return d >= 0 && source == SourceKind.Spallation ? SignalSlots(d).At(x) : SignalSlots(source).At(x);
    }

    /// <summary>The signal scale dataset <paramref name="dataset"/> sees at a parameter vector (its flux nuisance included).</summary>
    public SignalScale ScaleOf(int dataset, IReadOnlyList<double> x) => SignalSlots(dataset).At(x);

    /// <summary>Nuisance values of one dataset at a parameter vector, in the order of its <see cref="IDatasetLikelihood.Nuisances"/>.</summary>
    public double[] NuisancesOf(int dataset, IReadOnlyList<double> x) => _nuisanceSlots[dataset].Select(i => x[i]).ToArray();

    /// <summary>chi^2 of each dataset term (label = dataset id) and each prior (label "prior &lt;name&gt;") at x; uses the main problem.</summary>
    public IReadOnlyList<(string Label, double Chi2)> Breakdown(IReadOnlyList<double> x) => _main.Builder.Breakdown(x);

    /// <summary>The global fit on the main problem, with covariance (for the starting size of interval scans).</summary>
    public FitResult Minimise(MinimiserOptions? options = null) =>
        Minimiser.Minimise(Problem, (options ?? FitOptions.DefaultGlobalMinimiser) with { ComputeCovariance = true });

    /// <summary>Global fit, then profiled intervals of every free physics and signal parameter (unless switched off).</summary>
    public JointFitResult Run(FitOptions? options = null) => JointFitRunner.Run(this, options ?? new FitOptions());
}
