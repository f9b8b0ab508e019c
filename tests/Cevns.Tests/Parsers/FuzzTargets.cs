using System.Globalization;
using System.Text;
using Cevns.Data;
using Cevns.Datasets;
using Cevns.Detectors;
using Cevns.Physics.FormFactors;
using Cevns.Sources.Reactor;
using Cevns.Sources.Spectra;
using Cevns.Sources.Timing;
using Cevns.Sources;
using Cevns.Tests.Detectors;

namespace Cevns.Tests.Parsers;

/// <summary>
/// One input of a reader: the file (relative to a data root) and how the library reads it. <see cref="Read"/>
/// gets the data root holding the (possibly mutated) file and returns numbers computed from the result, which
/// must all be finite when the reader accepts the file.
/// </summary>
internal sealed record FuzzSeed(string RelativePath, byte[] Content, Func<string, IEnumerable<double>> Read);

/// <summary>A reader of real data files, its seeds and the one exception type it may throw on bad input.</summary>
internal sealed record FuzzTarget(string Name, IReadOnlyList<FuzzSeed> Seeds, Type ExpectedException, bool PathIsAbsolute = true,
    int Mutations = FuzzTarget.DefaultMutations)
{
    /// <summary>Mutations per reader (spread over its seed files).</summary>
    public const int DefaultMutations = 300;

    public override string ToString() => Name;
}

/// <summary>
/// Every reader of a data file used by the library, with the real files of the data directory as seeds
/// (synthetic seeds where the data directory has no such file: density tables and dataset definitions).
/// </summary>
internal static class FuzzTargets
{
    private static readonly FissionIsotope[] AllIsotopes = Enum.GetValues<FissionIsotope>();

    public static IReadOnlyList<FuzzTarget> All { get; } = Build();

    public static FuzzTarget Find(string name) => All.Single(t => t.Name == name);

    private static List<FuzzTarget> Build()
    {
        var t = new List<FuzzTarget>();

        // Reactor spectra (Sources/Reactor/ReactorSpectrumFiles -> Sources/Spectra/SpectrumFiles).
        t.Add(Spectra("Huber2011 (.dat, 14 columns)", [FissionIsotope.U235, FissionIsotope.Pu239, FissionIsotope.Pu241],
            i => $"reactor/spectra/huber2011/{i}-anti-neutrino-flux-250keV.dat", (root, i) => ReactorSpectrumFiles.Huber2011(root, i)));
        t.Add(Spectra("Huber2011 two-column", [FissionIsotope.U235, FissionIsotope.Pu239, FissionIsotope.Pu241],
            i => $"reactor/spectra/huber2011/huber_{Lower(i)}.txt", (root, i) => ReactorSpectrumFiles.Huber2011TwoColumn(root, i, includeExtrapolatedRows: i == FissionIsotope.Pu239)));
        t.Add(Spectra("Mueller2011", AllIsotopes,
            i => $"reactor/spectra/mueller2011/mueller_{Lower(i)}.txt", (root, i) => ReactorSpectrumFiles.Mueller2011(root, i, includeDigitisedRows: i == FissionIsotope.U238)));
        t.Add(Spectra("VogelEngel1989 Table II low energy", AllIsotopes,
            _ => "reactor/spectra/vogel-engel1989/vogel_engel1989_tableII_lowE.csv", (root, i) => ReactorSpectrumFiles.VogelEngel1989LowEnergy(root, i)));
        t.Add(Spectra("VogelEngel1989 isospec", [FissionIsotope.U235, FissionIsotope.U238],
            i => $"reactor/spectra/vogel-engel1989/vogel1989_isospec_{Lower(i)}.csv", (root, i) => ReactorSpectrumFiles.VogelEngel1989(root, i)));
        t.Add(Spectra("Kopeikin2012 total", [FissionIsotope.U235],
            _ => "reactor/spectra/kopeikin/kopeikin2012_composite_total.csv", (root, _) => ReactorSpectrumFiles.Kopeikin2012Total(root)));
        t.Add(Spectra("Kopeikin1999 digitised", [FissionIsotope.U235],
            _ => "reactor/spectra/kopeikin/kopeikin1999_composite_total.csv", (root, _) => ReactorSpectrumFiles.Kopeikin1999TotalDigitised(root)));
        t.Add(Spectra("Kopeikin2021", [FissionIsotope.U235, FissionIsotope.U238],
            i => $"reactor/spectra/kopeikin/kopeikin_{Lower(i)}.txt", (root, i) => ReactorSpectrumFiles.Kopeikin2021(root, i)));
        t.Add(Spectra("EstienneFallot2019", AllIsotopes,
            i => $"reactor/spectra/estienne2019/estienne2019_isospec_{Lower(i)}.csv", (root, i) => ReactorSpectrumFiles.EstienneFallot2019(root, i)));
        t.Add(Spectra("Bestiole2023", AllIsotopes,
            i => $"reactor/spectra/perisse2023-bestiole/bestiole_{Lower(i)}.txt", (root, i) => ReactorSpectrumFiles.Bestiole2023(root, i)));
        // Dresden-II released spectrum (Datasets/ReleasedRateSpectrum).
        t.Add(new FuzzTarget("Dresden-II data release",
        [
            DataSeed("reactor/dresden-ii/data_release.txt", root =>
            {
                var s = ReleasedRateSpectrum.Read(Path.Combine(root, "reactor/dresden-ii/data_release.txt"), 0.010);
                return s.EdgesKeVee.Concat(s.OnRate).Concat(s.OnError).Concat(s.OffRate).Concat(s.OffError);
            }),
        ], typeof(DataFileException)));
        t.Add(new FuzzTarget("Bestiole2023 U239 and Np239",
        [
            DataSeed("reactor/spectra/perisse2023-bestiole/bestiole_u239.txt", root => Sample(ReactorSpectrumFiles.Bestiole2023U239(root))),
            DataSeed("reactor/spectra/perisse2023-bestiole/bestiole_np239.txt", root => Sample(ReactorSpectrumFiles.Bestiole2023Np239(root))),
        ], typeof(DataFileException)));
        t.Add(Spectra("Larizgoitia MHVE", AllIsotopes,
            i => "reactor/spectra/larizgoitia-mhve/" + i switch
            {
                FissionIsotope.U235 => "spectraMeVU235.txt",
                FissionIsotope.U238 => "spectraMeVU238.txt",
                FissionIsotope.Pu239 => "spectraMeVPu239_rootcopy.txt",
                _ => "spectraMeVPu241.txt",
            }, (root, i) => ReactorSpectrumFiles.LarizgoitiaMhve(root, i)));
        t.Add(new FuzzTarget("Larizgoitia capture chain",
        [
            DataSeed("reactor/spectra/larizgoitia-mhve/spectraMeVU238Ncapture.txt", root =>
            {
                var s = ReactorSpectrumFiles.LarizgoitiaCaptureChain(root);
                return Sample(s).Append(s.Total);
            }),
        ], typeof(DataFileException)));
        t.Add(Spectra("Other models", AllIsotopes.SelectMany(i => new[] { ("silaeva", i), ("hayes", i) })
                .Concat([("avignone", FissionIsotope.U235), ("avignone", FissionIsotope.U238), ("avignone", FissionIsotope.Pu239),
                    ("klapdor", FissionIsotope.U235), ("klapdor", FissionIsotope.Pu239)]).ToArray(),
            m => $"reactor/spectra/other-models/{m.Item1}_{Lower(m.Item2)}.txt", (root, m) => ReactorSpectrumFiles.OtherModel(root, m.Item1, m.Item2)));

        const string expPoly = "reactor/spectra/parametrizations/exp_polynomial_parameters.csv";
        t.Add(new FuzzTarget("Exp-polynomial parameters",
        [
            DataSeed(expPoly, root => new (string, FissionIsotope)[]
                {
                    ("huber2011", FissionIsotope.U235), ("huber2011", FissionIsotope.Pu241), ("mueller2011", FissionIsotope.U238),
                    ("vogel_engel1989", FissionIsotope.Pu239),
                }
                .SelectMany(m => Sample(ReactorSpectrumFiles.ExpPolynomial(root, m.Item1, m.Item2)))),
        ], typeof(DataFileException)));
        t.Add(new FuzzTarget("Energy per fission",
        [
            DataSeed("reactor/spectra/parametrizations/energy_per_fission.csv", root =>
                AllIsotopes.SelectMany(i => new[] { ReactorSpectrumFiles.EnergyPerFissionMeV(root, "ma2013", i),
                    ReactorSpectrumFiles.EnergyPerFissionMeV(root, "kopeikin2004", i) })),
        ], typeof(DataFileException)));

        // SNS source files.
        t.Add(new FuzzTarget("SNS Monte-Carlo flux",
        [
            DataSeed(SnsMonteCarloFlux.RelativePath.Replace('\\', '/'), root =>
            {
                // Thresholds above 0: the histograms start at E = 0 with a non-zero density, so M1 and M2 above 0 are
                // infinite by construction (CEvNS thresholds E_min(T) are always > 0).
                var flux = SnsMonteCarloFlux.Load(root, 0.08, 1e23, 19.3);
                return flux.Species.SelectMany(s => new[] { 1.0, 10.0, 40.0 }.SelectMany(e =>
                {
                    var m = flux.MomentsAbove(s, e);
                    return new[] { m.M0, m.M1, m.M2, flux.Density(s, e + 0.05) };
                })).Append(flux.MaxEnergyMeV);
            }),
        ], typeof(DataFileException), Mutations: 120)); // each accepted file builds four moment tables over 3000 bins (~10 ms)
        t.Add(new FuzzTarget("CsI 2017 arrival-time PDFs",
        [
            DataSeed("coherent/csi-2017/arrivalTimePDF_promptNeutrinos.txt", ArrivalTimes),
            DataSeed("coherent/csi-2017/arrivalTimePDF_delayedNeutrinos.txt", ArrivalTimes),
        ], typeof(DataFileException)));

        // Detector response files.
        t.Add(new FuzzTarget("CENNS-10 efficiency",
        [
            DataSeed(SnsResponses.ArgonEfficiencyFile, root => Efficiency(SnsResponses.ArgonEfficiency(root), 0, 50)),
        ], typeof(DataFileException)));
        t.Add(new FuzzTarget("Ge-Mini timing efficiencies", new[] { "Ge21", "Ge23", "Ge25", "Ge26", "Ge28" }.Select(d => Detectors.EfficiencyTests.GeMiniTimingFile(d)).Select(f =>
            DataSeed(f, root => Efficiency(TabulatedEfficiency.ReadTwoColumnKeVee(Path.Combine(root, f)), 0, 5))).ToList(),
            typeof(DataFileException)));
        t.Add(new FuzzTarget("CsI 2021 efficiency coefficients",
        [
            DataSeed(SnsResponses.CsI2021EfficiencyFile, root =>
                SnsResponses.CsI2021EfficiencyRows(root).SelectMany(e => Efficiency(e, 0, 60)
                    .Concat(Breakpoints(e, 0, 60)))),
        ], typeof(DataFileException)));
        t.Add(new FuzzTarget("CsI 2021 scintillation response",
        [
            DataSeed(SnsResponses.CsI2021QuenchingFile, root =>
                SnsResponses.CsI2021QuenchingRows(root).SelectMany(q => new[] { 1e-3, 0.01, 0.05 }
                    .SelectMany(t => new[] { q.ElectronEquivalentMeV(t), q.RecoilMeV(q.ElectronEquivalentMeV(t)) }))),
        ], typeof(DataFileException)));
        t.Add(new FuzzTarget("Ge quenching table (Collar 2021)",
        [
            // One model per read: the reader checks both columns either way.
            DataSeed(Cevns.Tests.Detectors.GermaniumReactorResponse.QuenchingTableRelativePath, root =>
            {
                var q = TabulatedQuenchingFactor.ReadGermanium(Path.Combine(root, Cevns.Tests.Detectors.GermaniumReactorResponse.QuenchingTableRelativePath), GermaniumQuenchingModel.Fef);
                return new[] { 1e-7, 1e-4, 1e-3, 3e-3, 1 }.SelectMany(t => new[] { q.ElectronEquivalentMeV(t), q.RecoilMeV(q.ElectronEquivalentMeV(t)) });
            }),
        ], typeof(DataFileException)));

        // Density tables: the data directory has none, so the seed is a symmetrized-Fermi table in the documented format.
        t.Add(new FuzzTarget("Radial density table",
        [
            new FuzzSeed("density/sf-208.dat", SyntheticDensityFile(), root =>
            {
                var ff = TabulatedDensityFormFactor.FromFile(Path.Combine(root, "density", "sf-208.dat"));
                return new[] { 0.0, 0.1, 0.5, 1.0, 2.0 }.Select(ff.At).Append(ff.RmsRadiusFm).Append(ff.VolumeIntegral);
            }),
        ], typeof(DataFileException)));

        // Dataset definitions: every shipped definition, a representative synthetic one, and the release YAML files
        // (not definitions, so Parse must reject them cleanly, which exercises the YAML layer on real-world YAML).
        var yamlSeeds = ShippedDefinitions()
            .Append(("Definitions/synthetic.yaml", Encoding.UTF8.GetBytes(SyntheticDefinition)))
            .Select(d => new FuzzSeed(d.Item1, d.Item2, _ => throw new InvalidOperationException("read through the text")))
            .Concat(new[] { "coherent/csi-2017/coherent_parameters.yaml", "coherent/cenns10-2020/LArParametersAnlA.yaml" }
                .Select(r => new FuzzSeed(r, File.ReadAllBytes(DataPath(r)), _ => throw new InvalidOperationException("read through the text"))))
            .ToList();
        t.Add(new FuzzTarget("DatasetDefinition.Parse", yamlSeeds, typeof(DefinitionFileException), PathIsAbsolute: false));
        return t;
    }

    /// <summary>The definitions embedded in the library (Datasets/Definitions/*.yaml), if any exist on this branch.</summary>
    public static IEnumerable<(string, byte[])> ShippedDefinitions()
    {
        var asm = typeof(DatasetRegistry).Assembly;
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith("datasets/", StringComparison.Ordinal)).Order())
        {
            using var s = asm.GetManifestResourceStream(name)!;
            using var m = new MemoryStream();
            s.CopyTo(m);
            yield return ("Datasets/Definitions/" + name["datasets/".Length..], m.ToArray());
        }
    }

    /// <summary>Numbers from a parsed definition (the target's mass), touching every property Parse fills.</summary>
    public static IEnumerable<double> DefinitionNumbers(string fileName, string yaml)
    {
        var d = DatasetDefinition.Parse(fileName, yaml);
        Assert.False(string.IsNullOrEmpty(d.Id + d.Kind + d.Title + d.Reference));
        return [d.Target.UnitMassU, d.Files.Count, d.Supersedes.Count, d.DataNote?.Length ?? 0];
    }

    /// <summary>A definition with the common keys of docs/architecture.md ("Datasets").</summary>
    public const string SyntheticDefinition = """
        # Synthetic dataset definition with the common keys (docs/architecture.md, "Datasets").
        id: coherent-csi-2021
        kind: coherent-csi-2021
        title: COHERENT CsI[Na] full dataset
        reference: D. Akimov et al. (COHERENT), PRL 129 (2022) 081801, arXiv:2110.07730
        target: CsI
        supersedes: [coherent-csi-2017]
        data_note: rate and shape; the beam-off data give the steady-state background
        files:
          events_c: coherent/csi-2021/dataBeamOnC.txt
          events_ac: coherent/csi-2021/dataBeamOnAC.txt
          efficiency: coherent/csi-2021/effCoefficients.txt
        source: { type: pion-decay-at-rest, pot: 3.198e23, baseline_m: 19.3, nu_per_proton: 0.0848 }
        detector:
          mass_kg: 14.6
          light_yield_pe_per_kevee: 13.35
          bins: [0, 8, 16, 24, 32, 40, 48, 56, 64]
        """;

    private static FuzzTarget Spectra<TKey>(string name, IReadOnlyList<TKey> keys, Func<TKey, string> relativePath,
        Func<string, TKey, ISpectrum> read) =>
        new(name, keys.GroupBy(relativePath).Select(g =>
            DataSeed(g.Key, root => g.SelectMany(k => Sample(read(root, k))))).ToList(), typeof(DataFileException));

    private static FuzzSeed DataSeed(string relativePath, Func<string, IEnumerable<double>> read) =>
        new(relativePath, File.ReadAllBytes(DataPath(relativePath)), read);

    private static string DataPath(string relativePath) => Path.Combine(Sources.SourcesDataRoot.Path, relativePath);

    /// <summary>The density at every breakpoint, between breakpoints and at the ends; a spectrum must be finite and >= 0.</summary>
    private static IEnumerable<double> Sample(ISpectrum s)
    {
        var values = new List<double> { s.MinEnergyMeV, s.MaxEnergyMeV };
        var bp = s.Breakpoints;
        for (int i = 0; i < bp.Count; i++)
        {
            values.Add(NonNegative(s.Density(bp[i])));
            if (i + 1 < bp.Count)
                values.Add(NonNegative(s.Density(0.5 * (bp[i] + bp[i + 1]))));
        }
        values.Add(NonNegative(s.Density(0.5 * (s.MinEnergyMeV + s.MaxEnergyMeV))));
        return values;
    }

    private static double NonNegative(double v) => v >= 0 || double.IsNaN(v) ? v : throw new InvalidOperationException($"negative spectrum density {v}");

    private static IEnumerable<double> ArrivalTimes(string root)
    {
        var a = TabulatedArrivalTime.FromFiles(Path.Combine(root, "coherent", "csi-2017", "arrivalTimePDF_promptNeutrinos.txt"),
            Path.Combine(root, "coherent", "csi-2017", "arrivalTimePDF_delayedNeutrinos.txt"));
        return new[] { SnsComponent.Prompt, SnsComponent.Delayed }.SelectMany(c =>
            new[] { -1.0, 0.3, 1.0, 5.0, 20.0 }.Select(t => a.Cdf(c, t)).Concat(a.BinProbabilities(c))).Concat(a.EdgesUs);
    }

    private static IEnumerable<double> Efficiency(IEfficiency e, double lo, double hi) =>
        Enumerable.Range(0, 41).Select(k => InUnitInterval(e.Value(lo + (hi - lo) * k / 40)));

    private static IEnumerable<double> Breakpoints(IEfficiency e, double lo, double hi)
    {
        var into = new List<double>();
        e.AddBreakpoints(lo, hi, into);
        return into;
    }

    private static double InUnitInterval(double v) => v is >= 0 and <= 1 ? v : throw new InvalidOperationException($"efficiency {v} outside [0, 1]");

    private static byte[] SyntheticDensityFile()
    {
        var sf = new SymmetrizedFermiFormFactor(5.5);
        var sb = new StringBuilder("# symmetrized Fermi density, R = 5.5 fm\n# r_fm density\n");
        for (int i = 0; i <= 120; i++)
        {
            double r = 0.1 * i;
            sb.Append(r.ToString("R", CultureInfo.InvariantCulture)).Append(i % 2 == 0 ? " " : ", ")
                .Append(sf.DensityAt(r).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    private static string Lower(FissionIsotope i) => i.ToString().ToLowerInvariant();
}
