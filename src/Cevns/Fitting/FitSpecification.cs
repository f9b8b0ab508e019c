namespace Cevns.Fitting;

/// <summary>
/// What to fit, by name: free physics or signal parameters (--free), fixed values (--set; physics parameters
/// default to the Standard Model, signal parameters to 1), external Gaussian priors (--prior) and fit ranges
/// replacing the defaults of <see cref="FitRanges"/> (--range) and tied physics parameters derived linearly from
/// another one (--tie, <see cref="ParameterTies"/>). Nuisances are never named here: every nuisance of every dataset
/// is always profiled.
/// </summary>
public sealed record FitSpecification
{
    public IReadOnlyList<string> Free { get; init; } = [];
    public IReadOnlyList<FixedValue> Fixed { get; init; } = [];
    public IReadOnlyList<GaussianPrior> Priors { get; init; } = [];
    public IReadOnlyList<RangeOverride> Ranges { get; init; } = [];
    public IReadOnlyList<ParameterTie> Ties { get; init; } = [];

    /// <summary>The ties resolved through chains (checks names and cycles; see <see cref="ParameterTies.Resolve"/>).</summary>
    public ParameterTies ResolvedTies => ParameterTies.Resolve(Ties);

    /// <summary>
    /// Checks everything that does not need the datasets loaded: known names, a parameter not both fixed and free,
    /// values and ranges inside the allowed ranges, priors on free parameters (or on a nuisance of one of
    /// <paramref name="datasetIds"/>, checked exactly once the datasets are loaded).
    /// </summary>
    public void Validate(IReadOnlyCollection<string> datasetIds)
    {
        var free = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Free)
        {
            if (!FitRanges.IsKnown(name))
                throw IsNuisanceLike(name, datasetIds)
                    ? new FitSetupException($"'{name}' is a nuisance: nuisances are always profiled and cannot be freed or fixed")
                    : FitRanges.UnknownParameter(name);
            if (!free.Add(name))
                throw new FitSetupException($"parameter '{name}' is freed twice");
        }
        var fixedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in Fixed)
        {
            if (!FitRanges.IsKnown(f.Name))
                throw IsNuisanceLike(f.Name, datasetIds)
                    ? new FitSetupException($"'{f.Name}' is a nuisance: nuisances are always profiled and cannot be freed or fixed")
                    : FitRanges.UnknownParameter(f.Name);
            if (free.Contains(f.Name))
                throw new FitSetupException($"parameter '{f.Name}' is both fixed (--set) and free (--free); choose one");
            if (!fixedNames.Add(f.Name))
                throw new FitSetupException($"parameter '{f.Name}' is set twice");
            var e = FitRanges.For(f.Name);
            if (f.Value < e.AllowedLower || f.Value > e.AllowedUpper)
                throw new FitSetupException($"parameter '{f.Name}' = {FitText.F(f.Value)} is outside its allowed range {e.AllowedRangeText}");
        }
        CheckTieTargets(free, fixedNames);
        var priors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in Priors)
        {
            if (!priors.Add(p.Name))
                throw new FitSetupException($"two priors on '{p.Name}'; combine them into one");
            if (fixedNames.Contains(p.Name))
                throw new FitSetupException($"prior on '{p.Name}', which is fixed (--set); a prior needs a free parameter");
            if (Ties.FirstOrDefault(t => t.Target == p.Name) is { } tp)
                throw new FitSetupException($"prior on '{p.Name}', which is tied (--tie {tp}); put the prior on the parameter it is derived from");
            if (free.Contains(p.Name) || IsNuisanceLike(p.Name, datasetIds)) continue;
            throw FitRanges.IsKnown(p.Name)
                ? new FitSetupException($"prior on '{p.Name}', which is not free; add it to --free")
                : FitRanges.UnknownParameter(p.Name);
        }
        var ranged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in Ranges)
        {
            if (!FitRanges.IsKnown(r.Name))
                throw FitRanges.UnknownParameter(r.Name);
            if (Ties.FirstOrDefault(t => t.Target == r.Name) is { } tr)
                throw new FitSetupException($"range given for '{r.Name}', which is tied (--tie {tr}); give the range of the parameter it is derived from");
            if (!free.Contains(r.Name))
                throw new FitSetupException($"range given for '{r.Name}', which is not free; add it to --free");
            if (!ranged.Add(r.Name))
                throw new FitSetupException($"two ranges for '{r.Name}'");
            var e = FitRanges.For(r.Name);
            if (r.Lower < e.AllowedLower || r.Upper > e.AllowedUpper)
                throw new FitSetupException($"range [{FitText.F(r.Lower)}, {FitText.F(r.Upper)}] of '{r.Name}' is outside its allowed range {e.AllowedRangeText}");
        }
        ValidateTies(free);
    }

    /// <summary>Names and cycles (<see cref="ParameterTies.Resolve"/>); a tied parameter is neither free nor fixed.</summary>
    private void CheckTieTargets(HashSet<string> free, HashSet<string> fixedNames)
    {
        if (Ties.Count == 0) return;
        foreach (var r in ResolvedTies.Resolved)
        {
            if (free.Contains(r.Target))
                throw new FitSetupException($"parameter '{r.Target}' is both tied (--tie {r.Tie}) and free (--free or scanned); choose one");
            if (fixedNames.Contains(r.Target))
                throw new FitSetupException($"parameter '{r.Target}' is both tied (--tie {r.Tie}) and fixed (--set); choose one");
        }
    }

    /// <summary>
    /// A tied parameter is neither free nor fixed nor given a prior or range; its root (the untied parameter at the end of
    /// a chain) may be free, fixed or at its default. A fixed or default root gives a constant that must lie in the
    /// target's allowed range (as a --set value must); a --range given for a free root must keep its targets inside their
    /// allowed ranges (as a --range must lie inside the allowed range), while its default fit range is narrowed to do so
    /// (<see cref="RangeOf"/>, as the default fit ranges are clipped to the catalogue's).
    /// </summary>
    private void ValidateTies(HashSet<string> free)
    {
        if (Ties.Count == 0) return;
        var ties = ResolvedTies;
        foreach (var r in ties.Resolved)
        {
            string t = r.Target;
            var e = FitRanges.For(t);
            if (!free.Contains(r.Root))
            {
                double root = Fixed.FirstOrDefault(f => f.Name == r.Root)?.Value ?? FitRanges.For(r.Root).Default;
                double v = r.ValueFrom(root);
                if (v < e.AllowedLower || v > e.AllowedUpper)
                    throw new FitSetupException($"tied parameter '{t}' = {FitText.F(v)} (--tie {r.Tie}, {r.Root} = {FitText.F(root)}) is outside its allowed range {e.AllowedRangeText}");
                continue;
            }
            var (lo, hi) = UntiedRangeOf(r.Root);
            double a = r.ValueFrom(lo), b = r.ValueFrom(hi);
            double vlo = Math.Min(a, b), vhi = Math.Max(a, b);
            bool given = Ranges.Any(g => g.Name == r.Root);
            if (given ? vlo < e.AllowedLower || vhi > e.AllowedUpper : vhi < e.AllowedLower || vlo > e.AllowedUpper)
                throw new FitSetupException($"tied parameter '{t}' (--tie {r.Tie}) takes values [{FitText.F(vlo)}, {FitText.F(vhi)}] over the "
                    + $"{(given ? "given" : "fit")} range [{FitText.F(lo)}, {FitText.F(hi)}] of '{r.Root}', outside its allowed range {e.AllowedRangeText}");
        }
    }

    private static bool IsNuisanceLike(string name, IReadOnlyCollection<string> datasetIds) =>
        datasetIds.Any(id => name.StartsWith(id + ".", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The fit range of a free parameter: the --range override if given, else the default; when parameters are tied to
    /// it, narrowed to the values that keep them inside their allowed ranges (a given --range already does, see
    /// <see cref="Validate"/>).
    /// </summary>
    public (double Lower, double Upper) RangeOf(string name)
    {
        var (lo, hi) = UntiedRangeOf(name);
        if (Ties.Count == 0) return (lo, hi);
        var (tlo, thi) = ResolvedTies.AllowedRootRange(name);
        return (Math.Max(lo, tlo), Math.Min(hi, thi));
    }

    private (double Lower, double Upper) UntiedRangeOf(string name)
    {
        var r = Ranges.FirstOrDefault(r => r.Name == name);
        if (r is not null) return (r.Lower, r.Upper);
        var e = FitRanges.For(name);
        return (e.FitLower, e.FitUpper);
    }
}
