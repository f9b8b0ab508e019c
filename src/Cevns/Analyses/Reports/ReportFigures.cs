using Cevns.Analyses.Figures;
using Cevns.Physics;
using Cevns.Fitting;

namespace Cevns.Analyses.Reports;

/// <summary>The figures of a report, built from the results and the analysis' figure options.</summary>
public static class ReportFigures
{
    public static IReadOnlyList<Figure> Build(AnalysisResults r, List<string> notes)
    {
        var a = r.Analysis;
        var figures = new List<Figure>();
        foreach (var scan in r.Scans)
        {
            if (scan.Spec.Y is null && a.Figures.Profiles)
                figures.Add(ProfileFigure.Build($"profile_{scan.Spec.Label}", scan.Spec.X.Name, scan.Spec.X.Values,
                    scan.Fits.Select(f => new ProfileCurve(f.Fit, f.IsCombination, f.DeltaChi2)).ToArray(), scan.Spec.X.Scale));
            else if (scan.Spec.Y is { } y && a.Figures.Contours)
                figures.Add(ContourFigure.Build($"contour_{scan.Spec.Label}", scan.Spec.X, y,
                    scan.Fits.Select(f => new ContourSet(f.Fit, f.IsCombination, f.Contours, f.BestX, f.BestY!.Value)
                    {
                        NotConverged = NotConverged(scan.Spec, f),
                    }).ToArray(),
                    Reference(scan.Spec.X, y)));
        }

        foreach (var label in a.Figures.Spectra)
            figures.AddRange(Spectra(r, label, notes));

        var physics = FixedPhysics(a);
        foreach (var label in a.Figures.MigdalShells)
        {
            // The dataset is built again with its options (the fits keep theirs behind the likelihood interface).
            var d = a.Datasets.Single(x => x.Label == label);
            try
            {
                var prediction = Datasets.DatasetRegistry.Load(d.Id, r.DataDirectory, d.Options).Predict(physics);
                figures.Add(MigdalShellFigure.Build($"migdal_shells_{label}", label, prediction));
            }
            catch (Exception e) when (e is Datasets.DatasetException or Data.DataFileException)
            {
                notes.Add($"Migdal figure of {label}: {e.Message}");
            }
        }

        if (a.Figures.FormFactors is { } ff)
            foreach (var element in ff.Elements)
                figures.Add(FormFactorFigure.Build($"form_factor_{element}", element, ff.Models, ff.QMaxPerFm, physics));

        foreach (var spec in a.Figures.CrossSections)
        {
            var points = new List<(string, PhysicsParameters)> { ("SM" + (a.Fixed.Keys.Any(IsPhysics) ? " (fixed values)" : ""), physics) };
            foreach (var fit in r.Fits)
                if (!fit.Physics.Values.SequenceEqual(physics.Values))
                    points.Add(($"best fit, {fit.Label}", fit.Physics));
            figures.Add(CrossSectionFigure.Build($"cross_section_{spec.Label}", spec, points));
        }
        if (a.Figures.Sin2Running)
            figures.Add(Sin2RunningFigure.Build("sin2_running", Sin2RunningProbes.From(r, notes), Sin2RunningProbes.Combined(r)));
        return figures;
    }

    private static (double, double)[] NotConverged(ScanSpec spec, ScanFitOutcome f)
    {
        var gx = spec.X.Values;
        var gy = spec.Y!.Values;
        return Enumerable.Range(0, f.Converged.Count).Where(k => !f.Converged[k]).Select(k => (gx[k / gy.Length], gy[k % gy.Length])).ToArray();
    }

    private static bool IsPhysics(string name) => ParameterCatalog.TryGet(name, out _);

    /// <summary>The Standard Model with the analysis' fixed physics values.</summary>
    public static PhysicsParameters FixedPhysics(AnalysisFile a) =>
        Cevns.Fitting.ParameterTies.Resolve(a.Ties).Apply(PhysicsParameters.StandardModel.With(a.Fixed.Where(kv => IsPhysics(kv.Key))));

    /// <summary>
    /// The Standard Model point of two scanned parameters (physics defaults, signal scales 1), when both have one and
    /// it can be drawn (not at zero on a log axis, e.g. a vanishing mediator coupling).
    /// </summary>
    private static (double, double, string)? Reference(ScanAxis x, ScanAxis y)
    {
        if (AnalysisParameterNames.Definition(x.Name) is not { } dx || AnalysisParameterNames.Definition(y.Name) is not { } dy) return null;
        if ((x.Scale == AxisScale.Log && !(dx.Default > 0)) || (y.Scale == AxisScale.Log && !(dy.Default > 0))) return null;
        return (dx.Default, dy.Default, "SM");
    }

    /// <summary>
    /// The spectrum of a dataset along its first axis (energy), and for datasets binned in time as well (the SNS
    /// energy x time and energy x PSD x time datasets) also along time: each projection sums the bins over the other axes.
    /// </summary>
    private static IEnumerable<Figure> Spectra(AnalysisResults r, string label, List<string> notes)
    {
        var parts = r.Fits.Select(f => (Fit: f, Spectrum: f.Spectra.FirstOrDefault(s => s.Label == label)))
            .Where(t => t.Spectrum is not null).ToArray();
        if (parts.Length == 0)
        {
            notes.Add($"spectrum of {label}: no fit includes this dataset");
            yield break;
        }
        var first = parts[0].Spectrum!;
        if (first.Expected.Count < 2)
        {
            notes.Add($"spectrum of {label}: not drawn, the dataset enters through a single rate");
            yield break;
        }
        // The components of the combined fit when it has this dataset, else of the first fit that has it.
        var stacked = parts.FirstOrDefault(p => p.Fit.IsCombination && p.Spectrum!.Components is not null);
        if (stacked.Spectrum is null) stacked = parts.FirstOrDefault(p => p.Spectrum!.Components is not null);
        var title = ShortTitle(r.Datasets.FirstOrDefault(d => d.Label == label)?.Title ?? label);

        yield return Projection($"spectrum_{label}", $"{title} ({label})", first.Bins is null ? "data point" : first.Axis,
            Group(first, 0), parts, stacked);
        int time = TimeAxis(first);
        if (time > 0)
        {
            var t = first.Ranges![0][time];
            yield return Projection($"spectrum_{label}_time", $"{title} ({label}), time projection",
                t.Unit.Length > 0 ? $"{t.Axis} [{ParameterUnit(t.Unit)}]" : t.Axis, Group(first, time), parts, stacked);
        }
    }

    private static Figure Projection(string name, string title, string axis, ((double Lo, double Hi)[] Bins, int[][] Groups) layout,
        (FitOutcome Fit, DatasetSpectrum? Spectrum)[] parts, (FitOutcome Fit, DatasetSpectrum? Spectrum) stacked)
    {
        var (bins, groups) = layout;
        var first = parts[0].Spectrum!;
        double[] Sum(IReadOnlyList<double> v) => groups.Select(g => g.Sum(i => v[i])).ToArray();
        // Errors of summed points add in quadrature.
        var errors = first.Errors is { } e ? groups.Select(g => Math.Sqrt(g.Sum(i => e[i] * e[i]))).ToArray() : null;
        var series = parts.Select(p => new SpectrumSeries(p.Fit.Label, p.Fit.IsCombination, Sum(p.Spectrum!.Expected))).ToArray();
        var stack = stacked.Spectrum?.Components is { } components
            ? new SpectrumStack(stacked.Fit.Label, components.Select(c => c with { Values = Sum(c.Values) }).ToArray())
            : null;
        return SpectrumFigure.Build(name, title, axis, bins, Sum(first.Observed), series, poisson: !first.Gaussian, errors, stack);
    }

    /// <summary>The index of the time axis among the data points' axes (0 or -1 when there is none beyond the first).</summary>
    private static int TimeAxis(DatasetSpectrum s)
    {
        if (s.Ranges is not { Count: > 0 } ranges || s.Bins is null) return -1;
        for (int k = 1; k < ranges[0].Count; k++)
            if (ranges[0][k].Axis == "time") return k;
        return -1;
    }

    /// <summary>Units for an axis label ("us" as μs).</summary>
    private static string ParameterUnit(string unit) => unit == "us" ? "μs" : unit;

    /// <summary>A dataset title short enough for a figure title: cut at the first comma or parenthesis beyond 60 characters.</summary>
    public static string ShortTitle(string title)
    {
        const int max = 60;
        if (title.Length <= max) return title;
        int cut = title.IndexOfAny([',', '(']);
        if (cut > 0 && cut <= max) return title[..cut].TrimEnd();
        return title[..(max - 1)].TrimEnd() + "…";
    }

    /// <summary>
    /// Data points of equal range along axis <paramref name="axis"/> summed (the other axes projected out), ordered
    /// along it; without bins, one per data point.
    /// </summary>
    private static ((double Lo, double Hi)[] Bins, int[][] Groups) Group(DatasetSpectrum s, int axis)
    {
        if (s.Bins is null)
            return (Enumerable.Range(0, s.Expected.Count).Select(i => (i - 0.5, i + 0.5)).ToArray(),
                Enumerable.Range(0, s.Expected.Count).Select(i => new[] { i }).ToArray());
        Func<int, (double Lo, double Hi)> range = axis == 0 || s.Ranges is null
            ? i => s.Bins[i]
            : i => (s.Ranges[i][axis].Lo, s.Ranges[i][axis].Hi);
        var groups = Enumerable.Range(0, s.Bins.Count).GroupBy(range).OrderBy(g => g.Key.Lo).ThenBy(g => g.Key.Hi).ToArray();
        return (groups.Select(g => g.Key).ToArray(), groups.Select(g => g.ToArray()).ToArray());
    }
}
