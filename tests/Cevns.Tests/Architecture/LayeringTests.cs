using System.Reflection;
using System.Reflection.Emit;

namespace Cevns.Tests.Architecture;

/// <summary>
/// The dependency order of docs/architecture.md, checked on the compiled library: a namespace may reference only
/// namespaces of its own layer or of layers below it. References are read from the assembly's metadata and IL
/// (<see cref="NamespaceReferences"/>), so a reference written only inside a method body counts as much as one in a
/// signature.
/// </summary>
public class LayeringTests
{
    /// <summary>
    /// The layers, lowest first; a layer is the namespace Cevns.X with all its sub-namespaces, which may reference
    /// each other freely (e.g. Datasets' kind registry and the kinds it builds).
    /// </summary>
    public static readonly string[] Layers =
    [
        "Data",        // locating and reading data files; no physics
        "Physics",     // constants, parameters, nuclei, form factors, cross sections
        "Sources",     // neutrino fluxes and arrival times
        "Detectors",   // quenching, resolution, efficiency, response matrices
        "Statistics",  // chi^2 building blocks and the minimiser; physics-free (see RestrictedLayers)
        "Datasets",    // definitions, predictions and likelihoods of the experiments
        "Fitting",     // joint fits, intervals, scans
        "Analyses",    // analysis files, reports, figures, validation
    ];

    /// <summary>
    /// Layers that may use less than everything below them. The statistics engine knows no physics (it sees
    /// parameter vectors and chi^2 functions), so it may use only the data-file layer.
    /// </summary>
    public static readonly Dictionary<string, string[]> RestrictedLayers = new()
    {
        ["Statistics"] = ["Data"],
    };

    /// <summary>
    /// References that break the order today, each with the reason it is tolerated. Empty: the library follows
    /// the order. An entry is "From -> To" with full namespaces.
    /// </summary>
    public static readonly Dictionary<string, string> AllowedViolations = new();

    private static string LibraryPath => typeof(Cevns.Physics.Constants).Assembly.Location;

    [Fact]
    public void LibraryFollowsTheLayerOrder()
    {
        var edges = NamespaceReferences.Read(LibraryPath);
        var violations = Violations(edges);
        if (violations.Count > 0)
        {
            var witnesses = NamespaceReferences.Witnesses(LibraryPath);
            Assert.Fail("namespace references against the layer order (docs/architecture.md):\n" + string.Join("\n",
                violations.Select(v => $"  {v.From} -> {v.To} (e.g. in type {witnesses.GetValueOrDefault((v.From, v.To), "?")})")));
        }
    }

    [Fact]
    public void EveryAllowedViolationStillExists()
    {
        // A stale entry would silently allow the reference again later.
        var edges = NamespaceReferences.Read(LibraryPath);
        foreach (var entry in AllowedViolations.Keys)
        {
            var parts = entry.Split(" -> ");
            Assert.True(edges.TryGetValue(parts[0], out var to) && to.Contains(parts[1]), $"allow-list entry '{entry}' no longer occurs: remove it");
        }
    }

    [Fact]
    public void EveryLibraryNamespaceBelongsToALayer()
    {
        var edges = NamespaceReferences.Read(LibraryPath);
        var unknown = edges.Keys.Where(ns => ns.StartsWith("Cevns", StringComparison.Ordinal) && LayerOf(ns) is null).ToList();
        Assert.True(unknown.Count == 0, "namespaces outside every layer: " + string.Join(", ", unknown));
    }

    [Fact]
    public void DetectorSeesKnownReferencesFromSignaturesAndBodies()
    {
        var edges = NamespaceReferences.Read(LibraryPath);
        // Signatures: likelihood kinds implement the Statistics chi^2 interfaces and hold Detectors' response.
        Assert.Contains("Cevns.Statistics", edges["Cevns.Datasets.Kinds"]);
        Assert.Contains("Cevns.Detectors", edges["Cevns.Datasets.Kinds"]);
        // The data layer and the statistics engine reference nothing above them.
        Assert.DoesNotContain(edges["Cevns.Data"], n => n.StartsWith("Cevns", StringComparison.Ordinal));
        Assert.DoesNotContain(edges["Cevns.Statistics"], n => n.StartsWith("Cevns.Physics", StringComparison.Ordinal));
    }

    [Fact]
    public void BackReferenceInAMethodBodyIsCaught()
    {
        // A synthetic assembly: a Physics type whose lambda-like nested class calls into Fitting only from IL, and a
        // Statistics type whose only reference to Physics is a local variable.
        var assembly = new PersistedAssemblyBuilder(new AssemblyName("SyntheticLayers"), typeof(object).Assembly);
        var module = assembly.DefineDynamicModule("SyntheticLayers");

        var fitting = module.DefineType("Cevns.Fitting.JointFit", TypeAttributes.Public | TypeAttributes.Class);
        var run = fitting.DefineMethod("Run", MethodAttributes.Public | MethodAttributes.Static, typeof(void), Type.EmptyTypes);
        run.GetILGenerator().Emit(OpCodes.Ret);
        fitting.CreateType();

        var physics = module.DefineType("Cevns.Physics.Constants", TypeAttributes.Public | TypeAttributes.Class);
        var closure = physics.DefineNestedType("<>c", TypeAttributes.NestedPrivate | TypeAttributes.Class);
        var body = closure.DefineMethod("Lambda", MethodAttributes.Public | MethodAttributes.Static, typeof(void), Type.EmptyTypes);
        var il = body.GetILGenerator();
        il.Emit(OpCodes.Call, run);
        il.Emit(OpCodes.Ret);
        physics.CreateType();
        closure.CreateType();

        var statistics = module.DefineType("Cevns.Statistics.Minimiser", TypeAttributes.Public | TypeAttributes.Class);
        var minimise = statistics.DefineMethod("Minimise", MethodAttributes.Public | MethodAttributes.Static, typeof(void), Type.EmptyTypes);
        var il2 = minimise.GetILGenerator();
        il2.DeclareLocal(physics);
        il2.Emit(OpCodes.Ret);
        statistics.CreateType();

        using var stream = new MemoryStream();
        assembly.Save(stream);
        stream.Position = 0;
        var edges = NamespaceReferences.Read(stream);

        Assert.Equal(["Cevns.Fitting"], edges["Cevns.Physics"]);
        Assert.Equal(["Cevns.Physics"], edges["Cevns.Statistics"]);
        Assert.Empty(edges["Cevns.Fitting"]);
        var violations = Violations(edges);
        Assert.Contains(("Cevns.Physics", "Cevns.Fitting"), violations);
        Assert.Contains(("Cevns.Statistics", "Cevns.Physics"), violations);
        Assert.Equal(2, violations.Count);
    }

    /// <summary>The layer (Cevns.X -> X) of a namespace of the library, null when it is in none.</summary>
    private static string? LayerOf(string ns)
    {
        var parts = ns.Split('.');
        return parts.Length >= 2 && parts[0] == "Cevns" && Layers.Contains(parts[1]) ? parts[1] : null;
    }

    private static bool MayReference(string fromLayer, string toLayer)
    {
        if (fromLayer == toLayer) return true;
        if (RestrictedLayers.TryGetValue(fromLayer, out var allowed)) return allowed.Contains(toLayer);
        return Array.IndexOf(Layers, toLayer) < Array.IndexOf(Layers, fromLayer);
    }

    private static List<(string From, string To)> Violations(IReadOnlyDictionary<string, IReadOnlySet<string>> edges)
    {
        var result = new List<(string, string)>();
        foreach (var (from, targets) in edges)
        {
            var fromLayer = LayerOf(from);
            if (fromLayer is null) continue;   // reported by EveryLibraryNamespaceBelongsToALayer
            foreach (var to in targets.Order(StringComparer.Ordinal))
            {
                if (!to.StartsWith("Cevns", StringComparison.Ordinal)) continue;   // compiler-generated, e.g. regex
                var toLayer = LayerOf(to);
                if (toLayer is not null && MayReference(fromLayer, toLayer)) continue;
                if (AllowedViolations.ContainsKey($"{from} -> {to}")) continue;
                result.Add((from, to));
            }
        }
        return result;
    }
}
