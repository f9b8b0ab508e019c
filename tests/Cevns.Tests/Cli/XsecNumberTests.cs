using System.Text.Json;

namespace Cevns.Tests.Cli;

/// <summary>
/// End-to-end numbers of `cevns xsec`. Expected values: tests/Cevns.Tests/Reference/cross_sections.py (independent
/// stdlib-Python implementation of docs/physics.md sections 2-5), case names as in cross_sections.json.
/// </summary>
public class XsecNumberTests
{
    private static double Json(params string[] args)
    {
        var run = CliRunner.Run(args.Append("--json").ToArray());
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("cm^2/keV", doc.RootElement.GetProperty("unit").GetString());
        return doc.RootElement.GetProperty("dsigma_dT").GetDouble();
    }

    [Fact]
    public void StandardModelGe72MatchesReferenceScript()
    {
        // Case "SM Ge72 numu E=10.0 T=0.5": 3.545519777088908e-40 cm^2/keV. By hand: G_F^2 M / pi = 2.9005e-18 MeV^-3,
        // Q = 32 * 0.0297 F_p - 40 * 0.5117 F_n = -19.42, 1 - MT/2E^2 = 0.8326 -> 3.545e-40 cm^2/keV.
        double x = Json("xsec", "--target", "Ge72", "--flavor", "numu", "--enu", "10", "--trecoil", "0.5");
        Assert.Equal(3.545519777088908e-40, x, 3.545519777088908e-40 * 1e-6);
    }

    [Fact]
    public void AboveTheKinematicLimitTheCrossSectionIsZero()
    {
        // T_max = 2E^2/(M + 2E) = 2.98 keV for Ge72 at 10 MeV.
        Assert.Equal(0.0, Json("xsec", "--target", "Ge72", "--flavor", "numu", "--enu", "10", "--trecoil", "8"));
    }

    [Fact]
    public void CsIIsTheSumOfCsAndI()
    {
        string[] common = ["--flavor", "nue", "--enu", "30", "--trecoil", "10"];
        double csi = Json(["xsec", "--target", "CsI", .. common]);
        double cs = Json(["xsec", "--target", "Cs", .. common]);
        double i = Json(["xsec", "--target", "I", .. common]);
        Assert.Equal(cs + i, csi, csi * 1e-12);
    }

    [Fact]
    public void SetParameterChangesTheResult()
    {
        string[] common = ["xsec", "--target", "Ar", "--flavor", "numu", "--enu", "30", "--trecoil", "20"];
        double sm = Json(common);
        double moved = Json([.. common, "--set", "sin2_theta_w=0.3"]);
        // The proton coupling rises with sin^2 falling only; at larger sin^2 |Q_W| grows (g_V^p turns negative), so sigma grows.
        Assert.True(moved > sm);
    }
}
