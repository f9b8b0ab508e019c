namespace Cevns.Datasets.Sns;

/// <summary>A dataset whose neutrinos come from the SNS stopped-pion source described by <see cref="Source"/>.</summary>
public interface ISpallationDataset : IDataset
{
    SnsSource Source { get; }
}
