using Cevns.Fitting;

namespace Cevns.Analyses.Reports;

/// <summary>
/// One CSV per scan (scan_&lt;label&gt;.csv), long format: fit, the scanned value(s), chi^2, Delta chi^2 from that fit's
/// minimum, whether the profiled fit at the point converged, and the value of each tied parameter there (ties: key of the
/// analysis file; nan where the point did not converge).
/// </summary>
public static class ScanTables
{
    public static string FileName(ScanSpec spec) => $"scan_{spec.Label}.csv";

    public static CsvTable Build(ScanOutcome scan, IReadOnlyList<ParameterTie> ties)
    {
        var spec = scan.Spec;
        string[] header = spec.Y is null
            ? ["fit", spec.X.Name, "chi2", "delta_chi2", "converged", .. ties.Select(t => t.Target)]
            : ["fit", spec.X.Name, spec.Y.Name, "chi2", "delta_chi2", "converged", .. ties.Select(t => t.Target)];
        var csv = new CsvTable(FileName(spec), header);
        object?[] Tied(ScanFitOutcome f, int k) => ties.Count == 0 ? [] : f.Tied[k].Cast<object?>().ToArray();
        var gx = spec.X.Values;
        foreach (var f in scan.Fits)
        {
            if (spec.Y is null)
                for (int i = 0; i < gx.Length; i++)
                    csv.Add([f.Fit, gx[i], f.Chi2[i], f.Chi2[i] - f.MinimumChi2, f.Converged[i], .. Tied(f, i)]);
            else
            {
                var gy = spec.Y.Values;
                for (int i = 0; i < gx.Length; i++)
                    for (int j = 0; j < gy.Length; j++)
                    {
                        int k = i * gy.Length + j;
                        csv.Add([f.Fit, gx[i], gy[j], f.Chi2[k], f.Chi2[k] - f.MinimumChi2, f.Converged[k], .. Tied(f, k)]);
                    }
            }
        }
        return csv;
    }
}
