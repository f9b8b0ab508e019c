using Cevns.Data;

namespace Cevns.Detectors;

/// <summary>
/// CsI[Na] scintillation response of the COHERENT 2021 release (PRL 129, 081801 (2022), arXiv:2110.07730,
/// ancillary file scintRespCoefficients.txt): E_ee(x) = a x + b x^2 + c x^3 + d x^4 with x the recoil energy in
/// MeVnr and E_ee in MeVee. The file holds the nominal curve and two systematic models (0 and 1), each at +-1 sigma;
/// each row is named by the comment line above it (see <see cref="Key"/>).
/// </summary>
public sealed class CsIQuarticQuenching : IQuenching
{
    /// <summary>Location inside the data directory.</summary>

    /// <summary>Upper end (MeVnr) of the range on which the reader checks that E_ee(T) increases. SNS recoils on Cs/I
    /// stay below 2 E^2 / M ~ 0.05 MeVnr (E = 52.8 MeV, M ~ 118 GeV).</summary>
    public const double CheckedRangeMeV = 0.2;

    private readonly double _a, _b, _c, _d;

    /// <summary>The comment text naming this row in the file, e.g. "Syst model 0, +1 sigma".</summary>
    public string Label { get; }

    /// <summary>Short name derived from <see cref="Label"/>: "nominal", "model0+1sigma", "model0-1sigma", "model1+1sigma", "model1-1sigma".</summary>
    public string Key { get; }

    /// <summary>Coefficients a, b, c, d (MeVee per MeVnr^n, n = 1..4).</summary>
    public IReadOnlyList<double> Coefficients => [_a, _b, _c, _d];

    public CsIQuarticQuenching(double a, double b, double c, double d, string label = "custom")
    {
        foreach (var (v, name) in new[] { (a, nameof(a)), (b, nameof(b)), (c, nameof(c)), (d, nameof(d)) })
            if (!double.IsFinite(v))
                throw new ArgumentOutOfRangeException(name, v, $"coefficient {name} must be finite");
        if (!(a > 0))
            throw new ArgumentOutOfRangeException(nameof(a), a, "linear coefficient a must be > 0 (positive light at small recoil)");
        _a = a; _b = b; _c = c; _d = d;
        Label = label;
        Key = KeyOf(label);
    }

    public double ElectronEquivalentMeV(double recoilMeV)
    {
        QuenchingInverse.RequireRecoil(recoilMeV, nameof(recoilMeV));
        double x = recoilMeV;
        return x * (_a + x * (_b + x * (_c + x * _d)));
    }

    /// <summary>dE_ee/dT (dimensionless).</summary>
    public double Slope(double recoilMeV)
    {
        double x = recoilMeV;
        return _a + x * (2 * _b + x * (3 * _c + x * 4 * _d));
    }

    /// <summary>Numerical inverse (<see cref="QuenchingInverse"/>); the curve increases on [0, <see cref="CheckedRangeMeV"/>] for every row the reader accepts.</summary>
    public double RecoilMeV(double electronEquivalentMeV) =>
        QuenchingInverse.Solve(ElectronEquivalentMeV, electronEquivalentMeV, 0.01, nameof(electronEquivalentMeV));

    /// <summary>Reads every row of the file (in file order: nominal, model 0 +1/-1 sigma, model 1 +1/-1 sigma).</summary>
    public static IReadOnlyList<CsIQuarticQuenching> Read(string path)
    {
        var rows = TextTable.Read(path, 4, "a b c d");
        var models = new List<CsIQuarticQuenching>();
        foreach (var row in rows)
        {
            if (row.Label is null)
                throw DataFileException.At(path, row.Line, "expected a comment line naming this coefficient row above it");
            var v = row.Values;
            if (!(v[0] > 0))
                throw DataFileException.At(path, row.Line, $"linear coefficient a (column 1) must be > 0, found {TextTable.Format(v[0])}");
            var model = new CsIQuarticQuenching(v[0], v[1], v[2], v[3], row.Label);
            for (int i = 0; i <= 2000; i++)
            {
                double t = CheckedRangeMeV * i / 2000;
                if (!(model.Slope(t) > 0))
                    throw DataFileException.At(path, row.Line,
                        $"scintillation response must increase with recoil energy on 0-{TextTable.Format(CheckedRangeMeV)} MeVnr, " +
                        $"found slope {TextTable.Format(model.Slope(t))} at {TextTable.Format(t)} MeVnr");
            }
            if (models.Any(m => m.Key == model.Key))
                throw DataFileException.At(path, row.Line, $"duplicate row name '{DataFileException.Quote(row.Label)}'");
            models.Add(model);
        }
        if (!models.Any(m => m.Key == "nominal"))
            throw DataFileException.In(path, "no row labelled 'Nominal'");
        return models;
    }

    /// <summary>The row with the given <see cref="Key"/> (e.g. "nominal", "model1-1sigma").</summary>
    public static CsIQuarticQuenching Select(IReadOnlyList<CsIQuarticQuenching> variants, string key) =>
        variants.FirstOrDefault(v => v.Key == key)
        ?? throw new ArgumentException($"no CsI scintillation-response variant '{key}'; available: {string.Join(", ", variants.Select(v => v.Key))}", nameof(key));

    /// <summary>"Nominal scintillation model" -&gt; "nominal"; "Syst model 0, +1 sigma" -&gt; "model0+1sigma".</summary>
    internal static string KeyOf(string label)
    {
        var lower = label.ToLowerInvariant();
        if (lower.Contains("nominal"))
            return "nominal";
        var key = lower.Replace("syst", "").Replace(",", "").Replace(" ", "");
        return key.Length > 0 ? key : "unnamed";
    }
}
