using Cevns.Data;
using Cevns.Datasets.Sns;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// The signal channels of an <see cref="SnsEnergyTimeDataset"/> (definition section <c>signals:</c>, optional): which of
/// CEvNS and nu-e scattering are computed, and, when the binning has a PSD axis, how each spreads over it:
/// <code>
/// signals:
///   cevns: { psd: { model: release-pdf, file: &lt;files key&gt;, time: arrival-model | release-pdf } }
///   nu-e: {}
/// </code>
/// Without the section both channels are computed (no PSD axis). CEvNS must be listed. A channel omitted is not part of
/// the prediction or the likelihood (e.g. nu-e scattering that a pulse-shape cut removes). PSD model release-pdf:
/// <see cref="PsdShape"/> from the released 3-D PDF of the signal on the binning's grid; time arrival-model keeps the
/// arrival-time model per species, release-pdf takes the PDF's PSD x time shape.
/// </summary>
internal static class SnsEnergyTimeSignals
{
    public const string Cevns = "cevns", ElectronScattering = "nu-e";
    public const string ReleasePdfModel = "release-pdf", ArrivalModelTime = "arrival-model";

    /// <summary>A declared channel and its PSD shape (null without a PSD axis).</summary>
    public sealed record Channel(string Name, PsdShape? Psd);

    /// <summary>The declared channels in likelihood order (CEvNS first); <paramref name="readBinned"/> reads a files key on the binning.</summary>
    public static IReadOnlyList<Channel> Read(Facts? signals, EnergyTimeBinning binning, Func<string, double[]> readBinned, string datasetId)
    {
        if (signals is null)
        {
            if (binning.Psd is not null)
                throw new DatasetException($"dataset {datasetId}: a binning with a PSD axis needs a signals section giving each channel's psd shape");
            return [new(Cevns, null), new(ElectronScattering, null)];
        }
        signals.AllowOnly(Cevns, ElectronScattering);
        if (!signals.Has(Cevns))
            throw signals.Error(Cevns, "the CEvNS channel must be listed (cevns: { ... })");
        return new[] { Cevns, ElectronScattering }.Where(signals.Has).Select(name => new Channel(name, Psd(signals, name, binning, readBinned))).ToArray();
    }

    private static PsdShape? Psd(Facts signals, string name, EnergyTimeBinning binning, Func<string, double[]> readBinned)
    {
        var c = signals.IsSection(name) ? signals.Section(name) : null;
        c?.AllowOnly("psd");
        var psd = c?.OptionalSection("psd");
        if (binning.Psd is null)
            return psd is null ? null : throw c!.Error("psd", "a psd shape needs a psd axis in bins");
        if (psd is null)
            throw signals.Error(name, $"the binning has a PSD axis ({binning.Psd.Name}): give the channel's psd shape");
        psd.AllowOnly("model", "file", "time");
        var model = psd.String("model");
        if (model != ReleasePdfModel)
            throw psd.Error("model", $"unknown PSD model '{model}' (known: {ReleasePdfModel})");
        var time = psd.String("time");
        if (time is not (ArrivalModelTime or ReleasePdfModel))
            throw psd.Error("time", $"expected '{ArrivalModelTime}' (arrival-time model per species) or '{ReleasePdfModel}' (the PDF's {binning.Psd.Name} x time shape), got '{time}'");
        var file = psd.String("file");
        return psd.Checked("file", () => new PsdShape(binning, readBinned(file), time == ArrivalModelTime, $"{name} PDF {file}"));
    }
}
