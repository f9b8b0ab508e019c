using System.Globalization;
using Cevns.Detectors;

namespace Cevns.Datasets;

/// <summary>
/// Builds detector-response pieces from a definition's facts (and, for the reactor germanium datasets, the quenching
/// option), so that a new detector of a known kind is a YAML file:
/// <code>
/// quenching:  { model: linear, a: 0.246, b_per_kev: 0.00078 }   # f = a + b T_nr[keV]
///             { model: lindhard, k: 0.162, z: 32 }                # docs/physics.md section 8
///             { model: constant, factor: 0.0878 }
/// resolution: { model: stochastic, a_sqrt_kev: 0.58 }            # sigma = a sqrt(E[keVee])
///             { model: fwhm-sqrt, a: 0.132, b: 0.036, c: 0.003 }  # FWHM = a + b sqrt(E + c E^2) keV
///             { model: noise-fano, noise_sigma_kevee: 0.0685, fano: 0.11, pair_energy_kevee: 0.00296 }
///                                                                 # sigma^2 = sigma_n^2 + eta F E_ee (docs/physics.md section 8)
/// efficiency: { file: &lt;files key&gt;, columns: 3, energy_column: 0, efficiency_column: 2 }   # keVee table, linear
/// </code>
/// Resolution numbers may refer to the dataset's parameter table ("=name", <see cref="FactNumbers"/>) when the kind
/// passes one.
/// </summary>
public static class DetectorFacts
{
    public static IQuenching Quenching(Facts q)
    {
        var model = q.String("model");
        switch (model)
        {
            case "linear":
                q.AllowOnly("model", "a", "b_per_kev");
                return q.Checked("a", () => new LinearQuenchingFactor(q.Number("a"), q.Number("b_per_kev")));
            case "lindhard":
                q.AllowOnly("model", "k", "z");
                return q.Checked("k", () => new LindhardQuenching(q.Number("k"), (int)q.Number("z")));
            case "constant":
                q.AllowOnly("model", "factor");
                return q.Checked("factor", () => new ConstantQuenchingFactor(q.Number("factor")));
            default:
                throw q.Error("model", $"unknown quenching model '{model}' (known: linear, lindhard, constant)");
        }
    }

    /// <summary>Germanium quenching models a dataset may offer as its <c>quenching</c> option.</summary>
    public static IReadOnlyList<string> GermaniumQuenchingOptions { get; } = ["fef", "ybe", "lindhard"];

    /// <summary>
    /// The germanium quenching of the <c>quenching</c> option: "fef" or "ybe" (Collar, Kavner and Lewis, PRD 103, 122003
    /// (2021), model curves in reactor/quenching/QF_Fef_YBe.txt) or "lindhard" with the option <c>lindhard_k</c>.
    /// </summary>
    /// <param name="tablePath">The Fef/YBe table as the definition names it (null: its usual place in the data directory).</param>
    public static IQuenching GermaniumQuenching(DatasetOptions options, string dataDirectory, string? tablePath = null) => options.Text("quenching") switch
    {
        "fef" => tablePath is null ? TabulatedQuenchingFactor.ReadGermaniumFromDataDirectory(dataDirectory, GermaniumQuenchingModel.Fef)
            : TabulatedQuenchingFactor.ReadGermanium(tablePath, GermaniumQuenchingModel.Fef),
        "ybe" => tablePath is null ? TabulatedQuenchingFactor.ReadGermaniumFromDataDirectory(dataDirectory, GermaniumQuenchingModel.YBe)
            : TabulatedQuenchingFactor.ReadGermanium(tablePath, GermaniumQuenchingModel.YBe),
        "lindhard" => LindhardQuenching.Germanium(options.Number("lindhard_k")),
        var other => throw new DatasetException($"unknown Ge quenching model '{other}' (known: {string.Join(", ", GermaniumQuenchingOptions)})"),
    };

    /// <summary>A one-line description of the germanium quenching option for prediction notes.</summary>
    public static string DescribeGermaniumQuenching(DatasetOptions options) => options.Text("quenching") switch
    {
        "fef" => "quenching: Fef model (Collar et al., PRD 103, 122003 (2021))",
        "ybe" => "quenching: YBe model (Collar et al., PRD 103, 122003 (2021))",
        _ => $"quenching: Lindhard, k = {options.Number("lindhard_k").ToString("G4", CultureInfo.InvariantCulture)}",
    };

    /// <param name="numbers">Resolves "=name" references to a parameter table (noise-fano); null: plain numbers only.</param>
    public static IResolution Resolution(Facts r, FactNumbers? numbers = null)
    {
        var model = r.String("model");
        switch (model)
        {
            case "stochastic":
                r.AllowOnly("model", "a_sqrt_kev");
                return r.Checked("a_sqrt_kev", () => new StochasticTermResolution(r.Number("a_sqrt_kev")));
            case "fwhm-sqrt":
                r.AllowOnly("model", "a", "b", "c");
                return r.Checked("a", () => new GeMiniResolution(r.Number("a"), r.Number("b"), r.Number("c")));
            case "noise-fano":
                return NoiseFano(r, numbers ?? new FactNumbers(null));
            default:
                throw r.Error("model", $"unknown resolution model '{model}' (known: stochastic, fwhm-sqrt, noise-fano)");
        }
    }

    /// <summary>Germanium noise + Fano resolution; fano and pair energy default to 0.11 and 2.96 eV (docs/physics.md section 8).</summary>
    private static GermaniumNoiseFanoResolution NoiseFano(Facts r, FactNumbers numbers)
    {
        r.AllowOnly("model", "noise_sigma_kevee", "fano", "pair_energy_kevee", "note");
        double noise = numbers.Number(r, "noise_sigma_kevee", "keVee");
        double fano = numbers.OptionalNumber(r, "fano", GermaniumNoiseFanoResolution.DefaultFano);
        double pair = numbers.OptionalNumber(r, "pair_energy_kevee", GermaniumNoiseFanoResolution.DefaultPairEnergyKeV, "keV");
        if (!(noise >= 0 && noise < 1))
            throw r.Error("noise_sigma_kevee", "expected a noise sigma in [0, 1) keVee");
        if (!(fano >= 0 && fano <= 1))
            throw r.Error("fano", "expected a Fano factor in [0, 1]");
        if (!(pair > 0 && pair < 0.1))
            throw r.Error("pair_energy_kevee", "expected a pair-creation energy in (0, 0.1) keV");
        return new GermaniumNoiseFanoResolution(noise, fano, pair);
    }

    /// <summary>A keVee efficiency table named by a <c>files:</c> key (read from the data directory).</summary>
    public static IEfficiency Efficiency(Facts e, DatasetDefinition definition, string dataDirectory)
    {
        e.AllowOnly("file", "columns", "energy_column", "efficiency_column");
        var path = definition.FilePath(dataDirectory, e.String("file"));
        int columns = (int)e.OptionalNumber("columns", 2);
        int x = (int)e.OptionalNumber("energy_column", 0), y = (int)e.OptionalNumber("efficiency_column", 1);
        if (columns < 2 || columns > 20 || x < 0 || x >= columns || y < 0 || y >= columns || x == y)
            throw e.Error("columns", $"need 2-20 columns with distinct energy and efficiency columns inside them (got {columns}, {x}, {y})");
        return TabulatedEfficiency.Read(path, ReconstructedScale.KeVee, columns, x, y,
            string.Join(' ', Enumerable.Range(0, columns).Select(c => c == x ? "E_keVee" : c == y ? "efficiency" : $"col{c + 1}")));
    }
}
