using System.Globalization;
using Cevns.Data;
using Cevns.Datasets;
using Cevns.Detectors;
using Cevns.Physics.FormFactors;
using Cevns.Sources.Reactor;
using Cevns.Sources.Spectra;
using Cevns.Sources;
using Cevns.Tests.Detectors;

namespace Cevns.Tests.Parsers;

/// <summary>
/// One regression test per reader bug the fuzz test (<see cref="ParserFuzzTests"/>) found, each on the smallest
/// input that showed it. Expected values are hand calculations given in the comments.
/// </summary>
public sealed class FuzzFoundBugTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cevns-fuzzbugs-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    /// <summary>Copy of a real data file below the temp data root, with 1-based lines replaced.</summary>
    private string Corrupt(string relative, params (int Line, string Text)[] replacements)
    {
        var lines = File.ReadAllLines(Path.Combine(Sources.SourcesDataRoot.Path, relative));
        foreach (var (line, text) in replacements)
            lines[line - 1] = text;
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static void AssertOneLine(string message, string prefix, string fragment)
    {
        Assert.StartsWith(prefix, message);
        Assert.Contains(fragment, message);
        Assert.DoesNotContain('\n', message);
    }

    /// <summary>Was: ln(b / a) overflowed for a = 1e-320 next to b = 0.8, giving +infinity between the points.</summary>
    [Fact]
    public void LogLinearInterpolationSurvivesExtremeRatios()
    {
        // Midpoint of a log-linear segment = geometric mean sqrt(a b).
        var tiny = new PointTableSpectrum("x", [1.0, 2.0], [1e-320, 0.8]);
        double expected = Math.Sqrt(1e-320) * Math.Sqrt(0.8); // 8.944e-161
        Assert.Equal(1, tiny.Density(1.5) / expected, 10);
        var huge = new PointTableSpectrum("y", [1.0, 2.0], [2.99e-4, 1e308]);
        Assert.Equal(1, huge.Density(1.5) / (Math.Sqrt(2.99e-4) * 1e154), 10);
        // The ordinary path is unchanged: a (b/a)^t.
        var normal = new PointTableSpectrum("z", [1.0, 2.0], [1.0, 4.0]);
        Assert.Equal(2.0, normal.Density(1.5), 14);
    }

    /// <summary>Was: b = 1e308 passed the reader's "b > 0" and the constructor threw ArgumentOutOfRangeException.</summary>
    [Fact]
    public void LogisticSteepnessOutOfRangeIsADataFileError()
    {
        var path = Corrupt(SnsResponses.CsI2021EfficiencyFile, (12, "1.297  1e308 11.8832 -0.31028"));
        AssertOneLine(Assert.Throws<DataFileException>(() => LogisticEfficiency.Read(path)).Message, $"{path}:12: ",
            "steepness b (column 2) must lie in (0, 1000) per PE, found 1E+308");
    }

    /// <summary>Was: 1e308 entries in a 0.1 MeV bin overflowed the density and BinnedSpectrum threw ArgumentException.</summary>
    [Fact]
    public void MonteCarloEntriesThatOverflowAreDataFileErrors()
    {
        var bin = Corrupt(SnsMonteCarloFlux.RelativePath, (5, "0.1,0.2,0,0,1e308,0"));
        AssertOneLine(Assert.Throws<DataFileException>(() => SnsMonteCarloFlux.FromFile(bin, 1.0)).Message, $"{bin}:5: ",
            "nuebar entries per MeV overflow (1E+308 entries in a bin 0.1 MeV wide)");
        var sum = Corrupt(SnsMonteCarloFlux.RelativePath, (5, "0.1,0.2,0,0,9e307,0"), (6, "0.2,0.3,2,0,9e307,1"));
        Assert.Equal($"{sum}: the nuebar entries overflow when added up (too large for a histogram)",
            Assert.Throws<DataFileException>(() => SnsMonteCarloFlux.FromFile(sum, 1.0)).Message);
    }

    /// <summary>Was: a coefficient 1e300 was accepted and exp(sum a_k E^k) was +infinity on the whole range.</summary>
    [Fact]
    public void ExpPolynomialThatOverflowsIsRejectedAtItsLine()
    {
        const string relative = "reactor/spectra/parametrizations/exp_polynomial_parameters.csv";
        var path = Corrupt(relative, (11, "huber2011,U235,4.367,1e300,2.100,-5.294e-1,6.186e-2,-2.777e-3"));
        AssertOneLine(Assert.Throws<DataFileException>(() => ReactorSpectrumFiles.ExpPolynomial(_root, "huber2011", FissionIsotope.U235)).Message,
            $"{path}:11: ", "exp(a0 + a1 E + ... + a5 E^5) must stay finite on 2-8 MeV");
        // Steep but finite at the grid points is caught by the curvature term; the published fits pass with a wide margin.
        var ok = ReactorSpectrumFiles.ExpPolynomial(Sources.SourcesDataRoot.Path, "huber2011", FissionIsotope.U235);
        Assert.True(double.IsFinite(ok.Density(8.0)));
        // Other isotopes in the corrupted file are untouched.
        Assert.True(ReactorSpectrumFiles.ExpPolynomial(_root, "huber2011", FissionIsotope.Pu239).Density(5.0) > 0);
    }

    /// <summary>
    /// Was: YamlDotNet threw InvalidOperationException ("*a" alias in a flow mapping) or ArgumentException (a key
    /// ": x"), and placed end-of-text errors one line past the last line.
    /// </summary>
    [Theory]
    [InlineData("id: x\nsource: { type: a, nu: 0.0848 *a\ndetector:\n  mass: 1\n")] // InvalidOperationException in YamlDotNet 16.3
    [InlineData("a:\n  name: 1\n  comment: |\n    text\n\nb:\n  : x Best-fit\n  value: 3\n")] // ArgumentException
    [InlineData("id: x\nsource: { type: *a }\n")] // unknown anchor (a YamlException)
    [InlineData("id: x\nsource: { type: a, pot: 1\n")] // reported by YamlDotNet on line 3 of a 2-line text
    public void MalformedYamlIsADefinitionErrorWithAnExistingLine(string yaml)
    {
        var e = Assert.ThrowsAny<Exception>(() => DatasetDefinition.Parse("def.yaml", yaml));
        Assert.IsType<DefinitionFileException>(e);
        Assert.StartsWith("def.yaml:", e.Message);
        Assert.Contains("malformed YAML", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        var lineText = e.Message["def.yaml:".Length..].Split(':')[0];
        if (int.TryParse(lineText, CultureInfo.InvariantCulture, out int line))
            Assert.InRange(line, 1, yaml.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void DefinitionValuesInMessagesAreQuotedAndFilePathsStayInTheDataDirectory()
    {
        const string head = "id: x\nkind: k\ntitle: t\nreference: r\n";
        var target = Assert.Throws<DefinitionFileException>(() => DatasetDefinition.Parse("d.yaml", head + "target: \"C\\nsI\"\n"));
        Assert.StartsWith("d.yaml:5: target: unknown target 'C?sI'", target.Message);
        var number = Assert.Throws<DefinitionFileException>(() =>
            DatasetDefinition.Parse("d.yaml", head + "target: CsI\nsource: { pot: lots }\n").Facts.Section("source").Number("pot"));
        Assert.Equal("d.yaml:6: source.pot: expected a finite number, found 'lots'", number.Message);
        var escape = Assert.Throws<DefinitionFileException>(() => DatasetDefinition.Parse("d.yaml", head + "target: CsI\nfiles:\n  a: ../../etc/passwd\n"));
        Assert.Equal("d.yaml:7: files.a: expected a path relative to the data directory (no leading '/', no '..'), found '../../etc/passwd'", escape.Message);
        var absolute = Assert.Throws<DefinitionFileException>(() => DatasetDefinition.Parse("d.yaml", head + "target: CsI\nfiles:\n  a: /etc/passwd\n"));
        Assert.StartsWith("d.yaml:7: files.a: expected a path relative", absolute.Message);
        var def = DatasetDefinition.Parse("d.yaml", head + "target: CsI\nfiles:\n  a: coherent/x.txt\n");
        Assert.Equal("d.yaml:7: files.b: missing (dataset x needs it)",
            Assert.Throws<DefinitionFileException>(() => def.FilePath("/data", "b")).Message);
    }

    /// <summary>
    /// Was: a density of 1e308 overflowed the sums of the quadrature, so the rms radius and F(q) were NaN. Now the
    /// shape is integrated as rho / max(rho); only X itself can still overflow, and then reading says so.
    /// </summary>
    [Fact]
    public void DensityUnitCannotOverflowTheFormFactor()
    {
        // Symmetrized Fermi, rms 6.5 fm, in a unit where rho(0) = 4e304: X = 4 pi int r^2 rho ~ 1e308 is still a double,
        // but int r^4 rho (X <r^2> / 4 pi, <r^2> = 42 fm^2) is not.
        var sf = new SymmetrizedFermiFormFactor(6.5);
        var r = Enumerable.Range(0, 201).Select(i => 0.1 * i).ToArray();
        var rho = r.Select(x => sf.DensityAt(x) / sf.DensityAt(0)).ToArray();
        const double unit = 4e304;
        double naiveFourthMoment = r.Select((x, i) => x * x * x * x * rho[i] * unit * 0.1).Sum();
        Assert.True(double.IsPositiveInfinity(naiveFourthMoment)); // the input really overflows a direct sum

        var plain = new TabulatedDensityFormFactor(new RadialDensityTable(r, rho));
        var scaled = new TabulatedDensityFormFactor(new RadialDensityTable(r, rho.Select(x => x * unit).ToArray()));
        // F(q) and the rms radius depend on the shape only; X scales with the unit.
        Assert.Equal(plain.RmsRadiusFm, scaled.RmsRadiusFm, 12);
        Assert.Equal(plain.At(0.7), scaled.At(0.7), 12);
        Assert.Equal(1, scaled.VolumeIntegral / plain.VolumeIntegral / unit, 12);

        // From a file, an X that overflows is a DataFileException naming the file.
        var path = Path.Combine(_root, "spike.dat");
        File.WriteAllLines(path, r.Select((x, i) => $"{x.ToString("R", CultureInfo.InvariantCulture)} {(i < 60 ? "1e308" : "0")}"));
        Assert.Equal($"{path}: density table: the volume integral 4 pi int r^2 rho dr overflows (largest density 1E+308)",
            Assert.Throws<DataFileException>(() => TabulatedDensityFormFactor.FromFile(path)).Message);
    }

    [Fact]
    public void DensityRadiiAreBoundedAndAMissingFileIsNamed()
    {
        var path = Path.Combine(_root, "far.dat");
        File.WriteAllText(path, "0 1\n0.1 1\n0.2 1\n1e308 1\n");
        Assert.Equal($"{path}:4: radius must be at most 1000 fm (no nuclear density reaches further), got 1E+308",
            Assert.Throws<DataFileException>(() => TabulatedDensityFormFactor.FromFile(path)).Message);
        // Was FileNotFoundException before the reader moved to TextTable.
        var missing = Path.Combine(_root, "none.dat");
        Assert.Equal($"{missing}: data file not found", Assert.Throws<DataFileException>(() => RadialDensityTable.ReadFile(missing)).Message);
    }
}
