namespace Cevns.Physics.CrossSections;

/// <summary>
/// Z_eff(T_e): the number of atomic electrons whose binding energy is below the energy transfer T_e, which
/// multiplies the free-electron nu-e cross section ("stepping approximation"; step tables of docs/physics.md
/// section 5, as used for Ge and CsI in arXiv:2205.09484 and arXiv:2501.18550).
/// A recoil at or below the atom's ionisation threshold (<see cref="IonisationThresholdMeV"/>) frees no electron and
/// produces no charge (docs/physics.md sec. 5), so Z_eff = 0 there: every ES spectrum starts at that threshold and a
/// detector smears only deposits that exist.
/// </summary>
public sealed class EffectiveElectronCount
{
    private readonly double[] _thresholdsMeV; // descending
    private readonly int[] _countsAbove;       // electrons counted when T > thresholds[i]
    private readonly int _countBelow;

    public string Element { get; }

    /// <summary>Total number of electrons (Z_eff above the deepest threshold).</summary>
    public int TotalElectrons => _countsAbove[0];

    /// <summary>
    /// The lowest recoil (MeV) that ionises: Z_eff = 0 at and below it. By default the lowest binding energy of the step
    /// table (docs/physics.md sec. 5: "a recoil electron below the lowest binding energy of the table produces no
    /// charge"); the electrons the table counts below that edge then never contribute. A table may set it lower
    /// (never below the energy that creates one charge carrier, e.g. 2.96 eV per pair in a Ge crystal).
    /// </summary>
    public double IonisationThresholdMeV { get; }

    /// <summary>Energies (MeV, descending) where Z_eff steps: the electron-recoil density jumps there.</summary>
    public IReadOnlyList<double> ThresholdsMeV => _thresholdsMeV;

    /// <param name="element">Element symbol.</param>
    /// <param name="steps">(count, threshold in keV) pairs with descending thresholds: count applies for T &gt; threshold.</param>
    /// <param name="countBelow">Count below the last threshold (and above the ionisation threshold).</param>
    /// <param name="ionisationThresholdKeV">Z_eff = 0 at and below it; default the last (lowest) step threshold.</param>
    public EffectiveElectronCount(string element, IReadOnlyList<(int Count, double ThresholdKeV)> steps, int countBelow,
        double? ionisationThresholdKeV = null)
    {
        if (steps.Count == 0)
            throw new ArgumentException($"Z_eff table of {element} needs at least one step", nameof(steps));
        for (int i = 1; i < steps.Count; i++)
            if (!(steps[i].ThresholdKeV < steps[i - 1].ThresholdKeV) || steps[i].Count > steps[i - 1].Count)
                throw new ArgumentException($"Z_eff table of {element}: thresholds must descend and counts not increase (step {i})", nameof(steps));
        double ionisationKeV = ionisationThresholdKeV ?? steps[^1].ThresholdKeV;
        if (!(ionisationKeV > 0) || ionisationKeV > steps[^1].ThresholdKeV)
            throw new ArgumentException($"Z_eff table of {element}: ionisation threshold {ionisationKeV} keV must be > 0 and at most the lowest step {steps[^1].ThresholdKeV} keV", nameof(ionisationThresholdKeV));
        Element = element;
        IonisationThresholdMeV = ionisationKeV * 1e-3;
        _thresholdsMeV = steps.Select(s => s.ThresholdKeV * 1e-3).ToArray();
        _countsAbove = steps.Select(s => s.Count).ToArray();
        _countBelow = countBelow;
    }

    /// <summary>Z_eff at electron recoil T (MeV); 0 at and below the ionisation threshold.</summary>
    public int At(double recoilMeV)
    {
        if (!(recoilMeV > IonisationThresholdMeV))
            return 0;
        for (int i = 0; i < _thresholdsMeV.Length; i++)
            if (recoilMeV > _thresholdsMeV[i])
                return _countsAbove[i];
        return _countBelow;
    }

    // docs/physics.md sec. 5 step tables (keV); the ionisation threshold is the lowest step (Ge: 0.0292 keV, the 3d
    // edge; Cs: 0.16 keV; I: 0.123 keV), as that section prescribes.
    public static EffectiveElectronCount Germanium { get; } = new("Ge",
        [(32, 11.103), (30, 1.4146), (28, 1.2481), (26, 1.217), (22, 0.1801), (20, 0.1249), (18, 0.1208), (14, 0.0298), (10, 0.0292)], 4);

    public static EffectiveElectronCount Cesium { get; } = new("Cs",
        [(55, 35.99), (53, 5.71), (51, 5.36), (49, 5.01), (45, 1.21), (43, 1.07), (41, 1.0), (37, 0.74), (33, 0.73), (27, 0.23), (25, 0.17), (23, 0.16)], 19);

    public static EffectiveElectronCount Iodine { get; } = new("I",
        [(53, 33.17), (51, 5.19), (49, 4.86), (47, 4.56), (43, 1.07), (41, 0.93), (39, 0.88), (35, 0.63), (31, 0.62), (25, 0.19), (23, 0.124), (21, 0.123)], 17);

    /// <summary>
    /// Elements for which nu-e scattering is deliberately not modelled: argon (the pulse-shape cut removes
    /// electron recoils; docs/physics.md section 5).
    /// </summary>
    public static bool IsExcluded(string element) => element == "Ar";

    public static bool TryGet(string element, out EffectiveElectronCount table)
    {
        table = element switch
        {
            "Ge" => Germanium,
            "Cs" => Cesium,
            "I" => Iodine,
            _ => null!,
        };
        return table is not null;
    }

    public static EffectiveElectronCount For(string element) =>
        TryGet(element, out var t) ? t
            : throw new ArgumentException($"no Z_eff(T_e) table for element '{element}' (available: Ge, Cs, I; Ar is excluded)");
}
