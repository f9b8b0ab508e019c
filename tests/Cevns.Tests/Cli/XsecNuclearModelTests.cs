using System.Text.Json;
using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Physics.Nuclei;

namespace Cevns.Tests.Cli;

/// <summary>xsec --nuclear-model: the named radius sets reach the cross section and are reported.</summary>
public class XsecNuclearModelTests
{
    [Fact]
    public void NuclearModelIsPassedToTheCrossSectionAndReported()
    {
        var run = CliRunner.Run(CliRunner.Xsec(("--target", "Ge"), ("--flavor", "numu"), ("--enu", "30"), ("--trecoil", "15"),
            ("--nuclear-model", "d1m"), ("--json", null)));
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("d1m", doc.RootElement.GetProperty("nuclear_model").GetString());
        double expected = TargetCrossSection.DifferentialCm2PerKeV(NuclearCatalog.FindTarget("Ge")!, NeutrinoSpecies.NuMu, 30, 15,
            ScatteringChannel.Cevns, PhysicsParameters.StandardModel, CrossSectionOptions.Default with { NuclearRadii = NuclearRadiusModel.D1M });
        Assert.Equal(expected, doc.RootElement.GetProperty("dsigma_dT").GetDouble(), expected * 1e-12);
    }

    [Fact]
    public void UnknownNuclearModelIsAOneLineError()
    {
        var run = CliRunner.Run(CliRunner.Xsec(("--nuclear-model", "hfb")));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--nuclear-model", run.Error);
        Assert.Contains("nsm", run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
    }
}
