using System.Globalization;
using System.Text;
using Cevns.Statistics;
using Cevns.Fitting;

namespace Cevns.Analyses.Reports;

/// <summary>
/// summary.md: what was fitted (analysis file and its hash, software version, datasets and their sources), the best
/// fits with 1 sigma uncertainties, the intervals of every 1D scan at 1 sigma, 90 % CL, 2 sigma and 3 sigma, the 2D
/// scans, the optional tables, the figures and the notes (non-converged points, open intervals, rate-only data).
/// </summary>
public static class SummaryMarkdown
{
    public const string FileName = "summary.md";

    private static string Files(ScanOutcome s) => string.Join(", ", s.Fits.Select(f => $"`{ReportWriter.ScanFileName(s.Spec, f.Fit)}`"));

    public static string Build(AnalysisResults r, IReadOnlyList<RenderedFigure> figures, IReadOnlyList<string> notes)
    {
        var a = r.Analysis;
        var sb = new StringBuilder();
        sb.AppendLine($"# {a.Title}");
        sb.AppendLine();
        if (a.Description is { Length: > 0 } d) sb.AppendLine(d).AppendLine();
        Table(sb, ["", ""],
        [
            ["analysis file", $"`{a.Origin}` (copy: `analysis.yaml`)"],
            ["SHA-256 of the analysis file", $"`{a.Sha256}`"],
            ["software", $"cevns {r.SoftwareVersion}"],
            ["rerun", $"`./cevns run {(a.Origin.StartsWith("src/Cevns/Analyses/Presets/", StringComparison.Ordinal) ? PresetCatalog.Prefix + a.Name : a.Origin)}`"],
        ]);

        sb.AppendLine("## Best fits");
        sb.AppendLine();
        var physicsNames = r.Fits.SelectMany(f => f.Parameters.Where(p => !p.IsNuisance).Select(p => p.Name)).Distinct().ToArray();
        var rows = r.Fits.Select(f => (IReadOnlyList<string>)new List<string>
        {
            f.Label, string.Join(", ", f.Datasets), F(f.Chi2), f.DataPoints.ToString(CultureInfo.InvariantCulture),
        }.Concat(physicsNames.Select(n => f.Parameters.FirstOrDefault(p => p.Name == n) is { } p ? Estimate(p) : "—"))
         .Append(f.Converged ? "yes" : $"**no** ({f.Status})").ToList()).ToArray();
        Table(sb, ["fit", "datasets", "χ²_min", "data points", .. physicsNames.Select(AnalysisParameterNames.WithUnit), "converged"], rows);
        sb.AppendLine("Uncertainties are 1σ: the ends of the profiled Δχ² = 1 interval around the best fit (asymmetric). Where "
                      + "an end was not found (the interval reaches the fit range, e.g. along a flat direction) that side is "
                      + "marked open and has no number; parabolic errors (from the covariance at the minimum, marked ≈) only "
                      + "where there is no profiled interval (see the intervals below).").AppendLine();
        if (r.Fits.Any(f => f.Parameters.Any(p => p.Source == ErrorSource.NotConstrained)))
            sb.AppendLine("\"not constrained\": no dataset or prior of that fit reads the parameter, so χ² does not depend on it; it was "
                          + "held at the value shown, not varied, and is not counted among the fit's free parameters (degrees of freedom).").AppendLine();
        if (a.Ties.Count > 0)
        {
            sb.AppendLine($"Tied parameters (derived from another at every point): {string.Join(", ", a.Ties.Select(t => $"`{t}`"))}.").AppendLine();
            Table(sb, ["fit", .. a.Ties.Select(t => AnalysisParameterNames.WithUnit(t.Target) + " (tied)")],
                r.Fits.Select(f => (IReadOnlyList<string>)new[] { f.Label }.Concat(a.Ties.Select(t => f.Converged ? G(f.Physics[t.Target]) : "—")).ToList()).ToArray());
        }

        var oneD = r.Scans.Where(s => s.Spec.Y is null).ToArray();
        if (oneD.Length > 0)
        {
            sb.AppendLine("## Intervals (profile likelihood, Δχ² = 1, 2.71, 4, 9)");
            sb.AppendLine();
            foreach (var s in oneD)
            {
                sb.AppendLine($"**{s.Spec.Label}**: {AnalysisParameterNames.WithUnit(s.Spec.X.Name)}, {s.Spec.X.Points} points "
                              + $"from {G(s.Spec.X.Lower)} to {G(s.Spec.X.Upper)}{(s.Spec.X.Scale == AxisScale.Log ? " (log)" : "")}; data: {Files(s)}");
                sb.AppendLine();
                Table(sb, ["fit", "best fit", "1σ", "90% CL", "2σ", "3σ"],
                    s.Fits.Select(f => (IReadOnlyList<string>)new[] { f.Fit, G(f.BestX) }.Concat(f.Intervals.Select(Segments)).ToList()).ToArray());
            }
        }

        var twoD = r.Scans.Where(s => s.Spec.Y is not null).ToArray();
        if (twoD.Length > 0)
        {
            sb.AppendLine("## 2D scans (allowed regions at Δχ² = 2.30, 4.61, 6.18)");
            sb.AppendLine();
            foreach (var s in twoD)
            {
                sb.AppendLine($"**{s.Spec.Label}**: {AnalysisParameterNames.WithUnit(s.Spec.X.Name)} × {AnalysisParameterNames.WithUnit(s.Spec.Y!.Name)}, "
                              + $"{s.Spec.X.Points} × {s.Spec.Y.Points} points; data: {Files(s)}");
                sb.AppendLine();
                Table(sb, ["fit", "best fit", "χ²_min", "regions inside the scan"],
                    s.Fits.Select(f => (IReadOnlyList<string>)[f.Fit, $"({G(f.BestX)}, {G(f.BestY!.Value)})", F(f.MinimumChi2),
                        string.Join(", ", f.Contours.Select(c => $"{G(c.Level)}: {(c.Lines.Count == 0 ? "none" : c.Lines.All(l => l.Closed) ? "closed" : "open")}"))]).ToArray());
            }
        }

        sb.AppendLine("## Datasets");
        sb.AppendLine();
        Table(sb, ["label", "dataset", "source", "options", "data files"],
            r.Datasets.Select(ds => (IReadOnlyList<string>)[ds.Label, $"`{ds.Id}`: {ds.Title}" + (ds.Unavailable is { } why ? $" — **not used**: {why}" : ""), ds.Reference,
                ds.Options.Count == 0 ? "defaults" : string.Join(", ", ds.Options.Select(o => $"{o.Key}={o.Value}")),
                string.Join("<br>", ds.Files.Values.Select(v => $"`{v}`"))]).ToArray());
        foreach (var ds in r.Datasets)
            foreach (var n in ds.Notes) sb.AppendLine($"- {ds.Label}: {n}");
        if (r.Datasets.Any(ds => ds.Notes.Count > 0)) sb.AppendLine();
        if (a.Fixed.Count > 0)
            sb.AppendLine("Fixed: " + string.Join(", ", a.Fixed.Select(kv => $"{kv.Key} = {G(kv.Value)}")) + ". Other physics parameters at the Standard Model, signal scales 1.").AppendLine();
        if (a.Priors.Count > 0)
        {
            sb.AppendLine("Priors (Gaussian χ² terms):");
            foreach (var p in a.Priors) sb.AppendLine($"- {p.Name} = {G(p.Mean)} ± {G(p.Sigma)} ({p.Source})");
            sb.AppendLine();
        }

        if (a.Tables.Contains(ReportTable.Chi2ByDataset))
        {
            sb.AppendLine("## χ² by dataset at the best fit");
            sb.AppendLine();
            Table(sb, ["fit", "term", "χ²", "data points"],
                r.Fits.SelectMany(f => f.Breakdown.Select(t => (IReadOnlyList<string>)[f.Label, t.Label, F(t.Chi2), t.DataPoints.ToString(CultureInfo.InvariantCulture)])).ToArray());
        }
        if (a.Tables.Contains(ReportTable.Nuisances))
        {
            sb.AppendLine("## Nuisance parameters at the best fit");
            sb.AppendLine();
            Table(sb, ["fit", "nuisance", "best fit"],
                r.Fits.SelectMany(f => f.Parameters.Where(p => p.IsNuisance).Select(p => (IReadOnlyList<string>)[f.Label, p.Name, Estimate(p)])).ToArray());
        }
        if (a.Tables.Contains(ReportTable.Events))
        {
            sb.AppendLine("## Expected (best fit) and observed totals");
            sb.AppendLine();
            Table(sb, ["fit", "dataset", "expected", "observed"],
                r.Fits.SelectMany(f => f.Spectra.Select(s => (IReadOnlyList<string>)[f.Label, s.Label, F(s.Expected.Sum()), F(s.Observed.Sum())])).ToArray());
        }

        if (figures.Count > 0)
        {
            sb.AppendLine("## Figures");
            sb.AppendLine();
            foreach (var f in figures)
            {
                var image = f.Files.FirstOrDefault(x => x.EndsWith(".png", StringComparison.Ordinal))
                            ?? f.Files.FirstOrDefault(x => x.EndsWith(".svg", StringComparison.Ordinal));
                sb.AppendLine($"**{f.Name}**: {f.Caption}. Files: {string.Join(", ", f.Files.Select(x => $"`{x}`"))}");
                sb.AppendLine();
                if (image is not null) sb.AppendLine($"![{f.Name}]({image})").AppendLine();
            }
        }

        if (notes.Count > 0)
        {
            sb.AppendLine("## Notes");
            sb.AppendLine();
            foreach (var n in notes) sb.AppendLine($"- {n}");
            sb.AppendLine();
        }
        return sb.ToString();
    }

    /// <summary>"value +plus −minus" with the errors to two significant digits (parabolic: "value ± error ≈"; an open
    /// side of the profiled interval: "+open" or "−open"; a parameter the fit does not read: "not constrained (held at value)").</summary>
    public static string Estimate(ParameterEstimate p)
    {
        string bound = p.AtBound ? " (at bound)" : "";
        if (p.Source == ErrorSource.NotConstrained)
            return $"not constrained (held at {G(p.BestFit)})";
        if (p.Source == ErrorSource.OpenInterval)
            return OpenEstimate(p, bound);
        if (p.MinusError is not { } m || p.PlusError is not { } u) return p.BestFit.ToString("G3", CultureInfo.InvariantCulture) + bound;
        // Two significant digits of the larger error (the smaller one may be the distance to a bound).
        double smallest = Math.Max(m, u);
        int decimals = smallest > 0 ? Math.Clamp(1 - (int)Math.Floor(Math.Log10(smallest)), 0, 12) : 4;
        string Fx(double x) => NoNegativeZero(x.ToString("F" + decimals, CultureInfo.InvariantCulture));
        if (Math.Abs(p.BestFit) >= 1e6 || (smallest > 0 && smallest < 1e-6))
            return p.Source == ErrorSource.Parabolic ? $"{G(p.BestFit)} ± {G(m)} ≈{bound}" : $"{G(p.BestFit)} +{G(u)} −{G(m)}{bound}";
        return p.Source == ErrorSource.Parabolic ? $"{Fx(p.BestFit)} ± {Fx(m)} ≈{bound}" : $"{Fx(p.BestFit)} +{Fx(u)} −{Fx(m)}{bound}";
    }

    /// <summary>A profiled interval with an open end: the known side's error to two significant digits, the other "open".</summary>
    private static string OpenEstimate(ParameterEstimate p, string bound)
    {
        double largest = Math.Max(p.MinusError ?? 0, p.PlusError ?? 0);
        int decimals = largest > 0 ? Math.Clamp(1 - (int)Math.Floor(Math.Log10(largest)), 0, 12) : 4;
        bool general = Math.Abs(p.BestFit) >= 1e6 || (largest > 0 && largest < 1e-6);
        string Fx(double x) => general ? G(x) : NoNegativeZero(x.ToString("F" + decimals, CultureInfo.InvariantCulture));
        string plus = p.PlusError is { } u ? "+" + Fx(u) : "+open";
        string minus = p.MinusError is { } m ? "−" + Fx(m) : "−open";
        return $"{Fx(p.BestFit)} {plus} {minus}{bound}";
    }

    /// <summary>The segments of an interval: "[a, b]", joined with ∪; open ends and bounds marked.</summary>
    public static string Segments(ConfidenceInterval ci)
    {
        if (ci.IsEmpty) return "empty on the grid";
        return string.Join(" ∪ ", ci.Segments.Select(s => $"[{Edge(s.Lower)}, {Edge(s.Upper)}]"))
               + (ci.AllFitsConverged ? "" : " (some fits did not converge)");
    }

    /// <summary>"-0.00" (a tiny negative number rounded) is shown as "0.00".</summary>
    private static string NoNegativeZero(string s) => s.StartsWith('-') && s.Trim('-', '0', '.').Length == 0 ? s[1..] : s;

    private static string Edge(IntervalEdge e) => e.Kind switch
    {
        IntervalEdgeKind.OpenAtScanBound => "beyond scan",
        IntervalEdgeKind.ParameterBound => $"{G(e.Value!.Value)} (bound)",
        _ => G(e.Value!.Value),
    };

    private static void Table(StringBuilder sb, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        sb.AppendLine("| " + string.Join(" | ", header.Select(Cell)) + " |");
        sb.AppendLine("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows) sb.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
        sb.AppendLine();
    }

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");

    private static string F(double x) => double.IsFinite(x) ? x.ToString("F3", CultureInfo.InvariantCulture) : "—";

    private static string G(double x) => x.ToString("G5", CultureInfo.InvariantCulture);
}
