using System.Globalization;
using Cevns.Analyses.Reports;
using Cevns.Physics;
using Cevns.Physics.Electroweak;
using ScottPlot;

namespace Cevns.Analyses.Figures;

/// <summary>How a probe's sin^2 was obtained.</summary>
public enum Sin2ProbeKind
{
    /// <summary>A published number (APV, PVES, Qweak, nu-e) solved for sin^2 at the probe's |Q| (<see cref="Sin2RunningProbes.Probe"/>).</summary>
    ExternalMeasurement,

    /// <summary>A dataset of the analysis fitted alone with sin^2 free (<see cref="Sin2DatasetProbes"/>).</summary>
    DatasetFit,
}

/// <summary>
/// One probe's determination of sin^2 theta_W at its momentum transfer |Q| (GeV), with its 1 sigma errors below and above;
/// <see cref="MomentumRangeGeV"/> is the |Q| range a dataset covers (central 68 % of its detected events), null for a
/// measurement at one |Q|.
/// </summary>
public sealed record Sin2Probe(string Label, double MomentumTransferGeV, double Sin2, double ErrorMinus, double ErrorPlus)
{
    public Sin2Probe(string label, double momentumTransferGeV, double sin2, double error) : this(label, momentumTransferGeV, sin2, error, error)
    {
    }

    /// <summary>The larger of the two errors (equal for a symmetric error).</summary>
    public double Error => Math.Max(ErrorMinus, ErrorPlus);

    public Sin2ProbeKind Kind { get; init; } = Sin2ProbeKind.ExternalMeasurement;

    public (double Low, double High)? MomentumRangeGeV { get; init; }
}

/// <summary>The combined fit's sin^2 theta_W, the value at Q -> 0, with its errors (null: that side of the interval is open),
/// and the Gaussian prior on sin^2 the fit contains, if any (it is then part of the band, not a probe of the figure).</summary>
public sealed record Sin2Combined(string FitLabel, double Sin2AtZero, double? ErrorMinus, double? ErrorPlus)
{
    public (double Mean, double Sigma)? Prior { get; init; }

    /// <summary>The legend text: "fit (combined fit)", without repeating a fit named "combined", and its prior.</summary>
    public string Label => (FitLabel.Equals("combined", StringComparison.OrdinalIgnoreCase) ? "combined fit" : $"{FitLabel} (combined fit)")
        + (Prior is { } p ? string.Create(CultureInfo.InvariantCulture, $" (incl. prior {p.Mean} ± {p.Sigma})") : "");
}

/// <summary>
/// The running of sin^2 theta_W with the momentum transfer (the standard figure of the low-energy sin^2 theta_W papers, e.g.
/// arXiv:2405.09416, 2303.09360): the SM curve s^2_SM(Q) = 0.23873 + [R(Q) - R(0)] (<see cref="WeakMixingRunning"/>, anchored
/// at the published low-energy value, docs/physics.md sec. 1 and 11) on a log |Q| axis from 0.1 MeV to m_Z, and each probe's
/// value at its |Q| with its error (asymmetric where the profile is): circles for external measurements solved for sin^2 at their
/// |Q|, squares for the analysis' datasets fitted alone (<see cref="Sin2DatasetProbes"/>: sin^2 free, nuisances profiled, the
/// neutron radii and other free parameters fixed at the combined fit's best point), with a horizontal bar over the central 68 %
/// of their detected |Q| around the signal-weighted mean |Q| at which they are drawn (<see cref="ProbeMomentumTransfer"/>);
/// past the six colours of the palette, triangles and diamonds. The legend sits below the frame, one line per entry.
/// <para>
/// The combined fit determines one number, sin2_theta_w at Q -> 0, which a probe at |Q| sees as sin2_theta_w + [R(Q) - R(0)]:
/// the combined result is therefore not a point at some |Q| but the SM-shaped running curve through it, drawn as a grey band
/// (its 1 sigma interval shifted along the SM shape) with a dashed centre, labelled with the fit's name and its Q -> 0 value.
/// </para>
/// <para>
/// Points whose |Q| lie within <see cref="MinSeparationDecades"/> of each other are drawn side by side (spread by that much in
/// log |Q| around their mean) so that their bars do not hide each other; the CSV holds the true |Q| and the drawn one. Error bars
/// of <see cref="MaxFramedError"/> or more (unless no probe is more precise, <see cref="FramedError"/>) do not widen the frame and
/// may run out of it (their legend entry says so).
/// </para>
/// </summary>
public static class Sin2RunningFigure
{
    public const int Points = 241;
    public const double QMinGeV = 1e-4;

    /// <summary>Probes with a larger sin^2 error do not widen the frame.</summary>
    public const double MaxFramedError = 0.05;

    /// <summary>Closest distance in log10 |Q| at which two points are drawn at their own |Q|.</summary>
    public const double MinSeparationDecades = 0.07;

    /// <summary>The SM curve anchored at the published Q -> 0 value.</summary>
    public static double StandardModel(double qGeV) => WeakMixingRunning.AtMomentumTransfer(Constants.Sin2ThetaWLowEnergy, qGeV);

    public static Figure Build(string name, IReadOnlyList<Sin2Probe> probes, Sin2Combined? combined = null)
    {
        double lo = Math.Log10(QMinGeV), hi = Math.Log10(WeakMixingRunning.ZMassGeV);
        var qs = Enumerable.Range(0, Points).Select(i => Math.Min(WeakMixingRunning.ZMassGeV, Math.Pow(10, lo + (hi - lo) * i / (Points - 1)))).ToArray();
        var sm = qs.Select(StandardModel).ToArray();
        var shift = qs.Select(WeakMixingRunning.Shift).ToArray();
        double Combined(int i, double delta) => combined is null ? double.NaN : combined.Sin2AtZero + delta + shift[i];
        var curve = new CsvTable(name + ".csv", "q_gev", "sin2_theta_w_sm", "sin2_combined", "sin2_combined_lower", "sin2_combined_upper");
        for (int i = 0; i < Points; i++)
            curve.Add([qs[i], sm[i], Combined(i, 0), Combined(i, -(combined?.ErrorMinus ?? double.NaN)), Combined(i, combined?.ErrorPlus ?? double.NaN)]);

        var shown = probes.Where(p => p.MomentumTransferGeV >= QMinGeV && p.MomentumTransferGeV <= WeakMixingRunning.ZMassGeV
            && double.IsFinite(p.Sin2) && double.IsFinite(p.ErrorMinus) && double.IsFinite(p.ErrorPlus)).ToArray();
        var drawnAt = DrawnPositions(shown.Select(p => Math.Log10(p.MomentumTransferGeV)).ToArray());
        var points = new CsvTable(name + "_probes.csv", "probe", "kind", "q_gev", "q_low_gev", "q_high_gev", "sin2_theta_w", "error_lower", "error_upper", "q_drawn_gev");
        foreach (var p in probes)
        {
            int k = Array.IndexOf(shown, p);
            points.Add([p.Label, p.Kind == Sin2ProbeKind.DatasetFit ? "dataset-fit" : "external-measurement", p.MomentumTransferGeV,
                p.MomentumRangeGeV?.Low ?? double.NaN, p.MomentumRangeGeV?.High ?? double.NaN, p.Sin2, p.ErrorMinus, p.ErrorPlus,
                k >= 0 ? Math.Pow(10, drawnAt[k]) : double.NaN]);
        }

        var plot = FigureStyle.NewPlot();
        plot.XLabel("momentum transfer |Q| [GeV]");
        plot.YLabel("sin²θ_W(Q) (MS-bar)");
        var xs = FigureStyle.Log10(qs);
        if (combined is { ErrorMinus: { } minus, ErrorPlus: { } plus })
        {
            var band = plot.Add.Polygon(xs.Select((x, i) => new Coordinates(x, Combined(i, plus)))
                .Concat(xs.Select((x, i) => new Coordinates(x, Combined(i, -minus))).Reverse()).ToArray());
            band.FillStyle.Color = FigureStyle.ReferenceLine.WithAlpha(0.25);
            band.LineStyle.Width = 0;
        }
        var line = plot.Add.ScatterLine(xs, sm, FigureStyle.Combined);
        line.LineWidth = FigureStyle.LineWidth;
        line.LegendText = "SM running (MS-bar), s²(0) = 0.23873";
        if (combined is not null)
        {
            var centre = plot.Add.ScatterLine(xs, Enumerable.Range(0, Points).Select(i => Combined(i, 0)).ToArray(), FigureStyle.ReferenceLine);
            centre.LineWidth = FigureStyle.LineWidth;
            centre.LinePattern = LinePattern.Dashed;
            centre.LegendText = $"{combined.Label}: s²(0) = {Value(combined.Sin2AtZero, combined.ErrorMinus, combined.ErrorPlus)}, SM shape";
        }

        // The frame follows the curve, the combined band, every point and the bars of the informative probes (FramedError).
        var ys = sm.ToList();
        if (combined is not null)
            for (int i = 0; i < Points; i++)
                ys.AddRange(new[] { Combined(i, -(combined.ErrorMinus ?? 0)), Combined(i, combined.ErrorPlus ?? 0) });
        double framedError = FramedError(shown.Select(p => p.Error).ToArray());
        ys.AddRange(shown.Where(p => p.Error <= framedError).SelectMany(p => new[] { p.Sin2 - p.ErrorMinus, p.Sin2 + p.ErrorPlus }));
        ys.AddRange(shown.Select(p => p.Sin2));
        double yLo = ys.Where(double.IsFinite).Min(), yHi = ys.Where(double.IsFinite).Max();
        double pad = 0.06 * (yHi - yLo);
        (yLo, yHi) = (yLo - pad, yHi + pad);
        // Black is the SM curve's: probes cycle through the other colours.
        int colours = FigureStyle.Palette.Count - 1;
        for (int k = 0; k < shown.Length; k++)
        {
            var p = shown[k];
            var colour = FigureStyle.Palette[k % colours];
            double x = drawnAt[k];
            var eb = plot.Add.ErrorBar([x], [p.Sin2], [p.Error]);
            eb.YErrorNegative = [p.ErrorMinus];
            eb.YErrorPositive = [p.ErrorPlus];
            if (p.MomentumRangeGeV is { } range && range.Low > 0 && range.High >= range.Low)
            {
                // The |Q| range of a dataset, moved with its point when it is drawn aside.
                eb.XErrorNegative = [Math.Log10(p.MomentumTransferGeV) - Math.Log10(range.Low)];
                eb.XErrorPositive = [Math.Log10(range.High) - Math.Log10(p.MomentumTransferGeV)];
            }
            eb.Color = colour;
            eb.LineWidth = 1.4f;
            var marker = plot.Add.ScatterPoints(new[] { x }, new[] { p.Sin2 }, colour);
            marker.MarkerSize = FigureStyle.MarkerSize + 2;
            // Shapes tell the kind (round: measurement, square: fit alone) and, past the palette, the second round of colours.
            bool second = k / colours % 2 == 1;
            marker.MarkerShape = p.Kind == Sin2ProbeKind.DatasetFit
                ? second ? MarkerShape.FilledDiamond : MarkerShape.FilledSquare
                : second ? MarkerShape.FilledTriangleUp : MarkerShape.FilledCircle;
            string kind = p.Kind == Sin2ProbeKind.DatasetFit ? "fit alone" : "measurement";
            string outside = p.Sin2 - p.ErrorMinus < yLo || p.Sin2 + p.ErrorPlus > yHi ? ", bar beyond the frame" : "";
            marker.LegendText = $"{p.Label} ({kind}, |Q| = {Momentum(p.MomentumTransferGeV)}{outside}): {Value(p.Sin2, p.ErrorMinus, p.ErrorPlus)}";
        }
        plot.Axes.SetLimits(lo, hi, yLo, yHi);
        plot.Axes.Bottom.TickGenerator = FigureStyle.LogTicks(lo, hi);
        // Below the frame, one entry per line: with 5 to 10 probes a legend beside the frame would take half the width.
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Vertical;
        int entries = shown.Length + 1 + (combined is null ? 0 : 1);
        bool moved = drawnAt.Where((x, k) => Math.Abs(x - Math.Log10(shown[k].MomentumTransferGeV)) > 1e-12).Any();
        string caption = $"Running of sin²θ_W: SM curve, {shown.Length} probe(s) at their momentum transfer"
            + (combined is null ? "" : $", combined fit {combined.FitLabel} as the SM running through its Q → 0 value")
            + (shown.Any(p => p.Kind == Sin2ProbeKind.DatasetFit)
                ? "; datasets fitted alone with sin²θ_W free, nuisances profiled and the other free parameters (neutron radii) fixed at the combined best fit, "
                  + "at their signal-weighted mean |Q| (bar: central 68 % of detected events), error Δχ² = 1"
                : "")
            + (moved ? string.Create(CultureInfo.InvariantCulture, $"; points closer than {MinSeparationDecades} decade in |Q| drawn side by side") : "");
        return new Figure(name, caption, [curve, points], [new FigurePanel(plot)])
        {
            WidthPoints = 540f,
            HeightPoints = 330f + 14f * entries,
        };
    }

    /// <summary>
    /// The largest error whose bar the frame takes in full: below <see cref="MaxFramedError"/>, or up to twice the smallest
    /// error when even that is larger (probes of similar, large errors, e.g. reactor CEvNS alone, are all shown in full).
    /// </summary>
    public static double FramedError(IReadOnlyList<double> errors) =>
        errors.Count == 0 ? MaxFramedError : Math.Max(Math.BitDecrement(MaxFramedError), 2 * errors.Min());

    /// <summary>
    /// log10 |Q| at which to draw each point: points closer than <see cref="MinSeparationDecades"/> (chained) form a cluster,
    /// spread evenly by that distance around the cluster's mean in log |Q|, in the order of their |Q| (ties: input order).
    /// </summary>
    public static double[] DrawnPositions(IReadOnlyList<double> log10Q)
    {
        var order = Enumerable.Range(0, log10Q.Count).OrderBy(i => log10Q[i]).ThenBy(i => i).ToArray();
        var drawn = log10Q.ToArray();
        int start = 0;
        while (start < order.Length)
        {
            int end = start;
            while (end + 1 < order.Length && log10Q[order[end + 1]] - log10Q[order[end]] < MinSeparationDecades) end++;
            int n = end - start + 1;
            if (n > 1)
            {
                double mean = Enumerable.Range(start, n).Average(k => log10Q[order[k]]);
                for (int k = 0; k < n; k++) drawn[order[start + k]] = mean + (k - (n - 1) / 2.0) * MinSeparationDecades;
            }
            start = end + 1;
        }
        return drawn;
    }

    /// <summary>0.2372 ± 0.0021 or 0.231 +0.012 −0.010 (four decimals; an open side as "open").</summary>
    private static string Value(double v, double? minus, double? plus)
    {
        string F(double x) => x.ToString("F4", CultureInfo.InvariantCulture);
        if (minus is { } m && plus is { } p && Math.Abs(m - p) <= 5e-5) return $"{F(v)} ± {F(p)}";
        return $"{F(v)} +{(plus is { } a ? F(a) : "open")} −{(minus is { } b ? F(b) : "open")}";
    }

    /// <summary>|Q| in MeV below 1 GeV (2.4 MeV, 47 MeV), in GeV above.</summary>
    private static string Momentum(double qGeV) => qGeV < 1
        ? (qGeV * 1e3).ToString(qGeV < 0.01 ? "0.0" : "0", CultureInfo.InvariantCulture) + " MeV"
        : qGeV.ToString("G3", CultureInfo.InvariantCulture) + " GeV";
}
