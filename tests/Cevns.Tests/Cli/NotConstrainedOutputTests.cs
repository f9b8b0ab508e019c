using Cevns.Cli;
using Cevns.Datasets;
using Cevns.Fitting;
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
    public void AScanOfAnotherParameterSaysItIsHeld()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cevns-held-{Guid.NewGuid():N}.csv");
        try
        {
            var run = CliRunner.Run(["scan", "--experiments", "apv-cs-1997,cs-neutron-radius-2024", "--free", "rn.Cs,rn.Pb", "--param", "sin2_theta_w=0.23:0.24:3",
                "--threads", "1", "--data-dir", SourcesDataRoot.Path, "--out", path]);
            Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
            Assert.Contains("note: rn.Pb held at 5.74: not constrained: no dataset or prior of this fit reads rn.Pb", run.Out);
            var text = File.ReadAllText(path);
            Assert.Contains("# profiled: rn.Cs\n", text);
            Assert.Contains("# not constrained (no dataset or prior of this fit reads them; held, not varied, not counted in dof): rn.Pb=5.74\n", text);
            Assert.Contains("sin2_theta_w,chi2,delta_chi2,converged,rn.Cs\n", text);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Shard files carry the held parameters in their scan description (merge writes the same comment line).</summary>
    [Fact]
    public void TheScanDescriptionKeepsTheHeldParameters()
    {
        var likelihoods = new[] { "apv-cs-1997", "cs-neutron-radius-2024" }.Select(id => DatasetLikelihoods.Load(id, SourcesDataRoot.Path)).ToArray();
        var axes = new[] { ScanAxis.Parse("sin2_theta_w=0.23:0.24:3") };
        var fit = JointFit.Create(likelihoods, ScanAxis.Extend(new FitSpecification { Free = ["rn.Cs", "rn.Pb"] }, axes));
        var d = ScanDescription.Of(fit, axes);
        Assert.Equal([new FixedValue("rn.Pb", 5.74)], d.NotConstrained);
        Assert.Contains("\"not_constrained\":[{\"name\":\"rn.Pb\",\"value\":5.74}]", d.ToJson());
        Assert.Equal(d.NotConstrained, ScanDescription.FromJson(d.ToJson()).NotConstrained);
    }

    [Fact]
    public void ScanOverItIsRefusedWithOneLine()
    {
        var run = CliRunner.Run(["scan", .. Fit, "--param", "rn.Pb=5:6:3", "--out", Path.Combine(Path.GetTempPath(), $"cevns-not-read-{Guid.NewGuid():N}.csv")]);
        Assert.Contains("cannot scan rn.Pb: no dataset or prior of this fit (apv-cs-1997, cs-neutron-radius-2024) reads it", run.AssertOneLineError(ExitCodes.Usage));
    }
}
