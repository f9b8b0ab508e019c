using System.CommandLine;
using System.Globalization;
using Cevns.Datasets;
using Cevns.Physics;

namespace Cevns.Cli.Commands;

/// <summary>
/// predict --points FILE.csv / --grid name=lo:hi:n[:log]: one prediction per physics point of a dataset loaded once,
/// written as one CSV row (totals) or, with --json, one line holding the predict --json object per point. Every point
/// is checked before the first prediction, so a bad file produces no partial output.
/// </summary>
public static class PredictBatch
{
    /// <summary>Upper limit on the number of points of one batch (a grid product grows fast).</summary>
    public const int MaxPoints = 1_000_000;

    public static Option<string> PointsOption() => new("--points")
    {
        Description = "CSV file of physics points: a header of parameter names (see 'cevns parameters'), one point per row; " +
                      "blank lines and lines starting with # are skipped. One output row per point",
        HelpName = "file.csv",
    };

    public static Option<string[]> GridOption() => new("--grid")
    {
        Description = "grid of a parameter, name=lo:hi:n (n equally spaced values) or name=lo:hi:n:log (logarithmic, lo > 0); " +
                      "repeatable: the product grid, the last one varying fastest. One output row per point",
        HelpName = "name=lo:hi:n[:log]",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>Named physics points; <see cref="Origins"/>[k] says where point k came from ("file:line" or "grid point k").</summary>
    public sealed record PointSet(IReadOnlyList<string> Names, IReadOnlyList<double[]> Values, IReadOnlyList<string> Origins);

    /// <summary>The points of --points or --grid, or null when neither is given.</summary>
    public static PointSet? Points(string? pointsFile, string[]? grids, string currentDirectory)
    {
        bool hasGrid = grids is { Length: > 0 };
        if (pointsFile is null && !hasGrid) return null;
        if (pointsFile is not null && hasGrid)
            throw CliException.Usage("--points and --grid cannot be combined (put the grid into the points file, or use --grid only)");
        return pointsFile is not null ? ReadCsv(Path.GetFullPath(pointsFile, currentDirectory), pointsFile) : Grid(grids!);
    }

    /// <summary>Reads a points file; every problem is a usage error "file:line: what is wrong".</summary>
    public static PointSet ReadCsv(string path, string shownName)
    {
        if (!File.Exists(path))
            throw CliException.Usage($"--points {shownName}: file not found");
        string[]? names = null;
        var values = new List<double[]>();
        var origins = new List<string>();
        int lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split(',').Select(f => f.Trim()).ToArray();
            string where = $"{shownName}:{lineNumber}";
            if (names is null)
            {
                names = HeaderNames(fields, where);
                continue;
            }
            if (fields.Length != names.Length)
                throw CliException.Usage($"{where}: expected {names.Length} value(s) ({string.Join(", ", names)}), got {fields.Length}");
            var row = new double[names.Length];
            for (int i = 0; i < fields.Length; i++)
                if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out row[i]) || !double.IsFinite(row[i]))
                    throw CliException.Usage($"{where}: column '{names[i]}': '{fields[i]}' is not a finite number");
            values.Add(row);
            origins.Add(where);
            if (values.Count > MaxPoints)
                throw CliException.Usage($"{where}: more than {MaxPoints} points");
        }
        if (names is null)
            throw CliException.Usage($"{shownName}: empty (expected a header line of parameter names, then one point per row)");
        if (values.Count == 0)
            throw CliException.Usage($"{shownName}: no points after the header line");
        return new PointSet(names, values, origins);
    }

    private static string[] HeaderNames(string[] fields, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in fields)
        {
            if (name.Length == 0)
                throw CliException.Usage($"{where}: empty column name in the header");
            if (!ParameterCatalog.TryGet(name, out _))
                throw CliException.Usage($"{where}: unknown parameter '{name}' in the header (see 'cevns parameters')");
            if (!seen.Add(name))
                throw CliException.Usage($"{where}: parameter '{name}' appears twice in the header");
        }
        return fields;
    }

    /// <summary>The product grid of the --grid axes (the last axis varies fastest).</summary>
    public static PointSet Grid(IReadOnlyList<string> specs)
    {
        var axes = specs.Select(ParseAxis).ToArray();
        var duplicate = axes.GroupBy(a => a.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw CliException.Usage($"--grid: parameter '{duplicate.Key}' given twice");
        long total = axes.Aggregate(1L, (n, a) => n * a.Values.Length);
        if (total > MaxPoints)
            throw CliException.Usage($"--grid: {total} points, more than {MaxPoints}");
        var values = new List<double[]>();
        var index = new int[axes.Length];
        for (long k = 0; k < total; k++)
        {
            values.Add(axes.Select((a, i) => a.Values[index[i]]).ToArray());
            for (int i = axes.Length - 1; i >= 0; i--)
            {
                if (++index[i] < axes[i].Values.Length) break;
                index[i] = 0;
            }
        }
        return new PointSet(axes.Select(a => a.Name).ToArray(), values,
            Enumerable.Range(1, values.Count).Select(k => $"--grid point {k}").ToArray());
    }

    private sealed record GridAxis(string Name, double[] Values);

    private static GridAxis ParseAxis(string spec)
    {
        string Fail(string what) => throw CliException.Usage($"--grid {spec}: {what}");
        var eq = spec.IndexOf('=');
        if (eq <= 0) Fail("expected name=lo:hi:n or name=lo:hi:n:log");
        var name = spec[..eq].Trim();
        if (!ParameterCatalog.TryGet(name, out _)) Fail($"unknown parameter '{name}' (see 'cevns parameters')");
        var parts = spec[(eq + 1)..].Split(':').Select(p => p.Trim()).ToArray();
        if (parts.Length is not (3 or 4)) Fail("expected name=lo:hi:n or name=lo:hi:n:log");
        bool log = false;
        if (parts.Length == 4)
        {
            if (parts[3] != "log") Fail($"the fourth field must be 'log', got '{parts[3]}'");
            log = true;
        }
        double Number(string text, string what) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)
                ? x : throw CliException.Usage($"--grid {spec}: {what} '{text}' is not a finite number");
        double lo = Number(parts[0], "lower end"), hi = Number(parts[1], "upper end");
        if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
            Fail($"number of points '{parts[2]}' must be a whole number >= 1");
        if (n == 1 && lo != hi) Fail("one point needs lo = hi");
        if (n > 1 && !(lo < hi)) Fail("the lower end must be below the upper end");
        if (log && !(lo > 0)) Fail("a logarithmic grid needs lo > 0");
        var values = new double[n];
        for (int k = 0; k < n; k++)
        {
            double f = n == 1 ? 0 : (double)k / (n - 1);
            values[k] = log ? Math.Exp(Math.Log(lo) + f * (Math.Log(hi) - Math.Log(lo))) : lo + f * (hi - lo);
        }
        values[0] = lo;
        values[n - 1] = hi;
        return new GridAxis(name, values);
    }

    /// <summary>The physics parameters of every point (the --set values overridden by the point's); range errors name the point.</summary>
    public static PhysicsParameters[] Parameters(PhysicsParameters baseline, PointSet points, Cevns.Fitting.ParameterTies? ties = null)
    {
        ties ??= Cevns.Fitting.ParameterTies.None;
        var result = new PhysicsParameters[points.Values.Count];
        for (int k = 0; k < result.Length; k++)
        {
            try
            {
                result[k] = ties.Apply(baseline.With(points.Names.Select((n, i) => new KeyValuePair<string, double>(n, points.Values[k][i]))));
            }
            catch (ParameterException e)
            {
                throw CliException.Usage($"{points.Origins[k]}: {e.Message}");
            }
        }
        return result;
    }

    /// <summary>Predicts every point and writes the rows; every point is validated first.</summary>
    public static int Run(CliContext context, IDataset dataset, PhysicsParameters baseline, PointSet points, bool asJson, Cevns.Fitting.ParameterTies? ties = null)
    {
        var parameters = Parameters(baseline, points, ties);
        var o = context.Out;
        if (asJson)
        {
            foreach (var p in parameters)
                o.WriteLine(JsonText.Text(w => PredictCommand.WriteJson(w, dataset.Predict(p), p), indented: false));
            return ExitCodes.Success;
        }
        // Tied parameters not given in the file: a column each after the given ones, with the value derived at the point.
        var tied = (ties ?? Cevns.Fitting.ParameterTies.None).Resolved.Select(t => t.Target).Where(t => !points.Names.Contains(t)).ToArray();
        string[]? columns = null;
        for (int k = 0; k < parameters.Length; k++)
        {
            var prediction = dataset.Predict(parameters[k]);
            var totals = Totals(prediction);
            if (columns is null)
            {
                columns = totals.Select(t => t.Column).ToArray();
                o.WriteLine(string.Join(',', points.Names.Concat(tied).Concat(columns)));
            }
            var row = points.Values[k].Select(R).Concat(tied.Select(t => R(parameters[k][t]))).Concat(totals.Select(t => t.Value is { } v ? R(v) : ""));
            o.WriteLine(string.Join(',', row));
        }
        return ExitCodes.Success;
    }

    /// <summary>The totals of a prediction as CSV columns: signal_total, cevns_&lt;flavour&gt;, es_total, migdal_total (if on), bkg_&lt;name&gt;, observed_total.</summary>
    public static IReadOnlyList<(string Column, double? Value)> Totals(DatasetPrediction p)
    {
        var list = new List<(string, double?)> { ("signal_total", p.SignalTotal) };
        list.AddRange(p.CevnsTotalBySpecies.OrderBy(kv => (int)kv.Key).Select(kv => ($"cevns_{kv.Key.Name()}", (double?)kv.Value)));
        list.Add(("es_total", p.ElectronScatteringTotal));
        if (p.Migdal.Count > 0) list.Add(("migdal_total", p.MigdalTotal));
        list.AddRange(p.BackgroundTotals.Select(kv => ($"bkg_{kv.Key}", (double?)kv.Value)));
        list.Add(("observed_total", p.ObservedTotal));
        return list;
    }

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
