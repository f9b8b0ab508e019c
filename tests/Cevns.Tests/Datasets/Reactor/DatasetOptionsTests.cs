using Cevns.Data;
using Cevns.Datasets;

namespace Cevns.Tests.Datasets.Reactor;

/// <summary>Declared dataset options: defaults, per-run overrides and their checks.</summary>
public class DatasetOptionsTests
{
    private static DatasetDefinition Dresden => DatasetRegistry.Find("dresden-ii-2022");

    [Fact]
    public void DefaultsAreTheDeclaredOnes()
    {
        var o = Dresden.Options;
        Assert.Equal(["quenching", "flux_model", "flux_normalisation", "lindhard_k", "nuclear_model", "migdal", "migdal_max_n"], o.Declared.Select(d => d.Name));
        Assert.Equal("fef", o.Text("quenching"));
        Assert.Equal("hmve", o.Text("flux_model"));
        Assert.Equal(0.162, o.Number("lindhard_k"));
        Assert.Equal("quenching=fef, flux_model=hmve, flux_normalisation=total, lindhard_k=0.162, nuclear_model=element, migdal=off, migdal_max_n=3", o.Summary);
        Assert.True(o.IsDefault("quenching"));
    }

    [Fact]
    public void WithOverridesAndLeavesTheOriginalAlone()
    {
        var d = Dresden.With([new("quenching", "YBe"), new("lindhard_k", "0.2")]);
        Assert.Equal("ybe", d.Options.Text("quenching"));
        Assert.Equal(0.2, d.Options.Number("lindhard_k"));
        Assert.False(d.Options.IsDefault("quenching"));
        Assert.Equal("fef", Dresden.Options.Text("quenching"));
        Assert.Equal(Dresden.Id, d.Id);
        Assert.Same(Dresden.Facts, d.Facts);
    }

    [Theory]
    [InlineData("quench", "fef", "dataset dresden-ii-2022 has no option 'quench' (options: quenching, flux_model, flux_normalisation, lindhard_k, nuclear_model, migdal, migdal_max_n)")]
    [InlineData("quenching", "sodium", "dataset dresden-ii-2022: option quenching: 'sodium' is not allowed (allowed: fef, ybe, lindhard)")]
    [InlineData("lindhard_k", "0.9", "dataset dresden-ii-2022: option lindhard_k: '0.9' is not allowed (allowed: a number in [0.05, 0.4])")]
    [InlineData("lindhard_k", "k", "option lindhard_k: 'k' is not allowed")]
    public void BadOverridesAreOneLineErrors(string name, string value, string message)
    {
        var e = Assert.Throws<DatasetException>(() => Dresden.With([new(name, value)]));
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AssignmentsParse()
    {
        Assert.Equal(new KeyValuePair<string, string>("quenching", "ybe"), DatasetOptions.ParseAssignment(" quenching = ybe "));
        Assert.Throws<DatasetException>(() => DatasetOptions.ParseAssignment("quenching"));
        Assert.Throws<DatasetException>(() => DatasetOptions.ParseAssignment("=ybe"));
    }

    [Theory]
    [InlineData("options:\n  q: { default: a, choices: [a, b], range: [0, 1] }\n", "test.yaml:8: options.q.range: an option has either choices or a range")]
    [InlineData("options:\n  q: { default: c, choices: [a, b] }\n", "test.yaml:8: options.q.default: default 'c' is not allowed (allowed: a, b)")]
    [InlineData("options:\n  k: { default: 2, range: [0, 1] }\n", "options.k.default: default '2' is not allowed (allowed: a number in [0, 1])")]
    [InlineData("options:\n  k: { default: 2, range: [1, 0] }\n", "options.k.range: expected [min, max] with min < max")]
    [InlineData("options:\n  k: { default: 2, ragne: [0, 3] }\n", "options.k.ragne: unknown key")]
    public void MalformedDeclarationsNameFileLineAndKey(string options, string message)
    {
        var yaml = "id: test\nkind: x\ntitle: t\nreference: r\ntarget: Ge\nfiles: {}\n" + options;
        var e = Assert.Throws<DefinitionFileException>(() => DatasetDefinition.Parse("test.yaml", yaml));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void DatasetsWithoutOptionsSayItWhenAsked()
    {
        var def = DatasetRegistry.Find("nugen-2025");
        Assert.Empty(def.Options.Declared);
        var e = Assert.Throws<DatasetException>(() => def.With([new("quenching", "fef")]));
        Assert.Contains("dataset nugen-2025 has no options", e.Message);
    }

    /// <summary>The option reaches the built dataset: Load with options gives the YBe prediction of the reference script.</summary>
    [Fact]
    public void LoadWithOptionsBuildsThatVariant()
    {
        var d = DatasetRegistry.Load("dresden-ii-2022", ReactorTestData.Root, new Dictionary<string, string> { ["quenching"] = "ybe" });
        Assert.Equal("ybe", d.Definition.Options.Text("quenching"));
        var total = d.Predict(Cevns.Physics.PhysicsParameters.StandardModel).SignalTotal;
        Assert.InRange(total / ReactorTestData.DresdenYbeTotal - 1, -2e-4, 2e-4);
    }
}
