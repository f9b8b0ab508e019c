using Cevns.Statistics;

namespace Cevns.Fitting;

/// <summary>
/// Profiled intervals of one parameter over its whole fit range, so that every region below a level is found, not only
/// the one around the best fit (a chi^2 with several minima, e.g. a total rate quadratic in a coupling, has several):
/// <list type="number">
/// <item>around the best fit, the scan range is searched outward with profiled points, the next distance extrapolated
/// from the last one as if Delta chi^2 were quadratic (aiming at 4/3 of the largest level, growing 1.2 to 4 times per
/// step, starting from the parabolic error or the step hint), until Delta chi^2 exceeds the largest level (times a
/// margin) or the fit-range bound is reached;</item>
/// <item>the whole fit range is profiled on a coarse grid of <see cref="IntervalOptions.RangePoints"/> points
/// (logarithmic where the lower bound is positive and the range spans more than two decades; the searched range when a
/// bound is infinite);</item>
/// <item>every other centre (the other minima of the global search, and coarse points lower than their neighbours with
/// Delta chi^2 below the largest level times the margin) outside the ranges already searched gets its own search as
/// in 1;</item>
/// <item>a grid of <see cref="IntervalOptions.PointsPerSide"/> points per side of every centre is profiled (a side stops
/// after its first point above the largest level times the margin once the rest of it is narrower than the coarse spacing,
/// see <see cref="FineScan"/>); the profile is
/// every point computed (searches, coarse and fine grids, all by <see cref="ProfileLikelihood"/>: each point from its
/// neighbour's solution and from the global best fit, the lower kept; grids also swept back from the other neighbour),
/// and each level's region is located by <see cref="Profile1D.Interval"/> as disjoint segments with root-finding on
/// every crossing; spikes (points above both neighbours) are re-minimised from the neighbours' solutions unless they and
/// their neighbours all lie above every level (<see cref="Repair"/>).</item>
/// </list>
/// The searches and grids only locate where the profile is low and which grid intervals a level crosses: they are fitted to
/// <see cref="CoarseTolerance"/> without the Hessian check (a chi^2 value is never below the profile's minimum, so a looser
/// fit only overestimates it, by ~ the tolerance; the points re-minimised by <see cref="Repair"/> are verified with the
/// numerical Hessian), while each crossing is refined with the full minimiser settings. When a
/// lower minimum turns up, a parameter's points are kept (chi^2 values do not depend on the reference, only Delta chi^2 does):
/// only the neighbourhood of the new best fit is profiled again (see <c>previous</c> of <see cref="Compute"/>).
/// <para>
/// An end where the level is not reached before the parameter's allowed bound is that bound (a one-sided limit); before
/// a narrower fit-range bound or where the search gave up it is open. A region narrower than the coarse spacing around
/// no minimum found by the global search can still be missed.
/// </para>
/// </summary>
internal static class IntervalProfiler
{
    /// <param name="Points">Every profiled point (searches, coarse and fine grids, converged refinements of the crossings).</param>
    /// <param name="Searched">The ranges searched around each centre (lower end, centre, upper end).</param>
    public sealed record Outcome(ParameterIntervals Intervals, FitResult? LoweredGlobal,
        IReadOnlyList<(double X, FitResult Fit)> Points, IReadOnlyList<(double Lo, double Centre, double Hi)> Searched);

    /// <param name="otherMinima">Full parameter vectors of other minima (from the global search) whose regions are searched too.</param>
    /// <param name="previous">The outcome of the same parameter with an earlier (higher) global fit: its points are kept
    /// (a chi^2 value does not depend on the reference, only Delta chi^2 does), so only the range around the new best fit
    /// is searched and profiled again, and the coarse grid is not redone.</param>
    public static Outcome Compute(FitProblem problem, FitResult global, string name, double errorEstimate, IntervalOptions o,
        IReadOnlyList<IReadOnlyList<double>>? otherMinima = null, Outcome? previous = null)
    {
        var entry = FitRanges.For(name);
        var profile = new ProfileLikelihood(problem, o.Profile, global);
        var p = problem[name];
        int index = problem.IndexOf(name);
        double maxLevel = o.Levels.Max(l => l.DeltaChi2);
        double h = double.IsFinite(errorEstimate) && errorEstimate > 0 ? errorEstimate : p.Step;
        if (p.HasLowerBound && p.HasUpperBound) h = Math.Min(h, 0.25 * (p.Upper - p.Lower));
        var notes = new List<string>();
        var points = new List<(double X, FitResult Fit)>();   // every profiled point: searches, coarse grid, fine grids
        if (previous is not null) points.AddRange(previous.Points);
        // Searches and grids only tell where the profile is low and where it crosses a level: fitted to a looser tolerance
        // without the Hessian check (see ProfileLikelihood.PointMinimiser; a point below the global fit still re-minimises
        // the global fit with the full settings). The crossings themselves are refined with the full settings (below).
        var full = profile.PointMinimiser;
        profile.PointMinimiser = Loose(full);

        double Explore(double centre, IReadOnlyList<double> start, int dir)
        {
            double bound = dir > 0 ? p.Upper : p.Lower;
            if (Math.Abs(centre - bound) <= 1e-12 * Math.Max(1.0, Math.Abs(bound))) return bound;
            double dist = h, last = centre;
            IReadOnlyList<double> warm = start;
            for (int step = 0; step < o.MaxExplorationSteps; step++)
            {
                double x = centre + dir * dist;
                bool atBound = dir > 0 ? x >= bound : x <= bound;
                if (atBound) x = bound;
                var fit = profile.ProfileAt(name, x, warm);
                points.Add((x, fit));
                double d = fit.Chi2 - profile.GlobalFit.Chi2;
                last = x;
                if (fit.Converged) warm = fit.X;
                if ((fit.Converged && d > maxLevel * o.ExplorationMargin) || atBound) return x;
                double next = fit.Converged && d > 0 ? dist * Math.Sqrt(maxLevel * 4.0 / 3.0 / d) : 2.0 * dist;
                dist = Math.Clamp(next, 1.2 * dist, 4.0 * dist);
            }
            notes.Add($"the search for Delta chi2 = {IntervalEnd.F(maxLevel)} {(dir > 0 ? "above" : "below")} {IntervalEnd.F(centre)} stopped at {IntervalEnd.F(last)} after {o.MaxExplorationSteps} points");
            return last;
        }

        // 1: around the best fit (unless an earlier search covered it; its fine grid is then redone from the new best fit).
        double best = global[name];
        var searched = new List<(double Lo, double Centre, double Hi)>(previous?.Searched ?? []);
        var fineCentres = new List<(double Lo, double Centre, double Hi)>();
        int covering = searched.FindIndex(s => best >= s.Lo && best <= s.Hi);
        if (covering >= 0)
            fineCentres.Add((searched[covering].Lo, best, searched[covering].Hi));
        else
        {
            var range = (Explore(best, global.X, -1), best, Explore(best, global.X, +1));
            searched.Insert(0, range);
            fineCentres.Add(range);
        }

        // 2: the whole fit range, coarsely.
        double rangeLo = p.HasLowerBound ? p.Lower : searched[0].Lo, rangeHi = p.HasUpperBound ? p.Upper : searched[0].Hi;
        var coarse = rangeHi > rangeLo ? RangeGrid(rangeLo, rangeHi, o.RangePoints) : [];
        Profile1D? coarseScan = null;
        if (coarse.Length >= 2 && previous is null)
        {
            coarseScan = profile.Scan(name, coarse);
            points.AddRange(coarse.Select((x, i) => (x, coarseScan.Fits[i])));
        }

        // 3: other centres, lowest first.
        var centres = new List<(double X, double Chi2, IReadOnlyList<double> Start)>();
        foreach (var m in otherMinima ?? [])
        {
            var fit = profile.ProfileAt(name, p.Clamp(m[index]), m);
            if (fit.Converged) centres.Add((p.Clamp(m[index]), fit.Chi2, fit.X));
        }
        if (coarseScan is not null)
        {
            var chi2 = coarseScan.Fits.Select(f => f.Converged ? f.Chi2 : double.PositiveInfinity).ToArray();
            for (int i = 0; i < chi2.Length; i++)
                if ((i == 0 || chi2[i] <= chi2[i - 1]) && (i == chi2.Length - 1 || chi2[i] <= chi2[i + 1]))
                    centres.Add((coarse[i], chi2[i], coarseScan.Fits[i].X));
        }
        foreach (var c in centres.OrderBy(c => c.Chi2))
        {
            if (!(c.Chi2 - profile.GlobalFit.Chi2 <= maxLevel * o.ExplorationMargin)) continue;
            if (searched.Any(s => c.X >= s.Lo && c.X <= s.Hi)) continue;
            var range = (Explore(c.X, c.Start, -1), c.X, Explore(c.X, c.Start, +1));
            searched.Add(range);
            fineCentres.Add(range);
        }

        // 4: a fine grid around every centre; the profile is every point computed.
        double maxGap = coarse.Length >= 2 ? coarse.Zip(coarse.Skip(1), (a, b) => b - a).Min() : 0.0;
        foreach (var (lo, centre, hi) in fineCentres)
        {
            var fine = Grid(lo, Math.Clamp(centre, lo, hi), hi, o.PointsPerSide);
            points.AddRange(FineScan(profile, name, fine, Math.Clamp(centre, lo, hi), maxLevel * o.ExplorationMargin, maxGap));
        }
        var (grid, fits) = Merge(points);
        Repair(profile, name, grid, fits, maxLevel * o.ExplorationMargin, noise: profile.PointMinimiser.Tolerance,
            otherStarts: [profile.GlobalFit.X, .. otherMinima ?? []]);
        profile.PointMinimiser = full;
        var scan = new Profile1D(profile, name, grid, fits);

        var levels = new List<LevelInterval>();
        bool converged = scan.AllConverged;
        foreach (var level in o.Levels)
        {
            var ci = scan.Interval(level.DeltaChi2);
            converged &= ci.AllFitsConverged;
            var segments = ci.Segments.Select(s => (Convert(s.Lower, true, grid[0], entry), Convert(s.Upper, false, grid[^1], entry))).ToArray();
            var lower = segments.Length > 0 ? segments[0].Item1 : IntervalEnd.OpenAt(grid[0]);
            var upper = segments.Length > 0 ? segments[^1].Item2 : IntervalEnd.OpenAt(grid[^1]);
            levels.Add(new LevelInterval(level, lower, upper, segments, ci));
            foreach (var n in ci.Notes)
                if (!n.StartsWith("one-sided", StringComparison.Ordinal) && !n.Contains("edge open", StringComparison.Ordinal) && !notes.Contains(n))
                    notes.Add(n);
        }
        foreach (var (end, lower) in new[] { (levels[^1].Lower, true), (levels[^1].Upper, false) })
            if (end.Kind == IntervalEndKind.Open && (lower ? p.Lower : p.Upper) == end.ScanBound)
                notes.Add(lower
                    ? $"Delta chi2 stays below {IntervalEnd.F(maxLevel)} down to the lower end {IntervalEnd.F(end.ScanBound)} of the fit range; widen it with --range {name}=lo:hi"
                    : $"Delta chi2 stays below {IntervalEnd.F(maxLevel)} up to the upper end {IntervalEnd.F(end.ScanBound)} of the fit range; widen it with --range {name}=lo:hi");

        var intervals = new ParameterIntervals(name, profile.GlobalFit[name], grid[0], grid[^1], levels, converged, notes, scan);
        var kept = grid.Zip(fits).Concat(scan.RefinedPoints.Where(r => r.Fit.Converged)).ToArray();
        return new Outcome(intervals, profile.GlobalUpdates > 0 ? profile.GlobalFit : null, kept, searched);
    }

    /// <summary>
    /// The fine grid around a centre, profiled as <see cref="ProfileLikelihood.Scan(string, IReadOnlyList{double})"/> does
    /// (outward from the point nearest the best fit, each point from its neighbour's solution and the best fit, then swept
    /// back from the other neighbour), except that beyond the centre a chain stops after its first converged point with
    /// Delta chi^2 above <paramref name="stopAbove"/> (the largest level times the search margin) once the rest of that
    /// side is no wider than <paramref name="maxGap"/> (the smallest spacing of the coarse grid). The side's end is a search
    /// point above that level too, so a region below a level missed there lies between two points above every level and
    /// is narrower than the coarse spacing: the limit the profile already has (see the class). Every crossing of a level
    /// lies before the stop, so the intervals are those of the full grid. The points left out are the costliest ones when
    /// the search overshoots onto a high plateau (a mediator coupling, where the mass cannot compensate and its fit is slow).
    /// </summary>
    internal static List<(double X, FitResult Fit)> FineScan(ProfileLikelihood profile, string name, double[] grid, double centre,
        double stopAbove, double maxGap)
    {
        int n = grid.Length;
        var fits = new FitResult?[n];
        double best = profile.GlobalFit[name];
        int k0 = 0;
        for (int i = 1; i < n; i++)
            if (Math.Abs(grid[i] - best) < Math.Abs(grid[k0] - best)) k0 = i;
        bool Stop(int i, int dir) =>
            fits[i]!.Converged && fits[i]!.Chi2 - profile.GlobalFit.Chi2 > stopAbove && dir * (grid[i] - centre) > 0
            && Math.Abs(grid[dir > 0 ? n - 1 : 0] - grid[i]) <= maxGap;

        fits[k0] = profile.ProfileAt(name, grid[k0]);
        int hiEnd = k0, loEnd = k0;
        if (!Stop(k0, +1))
            for (int i = k0 + 1; i < n; i++)
            {
                fits[i] = profile.ProfileAt(name, grid[i], fits[i - 1]!.X);
                hiEnd = i;
                if (Stop(i, +1)) break;
            }
        if (!Stop(k0, -1))
            for (int i = k0 - 1; i >= 0; i--)
            {
                fits[i] = profile.ProfileAt(name, grid[i], fits[i + 1]!.X);
                loEnd = i;
                if (Stop(i, -1)) break;
            }
        if (profile.Options.ExtraSweep && hiEnd > loEnd)
        {
            for (int i = loEnd + 1; i < k0; i++) fits[i] = Better(fits[i]!, profile.ProfileFrom(name, grid[i], fits[i - 1]!.X));
            for (int i = hiEnd - 1; i > k0; i--) fits[i] = Better(fits[i]!, profile.ProfileFrom(name, grid[i], fits[i + 1]!.X));
            if (k0 > loEnd && k0 < hiEnd)
                fits[k0] = Better(fits[k0]!, profile.ProfileFrom(name, grid[k0], fits[k0 - 1]!.X, fits[k0 + 1]!.X));
        }
        var list = new List<(double X, FitResult Fit)>();
        for (int i = loEnd; i <= hiEnd; i++) list.Add((grid[i], fits[i]!));
        return list;
    }

    private static FitResult Better(FitResult a, FitResult b) => b.Converged && (!a.Converged || b.Chi2 < a.Chi2) ? b : a;

    /// <summary>Convergence tolerance (EDM, chi^2 units) of the searches and grids (not of the crossings' refinement).</summary>
    public const double CoarseTolerance = 1e-3;

    /// <summary>The minimiser settings of the searches and grids: <see cref="CoarseTolerance"/>, no Hessian check.</summary>
    internal static MinimiserOptions Loose(MinimiserOptions full) =>
        full with { VerifyWithHessian = false, Tolerance = Math.Max(full.Tolerance, CoarseTolerance) };

    /// <summary>
    /// Points computed in different chains (searches, coarse and fine grids) can follow different branches of the other
    /// parameters' solution. Two shapes are re-minimised, and the lower fit kept, until nothing improves:
    /// <list type="bullet">
    /// <item>a spike: a point above both neighbours (or one that did not converge), from its neighbours' solutions (at most
    /// once per point);</item>
    /// <item>a run: two or more consecutive points each above a point on either side (the anchors), swept through from
    /// each anchor's solution, every point from the one before it in the sweep (once per run and pair of anchor values);
    /// a point still above both anchors is then re-minimised from <paramref name="otherStarts"/> (the best fit and the
    /// other minima of the global search), as is a spike that its neighbours' solutions did not lower.
    /// Several neighbouring points on a wrong branch are no spikes when the branch is flat (a light mediator's mass at its
    /// upper bound, where the coupling no longer acts and chi^2 sits on the Standard-Model plateau), yet they cut a false
    /// gap into an interval; the sweep carries the anchors' branch across them.</item>
    /// </list>
    /// A wrong branch disappears, a true barrier stays (its points are refitted to the same values).
    /// <para>
    /// A converged spike is left alone when it and its neighbours all lie above <paramref name="irrelevantAbove"/> (the
    /// largest level times the search margin, in Delta chi^2), and so is a run whose anchors both do: no level is crossed
    /// between those points, so lowering them changes no interval unless one fell below a level; that would be a region
    /// narrower than the spacing to two neighbours above every level, which the profile cannot resolve anyway (the limit
    /// stated on the class). Re-minimising such points is what cost most on the high plateau of a mediator coupling far
    /// outside its interval (a few hundred evaluations each, every point of a coarse grid being a spike there).
    /// </para>
    /// </summary>
    /// <returns>How many points were re-minimised.</returns>
    internal static int Repair(ProfileLikelihood profile, string name, double[] grid, FitResult[] fits, double irrelevantAbove, double noise = 0.0,
        IReadOnlyList<IReadOnlyList<double>>? otherStarts = null)
    {
        // The refits decide which branch a point is on, so each claimed minimum is verified with the numerical Hessian
        // (at the grids' tolerance): the quasi-Newton EDM estimate alone can stop at the start on a slope when the
        // parameters are strongly correlated (a mediator mass moved with the detector nuisances: 42 above the profile at
        // the start of a sweep, where the verified fit reaches the other branch), and a sweep then never leaves the wrong
        // branch.
        var pointMinimiser = profile.PointMinimiser;
        profile.PointMinimiser = pointMinimiser with { VerifyWithHessian = true };
        try
        {
            return RepairWithCurrentSettings(profile, name, grid, fits, irrelevantAbove, noise, otherStarts, pointMinimiser);
        }
        finally
        {
            profile.PointMinimiser = pointMinimiser;
        }
    }

    private static int RepairWithCurrentSettings(ProfileLikelihood profile, string name, double[] grid, FitResult[] fits, double irrelevantAbove,
        double noise, IReadOnlyList<IReadOnlyList<double>>? otherStarts, MinimiserOptions unverified)
    {
        int refits = 0, n = grid.Length;
        // Where the verified fit fails (far out, e.g. a millicharge at the range bound with chi^2 ~ 1e7, the numerical
        // second derivatives lose their digits), the grids' unverified settings decide, as they did for the point itself.
        FitResult ProfileFrom(double value, params IReadOnlyList<double>[] starts)
        {
            var verifiedFit = profile.ProfileFrom(name, value, starts);
            if (verifiedFit.Converged) return verifiedFit;
            var verified = profile.PointMinimiser;
            profile.PointMinimiser = unverified;
            try { return profile.ProfileFrom(name, value, starts); }
            finally { profile.PointMinimiser = verified; }
        }
        bool High(int i) => i < 0 || i >= n || (fits[i].Converged && fits[i].Chi2 - profile.GlobalFit.Chi2 > irrelevantAbove);
        double C(int i) => fits[i].Converged ? fits[i].Chi2 : double.PositiveInfinity;
        bool Keep(int i, FitResult refit)
        {
            refits++;
            if (!refit.Converged || (fits[i].Converged && !(refit.Chi2 < fits[i].Chi2 - 1e-9))) return false;
            fits[i] = refit;
            return true;
        }
        var tried = new bool[n];
        var sweptRuns = new HashSet<(int, int, double, double)>();
        // Every improvement lowers a chi^2 and a run is swept once per pair of anchor values, so this ends; the cap on
        // passes only bounds the cost of a pathological profile.
        for (int pass = 0; pass < n; pass++)
        {
            bool changed = false;
            for (int i = 0; i < n; i++)
            {
                if (tried[i]) continue;
                bool spike = !fits[i].Converged || ((i == 0 || C(i) > C(i - 1) + noise) && (i == n - 1 || C(i) > C(i + 1) + noise));
                if (!spike || (High(i - 1) && High(i) && High(i + 1))) continue;
                tried[i] = true;
                var starts = new[] { i - 1, i + 1 }.Where(j => j >= 0 && j < n && fits[j].Converged).Select(j => fits[j].X).ToArray();
                if (starts.Length == 0) continue;
                changed |= Keep(i, ProfileFrom(grid[i], starts));
                bool stillSpike = !fits[i].Converged || ((i == 0 || C(i) > C(i - 1) + noise) && (i == n - 1 || C(i) > C(i + 1) + noise));
                if (stillSpike && otherStarts is { Count: > 0 }) changed |= Keep(i, ProfileFrom(grid[i], [.. otherStarts]));
            }
            foreach (var (lo, hi) in Runs(C, n, noise))
            {
                if (High(lo) && High(hi) || !sweptRuns.Add((lo, hi, C(lo), C(hi)))) continue;
                var x = fits[lo].X;
                for (int k = lo + 1; k < hi; k++)
                {
                    var refit = ProfileFrom(grid[k], x);
                    changed |= Keep(k, refit);
                    if (refit.Converged) x = refit.X;
                }
                x = fits[hi].X;
                for (int k = hi - 1; k > lo; k--)
                {
                    var refit = ProfileFrom(grid[k], x);
                    changed |= Keep(k, refit);
                    if (refit.Converged) x = refit.X;
                }
                // Where the branch of neither side reaches a point (the solution jumps between branches inside the run), the
                // other known minima are tried as starts.
                if (otherStarts is { Count: > 0 })
                    for (int k = lo + 1; k < hi; k++)
                        if (C(k) > Math.Max(C(lo), C(hi)) + noise)
                            changed |= Keep(k, ProfileFrom(grid[k], [.. otherStarts]));
            }
            if (!changed) break;
        }
        return refits;
    }

    /// <summary>
    /// The outermost runs of at least two consecutive points each higher (by more than <paramref name="noise"/>) than a
    /// converged point on either side, as (left anchor, right anchor); a point that did not converge counts as higher than any.
    /// A profile with one minimum has none (from any point, the points beyond it away from the minimum rise to the end).
    /// </summary>
    internal static List<(int Lo, int Hi)> Runs(Func<int, double> chi2, int n, double noise)
    {
        var runs = new HashSet<(int, int)>();
        for (int a = 0; a < n; a++)
        {
            double anchor = chi2(a);
            if (!double.IsFinite(anchor)) continue;
            foreach (int dir in new[] { +1, -1 })
            {
                int b = a + dir;
                while (b >= 0 && b < n && chi2(b) > anchor + noise) b += dir;
                // b: the first point not above the anchor (below or level with it), so also below every point between.
                if (b < 0 || b >= n || Math.Abs(b - a) < 3) continue;
                runs.Add(dir > 0 ? (a, b) : (b, a));
            }
        }
        // Only the outermost runs: sweeping one covers the runs inside it (nested runs are the slopes of one bump; sweeping
        // each would cost the square of its width).
        return runs.Where(r => !runs.Any(o => o != r && o.Item1 <= r.Item1 && r.Item2 <= o.Item2))
            .OrderBy(r => r.Item1).Select(r => (r.Item1, r.Item2)).ToList();
    }

    /// <summary>n points from lo to hi: logarithmic where lo &gt; 0 and hi / lo &gt; 100 (e.g. mediator masses), otherwise linear.</summary>
    internal static double[] RangeGrid(double lo, double hi, int n)
    {
        if (lo > 0 && hi / lo > 100)
            return Enumerable.Range(0, n).Select(k => k == 0 ? lo : k == n - 1 ? hi : lo * Math.Pow(hi / lo, (double)k / (n - 1))).ToArray();
        return ProfileLikelihood.LinearGrid(lo, hi, n);
    }

    /// <summary>The profiled points sorted; of points closer than 1e-9 of the span the lower converged fit is kept.</summary>
    internal static (double[] Grid, FitResult[] Fits) Merge(IReadOnlyList<(double X, FitResult Fit)> points)
    {
        var sorted = points.OrderBy(t => t.X).ToArray();
        double tol = 1e-9 * Math.Max(sorted[^1].X - sorted[0].X, 1e-300);
        var kept = new List<(double X, FitResult Fit)> { sorted[0] };
        foreach (var t in sorted.Skip(1))
        {
            if (t.X - kept[^1].X > tol) kept.Add(t);
            else if (t.Fit.Converged && (!kept[^1].Fit.Converged || t.Fit.Chi2 < kept[^1].Fit.Chi2)) kept[^1] = (kept[^1].X, t.Fit);
        }
        if (kept.Count < 2)
            throw new InvalidOperationException($"interval scan range around {sorted[0].X} is empty");
        return (kept.Select(t => t.X).ToArray(), kept.Select(t => t.Fit).ToArray());
    }

    private static IntervalEnd Convert(IntervalEdge e, bool lower, double scanEnd, FitRangeEntry entry) => e.Kind switch
    {
        IntervalEdgeKind.Crossing => IntervalEnd.At(e.Value!.Value),
        IntervalEdgeKind.ParameterBound => entry.IsAllowedBound(e.Value!.Value, lower) ? IntervalEnd.Bound(e.Value.Value) : IntervalEnd.OpenAt(e.Value.Value),
        IntervalEdgeKind.NotConverged => IntervalEnd.NotConvergedAt(e.KnownTo!.Value),
        _ => IntervalEnd.OpenAt(scanEnd),
    };

    /// <summary>n points from lo up to the best fit, the best fit, n points up to hi (a side of zero width is left out).</summary>
    internal static double[] Grid(double lo, double best, double hi, int n)
    {
        var list = new List<double>();
        if (best > lo)
            for (int k = 0; k < n; k++) list.Add(lo + (best - lo) * k / n);
        list.Add(best);
        if (hi > best)
            for (int k = 1; k <= n; k++) list.Add(k == n ? hi : best + (hi - best) * k / n);
        double tol = 1e-12 * Math.Max(1.0, Math.Max(Math.Abs(lo), Math.Abs(hi)));
        var grid = new List<double> { list[0] };
        foreach (var x in list.Skip(1))
            if (x - grid[^1] > tol) grid.Add(x);
        if (grid.Count < 2)
            throw new InvalidOperationException($"interval scan range [{lo}, {hi}] around {best} is empty");
        return grid.ToArray();
    }
}
