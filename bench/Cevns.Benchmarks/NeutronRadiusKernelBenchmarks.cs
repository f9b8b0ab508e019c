using BenchmarkDotNet.Attributes;
using Cevns.Datasets;
using Cevns.Detectors;
using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Physics.Nuclei;
using Cevns.Sources;

namespace Cevns.Benchmarks;

/// <summary>
/// A CsI signal at the SNS predicted at a new neutron radius of Cs (the step of a central difference or a profile point: new
/// kernels each call), with the kernels interpolated in the radius (<see cref="NeutronRadiusPanel"/>, the default) and folded
/// from the node functions of every key (<c>InterpolateNeutronRadii = false</c>, the path it is tested against). The radii
/// stay in one panel, as in a fit near its minimum, so the interpolant is built once.
/// </summary>
[MemoryDiagnoser]
public class NeutronRadiusKernelBenchmarks
{
    private BinnedSignal _signal = null!;
    private double[] _counts = [];
    private int _call;

    [Params(true, false)]
    public bool Interpolate { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var target = NuclearCatalog.FindTarget("CsI")!;
        var flux = new PionDecayAtRestFlux(0.0848, 3.198e23, 19.3);
        var grid = BinnedSignal.GridFor(target, ScatteringChannel.Cevns, flux, 1e-3, 40, 8);
        // Nine overlapping bins in log T, a stand-in for a detector response.
        double lo = Math.Log(grid.MinMeV), hi = Math.Log(grid.MaxMeV);
        var response = ResponseMatrix.Build(grid, 9, (t, b) =>
        {
            double x = (Math.Log(t) - lo) / (hi - lo) * 9 - b - 0.5;
            return Math.Exp(-x * x);
        });
        _signal = new BinnedSignal(target, target.UnitsPerKg * 14.6, flux, ScatteringChannel.Cevns, response, CrossSectionOptions.Default)
        {
            InterpolateNeutronRadii = Interpolate,
        };
        _counts = new double[_signal.SpeciesCount * _signal.BinCount];
    }

    [Benchmark]
    public double PredictionAtANewRadius()
    {
        _signal.PredictInto(PhysicsParameters.StandardModel.With("rn.Cs", 5.01 + 1e-7 * (++_call % 1_000_000)), _counts);
        return _counts[0];
    }
}
