using Cevns.Analyses;
using Cevns.Analyses.Reports;
using Cevns.Data;

namespace Cevns.Tests.Analyses;

/// <summary>
/// results.json byte for byte: the synthetic analysis of <see cref="AnalysisRunnerTests"/> (1D and 2D scans, three
/// fits, nuisances), with a figure and a note, must give exactly Reference/results_pin.json. The fixture was written
/// by the field-by-field writer; it pins property names, order, indentation, number formatting (shortest round-trip)
/// and nulls for missing or non-finite numbers, so that any change of the writer shows up as a diff here.
/// </summary>
public sealed class ResultsJsonPinTests
{
    private static string FixturePath => Path.Combine(AppContext.BaseDirectory, "Reference", "results_pin.json");

    internal static string Build()
    {
        var file = AnalysisFileParser.Parse("synthetic.yaml", "synthetic", AnalysisRunnerTests.Analysis.Replace("tables:",
            "priors:\n  norm.mu: { mean: 1.0, sigma: 0.5, source: \"a test prior\" }\ntables:"));
        var r = new AnalysisRunner(new GaussianBackend()) { Threads = 1 }.Run(file, "/nowhere", "pin-version");
        return ResultsJson.Build(r,
            [new RenderedFigure("spectrum_A", "Spectrum of A \"quoted\" <&> µ", ["spectrum_A.csv", "spectrum_A.py", "spectrum_A.pdf"])],
            ["a note", "another note with unicode: χ²"]);
    }

    [Fact]
    public void ResultsJsonIsTheStoredTextByteForByte()
    {
        var actual = Build();
        Assert.Equal(File.ReadAllText(FixturePath), actual);
    }
}

/// <summary>Numbers in results.json: shortest round-trip text as Utf8JsonWriter writes it, null for NaN and infinities.</summary>
public sealed class FiniteOrNullConverterTests
{
    private static readonly System.Text.Json.JsonSerializerOptions Options = new() { Converters = { new FiniteOrNullConverter() } };

    [Theory]
    [InlineData(double.NaN, "null")]
    [InlineData(double.PositiveInfinity, "null")]
    [InlineData(double.NegativeInfinity, "null")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.158712105762155E-21, "1.158712105762155E-21")]
    [InlineData(1.0, "1")]
    public void WritesFiniteNumbersAndNullOtherwise(double value, string expected)
    {
        Assert.Equal(expected, System.Text.Json.JsonSerializer.Serialize(value, Options));
        Assert.Equal(expected, System.Text.Json.JsonSerializer.Serialize<double?>(value, Options));
        Assert.Equal("null", System.Text.Json.JsonSerializer.Serialize<double?>(null, Options));
    }
}
