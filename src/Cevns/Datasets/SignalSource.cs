using System.Runtime.CompilerServices;
using Cevns.Detectors;
using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Physics.Nuclei;
using Cevns.Sources;

namespace Cevns.Datasets;

/// <summary>
/// The detector-response-independent part of a <see cref="BinnedSignal"/>: the flux moments on the recoil grid
/// (<see cref="RecoilSpectrum"/>), their decomposition into coupling-independent node functions and those node functions for
/// the last few keys. Signals that differ only in their response (a dataset's nominal signal and its +-1 sigma detector
/// variants: same target, target units, flux, channel, grid and options) share one source, so a new key (e.g. a new neutron
/// radius) costs the node functions once instead of once per variant; each signal then folds them with its own response.
/// The numbers are those of an unshared source (same code on the same inputs). Thread-safe.
/// </summary>
internal sealed class SignalSource
{
    /// <summary>Node-function sets kept (distinct keys).</summary>
    public const int NodeCacheCapacity = 16;

    private sealed record NodeSet(int Terms, double[] Nodes);

    private readonly RecentKeyedValues<NodeSet> _sets = new(NodeCacheCapacity);

    public TargetMaterial Target { get; }
    public double TargetUnits { get; }
    public ScatteringChannel Channel { get; }
    public RecoilGrid Grid { get; }
    public CrossSectionOptions Options { get; }
    public RecoilSpectrum Spectrum { get; }
    public SignalDecomposition Decomposition { get; }

    /// <summary>How many node-function sets have been computed (for tests).</summary>
    public int NodeBuilds => _sets.Builds;

    private SignalSource(TargetMaterial target, double targetUnits, INeutrinoFlux flux, ScatteringChannel channel, RecoilGrid grid,
        CrossSectionOptions options)
    {
        Target = target;
        TargetUnits = targetUnits;
        Channel = channel;
        Grid = grid;
        Options = options;
        var kinematics = TargetCrossSection.Build(target, channel, PhysicsParameters.StandardModel, options)
            .Select(w => w.CrossSection).ToArray();
        Spectrum = new RecoilSpectrum(kinematics, targetUnits, flux, grid);
        Decomposition = channel == ScatteringChannel.Cevns
            ? new CevnsSignalDecomposition(target, Spectrum, options)
            : new ElectronScatteringSignalDecomposition(target, Spectrum, options);
    }

    // Sources per flux instance (a flux is shared by a dataset's signals); dropped with the flux.
    private static readonly ConditionalWeakTable<INeutrinoFlux, List<SignalSource>> ByFlux = new();

    /// <summary>The source for these inputs: an existing one with the same target (name and components), units, channel,
    /// options and grid nodes and weights, else a new one.</summary>
    public static SignalSource For(TargetMaterial target, double targetUnits, INeutrinoFlux flux, ScatteringChannel channel,
        RecoilGrid grid, CrossSectionOptions options)
    {
        var list = ByFlux.GetValue(flux, _ => []);
        lock (list)
        {
            foreach (var s in list)
                if (SameTarget(s.Target, target) && s.TargetUnits == targetUnits && s.Channel == channel && s.Options == options
                    && SameGrid(s.Grid, grid))
                    return s;
            var created = new SignalSource(target, targetUnits, flux, channel, grid, options);
            list.Add(created);
            return created;
        }
    }

    private static bool SameTarget(TargetMaterial a, TargetMaterial b) =>
        ReferenceEquals(a, b) || (a.Name == b.Name && a.Components.SequenceEqual(b.Components));

    private static bool SameGrid(RecoilGrid a, RecoilGrid b) =>
        ReferenceEquals(a, b) || (a.NodesMeV.AsSpan().SequenceEqual(b.NodesMeV) && a.Weights.AsSpan().SequenceEqual(b.Weights));

    /// <summary>Node functions for a key (rows species x term, each over the grid nodes); computed once per key while cached.
    /// The returned array must not be modified.</summary>
    public (int Terms, double[] Nodes) NodeFunctions(ReadOnlySpan<double> key)
    {
        var set = _sets.GetOrAdd(key, _buildNodes ??= BuildNodes);
        return (set.Terms, set.Nodes);
    }

    // The builder delegate made once: a method group converted at each call would allocate on the hot path.
    private RecentKeyedValues<NodeSet>.Builder? _buildNodes;

    /// <summary>
    /// The key (<see cref="SignalDecomposition.Key"/>) and the coupling coefficients (<see cref="SignalDecomposition.Coefficients"/>)
    /// of a physics point: the same for every signal of this source, so the nominal signal and its detector variants, predicted
    /// one after the other at one point, compute them once. Kept per thread for the last (source, point) asked for (a point is
    /// immutable, so the same instance means the same numbers); the returned view is valid until this thread's next call.
    /// </summary>
    public PointTerms TermsAt(PhysicsParameters parameters)
    {
        var scratch = _pointTerms ??= new PointScratch();
        if (!ReferenceEquals(scratch.Source, this) || !ReferenceEquals(scratch.Point, parameters))
            scratch.Compute(this, parameters);
        return new PointTerms(scratch.Key.AsSpan(0, scratch.KeyLength), scratch.Coefficients.AsSpan(0, scratch.CoefficientCount));
    }

    /// <summary>A view of the key and coefficients (species x term) of one point (<see cref="TermsAt"/>).</summary>
    public readonly ref struct PointTerms(ReadOnlySpan<double> key, ReadOnlySpan<double> coefficients)
    {
        public ReadOnlySpan<double> Key { get; } = key;
        public ReadOnlySpan<double> Coefficients { get; } = coefficients;
    }

    [ThreadStatic] private static PointScratch? _pointTerms;

    // One thread's key and coefficients of its last (source, point); the arrays grow as needed and are reused.
    private sealed class PointScratch
    {
        public SignalSource? Source;
        public PhysicsParameters? Point;
        public double[] Key = [], Coefficients = [];
        public int KeyLength, CoefficientCount;

        public void Compute(SignalSource source, PhysicsParameters parameters)
        {
            Source = null;
            Point = null;
            var d = source.Decomposition;
            KeyLength = d.KeyLength;
            if (Key.Length < KeyLength) Key = new double[KeyLength];
            var key = Key.AsSpan(0, KeyLength);
            d.Key(parameters, key);
            CoefficientCount = d.SpeciesCount * d.TermCount(key);
            if (Coefficients.Length < CoefficientCount) Coefficients = new double[CoefficientCount];
            d.Coefficients(parameters, key, Coefficients.AsSpan(0, CoefficientCount));
            Source = source;
            Point = parameters;
        }
    }

    /// <summary>Neutron-radius panels whose node functions are kept (per element and proton radius).</summary>
    public const int PanelCacheCapacity = 16;

    private readonly RecentKeyedValues<PanelNodes> _panels = new(PanelCacheCapacity);
    private RecentKeyedValues<PanelNodes>.Builder? _buildPanel;

    /// <summary>An element's neutron rows (<see cref="CevnsSignalDecomposition.ElementNeutronRows"/>) at each radius of a panel
    /// (<see cref="NeutronRadiusPanel.Radii"/>), rows [point][2 species + kind][node]; Rows null when a radius of the panel is
    /// outside the form factor's domain.</summary>
    public sealed record PanelNodes(double[]? Rows);

    /// <summary>How many panels of node functions have been computed (for tests).</summary>
    public int PanelBuilds => _panels.Builds;

    /// <summary>The node functions of one neutron-radius panel of an element at a proton radius, computed once while cached
    /// and shared by the signals of this source (each folds them with its own response).</summary>
    public PanelNodes NeutronPanel(int element, double protonFm, int panel) =>
        _panels.GetOrAdd([element, protonFm, panel], _buildPanel ??= BuildPanel);

    private PanelNodes BuildPanel(ReadOnlySpan<double> key)
    {
        var d = (CevnsSignalDecomposition)Decomposition;
        int element = (int)key[0], panel = (int)key[2], size = 2 * d.SpeciesCount * d.NodeCount;
        double protonFm = key[1];
        var radii = NeutronRadiusPanel.Radii(panel);
        // A panel reaching below the smallest radius the form factor accepts (Helm: sqrt(3) s) has no interpolant: its radii
        // take the exact path. Tested before computing anything, so any other failure propagates.
        foreach (var radius in radii)
            if (!d.NeutronFormFactorDefined(element, protonFm, radius))
                return new PanelNodes(null);
        var rows = new double[radii.Length * size];
        for (int k = 0; k < radii.Length; k++)
            d.ElementNeutronRows(element, protonFm, radii[k], rows.AsSpan(k * size, size));
        return new PanelNodes(rows);
    }

    private NodeSet BuildNodes(ReadOnlySpan<double> key)
    {
        int terms = Decomposition.TermCount(key);
        var nodes = new double[Decomposition.SpeciesCount * terms * Decomposition.NodeCount];
        Decomposition.NodeFunctions(key, nodes);
        return new NodeSet(terms, nodes);
    }
}
