using Cevns.Data;
using Cevns.Datasets;
using Cevns.Tests.Data;

namespace Cevns.Tests.Datasets.CsI;

/// <summary>
/// Missing or corrupted release files: copies of coherent/csi-2021 and csi-2017 in a temporary data directory (never
/// the repository's data/) with one file damaged; loading must fail with one line naming the file, the line and what was expected.
/// </summary>
public class CsIMalformedFileTests
{
    private static string CopyData(TempTree tmp)
    {
        foreach (var folder in new[] { "coherent/csi-2021", "coherent/csi-2017" })
        {
            var target = tmp.Folder("data/" + folder);
            foreach (var file in Directory.GetFiles(Path.Combine(CsIData.Root, folder)))
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        return Path.Combine(tmp.Root, "data");
    }

    private static string ReplaceLine(string path, int line, string text)
    {
        var lines = File.ReadAllLines(path);
        lines[line - 1] = text;
        File.WriteAllLines(path, lines);
        return path;
    }

    private static Exception LoadFails(string id, string dataDir)
    {
        var e = Record.Exception(() => DatasetRegistry.Load(id, dataDir));
        Assert.NotNull(e);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        using var tmp = new TempTree();
        var dir = CopyData(tmp);
        File.Delete(Path.Combine(dir, "coherent/csi-2021/ninTrec.txt"));
        var e = Assert.IsType<DatasetException>(LoadFails("coherent-csi-2021", dir));
        Assert.Contains("coherent/csi-2021/ninTrec.txt", e.Message);
        Assert.Contains("nin_time", e.Message);
    }

    [Fact]
    public void CorruptEventLineIsNamedWithItsLineNumber()
    {
        using var tmp = new TempTree();
        var dir = CopyData(tmp);
        var path = ReplaceLine(Path.Combine(dir, "coherent/csi-2021/dataBeamOnC.txt"), 10, "12.5 abc");
        var e = Assert.IsType<DataFileException>(LoadFails("coherent-csi-2021", dir));
        Assert.StartsWith($"{path}:10: expected a number in column 2", e.Message);
        Assert.Contains("abc", e.Message);
    }

    [Fact]
    public void BrokenBackgroundProjectionIsNamed()
    {
        using var tmp = new TempTree();
        var dir = CopyData(tmp);
        var path = ReplaceLine(Path.Combine(dir, "coherent/csi-2021/brnTrec.txt"), 100, "0.7 0.1");
        var e = Assert.IsType<DataFileException>(LoadFails("coherent-csi-2021", dir));
        Assert.StartsWith($"{path}:100: bin centres must be uniformly spaced", e.Message);
        ReplaceLine(path, 100, "0.745 -0.1");
        e = Assert.IsType<DataFileException>(LoadFails("coherent-csi-2021", dir));
        Assert.StartsWith($"{path}:100: content must be >= 0", e.Message);
    }

    [Fact]
    public void BrokenEfficiencyRowIsNamed()
    {
        using var tmp = new TempTree();
        var dir = CopyData(tmp);
        var path = ReplaceLine(Path.Combine(dir, "coherent/csi-2021/effCoefficients.txt"), 7, "1.32045  0.285979 10.8646");
        var e = Assert.IsType<DataFileException>(LoadFails("coherent-csi-2021", dir));
        Assert.StartsWith($"{path}:7: expected 4 columns", e.Message);
        Assert.Contains("found 3", e.Message);
    }

    [Fact]
    public void MissingBinIn2017CountsIsNamed()
    {
        using var tmp = new TempTree();
        var dir = CopyData(tmp);
        var path = Path.Combine(dir, "coherent/csi-2017/data_coincidence_beamOn.txt");
        var lines = File.ReadAllLines(path).ToList();
        lines.RemoveAt(5);
        File.WriteAllLines(path, lines);
        var e = Assert.IsType<DataFileException>(LoadFails("coherent-csi-2017", dir));
        Assert.StartsWith($"{path}: no row for the bin energy 0-2 PE x time 2.5-3 us", e.Message);
    }

    [Fact]
    public void NonNumeric2017PromptSpectrumIsNamed()
    {
        using var tmp = new TempTree();
        var dir = CopyData(tmp);
        var path = ReplaceLine(Path.Combine(dir, "coherent/csi-2017/promptPDF.txt"), 9, "2.5, x");
        var e = Assert.IsType<DataFileException>(LoadFails("coherent-csi-2017", dir));
        Assert.StartsWith($"{path}:9:", e.Message);
    }

    [Fact]
    public void OptionValuesOutsideTheDeclaredChoicesAreRejected()
    {
        var def = DatasetRegistry.Find("coherent-csi-2021");
        var e = Assert.Throws<DatasetException>(() => def.With([new("steady_state_shape", "wobbly")]));
        Assert.Equal("dataset coherent-csi-2021: option steady_state_shape: 'wobbly' is not allowed (allowed: timing-efficiency, flat, factorised, binned)", e.Message);
        Assert.Throws<DatasetException>(() => def.With([new("quenching", "model7")]));
    }

    [Fact]
    public void ChosenQuenchingRowMissingFromTheReleaseFileIsNamed()
    {
        using var tmp = new TempTree();
        var dir = CopyData(tmp);
        ReplaceLine(Path.Combine(dir, "coherent/csi-2021/scintRespCoefficients.txt"), 16, "# Syst model 2, -1 sigma");
        var def = DatasetRegistry.Find("coherent-csi-2021").With([new("quenching", "model1-1sigma")]);
        var e = Assert.Throws<DatasetException>(() => Cevns.Datasets.Kinds.SnsEnergyTimeDataset.Load(def, dir));
        Assert.Equal("dataset coherent-csi-2021: option quenching: no row 'model1-1sigma' in the release file (rows: nominal, model0+1sigma, model0-1sigma, model1+1sigma, model2-1sigma)", e.Message);
    }

    [Fact]
    public void TimingSectionMayNotRestateTheModelOption()
    {
        var def = ShippedDefinition.With("coherent-csi-2021", "timing: { pulse_mean_ns: 440", "timing: { model: pulsed-decay, pulse_mean_ns: 440");
        var e = Assert.Throws<DefinitionFileException>(() => Cevns.Datasets.Kinds.SnsEnergyTimeDataset.Load(def, CsIData.Root));
        Assert.Matches(@"coherent-csi-2021\.yaml:\d+: source\.timing\.model: the arrival-time model is a dataset option", e.Message);
    }
}
