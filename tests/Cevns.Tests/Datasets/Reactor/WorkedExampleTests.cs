using Cevns.Datasets;
using Cevns.Fitting;
using Cevns.Physics;
using Cevns.Tests.Cli;
using Cevns.Tests.Data;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Datasets.Reactor;

/// <summary>
/// The worked example of the README section "Adding an experiment": a reactor germanium spectrum defined by a YAML file
/// and a CSV only (docs/examples/reactor-ge, ILLUSTRATIVE FAKE data made from the definition's own SM prediction with
/// signal_norm = 1 and a flat background of 1 count per bin per day), loaded from a user folder, predicted and fitted,
/// through the library and through the CLI, without any C# of its own.
/// </summary>
public class WorkedExampleTests
{
    private const string Id = "example-reactor-ge";

    /// <summary>docs/examples/reactor-ge in the repository (the folder holding cevns.slnx above the test assembly).</summary>
    internal static string ExampleFolder()
    {
        var root = Cevns.Data.RepositoryRoot.Above(AppContext.BaseDirectory);
        Assert.NotNull(root);
        return Path.Combine(root, "docs", "examples", "reactor-ge");
    }

    [Fact]
    public void TheExampleLoadsPredictsAndFitsFromYamlAndCsvOnly()
    {
        using (DatasetRegistry.Use(DatasetCatalog.WithFolders([ExampleFolder()])))
        {
            var dataset = DatasetRegistry.Load(Id, SourcesDataRoot.Path);
            var prediction = dataset.Predict(PhysicsParameters.StandardModel);
            Assert.Equal(40, prediction.Bins.Count);
            Assert.True(prediction.SignalTotal > 100, $"SM CEvNS events {prediction.SignalTotal}");
            Assert.NotNull(prediction.Observed);
            // the spectrum is the CSV next to the definition, not a file of the data directory
            Assert.False(File.Exists(Path.Combine(SourcesDataRoot.Path, "spectrum.csv")));

            var fit = JointFit.Create([DatasetLikelihoods.For(dataset)], new FitSpecification { Free = [SignalParameters.SignalNorm] }).Run();
            Assert.True(fit.Converged, fit.Status.ToString());
            double mu = fit.BestFit[SignalParameters.SignalNorm];
            var oneSigma = fit.Intervals[SignalParameters.SignalNorm]["1sigma"];
            double lo = oneSigma.Lower.Value!.Value, hi = oneSigma.Upper.Value!.Value;
            Assert.InRange(mu, lo, hi);
            // the fake data were made with signal_norm = 1: the fit finds it within 3 sigma (not a tuned number)
            Assert.InRange(1.0, mu - 3 * (mu - lo), mu + 3 * (hi - mu));
            Assert.True(hi - lo < 1.0, $"1 sigma interval {lo}-{hi}");
        }
    }

    [Fact]
    public void TheCliPredictsAndFitsTheExampleFromItsFolder()
    {
        var folder = ExampleFolder();
        var predict = CliRunner.Json("predict", "--experiment", Id, "--datasets-dir", folder, "--data-dir", SourcesDataRoot.Path);
        Assert.Equal(Id, predict.GetProperty("experiment").GetString());
        Assert.True(predict.GetProperty("signal_total").GetDouble() > 100);

        var fit = CliRunner.Json("fit", "--experiments", Id, "--free", "signal_norm", "--datasets-dir", folder, "--data-dir", SourcesDataRoot.Path);
        double mu = fit.GetProperty("best_fit").GetProperty("signal_norm").GetDouble();
        Assert.InRange(mu, 0.5, 1.5);

        // the same folder through the environment variable, from another working directory
        var env = new Dictionary<string, string> { ["CEVNS_DATASETS"] = folder, ["CEVNS_DATA"] = SourcesDataRoot.Path };
        var run = CliRunner.Run(["experiments", "--json"], env);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(Id, run.Out);
    }

    /// <summary>spectrum.csv is what its script makes from the definition's own prediction (so the fake data are reproducible).</summary>
    [Cevns.Tests.Serve.Python3Fact]
    public async Task TheFakeSpectrumIsReproducedByItsScript()
    {
        var folder = ExampleFolder();
        var predict = CliRunner.Run(["predict", "--experiment", Id, "--datasets-dir", folder, "--data-dir", SourcesDataRoot.Path, "--json"],
            new Dictionary<string, string>());
        Assert.True(predict.ExitCode == 0, predict.Error);
        using var tree = new TempTree();
        var json = tree.File("prediction.json", predict.Out);
        var outcome = await Cevns.Tests.Scale.CliProcess.RunAsync(Cevns.Tests.Serve.PythonClientTests.Python3!,
            [Path.Combine(folder, "make_fake_spectrum.py"), json], tree.Root, timeoutSeconds: 120);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "spectrum.csv")).ReplaceLineEndings("\n"), outcome.Out.ReplaceLineEndings("\n"));
    }

    /// <summary>A copy of the example in a fresh folder (YAML + CSV side by side) is a new experiment as well.</summary>
    [Fact]
    public void ACopiedFolderIsANewExperiment()
    {
        using var tree = new TempTree();
        var yaml = File.ReadAllText(Path.Combine(ExampleFolder(), $"{Id}.yaml")).Replace($"id: {Id}\n", "id: my-ge\n");
        tree.File("mine/my-ge.yaml", yaml);
        File.Copy(Path.Combine(ExampleFolder(), "spectrum.csv"), Path.Combine(tree.Root, "mine", "spectrum.csv"));
        using (DatasetRegistry.Use(DatasetCatalog.WithFolders([Path.Combine(tree.Root, "mine")])))
        {
            var l = DatasetLikelihoods.Load("my-ge", SourcesDataRoot.Path);
            var fit = JointFit.Create([l], new FitSpecification { Free = [SignalParameters.SignalNorm] }).Minimise();
            Assert.True(fit.Converged, fit.Message);
        }
        // without the CSV next to it the definition names the missing file and both places looked in
        File.Delete(Path.Combine(tree.Root, "mine", "spectrum.csv"));
        using (DatasetRegistry.Use(DatasetCatalog.WithFolders([Path.Combine(tree.Root, "mine")])))
        {
            var e = Assert.Throws<DatasetException>(() => DatasetRegistry.Load("my-ge", SourcesDataRoot.Path));
            Assert.Contains("spectrum.csv", e.Message);
            Assert.Contains("next to the definition", e.Message);
        }
    }
}
