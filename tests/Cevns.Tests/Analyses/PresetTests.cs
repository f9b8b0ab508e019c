using Cevns.Analyses;

namespace Cevns.Tests.Analyses;

/// <summary>The shipped presets: every one parses and validates, and they cover the analyses the project promises.</summary>
public sealed class PresetTests
{
    [Fact]
    public void EveryPresetParses()
    {
        Assert.NotEmpty(PresetCatalog.Names);
        foreach (var name in PresetCatalog.Names)
        {
            var a = PresetCatalog.Load(name);
            Assert.Equal(name, a.Name);
            Assert.False(string.IsNullOrWhiteSpace(a.Description), $"preset {name} has no description");
            Assert.NotEmpty(a.Free);
            Assert.NotEmpty(a.Scans);
            Assert.Equal($"src/Cevns/Analyses/Presets/{name}.yaml", a.Origin);
        }
    }

    [Theory]
    [InlineData("sns-flux-normalisation", "flux_norm.sns")]
    [InlineData("data-sm-per-flavour", "norm.e", "norm.mu")]
    [InlineData("sin2-theta-w", "sin2_theta_w")]
    [InlineData("ge-neutron-radius", "rn.Ge")]
    [InlineData("ge-neutron-radius-sin2", "rn.Ge", "sin2_theta_w")]
    [InlineData("charge-radii", "charge_radius.e", "charge_radius.mu")]
    [InlineData("em-magnetic-moments", "magnetic_moment.e", "magnetic_moment.mu")]
    [InlineData("em-millicharges", "millicharge.ee", "millicharge.mumu")]
    [InlineData("em-charge-radii", "charge_radius.e", "charge_radius.mu")]
    [InlineData("light-vector-mediator", "vector_mediator.mass", "vector_mediator.coupling")]
    [InlineData("light-scalar-mediator", "scalar_mediator.mass", "scalar_mediator.coupling")]
    [InlineData("nsi", "nsi.u.ee", "nsi.d.ee")]
    public void PresetFreesWhatItIsAbout(string name, params string[] parameters)
    {
        var a = PresetCatalog.Load(name);
        Assert.Equal(parameters.Order(), a.Free.Select(p => p.Name).Order());
        // Two parameters: a 2D scan overlaying every fit.
        if (parameters.Length == 2)
            Assert.Contains(a.Scans, s => s.Y is not null);
    }

    [Fact]
    public void ElectromagneticPresetsFitEachQuenchingModel()
    {
        foreach (var name in new[] { "em-magnetic-moments", "em-millicharges", "em-charge-radii" })
        {
            var a = PresetCatalog.Load(name);
            var quenching = a.Fits.Select(f => f.Datasets.Select(a.Dataset).Single(d => d.Id == "dresden-ii-2022").Options["quenching"]).ToArray();
            Assert.Equal(["fef", "ybe", "lindhard"], quenching);
        }
    }

    [Fact]
    public void GeRadiusWithSin2HasTheNuEScatteringPrior()
    {
        var prior = Assert.Single(PresetCatalog.Load("ge-neutron-radius-sin2").Priors);
        Assert.Equal(("sin2_theta_w", 0.254, 0.024), (prior.Name, prior.Mean, prior.Sigma));
    }

    /// <summary>
    /// The NSI window is the fit range (no best fit outside the plot) and holds both points where every nucleus sees its
    /// Standard-Model rate: eps = 0 and the sign-flipped weak charge, g_V^p + 2 eps^u + eps^d = -g_V^p and
    /// g_V^n + eps^u + 2 eps^d = -g_V^n (docs/physics.md sec. 2 and 6), solved here by hand: eps^u = (-4 g_V^p + 2 g_V^n) / 3,
    /// eps^d = (2 g_V^p - 4 g_V^n) / 3. The grid step resolves bands ~0.05 wide.
    /// </summary>
    [Fact]
    public void NsiWindowIsTheFitRangeAndHoldsBothDegenerateSolutions()
    {
        var a = PresetCatalog.Load("nsi");
        var scan = Assert.Single(a.Scans);
        double gp = 0.0379, gn = -0.5117;
        var flipped = new Dictionary<string, double> { ["nsi.u.ee"] = (-4 * gp + 2 * gn) / 3, ["nsi.d.ee"] = (2 * gp - 4 * gn) / 3 };
        foreach (var axis in new[] { scan.X, scan.Y! })
        {
            var free = a.Free.Single(p => p.Name == axis.Name);
            Assert.Equal((free.Lower, free.Upper), (axis.Lower, axis.Upper));
            Assert.InRange(0.0, axis.Lower, axis.Upper);
            Assert.InRange(flipped[axis.Name], axis.Lower, axis.Upper);
            Assert.True((axis.Upper - axis.Lower) / (axis.Points - 1) <= 0.02 + 1e-12, $"{axis.Name}: grid step above 0.02");
        }
    }

    [Fact]
    public void UnknownPresetListsTheKnownOnes()
    {
        var e = Assert.Throws<AnalysisFileException>(() => PresetCatalog.LoadAnalysis("preset:nope"));
        Assert.StartsWith("unknown preset 'nope' (presets: ", e.Message);
        Assert.Contains("sin2-theta-w", e.Message);
    }
}
