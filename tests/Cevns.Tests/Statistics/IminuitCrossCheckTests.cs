using System.Text.Json;
using Cevns.Fitting;
using Cevns.Statistics;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Statistics;

/// <summary>
/// The project's minimiser against iminuit (MIGRAD + HESSE, F. James and M. Roos, Comput. Phys. Commun. 10 (1975) 343)
/// on real likelihoods. The minima were computed by tests/crosscheck/iminuit_crosscheck.py through 'cevns serve' and are
/// stored in Reference/iminuit_minima.json with how they were made; this test needs no iminuit.
/// Tolerances follow from the EDMs: each fit is within sqrt(2 EDM) standard deviations of the true minimum (EDM is the
/// expected chi^2 decrease), so the two differ per parameter by at most (sqrt(2 EDM_iminuit) + sqrt(2 EDM_cevns)) sigma,
/// taken twice since the EDMs are estimates; -2 ln L by at most the sum of the EDMs (bounded here by 1e-4).
/// </summary>
public class IminuitCrossCheckTests
{
    public static IEnumerable<object[]> Cases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(FixturePath));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            yield return [c.GetProperty("name").GetString()!];
    }

    private static string FixturePath => Path.Combine(AppContext.BaseDirectory, "Reference", "iminuit_minima.json");

    private sealed record Minimum(string[] Experiments, string[] Free, double Chi2, double Edm, string[] Names, double[] Values, double[] Errors, bool[] AtLimit);

    private static Minimum Load(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(FixturePath));
        var c = doc.RootElement.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        Assert.True(c.GetProperty("valid").GetBoolean(), $"{name}: the fixture's iminuit minimum is not valid");
        var p = c.GetProperty("parameters").EnumerateArray().ToArray();
        return new Minimum(
            c.GetProperty("experiments").EnumerateArray().Select(e => e.GetString()!).ToArray(),
            c.GetProperty("free").EnumerateArray().Select(e => e.GetString()!).ToArray(),
            c.GetProperty("minus_2_ln_l").GetDouble(), c.GetProperty("edm").GetDouble(),
            p.Select(e => e.GetProperty("name").GetString()!).ToArray(),
            p.Select(e => e.GetProperty("value").GetDouble()).ToArray(),
            p.Select(e => e.GetProperty("hesse_error").GetDouble()).ToArray(),
            p.Select(e => e.GetProperty("at_limit").GetBoolean()).ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MinimiserAgreesWithIminuit(string name)
    {
        var m = Load(name);
        var fit = JointFit.Create(m.Experiments.Select(id => DatasetLikelihoods.Load(id, SourcesDataRoot.Path)).ToArray(),
            new FitSpecification { Free = m.Free });
        var problem = fit.Problem;

        // The same function: parameters in the same order, and the same -2 ln L at iminuit's minimum.
        Assert.Equal(m.Names, problem.Parameters.Where(p => !p.IsFixed).Select(p => p.Name).ToArray());
        var x = problem.InitialValues();
        for (int i = 0; i < m.Names.Length; i++) x[problem.IndexOf(m.Names[i])] = m.Values[i];
        Assert.Equal(m.Chi2, problem.Evaluate(x), 1e-9 * Math.Max(1, m.Chi2));

        var r = Minimiser.Minimise(problem, new MinimiserOptions { ComputeCovariance = true });
        Assert.True(r.Converged, $"{name}: {r.Status} {r.Message}");
        Assert.True(Math.Abs(r.Chi2 - m.Chi2) <= Math.Min(1e-4, 2 * (m.Edm + r.Edm)),
            $"{name}: -2 ln L {r.Chi2:R} (cevns, EDM {r.Edm:G3}) vs {m.Chi2:R} (iminuit, EDM {m.Edm:G3})");
        double sigmas = 2 * (Math.Sqrt(2 * m.Edm) + Math.Sqrt(2 * r.Edm));
        for (int i = 0; i < m.Names.Length; i++)
        {
            double value = r[m.Names[i]];
            Assert.True(Math.Abs(value - m.Values[i]) <= sigmas * m.Errors[i],
                $"{name}: {m.Names[i]} = {value:R} (cevns) vs {m.Values[i]:R} +- {m.Errors[i]:G4} (iminuit); allowed {sigmas:G3} sigma");
            if (m.AtLimit[i]) continue;   // one-sided there: HESSE's error is not comparable
            // Both errors come from numerical second derivatives at (nearly) the same point.
            Assert.True(Math.Abs(r.Error(m.Names[i]) / m.Errors[i] - 1) <= 0.02,
                $"{name}: error of {m.Names[i]} {r.Error(m.Names[i]):G5} (cevns) vs {m.Errors[i]:G5} (HESSE)");
        }
    }
}
