using Cevns.Datasets;
using Cevns.Datasets.Sns;
using Cevns.Physics;
using Cevns.Tests.Datasets.CsI;

namespace Cevns.Tests.Datasets.Sns;

/// <summary>
/// The SNS likelihood recognises a physics point whose predictions equal, bit for bit, those of a recent point (a parameter
/// the dataset does not depend on moved, as in the finite differences of a joint fit in another dataset's parameters) and
/// returns the last chi^2 when templates, scale and nuisances are those of the last call. Every value must equal that of a
/// fresh likelihood that computes everything: a shortcut that ignored the nuisances, the scale or a parameter the dataset does
/// depend on would return a stale value and fail.
/// </summary>
public class SnsRepeatedPredictionTests
{
    [Fact]
    public void RepeatedPredictionsGiveTheValuesOfAFreshLikelihood()
    {
        var lk = CsIData.Get("coherent-csi-2021").Likelihood();
        var sm = PhysicsParameters.StandardModel.With("sin2_theta_w", 0.236).With("rn.Cs", 5.02);
        var central = lk.CentralNuisances();
        var moved = lk.Nuisances.Select(n => n.Central + 0.3 * (double.IsPositiveInfinity(n.Sigma) ? 0.1 : n.Sigma)).ToArray();
        var scale = new SignalScale(1, 1, 0.97, 1);
        var calls = new (PhysicsParameters Physics, SignalScale Scale, double[] Nuisances)[]
        {
            (sm, scale, central),
            (sm.With("rn.Pb", 5.7), scale, central),               // CsI does not read rn.Pb: the same templates, the last value
            (sm.With("rn.Ca", 3.3), scale, central),
            (sm.With("rn.Ca", 3.3), scale, moved),                 // same templates, other nuisances: recomputed
            (sm.With("rn.Ca", 3.3), SignalScale.One, moved),       // other scale: recomputed
            (sm.With("rn.Cs", 5.0201), SignalScale.One, moved),    // a parameter CsI reads: new templates
            (sm.With("rn.Pb", 5.8), SignalScale.One, moved),       // back to the predictions of a recent point
            (sm.With("sin2_theta_w", 0.2361), scale, central),
            (sm, scale, central),
        };
        foreach (var (physics, s, x) in calls)
        {
            double fresh = lk.WithObserved(lk.Observed).Chi2(physics, s, x);
            Assert.Equal(BitConverter.DoubleToInt64Bits(fresh), BitConverter.DoubleToInt64Bits(lk.Chi2(physics, s, x)));
        }
        // The gradient path shares the templates and must see the same numbers.
        var g1 = new double[lk.Nuisances.Count];
        var g2 = new double[lk.Nuisances.Count];
        var sg1 = new double[SignalScale.Components];
        var sg2 = new double[SignalScale.Components];
        var p = sm.With("rn.Pb", 6.1);
        double a = lk.Chi2WithGradient(p, scale, moved, g1, sg1);
        double b = lk.WithObserved(lk.Observed).Chi2WithGradient(p, scale, moved, g2, sg2);
        Assert.Equal(b, a);
        Assert.Equal(g2, g1);
        Assert.Equal(sg2, sg1);
    }
}
