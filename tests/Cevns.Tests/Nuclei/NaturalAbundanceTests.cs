using System.Globalization;
using Cevns.Physics.Nuclei;
using Cevns.Tests.Data;

namespace Cevns.Tests.Nuclei;

/// <summary>
/// Natural germanium in the catalogue against the shipped data file data/reactor/atomic/ge_isotopes.csv (CIAAW/IUPAC 2009
/// representative composition with its provenance in that folder's SOURCE.md), and against the standard atomic weight
/// 72.630(8) (CIAAW), an independent check: the older Rosman-Taylor 1998 set (20.57, 27.45, 7.75, 36.50, 7.73 %) gives
/// 72.6275 with the same masses, the catalogue set 72.6298.
/// </summary>
public class NaturalAbundanceTests
{
    private static IEnumerable<(int A, double Abundance, double MassU)> GeIsotopesFile() =>
        File.ReadLines(DataTestSupport.SharedPath("reactor/atomic/ge_isotopes.csv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("A,", StringComparison.Ordinal))
            .Select(l => l.Split(','))
            .Select(f => (int.Parse(f[0], CultureInfo.InvariantCulture),
                          double.Parse(f[2], CultureInfo.InvariantCulture),
                          double.Parse(f[4], CultureInfo.InvariantCulture)));

    [Fact]
    public void GermaniumAbundancesAndMassesAreThoseOfTheDataFile()
    {
        var ge = NuclearCatalog.FindTarget("Ge")!;
        var file = GeIsotopesFile().ToArray();
        Assert.Equal(5, file.Length);
        Assert.Equal(file.Select(r => r.A), ge.Components.Select(c => c.Isotope.A));
        foreach (var (row, component) in file.Zip(ge.Components))
        {
            Assert.Equal(row.Abundance, component.AtomsPerUnit, 12);
            Assert.Equal(row.MassU, component.Isotope.AtomicMassU, 9);
        }
    }

    /// <summary>Abundance-weighted atomic mass within the CIAAW interval 72.630 +- 0.008 u (hand sum: 72.6298 u).</summary>
    [Fact]
    public void GermaniumMeanMassIsTheStandardAtomicWeight()
    {
        var ge = NuclearCatalog.FindTarget("Ge")!;
        double total = ge.Components.Sum(c => c.AtomsPerUnit);
        Assert.Equal(1.0, total, 12);
        Assert.InRange(ge.UnitMassU, 72.6295, 72.6301);
    }
}
