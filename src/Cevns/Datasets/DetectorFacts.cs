using System.Globalization;
using Cevns.Data;
using Cevns.Detectors;

namespace Cevns.Datasets;

/// <summary>
/// Builds detector-response pieces from a definition's facts (and, for the reactor germanium datasets, the quenching
/// option), so that a new detector of a known kind is a YAML file:
/// <code>
/// quenching:  { model: linear, a: 0.246, b_per_kev: 0.00078 }   # f = a + b T_nr[keV] (optional a_error, b_per_kev_error)
///             { model: lindhard, k: 0.162, z: 32 }                # docs/physics.md section 8
///             { model: constant, factor: 0.0878, factor_error: 0.0166 }
///             { model: quartic-table, file: &lt;files key&gt;, row_option: quenching }  # E_ee(T_nr) quartic, rows by name
/// resolution: { model: stochastic, a_sqrt_kev: 0.58 }            # sigma = a sqrt(E[keVee])
///             { model: fwhm-sqrt, a: 0.132, b: 0.036, c: 0.003 }  # FWHM = a + b sqrt(E + c E^2) keV
///             { model: noise-fano, noise_sigma_kevee: 0.0685, fano: 0.11, pair_energy_kevee: 0.00296 }
///                                                                 # sigma^2 = sigma_n^2 + eta F E_ee (docs/physics.md section 8)
///             { model: poisson-pe, light_yield_pe_per_kevee: 13.348 }                   # PE count ~ Poisson(LY E_ee)
///             { model: gamma-pe, light_yield_pe_per_kevee: 13.35, shape_per_kevee: 9.56 } # gamma-distributed PE
/// efficiency: { file: &lt;files key&gt;, columns: 3, energy_column: 0, efficiency_column: 2 }   # keVee table, linear
///             { model: logistic-bin-centre, a: 0.6655, a_error_hi: 0.0212, a_error_lo: 0.0384, k: ..., x0: ...,
///               zero_below_pe: 5, half_below_pe: 6 }             # a / (1 + exp(-k (x - x0))) H(x) at 1-PE bin centres
///             { model: logistic-table, file: &lt;files key&gt;, row_option: efficiency }   # logistic rows by name
/// timing efficiency: { model: exponential-after-onset, onset_us: 0.52, decay_per_us: 0.0494 }
/// </code>
/// A parameter p may state its error as p_error (symmetric) or p_error_hi and p_error_lo (upward and downward shifts);
/// a shape systematic then builds the model at p +- 1 sigma (<see cref="ModelVariant"/>). Table models name the row by a
/// dataset option (row_option); a variant may ask for another row. Resolution numbers may refer to the dataset's
/// parameter table ("=name", <see cref="FactNumbers"/>) when the kind passes one.
/// </summary>
public static class DetectorFacts
{
    /// <param name="definition">The dataset definition (files and options of table models); null for models without files.</param>
    public static IQuenching Quenching(Facts q, DatasetDefinition? definition = null, string? dataDirectory = null, ModelVariant? variant = null)
    {
        var model = q.String("model");
        variant ??= ModelVariant.Nominal;
        CheckVariant(q, model, variant, model == "constant" ? ["factor"] : model == "linear" ? ["a", "b_per_kev"] : [], model == "quartic-table");
        switch (model)
        {
            case "linear":
                q.AllowOnly("model", "a", "a_error", "b_per_kev", "b_per_kev_error");
                return q.Checked("a", () => new LinearQuenchingFactor(Shifted(q, "a", variant), Shifted(q, "b_per_kev", variant)));
            case "lindhard":
                q.AllowOnly("model", "k", "z");
                return q.Checked("k", () => new LindhardQuenching(q.Number("k"), (int)q.Number("z")));
            case "constant":
                q.AllowOnly("model", "factor", "factor_error");
                return q.Checked("factor", () => new ConstantQuenchingFactor(Shifted(q, "factor", variant)));
            case "quartic-table":
            {
                q.AllowOnly("model", "file", "row_option");
                var (def, dir) = Files(q, definition, dataDirectory);
                return Row(q, def, variant, CsIQuarticQuenching.Read(def.FilePath(dir, q.String("file"))), r => r.Key);
            }
            default:
                throw q.Error("model", $"unknown quenching model '{model}' (known: linear, lindhard, constant, quartic-table)");
        }
    }

    /// <summary>Germanium quenching models a dataset may offer as its <c>quenching</c> option.</summary>
    public static IReadOnlyList<string> GermaniumQuenchingOptions { get; } = ["fef", "ybe", "lindhard"];

    /// <summary>
    /// The germanium quenching of the <c>quenching</c> option: "fef" or "ybe" (Collar, Kavner and Lewis, PRD 103, 122003
    /// (2021), model curves in reactor/quenching/QF_Fef_YBe.txt) or "lindhard" with the option <c>lindhard_k</c>.
    /// </summary>
    /// <param name="fefYbeTable">The full path of the Fef/YBe table the definition names (files: quenching_table); only read
    /// for fef and ybe.</param>
    public static IQuenching GermaniumQuenching(DatasetOptions options, Func<string> fefYbeTable) => options.Text("quenching") switch
    {
        "fef" => TabulatedQuenchingFactor.ReadGermanium(fefYbeTable(), GermaniumQuenchingModel.Fef),
        "ybe" => TabulatedQuenchingFactor.ReadGermanium(fefYbeTable(), GermaniumQuenchingModel.YBe),
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
                return r.Checked("a", () => new FwhmSqrtResolution(r.Number("a"), r.Number("b"), r.Number("c")));
            case "noise-fano":
                return NoiseFano(r, numbers ?? new FactNumbers(null));
            case "poisson-pe":
                r.AllowOnly("model", "light_yield_pe_per_kevee");
                return r.Checked("light_yield_pe_per_kevee", () => new PoissonPhotoelectronResolution(r.PositiveNumber("light_yield_pe_per_kevee")));
            case "gamma-pe":
                r.AllowOnly("model", "light_yield_pe_per_kevee", "shape_per_kevee");
                return r.Checked("light_yield_pe_per_kevee",
                    () => new GammaPhotoelectronResolution(r.PositiveNumber("light_yield_pe_per_kevee"), r.Number("shape_per_kevee")));
            default:
                throw r.Error("model", $"unknown resolution model '{model}' (known: stochastic, fwhm-sqrt, noise-fano, poisson-pe, gamma-pe)");
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

    /// <summary>An energy efficiency: a keVee table named by a <c>files:</c> key (no model key, or model: table), or a named model.</summary>
    public static IEfficiency Efficiency(Facts e, DatasetDefinition definition, string dataDirectory, ModelVariant? variant = null)
    {
        var model = e.OptionalString("model") ?? "table";
        variant ??= ModelVariant.Nominal;
        CheckVariant(e, model, variant, model == "logistic-bin-centre" ? ["a", "k", "x0"] : [], model == "logistic-table");
        switch (model)
        {
            case "table":
                return EfficiencyTable(e, definition, dataDirectory);
            case "logistic-bin-centre":
                e.AllowOnly("model", "a", "a_error_hi", "a_error_lo", "k", "k_error_hi", "k_error_lo", "x0", "x0_error_hi", "x0_error_lo",
                    "zero_below_pe", "half_below_pe");
                return e.Checked("a", () => new BinCentreLogisticEfficiency(Shifted(e, "a", variant), Shifted(e, "k", variant), Shifted(e, "x0", variant),
                    e.Number("zero_below_pe"), e.Number("half_below_pe")));
            case "logistic-table":
                e.AllowOnly("model", "file", "row_option");
                return Row(e, definition, variant, LogisticEfficiency.Read(definition.FilePath(dataDirectory, e.String("file"))), r => r.Key);
            default:
                throw e.Error("model", $"unknown efficiency model '{model}' (known: table, logistic-bin-centre, logistic-table)");
        }
    }

    private static TabulatedEfficiency EfficiencyTable(Facts e, DatasetDefinition definition, string dataDirectory)
    {
        e.AllowOnly("model", "file", "columns", "energy_column", "efficiency_column");
        var path = definition.FilePath(dataDirectory, e.String("file"));
        int columns = (int)e.OptionalNumber("columns", 2);
        int x = (int)e.OptionalNumber("energy_column", 0), y = (int)e.OptionalNumber("efficiency_column", 1);
        if (columns < 2 || columns > 20 || x < 0 || x >= columns || y < 0 || y >= columns || x == y)
            throw e.Error("columns", $"need 2-20 columns with distinct energy and efficiency columns inside them (got {columns}, {x}, {y})");
        return TabulatedEfficiency.Read(path, ReconstructedScale.KeVee, columns, x, y,
            string.Join(' ', Enumerable.Range(0, columns).Select(c => c == x ? "E_keVee" : c == y ? "efficiency" : $"col{c + 1}")));
    }

    /// <summary>A timing efficiency (acceptance as a function of the reconstructed time after the beam trigger).</summary>
    public static ExponentialTimingEfficiency TimingEfficiency(Facts t)
    {
        var model = t.String("model");
        if (model != "exponential-after-onset")
            throw t.Error("model", $"unknown timing-efficiency model '{model}' (known: exponential-after-onset)");
        t.AllowOnly("model", "onset_us", "decay_per_us");
        return t.Checked("decay_per_us", () => new ExponentialTimingEfficiency(t.Number("onset_us"), t.Number("decay_per_us")));
    }

    /// <summary>
    /// A model parameter at the variant: the value, or value + s x error for a shift of s standard deviations of this
    /// parameter (error from key_error, or key_error_hi for s &gt; 0 and key_error_lo for s &lt; 0).
    /// </summary>
    private static double Shifted(Facts f, string key, ModelVariant variant)
    {
        double value = f.Number(key);
        if (variant.Parameter != key || variant.Sigmas == 0) return value;
        if (f.Has(key + "_error")) return value + variant.Sigmas * f.PositiveNumber(key + "_error");
        var side = variant.Sigmas > 0 ? key + "_error_hi" : key + "_error_lo";
        if (!f.Has(side))
            throw f.Error(key, $"a shape systematic varies {key}: state its error as {key}_error or {key}_error_hi and {key}_error_lo");
        return value + variant.Sigmas * f.PositiveNumber(side);
    }

    /// <summary>Rejects a variant the model cannot build (a parameter without stated error, a row of a model without rows).</summary>
    private static void CheckVariant(Facts f, string model, ModelVariant variant, string[] uncertainParameters, bool hasRows)
    {
        if (variant.Parameter is { } p && !uncertainParameters.Contains(p))
            throw f.Error("model", $"a shape systematic varies parameter '{p}', which model {model} does not have with an error"
                                   + (uncertainParameters.Length > 0 ? $" (known: {string.Join(", ", uncertainParameters)})" : ""));
        if (variant.Row is not null && !hasRows)
            throw f.Error("model", $"a shape systematic asks for table rows, which model {model} does not have");
    }

    private static (DatasetDefinition, string) Files(Facts f, DatasetDefinition? definition, string? dataDirectory) =>
        definition is not null && dataDirectory is not null ? (definition, dataDirectory)
            : throw f.Error("model", "this model reads a table file: not available here");

    /// <summary>The row of a table model: the variant's row, else the one named by the dataset option row_option.</summary>
    private static T Row<T>(Facts f, DatasetDefinition definition, ModelVariant variant, IReadOnlyList<T> rows, Func<T, string> key) where T : class
    {
        string Known() => string.Join(", ", rows.Select(key));
        if (variant.Row is { } wanted)
            return rows.FirstOrDefault(r => key(r) == wanted)
                   ?? throw new DatasetException($"dataset {definition.Id}: {f.Path}: no row '{wanted}' in the release file (rows: {Known()})");
        var option = f.String("row_option");
        var chosen = definition.Options.Text(option);
        return rows.FirstOrDefault(r => key(r) == chosen)
               ?? throw new DatasetException($"dataset {definition.Id}: option {option}: no row '{chosen}' in the release file (rows: {Known()})");
    }
}
