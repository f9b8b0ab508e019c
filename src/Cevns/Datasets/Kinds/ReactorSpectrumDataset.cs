using System.Globalization;
using Cevns.Physics;
using Cevns.Sources.Reactor;
using Cevns.Statistics;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// Kind "reactor" with a spectrum statistic, <c>statistic: binned-gaussian | binned-poisson | binned-covariance</c>
/// (<see cref="ReactorDataset"/>, <see cref="ReactorSpectrumStatistic"/>): a germanium detector at a reactor whose public
/// data are a reactor-ON energy spectrum, of acceptance-corrected rates with errors (Dresden-II data_release.txt; with a
/// released covariance matrix for binned-covariance) or of raw counts (binned-poisson), described by CEvNS + nu-e scattering + a
/// parametric background (<see cref="SpectralBackgroundModel"/>) fitted together with the signal (docs/physics.md section 9).
/// Facts are read from the definition and, by "=name" references, from the release's parameter table.
/// <para>
/// Rates to counts: a released rate r_i (per bin width per detector per day) over the reactor-ON live time T gives
/// r_i T counts (acceptance-corrected), error sigma_i T; the prediction is the expected number of events in the
/// detector mass over T, so both sides are counts of the same exposure. Efficiency 1: the released rates are already
/// divided by the signal acceptance (see the definition file for the evidence).
/// </para>
/// <para>
/// Backgrounds in <see cref="Predict"/> need values: the background parameters are fitted once, at build time, to the
/// Rx-ON spectrum with the Standard-Model signal (all options as chosen) fixed; the fit and its chi^2 are in the notes.
/// The likelihood (<see cref="ReactorSpectrumLikelihood"/>) instead fits them together with the signal.
/// </para>
/// </summary>
public sealed class ReactorSpectrumDataset : IDataset, ILikelihoodProvider
{
    private readonly List<string> _notes;

    public DatasetDefinition Definition { get; }

    /// <summary>Every physics parameter except the radii of elements not in the target (<see cref="ParameterDependence.ReadBySpectrum"/>).</summary>
    public bool Reads(string parameter) => ParameterDependence.ReadBySpectrum(Definition.Target, parameter);
    public ReleasedRateSpectrum Spectrum { get; }
    public DetectorSignals Signals { get; }
    public SpectralBackgroundModel Background { get; }
    public ReactorFlux Flux { get; }
    public SignalIntegration Grid { get; }
    public double MassKg { get; }

    /// <summary>Reactor-ON live time, days: counts = released rate x this.</summary>
    public double OnDays { get; }

    /// <summary>Bins inside the analysis window.</summary>
    public bool[] InAnalysis { get; }

    /// <summary>Observed (acceptance-corrected) counts and their errors in every bin.</summary>
    public double[] ObservedCounts { get; }
    public double[] ObservedErrors { get; }

    /// <summary>The declared statistic over the analysis bins.</summary>
    public ReactorSpectrumStatistic Statistic { get; }

    /// <summary>Background parameters fitted to the Rx-ON spectrum with the SM signal (used by <see cref="Predict"/>).</summary>
    public IReadOnlyList<double> BackgroundAtStandardModel { get; }

    /// <summary>chi^2 of that fit (analysis bins + priors) and its number of degrees of freedom.</summary>
    public double StandardModelChi2 { get; }
    public int StandardModelDof { get; }

    private ReactorSpectrumDataset(DatasetDefinition def, ReleasedRateSpectrum spectrum, DetectorSignals signals, SpectralBackgroundModel background,
        ReactorFlux flux, SignalIntegration grid, double massKg, double onDays, bool[] inAnalysis, List<string> notes, double[,]? covariance)
    {
        Definition = def;
        Spectrum = spectrum;
        Signals = signals;
        Background = background;
        Flux = flux;
        Grid = grid;
        MassKg = massKg;
        OnDays = onDays;
        InAnalysis = inAnalysis;
        _notes = notes;
        ObservedCounts = spectrum.Counts is { } counts ? (double[])counts.Clone() : spectrum.OnRate.Select(r => r * onDays).ToArray();
        ObservedErrors = spectrum.OnError.Select(e => e * onDays).ToArray();
        var analysis = LikelihoodHelpers.Indices(inAnalysis);
        Statistic = ReactorDataset.Statistic(def) switch
        {
            ReactorDataset.BinnedPoisson => new PoissonSpectrumStatistic(analysis),
            ReactorDataset.BinnedCovariance => new CovarianceSpectrumStatistic(analysis, CountsCovariance(covariance!, analysis, onDays)),
            _ => new DiagonalGaussianSpectrumStatistic(analysis, ObservedErrors),
        };
        var sm = Signal(PhysicsParameters.StandardModel, SignalScale.One);
        var fit = FitBackground(sm);
        BackgroundAtStandardModel = fit.X.ToArray();
        StandardModelChi2 = fit.Chi2;
        StandardModelDof = inAnalysis.Count(b => b) - background.Parameters.Count;
        _notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"backgrounds: best fit to the Rx-ON spectrum with the Standard-Model signal fixed, chi2 = {fit.Chi2:F1} for {StandardModelDof} dof{(fit.Converged ? "" : " (fit NOT converged: " + fit.Message + ")")}; the reactor-OFF columns are not used"));
    }

    /// <summary>Builds the dataset; <paramref name="grid"/> overrides the definition's integration settings (convergence tests).</summary>
    public static ReactorSpectrumDataset Create(DatasetDefinition def, string dataDirectory, SignalIntegration? grid)
    {
        var f = def.Facts;
        f.AllowOnly("id", "kind", "statistic", "title", "reference", "target", "supersedes", "data_note", "files", "options", "detector", "exposure",
            "source", "spectrum", "analysis", "background_model", "integration", "published");
        var numbers = FactNumbers.For(def, dataDirectory);
        var detector = f.Section("detector");
        detector.AllowOnly("mass_kg", "resolution", "quenching", "note");
        var (quenching, quenchingNote) = ReactorDataset.Quenching(def, detector, dataDirectory);
        var notes = new List<string>();
        if (def.Options.Declared.Count > 0) notes.Add($"options: {def.Options.Summary}");
        notes.Add(quenchingNote);

        double mass = numbers.PositiveNumber(detector, "mass_kg", "kg");
        var resolution = DetectorFacts.Resolution(detector.Section("resolution"), numbers);

        var exposure = f.Section("exposure");
        exposure.AllowOnly("reactor_on_days", "reactor_off_days", "note");
        double onDays = numbers.PositiveNumber(exposure, "reactor_on_days", "days");

        var spectrumFacts = f.Section("spectrum");
        spectrumFacts.AllowOnly("bin_width_kevee", "note");
        string statistic = ReactorDataset.Statistic(def);
        double binWidth = numbers.PositiveNumber(spectrumFacts, "bin_width_kevee", "keVee");
        var spectrum = statistic == ReactorDataset.BinnedPoisson
            ? ReleasedRateSpectrum.ReadCounts(def.FilePath(dataDirectory, "spectrum"), binWidth, onDays)
            : ReleasedRateSpectrum.Read(def.FilePath(dataDirectory, "spectrum"), binWidth);
        var covariance = statistic == ReactorDataset.BinnedCovariance ? ReadCovariance(def.FilePath(dataDirectory, "covariance"), spectrum) : null;

        var analysis = f.Section("analysis");
        analysis.AllowOnly("window_kevee", "note");
        var window = analysis.Strings("window_kevee");
        if (window.Length != 2)
            throw analysis.Error("window_kevee", "expected [low, high] in keVee");
        double lo = numbers.Resolve(analysis, "window_kevee", window[0]), hi = numbers.Resolve(analysis, "window_kevee", window[1]);
        if (!(lo < hi))
            throw analysis.Error("window_kevee", "expected low < high");
        var inAnalysis = new bool[spectrum.BinCount];
        const double tolerance = 1e-9;
        for (int i = 0; i < inAnalysis.Length; i++)
            inAnalysis[i] = spectrum.EdgesKeVee[i] >= lo - tolerance && spectrum.EdgesKeVee[i + 1] <= hi + tolerance;
        if (!inAnalysis.Any(b => b))
            throw analysis.Error("window_kevee", $"no bin of {spectrum.Path} lies inside the window");

        var background = SpectralBackgroundModel.Read(f.Section("background_model"), numbers);
        var settings = grid ?? SignalIntegration.FromFacts(f.OptionalSection("integration"), 1e-5);
        double liveTimeS = onDays * 86400.0;
        var flux = ReactorSource.Build(def, dataDirectory, numbers, liveTimeS, notes);
        var signals = DetectorSignals.Build(def.Target, def.Target.UnitsPerKg * mass, flux, quenching, resolution, null,
            spectrum.EdgesKeVee, settings, def.CrossSectionOptions(), MigdalOption.Choice(def.Options, def.Target, dataDirectory));
        if (signals.Migdal is { } migdal) notes.Add(migdal.Describe());
        notes.Add(statistic == ReactorDataset.BinnedPoisson
            ? string.Create(CultureInfo.InvariantCulture, $"observed counts as given over {onDays:G4} d; Poisson chi2 (Baker-Cousins); efficiency 1 in the prediction")
            : string.Create(CultureInfo.InvariantCulture,
                $"counts = released rate x {onDays:G4} d (rates per detector per day, acceptance-corrected; efficiency 1 in the prediction){(covariance is null ? "" : "; correlated errors from the covariance file")}"));
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"flux: {flux.Model.Name}, {flux.TotalFluxPerCm2PerS:G3} /cm^2/s in total (incl. 238U capture antineutrinos where the model has them), {flux.CapturesPerFission:G3} captures per fission"));
        return new ReactorSpectrumDataset(def, spectrum, signals, background, flux, settings, mass, onDays, inAnalysis, notes, covariance);
    }

    /// <summary>
    /// The covariance file of <c>statistic: binned-covariance</c>: a symmetric matrix with one row and one column per bin of
    /// the spectrum file, in the spectrum's rate units squared ((per bin per detector per day)^2). Its diagonal must agree
    /// with the spectrum's error column (sqrt(V_ii) = sigma_i within 1e-3 relative, the rounding of a released table), so
    /// the one-bin errors are not two independent facts.
    /// </summary>
    private static double[,] ReadCovariance(string path, ReleasedRateSpectrum spectrum)
    {
        int n = spectrum.BinCount;
        var rows = Cevns.Data.TextTable.Read(path, n, $"one row of {n} covariances per bin of {spectrum.Path}");
        if (rows.Count != n)
            throw Cevns.Data.DataFileException.In(path, $"expected {n} rows (one per bin of {spectrum.Path}), found {rows.Count}");
        var v = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) v[i, j] = rows[i].Values[j];
            double sigma = Math.Sqrt(v[i, i]);
            if (!(v[i, i] > 0) || Math.Abs(sigma - spectrum.OnError[i]) > 1e-3 * spectrum.OnError[i])
                throw Cevns.Data.DataFileException.At(path, rows[i].Line, string.Create(CultureInfo.InvariantCulture,
                    $"diagonal entry {i + 1} is {v[i, i]:G6}: expected the square of the spectrum's error {spectrum.OnError[i]:G6} (within 1e-3)"));
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                if (Math.Abs(v[i, j] - v[j, i]) > 1e-9 * Math.Sqrt(v[i, i] * v[j, j]))
                    throw Cevns.Data.DataFileException.At(path, rows[i].Line, $"entry ({i + 1}, {j + 1}) differs from ({j + 1}, {i + 1}): the covariance must be symmetric");
        return v;
    }

    /// <summary>The covariance of the analysis bins in counts^2: rates x T give counts, so V x T^2.</summary>
    private static double[,] CountsCovariance(double[,] rateCovariance, int[] analysis, double onDays)
    {
        var v = new double[analysis.Length, analysis.Length];
        for (int a = 0; a < analysis.Length; a++)
            for (int b = 0; b < analysis.Length; b++)
                v[a, b] = rateCovariance[analysis[a], analysis[b]] * onDays * onDays;
        return v;
    }

    /// <summary>CEvNS, nu-e scattering and (if on) Migdal per bin (summed over species, scaled), the signal that enters the fit.</summary>
    public double[] Signal(PhysicsParameters physics, SignalScale scale)
    {
        var (cevns, es) = Signals.Predict(physics);
        var total = new double[Spectrum.BinCount];
        LikelihoodHelpers.AddScaled(cevns, scale, total);
        LikelihoodHelpers.AddScaled(es, scale, total);
        LikelihoodHelpers.AddScaled(Signals.PredictMigdal(physics), scale, total);
        return total;
    }

    /// <summary>Background counts per component and bin at the given background parameters.</summary>
    public double[][] BackgroundCounts(ReadOnlySpan<double> values) => Background.Evaluate(values, Spectrum.EdgesKeVee, OnDays);

    /// <summary>
    /// The declared statistic (<see cref="Statistic"/>) of the observed counts against mu_i = s_i + b_i(theta) over the
    /// analysis bins, plus the background priors sum_k ((theta_k - c_k)/sigma_k)^2; for binned-gaussian
    /// sum_i ((n_i - mu_i) / sigma_i)^2. <paramref name="work"/> holds [component][bin] scratch arrays and, last, the
    /// expectation per bin (see <see cref="NewWork"/>); <paramref name="gradient"/>, when not empty, receives d chi^2 / d mu_i;
    /// <paramref name="shapes"/>, the caller's memo of the background shapes (<see cref="SpectralBackgroundModel.NewMemo"/>).
    /// </summary>
    public double Chi2(ReadOnlySpan<double> signal, ReadOnlySpan<double> backgroundValues, double[] observed, double[][] work, Span<double> gradient = default,
        SpectralBackgroundModel.ShapeMemo? shapes = null)
    {
        Background.Evaluate(backgroundValues, Spectrum.EdgesKeVee, OnDays, work, shapes);
        int components = work.Length - 1;
        var mu = work[components];
        foreach (int i in Statistic.AnalysisBins)
        {
            double m = signal[i];
            for (int k = 0; k < components; k++) m += work[k][i];
            mu[i] = m;
        }
        return Statistic.Chi2(observed, mu, gradient) + Background.PriorChi2(backgroundValues);
    }

    /// <summary>Scratch for <see cref="Chi2"/>: one array per background component, then one for the expectation.</summary>
    public double[][] NewWork() => Background.ComponentNames.Select(_ => new double[Spectrum.BinCount]).Append(new double[Spectrum.BinCount]).ToArray();

    /// <summary>Fit parameters of the background model (names prefixed with the dataset id).</summary>
    public IReadOnlyList<FitParameter> BackgroundFitParameters() =>
        Background.Parameters.Select(p => new FitParameter($"{Definition.Id}.{p.Name}", p.Start, p.Lower, p.Upper,
            p.HasPrior ? p.PriorSigma : Math.Max(1e-3, 0.1 * Math.Abs(p.Start)))).ToArray();

    /// <summary>Best background parameters for a fixed signal (counts per bin) against <paramref name="observed"/> (default: the data).</summary>
    public FitResult FitBackground(double[] signal, double[]? observed = null)
    {
        observed ??= ObservedCounts;
        var work = NewWork();
        var problem = new FitProblem(BackgroundFitParameters(), x => Chi2(signal, x, observed, work));
        return Minimiser.Minimise(problem, new MinimiserOptions { RandomStarts = 4 });
    }

    public DatasetPrediction Predict(PhysicsParameters parameters)
    {
        var (cevns, es) = Signals.Predict(parameters);
        var background = BackgroundCounts(BackgroundAtStandardModel.ToArray());
        var names = Background.ComponentNames;
        var backgrounds = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int k = 0; k < names.Count; k++) backgrounds[names[k]] = background[k];
        var bins = Enumerable.Range(0, Spectrum.BinCount)
            .Select(i => new AnalysisBin([new BinRange("E", "keVee", Spectrum.EdgesKeVee[i], Spectrum.EdgesKeVee[i + 1])])).ToArray();
        return new DatasetPrediction
        {
            DatasetId = Definition.Id,
            Bins = bins,
            InAnalysis = (bool[])InAnalysis.Clone(),
            Cevns = cevns,
            ElectronScattering = es,
            Migdal = Signals.PredictMigdal(parameters),
            MigdalByShell = Signals.PredictMigdalByShell(parameters),
            Backgrounds = backgrounds,
            Observed = (double[])ObservedCounts.Clone(),
            Notes = _notes.ToArray(),
        };
    }

    public IDatasetLikelihood Likelihood() => new ReactorSpectrumLikelihood(this);
}
