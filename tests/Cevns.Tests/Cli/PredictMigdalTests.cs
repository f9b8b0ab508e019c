using System.Text.Json;

namespace Cevns.Tests.Cli;

/// <summary>predict shows the Migdal channel as its own component: migdal_total, migdal_by_shell, and per bin migdal.</summary>
public class PredictMigdalTests
{
    private static JsonElement Json(params string[] args) => CliRunner.Json(args);

    [Fact]
    public void JsonCarriesTheMigdalComponentPerBinAndPerShell()
    {
        var j = Json("predict", "--experiment", "dresden-ii-2022", "--option", "quenching=lindhard", "--option", "migdal=on");
        double total = j.GetProperty("migdal_total").GetDouble();
        Assert.InRange(total, 10.0, 10.3);   // MigdalDresdenTests: 10.106 from the independent reference
        double perBin = j.GetProperty("bins").EnumerateArray().Sum(b => b.GetProperty("migdal").EnumerateObject().Sum(x => x.Value.GetDouble()));
        Assert.Equal(total, perBin, 1e-9 * total);
        var shells = j.GetProperty("migdal_by_shell").EnumerateObject().ToDictionary(x => x.Name, x => x.Value.GetDouble());
        Assert.Equal(["1s", "2s", "2p", "3s", "3p", "3d"], shells.Keys);
        Assert.Equal(total, shells.Values.Sum(), 1e-9 * total);
    }

    [Fact]
    public void ChannelOffGivesZero()
    {
        var j = Json("predict", "--experiment", "dresden-ii-2022");
        Assert.Equal(0, j.GetProperty("migdal_total").GetDouble());
    }

    [Fact]
    public void UnknownOptionValueIsAOneLineError()
    {
        var run = CliRunner.Run(["predict", "--experiment", "dresden-ii-2022", "--option", "migdal=maybe"]);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("migdal", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }
}
