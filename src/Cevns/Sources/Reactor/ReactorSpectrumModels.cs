using Cevns.Sources.Spectra;

namespace Cevns.Sources.Reactor;

/// <summary>What a model built on the Huber-Mueller tables (which end at 8 MeV) does between 8 and 10 MeV.</summary>
public enum HighEnergyTail
{
    /// <summary>Zero above the last table point (8 MeV).</summary>
    None,

    /// <summary>
    /// The exp-polynomial fit of the same paper (Huber 2011 Table III; Mueller 2011 Table VI for U238)
    /// continued from 8 to 10 MeV. The fits are quoted for 2-8 MeV; above 8 MeV this is an extrapolation
    /// (it matches the table at 8 MeV to a few per cent).
    /// </summary>
    ExpPolynomial,
}

/// <summary>
/// Reactor antineutrino spectrum models under the names used in the CEvNS literature.
/// Definitions (arXiv:2205.09484, Atzori Corona et al., JHEP 09 (2022) 164, Dresden-II + COHERENT, and
/// arXiv:2501.18550, Atzori Corona et al. 2025, CONUS+ and TEXONO, section II, which compare the
/// three combinations; docs/physics.md section 7):
/// <list type="bullet">
/// <item>HM: Huber 2011 (235U, 239Pu, 241Pu) and Mueller 2011 (238U) conversion spectra, tabulated 2-8 MeV.</item>
/// <item>HMVE: HM above 2 MeV, Vogel-Engel 1989 (Table II) below 2 MeV, per isotope.</item>
/// <item>HMK: HM above 2 MeV, Kopeikin et al. 2012 (Table 3) below 2 MeV; Kopeikin's low-energy spectrum
/// is a whole-reactor spectrum that includes the 238U neutron-capture antineutrinos.</item>
/// <item>EFK: Estienne-Fallot 2019 summation spectra above 2 MeV, Kopeikin 2012 below 2 MeV.</item>
/// </list>
/// Caveat: the stored copies of those papers could only be read at their opening, so the 2 MeV
/// junction and the HM/EF/VE/K pieces are taken from the model names, docs/physics.md section 7 and the
/// data provenance (reactor/spectra/*/SOURCE.md); check against the papers' flux sections before
/// quoting percent-level differences between the combinations.
/// Also available: EF alone, BESTIOLE 2023 (Perisse et al.) with 239U/239Np capture spectra, and the
/// "MHVE" tables of the Dresden-II re-analysis code of L. Larizgoitia (Mueller + Vogel-Engel).
/// </summary>
public static class ReactorSpectrumModels
{
    /// <summary>Energy (MeV) below which the low-energy models (Vogel-Engel, Kopeikin) replace HM or EF.</summary>
    public const double LowEnergyJoinMeV = 2.0;

    /// <summary>Upper end of the Huber and Mueller tables, MeV.</summary>
    public const double HuberMuellerTableEndMeV = 8.0;

    /// <summary>Model names accepted by <see cref="Load"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["hmve", "hmk", "efk", "hm", "ef", "bestiole2023", "mhve-larizgoitia", "hm-exppoly"];

    /// <summary>A model by name (case-insensitive, see <see cref="Names"/>).</summary>
    public static IReactorSpectrumModel Load(string dataRoot, string name) => name.Trim().ToLowerInvariant() switch
    {
        "hmve" => Hmve(dataRoot),
        "hmk" => Hmk(dataRoot),
        "efk" => Efk(dataRoot),
        "hm" => HuberMueller(dataRoot),
        "ef" => EstienneFallot(dataRoot),
        "bestiole2023" => Bestiole2023(dataRoot),
        "mhve-larizgoitia" => LarizgoitiaMhve(dataRoot),
        "hm-exppoly" => HuberMuellerExpPolynomial(dataRoot),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"unknown reactor spectrum model; known: {string.Join(", ", Names)}"),
    };

    /// <summary>Huber (U235, Pu239, Pu241) or Mueller (U238) table, 2-8 MeV.</summary>
    public static PointTableSpectrum HuberMuellerTable(string dataRoot, FissionIsotope isotope) =>
        isotope == FissionIsotope.U238
            ? ReactorSpectrumFiles.Mueller2011(dataRoot, isotope)
            : ReactorSpectrumFiles.Huber2011(dataRoot, isotope);

    /// <summary>Exp-polynomial of the paper that gives the HM table of this isotope.</summary>
    public static ExpPolynomialSpectrum HuberMuellerFit(string dataRoot, FissionIsotope isotope, double loMeV, double hiMeV) =>
        ReactorSpectrumFiles.ExpPolynomial(dataRoot, isotope == FissionIsotope.U238 ? "mueller2011" : "huber2011", isotope, loMeV, hiMeV);

    /// <summary>HM: Huber 2011 + Mueller 2011 (U238) tables, 2-8 MeV, with the chosen tail to 10 MeV.</summary>
    public static IsotopeSumModel HuberMueller(string dataRoot, HighEnergyTail tail = HighEnergyTail.ExpPolynomial) =>
        PerIsotope("HM (Huber 2011 + Mueller 2011 U238)", iso => WithTail(dataRoot, iso, HuberMuellerTable(dataRoot, iso), tail), null);

    /// <summary>
    /// HMVE: per isotope, the Vogel-Engel 1989 Table II points below 2 MeV joined to the HM table from 2 MeV
    /// (one log-linear table; the 1.5-2 MeV gap is interpolated between VE at 1.5 and HM at 2 MeV).
    /// </summary>
    public static IsotopeSumModel Hmve(string dataRoot, HighEnergyTail tail = HighEnergyTail.ExpPolynomial) =>
        PerIsotope("HMVE (Huber-Mueller >= 2 MeV, Vogel-Engel 1989 < 2 MeV)", iso =>
        {
            var joined = PointTableSpectrum.Join($"HMVE {iso}", ReactorSpectrumFiles.VogelEngel1989LowEnergy(dataRoot, iso),
                HuberMuellerTable(dataRoot, iso), LowEnergyJoinMeV);
            return WithTail(dataRoot, iso, joined, tail);
        }, null);

    /// <summary>HMK: Kopeikin 2012 total spectrum below 2 MeV, HM above.</summary>
    public static LowEnergyTotalModel Hmk(string dataRoot, HighEnergyTail tail = HighEnergyTail.ExpPolynomial) =>
        new("HMK (Huber-Mueller >= 2 MeV, Kopeikin 2012 < 2 MeV)", ReactorSpectrumFiles.Kopeikin2012Total(dataRoot),
            HuberMueller(dataRoot, tail), LowEnergyJoinMeV);

    /// <summary>EF: Estienne-Fallot 2019 summation spectra, 0-10.1 MeV in 100 keV bins.</summary>
    public static IsotopeSumModel EstienneFallot(string dataRoot) =>
        PerIsotope("EF (Estienne-Fallot 2019)", iso => ReactorSpectrumFiles.EstienneFallot2019(dataRoot, iso), null);

    /// <summary>EFK: Kopeikin 2012 total spectrum below 2 MeV, Estienne-Fallot 2019 above.</summary>
    public static LowEnergyTotalModel Efk(string dataRoot) =>
        new("EFK (Estienne-Fallot 2019 >= 2 MeV, Kopeikin 2012 < 2 MeV)", ReactorSpectrumFiles.Kopeikin2012Total(dataRoot),
            EstienneFallot(dataRoot), LowEnergyJoinMeV);

    /// <summary>
    /// BESTIOLE (Perisse et al. 2023) per-isotope spectra with the 238U capture chain = one 239U plus one
    /// 239Np decay per capture (each BESTIOLE per-decay spectrum integrates to 1).
    /// </summary>
    public static IsotopeSumModel Bestiole2023(string dataRoot)
    {
        var chain = new WeightedSumSpectrum("BESTIOLE 2023 239U + 239Np (per capture)",
        [
            new WeightedSpectrum(1.0, ReactorSpectrumFiles.Bestiole2023U239(dataRoot)),
            new WeightedSpectrum(1.0, ReactorSpectrumFiles.Bestiole2023Np239(dataRoot)),
        ]);
        return PerIsotope("BESTIOLE 2023 (Perisse et al.)", iso => ReactorSpectrumFiles.Bestiole2023(dataRoot, iso), chain);
    }

    /// <summary>
    /// The "MHVE" tables of the Dresden-II re-analysis code (Mueller 2011 2-8 MeV + Vogel-Engel below; zero
    /// above 8 MeV as in that code) with its digitised capture-chain spectrum normalised to 2 per capture.
    /// </summary>
    public static IsotopeSumModel LarizgoitiaMhve(string dataRoot) =>
        PerIsotope("MHVE (Larizgoitia Dresden-II tables: Mueller 2011 + Vogel-Engel 1989)",
            iso => ReactorSpectrumFiles.LarizgoitiaMhve(dataRoot, iso), ReactorSpectrumFiles.LarizgoitiaCaptureChain(dataRoot));

    /// <summary>Huber Table III (Mueller Table VI for U238) exp-polynomials on [lo, hi] MeV.</summary>
    public static IsotopeSumModel HuberMuellerExpPolynomial(string dataRoot, double loMeV = 2.0, double hiMeV = 8.0) =>
        PerIsotope($"HM exp-polynomial fits ({loMeV}-{hiMeV} MeV)", iso => HuberMuellerFit(dataRoot, iso, loMeV, hiMeV), null);

    private static ISpectrum WithTail(string dataRoot, FissionIsotope iso, PointTableSpectrum table, HighEnergyTail tail)
    {
        if (tail == HighEnergyTail.None)
            return table;
        double end = table.MaxEnergyMeV;
        var fit = HuberMuellerFit(dataRoot, iso, end, ReactorFlux.DefaultMaxEnergyMeV);
        return new PiecewiseSpectrum($"{table.Name} + exp-polynomial tail",
        [
            new SpectrumSegment(table, table.MinEnergyMeV, end),
            new SpectrumSegment(fit, end, ReactorFlux.DefaultMaxEnergyMeV),
        ]);
    }

    private static IsotopeSumModel PerIsotope(string name, Func<FissionIsotope, ISpectrum> spectrum, ISpectrum? captureChain) =>
        new(name, Enum.GetValues<FissionIsotope>().ToDictionary(i => i, spectrum), captureChain);
}
