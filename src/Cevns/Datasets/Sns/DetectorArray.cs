using Cevns.Data;
using Cevns.Detectors;
using Cevns.Physics.CrossSections;
using Cevns.Physics.Nuclei;
using Cevns.Sources;

namespace Cevns.Datasets.Sns;

/// <summary>One element of a <see cref="DetectorArray"/>: its mass and its own resolution and energy efficiency (null: 1).</summary>
public sealed record ArrayElement(string Name, double MassKg, IResolution Resolution, IEfficiency? Efficiency);

/// <summary>
/// A detector made of several elements of one target material behind one quenching, each with its mass, resolution and
/// efficiency (definition section <c>detector.array</c>; COHERENT Ge-Mini is five HPGe crystals):
/// <code>
/// array:
///   Ge21: { mass_kg: 2.13, resolution: { model: fwhm-sqrt, ... }, efficiency: { file: &lt;files key&gt; } }
///   ...
/// </code>
/// Every element sees the same flux per unit mass, so the signal is the sum over elements of (mass_i x response_i), i.e.
/// the total target units times the mass-weighted mean response matrix sum_i (m_i / M) R_i; the mean is built once per
/// recoil grid, so the fast kernel of <see cref="BinnedSignal"/> serves the array as it serves one detector.
/// </summary>
public sealed class DetectorArray
{
    public IReadOnlyList<ArrayElement> Elements { get; }

    /// <summary>Total mass M = sum of the element masses (kg).</summary>
    public double MassKg { get; }

    private DetectorArray(IReadOnlyList<ArrayElement> elements)
    {
        Elements = elements;
        MassKg = elements.Sum(e => e.MassKg);
    }

    /// <summary>Reads the <c>array</c> section of a detector section; errors name the file, line and key.</summary>
    public static DetectorArray FromFacts(Facts detector, DatasetDefinition definition, string dataDirectory)
    {
        var array = detector.Section("array");
        var elements = new List<ArrayElement>();
        foreach (var name in array.Keys)
        {
            var d = array.Section(name);
            d.AllowOnly("mass_kg", "resolution", "efficiency");
            elements.Add(new ArrayElement(name, d.PositiveNumber("mass_kg"), DetectorFacts.Resolution(d.Section("resolution")),
                d.OptionalSection("efficiency") is { } e ? DetectorFacts.Efficiency(e, definition, dataDirectory) : null));
        }
        if (elements.Count == 0) throw detector.Error("array", "expected at least one detector element");
        return new DetectorArray(elements);
    }

    /// <summary>Mass-weighted mean sum_i (m_i / M) R_i of the elements' response matrices on one grid.</summary>
    public ResponseMatrix MeanMatrix(RecoilGrid grid, IReadOnlyList<double> binEdges, int refinement, Func<ArrayElement, DetectorResponse> response)
    {
        int bins = binEdges.Count - 1;
        var elements = new double[bins * grid.Count];
        foreach (var d in Elements)
        {
            var m = response(d).BuildMatrix(grid, binEdges, refinement);
            double w = d.MassKg / MassKg;
            for (int b = 0; b < bins; b++)
                for (int j = 0; j < grid.Count; j++)
                    elements[b * grid.Count + j] += w * m[b, j];
        }
        return new ResponseMatrix(grid, bins, elements);
    }

    /// <summary>CEvNS of the whole array in the bins (one quenching for all elements).</summary>
    public BinnedSignal CevnsSignal(TargetMaterial target, INeutrinoFlux flux, IQuenching quenching, IReadOnlyList<double> binEdges,
        SignalIntegration integration, CrossSectionOptions options)
    {
        var grid = BinnedSignal.GridFor(target, ScatteringChannel.Cevns, flux, integration.MinRecoilKeV * 1e-3, integration.Panels, integration.Order);
        return new BinnedSignal(target, target.UnitsPerKg * MassKg, flux, ScatteringChannel.Cevns,
            MeanMatrix(grid, binEdges, integration.EfficiencyRefinement, e => new DetectorResponse(quenching, e.Resolution, e.Efficiency)), options);
    }

    /// <summary>nu-e scattering of the whole array in the bins (not quenched), on the electron-recoil grid of
    /// <paramref name="integration"/> (<see cref="ElectronRecoilGrid"/>, optionally ending at <paramref name="maxMeV"/> and with extra panel edges).</summary>
    public BinnedSignal ElectronSignal(TargetMaterial target, INeutrinoFlux flux, IReadOnlyList<double> binEdges, SignalIntegration integration,
        CrossSectionOptions options, double? maxMeV = null, IEnumerable<double>? extraBreakpointsMeV = null)
    {
        var grid = ElectronRecoilGrid.For(target, flux, integration.MinRecoilKeV * 1e-3, integration.Panels, integration.Order, maxMeV, extraBreakpointsMeV);
        return new(target, target.UnitsPerKg * MassKg, flux, ScatteringChannel.ElectronScattering,
            MeanMatrix(grid, binEdges, integration.EfficiencyRefinement, e => DetectorSignals.ElectronResponse(e.Resolution, e.Efficiency)), options);
    }

    /// <summary>The elements' responses with their mass fractions (for the Migdal channel, <see cref="MigdalSignal"/>).</summary>
    public (double Weight, DetectorResponse Response)[] WeightedResponses(IQuenching quenching) =>
        Elements.Select(e => (e.MassKg / MassKg, new DetectorResponse(quenching, e.Resolution, e.Efficiency))).ToArray();
}
