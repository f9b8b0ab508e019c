namespace Cevns.Detectors;

/// <summary>
/// Composes quenching -&gt; resolution -&gt; efficiency (docs/physics.md section 8) into the probability that a nuclear
/// recoil of true energy T lands in each reconstructed bin, and into a <see cref="ResponseMatrix"/> on a
/// <see cref="RecoilGrid"/>. Bin edges are in the resolution's reconstructed scale (keVee or PE); bins are [lo, hi).
/// <para>
/// Accuracy. Bin probabilities come from the analytic cumulative distributions of the resolution (Gaussian CDF,
/// regularised incomplete gamma, Poisson sums), so without an efficiency they are exact to rounding (~1e-14).
/// An efficiency that varies inside a bin is integrated as sum over sub-intervals of int e(x) p(x) dx with e replaced
/// by its quadratic through the three Gauss-Legendre points of the sub-interval and integrated exactly against p with
/// the resolution's partial moments. Sub-intervals end at every efficiency breakpoint (table nodes, steps, clipping
/// kinks), so tabulated (piecewise-linear) and stepwise efficiencies are integrated exactly; a smooth efficiency is
/// further split into pieces no longer than VariationScale / refinement, with error below |e'''| h^3 / 120 per unit
/// probability (h the piece length; the interpolation error is e''' (x-x1)(x-x2)(x-x3)/6 and the cubic is at most
/// 0.05 h^3 on the piece): for the CsI 2021 logistic (|e'''| &lt;= a b^3 / 8 = 0.0039 PE^-3, h = 0.87 PE at the
/// default refinement 4) that is &lt; 2.2e-5, and doubling the refinement changes bin probabilities by &lt; 1e-5 (tested).
/// Counting (Poisson) resolutions take the efficiency at each integer count exactly.
/// </para>
/// </summary>
public sealed class DetectorResponse
{
    /// <summary>Default number of integration pieces per <see cref="IEfficiency.VariationScale"/> of a smooth efficiency.</summary>
    public const int DefaultRefinement = 4;

    public IQuenching Quenching { get; }
    public IResolution Resolution { get; }
    public IEfficiency? Efficiency { get; }

    public DetectorResponse(IQuenching quenching, IResolution resolution, IEfficiency? efficiency = null)
    {
        ArgumentNullException.ThrowIfNull(quenching);
        ArgumentNullException.ThrowIfNull(resolution);
        if (resolution is not IContinuousResolution && resolution is not ICountingResolution)
            throw new ArgumentException($"resolution {resolution.GetType().Name} is neither continuous nor counting", nameof(resolution));
        if (efficiency is not null && efficiency.Scale != resolution.Scale)
            throw new ArgumentException($"efficiency is defined in {efficiency.Scale} but the resolution reconstructs {resolution.Scale}", nameof(efficiency));
        Quenching = quenching;
        Resolution = resolution;
        Efficiency = efficiency;
    }

    /// <summary>
    /// R[i, j] = w_j P(bin i | T_j) on <paramref name="grid"/> for the reconstructed bins with the given ascending
    /// <paramref name="binEdges"/> (keVee or PE as <see cref="Resolution"/> reconstructs).
    /// </summary>
    public ResponseMatrix BuildMatrix(RecoilGrid grid, IReadOnlyList<double> binEdges, int refinement = DefaultRefinement)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var plan = CreatePlan(binEdges, refinement);
        int bins = binEdges.Count - 1, nodes = grid.Count;
        var elements = new double[bins * nodes];
        var probabilities = new double[bins];
        for (int j = 0; j < nodes; j++)
        {
            plan.Evaluate(Quenching.ElectronEquivalentMeV(grid.NodesMeV[j]), probabilities);
            double w = grid.Weights[j];
            for (int i = 0; i < bins; i++)
                elements[i * nodes + j] = w * probabilities[i];
        }
        return new ResponseMatrix(grid, bins, elements);
    }

    /// <summary>
    /// Response to a nuclear recoil accompanied by extra electron-equivalent deposits (Migdal electrons):
    /// R[i, j] = w_j s(T_j) sum_k c_k P(bin i | Q(T_j) T_j + d_k), with d_k = <paramref name="shiftsMeV"/> (the deposit
    /// added on top of the quenched recoil, unquenched), c_k = <paramref name="shiftWeights"/> and s =
    /// <paramref name="nodeScale"/>. Shifts must increase; for each node the sum stops once the deposit has passed
    /// through the bins (probability below 1e-15 after a non-zero one, or with the mean reconstructed energy above the last
    /// edge), which is exact for a unimodal resolution.
    /// </summary>
    public ResponseMatrix BuildShiftedMatrix(RecoilGrid grid, IReadOnlyList<double> binEdges, Func<double, double> nodeScale,
        IReadOnlyList<double> shiftsMeV, IReadOnlyList<double> shiftWeights, int refinement = DefaultRefinement)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (shiftsMeV.Count != shiftWeights.Count)
            throw new ArgumentException("one weight per shift expected", nameof(shiftWeights));
        for (int k = 1; k < shiftsMeV.Count; k++)
            if (!(shiftsMeV[k] >= shiftsMeV[k - 1]))
                throw new ArgumentException("shifts must not decrease", nameof(shiftsMeV));
        var plan = CreatePlan(binEdges, refinement);
        int bins = binEdges.Count - 1, nodes = grid.Count;
        var elements = new double[bins * nodes];
        var probabilities = new double[bins];
        for (int j = 0; j < nodes; j++)
        {
            double t = grid.NodesMeV[j], scale = grid.Weights[j] * nodeScale(t);
            if (scale == 0) continue;
            double ee = Quenching.ElectronEquivalentMeV(t);
            bool seen = false;
            for (int k = 0; k < shiftsMeV.Count; k++)
            {
                plan.Evaluate(ee + shiftsMeV[k], probabilities);
                double sum = 0;
                for (int i = 0; i < bins; i++) sum += probabilities[i];
                if (sum < 1e-15)
                {
                    if (seen || Resolution.MeanReconstructed(ee + shiftsMeV[k]) > binEdges[^1]) break;
                    continue;
                }
                seen = true;
                double w = scale * shiftWeights[k];
                for (int i = 0; i < bins; i++)
                    elements[i * nodes + j] += w * probabilities[i];
            }
        }
        return new ResponseMatrix(grid, bins, elements);
    }

    /// <summary>Probability (efficiency included) that a recoil of <paramref name="recoilMeV"/> lands in each bin.</summary>
    public double[] BinProbabilities(double recoilMeV, IReadOnlyList<double> binEdges, int refinement = DefaultRefinement)
    {
        var plan = CreatePlan(binEdges, refinement);
        var probabilities = new double[binEdges.Count - 1];
        plan.Evaluate(Quenching.ElectronEquivalentMeV(recoilMeV), probabilities);
        return probabilities;
    }

    /// <summary>As <see cref="BinProbabilities(double, IReadOnlyList{double}, int)"/> for a true electron-equivalent energy (quenching skipped).</summary>
    public double[] BinProbabilitiesForElectronEquivalent(double electronEquivalentMeV, IReadOnlyList<double> binEdges, int refinement = DefaultRefinement)
    {
        var plan = CreatePlan(binEdges, refinement);
        var probabilities = new double[binEdges.Count - 1];
        plan.Evaluate(electronEquivalentMeV, probabilities);
        return probabilities;
    }

    private IPlan CreatePlan(IReadOnlyList<double> binEdges, int refinement)
    {
        ArgumentNullException.ThrowIfNull(binEdges);
        if (binEdges.Count < 2)
            throw new ArgumentException("need at least two bin edges", nameof(binEdges));
        for (int i = 0; i < binEdges.Count; i++)
        {
            if (!double.IsFinite(binEdges[i]))
                throw new ArgumentException($"bin edge {i} is not finite ({binEdges[i]})", nameof(binEdges));
            if (i > 0 && !(binEdges[i] > binEdges[i - 1]))
                throw new ArgumentException($"bin edges must increase strictly (edge {i} = {binEdges[i]} after {binEdges[i - 1]})", nameof(binEdges));
        }
        if (refinement < 1 || refinement > 1000)
            throw new ArgumentOutOfRangeException(nameof(refinement), refinement, "refinement must lie in [1, 1000]");
        return Resolution switch
        {
            IContinuousResolution c => new ContinuousPlan(c, Efficiency, binEdges, refinement),
            ICountingResolution d => new CountingPlan(d, Efficiency, binEdges),
            _ => throw new InvalidOperationException("unsupported resolution"),
        };
    }

    private interface IPlan
    {
        void Evaluate(double electronEquivalentMeV, Span<double> probabilities);
    }

    /// <summary>Node-independent integration layout for a continuous resolution: points, and for each sub-interval its
    /// bin and the quadratic efficiency e(x) ~ c0 + c1 (x - xm) + c2 (x - xm)^2 about its midpoint xm.</summary>
    private sealed class ContinuousPlan : IPlan
    {
        private readonly IContinuousResolution _resolution;
        private readonly double[] _points, _mid, _c0, _c1, _c2;
        private readonly int[] _bin;
        private readonly double[] _cdf, _m1, _m2;
        private readonly bool _constantEfficiency;

        public ContinuousPlan(IContinuousResolution resolution, IEfficiency? efficiency, IReadOnlyList<double> edges, int refinement)
        {
            _resolution = resolution;
            _constantEfficiency = efficiency is null;
            var points = new List<double>();
            var bins = new List<int>();
            var breaks = new List<double>();
            for (int i = 0; i + 1 < edges.Count; i++)
            {
                double lo = edges[i], hi = edges[i + 1];
                breaks.Clear();
                breaks.Add(lo);
                if (efficiency is not null)
                    efficiency.AddBreakpoints(lo, hi, breaks);
                breaks.Add(hi);
                breaks.Sort();
                double maxPiece = efficiency is null || double.IsPositiveInfinity(efficiency.VariationScale)
                    ? double.PositiveInfinity
                    : efficiency.VariationScale / refinement;
                for (int b = 0; b + 1 < breaks.Count; b++)
                {
                    double a = breaks[b], z = breaks[b + 1];
                    if (!(z > a))
                        continue;
                    int pieces = double.IsPositiveInfinity(maxPiece) ? 1 : Math.Max(1, (int)Math.Ceiling((z - a) / maxPiece));
                    for (int p = 0; p < pieces; p++)
                    {
                        points.Add(a + (z - a) * p / pieces);
                        bins.Add(i);
                    }
                }
            }
            points.Add(edges[^1]);
            _points = points.ToArray();
            _bin = bins.ToArray();
            int n = _bin.Length;
            _mid = new double[n];
            _c0 = new double[n];
            _c1 = new double[n];
            _c2 = new double[n];
            // Three-point Gauss-Legendre abscissae +-sqrt(3/5) (Abramowitz and Stegun 25.4.29) lie inside the piece, away
            // from jumps at its ends.
            double r = Math.Sqrt(0.6);
            for (int s = 0; s < n; s++)
            {
                double a = _points[s], z = _points[s + 1], xm = 0.5 * (a + z), d = 0.5 * (z - a) * r;
                _mid[s] = xm;
                if (efficiency is null)
                {
                    _c0[s] = 1;
                    continue;
                }
                double em = efficiency.Value(xm - d), e0 = efficiency.Value(xm), ep = efficiency.Value(xm + d);
                _c0[s] = e0;
                _c1[s] = (ep - em) / (2 * d);
                _c2[s] = (ep - 2 * e0 + em) / (2 * d * d);
            }
            _cdf = new double[_points.Length];
            _m1 = new double[_points.Length];
            _m2 = new double[_points.Length];
        }

        public void Evaluate(double electronEquivalentMeV, Span<double> probabilities)
        {
            probabilities.Clear();
            _resolution.CumulativeMoments(electronEquivalentMeV, _points, _cdf, _m1, _m2);
            double mu = _resolution.MeanReconstructed(electronEquivalentMeV);
            for (int s = 0; s < _bin.Length; s++)
            {
                double dp = _cdf[s + 1] - _cdf[s];
                if (_constantEfficiency)
                {
                    probabilities[_bin[s]] += dp;
                    continue;
                }
                double d1 = _m1[s + 1] - _m1[s], d2 = _m2[s + 1] - _m2[s], shift = mu - _mid[s];
                double first = d1 + shift * dp;                              // int (x - xm) p dx
                double second = d2 + 2 * shift * d1 + shift * shift * dp;     // int (x - xm)^2 p dx
                probabilities[_bin[s]] += _c0[s] * dp + _c1[s] * first + _c2[s] * second;
            }
            for (int i = 0; i < probabilities.Length; i++)
                probabilities[i] = Math.Max(0, probabilities[i]);
        }
    }

    /// <summary>Integer counts n in [lo, hi) of each bin, each weighted by the efficiency at n.</summary>
    private sealed class CountingPlan : IPlan
    {
        private readonly ICountingResolution _resolution;
        private readonly int[] _binOfCount;
        private readonly double[] _weight, _pmf;

        public CountingPlan(ICountingResolution resolution, IEfficiency? efficiency, IReadOnlyList<double> edges)
        {
            _resolution = resolution;
            int maxCount = edges[^1] <= 0 ? -1 : (int)Math.Ceiling(edges[^1]) - 1;
            if (maxCount > 10_000_000)
                throw new ArgumentException($"bin edges up to {edges[^1]} counts are too large for a counting resolution", nameof(edges));
            int size = Math.Max(maxCount + 1, 0);
            _binOfCount = new int[size];
            _weight = new double[size];
            _pmf = new double[size];
            Array.Fill(_binOfCount, -1);
            for (int i = 0; i + 1 < edges.Count; i++)
            {
                int first = (int)Math.Ceiling(Math.Max(edges[i], 0)), last = (int)Math.Ceiling(edges[i + 1]) - 1;
                for (int n = first; n <= last && n < size; n++)
                {
                    _binOfCount[n] = i;
                    _weight[n] = efficiency?.Value(n) ?? 1;
                }
            }
        }

        public void Evaluate(double electronEquivalentMeV, Span<double> probabilities)
        {
            probabilities.Clear();
            _resolution.CountProbabilities(electronEquivalentMeV, _pmf);
            for (int n = 0; n < _pmf.Length; n++)
                if (_binOfCount[n] >= 0)
                    probabilities[_binOfCount[n]] += _weight[n] * _pmf[n];
        }
    }
}
