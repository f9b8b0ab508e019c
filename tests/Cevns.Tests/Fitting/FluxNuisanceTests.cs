using Cevns.Datasets;
using Cevns.Datasets.Sns;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Statistics;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Fitting;

/// <summary>
/// The SNS flux normalisation is a nuisance of every SNS likelihood (docs/physics.md sec. 9): one flux_norm.sns shared by
/// the SNS datasets of a fit, prior width from the datasets (10 %), listed among the nuisances; freeing or setting
/// flux_norm.sns removes the nuisance and its prior.
/// </summary>
public class FluxNuisanceTests
{
    private static readonly Lazy<IDatasetLikelihood[]> CsIAndAr = new(() =>
        new[] { "coherent-csi-2021", "coherent-ar-2020" }.Select(id => DatasetLikelihoods.Load(id, SourcesDataRoot.Path)).ToArray());

    private static IDatasetLikelihood[] Copies() => CsIAndAr.Value.Select(l => l.WithObserved(l.Observed)).ToArray();

    private static double OneSigmaWidth(JointFitResult r, string parameter)
    {
        var one = r.Intervals[parameter]["1sigma"];
        Assert.True(r.Intervals[parameter].Converged);
        return one.Upper.Value!.Value - one.Lower.Value!.Value;
    }

    /// <summary>
    /// sin^2 theta_W from CsI 2021 + Ar 2020: with the 10 % flux prior the 1 sigma interval is wider than with the flux fixed
    /// at 1 (--set flux_norm.sns=1, the previous treatment). Expected size: the signal rate scales as Q_W^2, and a 10 %
    /// normalisation error adds in quadrature to the statistical/detector error of ~12 % (the width without the prior),
    /// sqrt(1 + (10/12)^2) ~ 1.3.
    /// </summary>
    [Fact]
    public void FluxPriorWidensTheSin2IntervalOfCsIAndAr()
    {
        var withPrior = JointFit.Create(Copies(), new FitSpecification { Free = ["sin2_theta_w"] });
        Assert.Equal([SignalParameters.FluxNormSns], withPrior.FluxNuisances.Select(n => n.Name));
        Assert.Equal(0.10, withPrior.FluxNuisances[0].Sigma, 12);
        Assert.Equal([0, 1], withPrior.FluxNuisances[0].Datasets);
        Assert.Contains(SignalParameters.FluxNormSns, withPrior.Nuisances);
        var fixedFlux = JointFit.Create(Copies(), new FitSpecification
        {
            Free = ["sin2_theta_w"], Fixed = [new FixedValue(SignalParameters.FluxNormSns, 1.0)],
        });
        Assert.DoesNotContain(SignalParameters.FluxNormSns, fixedFlux.Nuisances);
        // One nuisance and one pull more: the degrees of freedom do not change.
        Assert.Equal(fixedFlux.DegreesOfFreedom, withPrior.DegreesOfFreedom);

        var a = withPrior.Run();
        var b = fixedFlux.Run();
        Assert.True(a.Converged && b.Converged);
        Assert.True(a.Nuisances.ContainsKey(SignalParameters.FluxNormSns));
        Assert.True(a.Chi2ByPrior.ContainsKey(SignalParameters.FluxNormSns));
        double ratio = OneSigmaWidth(a, "sin2_theta_w") / OneSigmaWidth(b, "sin2_theta_w");
        Assert.InRange(ratio, 1.15, 1.5);
    }

    [Fact]
    public void FreeingTheFluxNormalisationDropsItsPrior()
    {
        var nuisance = JointFit.Create(Copies(), new FitSpecification());
        var free = JointFit.Create(Copies(), new FitSpecification { Free = [SignalParameters.FluxNormSns] });
        Assert.Empty(free.FluxNuisances);
        Assert.DoesNotContain(SignalParameters.FluxNormSns, free.Nuisances);

        double[] At(JointFit fit)
        {
            var x = fit.Problem.Parameters.Select(p => p.Initial).ToArray();
            x[fit.Problem.Parameters.ToList().FindIndex(p => p.Name == SignalParameters.FluxNormSns)] = 1.2;
            return x;
        }
        var withPull = nuisance.Breakdown(At(nuisance));
        var withoutPull = free.Breakdown(At(free));
        // The pull ((1.2 - 1)/0.1)^2 = 4 when flux_norm.sns is a nuisance; no prior term when it is free.
        Assert.Equal(4.0, withPull.Single(t => t.Label == "prior " + SignalParameters.FluxNormSns).Chi2, 9);
        Assert.DoesNotContain(withoutPull, t => t.Label.StartsWith("prior ", StringComparison.Ordinal));
        // The datasets see the same scale (flux 1.2) either way.
        foreach (var id in nuisance.DatasetIds)
            Assert.Equal(withPull.Single(t => t.Label == id).Chi2, withoutPull.Single(t => t.Label == id).Chi2, 9);
        Assert.Equal(withoutPull.Sum(t => t.Chi2), free.Problem.Objective(At(free)), 9);
        Assert.Equal(withPull.Sum(t => t.Chi2), nuisance.Problem.Objective(At(nuisance)), 9);
    }

    /// <summary>With one SNS dataset the flux nuisance is part of that dataset's block: block-by-block and plain minimisation agree.</summary>
    [Fact]
    public void SingleDatasetFluxNuisanceIsProfiledInItsBlock()
    {
        var fit = JointFit.Create([Copies()[0]], new FitSpecification { Free = ["sin2_theta_w"] });
        var problem = fit.Problem.WithFixed("sin2_theta_w", 0.25);
        Assert.Contains(problem.Structure!.Blocks[0].Parameters, i => problem.Parameters[i].Name == SignalParameters.FluxNormSns);
        var separable = Minimiser.Minimise(problem, new MinimiserOptions());
        var plain = Minimiser.Minimise(problem, new MinimiserOptions { UseStructure = false });
        Assert.True(separable.Converged && plain.Converged, $"{separable.Message}; {plain.Message}");
        Assert.Equal(plain.Chi2, separable.Chi2, 1e-5);
        Assert.Equal(plain[SignalParameters.FluxNormSns], separable[SignalParameters.FluxNormSns], 1e-3);
    }

    /// <summary>Every shipped SNS dataset states its flux uncertainty (10 %; Ge-Mini 0.029/0.288).</summary>
    [Theory]
    [InlineData("coherent-csi-2017", 0.10)]
    [InlineData("coherent-csi-2021", 0.10)]
    [InlineData("coherent-ar-2020", 0.10)]
    [InlineData("coherent-ge-2024", 0.029 / 0.288)]
    public void EveryShippedSnsDatasetStatesItsFluxUncertainty(string id, double expected)
    {
        var ds = (ISpallationDataset)DatasetRegistry.Load(id, SourcesDataRoot.Path);
        Assert.Equal(expected, ds.Source.FluxNormSigma!.Value, 4);
    }

    /// <summary>A likelihood that states a flux width (the synthetic datasets state none).</summary>
    private sealed class WithFluxWidth(IDatasetLikelihood inner, double sigma) : IDatasetLikelihood
    {
        public IDataset Dataset => inner.Dataset;
        public SourceKind Source => inner.Source;
        public IReadOnlyList<Nuisance> Nuisances => inner.Nuisances;
        public int DataPoints => inner.DataPoints;
        public bool RateOnly => inner.RateOnly;
        public double? FluxNormSigma => sigma;
        public IReadOnlyList<double> Observed => inner.Observed;
        public double Chi2(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances) => inner.Chi2(physics, scale, nuisances);
        public double[] Expected(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances) => inner.Expected(physics, scale, nuisances);
        public IDatasetLikelihood WithObserved(IReadOnlyList<double> observed) => new WithFluxWidth(inner.WithObserved(observed), sigma);
    }

    /// <summary>
    /// A reactor dataset that states a flux width gets its own nuisance "&lt;id&gt;.flux_norm" in its own block; the dataset
    /// sees it as its flux normalisation; freeing flux_norm.reactor removes it.
    /// </summary>
    [Fact]
    public void ReactorDatasetGetsItsOwnFluxNuisance()
    {
        var csi = new WithFluxWidth(DatasetLikelihoods.For(CountingDataset.CsI()), 0.08);
        var reactor = new WithFluxWidth(DatasetLikelihoods.For(CountingDataset.GeReactor()), 0.05);
        var fit = JointFit.Create([csi, reactor], new FitSpecification { Free = ["norm.e"] });
        string own = reactor.Dataset.Definition.Id + ".flux_norm";
        Assert.Equal([SignalParameters.FluxNormSns, own], fit.FluxNuisances.Select(n => n.Name));
        Assert.Equal([0.08, 0.05], fit.FluxNuisances.Select(n => n.Sigma));
        var names = fit.Problem.Parameters.Select(p => p.Name).ToList();
        Assert.Equal(["norm.e", SignalParameters.FluxNormSns, own], names.Take(3));
        // Each of the two is used by one dataset only: both sit in that dataset's block.
        var blocks = fit.Problem.Structure!.Blocks;
        Assert.Contains(names.IndexOf(SignalParameters.FluxNormSns), blocks[0].Parameters);
        Assert.Equal(2, blocks.Count);
        Assert.Contains(names.IndexOf(own), blocks[1].Parameters);
        var x = fit.Problem.Parameters.Select(p => p.Initial).ToArray();
        x[0] = 1.1;
        x[1] = 0.9;
        x[2] = 1.3;
        Assert.Equal(new SignalScale(1.1, 1, 0.9, 1), fit.ScaleOf(0, x));
        Assert.Equal(new SignalScale(1.1, 1, 1.3, 1), fit.ScaleOf(1, x));
        var breakdown = fit.Breakdown(x);
        Assert.Equal(Math.Pow(0.1 / 0.08, 2), breakdown.Single(t => t.Label == "prior " + SignalParameters.FluxNormSns).Chi2, 9);
        Assert.Equal(Math.Pow(0.3 / 0.05, 2), breakdown.Single(t => t.Label == "prior " + own).Chi2, 9);
        // Exact gradient of the flux entries against central differences of the objective.
        var g = new double[x.Length];
        fit.Problem.Gradient!(x, g);
        foreach (int i in new[] { 1, 2 })
        {
            double h = 1e-6, xi = x[i];
            x[i] = xi + h;
            double up = fit.Problem.Objective(x);
            x[i] = xi - h;
            double down = fit.Problem.Objective(x);
            x[i] = xi;
            Assert.Equal((up - down) / (2 * h), g[i], 1e-4 * Math.Max(1, Math.Abs(g[i])));
        }

        var free = JointFit.Create([csi, reactor], new FitSpecification { Free = ["flux_norm.reactor"] });
        Assert.Equal([SignalParameters.FluxNormSns], free.FluxNuisances.Select(n => n.Name));
    }
}
