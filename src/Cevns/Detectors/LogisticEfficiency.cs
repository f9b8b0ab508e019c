using Cevns.Data;

namespace Cevns.Detectors;

/// <summary>
/// CsI[Na] 2021 energy-dependent efficiency (COHERENT, PRL 129, 081801 (2022); release file effCoefficients.txt):
/// eff(x) = a / (1 + exp(-b (x - c))) + d with x the reconstructed PE, clipped to [0, 1] (d &lt; 0 makes the formula
/// negative below ~4 PE, where no events are accepted).
/// The file holds the nominal row and two systematic rows, both labelled "+1 sigma"; the second is the mirror image
/// of the first about the nominal (checked in the tests), so they are named "syst+1sigma" and "syst-1sigma".
/// </summary>
public sealed class LogisticEfficiency : IEfficiency
{
    /// <summary>Upper end of the accepted steepness (per PE): a step over 1e-3 PE is no efficiency curve.</summary>
    public const double MaxSteepnessPerPe = 1e3;

    public ReconstructedScale Scale => ReconstructedScale.Photoelectrons;

    public double A { get; }
    public double B { get; }
    public double C { get; }
    public double D { get; }

    /// <summary>"nominal", "syst+1sigma" or "syst-1sigma" for rows read from the release, "custom" otherwise.</summary>
    public string Key { get; }

    public LogisticEfficiency(double a, double b, double c, double d, string key = "custom")
    {
        if (!double.IsFinite(a) || !double.IsFinite(c) || !double.IsFinite(d))
            throw new ArgumentOutOfRangeException(nameof(a), $"logistic efficiency coefficients must be finite, got a={a}, c={c}, d={d}");
        if (!(b > 0 && b < MaxSteepnessPerPe))
            throw new ArgumentOutOfRangeException(nameof(b), b, "logistic steepness b must lie in (0, 1e3) per PE");
        A = a; B = b; C = c; D = d;
        Key = key;
    }

    public double Value(double reconstructed) =>
        Math.Clamp(A / (1 + Math.Exp(-B * (reconstructed - C))) + D, 0, 1);

    /// <summary>The clipping at 0 (and at 1 if reached) makes kinks; they are added as breakpoints.</summary>
    public void AddBreakpoints(double lo, double hi, List<double> into)
    {
        foreach (double level in new[] { 0.0, 1.0 })
        {
            // a / (1 + e^(-b(x-c))) + d = level  =>  x = c - ln(a / (level - d) - 1) / b
            double ratio = A / (level - D) - 1;
            if (ratio > 0 && double.IsFinite(ratio))
            {
                double x = C - Math.Log(ratio) / B;
                if (x > lo && x < hi)
                    into.Add(x);
            }
        }
    }

    /// <summary>1/b: the logistic changes by a fraction e of its range over this many PE.</summary>
    public double VariationScale => 1 / B;

    /// <summary>Reads the three rows (nominal, +1 sigma, -1 sigma) in file order.</summary>
    public static IReadOnlyList<LogisticEfficiency> Read(string path)
    {
        var rows = TextTable.Read(path, 4, "a b c d");
        string[] keys = ["nominal", "syst+1sigma", "syst-1sigma"];
        if (rows.Count != 3)
            throw DataFileException.At(path, rows[Math.Min(rows.Count, 4) - 1].Line,
                $"expected 3 coefficient rows (nominal and two systematic variants), found {rows.Count}");
        if (rows[0].Label is null || !rows[0].Label!.Contains("nominal", StringComparison.OrdinalIgnoreCase))
            throw DataFileException.At(path, rows[0].Line, "expected the first coefficient row to be labelled 'Nominal ...'");
        var result = new List<LogisticEfficiency>();
        for (int i = 0; i < 3; i++)
        {
            var v = rows[i].Values;
            if (!(v[1] > 0 && v[1] < MaxSteepnessPerPe))
                throw DataFileException.At(path, rows[i].Line,
                    $"steepness b (column 2) must lie in (0, {TextTable.Format(MaxSteepnessPerPe)}) per PE, found {TextTable.Format(v[1])}");
            if (!(v[0] + v[3] > 0 && v[0] + v[3] <= 1.0 + 1e-9))
                throw DataFileException.At(path, rows[i].Line, $"plateau a + d must lie in (0, 1], found {TextTable.Format(v[0] + v[3])}");
            result.Add(new LogisticEfficiency(v[0], v[1], v[2], v[3], keys[i]));
        }
        return result;
    }
}
