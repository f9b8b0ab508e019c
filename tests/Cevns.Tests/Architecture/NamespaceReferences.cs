using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Cevns.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly reference which other namespaces of the same assembly, read from the compiled
/// metadata (ECMA-335): base types, interfaces, generic constraints, field/method/property signatures, custom
/// attributes, local variables, and every type, method or field token in a method body's IL. Nested and
/// compiler-generated types (closures, iterators, async state machines) count for the namespace of their outermost
/// declaring type, so a lambda's references belong to the class that wrote it. References to other assemblies are
/// ignored: only edges between namespaces defined in the assembly are reported.
/// </summary>
public static class NamespaceReferences
{
    /// <summary>Edges (from namespace -> set of referenced namespaces, self excluded) of the assembly file.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        return Read(stream);
    }

    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Read(Stream assembly)
    {
        using var pe = new PEReader(assembly, PEStreamOptions.LeaveOpen);
        var md = pe.GetMetadataReader();
        var walker = new Walker(pe, md);
        return walker.Run();
    }

    /// <summary>Also reports, per edge, one type that makes it (for readable failure messages).</summary>
    public static IReadOnlyDictionary<(string From, string To), string> Witnesses(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var walker = new Walker(pe, pe.GetMetadataReader());
        walker.Run();
        return walker.Witness;
    }

    private sealed class Walker(PEReader pe, MetadataReader md)
    {
        private readonly Dictionary<string, HashSet<string>> _edges = new(StringComparer.Ordinal);
        public readonly Dictionary<(string, string), string> Witness = new();
        private readonly SignatureNamespaces _provider = new(md);
        private string _from = "";
        private string _fromType = "";

        public IReadOnlyDictionary<string, IReadOnlySet<string>> Run()
        {
            foreach (var th in md.TypeDefinitions)
            {
                var ns = NamespaceOf(th);
                if (ns.Length == 0) continue;   // <Module>, <PrivateImplementationDetails>
                _from = ns;
                _fromType = md.GetString(md.GetTypeDefinition(th).Name);
                if (!_edges.ContainsKey(ns)) _edges[ns] = new HashSet<string>(StringComparer.Ordinal);
                VisitType(th);
            }
            return _edges.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<string>)kv.Value, StringComparer.Ordinal);
        }

        private string NamespaceOf(TypeDefinitionHandle handle)
        {
            var t = md.GetTypeDefinition(handle);
            while (t.IsNested) t = md.GetTypeDefinition(t.GetDeclaringType());
            return md.GetString(t.Namespace);
        }

        private void Add(string ns)
        {
            if (ns.Length == 0 || ns == _from) return;
            if (_edges[_from].Add(ns)) Witness[(_from, ns)] = _fromType;
        }

        private void AddAll(IEnumerable<string> namespaces)
        {
            foreach (var ns in namespaces) Add(ns);
        }

        private void VisitType(TypeDefinitionHandle th)
        {
            var t = md.GetTypeDefinition(th);
            if (!t.BaseType.IsNil) AddAll(TypeHandleNamespaces(t.BaseType));
            foreach (var ih in t.GetInterfaceImplementations())
                AddAll(TypeHandleNamespaces(md.GetInterfaceImplementation(ih).Interface));
            foreach (var gh in t.GetGenericParameters()) VisitGenericParameter(gh);
            VisitAttributes(t.GetCustomAttributes());

            foreach (var fh in t.GetFields())
            {
                var f = md.GetFieldDefinition(fh);
                AddAll(f.DecodeSignature(_provider, null));
                VisitAttributes(f.GetCustomAttributes());
            }
            foreach (var ph in t.GetProperties())
            {
                var p = md.GetPropertyDefinition(ph);
                VisitMethodSignature(p.DecodeSignature(_provider, null));
                VisitAttributes(p.GetCustomAttributes());
            }
            foreach (var eh in t.GetEvents())
                AddAll(TypeHandleNamespaces(md.GetEventDefinition(eh).Type));
            foreach (var mh in t.GetMethods())
            {
                var m = md.GetMethodDefinition(mh);
                VisitMethodSignature(m.DecodeSignature(_provider, null));
                foreach (var gh in m.GetGenericParameters()) VisitGenericParameter(gh);
                VisitAttributes(m.GetCustomAttributes());
                if (m.RelativeVirtualAddress != 0) VisitBody(pe.GetMethodBody(m.RelativeVirtualAddress));
            }
        }

        private void VisitGenericParameter(GenericParameterHandle gh)
        {
            foreach (var ch in md.GetGenericParameter(gh).GetConstraints())
                AddAll(TypeHandleNamespaces(md.GetGenericParameterConstraint(ch).Type));
        }

        private void VisitAttributes(CustomAttributeHandleCollection attributes)
        {
            foreach (var ah in attributes) VisitToken(md.GetCustomAttribute(ah).Constructor);
        }

        private void VisitMethodSignature(MethodSignature<IEnumerable<string>> sig)
        {
            AddAll(sig.ReturnType);
            foreach (var p in sig.ParameterTypes) AddAll(p);
        }

        private void VisitBody(MethodBodyBlock body)
        {
            if (!body.LocalSignature.IsNil)
            {
                var locals = md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(_provider, null);
                foreach (var l in locals) AddAll(l);
            }
            foreach (var region in body.ExceptionRegions)
                if (!region.CatchType.IsNil) AddAll(TypeHandleNamespaces(region.CatchType));

            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                var op = ReadOpCode(ref il);
                switch (op.OperandType)
                {
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                    case OperandType.InlineSig:
                        VisitToken(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    case OperandType.InlineSwitch:
                        int n = il.ReadInt32();
                        il.Offset += 4 * n;
                        break;
                    default:
                        il.Offset += OperandSize(op.OperandType);
                        break;
                }
            }
        }

        private void VisitToken(EntityHandle handle)
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                case HandleKind.TypeReference:
                case HandleKind.TypeSpecification:
                    AddAll(TypeHandleNamespaces(handle));
                    break;
                case HandleKind.MethodDefinition:
                {
                    var m = md.GetMethodDefinition((MethodDefinitionHandle)handle);
                    Add(NamespaceOf(m.GetDeclaringType()));
                    VisitMethodSignature(m.DecodeSignature(_provider, null));
                    break;
                }
                case HandleKind.FieldDefinition:
                {
                    var f = md.GetFieldDefinition((FieldDefinitionHandle)handle);
                    Add(NamespaceOf(f.GetDeclaringType()));
                    AddAll(f.DecodeSignature(_provider, null));
                    break;
                }
                case HandleKind.MemberReference:
                {
                    var r = md.GetMemberReference((MemberReferenceHandle)handle);
                    VisitToken(r.Parent);
                    if (r.GetKind() == MemberReferenceKind.Method) VisitMethodSignature(r.DecodeMethodSignature(_provider, null));
                    else AddAll(r.DecodeFieldSignature(_provider, null));
                    break;
                }
                case HandleKind.MethodSpecification:
                {
                    var s = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                    VisitToken(s.Method);
                    foreach (var a in s.DecodeSignature(_provider, null)) AddAll(a);
                    break;
                }
                case HandleKind.StandaloneSignature:
                {
                    var sig = md.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                    if (sig.GetKind() == StandaloneSignatureKind.Method)
                        VisitMethodSignature(sig.DecodeMethodSignature(_provider, null));
                    break;
                }
            }
        }

        private IEnumerable<string> TypeHandleNamespaces(EntityHandle handle) => handle.Kind switch
        {
            HandleKind.TypeDefinition => _provider.GetTypeFromDefinition(md, (TypeDefinitionHandle)handle, 0),
            HandleKind.TypeReference => _provider.GetTypeFromReference(md, (TypeReferenceHandle)handle, 0),
            HandleKind.TypeSpecification => _provider.GetTypeFromSpecification(md, null, (TypeSpecificationHandle)handle, 0),
            _ => [],
        };
    }

    /// <summary>Decodes a signature into the namespaces of the assembly's own types it mentions.</summary>
    private sealed class SignatureNamespaces(MetadataReader md) : ISignatureTypeProvider<IEnumerable<string>, object?>
    {
        private static readonly string[] None = [];

        public IEnumerable<string> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            var t = md.GetTypeDefinition(handle);
            while (t.IsNested) t = md.GetTypeDefinition(t.GetDeclaringType());
            return [md.GetString(t.Namespace)];
        }

        // A type reference inside the assembly's own metadata points to another assembly (the compiler emits
        // definitions for its own types), so it contributes no edge.
        public IEnumerable<string> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => None;

        public IEnumerable<string> GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            md.GetTypeSpecification(handle).DecodeSignature(this, context);

        public IEnumerable<string> GetSZArrayType(IEnumerable<string> elementType) => elementType;
        public IEnumerable<string> GetArrayType(IEnumerable<string> elementType, ArrayShape shape) => elementType;
        public IEnumerable<string> GetByReferenceType(IEnumerable<string> elementType) => elementType;
        public IEnumerable<string> GetPointerType(IEnumerable<string> elementType) => elementType;
        public IEnumerable<string> GetPinnedType(IEnumerable<string> elementType) => elementType;
        public IEnumerable<string> GetGenericInstantiation(IEnumerable<string> genericType, ImmutableArray<IEnumerable<string>> typeArguments) =>
            genericType.Concat(typeArguments.SelectMany(a => a)).ToArray();
        public IEnumerable<string> GetModifiedType(IEnumerable<string> modifier, IEnumerable<string> unmodifiedType, bool isRequired) => unmodifiedType;
        public IEnumerable<string> GetFunctionPointerType(MethodSignature<IEnumerable<string>> signature) =>
            signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(p => p)).ToArray();
        public IEnumerable<string> GetGenericMethodParameter(object? genericContext, int index) => None;
        public IEnumerable<string> GetGenericTypeParameter(object? genericContext, int index) => None;
        public IEnumerable<string> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private static OpCode ReadOpCode(ref BlobReader il)
    {
        byte b = il.ReadByte();
        short value = b == 0xFE ? unchecked((short)(0xFE00 | il.ReadByte())) : b;
        return OpCodesByValue.TryGetValue(value, out var op)
            ? op
            : throw new BadImageFormatException($"unknown IL opcode 0x{value:X4} at offset {il.Offset}");
    }

    private static int OperandSize(OperandType type) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineBrTarget or OperandType.InlineI or OperandType.ShortInlineR or OperandType.InlineString => 4,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => throw new BadImageFormatException($"operand type {type} not handled"),
    };
}
