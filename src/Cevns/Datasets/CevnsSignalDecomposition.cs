using Cevns.Physics;
using Cevns.Physics.CrossSections;
using Cevns.Physics.FormFactors;
using Cevns.Physics.Nuclei;

namespace Cevns.Datasets;

/// <summary>
/// CEvNS event density as coupling-independent node functions (<see cref="SignalDecomposition"/>), term for term the
/// cross section of <see cref="CevnsCrossSection"/>:
/// <list type="bullet">
/// <item>weak: (G_F^2 M / pi) |A|^2 (M0 [- T M1] - (M T / 2) M2) with the amplitudes A = sum_k v_k f_k linear in the
/// couplings v (<see cref="CevnsCouplings"/>) over the basis f = Z F_Z, N F_N, [Z F_Z / Q^2 if a millicharge is non-zero],
/// [Z F_Z Qtilde^SM(Q^2) with the momentum-dependent SM charge radius], [Z F_Z / (Q^2 + M'^2), N F_N / (Q^2 + M'^2) if the
/// Z' coupling is non-zero]; |A|^2 summed over the diagonal and both flavour-changing amplitudes is a quadratic form
/// sum_{k&lt;=l} Q_kl f_k f_l, one term per pair;</item>
/// <item>magnetic moment (if non-zero): (pi alpha^2 / m_e^2) Z^2 F_Z^2 (M0 / T - M1), coefficient (mu/mu_B)^2;</item>
/// <item>light scalar (if its coupling is non-zero): (M^2 T / 4 pi) Q_phi^2 / (Q^2 + M_phi^2)^2 M2, coefficient g_phi^4.</item>
/// </list>
/// The key holds the proton and neutron radii of every element (rp.&lt;El&gt;, rn.&lt;El&gt;; the isotope radii follow from them
/// and options.NuclearRadii by <see cref="NuclearRadiusSet"/>, and the form factors on the grid are cached per radius), the
/// Z' and scalar masses when their couplings are non-zero, and which optional terms are active. Every mediator mass
/// is handled exactly (no expansion); a new mass only means new kernels.
/// </summary>
internal sealed class CevnsSignalDecomposition : SignalDecomposition
{

    private readonly CrossSectionOptions _options;
    private readonly string[] _elements;
    private readonly int[] _element;            // component -> element index
    private readonly Isotope[] _isotopes;       // per component
    private readonly double[][] _q2;            // [component][node] Q^2 = 2MT, MeV^2
    private readonly double[][] _qFormFactor;   // [component][node] |q| in fm^-1
    private readonly double[][] _helmSurface;   // [component][node] Helm surface factor exp(-q^2 s^2 / 2), s the default
    private readonly double[] _neutrons;        // N per component
    private readonly double[] _protons;         // Z per component
    private readonly double[][][] _weak;        // [component][species][node] U a (G_F^2 M/pi)(M0 [- T M1] - M T M2 / 2)
    private readonly double[][][] _magnetic;    // [component][species][node] U a (pi alpha^2/m_e^2)(M0/T - M1)
    private readonly double[][][] _scalar;      // [component][species][node] U a (M^2 T / 4 pi) M2 (cm^2 MeV)
    private readonly double[][][]? _running;    // [component][species][node] Qtilde^SM(Q^2) of the species' flavour
    private readonly RecentKeyedValues<double[]>[] _neutronTerms, _protonTerms; // N F_N, Z F_Z per component (the last few radii)
    private readonly RecentKeyedValues<double[]>.Builder[] _neutronTerm, _protonTerm; // builds one of them for a radius (key [R])

    /// <summary>Form-factor arrays kept per component and nucleon kind: a finite-difference step in one radius and the
    /// interval searches of a profile fit revisit a handful of radii, in parallel fits interleaved.</summary>
    public const int RadiusCacheCapacity = 8;

    public CevnsSignalDecomposition(TargetMaterial target, RecoilSpectrum spectrum, CrossSectionOptions options) : base(spectrum)
    {
        if (spectrum.ComponentCount != target.Components.Count)
            throw new ArgumentException($"recoil spectrum has {spectrum.ComponentCount} components, target {target.Name} has {target.Components.Count}");
        _options = options;
        int nc = target.Components.Count, ns = SpeciesCount, nj = NodeCount;
        var nodes = spectrum.Grid.NodesMeV;
        _elements = target.Components.Select(c => c.Isotope.Element).Distinct().ToArray();
        _element = target.Components.Select(c => Array.IndexOf(_elements, c.Isotope.Element)).ToArray();
        _isotopes = target.Components.Select(c => c.Isotope).ToArray();
        _q2 = new double[nc][];
        _qFormFactor = new double[nc][];
        _helmSurface = new double[nc][];
        _neutrons = new double[nc];
        _protons = new double[nc];
        _weak = new double[nc][][];
        _magnetic = new double[nc][][];
        _scalar = new double[nc][][];
        _running = options.MomentumDependentChargeRadius ? new double[nc][][] : null;
        _neutronTerms = new RecentKeyedValues<double[]>[nc];
        _protonTerms = new RecentKeyedValues<double[]>[nc];
        _neutronTerm = new RecentKeyedValues<double[]>.Builder[nc];
        _protonTerm = new RecentKeyedValues<double[]>.Builder[nc];
        for (int c = 0; c < nc; c++)
        {
            int component = c;
            _neutronTerms[c] = new(RadiusCacheCapacity);
            _protonTerms[c] = new(RadiusCacheCapacity);
            _neutronTerm[c] = key => NucleonTerm(_neutrons[component], component, key[0]);
            _protonTerm[c] = key => NucleonTerm(_protons[component], component, key[0]);
        }
        double units = spectrum.TargetUnits;
        for (int c = 0; c < nc; c++)
        {
            var component = target.Components[c];
            var iso = component.Isotope;
            double mass = iso.NuclearMassMeV, a = units * component.AtomsPerUnit;
            double weakFactor = CevnsCouplings.WeakFactorCm2PerMeV(mass);
            _neutrons[c] = iso.N;
            _protons[c] = iso.Z;
            _q2[c] = new double[nj];
            _qFormFactor[c] = new double[nj];
            for (int j = 0; j < nj; j++)
            {
                double t = nodes[j];
                _q2[c][j] = Kinematics.InvariantMomentumTransferSquaredMeV2(t, mass);
                _qFormFactor[c][j] = CevnsCouplings.FormFactorMomentumPerFm(t, mass, options);
            }
            _helmSurface[c] = _qFormFactor[c].Select(q => HelmFormFactor.SurfaceFactor(q, HelmFormFactor.DefaultSurfaceThicknessFm)).ToArray();
            _weak[c] = new double[ns][];
            _magnetic[c] = new double[ns][];
            _scalar[c] = new double[ns][];
            if (_running is not null) _running[c] = new double[ns][];
            for (int s = 0; s < ns; s++)
            {
                var m = spectrum.Moments(c, s);
                var flavor = spectrum.Species[s].Flavor();
                var weak = _weak[c][s] = new double[nj];
                var magnetic = _magnetic[c][s] = new double[nj];
                var scalar = _scalar[c][s] = new double[nj];
                for (int j = 0; j < nj; j++)
                {
                    double t = nodes[j];
                    // (G_F^2 M / pi) (1 [- T/E] - M T / (2 E^2)) integrated over the flux: CevnsCrossSection's C0, C1, C2.
                    weak[j] = a * weakFactor * (m[j].M0 - (options.IncludeRecoilOverEnergyTerm ? t * m[j].M1 : 0.0) - mass * t / 2 * m[j].M2);
                    magnetic[j] = a * CevnsCouplings.MagneticFactorCm2 * (m[j].M0 / t - m[j].M1);
                    scalar[j] = a * mass * mass * t / (4 * Math.PI) * Constants.InverseMeV2InCm2 * m[j].M2;
                }
                if (_running is not null)
                {
                    var r = _running[c][s] = new double[nj];
                    for (int j = 0; j < nj; j++) r[j] = ChargeRadius.StandardModelCouplingShift(flavor, _q2[c][j]);
                }
            }
        }
    }

    // Key: (rp, rn) per element, then millicharge flag, Z' flag, M'^2, scalar flag, M_phi^2, magnetic flag.
    private int Flags => 2 * _elements.Length;

    public override int KeyLength => 2 * _elements.Length + 6;

    public override void Key(PhysicsParameters p, Span<double> key)
    {
        for (int e = 0; e < _elements.Length; e++)
        {
            key[2 * e] = p.ProtonRadiusFm(_elements[e]);
            key[2 * e + 1] = p.NeutronRadiusFm(_elements[e]);
        }
        bool millicharge = false, magnetic = false;
        foreach (var a in Flavors)
        {
            if (p.MagneticMomentBohr(a) != 0) magnetic = true;
            foreach (var b in Flavors)
                if (p.MillichargeE(a, b) != 0) millicharge = true;
        }
        bool vector = p.VectorMediatorCoupling != 0, scalar = p.ScalarMediatorCoupling != 0;
        key[Flags] = millicharge ? 1 : 0;
        key[Flags + 1] = vector ? 1 : 0;
        key[Flags + 2] = vector ? p.VectorMediatorMassMeV * p.VectorMediatorMassMeV : 0;
        key[Flags + 3] = scalar ? 1 : 0;
        key[Flags + 4] = scalar ? p.ScalarMediatorMassMeV * p.ScalarMediatorMassMeV : 0;
        key[Flags + 5] = magnetic ? 1 : 0;
    }

    private static readonly Flavor[] Flavors = [Flavor.E, Flavor.Mu, Flavor.Tau];

    /// <summary>Basis size: Z F_Z, N F_N, [millicharge], [running SM charge radius], [Z' on protons, neutrons].</summary>
    private int BasisSize(ReadOnlySpan<double> key) =>
        2 + (key[Flags] != 0 ? 1 : 0) + (_running is not null ? 1 : 0) + (key[Flags + 1] != 0 ? 2 : 0);

    public override int TermCount(ReadOnlySpan<double> key) =>
        Pairs(BasisSize(key)) + (key[Flags + 5] != 0 ? 1 : 0) + (key[Flags + 3] != 0 ? 1 : 0);

    public override void NodeFunctions(ReadOnlySpan<double> key, Span<double> into)
    {
        int m = BasisSize(key), terms = TermCount(key), nj = NodeCount, pairs = Pairs(m);
        bool millicharge = key[Flags] != 0, vector = key[Flags + 1] != 0, scalar = key[Flags + 3] != 0, magnetic = key[Flags + 5] != 0;
        double vectorMass2 = key[Flags + 2], scalarMass2 = key[Flags + 4];
        int magneticRow = pairs, scalarRow = pairs + (magnetic ? 1 : 0);
        into[..(SpeciesCount * terms * nj)].Clear();
        Span<double> f = stackalloc double[m];
        for (int c = 0; c < _q2.Length; c++)
        {
            var radii = NuclearRadiusSet.Radii(_options.NuclearRadii, _isotopes[c], key[2 * _element[c]], key[2 * _element[c] + 1]);
            var zf = _protonTerms[c].GetOrAdd([radii.ProtonFm], _protonTerm[c]);
            var nf = _neutronTerms[c].GetOrAdd([radii.NeutronFm], _neutronTerm[c]);
            var q2 = _q2[c];
            for (int s = 0; s < SpeciesCount; s++)
            {
                var weak = _weak[c][s];
                var running = _running?[c][s];
                int first = s * terms;
                if (m == 2 && !magnetic && !scalar)
                {
                    // Plain weak term (basis Z F_Z, N F_N): the three pair rows written directly, the same products in the
                    // same order as AddPairs, so the numbers are identical; this loop is most of a kernel build.
                    var r0 = into.Slice(first * nj, nj);
                    var r1 = into.Slice((first + 1) * nj, nj);
                    var r2 = into.Slice((first + 2) * nj, nj);
                    for (int j = 0; j < nj; j++)
                    {
                        double w = weak[j], a = zf[j], b = nf[j];
                        double wa = w * a, wb = w * b;
                        r0[j] += wa * a;
                        r1[j] += wa * b;
                        r2[j] += wb * b;
                    }
                    continue;
                }
                for (int j = 0; j < nj; j++)
                {
                    int k = 0;
                    f[k++] = zf[j];
                    f[k++] = nf[j];
                    if (millicharge) f[k++] = zf[j] / q2[j];
                    if (running is not null) f[k++] = zf[j] * running[j];
                    if (vector)
                    {
                        double v = 1.0 / (q2[j] + vectorMass2);
                        f[k++] = zf[j] * v;
                        f[k++] = nf[j] * v;
                    }
                    AddPairs(f, weak[j], into, first, nj, j);
                    if (magnetic) into[(first + magneticRow) * nj + j] += _magnetic[c][s][j] * zf[j] * zf[j];
                    if (scalar)
                    {
                        double qPhi = CevnsCrossSection.ProtonScalarCharge * zf[j] + CevnsCrossSection.NeutronScalarCharge * nf[j];
                        double den = q2[j] + scalarMass2;
                        into[(first + scalarRow) * nj + j] += _scalar[c][s][j] * qPhi * qPhi / (den * den);
                    }
                }
            }
        }
    }

    public override void Coefficients(PhysicsParameters parameters, ReadOnlySpan<double> key, Span<double> into)
    {
        int m = BasisSize(key), terms = TermCount(key), pairs = Pairs(m);
        bool millicharge = key[Flags] != 0, vector = key[Flags + 1] != 0, scalar = key[Flags + 3] != 0, magnetic = key[Flags + 5] != 0;
        Span<CevnsSpeciesCouplings> all = stackalloc CevnsSpeciesCouplings[CevnsCouplings.SpeciesCount];
        CevnsCouplings.Fill(parameters, _options, all);
        var mediators = CevnsMediatorCouplings.Of(parameters, _options);
        Span<double> rows = stackalloc double[3 * m];
        for (int s = 0; s < SpeciesCount; s++)
        {
            ref readonly var g = ref all[(int)Spectrum.Species[s]];
            rows.Clear();
            // Diagonal amplitude, then the two flavour-changing ones, over the basis of NodeFunctions.
            int k = 0;
            rows[k] = g.ProtonConst; rows[m + k] = g.Change1.ProtonConst; rows[2 * m + k] = g.Change2.ProtonConst; k++;
            rows[k] = g.NeutronConst; rows[m + k] = g.Change1.Neutron; rows[2 * m + k] = g.Change2.Neutron; k++;
            if (millicharge)
            {
                rows[k] = g.ProtonPerInvQ2; rows[m + k] = g.Change1.ProtonPerInvQ2; rows[2 * m + k] = g.Change2.ProtonPerInvQ2; k++;
            }
            if (_running is not null) rows[k++] = -1.0;
            if (vector)
            {
                rows[k++] = mediators.VectorProton;
                rows[k++] = mediators.VectorNeutron;
            }
            var c = into.Slice(s * terms, terms);
            QuadraticForm(rows, m, c);
            if (magnetic) c[pairs] = g.MagneticMomentSquared;
            if (scalar) c[pairs + (magnetic ? 1 : 0)] = mediators.ScalarCouplingFourth;
        }
    }

    /// <summary>
    /// Whether a key has only the plain weak term (basis Z F_Z, N F_N; terms Z^2 F_Z^2, Z F_Z N F_N, N^2 F_N^2 per species, in
    /// that order): its neutron-radius dependence then splits by element (<see cref="ElementNeutronRows"/>), which
    /// <see cref="BinnedSignal"/> uses to interpolate the folded rows in each element's neutron radius.
    /// </summary>
    public bool HasPlainWeakTerm(ReadOnlySpan<double> key) => BasisSize(key) == 2 && key[Flags + 3] == 0 && key[Flags + 5] == 0;

    /// <summary>Elements of the target, in key order: rp.&lt;El&gt; at key[2e], rn.&lt;El&gt; at key[2e + 1].</summary>
    public int ElementCount => _elements.Length;

    /// <summary>Whether every proton and neutron radius of a key is the catalogue default (the radii of every fit that does
    /// not free them).</summary>
    /// <summary>Whether every proton radius of the key is the catalogue one (the neutron radii may differ).</summary>
    public bool HasDefaultProtonRadii(ReadOnlySpan<double> key)
    {
        var sm = PhysicsParameters.StandardModel;
        for (int e = 0; e < _elements.Length; e++)
            if (key[2 * e] != sm.ProtonRadiusFm(_elements[e]))
                return false;
        return true;
    }

    public bool HasDefaultRadii(ReadOnlySpan<double> key)
    {
        var sm = PhysicsParameters.StandardModel;
        for (int e = 0; e < _elements.Length; e++)
            if (key[2 * e] != sm.ProtonRadiusFm(_elements[e]) || key[2 * e + 1] != sm.NeutronRadiusFm(_elements[e]))
                return false;
        return true;
    }

    /// <summary>
    /// The Z^2 F_Z^2 rows of the plain weak term (<see cref="HasPlainWeakTerm"/>), into[s * nodes + j]: the same sums in the same
    /// order as those rows of <see cref="NodeFunctions"/>, so the same numbers.
    /// </summary>
    public void ProtonProtonRows(ReadOnlySpan<double> key, Span<double> into)
    {
        int nj = NodeCount;
        into[..(SpeciesCount * nj)].Clear();
        for (int c = 0; c < _q2.Length; c++)
        {
            var radii = NuclearRadiusSet.Radii(_options.NuclearRadii, _isotopes[c], key[2 * _element[c]], key[2 * _element[c] + 1]);
            var zf = _protonTerms[c].GetOrAdd([radii.ProtonFm], _protonTerm[c]);
            for (int s = 0; s < SpeciesCount; s++)
            {
                var weak = _weak[c][s];
                var row = into.Slice(s * nj, nj);
                for (int j = 0; j < nj; j++)
                {
                    double a = zf[j];
                    row[j] += weak[j] * a * a;
                }
            }
        }
    }

    /// <summary>
    /// One element's part of the neutron rows of the plain weak term at element radii (rp, rn): into[(2 s) * nodes + j] =
    /// sum over the element's components of U a (G_F^2 M/pi)(...) Z F_Z N F_N, into[(2 s + 1) * nodes + j] the same with
    /// (N F_N)^2. The form factor at <paramref name="neutronFm"/> is computed, not cached (these are the interpolation
    /// nodes of <see cref="BinnedSignal"/>, visited once per panel).
    /// </summary>
    public void ElementNeutronRows(int element, double protonFm, double neutronFm, Span<double> into)
    {
        int nj = NodeCount;
        into[..(2 * SpeciesCount * nj)].Clear();
        for (int c = 0; c < _q2.Length; c++)
        {
            if (_element[c] != element) continue;
            var radii = NuclearRadiusSet.Radii(_options.NuclearRadii, _isotopes[c], protonFm, neutronFm);
            var zf = _protonTerms[c].GetOrAdd([radii.ProtonFm], _protonTerm[c]);
            var nf = NucleonTerm(_neutrons[c], c, radii.NeutronFm);
            for (int s = 0; s < SpeciesCount; s++)
            {
                var weak = _weak[c][s];
                var zn = into.Slice(2 * s * nj, nj);
                var nn = into.Slice((2 * s + 1) * nj, nj);
                for (int j = 0; j < nj; j++)
                {
                    double w = weak[j], a = zf[j], b = nf[j];
                    zn[j] += w * a * b;
                    nn[j] += w * b * b;
                }
            }
        }
    }

    /// <summary>Whether the neutron form factor of every component of an element exists at element radii (rp, rn) (the
    /// radius each component's form factor gets, <see cref="NuclearRadiusSet.Radii(NuclearRadiusModel, Isotope, double, double)"/>,
    /// inside the model's domain, <see cref="FormFactorFactory.IsDefined"/>): where <see cref="ElementNeutronRows"/> can be
    /// computed as far as the neutron radius goes.</summary>
    public bool NeutronFormFactorDefined(int element, double protonFm, double neutronFm)
    {
        for (int c = 0; c < _q2.Length; c++)
            if (_element[c] == element
                && !FormFactorFactory.IsDefined(_options.FormFactor, NuclearRadiusSet.Radii(_options.NuclearRadii, _isotopes[c], protonFm, neutronFm).NeutronFm))
                return false;
        return true;
    }

    /// <summary>
    /// Z F_Z or N F_N (<paramref name="count"/>: Z or N of the component) on the grid of a component for one radius; kept
    /// per component for the last <see cref="RadiusCacheCapacity"/> radii (<see cref="RecentKeyedValues{T}"/>).
    /// </summary>
    private double[] NucleonTerm(double count, int component, double radiusFm)
    {
        var ff = FormFactorFactory.Create(_options.FormFactor, radiusFm);
        var q = _qFormFactor[component];
        var values = new double[q.Length];
        if (ff is HelmFormFactor helm && helm.SurfaceThicknessFm == HelmFormFactor.DefaultSurfaceThicknessFm)
        {
            // The surface factors of the grid are the radius-independent part (computed once); same numbers as helm.At.
            var surface = _helmSurface[component];
            for (int j = 0; j < q.Length; j++) values[j] = count * helm.AtWithSurfaceFactor(q[j], surface[j]);
        }
        else
            for (int j = 0; j < q.Length; j++) values[j] = count * ff.At(q[j]);
        return values;
    }
}
