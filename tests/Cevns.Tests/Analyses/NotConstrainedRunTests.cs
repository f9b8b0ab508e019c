using Cevns.Analyses;
using Cevns.Analyses.Reports;
using Cevns.Tests.Sources;

namespace Cevns.Tests.Analyses;

/// <summary>
/// 'run' with a free parameter one fit does not read (rn.Pb in a fit of APV(Cs) and the direct R_n(Cs)): the fit holds it,
/// the report says "not constrained" in place of an interval, results.json marks it "not_constrained", and a scan of it in
/// that fit is refused.
/// </summary>
public class NotConstrainedRunTests
{
    private const string Analysis = """
        title: not constrained
        datasets:
          apv: { id: apv-cs-1997 }
          rncs: { id: cs-neutron-radius-2024 }
          prex: { id: prex-ii-2021 }
        fits:
          cs: [apv, rncs]
          all: [apv, rncs, prex]
        free:
          sin2_theta_w: { range: [0.15, 0.35] }
          rn.Cs: { range: [3.5, 8.0] }
          rn.Pb: { range: [4.5, 7.5] }
        """;

    [Fact]
    public void TheReportSaysWhichParametersAFitDoesNotConstrain()
    {
        var file = AnalysisFileParser.Parse("not-constrained.yaml", "not-constrained", Analysis);
        var r = new AnalysisRunner(new JointFitBackend()) { Threads = 1 }.Run(file, SourcesDataRoot.Path, "test");
        var cs = r.Fit("cs");
        var held = Assert.Single(cs.Parameters, p => p.Name == "rn.Pb");
        Assert.Equal((ErrorSource.NotConstrained, 5.74, (double?)null, (double?)null), (held.Source, held.BestFit, held.MinusError, held.PlusError));
        Assert.Equal(["sin2_theta_w", "rn.Cs", "rn.Pb"], cs.Parameters.Where(p => !p.IsNuisance).Select(p => p.Name));
        Assert.Equal(2, cs.FreeParameters);
        Assert.NotEqual(ErrorSource.NotConstrained, r.Fit("all").Parameters.Single(p => p.Name == "rn.Pb").Source);

        var summary = SummaryMarkdown.Build(r, [], r.Notes);
        Assert.Contains("| cs | apv, rncs | 0.000 | 2 | ", summary);
        Assert.Contains("| not constrained (held at 5.74) | yes |", summary);
        Assert.Contains("fit cs: rn.Pb not constrained: no dataset or prior of this fit reads it; held at 5.74", summary);
        Assert.Contains("\"error_source\": \"not_constrained\"", ResultsJson.Build(r, [], r.Notes));
    }

    [Fact]
    public void AScanOfAParameterAFitDoesNotReadIsRefused()
    {
        var file = AnalysisFileParser.Parse("not-constrained.yaml", "not-constrained", Analysis + """

            scans:
              pb:
                x: { parameter: rn.Pb, range: [5.0, 6.5], points: 5 }
            """);
        var e = Assert.Throws<AnalysisFileException>(() => new AnalysisRunner(new JointFitBackend()) { Threads = 1 }.Run(file, SourcesDataRoot.Path, "test"));
        Assert.Equal("not-constrained.yaml: scans.pb: no dataset or prior of fit cs reads rn.Pb, so its profile would be flat (Delta chi2 = 0 everywhere); leave cs out of this scan", e.Message);
    }
}
