using System.Globalization;
using Cevns.Datasets.Kinds;
using Cevns.Datasets.Sns;
using Cevns.Physics;

namespace Cevns.Tests.Datasets.CsI;

/// <summary>
/// coherent-csi-2017 predictions against an independent brute-force integration (Reference/csi2017_prediction.py, SCALE=2
/// numbers), the Science 2017 numbers, and the release files read directly.
/// </summary>
public class CoherentCsI2017Tests
{
    private static readonly PhysicsParameters Sm = PhysicsParameters.StandardModel;
    private static SnsEnergyTimeDataset D => CsIData.Csi2017;

    [Fact]
    public void ExposureInGWhIsConvertedWithTheRunsProtonEnergy()
    {
        // 7.47594 GWh x 3.6e12 J/GWh / (0.954 GeV x 1.602176634e-10 J/GeV) = 2.691338e13 J / 1.528476e-10 J = 1.760798e23,
        // the 1.76e23 POT of Science 357, 1123.
        Assert.Equal(1.760798e23, D.Source.ProtonsOnTarget, 1.760798e23 * 1e-6);
        Assert.Equal(1.76e23, D.Source.ProtonsOnTarget, 1.76e23 * 5e-4);
        Assert.Equal(1.760798e23, SnsSource.ProtonsFromBeamEnergy(7.47594, 0.954), 1e17);
    }

    [Fact]
    public void SmCevnsMatchesTheIndependentReference()
    {
        // csi2017_prediction.py (6 <= PE < 30, t < 6 us): numu 34.834424, nue 53.935284, numubar 80.300476, total 169.070184.
        var p = D.Predict(Sm);
        Assert.Equal(34.834424, p.CevnsTotalBySpecies[NeutrinoSpecies.NuMu], 34.8 * 1e-4);
        Assert.Equal(53.935284, p.CevnsTotalBySpecies[NeutrinoSpecies.NuE], 53.9 * 1e-4);
        Assert.Equal(80.300476, p.CevnsTotalBySpecies[NeutrinoSpecies.NuMuBar], 80.3 * 1e-4);
        Assert.Equal(169.070184, p.SignalTotal, 169.1 * 1e-4);
        // PE projection of nu_e (all times up to 6 us), bins 6-8 ... 28-30 PE
        double[] nue = [3.03164, 5.18664, 7.28807, 8.12249, 7.52059, 6.25259, 4.93308, 3.79419, 2.87573, 2.15578, 1.59973, 1.17476];
        for (int k = 0; k < nue.Length; k++)
        {
            int e = k + 3;
            double got = Enumerable.Range(0, 12).Sum(t => p.Cevns[NeutrinoSpecies.NuE][D.Binning.Index(e, t)]);
            Assert.True(Math.Abs(got - nue[k]) < 2e-4 * nue[k], $"nue PE bin {e}: {got} vs {nue[k]}");
        }
    }

    [Fact]
    public void SmPredictionAgreesWithTheScienceNumber()
    {
        // Science 357, 1123: SM prediction 173 +- 48 events. Here 169.1 in 6 <= PE < 30, t < 6 us with the release's own
        // QF, light yield, acceptance, flux and arrival times, so only the form-factor modelling differs: tolerance 5 %
        // (the published +-48 is dominated by the QF (19 %) and flux (10 %) errors, common to both). The full release window
        // (0-50 PE, 0-12 us) would give 194, 12 % above, which is why it is not the published region.
        var p = D.Predict(Sm);
        Assert.InRange(p.SignalTotal / D.Published.SmCevns - 1, -0.05, 0.05);
        Assert.InRange(p.SignalTotal - D.Published.SmCevns, -D.Published.SmTotalError, D.Published.SmTotalError);
    }

    [Fact]
    public void PromptNeutronsAreTheReleaseSpectrumTimesExposureAndAcceptance()
    {
        // By hand: sum over 1-PE bins [m, m+1), 6 <= m < 30, of promptPDF x 7.47594 GWh x f(m + 0.5), f the acceptance
        // (a = 0.6655, k = 0.4942, x0 = 10.8507, H = 1 from 6 PE), times the neutron time PDF summed over t < 6 us.
        double pe = 0;
        foreach (var (x, v) in CsIData.Rows("coherent/csi-2017/promptPDF.txt"))
            if (x >= 6 && x < 30)
                pe += v * 7.47594 * 0.6655 / (1 + Math.Exp(-0.4942 * (x - 10.8507)));
        double time = CsIData.Rows("coherent/csi-2017/arrivalTimePDF_promptNeutrons.txt").Where(r => r.X < 6).Sum(r => r.V);
        Assert.Equal(pe * time, D.Predict(Sm).BackgroundTotals["prompt-neutrons"], 1e-9);
    }

    [Fact]
    public void SteadyStateIsTheAntiCoincidenceCountWithItsOwnTimeShape()
    {
        var ac = Rows3("coherent/csi-2017/data_anticoincidence_beamOn.txt").ToArray();
        double inRegion = ac.Where(r => r.Pe > 6 && r.Pe < 30 && r.T < 6).Sum(r => r.N);
        Assert.Equal(405, inRegion);
        Assert.Equal(inRegion, D.BackgroundTerms[0].SampleInRegion);
        // factorised: (AC in PE bin e, all times) x (AC in time bin t, all PE) / (AC total)
        double total = ac.Sum(r => r.N);
        double pe12 = ac.Where(r => r.Pe == 13).Sum(r => r.N), t05 = ac.Where(r => r.T == 0.75).Sum(r => r.N);
        Assert.Equal(pe12 * t05 / total, D.Backgrounds["steady-state"][D.Binning.Index(6, 1)], 1e-9);
    }

    [Fact]
    public void ObservedCountsAreTheReleaseCoincidenceCounts()
    {
        var c = Rows3("coherent/csi-2017/data_coincidence_beamOn.txt").ToArray();
        Assert.Equal(1207, c.Sum(r => r.N));
        var p = D.Predict(Sm);
        Assert.Equal(547, p.ObservedTotal);
        Assert.Equal(144, p.InAnalysis.Count(b => b));
    }

    [Fact]
    public void ElectronScatteringIsComputedAndNegligible()
    {
        // Electron recoils are not quenched: PE < 30 means T_e below ~2.5 keV, a ~1e-4 corner of a spectrum that extends
        // to 50 MeV; the total is of order 1e-5 events (2021: 7.4e-5 below 60 PE, checked against the Python reference).
        double es = D.Predict(Sm).ElectronScatteringTotal;
        Assert.InRange(es, 1e-7, 1e-3);
    }

    private static IEnumerable<(double Pe, double T, double N)> Rows3(string relative)
    {
        foreach (var line in File.ReadLines(Path.Combine(CsIData.Root, relative)))
        {
            var f = line.Split(',', StringSplitOptions.TrimEntries);
            if (f.Length != 3 || !double.TryParse(f[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var pe)) continue;
            yield return (pe, double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture));
        }
    }
}
