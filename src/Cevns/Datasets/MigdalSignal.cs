using System.Globalization;
using Cevns.Detectors;
using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Physics.Migdal;
using Cevns.Physics.Nuclei;
using Cevns.Sources;

namespace Cevns.Datasets;

/// <summary>
/// CEvNS accompanied by a Migdal electron (Ibe et al., arXiv:1707.07258, eq. for the atomic-recoil rate in the
/// factorised form), in reconstructed-energy bins:
/// d^2N/dT dE_e = dN/dT|_CEvNS x sum_{nl} dp/dE_e(nl; q_e = m_e v(T)), with the visible deposit
/// E_det = Q(T) T + E_e + E_nl (the quenched recoil plus the electron's kinetic energy plus its shell's binding energy,
/// all released as ionisation), smeared and cut by the detector's resolution and efficiency. The electron's energy is
/// supplied by the neutrino (the recoil keeps T); the neutrino's threshold shifts by (E_e + E_nl)/2, which this
/// factorised form neglects (see docs/physics.md sec. 12, for the size).
/// <para>
/// Because dp/dE_e is the CEvNS density times a function of T and E_e only, the channel is a <see cref="BinnedSignal"/>
/// of the CEvNS cross section with another response matrix (<see cref="DetectorResponse.BuildShiftedMatrix"/>: the sum
/// over shells and table nodes of E_e is folded into the matrix once); physics points then cost what CEvNS costs.
/// The recoil velocity uses the abundance-weighted mean of 1/M over the isotopes (Ge: the spread of 1/M is +-4 %, its
/// correlation with the N^2 weights changes the rate by &lt; 0.3 %).
/// </para>
/// </summary>
public sealed class MigdalSignal
{
    private readonly ResponseMatrix[] _shellResponses;

    public BinnedSignal Total { get; }
    public MigdalTransitionTable Table { get; }

    /// <summary>Shells included (inner first).</summary>
    public IReadOnlyList<AtomicShell> Shells { get; }

    /// <summary>Mean 1/M of the target's nuclei, 1/MeV.</summary>
    public double InverseMassPerMeV { get; }

    private MigdalSignal(BinnedSignal total, MigdalTransitionTable table, AtomicShell[] shells, ResponseMatrix[] shellResponses, double inverseMass)
    {
        Total = total;
        Table = table;
        Shells = shells;
        _shellResponses = shellResponses;
        InverseMassPerMeV = inverseMass;
    }

    /// <summary>dp/dE_e per tabulated number at recoil T: (m_e v / q_ref)^2 / (2 pi) with v^2 = 2 T &lt;1/M&gt;.</summary>
    public double Scale(double recoilMeV) => MigdalVelocityScaling.TableScale(recoilMeV, 1.0 / InverseMassPerMeV);

    /// <summary>
    /// Builds the channel for a single-element target with a Migdal table, shells with n &lt;= <paramref name="maxN"/>,
    /// on the nuclear-recoil grid of <paramref name="integration"/>, seen through <paramref name="response"/>.
    /// </summary>
    public static MigdalSignal Build(TargetMaterial target, double targetUnits, INeutrinoFlux flux, DetectorResponse response,
        IReadOnlyList<double> binEdges, SignalIntegration integration, MigdalTransitionTable table, int maxN, CrossSectionOptions? options = null) =>
        Build(target, targetUnits, flux, [(1.0, response)], binEdges, integration, table, maxN, options);

    /// <summary>
    /// As above for an array of detectors seen together: the response is the weighted sum of the detectors' responses
    /// (weights: mass fractions). The recoil grid starts at min(integration's lowest recoil, 1 eV): a Migdal deposit does
    /// not need the recoil to reach the threshold, and recoils below 1 eV carry a share ~ (1 eV / T_typical)^2 &lt; 1e-6
    /// of the Migdal events (the probability grows as T).
    /// </summary>
    public static MigdalSignal Build(TargetMaterial target, double targetUnits, INeutrinoFlux flux, IReadOnlyList<(double Weight, DetectorResponse Response)> responses,
        IReadOnlyList<double> binEdges, SignalIntegration integration, MigdalTransitionTable table, int maxN, CrossSectionOptions? options = null)
    {
        if (target.Elements.Count != 1 || target.Elements[0] != table.Element)
            throw new DatasetException($"the Migdal channel needs a single-element target matching its table ({table.Element}); target {target.Name} has {string.Join(", ", target.Elements)}");
        var shells = table.Shells.Where(s => s.N <= maxN).ToArray();
        if (shells.Length == 0)
            throw new DatasetException($"no Migdal shell of {table.Element} has n <= {maxN}");
        double atoms = target.Components.Sum(c => c.AtomsPerUnit);
        double inverseMass = target.Components.Sum(c => c.AtomsPerUnit / c.Isotope.NuclearMassMeV) / atoms;
        var grid = BinnedSignal.GridFor(target, ScatteringChannel.Cevns, flux, Math.Min(integration.MinRecoilKeV, 1e-3) * 1e-3, integration.Panels, integration.Order);
        var u = table.NodeWeightsEv();
        double Scale(double t) => MigdalVelocityScaling.TableScale(t, 1.0 / inverseMass);
        var perShell = new ResponseMatrix[shells.Length];
        for (int s = 0; s < shells.Length; s++)
        {
            var (shifts, weights) = ShellShifts(table, shells[s], u);
            perShell[s] = ResponseMatrix.Sum(responses.Select(r =>
                Scaled(r.Response.BuildShiftedMatrix(grid, binEdges, Scale, shifts, weights, integration.EfficiencyRefinement), r.Weight)).ToArray());
        }
        var totalMatrix = ResponseMatrix.Sum(perShell);
        var total = new BinnedSignal(target, targetUnits, flux, ScatteringChannel.Cevns, totalMatrix, options ?? CrossSectionOptions.Default);
        return new MigdalSignal(total, table, shells, perShell, inverseMass);
    }

    private static ResponseMatrix Scaled(ResponseMatrix m, double weight)
    {
        if (weight == 1.0) return m;
        var e = new double[m.BinCount * m.Grid.Count];
        for (int i = 0; i < m.BinCount; i++)
            for (int j = 0; j < m.Grid.Count; j++) e[i * m.Grid.Count + j] = weight * m[i, j];
        return new ResponseMatrix(m.Grid, m.BinCount, e);
    }

    /// <summary>Deposits E_e,k + E_nl (MeV) on the table nodes and their weights u_k x table (dimensionless per unit scale).</summary>
    private static (double[] Shifts, double[] Weights) ShellShifts(MigdalTransitionTable table, AtomicShell shell, double[] u)
    {
        int s = table.IndexOf(shell), n = table.EnergiesEv.Count;
        var shifts = new double[n];
        var weights = new double[n];
        for (int k = 0; k < n; k++)
        {
            shifts[k] = (table.EnergiesEv[k] + shell.BindingEnergyEv) * 1e-6;
            weights[k] = u[k] * table.TabulatedAtNode(s, k);
        }
        return (shifts, weights);
    }

    /// <summary>Expected Migdal events per bin and species, all included shells (fast path).</summary>
    public Dictionary<NeutrinoSpecies, double[]> Predict(PhysicsParameters parameters) => Total.Predict(parameters);

    /// <summary>
    /// Expected Migdal events per bin for each included shell, summed over species: the CEvNS density on the grid
    /// (<see cref="BinnedSignal.EventDensity"/>, the per-node reference evaluation) through each shell's matrix. The sum
    /// over shells equals <see cref="Predict"/> up to rounding (tested).
    /// </summary>
    public IReadOnlyList<(AtomicShell Shell, double[] Counts)> PredictByShell(PhysicsParameters parameters)
    {
        var density = new double[Total.Grid.Count];
        foreach (var species in Total.Species)
        {
            var d = Total.EventDensity(parameters, species);
            for (int j = 0; j < d.Length; j++) density[j] += d[j];
        }
        return Shells.Select((shell, s) =>
        {
            var counts = new double[Total.BinCount];
            _shellResponses[s].Apply(density, counts);
            return (shell, counts);
        }).ToArray();
    }

    /// <summary>One line for prediction notes.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"Migdal channel on (Ibe et al. arXiv:1707.07258 tables, q_e = m_e v scaling): shells {string.Join(", ", Shells.Select(s => s.Name))} of {Table.Element}; deposit = quenched recoil + E_e + E_nl");
}
