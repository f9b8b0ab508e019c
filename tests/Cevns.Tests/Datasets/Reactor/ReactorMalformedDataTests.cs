using Cevns.Data;
using Cevns.Datasets;

namespace Cevns.Tests.Datasets.Reactor;

/// <summary>Missing or corrupted copies of the reactor data (in a temporary tree) fail with the file, the line and what was expected.</summary>
public class ReactorMalformedDataTests
{
    private static void Corrupt(string root, string relative, Func<string[], string[]> edit)
    {
        var path = Path.Combine(root, relative);
        File.WriteAllLines(path, edit(File.ReadAllLines(path)));
    }

    private static Exception LoadFails(string id, string root) =>
        Assert.ThrowsAny<Exception>(() => DatasetRegistry.Load(id, root).Predict(Cevns.Physics.PhysicsParameters.StandardModel));

    [Theory]
    [InlineData(4, "0.23500 89.250 abc 32.014 8.3887", "data_release.txt:4:")]
    [InlineData(4, "0.23500 89.250 9.7672 32.014", "data_release.txt:4:")]
    [InlineData(4, "0.23600 89.250 9.7672 32.014 8.3887", "data_release.txt:4: bin centre 0.236 keVee: expected the previous centre + 0.01 keVee")]
    [InlineData(4, "0.23500 89.250 0 32.014 8.3887", "data_release.txt:4: column 3 (error of the ON rate) must be > 0")]
    [InlineData(4, "0.23500 -89.250 9.7672 32.014 8.3887", "data_release.txt:4:")]
    public void CorruptedSpectrumNamesFileAndLine(int line, string replacement, string message)
    {
        using var tree = ReactorTestData.CopyReactorData();
        Corrupt(tree.Root, "reactor/dresden-ii/data_release.txt", l => { l[line - 1] = replacement; return l; });
        var e = LoadFails("dresden-ii-2022", tree.Root);
        Assert.IsType<DataFileException>(e);
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void MissingParameterTableEntryNamesDefinitionAndTable()
    {
        using var tree = ReactorTestData.CopyReactorData();
        Corrupt(tree.Root, "reactor/dresden-ii/dresden_ii_background_model_params.csv", l => l.Where(x => !x.StartsWith("detector_mass,")).ToArray());
        var e = LoadFails("dresden-ii-2022", tree.Root);
        Assert.IsType<DefinitionFileException>(e);
        Assert.Matches(@"^Datasets/Definitions/dresden-ii-2022\.yaml:\d+: detector\.mass_kg: refers to 'detector_mass', which .*dresden_ii_background_model_params\.csv does not contain$", e.Message);
    }

    [Fact]
    public void NonNumericParameterNamesTheTableLine()
    {
        using var tree = ReactorTestData.CopyReactorData();
        var path = "reactor/dresden-ii/dresden_ii_background_model_params.csv";
        int line = Array.FindIndex(File.ReadAllLines(Path.Combine(tree.Root, path)), x => x.StartsWith("antineutrino_flux,")) + 1;
        Corrupt(tree.Root, path, l => l.Select(x => x.StartsWith("antineutrino_flux,") ? "antineutrino_flux,4.8e13x,cm^-2 s^-1,broken" : x).ToArray());
        var e = LoadFails("dresden-ii-2022", tree.Root);
        Assert.IsType<DataFileException>(e);
        Assert.Contains($"dresden_ii_background_model_params.csv:{line}: antineutrino_flux: expected a finite number in column 2", e.Message);
    }

    [Fact]
    public void WrongUnitInTheTableIsAnError()
    {
        using var tree = ReactorTestData.CopyReactorData();
        Corrupt(tree.Root, "reactor/dresden-ii/dresden_ii_background_model_params.csv",
            l => l.Select(x => x.StartsWith("resolution_sigma_noise,") ? "resolution_sigma_noise,68.5,eVee,in eV" : x).ToArray());
        var e = LoadFails("dresden-ii-2022", tree.Root);
        Assert.Contains("resolution_sigma_noise: expected unit 'keVee'", e.Message);
    }

    [Fact]
    public void MissingDataFileNamesTheFile()
    {
        using var tree = ReactorTestData.CopyReactorData();
        File.Delete(Path.Combine(tree.Root, "reactor/dresden-ii/data_release.txt"));
        var e = LoadFails("dresden-ii-2022", tree.Root);
        Assert.IsType<DatasetException>(e);
        Assert.Contains("data file 'reactor/dresden-ii/data_release.txt' (spectrum) not found", e.Message);
    }

    [Fact]
    public void CorruptedSummaryOfARateOnlyDatasetNamesTheLine()
    {
        using var tree = ReactorTestData.CopyReactorData();
        var path = "reactor/conus-plus/conus_plus_run1_summary.csv";
        int line = Array.FindIndex(File.ReadAllLines(Path.Combine(tree.Root, path)), x => x.StartsWith("observed_CEvNS_events,")) + 1;
        Corrupt(tree.Root, path, l => l.Select(x => x.StartsWith("observed_CEvNS_events,") ? "observed_CEvNS_events,about 400,events,x" : x).ToArray());
        var e = LoadFails("conus-plus-2025", tree.Root);
        Assert.IsType<DataFileException>(e);
        Assert.Contains($"conus_plus_run1_summary.csv:{line}: observed_CEvNS_events: expected a finite number in column 2", e.Message);
    }

    [Fact]
    public void TableWithoutHeaderIsRejected()
    {
        using var tree = ReactorTestData.CopyReactorData();
        Corrupt(tree.Root, "reactor/texono/texono_2024_summary.csv", l => l.Where(x => !x.StartsWith("quantity,")).ToArray());
        var e = LoadFails("texono-2024", tree.Root);
        Assert.IsType<DataFileException>(e);
        Assert.Contains("texono_2024_summary.csv:3: expected the header line", e.Message);
    }
}
