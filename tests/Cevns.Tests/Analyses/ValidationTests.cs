using System.Text.Json;
using System.Text.RegularExpressions;
using Cevns.Analyses;
using Cevns.Analyses.Validation;
using Cevns.Tests.Cli;
using Cevns.Tests.Detectors;

namespace Cevns.Tests.Analyses;

/// <summary>
/// 'cevns validate': the shipped entries parse, the quick subset is computed with the real datasets (structure and that
/// numbers come out, not that they agree), the report is reproducible, and a malformed entry is one line naming
/// file:line:key.
/// </summary>
public sealed class ValidationTests
{
    private static readonly Lazy<IReadOnlyList<ValidationOutcome>> Quick = new(() =>
        new ValidationRunner(DetectorTestData.Root).Run(ValidationCatalog.Select(ValidationCatalog.Load(), [], quick: true)));

    [Fact]
    public void ShippedEntriesParseWithReferencesSetupsAndAQuickSubset()
    {
        var entries = ValidationCatalog.Load();
        Assert.True(entries.Count >= 10);
        Assert.All(entries, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Reference));
            Assert.False(string.IsNullOrWhiteSpace(e.Setup));
            Assert.True(e.Compute is not null ^ e.NotReproducible is not null, e.Id);
        });
        Assert.Contains(entries, e => e.Fast);
        Assert.Equal(entries.Count, entries.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void CsI2021StandardModelPredictionIsComputedNextToThePublished333()
    {
        var o = Quick.Value.Single(x => x.Entry.Id == "csi2021-sm-events");
        Assert.Equal(333, o.Entry.Published.Central);
        // docs/physics.md sec. 10: 333 +- 11 (th) +- 42 (exp); the dataset tests pin 331.1 (independent Python integration).
        Assert.InRange(o.Ours!.Value, 300, 360);
        Assert.Equal(o.Ours.Value / 333, o.Ratio!.Value, 12);
        Assert.Equal(Math.Abs(o.Ours.Value - 333) / 43.4, o.Pull!.Value, 12);
        Assert.Equal(o.Pull <= 1 ? ValidationStatus.Agrees : ValidationStatus.Disagrees, o.Status);
    }

    [Fact]
    public void QuickSubsetGivesANumberOrAReasonNeverBoth()
    {
        var outcomes = Quick.Value;
        Assert.Equal(ValidationCatalog.Load().Count(e => e.Fast), outcomes.Count);
        foreach (var o in outcomes)
        {
            bool hasNumber = o.Ours is not null || o.OursLower is not null;
            switch (o.Status)
            {
                case ValidationStatus.DataMissing or ValidationStatus.NotConverged or ValidationStatus.EndUnknown or ValidationStatus.NotReproducible:
                    Assert.False(hasNumber, o.Entry.Id);
                    Assert.False(string.IsNullOrWhiteSpace(o.Reason), o.Entry.Id);
                    break;
                default:
                    Assert.True(hasNumber, o.Entry.Id);
                    Assert.True(double.IsFinite(o.Ours ?? o.OursLower!.Value), o.Entry.Id);
                    break;
            }
        }
        // A fitted count comes with its profiled errors; the Ge-Mini counts are not public, so no number there.
        var csiFit = outcomes.Single(x => x.Entry.Id == "csi2021-fitted-events");
        Assert.True(csiFit.OursErrorMinus > 0 && csiFit.OursErrorPlus > 0);
        var gemini = outcomes.Single(x => x.Entry.Id == "gemini-fitted-events");
        if (!File.Exists(DetectorTestData.PathOf("coherent/ge-mini-2024/gemini_on_off_counts.txt")))
            Assert.Equal(ValidationStatus.DataMissing, gemini.Status);
        // No machine-specific path in a reason.
        Assert.All(outcomes.Where(o => o.Reason is not null), o => Assert.DoesNotContain(DetectorTestData.Root, o.Reason!));
    }

    [Fact]
    public void PValueIsTheChiSquareTailOfTheDeltaChi2()
    {
        var o = Quick.Value.Single(x => x.Entry.Id == "dresden-ii-cevns-p-value");
        Assert.NotNull(o.Ours);
        var note = o.Notes.Single(n => n.Contains("Delta chi2 = "));
        double delta = double.Parse(Regex.Match(note, @"Delta chi2 = ([0-9.eE+-]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        // P(chi2_1 > d) = erfc(sqrt(d/2)); the note rounds Delta chi2 to 4 digits.
        Assert.Equal(MathNet.Numerics.SpecialFunctions.Erfc(Math.Sqrt(delta / 2)), o.Ours!.Value, 2e-3 * o.Ours.Value + 1e-12);
        Assert.Equal(o.Ours < 1.2e-3 ? ValidationStatus.Agrees : ValidationStatus.Disagrees, o.Status);
    }

    [Fact]
    public void ReportIsReproducibleAndNamesItsCommandAndVersion()
    {
        var a = ValidationMarkdown.Write(Quick.Value, "./cevns validate --quick", "9.9.9+abc");
        var b = ValidationMarkdown.Write(Quick.Value, "./cevns validate --quick", "9.9.9+abc");
        Assert.Equal(a, b);
        Assert.Contains("`./cevns validate --quick`", a);
        Assert.Contains("9.9.9+abc", a);
        Assert.DoesNotContain(DetectorTestData.Root, a);
        foreach (var o in Quick.Value)
            Assert.Contains($"### {o.Entry.Id}", a);
        using var json = JsonDocument.Parse(ValidationJson.Write(Quick.Value, "./cevns validate --quick", "9.9.9+abc"));
        Assert.Equal(Quick.Value.Count, json.RootElement.GetProperty("entries").GetArrayLength());
    }

    /// <summary>validation.json byte for byte (numbers to 10 significant digits), written first by the field-by-field writer.</summary>
    [Fact]
    public void ValidationJsonIsTheStoredText() =>
        Cevns.Tests.Cli.JsonOutputPinTests.Check("validation_quick.json",
            Cevns.Tests.Cli.JsonOutputPinTests.RoundNumbers(ValidationJson.Write(Quick.Value, "./cevns validate --quick", "9.9.9+abc")));

    [Fact]
    public void UpperLimitUsesThePapersConfidenceLevelAndDof()
    {
        // The TEXONO rate term is a Gaussian in signal_norm centred at 0 with sigma = 4.7 / 1.645 (its definition file),
        // so the profiled 90 % CL (1 dof, Delta chi2 = 2.706) upper end must come back at 4.7; a wrong threshold
        // (1 sigma, or 2 dof) would give 2.86 or 6.1.
        var o = Quick.Value.Single(x => x.Entry.Id == "texono-signal-limit");
        Assert.Equal(ValidationStatus.RatioOnly, o.Status);
        Assert.Equal(4.7, o.Ours!.Value, 0.02);
        Assert.Equal(o.Ours.Value / 4.7, o.Ratio!.Value, 12);
    }

    [Fact]
    public void IntervalAndBestFitKindsAreComputed()
    {
        const string text = """
            entries:
              texono-interval:
                quantity: q
                reference: r
                setup: s
                published: { interval: [0, 4.7], cl: 0.90, dof: 1 }
                compute:
                  kind: interval
                  datasets: { texono-2024: {} }
                  free: [signal_norm]
              conus-norm:
                quantity: q
                reference: r
                setup: s
                published: { value: 1.14, error_minus: 0.3, error_plus: 0.3 }
                compute:
                  kind: best_fit
                  datasets: { conus-plus-2025: {} }
                  free: [signal_norm]
            """;
        var outcomes = new ValidationRunner(DetectorTestData.Root).Run(ValidationFileParser.Parse("t.yaml", text));
        var interval = outcomes[0];
        Assert.Equal(ValidationStatus.RatioOnly, interval.Status);
        Assert.Equal(0, interval.OursLower!.Value);           // the allowed bound of a normalisation
        Assert.Equal(4.7, interval.OursUpper!.Value, 0.02);
        Assert.Null(interval.RatioLower);                      // published lower end 0: no ratio
        Assert.Equal(interval.OursUpper.Value / 4.7, interval.RatioUpper!.Value, 12);
        var fit = outcomes[1];
        Assert.True(fit.Status is ValidationStatus.Agrees or ValidationStatus.Disagrees);
        Assert.True(fit.OursErrorMinus > 0 && fit.OursErrorPlus > 0);
        Assert.Equal(Math.Abs(fit.Ours!.Value - 1.14) / 0.3, fit.Pull!.Value, 12);
    }

    private const string Valid = """
        entries:
          one:
            quantity: q
            reference: r
            setup: s
            published: { value: 333, error: 43 }
            compute:
              kind: prediction
              datasets: { coherent-csi-2021: {} }
        """;

    [Fact]
    public void AValidMinimalFileParses()
    {
        var e = Assert.Single(ValidationFileParser.Parse("v.yaml", Valid));
        Assert.Equal(ComputeKind.Prediction, e.Compute!.Kind);
        Assert.Equal(3, e.Line);   // the first line of the entry's body, as Facts places a section
    }

    [Theory]
    [InlineData("kind: prediction", "kind: predict", 8, "kind")]
    [InlineData("quantity: q", "quantity: q\n    typo: 1", 4, "typo")]
    [InlineData("coherent-csi-2021: {}", "coherent-csi-2099: {}", 9, "coherent-csi-2099")]
    [InlineData("coherent-csi-2021: {}", "coherent-csi-2021: { quenching: magic }", 9, "coherent-csi-2021")]
    [InlineData("kind: prediction", "kind: upper_limit", 8, "kind")]
    [InlineData("value: 333, error: 43", "value: 333, error: 43, cl: 0.9", 6, "cl")]
    [InlineData("datasets: { coherent-csi-2021: {} }", "datasets: { coherent-csi-2021: {} }\n      fixed: { sin2_theta: 0.2 }", 10, "sin2_theta")]
    [InlineData("datasets: { coherent-csi-2021: {} }", "datasets: { coherent-csi-2021: {} }\n      fixed: { signal_norm: 0.9 }", 10, "fixed")]
    [InlineData("datasets: { coherent-csi-2021: {} }", "datasets: { coherent-csi-2021: {}, coherent-csi-2017: {} }", 9, "supersedes")]
    public void AMalformedEntryIsOneLineNamingFileLineAndKey(string from, string to, int line, string key)
    {
        var text = Valid.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Valid, text);
        var ex = Assert.Throws<AnalysisFileException>(() => ValidationFileParser.Parse("v.yaml", text));
        Assert.DoesNotContain("\n", ex.Message);
        Assert.StartsWith($"v.yaml:{line}: ", ex.Message);
        Assert.Contains(key, ex.Message);
    }

    /// <summary>An input variant names another entry with the same published number, is computed and listed, and is left out
    /// of the tally (one published number counted once); a variant of an unknown entry or of another number is refused.</summary>
    [Fact]
    public void AnInputVariantIsListedButNotCounted()
    {
        string variant = Valid + """

              two:
                quantity: q with another input
                reference: r
                setup: s
                published: { value: 333, error: 43 }
                variant_of: one
                compute:
                  kind: prediction
                  datasets: { coherent-csi-2021: {} }
            """;
        var entries = ValidationFileParser.Parse("v.yaml", variant);
        Assert.Equal([null, "one"], entries.Select(e => e.VariantOf));
        var outcomes = new ValidationRunner(DetectorTestData.Root).Run(entries);
        var md = ValidationMarkdown.Write(outcomes, "./cevns validate", "9.9.9");
        Assert.Contains("1 entries: ", md);
        Assert.Contains("Not counted: 1 input variant(s)", md);
        Assert.Contains("(input variant of `one`, not counted)", md);
        foreach (var (from, to) in new[] { ("variant_of: one", "variant_of: three"), ("value: 333, error: 43 }\n    variant_of", "value: 334, error: 43 }\n    variant_of") })
        {
            var bad = variant.Replace(from, to, StringComparison.Ordinal);
            Assert.NotEqual(variant, bad);
            var ex = Assert.Throws<AnalysisFileException>(() => ValidationFileParser.Parse("v.yaml", bad));
            Assert.Contains("variant_of", ex.Message);
        }
    }

    [Fact]
    public void ALimitNeedsTheConfidenceLevelAndDof()
    {
        var text = Valid.Replace("value: 333, error: 43", "upper_limit: 4.7", StringComparison.Ordinal)
            .Replace("kind: prediction", "kind: upper_limit\n      free: [signal_norm]", StringComparison.Ordinal);
        var ex = Assert.Throws<AnalysisFileException>(() => ValidationFileParser.Parse("v.yaml", text));
        Assert.Matches(@"^v\.yaml:6: entries\.one\.published\.cl: missing required key", ex.Message);
    }

    [Fact]
    public void CliRejectsAnUnknownPrefixWithOneLine()
    {
        var r = CliRunner.Run("validate", "--only", "no-such-entry");
        var line = r.AssertOneLineError(2);
        Assert.Contains("no-such-entry", line);
    }

    [Fact]
    public void CliWritesTheReportAndItsJsonTwin()
    {
        var dir = Directory.CreateTempSubdirectory("cevns-validate-").FullName;
        try
        {
            var r = CliRunner.Run(["validate", "--only", "csi2021-sm", "--out", Path.Combine(dir, "v.md"), "--json", "--data-dir", DetectorTestData.Root],
                new Dictionary<string, string>());
            Assert.Equal(0, r.ExitCode);
            var md = File.ReadAllText(Path.Combine(dir, "v.md"));
            Assert.Contains("`./cevns validate --only csi2021-sm --json`", md);
            Assert.Contains("### csi2021-sm-events", md);
            Assert.True(File.Exists(Path.Combine(dir, "v.json")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
