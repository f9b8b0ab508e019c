using System.Globalization;
using System.Text.Json.Nodes;
using Cevns.Cli;
using Cevns.Tests.Cli;
using Cevns.Tests.Data;

namespace Cevns.Tests.Serve;

/// <summary>predict --points FILE.csv and --grid name=lo:hi:n[:log]: one row per point, equal to single predictions; bad input named by file:line.</summary>
public class PredictBatchTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["CEVNS_DATA"] = DataTestSupport.Shared };

    private static CliRun Run(params string[] args) => CliRunner.Run(args, Environment);

    private static double SingleSignal(params string[] sets)
    {
        var args = new List<string> { "predict", "--experiment", "coherent-csi-2021", "--json" };
        foreach (var s in sets) args.AddRange(["--set", s]);
        var run = Run(args.ToArray());
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonNode.Parse(run.Out)!["signal_total"]!.GetValue<double>();
    }

    [Fact]
    public void GridRowsEqualSinglePredictionsWithTheLastAxisFastest()
    {
        var run = Run("predict", "--experiment", "coherent-csi-2021", "--grid", "nsi.u.ee=-0.5:0.5:3", "--grid", "nsi.d.ee=0:0.2:2");
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(7, lines.Length);
        var header = lines[0].Split(',');
        Assert.Equal(["nsi.u.ee", "nsi.d.ee", "signal_total"], header[..3]);
        Assert.Contains("observed_total", header);
        double[][] expected = [[-0.5, 0], [-0.5, 0.2], [0, 0], [0, 0.2], [0.5, 0], [0.5, 0.2]];
        for (int k = 0; k < 6; k++)
        {
            var cells = lines[k + 1].Split(',');
            Assert.Equal(header.Length, cells.Length);
            Assert.Equal(expected[k], cells[..2].Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray());
            var single = SingleSignal($"nsi.u.ee={expected[k][0].ToString("R", CultureInfo.InvariantCulture)}",
                $"nsi.d.ee={expected[k][1].ToString("R", CultureInfo.InvariantCulture)}");
            Assert.Equal(single, double.Parse(cells[2], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void LogGridIsGeometricAndJsonGivesOnePredictObjectPerLine()
    {
        var run = Run("predict", "--experiment", "coherent-csi-2021", "--grid", "vector_mediator.mass=1:100:3:log", "--set", "vector_mediator.coupling=1e-5", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        var masses = lines.Select(l => JsonNode.Parse(l)!["parameters"]!["vector_mediator.mass"]!.GetValue<double>()).ToArray();
        Assert.Equal(1, masses[0]);
        Assert.Equal(10, masses[1], 12);
        Assert.Equal(100, masses[2]);
        var single = Run("predict", "--experiment", "coherent-csi-2021", "--set", "vector_mediator.coupling=1e-5", "--set", "vector_mediator.mass=100", "--json");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(single.Out), JsonNode.Parse(lines[2])));
    }

    [Fact]
    public void PointsFileRowsEqualSinglePredictions()
    {
        using var tree = new TempTree();
        var file = tree.File("points.csv", "# NSI points\nnsi.u.ee, nsi.d.ee\n0.1,0\n\n-0.2, 0.05\n");
        var run = Run("predict", "--experiment", "coherent-csi-2021", "--points", file);
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(SingleSignal("nsi.u.ee=0.1"), double.Parse(lines[1].Split(',')[2], CultureInfo.InvariantCulture));
        Assert.Equal(SingleSignal("nsi.u.ee=-0.2", "nsi.d.ee=0.05"), double.Parse(lines[2].Split(',')[2], CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("nsi.u.ee,nsi.x.ee\n0,0\n", "points.csv:1: unknown parameter 'nsi.x.ee' in the header")]
    [InlineData("nsi.u.ee\n0.1\nabc\n", "points.csv:3: column 'nsi.u.ee': 'abc' is not a finite number")]
    [InlineData("nsi.u.ee,nsi.d.ee\n0.1\n", "points.csv:2: expected 2 value(s) (nsi.u.ee, nsi.d.ee), got 1")]
    [InlineData("nsi.u.ee\n0.1\n500\n", "points.csv:3: parameter 'nsi.u.ee' = 500 is outside its allowed range")]
    [InlineData("nsi.u.ee,nsi.u.ee\n1,1\n", "points.csv:1: parameter 'nsi.u.ee' appears twice in the header")]
    [InlineData("nsi.u.ee\n", "points.csv: no points after the header line")]
    [InlineData("", "points.csv: empty")]
    public void BadPointsFilesAreOneLineNamingFileAndLine(string content, string expected)
    {
        using var tree = new TempTree();
        tree.File("points.csv", content);
        var run = CliRunner.Run(["predict", "--experiment", "coherent-csi-2021", "--points", "points.csv"], Environment, currentDirectory: tree.Root);
        var line = run.AssertOneLineError(ExitCodes.Usage);
        Assert.Contains(expected, line);
    }

    [Theory]
    [InlineData("nsi.u.ee=0:1", "expected name=lo:hi:n or name=lo:hi:n:log")]
    [InlineData("nsi.q.ee=0:1:3", "unknown parameter 'nsi.q.ee'")]
    [InlineData("nsi.u.ee=1:0:3", "the lower end must be below the upper end")]
    [InlineData("nsi.u.ee=0:1:x", "number of points 'x' must be a whole number >= 1")]
    [InlineData("nsi.u.ee=-1:1:3:log", "a logarithmic grid needs lo > 0")]
    [InlineData("nsi.u.ee=0:1:3:lin", "the fourth field must be 'log'")]
    [InlineData("nsi.u.ee=0:500:3", "--grid point 2: parameter 'nsi.u.ee' = 250 is outside its allowed range")]
    public void BadGridsAreOneLineErrors(string grid, string expected)
    {
        var run = Run("predict", "--experiment", "coherent-csi-2021", "--grid", grid);
        Assert.Contains(expected, run.AssertOneLineError(ExitCodes.Usage));
    }

    [Fact]
    public void PointsAndGridTogetherAreRejected()
    {
        using var tree = new TempTree();
        var file = tree.File("p.csv", "nsi.u.ee\n0\n");
        var run = Run("predict", "--experiment", "coherent-csi-2021", "--points", file, "--grid", "nsi.d.ee=0:1:2");
        Assert.Contains("cannot be combined", run.AssertOneLineError(ExitCodes.Usage));
    }
}
