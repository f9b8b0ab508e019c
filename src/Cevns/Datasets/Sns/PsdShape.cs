namespace Cevns.Datasets.Sns;

/// <summary>
/// How a signal computed in energy bins spreads over the PSD axis (and possibly time) of an <see cref="EnergyTimeBinning"/>
/// with a <see cref="PsdAxis"/>: the shape is taken per energy bin from a released 3-D PDF of the signal on the same grid
/// (the recipe of the CENNS-10 release companion, arXiv:2006.12659 section 5: our CEvNS counts per energy bin, the
/// release's F90 distribution). With <see cref="TimeFromArrivalModel"/> the PSD fraction of energy bin e,
/// f_e(p) = sum_t PDF(e, p, t) / sum_{p,t} PDF(e, p, t), multiplies the time-bin fractions of each neutrino species'
/// arrival-time model: counts(e, p, t) = N_e f_e(p) T_c(t) (prompt nu_mu and delayed nu_e, anti-nu_mu stay separable, and
/// the time window cuts the delayed tail). Otherwise the joint PSD x time shape of the PDF is used for every species,
/// counts(e, p, t) = N_e PDF(e, p, t) / sum_{p,t} PDF(e, p, t) (the companion's recipe; the timing offset does not act).
/// An energy bin where the PDF is empty (above the signal's end point) takes the shape of the nearest bin below with
/// content.
/// </summary>
public sealed class PsdShape
{
    private readonly double[][] _psd;    // [energy][psd], sums to 1 per energy bin
    private readonly double[][] _joint;  // [energy][psd * nT + t], sums to 1 per energy bin

    /// <summary>The released PDF the shape was taken from, in the binning's flat layout (nominal of relative shape systematics).</summary>
    public IReadOnlyList<double> ReleasePdf { get; }
    public bool TimeFromArrivalModel { get; }
    public int EnergyBins => _psd.Length;
    public int PsdBins { get; }
    public int TimeBins { get; }

    /// <param name="pdf">The released PDF over every bin of <paramref name="binning"/> (flat layout).</param>
    /// <param name="what">Name of the PDF for the error message of an empty first energy bin.</param>
    public PsdShape(EnergyTimeBinning binning, IReadOnlyList<double> pdf, bool timeFromArrivalModel, string what)
    {
        if (binning.Psd is null) throw new ArgumentException("a PSD shape needs a binning with a PSD axis", nameof(binning));
        if (pdf.Count != binning.Count) throw new ArgumentException($"{what}: expected {binning.Count} bins, got {pdf.Count}", nameof(pdf));
        ReleasePdf = pdf.ToArray();
        TimeFromArrivalModel = timeFromArrivalModel;
        int ne = binning.EnergyBins, nf = binning.PsdBins, nt = binning.TimeBins, block = nf * nt;
        PsdBins = nf;
        TimeBins = nt;
        _psd = new double[ne][];
        _joint = new double[ne][];
        for (int e = 0; e < ne; e++)
        {
            double sum = 0;
            for (int k = 0; k < block; k++) sum += pdf[e * block + k];
            if (sum <= 0)
            {
                if (e == 0) throw new DatasetException($"{what}: the PDF is empty in the first energy bin");
                _psd[e] = _psd[e - 1];
                _joint[e] = _joint[e - 1];
                continue;
            }
            _psd[e] = new double[nf];
            _joint[e] = new double[block];
            for (int p = 0; p < nf; p++)
                for (int t = 0; t < nt; t++)
                {
                    double v = pdf[e * block + p * nt + t] / sum;
                    _psd[e][p] += v;
                    _joint[e][p * nt + t] = v;
                }
        }
    }

    /// <summary>PSD fractions of energy bin e (summed over time).</summary>
    public IReadOnlyList<double> PsdFractions(int energyBin) => _psd[energyBin];

    /// <summary>
    /// into[e, p, t] += scale N_e x shape: f_e(p) time[t] with <see cref="TimeFromArrivalModel"/>, else the PDF's joint
    /// shape (time is then not used). No allocation.
    /// </summary>
    public void AddSpread(ReadOnlySpan<double> energy, ReadOnlySpan<double> time, double scale, Span<double> into)
    {
        int block = PsdBins * TimeBins;
        if (energy.Length != EnergyBins || time.Length != TimeBins || into.Length != EnergyBins * block)
            throw new ArgumentException($"PSD spread needs {EnergyBins} energy and {TimeBins} time values into {EnergyBins * block} bins");
        for (int e = 0; e < EnergyBins; e++)
        {
            double w = scale * energy[e];
            if (w == 0) continue;
            var row = into.Slice(e * block, block);
            if (TimeFromArrivalModel)
            {
                var f = _psd[e];
                for (int p = 0; p < f.Length; p++)
                {
                    double wp = w * f[p];
                    for (int t = 0; t < TimeBins; t++) row[p * TimeBins + t] += wp * time[t];
                }
            }
            else
            {
                var j = _joint[e];
                for (int k = 0; k < block; k++) row[k] += w * j[k];
            }
        }
    }

    /// <summary>
    /// Per energy bin, the bin weights summed with the shape: byTime[e] = sum_{p,t} w(e, p, t) shape_e(p, t) and, for the
    /// derivative in a timing offset, bySlope[e] = sum_{p,t} w(e, p, t) f_e(p) dT/d offset (0 without the time model).
    /// </summary>
    public void WeightedSums(ReadOnlySpan<double> weights, ReadOnlySpan<double> time, ReadOnlySpan<double> slope, bool withSlope,
        Span<double> byTime, Span<double> bySlope)
    {
        int block = PsdBins * TimeBins;
        for (int e = 0; e < EnergyBins; e++)
        {
            var row = weights.Slice(e * block, block);
            double a = 0, b = 0;
            if (TimeFromArrivalModel)
            {
                var f = _psd[e];
                for (int p = 0; p < f.Length; p++)
                {
                    double at = 0, bt = 0;
                    for (int t = 0; t < TimeBins; t++)
                    {
                        at += row[p * TimeBins + t] * time[t];
                        if (withSlope) bt += row[p * TimeBins + t] * slope[t];
                    }
                    a += f[p] * at;
                    b += f[p] * bt;
                }
            }
            else
            {
                var j = _joint[e];
                for (int k = 0; k < block; k++) a += row[k] * j[k];
            }
            byTime[e] = a;
            bySlope[e] = b;
        }
    }
}
