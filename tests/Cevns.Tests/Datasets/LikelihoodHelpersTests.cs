using Cevns.Datasets;
using Cevns.Physics;

namespace Cevns.Tests.Datasets;

/// <summary>The pieces every dataset likelihood shares (<see cref="LikelihoodHelpers"/>, <see cref="PhysicsPointMemo{T}"/>).</summary>
public class LikelihoodHelpersTests
{
    [Fact]
    public void MemoRecomputesOnlyWhenThePhysicsValuesChange()
    {
        int calls = 0;
        var memo = new PhysicsPointMemo<double>(p => { calls++; return p["sin2_theta_w"]; });
        var sm = PhysicsParameters.StandardModel;
        Assert.Equal(sm["sin2_theta_w"], memo.At(sm));
        memo.At(sm.With("sin2_theta_w", sm["sin2_theta_w"]));  // another instance, same values
        Assert.Equal(1, calls);
        Assert.Equal(0.25, memo.At(sm.With("sin2_theta_w", 0.25)));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void MemoKeepsEveryPointOfACentralDifferenceInSevenParameters()
    {
        int calls = 0;
        var memo = new PhysicsPointMemo<double>(p => { calls++; return p["sin2_theta_w"]; });
        var sm = PhysicsParameters.StandardModel;
        var names = ParameterCatalog.All.Select(d => d.Name).Where(n => n == "sin2_theta_w" || n.StartsWith("rn.")).Take(7).ToArray();
        Assert.Equal(7, names.Length);
        var points = new List<PhysicsParameters> { sm };
        foreach (var n in names)
            foreach (double h in new[] { 1e-4, -1e-4 })
                points.Add(sm.With(n, sm[n] + h));
        foreach (var p in points) memo.At(p);
        Assert.Equal(15, calls);
        foreach (var p in points) Assert.Equal(p["sin2_theta_w"], memo.At(p));
        Assert.Equal(15, calls);
        // A changed value after the hits is computed afresh.
        Assert.Equal(0.2, memo.At(sm.With("sin2_theta_w", 0.2)));
        Assert.Equal(16, calls);
    }

    [Fact]
    public void PullsSkipUnconstrainedNuisances()
    {
        Nuisance[] n = [new("a", 1, 0.5, 0, 5, ""), new("b", 0, double.PositiveInfinity, -10, 10, "")];
        // ((2 - 1) / 0.5)^2 = 4 added to 3; b has no prior
        Assert.Equal(7, LikelihoodHelpers.AddPulls(3, n, [2, 7]), 15);
    }

    [Fact]
    public void ScaledSumAppliesTheFlavourNormalisations()
    {
        var parts = new Dictionary<NeutrinoSpecies, double[]> { [NeutrinoSpecies.NuE] = [1, 2], [NeutrinoSpecies.NuMuBar] = [10, 20] };
        var into = new double[] { 0.5, 0 };
        // norm.e = 2, norm.mu = 3, flux 1.5, signal 1: nu_e x 3, anti-nu_mu x 4.5
        LikelihoodHelpers.AddScaled(parts, new SignalScale(2, 3, 1.5, 1), into);
        Assert.Equal([0.5 + 3 + 45, 6 + 90], into);
    }
}
