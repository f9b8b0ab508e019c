using System.Globalization;
using Cevns.Data;

namespace Cevns.Sources.Timing;

/// <summary>
/// Arrival-time PDFs of the COHERENT CsI[Na] 2017 data release (arXiv:1708.01294, release companion
/// arXiv:1804.09459): probabilities in 0.5 us bins from 0 to 12 us (centres 0.25 ... 11.75), already
/// folded with the beam pulse and normalised to 1 in that window, for the prompt
/// (arrivalTimePDF_promptNeutrinos.txt) and delayed (arrivalTimePDF_delayedNeutrinos.txt) neutrinos.
/// Bins that do not align with the release bins: the probability of each release bin is spread
/// uniformly over it (the CDF is linear inside a bin), so every release bin content is kept exactly;
/// nothing arrives outside the tabulated window.
/// </summary>
public sealed class TabulatedArrivalTime : ArrivalTimeDistribution
{
    private readonly Table _prompt;
    private readonly Table _delayed;

    private TabulatedArrivalTime(Table prompt, Table delayed, double offsetUs) : base(offsetUs)
    {
        _prompt = prompt;
        _delayed = delayed;
    }

    /// <summary>Reads prompt and delayed PDFs (CSV: bin centre in us, probability) from the given files.</summary>
    public static TabulatedArrivalTime FromFiles(string promptPath, string delayedPath, double offsetUs = 0.0) =>
        new(Table.Read(promptPath), Table.Read(delayedPath), offsetUs);

    public override ArrivalTimeDistribution WithOffset(double offsetUs) => new TabulatedArrivalTime(_prompt, _delayed, offsetUs);

    /// <summary>Bin edges of the release (us).</summary>
    public IReadOnlyList<double> EdgesUs => _prompt.Edges;

    /// <summary>Release probability per bin of a component.</summary>
    public IReadOnlyList<double> BinProbabilities(SnsComponent component) =>
        component == SnsComponent.Prompt ? _prompt.Probabilities : _delayed.Probabilities;

    protected override double UnshiftedCdf(SnsComponent component, double tUs) =>
        (component == SnsComponent.Prompt ? _prompt : _delayed).Cdf(tUs);

    private sealed class Table
    {
        public required double[] Edges { get; init; }
        public required double[] Probabilities { get; init; }
        public required double[] Cumulative { get; init; }

        public static Table Read(string path)
        {
            var t = TextTable.Read(path, 2, "t_us probability", allowHeader: true);
            t.RequireRows(2).RequireStrictlyIncreasing(0, "bin centre time").RequireNonNegative(1, "probability");
            var c = t.Column(0);
            var p = t.Column(1);
            double width = c[1] - c[0];
            for (int i = 2; i < c.Length; i++)
            {
                if (Math.Abs(c[i] - c[i - 1] - width) > 1e-6 * width)
                    throw t.ErrorAt(i, $"bin centres must be uniformly spaced by {width.ToString("G6", CultureInfo.InvariantCulture)} us");
            }
            double sum = p.Sum();
            if (Math.Abs(sum - 1.0) > 1e-3)
                throw DataFileException.In(path, $"probabilities must sum to 1 (found {sum.ToString("G6", CultureInfo.InvariantCulture)})");
            var edges = new double[c.Length + 1];
            for (int i = 0; i <= c.Length; i++)
                edges[i] = c[0] + (i - 0.5) * width;
            var cum = new double[edges.Length];
            for (int i = 0; i < p.Length; i++)
                cum[i + 1] = cum[i] + p[i] / sum;
            return new Table { Edges = edges, Probabilities = p, Cumulative = cum };
        }

        public double Cdf(double t)
        {
            if (t <= Edges[0])
                return 0.0;
            if (t >= Edges[^1])
                return 1.0;
            int k = Array.BinarySearch(Edges, t);
            if (k >= 0)
                return Cumulative[k];
            k = ~k - 1;
            double s = (t - Edges[k]) / (Edges[k + 1] - Edges[k]);
            return Cumulative[k] + s * (Cumulative[k + 1] - Cumulative[k]);
        }
    }
}
