using Cevns.Data;
using Cevns.Sources.Spectra;

namespace Cevns.Sources.Reactor;

/// <summary>
/// Readers for the per-isotope reactor antineutrino spectra under
/// &lt;data root&gt;/reactor/spectra/ (each folder's SOURCE.md gives provenance and caveats).
/// All spectra are dN/dE in antineutrinos per MeV per fission (per decay for 239U/239Np), E in MeV.
/// Point tables are interpolated log-linearly, binned tables (Estienne 2019, BESTIOLE 2023) keep
/// every bin integral exactly (see <see cref="BinInterpolation.MonotoneCubicCumulative"/>).
/// </summary>
public static class ReactorSpectrumFiles
{
    /// <summary>The catalogue file (embedded) naming every spectrum file: name -> path relative to the data directory.</summary>
    public const string CatalogueFile = "Sources/Reactor/reactor-spectrum-files.yaml";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> CatalogueLazy = new(ReadCatalogue);

    /// <summary>Spectrum file name (e.g. "mueller2011/U238") -> path relative to the data directory.</summary>
    public static IReadOnlyDictionary<string, string> Catalogue => CatalogueLazy.Value;

    /// <summary>Full path of a catalogued spectrum file under a data root.</summary>
    public static string FilePath(string dataRoot, string name) =>
        Catalogue.TryGetValue(name, out var relative)
            ? Path.Combine(dataRoot, relative)
            : throw new DataFileException($"{CatalogueFile}: no reactor spectrum file named '{name}'");

    private static IReadOnlyDictionary<string, string> ReadCatalogue()
    {
        using var stream = typeof(ReactorSpectrumFiles).Assembly.GetManifestResourceStream("reactor-spectrum-files.yaml")
                           ?? throw new InvalidOperationException($"{CatalogueFile} is not embedded in the library");
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StreamReader(stream));
        var map = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
        return map.Children.ToDictionary(kv => ((YamlDotNet.RepresentationModel.YamlScalarNode)kv.Key).Value!,
            kv => ((YamlDotNet.RepresentationModel.YamlScalarNode)kv.Value).Value!, StringComparer.Ordinal);
    }

    /// <summary>
    /// Huber, PRC 84, 024617 (2011), Tables (U235, Pu239, Pu241), 2-8 MeV in 250 keV steps, from the
    /// self-describing huber2011/*-anti-neutrino-flux-250keV.dat (14 columns; column 2 = dN/dE,
    /// the others fractional uncertainties). Huber gives no 238U spectrum (use Mueller 2011).
    /// </summary>
    public static PointTableSpectrum Huber2011(string dataRoot, FissionIsotope isotope)
    {
        if (isotope == FissionIsotope.U238)
            throw new ArgumentOutOfRangeException(nameof(isotope), isotope, "Huber 2011 has no U238 spectrum; use Mueller 2011 for U238");
        return SpectrumFiles.ReadPointTable(FilePath(dataRoot, $"huber2011/{isotope}"), $"Huber 2011 {isotope}", columns: 14);
    }

    /// <summary>
    /// The two-column Huber tables huber2011/huber_*.txt. Their rows at 1.00-1.75 MeV and 8.25-9.00 MeV
    /// were extrapolated with Huber's polynomial by the author of the repository they come from (SOURCE.md),
    /// so they are dropped unless <paramref name="includeExtrapolatedRows"/>.
    /// </summary>
    public static PointTableSpectrum Huber2011TwoColumn(string dataRoot, FissionIsotope isotope, bool includeExtrapolatedRows = false)
    {
        if (isotope == FissionIsotope.U238)
            throw new ArgumentOutOfRangeException(nameof(isotope), isotope, "Huber 2011 has no U238 spectrum; use Mueller 2011 for U238");
        return SpectrumFiles.ReadPointTable(FilePath(dataRoot, $"huber2011-two-column/{isotope}"),
            $"Huber 2011 {isotope}{(includeExtrapolatedRows ? " (with extrapolated rows)" : "")}",
            keep: includeExtrapolatedRows ? null : InPaperRange);
    }

    /// <summary>
    /// Mueller et al., PRC 83, 054615 (2011), Tables III-V, 2-8 MeV (mueller2011/mueller_*.txt). The U238
    /// file also has rows below 2 and above 8 MeV digitised from the paper's Fig. 4 (SOURCE.md); they are
    /// dropped unless <paramref name="includeDigitisedRows"/>.
    /// </summary>
    public static PointTableSpectrum Mueller2011(string dataRoot, FissionIsotope isotope, bool includeDigitisedRows = false) =>
        SpectrumFiles.ReadPointTable(FilePath(dataRoot, $"mueller2011/{isotope}"),
            $"Mueller 2011 {isotope}{(includeDigitisedRows ? " (with digitised rows)" : "")}",
            keep: includeDigitisedRows ? null : InPaperRange);

    private static bool InPaperRange(double e) => e >= 2.0 - 1e-9 && e <= 8.0 + 1e-9;

    /// <summary>
    /// Vogel and Engel, PRD 39, 3378 (1989), Table II: the low-energy points 0.0078-1.5 MeV of all four
    /// isotopes (vogel-engel1989/vogel_engel1989_tableII_lowE.csv, columns E, U235, U238, Pu239, Pu241).
    /// </summary>
    public static PointTableSpectrum VogelEngel1989LowEnergy(string dataRoot, FissionIsotope isotope)
    {
        int column = isotope switch
        {
            FissionIsotope.U235 => 1,
            FissionIsotope.U238 => 2,
            FissionIsotope.Pu239 => 3,
            _ => 4,
        };
        var path = FilePath(dataRoot, "vogel-engel1989/table-ii-low-energy");
        var table = TextTable.Read(path, 5, "E_MeV U235 U238 Pu239 Pu241", allowHeader: true);
        table.RequireStrictlyIncreasing(0, "energy").RequireNonNegative(0, "energy").RequireRows(2);
        for (int c = 1; c < 5; c++)
            table.RequireNonNegative(c, "spectrum value dN/dE");
        return new PointTableSpectrum($"Vogel-Engel 1989 {isotope} (Table II, E <= 1.5 MeV)", table.Column(0), table.Column(column));
    }

    /// <summary>
    /// Vogel and Engel 1989 Table II for U235 or U238 including the 2.0 MeV point (0.0078-2.0 MeV;
    /// vogel-engel1989/vogel1989_isospec_*.csv). SOURCE.md notes that the 2.0 MeV values (U235 1.26, U238 1.50)
    /// differ from Mueller's (1.31, 1.48), which is why the HMVE junction uses the HM value at 2 MeV.
    /// </summary>
    public static PointTableSpectrum VogelEngel1989(string dataRoot, FissionIsotope isotope)
    {
        if (isotope is not (FissionIsotope.U235 or FissionIsotope.U238))
            throw new ArgumentOutOfRangeException(nameof(isotope), isotope, "vogel1989_isospec files exist for U235 and U238 only; use VogelEngel1989LowEnergy");
        return SpectrumFiles.ReadPointTable(FilePath(dataRoot, $"vogel-engel1989/{isotope}"),
            $"Vogel-Engel 1989 {isotope} (Table II)");
    }

    /// <summary>
    /// Kopeikin et al., Phys. At. Nucl. 75, 143 (2012), Table 3: total antineutrino spectrum per fission of a
    /// typical power-reactor fuel, 0.01-9 MeV, including the 238U(n,gamma) -> 239U -> 239Np antineutrinos
    /// and the low-energy beta-branch structure (kopeikin/kopeikin2012_composite_total.csv). It does not
    /// depend on the fission fractions of a particular reactor.
    /// </summary>
    public static PointTableSpectrum Kopeikin2012Total(string dataRoot) =>
        SpectrumFiles.ReadPointTable(FilePath(dataRoot, "kopeikin2012/total"), "Kopeikin 2012 total (Table 3)");

    /// <summary>
    /// Kopeikin et al., hep-ph/9904384, Fig. 1: total spectrum 0-1.5 MeV digitised from the figure
    /// (kopeikin/kopeikin1999_composite_total.csv; vertical edges of beta branches recognised within 5 keV).
    /// </summary>
    public static DigitisedCurveSpectrum Kopeikin1999TotalDigitised(string dataRoot) =>
        SpectrumFiles.ReadDigitisedCurve(FilePath(dataRoot, "kopeikin1999/total-digitised"),
            "Kopeikin 1999 total (digitised Fig. 1)", stepToleranceMeV: 0.005);

    /// <summary>
    /// Kopeikin, Skorokhvatov, Titov, arXiv:2103.01684 (2021): re-evaluated U235 and U238 spectra 2-8 MeV
    /// (kopeikin/kopeikin_u235.txt, kopeikin_u238.txt). The stored U238 file ends with the line
    /// "8.00,0.00300 n" and is therefore rejected as malformed (line 26) until the data file is corrected.
    /// </summary>
    public static PointTableSpectrum Kopeikin2021(string dataRoot, FissionIsotope isotope)
    {
        if (isotope is not (FissionIsotope.U235 or FissionIsotope.U238))
            throw new ArgumentOutOfRangeException(nameof(isotope), isotope, "Kopeikin 2021 gives U235 and U238 only");
        return SpectrumFiles.ReadPointTable(FilePath(dataRoot, $"kopeikin2021/{isotope}"), $"Kopeikin 2021 {isotope}");
    }

    /// <summary>
    /// Estienne et al., PRL 123, 022502 (2019), supplementary material: summation-method (SM-2018) spectra in
    /// 100 keV bins, centres 0.05-10.05 MeV (estienne2019/estienne2019_isospec_*.csv).
    /// </summary>
    public static BinnedSpectrum EstienneFallot2019(string dataRoot, FissionIsotope isotope) =>
        SpectrumFiles.ReadBinnedByCentres(FilePath(dataRoot, $"estienne2019/{isotope}"),
            $"Estienne-Fallot 2019 {isotope}");

    /// <summary>
    /// Perisse et al., arXiv:2304.14992 (2023), ancillary BESTIOLE spectra in 25 keV bins, centres
    /// 0.0125-12.4875 MeV (perisse2023-bestiole/bestiole_*.txt); integrals 6.08, 7.16, 5.50, 6.26 per fission.
    /// </summary>
    public static BinnedSpectrum Bestiole2023(string dataRoot, FissionIsotope isotope) =>
        SpectrumFiles.ReadBinnedByCentres(FilePath(dataRoot, $"bestiole2023/{isotope}"),
            $"BESTIOLE 2023 {isotope}");

    /// <summary>BESTIOLE 2023 spectrum of one 239U beta decay (normalised to 1 per decay), 25 keV bins.</summary>
    public static BinnedSpectrum Bestiole2023U239(string dataRoot) =>
        SpectrumFiles.ReadBinnedByCentres(FilePath(dataRoot, "bestiole2023/U239"), "BESTIOLE 2023 U239 (per decay)");

    /// <summary>BESTIOLE 2023 spectrum of one 239Np beta decay (normalised to 1 per decay), 25 keV bins.</summary>
    public static BinnedSpectrum Bestiole2023Np239(string dataRoot) =>
        SpectrumFiles.ReadBinnedByCentres(FilePath(dataRoot, "bestiole2023/Np239"), "BESTIOLE 2023 Np239 (per decay)");

    /// <summary>
    /// The "MHVE" per-isotope tables of the Dresden-II re-analysis code LeireLarizgoitia/Reactor_CEnuNS
    /// (larizgoitia-mhve/spectraMeV*.txt): Vogel-Engel 1989 Table II points up to 1.5 MeV followed by the
    /// Mueller 2011 tables 2-8 MeV. For Pu239 the root-level copy is read, which has the correct 0.00103 at
    /// 7.75 MeV where the SM/ copy has the typo 0.000103 (SOURCE.md).
    /// </summary>
    public static PointTableSpectrum LarizgoitiaMhve(string dataRoot, FissionIsotope isotope)
    {
        return SpectrumFiles.ReadPointTable(FilePath(dataRoot, $"larizgoitia-mhve/{isotope}"), $"MHVE (Larizgoitia) {isotope}");
    }

    /// <summary>
    /// Digitised antineutrino spectrum of 238U(n,gamma) -> 239U -> 239Np -> 239Pu
    /// (larizgoitia-mhve/spectraMeVU238Ncapture.txt, arbitrary units, vertical edges within 1 keV),
    /// normalised here to <paramref name="antineutrinosPerCapture"/> (2: two beta decays per capture).
    /// The original code normalises it to 1 and uses 0.6 captures per fission, i.e. 0.6 antineutrinos
    /// per fission from captures; the same total is obtained here with 0.3 captures per fission.
    /// </summary>
    public static DigitisedCurveSpectrum LarizgoitiaCaptureChain(string dataRoot, double antineutrinosPerCapture = 2.0)
    {
        if (!double.IsFinite(antineutrinosPerCapture) || antineutrinosPerCapture <= 0)
            throw new ArgumentOutOfRangeException(nameof(antineutrinosPerCapture), antineutrinosPerCapture, "antineutrinos per capture must be finite and > 0");
        var raw = SpectrumFiles.ReadDigitisedCurve(FilePath(dataRoot, "larizgoitia-mhve/capture-chain"),
            "238U neutron-capture chain (digitised, Larizgoitia)", stepToleranceMeV: 0.001);
        return raw.Scaled(antineutrinosPerCapture / raw.Total);
    }

    private const string ExpPolynomialColumns = "model isotope a0 a1 a2 a3 a4 a5";

    /// <summary>
    /// Exponential-polynomial fit exp(sum_k a_k E^k) (parametrizations/exp_polynomial_parameters.csv) of
    /// <paramref name="model"/> = "huber2011" (Huber Table III; no U238), "mueller2011" (Mueller Table VI)
    /// or "vogel_engel1989" (Vogel-Engel Table I), on [lo, hi] MeV (the fits are valid in 2-8 MeV).
    /// </summary>
    public static ExpPolynomialSpectrum ExpPolynomial(string dataRoot, string model, FissionIsotope isotope, double loMeV = 2.0, double hiMeV = 8.0)
    {
        var path = FilePath(dataRoot, "parametrizations/exp-polynomial");
        foreach (var row in TextTable.ReadFields(path, 8, hasHeader: true, ExpPolynomialColumns))
        {
            var f = row.Fields;
            if (!string.Equals(f[0], model, StringComparison.OrdinalIgnoreCase) ||
                !string.Equals(f[1], isotope.ToString(), StringComparison.OrdinalIgnoreCase))
                continue;
            var a = new double[6];
            for (int k = 0; k < 6; k++)
                a[k] = TextTable.ParseNumber(path, row.Line, f[k + 2], k + 3, $"a{k}");
            var spectrum = new ExpPolynomialSpectrum($"{model} exp-polynomial {isotope}", a, loMeV, hiMeV);
            if (MaxExponent(a, loMeV, hiMeV) is var (max, at) && !(max < MaxExpArgument))
                throw DataFileException.At(path, row.Line,
                    $"exp(a0 + a1 E + ... + a5 E^5) must stay finite on {TextTable.Format(loMeV)}-{TextTable.Format(hiMeV)} MeV, " +
                    $"but the exponent reaches {TextTable.Format(max)} near E = {TextTable.Format(at)} MeV");
            return spectrum;
        }
        throw DataFileException.In(path, $"no coefficients for model '{model}' and isotope {isotope}");
    }

    /// <summary>Largest argument with a finite exp (ln of double.MaxValue is 709.78).</summary>
    private const double MaxExpArgument = 709;

    /// <summary>
    /// Upper bound of the polynomial sum_k a_k E^k on [lo, hi] and where the grid maximum sits: the largest value on a
    /// 1000-cell grid plus h^2/8 max|p''| (on a cell of width h, p exceeds its linear interpolant by at most that).
    /// </summary>
    private static (double Max, double AtMeV) MaxExponent(double[] a, double lo, double hi)
    {
        const int cells = 1000;
        double h = (hi - lo) / cells, best = double.NegativeInfinity, at = lo;
        for (int i = 0; i <= cells; i++)
        {
            double e = lo + h * i, p = 0;
            for (int k = a.Length - 1; k >= 0; k--)
                p = p * e + a[k];
            if (double.IsNaN(p))
                return (p, e); // inf - inf: the terms themselves overflow
            if (!(p <= best))
            {
                best = p;
                at = e;
            }
        }
        double reach = Math.Max(Math.Abs(lo), Math.Abs(hi)), curvature = 0;
        for (int k = 2; k < a.Length; k++)
            curvature += k * (k - 1) * Math.Abs(a[k]) * Math.Pow(reach, k - 2);
        return (best + h * h / 8 * curvature, at);
    }

    /// <summary>
    /// Mean energy released per fission (MeV) from parametrizations/energy_per_fission.csv; <paramref name="source"/>
    /// is "ma2013" (Ma et al., PRC 88, 014605 (2013), Table IX) or "kopeikin2004" (Kopeikin et al., Phys. At. Nucl. 67, 1892 (2004), Table 4).
    /// </summary>
    public static double EnergyPerFissionMeV(string dataRoot, string source, FissionIsotope isotope)
    {
        var path = FilePath(dataRoot, "parametrizations/energy-per-fission");
        foreach (var row in TextTable.ReadFields(path, 4, hasHeader: true, "source isotope E_MeV unc_MeV"))
        {
            var f = row.Fields;
            if (string.Equals(f[0], source, StringComparison.OrdinalIgnoreCase) &&
                string.Equals(f[1], isotope.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                double e = TextTable.ParseNumber(path, row.Line, f[2], 3, "E_MeV");
                if (!(e > 0))
                    throw DataFileException.At(path, row.Line, $"energy per fission E_MeV (column 3) must be > 0, found {TextTable.Format(e)}");
                return e;
            }
        }
        throw DataFileException.In(path, $"no energy per fission for source '{source}' and isotope {isotope}");
    }

    /// <summary>
    /// The older or digitised models of other-models/ (CSV E, dN/dE): "silaeva" (Silaeva and Sinev,
    /// arXiv:2012.09917, 1-10 MeV), "hayes" (digitised from Hayes and Vogel, arXiv:1605.02047),
    /// "avignone" (Avignone and Greenwood, PRC 22, 594 (1980)), "klapdor" (Klapdor and Metzinger 1982).
    /// Not every isotope exists for every model. The avignone files list 12.5 MeV before 12.0 MeV and
    /// are therefore rejected as malformed.
    /// </summary>
    public static PointTableSpectrum OtherModel(string dataRoot, string model, FissionIsotope isotope)
    {
        var name = model.ToLowerInvariant();
        if (name is not ("silaeva" or "hayes" or "avignone" or "klapdor"))
            throw new ArgumentOutOfRangeException(nameof(model), model, "other model must be silaeva, hayes, avignone or klapdor");
        return SpectrumFiles.ReadPointTable(FilePath(dataRoot, $"other-models/{name}/{isotope}"), $"{model} {isotope}");
    }
}
