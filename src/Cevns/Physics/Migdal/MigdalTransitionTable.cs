using Cevns.Data;

namespace Cevns.Physics.Migdal;

/// <summary>
/// Differential ionisation probabilities dp/dE_e of each shell of one element, tabulated against the kinetic energy of
/// the emitted electron E_e (Ibe et al., arXiv:1707.07258; file format and provenance in data/migdal/SOURCE.md): a
/// header of "n_l" columns and "E" last, 251 log-spaced energies from 1 eV to 70 keV, probabilities in 1/eV at the
/// reference momentum (<see cref="MigdalVelocityScaling"/>). Between nodes the table is interpolated linearly in
/// (ln E, ln p); outside [E_first, E_last] it is zero (electrons below 1 eV carry &lt; 1e-3 of any shell's probability).
/// </summary>
public sealed class MigdalTransitionTable
{
    private readonly double[] _logE;
    private readonly double[][] _values;   // [shell][node], tabulated numbers (1/eV)

    public string Element { get; }
    public IReadOnlyList<AtomicShell> Shells { get; }
    public IReadOnlyList<double> EnergiesEv { get; }
    public string Path { get; }

    private MigdalTransitionTable(string element, string path, AtomicShell[] shells, double[] energies, double[][] values)
    {
        Element = element;
        Path = path;
        Shells = shells;
        EnergiesEv = energies;
        _logE = energies.Select(e => Math.Log(e)).ToArray();
        _values = values;
    }

    /// <summary>Reads the table of an element from the data directory (<see cref="MigdalAtoms.TablePath"/>).</summary>
    public static MigdalTransitionTable ReadFromDataDirectory(string dataDirectory, string element) =>
        Read(System.IO.Path.Combine(dataDirectory, MigdalAtoms.TablePath(element)), element);

    /// <summary>Reads a table; every shell of <see cref="MigdalAtoms.ShellsOf"/> must have its column.</summary>
    public static MigdalTransitionTable Read(string path, string element)
    {
        if (!File.Exists(path))
            throw DataFileException.In(path, $"Migdal table for {element} not found");
        var header = File.ReadLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'))
                     ?? throw DataFileException.In(path, "empty file");
        var names = header.Split(',').Select(s => s.Trim()).ToArray();
        var table = TextTable.Read(path, names.Length, string.Join(" ", names), allowHeader: true);
        int eColumn = Array.IndexOf(names, "E");
        if (eColumn < 0)
            throw DataFileException.In(path, "header has no column E (electron energy, eV)");
        table.RequireStrictlyIncreasing(eColumn, "E").RequireRows(10);
        var shells = MigdalAtoms.ShellsOf(element).ToArray();
        var values = new double[shells.Length][];
        for (int s = 0; s < shells.Length; s++)
        {
            int c = Array.IndexOf(names, shells[s].TableColumn);
            if (c < 0)
                throw DataFileException.In(path, $"header has no column {shells[s].TableColumn} (shell {shells[s].Name})");
            table.RequireNonNegative(c, shells[s].TableColumn);
            values[s] = table.Column(c);
        }
        var energies = table.Column(eColumn);
        if (!(energies[0] > 0))
            throw table.ErrorAt(0, "electron energies must be positive");
        return new MigdalTransitionTable(element, path, shells, energies, values);
    }

    public int IndexOf(AtomicShell shell)
    {
        for (int s = 0; s < Shells.Count; s++)
            if (Shells[s].N == shell.N && Shells[s].L == shell.L) return s;
        throw new ArgumentException($"shell {shell.Name} is not in the {Element} table", nameof(shell));
    }

    /// <summary>The tabulated number (1/eV) of shell index s at node k.</summary>
    public double TabulatedAtNode(int shell, int node) => _values[shell][node];

    /// <summary>The tabulated number (1/eV) interpolated at electron energy E_e (eV).</summary>
    public double Tabulated(int shell, double electronEnergyEv)
    {
        if (!(electronEnergyEv >= EnergiesEv[0]) || electronEnergyEv > EnergiesEv[^1]) return 0;
        double x = Math.Log(electronEnergyEv);
        int k = Array.BinarySearch(_logE, x);
        if (k >= 0) return _values[shell][k];
        k = ~k - 1;
        double a = _values[shell][k], b = _values[shell][k + 1];
        double t = (x - _logE[k]) / (_logE[k + 1] - _logE[k]);
        if (a > 0 && b > 0) return Math.Exp(Math.Log(a) + t * (Math.Log(b) - Math.Log(a)));
        return a + t * (b - a);
    }

    /// <summary>
    /// dp/dE_e (1/eV) to ionise shell s with an electron of kinetic energy E_e when a nucleus of mass M recoils with T:
    /// the tabulated number times (m_e v / q_ref)^2 / (2 pi) (<see cref="MigdalVelocityScaling.TableScale"/>).
    /// </summary>
    public double DifferentialProbabilityPerEv(int shell, double electronEnergyEv, double recoilMeV, double nuclearMassMeV) =>
        MigdalVelocityScaling.TableScale(recoilMeV, nuclearMassMeV) * Tabulated(shell, electronEnergyEv);

    /// <summary>
    /// Quadrature weights u_k (eV) on the table nodes with int f(E) dE ~= sum_k u_k f(E_k) over [E_first, E_last]: the
    /// trapezoidal rule in ln E of f(E) E, exact for a power law between nodes up to O(h^2), h = 0.045.
    /// </summary>
    public double[] NodeWeightsEv()
    {
        int n = EnergiesEv.Count;
        var u = new double[n];
        for (int k = 0; k + 1 < n; k++)
        {
            double h = _logE[k + 1] - _logE[k];
            u[k] += 0.5 * h * EnergiesEv[k];
            u[k + 1] += 0.5 * h * EnergiesEv[k + 1];
        }
        return u;
    }

    /// <summary>Integral of the tabulated numbers of shell s over E_e (dimensionless; times the scale gives the probability).</summary>
    public double TabulatedIntegral(int shell)
    {
        var u = NodeWeightsEv();
        double sum = 0;
        for (int k = 0; k < u.Length; k++) sum += u[k] * _values[shell][k];
        return sum;
    }

    /// <summary>Total probability to ionise shell s (electron energies of the table) for a recoil T of a nucleus of mass M.</summary>
    public double ShellProbability(int shell, double recoilMeV, double nuclearMassMeV) =>
        MigdalVelocityScaling.TableScale(recoilMeV, nuclearMassMeV) * TabulatedIntegral(shell);
}
