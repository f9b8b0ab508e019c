using Cevns.Physics;
using Cevns.Physics.Electroweak;
using Cevns.Physics.Nuclei;
using Cevns.Sources;

namespace Cevns.Datasets.Kinds;

/// <summary>
/// The physics functions an external measurement can be predicted by (the 'observable:' key of an external-measurement
/// dataset; docs/physics.md sec. 11). Each maps the physics parameters to one number: sin^2 theta_W is evaluated at the
/// probe's momentum transfer through the running shift (<see cref="WeakMixingRunning.AtMomentumTransfer"/>), radii are the
/// shared rn.&lt;El&gt; / rp.&lt;El&gt; parameters.
/// </summary>
public abstract record ExternalObservable(string Name)
{
    public abstract double Predict(PhysicsParameters p);

    /// <summary>
    /// The physics parameters the prediction depends on (for help and reports), exactly those <see cref="Predict"/> reads:
    /// a fit takes the dataset as independent of every other parameter (<see cref="ExternalMeasurementDataset.Reads"/>).
    /// </summary>
    public abstract IReadOnlyList<string> Parameters { get; }

    public static readonly string[] Names = ["apv-weak-charge", "pves-weak-form-factor", "proton-weak-charge", "sin2-theta-w", "neutron-radius", "nue-e-dar-cross-section"];

    /// <summary>APV effective weak charge Q_W(s^2(Q)) + N Q_W^n (q_n / q_p - 1) of <see cref="AtomicParityViolation.EffectiveWeakCharge"/>.</summary>
    public sealed record ApvWeakCharge(Isotope Nucleus, double MomentumTransferGeV) : ExternalObservable("apv-weak-charge")
    {
        public override double Predict(PhysicsParameters p) =>
            AtomicParityViolation.EffectiveWeakCharge(Nucleus.Z, Nucleus.N, WeakMixingRunning.AtMomentumTransfer(p.Sin2ThetaW, MomentumTransferGeV),
                p.NeutronRadiusFm(Nucleus.Element), p.ProtonRadiusFm(Nucleus.Element), Nucleus.ChargeRadiusFm);

        public override IReadOnlyList<string> Parameters => ["sin2_theta_w", $"rn.{Nucleus.Element}", $"rp.{Nucleus.Element}"];
    }

    /// <summary>PVES weak form factor F_W(q) of <see cref="ParityViolatingElectronScattering.WeakFormFactor"/>.</summary>
    public sealed record PvesWeakFormFactor(Isotope Nucleus, double QPerFm, double MomentumTransferGeV) : ExternalObservable("pves-weak-form-factor")
    {
        public override double Predict(PhysicsParameters p) =>
            ParityViolatingElectronScattering.WeakFormFactor(Nucleus.Z, Nucleus.N, QPerFm,
                WeakMixingRunning.AtMomentumTransfer(p.Sin2ThetaW, MomentumTransferGeV),
                p.ProtonRadiusFm(Nucleus.Element), p.NeutronRadiusFm(Nucleus.Element));

        public override IReadOnlyList<string> Parameters => ["sin2_theta_w", $"rn.{Nucleus.Element}", $"rp.{Nucleus.Element}"];
    }

    /// <summary>Free-proton weak charge (Qweak) at the experiment's momentum transfer.</summary>
    public sealed record ProtonWeakCharge(double MomentumTransferGeV) : ExternalObservable("proton-weak-charge")
    {
        public override double Predict(PhysicsParameters p) =>
            WeakCharges.ProtonWeakCharge(WeakMixingRunning.AtMomentumTransfer(p.Sin2ThetaW, MomentumTransferGeV));

        public override IReadOnlyList<string> Parameters => ["sin2_theta_w"];
    }

    /// <summary>A published sin^2 theta_W determination at its momentum transfer (e.g. nu-e scattering).</summary>
    public sealed record Sin2Measurement(double MomentumTransferGeV) : ExternalObservable("sin2-theta-w")
    {
        public override double Predict(PhysicsParameters p) => WeakMixingRunning.AtMomentumTransfer(p.Sin2ThetaW, MomentumTransferGeV);

        public override IReadOnlyList<string> Parameters => ["sin2_theta_w"];
    }

    /// <summary>A direct measurement of a point-neutron rms radius (a prior on rn.&lt;El&gt;).</summary>
    public sealed record NeutronRadius(string Element) : ExternalObservable("neutron-radius")
    {
        public override double Predict(PhysicsParameters p) => p.NeutronRadiusFm(Element);

        public override IReadOnlyList<string> Parameters => [$"rn.{Element}"];
    }

    /// <summary>
    /// Flux-averaged nu_e - e elastic cross section per unit neutrino energy, int f sigma dE / int f E dE over the nu_e Michel
    /// spectrum of mu+ decay at rest (<see cref="MichelSpectra"/>), in 1e-45 cm^2 / MeV: the k of a published sigma = k E_nu
    /// (LSND). sigma of <see cref="ElectronNeutrinoElectronScattering"/> at sin^2 theta_W(|Q|) with the radiatively corrected
    /// (default) or the tree-level couplings. The three s^2-independent spectrum averages are computed once; a prediction
    /// combines them with g_L, g_R.
    /// </summary>
    public sealed record NuEElectronDarCrossSection(double MomentumTransferGeV,
        ElectronNeutrinoCouplingScheme Couplings = ElectronNeutrinoCouplingScheme.RadiativelyCorrected) : ExternalObservable("nue-e-dar-cross-section")
    {
        /// <summary>The unit of the observable, cm^2 / MeV.</summary>
        public const double UnitCm2PerMeV = 1e-45;

        /// <summary>Names of the coupling schemes in a definition's 'couplings:' key.</summary>
        public static readonly string[] CouplingNames = ["radiatively-corrected", "tree-level"];

        private static readonly ElectronNeutrinoElectronScattering.Parts MichelAveraged =
            ElectronNeutrinoElectronScattering.SpectrumAveragedPerEnergy(MichelSpectra.ElectronNeutrinoDensity, MichelSpectra.EndpointMeV);

        public override double Predict(PhysicsParameters p) =>
            MichelAveraged.Combine(ElectronNeutrinoElectronScattering.ChiralCouplings.For(Couplings,
                WeakMixingRunning.AtMomentumTransfer(p.Sin2ThetaW, MomentumTransferGeV))) / UnitCm2PerMeV;

        public override IReadOnlyList<string> Parameters => ["sin2_theta_w"];
    }
}
