using Cevns.Detectors;
using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Physics.Nuclei;
using Cevns.Sources;

namespace Cevns.Datasets;

/// <summary>
/// The signal of one channel (CEvNS or nu-e scattering) of a detector exposed to one flux, in reconstructed energy
/// bins, per neutrino species. Built once: flux moments on the recoil grid, response matrix, and the decomposition of
/// the event density into coupling-independent terms (<see cref="SignalDecomposition"/>). The terms folded with the
/// response are per-bin kernels, kept for the last few keys (neutron radii, mediator masses, active optional terms),
/// so a new physics point costs the coupling coefficients and one short dot product per bin and species
/// (<see cref="PredictInto"/>, allocation free); a new key costs the kernels once (form factors on the grid and one
/// matrix-vector product per term; the node functions are shared with the signals that differ only in their response,
/// <see cref="SignalSource"/>). With only the plain weak CEvNS term, a new neutron radius costs less still: the kernels are
/// assembled per element from polynomial interpolants in that element's neutron radius, each checked against exact folds
/// when built (<see cref="NeutronRadiusPanel"/>; agreement to rounding). <see cref="PredictReference"/> is the direct
/// per-node evaluation of the cross sections, kept as the reference the fast path is tested against. Thread-safe.
/// </summary>
public sealed class BinnedSignal
{
    /// <summary>Kernel sets kept (distinct keys, most recent first out).</summary>
    public const int KernelCacheCapacity = 32;

    // Nodes: the node functions the kernels were folded from (the source's array, shared, not copied; empty for kernels
    // assembled per element, BuildPlainWeak).
    private sealed record KernelSet(int Terms, double[] Nodes, double[] Kernels);

    private readonly SignalSource _source;
    private readonly RecoilSpectrum _spectrum;
    private readonly ResponseMatrix _response;
    private readonly SignalDecomposition _decomposition;
    private readonly RecentKeyedValues<KernelSet> _sets = new(KernelCacheCapacity);

    public TargetMaterial Target { get; }
    public ScatteringChannel Channel { get; }
    public CrossSectionOptions Options { get; }
    public IReadOnlyList<NeutrinoSpecies> Species => _spectrum.Species;
    public int SpeciesCount => _spectrum.Species.Count;
    public int BinCount => _response.BinCount;
    public RecoilGrid Grid => _response.Grid;

    /// <summary>The detector response the signal is folded with (recoil grid to reconstructed bins).</summary>
    internal ResponseMatrix Response => _response;

    /// <summary>The response-independent part, shared with the signals that differ only in their response.</summary>
    internal SignalSource Source => _source;

    /// <summary>How many kernel sets have been built (a new one per new key; for tests and benchmarks).</summary>
    public int KernelBuilds => _sets.Builds;

    /// <summary>How many kernel rows (species x term) of those builds were copied from the previous build instead of folded
    /// with the response, their node functions being bit for bit the same (for tests and benchmarks).</summary>
    public int KernelRowsReused => Volatile.Read(ref _rowsReused);

    private int _rowsReused;

    /// <param name="targetUnits">Number of target units (atoms or formula units) in the detector.</param>
    /// <param name="response">Response built on the recoil grid the signal is integrated on (nuclear recoil for
    /// CEvNS, electron recoil for nu-e scattering).</param>
    public BinnedSignal(TargetMaterial target, double targetUnits, INeutrinoFlux flux, ScatteringChannel channel,
        ResponseMatrix response, CrossSectionOptions options)
    {
        Target = target;
        Channel = channel;
        Options = options;
        _response = response;
        // Signals differing only in their response share the flux moments and node functions (SignalSource).
        _source = SignalSource.For(target, targetUnits, flux, channel, response.Grid, options);
        _spectrum = _source.Spectrum;
        _decomposition = _source.Decomposition;
    }

    /// <summary>
    /// Recoil grid for a target and flux: log panels from minMeV to the largest kinematically allowed recoil, with
    /// panel edges at the maximal recoil of every spectral edge (lines, end points) of every target component.
    /// </summary>
    public static RecoilGrid GridFor(TargetMaterial target, ScatteringChannel channel, INeutrinoFlux flux, double minMeV, int panels, int order = 8)
    {
        var masses = channel == ScatteringChannel.Cevns
            ? target.Components.Select(c => c.Isotope.NuclearMassMeV).Distinct().ToArray()
            : [Constants.ElectronMassMeV];
        var edges = masses.SelectMany(m => flux.SpectralEdgesMeV.Select(e => Kinematics.MaxRecoilMeV(e, m))).ToArray();
        double max = masses.Max(m => Kinematics.MaxRecoilMeV(flux.MaxEnergyMeV, m));
        return RecoilGrid.LogPanels(minMeV, max, panels, order, edges);
    }

    /// <summary>Expected events per reconstructed bin for each species of the flux, at one physics point (fast path).</summary>
    public Dictionary<NeutrinoSpecies, double[]> Predict(PhysicsParameters parameters)
    {
        int nb = BinCount;
        var all = new double[SpeciesCount * nb];
        PredictInto(parameters, all);
        var result = new Dictionary<NeutrinoSpecies, double[]>();
        for (int s = 0; s < SpeciesCount; s++)
            result[_spectrum.Species[s]] = all.AsSpan(s * nb, nb).ToArray();
        return result;
    }

    /// <summary>
    /// Expected events per bin at one physics point into counts[s * BinCount + bin], s indexing <see cref="Species"/>.
    /// Allocation free unless the point has a new key (then the kernels are built once).
    /// </summary>
    public void PredictInto(PhysicsParameters parameters, Span<double> counts)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int ns = SpeciesCount, nb = BinCount;
        if (counts.Length != ns * nb)
            throw new ArgumentException($"expected {ns} species x {nb} bins = {ns * nb} counts, got {counts.Length}", nameof(counts));
        // Key and coefficients are those of the source (shared by the signals that differ only in their response).
        var point = _source.TermsAt(parameters);
        var set = Kernels(point.Key);
        int terms = set.Terms;
        var coefficients = point.Coefficients;
        var kernels = set.Kernels.AsSpan();
        for (int s = 0; s < ns; s++)
        {
            var row = counts.Slice(s * nb, nb);
            row.Clear();
            for (int m = 0; m < terms; m++)
            {
                double c = coefficients[s * terms + m];
                if (c == 0) continue;
                var k = kernels.Slice((s * terms + m) * nb, nb);
                for (int b = 0; b < nb; b++) row[b] += c * k[b];
            }
            // The cross section is non-negative at every node; only rounding can push a bin below zero.
            for (int b = 0; b < nb; b++) row[b] = Math.Max(0.0, row[b]);
        }
    }

    /// <summary>
    /// The reference (slow) path: cross sections built for the point and evaluated at every grid node and species
    /// (<see cref="RecoilSpectrum.AddEventDensity"/>), then the response matrix. Same numbers as <see cref="Predict"/>
    /// up to rounding; used to test it.
    /// </summary>
    public Dictionary<NeutrinoSpecies, double[]> PredictReference(PhysicsParameters parameters)
    {
        var xs = TargetCrossSection.Build(Target, Channel, parameters, Options);
        var result = new Dictionary<NeutrinoSpecies, double[]>();
        var density = new double[_response.Grid.Count];
        for (int s = 0; s < _spectrum.Species.Count; s++)
        {
            Array.Clear(density);
            _spectrum.AddEventDensity(xs, s, density);
            var counts = new double[_response.BinCount];
            _response.Apply(density, counts);
            result[_spectrum.Species[s]] = counts;
        }
        return result;
    }

    /// <summary>Event density dN/dT (events/MeV) of one species on the grid, at one physics point (for plots and checks).</summary>
    public double[] EventDensity(PhysicsParameters parameters, NeutrinoSpecies species)
    {
        var xs = TargetCrossSection.Build(Target, Channel, parameters, Options);
        var d = new double[Grid.Count];
        int s = _spectrum.IndexOf(species);
        if (s >= 0) _spectrum.AddEventDensity(xs, s, d);
        return d;
    }

    private KernelSet Kernels(ReadOnlySpan<double> key) => _sets.GetOrAdd(key, _build ??= Build);

    // The builder delegate made once: a method group converted at each call would allocate on the hot path.
    private RecentKeyedValues<KernelSet>.Builder? _build;

    // The last kernel set built, the source of rows to reuse.
    private KernelSet? _lastBuilt;

    /// <summary>
    /// Kernels for a new key: each row of node functions (species s, term m) folded with the response. A row depends on only
    /// some of the key: with only neutron radii moving (the finite-difference steps and profile scans of a fit), the rows of the
    /// proton-proton terms (Z^2 F_Z^2, and the running-charge-radius terms of Z F_Z) are the same numbers as in the last build.
    /// Such a row, equal bit for bit to the same row of the last build, takes that build's kernel row: the fold is a fixed
    /// function of the row (the same sums in the same order, <see cref="ResponseMatrix.Apply"/>), so the kernels are those
    /// of a full fold, bit for bit.
    /// </summary>
    private KernelSet Build(ReadOnlySpan<double> key)
    {
        // Keys at the catalogue radii (every fit with fixed radii) keep the whole fold: their numbers are those of the direct
        // fold bit for bit; keys with moved neutron radii (fits that free them) take the per-element interpolants. A moved
        // proton radius keeps the whole fold too: panels are built per proton radius, so a fit stepping rp would build a
        // panel (NeutronRadiusPanel.PointCount folds) per step instead of one fold.
        if (InterpolateNeutronRadii && _decomposition is CevnsSignalDecomposition cevns && cevns.HasPlainWeakTerm(key)
            && cevns.HasDefaultProtonRadii(key) && !cevns.HasDefaultRadii(key))
            return BuildPlainWeak(cevns, key);
        int ns = SpeciesCount, nb = BinCount, nj = Grid.Count;
        var (terms, nodes) = _source.NodeFunctions(key);
        int rows = ns * terms;
        var kernels = new double[rows * nb];
        var last = Volatile.Read(ref _lastBuilt);
        Span<int> fold = rows <= 256 ? stackalloc int[rows] : new int[rows];
        int folded = 0;
        for (int r = 0; r < rows; r++)
        {
            var row = nodes.AsSpan(r * nj, nj);
            if (last is not null && (r + 1) * nj <= last.Nodes.Length
                && Bitwise.Equal(row, last.Nodes.AsSpan(r * nj, nj)))
                last.Kernels.AsSpan(r * nb, nb).CopyTo(kernels.AsSpan(r * nb, nb));
            else
                fold[folded++] = r;
        }
        _response.ApplyRows(nodes.AsSpan(0, rows * nj), kernels, fold[..folded]);
        Interlocked.Add(ref _rowsReused, rows - folded);
        var set = new KernelSet(terms, nodes, kernels);
        Volatile.Write(ref _lastBuilt, set);
        return set;
    }

    /// <summary>
    /// Whether the plain weak CEvNS kernels at radii other than the catalogue ones take each element's neutron radius through
    /// <see cref="NeutronRadiusPanel"/> interpolation (the default); false folds every key's node functions
    /// (<see cref="SignalSource.NodeFunctions"/>), the path the interpolation is tested against.
    /// </summary>
    internal bool InterpolateNeutronRadii { get; init; } = true;

    /// <summary>The tolerance of each panel's check (<see cref="NeutronRadiusPanel.Tolerance"/>); set only by tests, to force the
    /// check to fail (0: no rounding difference accepted) and so exercise the exact fallback of a failed panel.</summary>
    internal double PanelTolerance { get; init; } = NeutronRadiusPanel.Tolerance;

    /// <summary>Neutron-radius panels whose folded kernels are kept (per element and proton radius).</summary>
    public const int PanelKernelCapacity = 64;

    // Folded element rows at the nodes of a panel, [node][2 species + kind][bin] (Values null: the panel takes the exact path).
    private sealed record PanelKernels(double[]? Values);

    private readonly RecentKeyedValues<PanelKernels> _panelKernels = new(PanelKernelCapacity);
    private int _panelsInterpolated, _panelsExact;

    /// <summary>Neutron-radius panels built with an interpolant, and without one (outside the form factor's domain, or the
    /// check failed: exact folds), for tests.</summary>
    internal (int Interpolated, int Exact) PanelCounts => (Volatile.Read(ref _panelsInterpolated), Volatile.Read(ref _panelsExact));
    private readonly RecentKeyedValues<double[]> _protonKernels = new(4);
    private RecentKeyedValues<PanelKernels>.Builder? _buildPanelKernels;
    private RecentKeyedValues<double[]>.Builder? _buildProtonKernels;

    /// <summary>
    /// Kernels of a key with only the plain weak term (terms Z^2 F_Z^2, Z F_Z N F_N, N^2 F_N^2 per species). The folds are linear
    /// and the node functions are sums over components, so each row is a sum over elements of that element's folded rows, and
    /// an element's neutron rows depend only on its own radii (rp, rn): as functions of rn they are smooth, and are taken from the
    /// polynomial interpolant of the rn panel holding the radius (<see cref="NeutronRadiusPanel"/>, built once per panel from
    /// exact folds at its nodes and checked at two more radii against exact folds). A new neutron radius then costs a few
    /// short sums per bin instead of form factors and a fold. The proton rows depend on the proton radii alone and are folded
    /// once per set of them. Which path a key takes depends on the key alone (never on what was asked before), so the numbers
    /// do not depend on the order of the evaluations, or on the number of threads. Keys at the catalogue radii take the whole
    /// fold (<see cref="Build"/>), so fits that keep the radii fixed have the numbers of the direct fold, bit for bit.
    /// </summary>
    private KernelSet BuildPlainWeak(CevnsSignalDecomposition cevns, ReadOnlySpan<double> key)
    {
        int ns = SpeciesCount, nb = BinCount, elements = cevns.ElementCount;
        var kernels = new double[ns * 3 * nb];
        Span<double> protons = stackalloc double[elements];
        for (int e = 0; e < elements; e++) protons[e] = key[2 * e];
        int builds = _protonKernels.Builds;
        var zz = _protonKernels.GetOrAdd(protons, _buildProtonKernels ??= BuildProtonKernels);
        if (_protonKernels.Builds == builds) Interlocked.Add(ref _rowsReused, ns);
        Span<double> part = stackalloc double[2 * ns * nb];
        for (int s = 0; s < ns; s++) zz.AsSpan(s * nb, nb).CopyTo(kernels.AsSpan(3 * s * nb, nb));
        for (int e = 0; e < elements; e++)
        {
            ElementKernels(cevns, e, key[2 * e], key[2 * e + 1], part);
            for (int s = 0; s < ns; s++)
            {
                var zn = kernels.AsSpan((3 * s + 1) * nb, nb);
                var nn = kernels.AsSpan((3 * s + 2) * nb, nb);
                var pzn = part.Slice(2 * s * nb, nb);
                var pnn = part.Slice((2 * s + 1) * nb, nb);
                for (int b = 0; b < nb; b++)
                {
                    zn[b] += pzn[b];
                    nn[b] += pnn[b];
                }
            }
        }
        var set = new KernelSet(3, [], kernels);
        Volatile.Write(ref _lastBuilt, set);
        return set;
    }

    /// <summary>The folded Z^2 F_Z^2 rows [species][bin] at the proton radii of every element (key: rp per element).</summary>
    private double[] BuildProtonKernels(ReadOnlySpan<double> protons)
    {
        var cevns = (CevnsSignalDecomposition)_decomposition;
        int ns = SpeciesCount, nj = Grid.Count;
        // ProtonProtonRows reads rp.<El> at 2e (and rn.<El> at 2e + 1, which the proton radius does not depend on).
        var key = new double[2 * protons.Length];
        for (int e = 0; e < protons.Length; e++) key[2 * e] = key[2 * e + 1] = protons[e];
        var rows = new double[ns * nj];
        cevns.ProtonProtonRows(key, rows);
        var kernels = new double[ns * BinCount];
        _response.ApplyRows(rows, kernels, ns);
        return kernels;
    }

    /// <summary>One element's folded neutron rows [2 species + kind][bin] at its radii: interpolated in its panel, or folded
    /// exactly when the panel failed its check.</summary>
    private void ElementKernels(CevnsSignalDecomposition cevns, int element, double protonFm, double neutronFm, Span<double> into)
    {
        int panel = NeutronRadiusPanel.PanelOf(neutronFm);
        var kernels = _panelKernels.GetOrAdd([element, protonFm, panel], _buildPanelKernels ??= BuildPanelKernels);
        if (kernels.Values is null)
        {
            var rows = new double[2 * SpeciesCount * Grid.Count];
            cevns.ElementNeutronRows(element, protonFm, neutronFm, rows);
            _response.ApplyRows(rows, into, 2 * SpeciesCount);
            return;
        }
        Span<double> weights = stackalloc double[NeutronRadiusPanel.NodeCount];
        NeutronRadiusPanel.InterpolationWeights(NeutronRadiusPanel.CoordinateOf(panel, neutronFm), weights);
        NeutronRadiusPanel.Interpolate(weights, kernels.Values, into);
    }

    /// <summary>The folds of a panel's node functions (shared by the signals of the source), checked: the interpolant at each
    /// check point must equal the exact fold there to <see cref="PanelTolerance"/> (<see cref="NeutronRadiusPanel.Tolerance"/>) of
    /// the row's largest value.</summary>
    private PanelKernels BuildPanelKernels(ReadOnlySpan<double> panelKey)
    {
        int element = (int)panelKey[0], panel = (int)panelKey[2];
        var nodes = _source.NeutronPanel(element, panelKey[1], panel);
        if (nodes.Rows is null) return Exact();
        int rows = 2 * SpeciesCount, nb = BinCount, size = rows * nb, n = NeutronRadiusPanel.NodeCount;
        var folded = new double[NeutronRadiusPanel.PointCount * size];
        _response.ApplyRows(nodes.Rows, folded, NeutronRadiusPanel.PointCount * rows);
        Span<double> weights = stackalloc double[n];
        Span<double> interpolated = stackalloc double[size];
        var checks = NeutronRadiusPanel.CheckCoordinates;
        for (int c = 0; c < checks.Count; c++)
        {
            NeutronRadiusPanel.InterpolationWeights(checks[c], weights);
            NeutronRadiusPanel.Interpolate(weights, folded.AsSpan(0, n * size), interpolated);
            var exact = folded.AsSpan((n + c) * size, size);
            for (int r = 0; r < rows; r++)
            {
                double scale = 0;
                for (int k = 0; k < NeutronRadiusPanel.PointCount; k++)
                    for (int b = 0; b < nb; b++) scale = Math.Max(scale, Math.Abs(folded[k * size + r * nb + b]));
                for (int b = 0; b < nb; b++)
                    if (!(Math.Abs(interpolated[r * nb + b] - exact[r * nb + b]) <= PanelTolerance * scale))
                        return Exact();
            }
        }
        Interlocked.Increment(ref _panelsInterpolated);
        return new PanelKernels(folded[..(n * size)]);

        PanelKernels Exact()
        {
            Interlocked.Increment(ref _panelsExact);
            return new PanelKernels(null);
        }
    }
}
