using Cevns.Analyses;
using Cevns.Analyses.Figures;
using Cevns.Datasets;
using Cevns.Physics;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Analyses;

/// <summary>figures.migdal_shells in analysis files and the figure it draws.</summary>
public class MigdalFigureSpecTests
{
    private const string Head = """
        title: t
        datasets:
          a: { id: dresden-ii-2022, options: { quenching: lindhard, migdal: "on" } }
          b: { id: dresden-ii-2022, options: { quenching: lindhard } }
        fits:
          fa: [a]
          fb: [b]
        """;

    private static AnalysisFile Parse(string figures) => AnalysisFileParser.Parse("test.yaml", "test", Head + "\nfigures:\n" + figures);

    [Fact]
    public void LabelsWithTheChannelOnAreAccepted() =>
        Assert.Equal(["a"], Parse("  migdal_shells: [a]\n").Figures.MigdalShells);

    [Theory]
    [InlineData("  migdal_shells: [b]\n", "needs options: { migdal: \"on\" }")]
    [InlineData("  migdal_shells: [c]\n", "unknown dataset 'c'")]
    public void OtherLabelsAreOneLineErrors(string figures, string message)
    {
        var e = Assert.ThrowsAny<Exception>(() => Parse(figures));
        Assert.Contains(message, e.Message);
        Assert.Contains("test.yaml", e.Message);
    }

    [Fact]
    public void FigureDataHoldTheComponentsOfThePrediction()
    {
        var p = DatasetRegistry.Load("dresden-ii-2022", SourcesDataRoot.Path, [new("quenching", "lindhard"), new("migdal", "on")])
            .Predict(PhysicsParameters.StandardModel);
        var f = MigdalShellFigure.Build("m", "a", p);
        var csv = f.Data.Single();
        Assert.Equal("m.csv", csv.FileName);
        Assert.Throws<ArgumentException>(() => MigdalShellFigure.Build("m", "b",
            DatasetRegistry.Load("dresden-ii-2022", SourcesDataRoot.Path, [new("quenching", "lindhard")]).Predict(PhysicsParameters.StandardModel)));
    }
}
