using Cevns.Data;

namespace Cevns.Detectors;

/// <summary>The two germanium quenching models of Collar, Kavner and Lewis, PRD 103, 122003 (2021), arXiv:2102.10089.</summary>
public enum GermaniumQuenchingModel
{
    /// <summary>Model based on the iron-filtered 24 keV neutron-beam data ("Fef"); the Dresden-II default.</summary>
    Fef,

    /// <summary>Model based on the 88Y/Be photo-neutron data ("YBe").</summary>
    YBe,
}

/// <summary>
/// Quenching factor tabulated against nuclear-recoil energy, linearly interpolated. Below the first node the first
/// value is used; above the last node the last value is held constant (for the Ge Fef curve the last value, 0.2093
/// at 4.5 keVnr, equals Lindhard with k = 0.157 there; reactor antineutrinos give Ge recoils below 2 E^2 / M ~ 3 keVnr,
/// so the table covers them).
/// </summary>
public sealed class TabulatedQuenchingFactor : IQuenching
{
    private readonly double[] _recoilMeV;
    private readonly double[] _factor;

    public string Name { get; }
    public double MinRecoilMeV => _recoilMeV[0];
    public double MaxRecoilMeV => _recoilMeV[^1];

    /// <summary>Nodes in keVnr (strictly increasing, &gt;= 0) and quenching factors in (0, 1].</summary>
    public TabulatedQuenchingFactor(IReadOnlyList<double> recoilKeV, IReadOnlyList<double> factor, string name)
    {
        if (recoilKeV.Count != factor.Count || recoilKeV.Count < 2)
            throw new ArgumentException("quenching table needs at least two nodes and one factor per node", nameof(factor));
        _recoilMeV = new double[recoilKeV.Count];
        _factor = new double[factor.Count];
        for (int i = 0; i < _recoilMeV.Length; i++)
        {
            if (!(recoilKeV[i] >= 0) || (i > 0 && !(recoilKeV[i] > recoilKeV[i - 1])) || double.IsInfinity(recoilKeV[i]))
                throw new ArgumentException($"quenching-table energies must be finite, >= 0 and strictly increasing (node {i}: {recoilKeV[i]})", nameof(recoilKeV));
            if (!(factor[i] > 0 && factor[i] <= 1))
                throw new ArgumentOutOfRangeException(nameof(factor), factor[i], $"quenching factor at node {i} must lie in (0, 1]");
            _recoilMeV[i] = recoilKeV[i] * 1e-3;
            _factor[i] = factor[i];
        }
        Name = name;
    }

    /// <summary>Reads the Collar et al. 2021 Ge table (three columns) and keeps the column of <paramref name="model"/>.</summary>
    public static TabulatedQuenchingFactor ReadGermanium(string path, GermaniumQuenchingModel model)
    {
        var table = TextTable.Read(path, 3, "E_nr_keV QF_Fef QF_YBe")
            .RequireRange(0, 0, 1e3, "nuclear-recoil energy in keVnr")
            .RequireStrictlyIncreasing(0, "nuclear-recoil energy")
            .RequireRange(1, 1e-6, 1, "Fef quenching factor")
            .RequireRange(2, 1e-6, 1, "YBe quenching factor")
            .RequireRows(2);
        int column = model == GermaniumQuenchingModel.Fef ? 1 : 2;
        return new TabulatedQuenchingFactor(table.Column(0), table.Column(column), $"Ge {model} (Collar et al. 2021)");
    }

    /// <summary>Quenching factor at <paramref name="recoilMeV"/> (linear interpolation; constant outside the table).</summary>
    public double Factor(double recoilMeV)
    {
        QuenchingInverse.RequireRecoil(recoilMeV, nameof(recoilMeV));
        if (recoilMeV <= _recoilMeV[0])
            return _factor[0];
        if (recoilMeV >= _recoilMeV[^1])
            return _factor[^1];
        int i = Array.BinarySearch(_recoilMeV, recoilMeV);
        if (i >= 0)
            return _factor[i];
        i = ~i - 1;
        double u = (recoilMeV - _recoilMeV[i]) / (_recoilMeV[i + 1] - _recoilMeV[i]);
        return _factor[i] + u * (_factor[i + 1] - _factor[i]);
    }

    public double ElectronEquivalentMeV(double recoilMeV) => Factor(recoilMeV) * recoilMeV;

    /// <summary>
    /// Smallest recoil with E_ee(T) = E. E_ee = T q(T) is quadratic in T on each table segment, so the first crossing is
    /// found exactly segment by segment (the Fef curve is not monotonic in E_ee between about 1.14 and 1.39 keVnr).
    /// </summary>
    public double RecoilMeV(double electronEquivalentMeV)
    {
        QuenchingInverse.RequireRecoil(electronEquivalentMeV, nameof(electronEquivalentMeV));
        double e = electronEquivalentMeV;
        if (e == 0)
            return 0;
        if (e <= _factor[0] * _recoilMeV[0])
            return e / _factor[0];
        for (int i = 0; i + 1 < _recoilMeV.Length; i++)
        {
            double t0 = _recoilMeV[i], t1 = _recoilMeV[i + 1];
            double slope = (_factor[i + 1] - _factor[i]) / (t1 - t0);
            // E_ee(T) = alpha T^2 + beta T on [t0, t1]
            double alpha = slope, beta = _factor[i] - slope * t0;
            double best = double.PositiveInfinity;
            foreach (double root in QuadraticRoots(alpha, beta, -e))
                if (root >= t0 * (1 - 1e-12) && root <= t1 * (1 + 1e-12) && root < best)
                    best = root;
            if (best < double.PositiveInfinity)
                return Math.Clamp(best, t0, t1);
        }
        return e / _factor[^1];
    }

    private static IEnumerable<double> QuadraticRoots(double a, double b, double c)
    {
        if (a == 0)
        {
            if (b != 0) yield return -c / b;
            yield break;
        }
        double disc = b * b - 4 * a * c;
        if (disc < 0)
            yield break;
        double q = -0.5 * (b + Math.CopySign(Math.Sqrt(disc), b));
        if (q != 0)
        {
            yield return q / a;
            yield return c / q;
        }
        else
        {
            yield return 0;
        }
    }
}
