using System.Globalization;
using System.Text.RegularExpressions;
using Cevns.Physics;

namespace Cevns.Fitting;

/// <summary>
/// One tied (derived) physics parameter: <c>Target = Scale * Source + Offset</c>, written target=expression with the
/// expression one of <c>source</c>, <c>-source</c>, <c>a*source</c>, <c>a*source+b</c>, <c>a*source-b</c>,
/// <c>source+b</c>, <c>source-b</c> (numbers in any floating-point form). Example: universal vector NSI,
/// nsi.d.ee=nsi.u.ee (epsilon^d = epsilon^u).
/// </summary>
public sealed partial record ParameterTie(string Target, string Source, double Scale, double Offset)
{
    /// <summary>The expression in canonical form (round-trip numbers), e.g. "2*nsi.u.ee+0.5".</summary>
    public string Expression
    {
        get
        {
            string s = Scale == 1 ? Source : Scale == -1 ? "-" + Source : $"{R(Scale)}*{Source}";
            return Offset == 0 ? s : Offset > 0 ? $"{s}+{R(Offset)}" : $"{s}-{R(-Offset)}";
        }
    }

    public double ValueFrom(double source) => Scale * source + Offset;

    public override string ToString() => $"{Target}={Expression}";

    /// <summary>Parses "target=expression" (as given to --tie).</summary>
    public static ParameterTie Parse(string text)
    {
        var (target, expression) = FitText.SplitAssignment(text, "tie", "target=expression, e.g. nsi.d.ee=nsi.u.ee or nsi.d.ee=2*nsi.u.ee+0.1");
        return Parse(target, expression, $"tie '{text}'");
    }

    /// <summary>Parses the expression of a tie of <paramref name="target"/>; <paramref name="where"/> starts the error message.</summary>
    public static ParameterTie Parse(string target, string expression, string where)
    {
        if (target.Length == 0)
            throw new FitSetupException($"{where}: no target parameter");
        var m = ExpressionPattern().Match(expression);
        if (!m.Success)
            throw new FitSetupException($"{where}: '{expression}' is not a linear expression of one parameter (forms: p, a*p, a*p+b, a*p-b, p+b)");
        double scale = m.Groups["a"].Success ? Number(m.Groups["a"].Value, where) : 1.0;
        if (m.Groups["neg"].Success) scale = -scale;
        double offset = m.Groups["b"].Success ? Number(m.Groups["b"].Value, where) : 0.0;
        if (m.Groups["sign"].Value == "-") offset = -offset;
        return new ParameterTie(target.Trim(), m.Groups["name"].Value, scale, offset);
    }

    private static double Number(string text, string where) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v : throw new FitSetupException($"{where}: '{text}' is not a finite number");

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    // [a*] [-] name [(+|-) b]; a may carry its own sign, b is unsigned after the operator.
    [GeneratedRegex(@"^\s*(?:(?<a>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*\*\s*)?(?<neg>-)?\s*(?<name>[A-Za-z_][A-Za-z0-9_.]*)\s*(?:(?<sign>[+-])\s*(?<b>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?))?\s*$")]
    private static partial Regex ExpressionPattern();
}

/// <summary>
/// A tie resolved through chains: <c>Target = Scale * Root + Offset</c>, where the root is a parameter that is not
/// itself tied (free, fixed by --set, or at its default). A chain c = 2 b, b = a + 1 resolves to c = 2 a + 2.
/// </summary>
public sealed record ResolvedTie(ParameterTie Tie, string Root, double Scale, double Offset)
{
    public string Target => Tie.Target;

    public double ValueFrom(double root) => Scale * root + Offset;
}

/// <summary>
/// The ties of a fit, scan or prediction: each tied physics parameter is derived from another (linearly) instead of
/// being free or fixed, so one free parameter drives several. They are applied where a point of the fit's parameter
/// vector becomes a <see cref="PhysicsParameters"/> (<see cref="PhysicsPointCache"/>, <see cref="JointFit.PhysicsAt"/>),
/// so every command sees the same model. The derivatives of chi^2 in physics parameters are central differences of
/// whole points (<see cref="JointFit"/>), so the chain rule d/d source += a d/d target holds without extra code.
/// <para>
/// Checks (<see cref="Resolve"/>): known physics parameters on both sides (signal normalisations cannot be tied),
/// a parameter tied at most once, no cycles (chains are resolved to their root). Range checks need the free and fixed
/// parameters: <see cref="FitSpecification.Validate"/>.
/// </para>
/// </summary>
public sealed class ParameterTies
{
    private readonly (double Lower, double Upper, double Tolerance)[] _allowed;

    private ParameterTies(IReadOnlyList<ResolvedTie> resolved)
    {
        Resolved = resolved;
        _allowed = resolved.Select(r =>
        {
            var e = FitRanges.For(r.Target);
            return (e.AllowedLower, e.AllowedUpper, 1e-12 * Math.Max(1.0, Math.Max(Math.Abs(e.AllowedLower), Math.Abs(e.AllowedUpper))));
        }).ToArray();
    }

    public static ParameterTies None { get; } = new([]);

    /// <summary>The ties in the order given, each resolved to its root.</summary>
    public IReadOnlyList<ResolvedTie> Resolved { get; }

    public bool IsEmpty => Resolved.Count == 0;

    public bool IsTarget(string name) => Resolved.Any(r => r.Target == name);

    /// <summary>The parameter and every parameter derived from it (directly or through a chain): all that move when it moves.</summary>
    public IEnumerable<string> MovedBy(string root) => Resolved.Where(r => r.Root == root).Select(r => r.Target).Prepend(root);

    public static ParameterTies Resolve(IReadOnlyList<ParameterTie> ties)
    {
        if (ties.Count == 0) return None;
        var byTarget = new Dictionary<string, ParameterTie>(StringComparer.Ordinal);
        foreach (var t in ties)
        {
            foreach (var name in new[] { t.Target, t.Source })
            {
                if (SignalParameters.IsSignalParameter(name))
                    throw new FitSetupException($"tie '{t}': '{name}' is a signal normalisation; ties link physics parameters only");
                if (!ParameterCatalog.TryGet(name, out _))
                    throw new FitSetupException($"tie '{t}': {FitRanges.UnknownParameter(name).Message}");
            }
            if (!byTarget.TryAdd(t.Target, t))
                throw new FitSetupException($"parameter '{t.Target}' is tied twice ('{byTarget[t.Target]}' and '{t}')");
        }
        var resolved = new List<ResolvedTie>();
        foreach (var t in ties)
        {
            double scale = t.Scale, offset = t.Offset;
            string root = t.Source;
            var seen = new List<string> { t.Target };
            while (byTarget.TryGetValue(root, out var next))
            {
                if (seen.Contains(root))
                    throw new FitSetupException($"ties form a cycle: {string.Join(" <- ", seen.Append(root))}");
                seen.Add(root);
                // target = scale * (next.Scale * next.Source + next.Offset) + offset
                offset += scale * next.Offset;
                scale *= next.Scale;
                root = next.Source;
            }
            if (root == t.Target)
                throw new FitSetupException($"ties form a cycle: {string.Join(" <- ", seen.Append(root))}");
            resolved.Add(new ResolvedTie(t, root, scale, offset));
        }
        return new ParameterTies(resolved);
    }

    /// <summary>
    /// The point with every tied parameter set from its root's value in <paramref name="point"/>. A value outside the
    /// target's allowed range raises a <see cref="ParameterException"/>; fits never reach one, because the fit range
    /// of a free root is narrowed to keep its targets inside (<see cref="FitSpecification.RangeOf"/>) and values at the
    /// narrowed bound are clamped to the target's bound (rounding of a * x + b).
    /// </summary>
    public PhysicsParameters Apply(PhysicsParameters point)
    {
        if (Resolved.Count == 0) return point;
        var assignments = new KeyValuePair<string, double>[Resolved.Count];
        for (int i = 0; i < Resolved.Count; i++)
        {
            var r = Resolved[i];
            double v = r.ValueFrom(point[r.Root]);
            var (lower, upper, tol) = _allowed[i];
            if (v < lower && v >= lower - tol) v = lower;
            if (v > upper && v <= upper + tol) v = upper;
            assignments[i] = new(r.Target, v);
        }
        return point.With(assignments);
    }

    /// <summary>
    /// The interval of root values that keeps every target tied to <paramref name="root"/> inside its allowed range
    /// (the whole line when nothing is tied to it).
    /// </summary>
    public (double Lower, double Upper) AllowedRootRange(string root)
    {
        double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
        foreach (var r in Resolved.Where(r => r.Root == root && r.Scale != 0))
        {
            var e = FitRanges.For(r.Target);
            double a = (e.AllowedLower - r.Offset) / r.Scale, b = (e.AllowedUpper - r.Offset) / r.Scale;
            lo = Math.Max(lo, Math.Min(a, b));
            hi = Math.Min(hi, Math.Max(a, b));
        }
        return (lo, hi);
    }
}
