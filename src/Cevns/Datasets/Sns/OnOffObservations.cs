using Cevns.Data;

namespace Cevns.Datasets.Sns;

/// <summary>
/// Beam-ON and beam-OFF counts as the observations of an energy x time dataset (definition section
/// <c>observations: { format: on-off, counts_file: &lt;path&gt;, environment_variable: &lt;NAME&gt; }</c>; COHERENT Ge-Mini,
/// whose binned counts are not public). The counts file (<see cref="OnOffCounts"/>) is the path in the environment
/// variable when set (it must then exist), else counts_file when present (next to a user-folder definition, else in the
/// data directory: <see cref="DatasetDefinition.FullPath"/>). Without either the dataset has no observations:
/// <see cref="Counts"/> is null and <see cref="MissingNote"/> says how to supply them; no number stands in for them.
/// </summary>
public sealed class OnOffObservations
{
    public const string Format = "on-off";

    /// <summary>The counts read, or null when no counts file was found.</summary>
    public OnOffCounts? Counts { get; }

    /// <summary>How to supply the counts (for the prediction's notes and the likelihood's error).</summary>
    public string MissingNote { get; }

    /// <summary>r = beam-ON / beam-OFF exposure of the counts file (null without counts).</summary>
    public double? OnOverOffExposure => Counts is { } c ? c.OnExposure / c.OffExposure : null;

    private OnOffObservations(OnOffCounts? counts, string missingNote)
    {
        Counts = counts;
        MissingNote = missingNote;
    }

    /// <summary>Reads an <c>observations</c> section of format on-off; <paramref name="countsPath"/> overrides both sources of the path.</summary>
    public static OnOffObservations FromFacts(Facts obs, DatasetDefinition definition, string dataDirectory, EnergyTimeBinning binning, string? countsPath = null)
    {
        obs.AllowOnly("format", "counts_file", "environment_variable");
        var env = obs.String("environment_variable");
        var relative = obs.String("counts_file");
        var where = definition.DefinitionFolder is null ? "<data dir>" : "the definition's folder or <data dir>";
        var note = $"the binned beam-ON/OFF counts are not public: no observed counts or steady-state background; to supply them, " +
                   $"set {env}=<file> or place the file at {where}/{relative} (format: docs/datasets/{definition.Id}.md)";
        countsPath ??= ResolvePath(env, definition.FullPath(dataDirectory, relative));
        return new OnOffObservations(countsPath is null ? null : OnOffCounts.Read(countsPath, binning.EnergyEdges, binning.TimeEdgesUs), note);
    }

    private static string? ResolvePath(string environmentVariable, string definitionPath)
    {
        var env = Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
            return File.Exists(env) ? env : throw new DatasetException($"{environmentVariable}={env}: counts file not found");
        return File.Exists(definitionPath) ? definitionPath : null;
    }
}
