namespace Cevns.Datasets;

/// <summary>
/// Which variant of a named response model (<see cref="DetectorFacts"/>) to build: the nominal one, one parameter shifted
/// by a number of its standard deviations (the definition states the error next to the value), or another row of the
/// model's table file. Shape systematics build their +-1 sigma templates from variants.
/// </summary>
public sealed record ModelVariant(string? Parameter = null, double Sigmas = 0, string? Row = null)
{
    public static ModelVariant Nominal { get; } = new();

    public static ModelVariant Shift(string parameter, double sigmas) => new(parameter, sigmas);

    public static ModelVariant TableRow(string row) => new(Row: row);
}
