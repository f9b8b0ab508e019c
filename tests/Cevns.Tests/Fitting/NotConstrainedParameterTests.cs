using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Fitting;

/// <summary>
/// A joint fit uses what each dataset declares it reads (<see cref="IDataset.Reads"/>): a term is differentiated and
/// re-evaluated only in the free physics parameters it reads, and a free parameter that no dataset and no prior of the
/// fit reads is held at its value, out of the free parameters and the degrees of freedom (<see cref="JointFit.NotConstrained"/>).
/// </summary>
public class NotConstrainedParameterTests
{
    private static IDatasetLikelihood Load(string id) => DatasetLikelihoods.Load(id, SourcesDataRoot.Path);

    private static JointFit ApvWithRadius(FitSpecification spec) => JointFit.Create([Load("apv-cs-1997"), Load("cs-neutron-radius-2024")], spec);

    [Fact]
    public void AFreeParameterNoDatasetReadsIsHeldAtItsValueAndNotCounted()
    {
        var fit = ApvWithRadius(new FitSpecification { Free = ["sin2_theta_w", "rn.Cs", "rn.I", "rn.Pb"] });
        Assert.Equal(["sin2_theta_w", "rn.Cs"], fit.FreeParameters);
        Assert.Equal(["rn.I", "rn.Pb"], fit.NotConstrained.Select(c => c.Name));
        Assert.Equal([PhysicsParameters.StandardModel["rn.I"], PhysicsParameters.StandardModel["rn.Pb"]], fit.NotConstrained.Select(c => c.Value));
        Assert.False(fit.Problem.Contains("rn.Pb"));
        // 2 data points, 2 varied parameters (before: 4 counted, dof -2).
        Assert.Equal(0, fit.DegreesOfFreedom);
        Assert.Equal(PhysicsParameters.StandardModel["rn.Pb"], fit.PhysicsAt(fit.Problem.InitialValues())["rn.Pb"]);

        // The same best fit as the fit without them, bit for bit.
        var without = ApvWithRadius(new FitSpecification { Free = ["sin2_theta_w", "rn.Cs"] }).Minimise();
        var with = fit.Minimise();
        Assert.Equal(without.Chi2, with.Chi2);
        Assert.Equal(without.X, with.X);
    }

    [Fact]
    public void AHeldValueIsMovedIntoTheGivenRange()
    {
        var fit = ApvWithRadius(new FitSpecification { Free = ["sin2_theta_w", "rn.Pb"], Ranges = [new RangeOverride("rn.Pb", 6.0, 7.0)] });
        Assert.Equal([new FixedValue("rn.Pb", 6.0)], fit.NotConstrained);
    }

    [Fact]
    public void AParameterIsReadThroughATieOrAPrior()
    {
        // APV(Cs) reads rp.Cs, which is derived from rn.Pb: moving rn.Pb moves the APV prediction.
        var tied = ApvWithRadius(new FitSpecification { Free = ["sin2_theta_w", "rn.Pb"], Ties = [ParameterTie.Parse("rp.Cs=rn.Pb-0.9")] });
        Assert.Empty(tied.NotConstrained);
        Assert.Equal(["sin2_theta_w", "rn.Pb"], tied.FreeParameters);
        // A prior is a measurement of it: varied (its interval is the prior's).
        var prior = ApvWithRadius(new FitSpecification { Free = ["sin2_theta_w", "rn.Pb"], Priors = [new GaussianPrior("rn.Pb", 5.7, 0.1)] });
        Assert.Empty(prior.NotConstrained);
    }

    [Fact]
    public void AScanOverAParameterNoDatasetReadsIsRefused()
    {
        var fit = ApvWithRadius(new FitSpecification { Free = ["sin2_theta_w", "rn.Pb"] });
        fit.CheckScannable(["sin2_theta_w"]);
        var e = Assert.Throws<FitSetupException>(() => fit.CheckScannable(["rn.Pb"]));
        Assert.Equal("cannot scan rn.Pb: no dataset or prior of this fit (apv-cs-1997, cs-neutron-radius-2024) reads it, so its profile would be flat (Delta chi2 = 0 everywhere)", e.Message);
    }

    [Fact]
    public void NothingToFitNamesTheParametersNoDatasetReads()
    {
        var e = Assert.Throws<FitSetupException>(() => JointFit.Create([Load("qweak-2018")], new FitSpecification { Free = ["rn.Pb"] }));
        Assert.Equal("nothing to fit: no dataset of this fit (qweak-2018) reads rn.Pb, and the datasets have no nuisances", e.Message);
    }

    /// <summary>
    /// The gradient of a term covers only the parameters its dataset reads: Qweak (sin^2 only) is evaluated at the point and
    /// twice for the central difference in sin^2, not for rn.Pb; a step in rn.Pb alone is answered from its memo.
    /// </summary>
    [Fact]
    public void ATermIsNotEvaluatedForParametersItsDatasetDoesNotRead()
    {
        var qweak = new CountingLikelihood(Load("qweak-2018"));
        var fit = JointFit.Create([qweak, Load("apv-pb-208")], new FitSpecification { Free = ["sin2_theta_w", "rn.Pb"] });
        var x = fit.Problem.InitialValues();
        var g = new double[x.Length];
        fit.Problem.Gradient!(x, g);
        int first = qweak.Calls;
        Assert.Equal(3, first);   // the point (Chi2WithGradient) and the two sides in sin^2 (not rn.Pb: 5 calls)
        x[fit.Problem.IndexOf("rn.Pb")] += 0.01;
        fit.Problem.Gradient!(x, g);
        Assert.Equal(first, qweak.Calls);
        Assert.NotEqual(0.0, g[fit.Problem.IndexOf("rn.Pb")]);   // APV(Pb) reads it
    }

    private sealed class CountingLikelihood(IDatasetLikelihood inner) : IDatasetLikelihood
    {
        public int Calls;
        public IDataset Dataset => inner.Dataset;
        public SourceKind Source => inner.Source;
        public IReadOnlyList<Nuisance> Nuisances => inner.Nuisances;
        public int DataPoints => inner.DataPoints;
        public bool RateOnly => inner.RateOnly;
        public IReadOnlyList<double> Observed => inner.Observed;

        public double Chi2(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances)
        {
            Calls++;
            return inner.Chi2(physics, scale, nuisances);
        }

        public double[] Expected(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances) => inner.Expected(physics, scale, nuisances);

        public double Chi2WithGradient(PhysicsParameters physics, SignalScale scale, ReadOnlySpan<double> nuisances,
            Span<double> nuisanceGradient, Span<double> scaleGradient)
        {
            Calls++;
            return inner.Chi2WithGradient(physics, scale, nuisances, nuisanceGradient, scaleGradient);
        }

        public IDatasetLikelihood WithObserved(IReadOnlyList<double> observed) => new CountingLikelihood(inner.WithObserved(observed));
    }
}
