using Cevns.Cli;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Cli;

/// <summary>
/// A free parameter no dataset of the fit reads (rn.Pb with APV on Cs and the direct R_n(Cs)) is held and said to be so by
/// fit, fit --json and scan (which refuses to scan it).
/// </summary>
public class NotConstrainedOutputTests
{
    private static readonly string[] Fit =
        ["--experiments", "apv-cs-1997,cs-neutron-radius-2024", "--free", "sin2_theta_w,rn.Cs,rn.Pb", "--threads", "1", "--data-dir", SourcesDataRoot.Path];

    [Fact]
    public void FitSaysTheParameterIsNotConstrainedAndDoesNotCountIt()
    {
        var run = CliRunner.Run(["fit", .. Fit]);
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Contains("not constrained: rn.Pb: no dataset or prior of this fit reads it; held at 5.74, not varied and not counted in the degrees of freedom", run.Out);
        Assert.Contains("for 0 degrees of freedom", run.Out);
        Assert.Matches(@"rn\.Pb +=  ?5\.74  \(held; not constrained: no dataset or prior of this fit reads rn\.Pb\)", run.Out);
    }

    [Fact]
    public void FitJsonListsItApartFromTheBestFit()
    {
        var json = CliRunner.Json(["fit", .. Fit]);
        Assert.Equal(["sin2_theta_w", "rn.Cs"], json.GetProperty("best_fit").EnumerateObject().Select(p => p.Name));
        Assert.Equal(5.74, json.GetProperty("not_constrained").GetProperty("rn.Pb").GetDouble());
        Assert.Equal(0, json.GetProperty("dof").GetInt32());
        Assert.False(json.GetProperty("intervals").TryGetProperty("rn.Pb", out _));
    }

    [Fact]
    public void ScanOverItIsRefusedWithOneLine()
    {
        var run = CliRunner.Run(["scan", .. Fit, "--param", "rn.Pb=5:6:3", "--out", Path.Combine(Path.GetTempPath(), $"cevns-not-read-{Guid.NewGuid():N}.csv")]);
        Assert.Contains("cannot scan rn.Pb: no dataset or prior of this fit (apv-cs-1997, cs-neutron-radius-2024) reads it", run.AssertOneLineError(ExitCodes.Usage));
    }
}
