using Cevns.Data;
using Cevns.Detectors;

namespace Cevns.Tests.Detectors;

/// <summary>Corrupted copies of release files, written to a temporary directory (never into the repository).</summary>
public sealed class MalformedFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cevns-detectors-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Copy of a release file with line <paramref name="lineNumber"/> (1-based) replaced.</summary>
    private string Corrupt(string relative, int lineNumber, string replacement)
    {
        var lines = File.ReadAllLines(DetectorTestData.PathOf(relative));
        lines[lineNumber - 1] = replacement;
        var path = Path.Combine(_dir, Path.GetFileName(relative));
        File.WriteAllLines(path, lines);
        return path;
    }

    private static void AssertOneLine(DataFileException e, string path, int line, string fragment)
    {
        Assert.StartsWith($"{path}:{line}: ", e.Message);
        Assert.Contains(fragment, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void WrongColumnCount()
    {
        var path = Corrupt(GermaniumReactorResponse.QuenchingTableRelativePath, 7, "0.0600 0.42458");
        var e = Assert.Throws<DataFileException>(() => TabulatedQuenchingFactor.ReadGermanium(path, GermaniumQuenchingModel.Fef));
        AssertOneLine(e, path, 7, "expected 3 columns (E_nr_keV QF_Fef QF_YBe), found 2");
    }

    [Fact]
    public void NonNumericField()
    {
        var path = Corrupt(SnsResponses.ArgonEfficiencyFile, 3, "1.25 5.00158 abc");
        var e = Assert.Throws<DataFileException>(() => SnsResponses.ArgonEfficiencyAt(path));
        AssertOneLine(e, path, 3, "expected a number in column 3 (efficiency), found 'abc'");
    }

    [Fact]
    public void NaNIsRejected()
    {
        var path = Corrupt(SnsResponses.CsI2021QuenchingFile, 7, "0.0554628 NaN -111.707 840.384");
        var e = Assert.Throws<DataFileException>(() => CsIQuarticQuenching.Read(path));
        AssertOneLine(e, path, 7, "expected a finite number in column 2 (b), found 'NaN'");
    }

    [Fact]
    public void EfficiencyAboveOne()
    {
        var path = Corrupt(EfficiencyTests.GeMiniTimingFile("Ge21"), 5, "0.1696 1.5");
        var e = Assert.Throws<DataFileException>(() => TabulatedEfficiency.ReadTwoColumnKeVee(path));
        AssertOneLine(e, path, 5, "efficiency (column 2) must lie in [0, 1], found 1.5");
    }

    [Fact]
    public void EnergiesNotIncreasing()
    {
        var path = Corrupt(EfficiencyTests.GeMiniTimingFile("Ge23"), 4, "0.01 0.2");
        var e = Assert.Throws<DataFileException>(() => TabulatedEfficiency.ReadTwoColumnKeVee(path));
        AssertOneLine(e, path, 4, "must increase strictly");
    }

    [Fact]
    public void QuenchingFactorOutOfRange()
    {
        var path = Corrupt(GermaniumReactorResponse.QuenchingTableRelativePath, 10, "0.090000 1.2 0.34");
        var e = Assert.Throws<DataFileException>(() => TabulatedQuenchingFactor.ReadGermanium(path, GermaniumQuenchingModel.YBe));
        AssertOneLine(e, path, 10, "Fef quenching factor (column 2) must lie in");
    }

    [Fact]
    public void LogisticRowsMissingOrWrong()
    {
        // Line 7 is the nominal row; a negative steepness is out of range.
        var path = Corrupt(SnsResponses.CsI2021EfficiencyFile, 7, "1.32045  -0.285979 10.8646 -0.333322");
        AssertOneLine(Assert.Throws<DataFileException>(() => LogisticEfficiency.Read(path)), path, 7, "steepness b");
        var path2 = Corrupt(SnsResponses.CsI2021EfficiencyFile, 12, "# removed");
        var e = Assert.Throws<DataFileException>(() => LogisticEfficiency.Read(path2));
        Assert.Contains("expected 3 coefficient rows", e.Message);
    }

    [Fact]
    public void NonMonotonicScintillationResponse()
    {
        var path = Corrupt(SnsResponses.CsI2021QuenchingFile, 7, "0.0554628 -30 -111.707 840.384");
        AssertOneLine(Assert.Throws<DataFileException>(() => CsIQuarticQuenching.Read(path)), path, 7, "must increase with recoil energy");
    }

    [Fact]
    public void CoefficientRowWithoutItsNamingComment()
    {
        var path = Corrupt(SnsResponses.CsI2021QuenchingFile, 6, "");
        // Line 7 now follows the file's header comment "# Coefficients given as: a b c d", so it is named after that and
        // no row is labelled "Nominal".
        Assert.Equal($"{path}: no row labelled 'Nominal'", Assert.Throws<DataFileException>(() => CsIQuarticQuenching.Read(path)).Message);
    }

    [Fact]
    public void MissingAndEmptyFiles()
    {
        var missing = Path.Combine(_dir, "nope.txt");
        var e = Assert.Throws<DataFileException>(() => TabulatedEfficiency.ReadTwoColumnKeVee(missing));
        Assert.Equal($"{missing}: data file not found", e.Message);
        var e2 = Assert.Throws<DataFileException>(() => SnsResponses.CsI2021QuenchingRows(_dir));
        Assert.Contains(SnsResponses.CsI2021QuenchingFile.Replace('/', Path.DirectorySeparatorChar).Split(Path.DirectorySeparatorChar)[^1], e2.Message);
        var empty = Path.Combine(_dir, "empty.txt");
        File.WriteAllText(empty, "# only a comment\n\n");
        Assert.StartsWith($"{empty}: no data rows", Assert.Throws<DataFileException>(() => TabulatedEfficiency.ReadTwoColumnKeVee(empty)).Message);
    }

    [Fact]
    public void OriginalFilesStayUntouched()
    {
        // Guard: the corrupted copies live in the temp directory only.
        Corrupt(SnsResponses.CsI2021QuenchingFile, 7, "garbage");
        Assert.Equal(5, SnsResponses.CsI2021QuenchingRows(DetectorTestData.Root).Count);
        Assert.StartsWith(Path.GetTempPath().TrimEnd(Path.DirectorySeparatorChar), _dir);
    }
}
