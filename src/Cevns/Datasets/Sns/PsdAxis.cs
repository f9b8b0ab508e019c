namespace Cevns.Datasets.Sns;

/// <summary>
/// An optional pulse-shape-discrimination (PSD) axis of an SNS binning, between energy and time (e.g. the prompt light
/// fraction F90 of liquid argon, COHERENT CENNS-10 release arXiv:2006.12659): its name as shown in output and in file
/// column names, and its bin edges [lo, hi). A binning with this axis stores its bins energy-major, then PSD, then time
/// (time fastest), the layout of the CENNS-10 release files.
/// </summary>
public sealed record PsdAxis(string Name, IReadOnlyList<double> Edges)
{
    public int Bins => Edges.Count - 1;
}
