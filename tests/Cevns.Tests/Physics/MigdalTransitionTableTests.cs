using Cevns.Data;
using Cevns.Detectors;
using Cevns.Physics;
using Cevns.Physics.Migdal;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Physics;

/// <summary>
/// The Migdal ionisation tables and their velocity scaling against hand calculations (Reference/migdal_reference.py).
/// </summary>
public class MigdalTransitionTableTests
{
    private static MigdalTransitionTable Table(string element) => MigdalTransitionTable.ReadFromDataDirectory(SourcesDataRoot.Path, element);

    // Bohr radius (CODATA 2018), fm; q_ref a0 = (1 eV) a0 / (hbar c).
    private const double BohrRadiusFm = 0.529177210903e5;

    // Fraction of the dipole sum <1s|z^2|1s> carried by the continuum for hydrogen: 1 - sum_n |<np|z|1s>|^2 / a0^2
    // (migdal_reference.py, hydrogen_continuum_fraction).
    private const double HydrogenContinuumFraction = 0.283412;

    /// <summary>
    /// The K shell of Ge and Ar is nearly hydrogenic. In the dipole approximation the two K electrons have the total
    /// transition probability 2 q^2 a0^2 / Z_eff^2 (sum rule), of which at least the hydrogenic continuum fraction is
    /// ionisation (occupied bound p states only remove excitation channels). Z_eff = Z - 0.30 (Slater's rules). The
    /// table divided by 2 pi lies inside; the undivided table violates the sum rule, so the test pins the convention.
    /// </summary>
    [Theory]
    [InlineData("Ge", 32)]
    [InlineData("Ar", 18)]
    public void InnerShellProbabilityLiesWithinTheHydrogenicBounds(string element, int z)
    {
        var table = Table(element);
        int s = table.IndexOf(new AtomicShell(1, 0, 0));
        double qa0 = MigdalVelocityScaling.ReferenceMomentumEv * 1e-6 * BohrRadiusFm / Constants.HbarCMeVFm;
        double zeff = z - 0.30;
        double upper = 2 * qa0 * qa0 / (zeff * zeff), lower = HydrogenContinuumFraction * upper;
        double probability = table.TabulatedIntegral(s) / MigdalVelocityScaling.TableFactor;
        Assert.InRange(probability, lower, upper);
        Assert.True(table.TabulatedIntegral(s) > upper, "without the 1/(2 pi) the K-shell probability would exceed the dipole sum rule");
    }

    [Fact]
    public void IntegralOnTheTableNodesMatchesThePlainTrapezoid()
    {
        // migdal_reference.py: trapezoid in E of the Ge 1s column, 4.426425e-10 (the ln E trapezoid differs at O(h^2)).
        var table = Table("Ge");
        Assert.InRange(table.TabulatedIntegral(table.IndexOf(new AtomicShell(1, 0, 0))), 4.426425e-10 * (1 - 2e-3), 4.426425e-10 * (1 + 2e-3));
    }

    [Fact]
    public void ProbabilityScalesWithTheSquareOfTheRecoilVelocity()
    {
        // Hand calculation: T = 1 keV, M = 67000 MeV: v = sqrt(2e-3 / 67000) = 1.727737e-4, q_e = m_e v = 88.2871 eV,
        // (q_e / 1 eV)^2 / (2 pi) = 1240.553.
        Assert.Equal(1.727737e-4, MigdalVelocityScaling.RecoilVelocity(1e-3, 67000), 1e-9);
        Assert.Equal(88.2871, MigdalVelocityScaling.ElectronMomentumEv(1e-3, 67000), 1e-3);
        Assert.Equal(1240.553, MigdalVelocityScaling.TableScale(1e-3, 67000), 0.01);
        var table = Table("Ge");
        int d = table.IndexOf(new AtomicShell(3, 2, 0));
        double p1 = table.ShellProbability(d, 0.5e-3, 67000), p4 = table.ShellProbability(d, 2e-3, 67000), pm = table.ShellProbability(d, 0.5e-3, 4 * 67000);
        Assert.Equal(4.0, p4 / p1, 12);          // v^2 ~ T
        Assert.Equal(0.25, pm / p1, 12);         // v^2 ~ 1/M
        Assert.Equal(1240.553 * table.Tabulated(d, 100.0), table.DifferentialProbabilityPerEv(d, 100.0, 1e-3, 67000), 1e-3 * 1240.553 * table.Tabulated(d, 100.0));
    }

    [Fact]
    public void DipoleApproximationHoldsForReactorRecoils()
    {
        // q_e a0 at the largest Ge recoil of a reactor spectrum (~3 keV) stays far below 1.
        double q = MigdalVelocityScaling.ElectronMomentumEv(3e-3, 67000) * 1e-6;
        Assert.True(q * BohrRadiusFm / Constants.HbarCMeVFm < 0.1);
    }

    [Fact]
    public void InterpolationReturnsTheNodesAndVanishesOutsideTheTable()
    {
        var table = Table("Ge");
        int s = table.IndexOf(new AtomicShell(3, 2, 0));
        Assert.Equal(table.TabulatedAtNode(s, 10), table.Tabulated(s, table.EnergiesEv[10]));
        double mid = Math.Sqrt(table.EnergiesEv[10] * table.EnergiesEv[11]);
        Assert.Equal(Math.Sqrt(table.TabulatedAtNode(s, 10) * table.TabulatedAtNode(s, 11)), table.Tabulated(s, mid), 1e-20);
        Assert.Equal(0, table.Tabulated(s, 0.5));
        Assert.Equal(0, table.Tabulated(s, 1e6));
    }

    /// <summary>
    /// Energy bookkeeping of the deposit Q(T) T + E_e + E_nl: with a narrow resolution and bins covering every deposit,
    /// the response of one recoil sums to the shell's ionisation probability, and nothing is seen below the quenched
    /// recoil plus the binding energy; a shell bound more strongly than the top of the bins gives nothing in them.
    /// </summary>
    [Fact]
    public void DepositIsTheQuenchedRecoilPlusElectronPlusBindingEnergy()
    {
        var table = Table("Ge");
        var shell = table.Shells.Single(x => x.N == 3 && x.L == 2);
        int s = table.IndexOf(shell);
        const double t = 1e-3, mass = 67000, q = 0.2;   // 1 keV recoil seen at 0.2 keVee
        var response = new DetectorResponse(new ConstantQuenchingFactor(q), new GermaniumNoiseFanoResolution(1e-6, 0), null);
        var grid = RecoilGrid.LogPanels(0.999e-3, 1.001e-3, 1, 1);   // one node at T = 1 keV
        var u = table.NodeWeightsEv();
        var shifts = table.EnergiesEv.Select(e => (e + shell.BindingEnergyEv) * 1e-6).ToArray();
        var weights = u.Select((w, k) => w * table.TabulatedAtNode(s, k)).ToArray();
        double onset = q * t * 1e3 + shell.BindingEnergyEv * 1e-3 + table.EnergiesEv[0] * 1e-3;   // keVee
        double[] edges = [0.0, onset - 1e-4, 100.0];
        var m = response.BuildShiftedMatrix(grid, edges, x => MigdalVelocityScaling.TableScale(x, mass), shifts, weights);
        double w0 = grid.Weights[0];
        Assert.True(m[0, 0] / w0 < 1e-30);
        Assert.Equal(table.ShellProbability(s, grid.NodesMeV[0], mass), m[1, 0] / w0, 1e-9 * table.ShellProbability(s, grid.NodesMeV[0], mass));

        var k = table.Shells.Single(x => x.N == 1);
        int ks = table.IndexOf(k);
        var kShifts = table.EnergiesEv.Select(e => (e + k.BindingEnergyEv) * 1e-6).ToArray();
        var kWeights = u.Select((w, i) => w * table.TabulatedAtNode(ks, i)).ToArray();
        var mk = response.BuildShiftedMatrix(grid, [0.2, 1.5], x => MigdalVelocityScaling.TableScale(x, mass), kShifts, kWeights);
        Assert.Equal(0, mk[0, 0]);
    }
}
