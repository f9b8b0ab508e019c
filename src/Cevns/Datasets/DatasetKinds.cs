namespace Cevns.Datasets;

/// <summary>
/// The kinds of dataset machinery (Datasets/Kinds), by the name a definition file gives in 'kind:'.
/// Each builder takes the definition and the data directory and returns a dataset ready to predict.
/// </summary>
public static class DatasetKinds
{
    public static readonly IReadOnlyDictionary<string, Func<DatasetDefinition, string, IDataset>> Builders =
        new Dictionary<string, Func<DatasetDefinition, string, IDataset>>(StringComparer.Ordinal)
        {
            [Kinds.SnsEnergyTimeDataset.KindName] = Kinds.SnsEnergyTimeDataset.Build,
            [Kinds.ReactorDataset.KindName] = Kinds.ReactorDataset.Build,
            [Kinds.ExternalMeasurementDataset.KindName] = Kinds.ExternalMeasurementDataset.Build,
        };
}
