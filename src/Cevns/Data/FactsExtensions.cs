namespace Cevns.Data;

/// <summary>Small typed readers on <see cref="Facts"/> shared by definition readers; errors name file, line and key.</summary>
public static class FactsExtensions
{
    /// <summary>A [low, high] pair with high &gt; low.</summary>
    public static (double Lo, double Hi) Interval(this Facts f, string key)
    {
        var v = f.Numbers(key);
        if (v.Length != 2 || !(v[1] > v[0]))
            throw f.Error(key, "expected [low, high] with high > low");
        return (v[0], v[1]);
    }

    /// <summary>Bin edges: a list of at least two strictly increasing numbers.</summary>
    public static double[] Edges(this Facts f, string key)
    {
        var edges = f.Numbers(key);
        if (edges.Length < 2)
            throw f.Error(key, "expected at least two bin edges");
        for (int i = 1; i < edges.Length; i++)
            if (!(edges[i] > edges[i - 1]))
                throw f.Error(key, $"bin edges must increase strictly (entry {i} = {edges[i]} after {edges[i - 1]})");
        return edges;
    }

    /// <summary>Runs a constructor and turns its range check (ArgumentException) into a definition error at <paramref name="key"/>.</summary>
    public static T Checked<T>(this Facts f, string key, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            throw f.Error(key, e.Message.Split('\n')[0].Split(" (Parameter")[0]);
        }
    }
}
