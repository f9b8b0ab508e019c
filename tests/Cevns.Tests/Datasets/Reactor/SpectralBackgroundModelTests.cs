using Cevns.Data;
using Cevns.Datasets;

namespace Cevns.Tests.Datasets.Reactor;

/// <summary>The parametric background shapes against hand integrals (closed forms and composite Simpson).</summary>
public class SpectralBackgroundModelTests
{
    private const string Yaml = """
        id: test
        background_model:
          density_unit_kevee: 0.01
          parameters:
            level: { start: 2, lower: 0 }
            amp: { start: 100, lower: 0 }
            slope: { start: 4, lower: 0 }
            h: { start: 50, lower: 0 }
            c: { start: 1.3, lower: 0.5, upper: 1.5 }
            w: { start: 0.07, lower: 0.01, upper: 0.5 }
            ratio: { start: 1, lower: 0, upper: 2, prior: [1, 0.03] }
          components:
            continuum: { shape: exponential, constant: level, amplitude: amp, slope: slope }
            peak: { shape: gaussian, height: h, centroid: c, width: w }
            tied: { shape: gaussian, height: [0.008, h], centroid: 1.142, width: w }
            small: { shape: gaussian, area: [0.16, ratio, h, w, 2.5066282746310002], centroid: 0.158, width: 0.0685 }
        """;

    private static SpectralBackgroundModel Model() =>
        SpectralBackgroundModel.Read(Facts.Load("test.yaml", Yaml).Section("background_model"), new FactNumbers(null));

    private static double Simpson(Func<double, double> f, double a, double b, int n = 2000)
    {
        double h = (b - a) / n, s = f(a) + f(b);
        for (int i = 1; i < n; i++) s += (i % 2 == 1 ? 4 : 2) * f(a + i * h);
        return s * h / 3;
    }

    private static double Gauss(double x, double c, double w) => Math.Exp(-0.5 * (x - c) * (x - c) / (w * w)) / (w * Math.Sqrt(2 * Math.PI));

    [Fact]
    public void ShapesIntegrateExactlyOverTheBins()
    {
        var m = Model();
        double[] edges = [0.1, 0.13, 0.2, 1.1, 1.25, 1.3, 1.32, 1.5];
        var p = m.StartValues();
        var r = m.Evaluate(p, edges, 96.4);
        for (int i = 0; i + 1 < edges.Length; i++)
        {
            double a = edges[i], b = edges[i + 1];
            double continuum = 96.4 / 0.01 * (2 * (b - a) + Simpson(e => 100 * Math.Exp(-4 * e), a, b));
            double peak = 96.4 / 0.01 * 50 * 0.07 * Math.Sqrt(2 * Math.PI) * Simpson(e => Gauss(e, 1.3, 0.07), a, b);
            double tied = 0.008 * 96.4 / 0.01 * 50 * 0.07 * Math.Sqrt(2 * Math.PI) * Simpson(e => Gauss(e, 1.142, 0.07), a, b);
            double small = 0.16 * 96.4 / 0.01 * 50 * 0.07 * Math.Sqrt(2 * Math.PI) * Simpson(e => Gauss(e, 0.158, 0.0685), a, b);
            Assert.Equal(continuum, r[0][i], 1e-9 * continuum);
            Assert.Equal(peak, r[1][i], 1e-9 * peak + 1e-12);
            Assert.Equal(tied, r[2][i], 1e-9 * tied + 1e-12);
            Assert.Equal(small, r[3][i], 1e-9 * small + 1e-12);
        }
    }

    [Fact]
    public void PriorsArePullsAboutTheirCentre()
    {
        var m = Model();
        var p = m.StartValues();
        Assert.Equal(0, m.PriorChi2(p));
        p[m.IndexOf("ratio")] = 1.06;
        Assert.Equal(4.0, m.PriorChi2(p), 9);
    }

    [Fact]
    public void ZeroSlopeIsTheFlatLimit()
    {
        var m = Model();
        var p = m.StartValues();
        p[m.IndexOf("slope")] = 0;
        var r = m.Evaluate(p, [0.2, 0.21], 1.0);
        Assert.Equal(2 + 100, r[0][0], 9);
    }

    [Theory]
    [InlineData("shape: gaussian, height: h, centroid: c, width: w }", "shape: triangle, height: h, centroid: c, width: w }", "unknown shape 'triangle'")]
    [InlineData("height: [0.008, h]", "height: [0.008, hh]", "'hh' is neither a number")]
    [InlineData("prior: [1, 0.03]", "prior: [1, 0]", "prior sigma must be > 0")]
    [InlineData("start: 2, lower: 0", "start: -2, lower: 0", "must lie in [lower, upper]")]
    public void MalformedModelsNameTheLineAndKey(string old, string replacement, string message)
    {
        var yaml = Yaml.Replace(old, replacement);
        var e = Assert.Throws<DefinitionFileException>(() =>
            SpectralBackgroundModel.Read(Facts.Load("test.yaml", yaml).Section("background_model"), new FactNumbers(null)));
        Assert.Contains(message, e.Message);
        Assert.Matches(@"^test\.yaml:\d+: background_model\.", e.Message);
    }
    private static double[] Flat(double[][] perComponent) => perComponent.SelectMany(r => r).ToArray();

    private static void AssertBitwise(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(actual[i]));
    }

    /// <summary>Counts and gradient through a memo, against a fresh computation (no memo).</summary>
    private static void AssertSameAsFresh(SpectralBackgroundModel m, SpectralBackgroundModel.ShapeMemo memo, double[] p, double[] edges)
    {
        var fresh = m.Evaluate(p, edges, 96.4);
        var viaMemo = fresh.Select(r => new double[r.Length]).ToArray();
        m.Evaluate(p, edges, 96.4, viaMemo, memo);
        AssertBitwise(Flat(fresh), Flat(viaMemo));
        var weights = Enumerable.Range(0, edges.Length - 1).Select(i => i % 3 == 2 ? 0.0 : 1.0 + 0.1 * i).ToArray();
        var gFresh = new double[p.Length];
        var gMemo = new double[p.Length];
        m.AddWeightedGradient(p, edges, 96.4, weights, gFresh);
        m.AddWeightedGradient(p, edges, 96.4, weights, gMemo, memo);
        AssertBitwise(gFresh, gMemo);
    }

    [Fact]
    public void ShapeMemoGivesTheFreshNumbersBitForBit()
    {
        var m = Model();
        var memo = m.NewMemo();
        double[] edges = [0.1, 0.13, 0.2, 1.1, 1.25, 1.3, 1.32, 1.5];
        var p = m.StartValues();
        AssertSameAsFresh(m, memo, p, edges);
        int computed = memo.Computations;
        // A height or a level moves: every shape is reused.
        p[m.IndexOf("h")] = 61;
        p[m.IndexOf("level")] = 3;
        AssertSameAsFresh(m, memo, p, edges);
        Assert.Equal(computed, memo.Computations);
        // Shape parameters move (then come back): the shapes that read them are recomputed, with the fresh numbers.
        foreach (var (name, value) in new[] { ("c", 1.31), ("w", 0.071), ("slope", 4.2), ("c", 1.3), ("w", 0.07) })
        {
            p[m.IndexOf(name)] = value;
            AssertSameAsFresh(m, memo, p, edges);
        }
        Assert.True(memo.Computations > computed);
        // Other edges after a hit (a new array, then the same array changed in place): the values of the new edges.
        double[] other = [0.1, 0.13, 0.2, 1.1, 1.26, 1.3, 1.32, 1.5];
        AssertSameAsFresh(m, memo, p, other);
        other[2] = 0.21;
        AssertSameAsFresh(m, memo, p, other);
        AssertSameAsFresh(m, memo, p, edges);
    }
}

