using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Cevns.Data;

/// <summary>
/// Typed, line-aware access to a YAML mapping of facts (a dataset definition, an analysis file, or one of their sections).
/// Every failure is a one-line <see cref="DefinitionFileException"/> in the format of the data readers
/// (<see cref="DataFileException"/>): "file:line: key.path: what was expected[, found 'text']", e.g.
/// "csi.yaml:12: source.pot: expected a finite number, found 'lots'".
/// </summary>
public sealed class Facts
{
    private readonly YamlMappingNode _node;

    public string File { get; }
    public string Path { get; }

    public Facts(string file, string path, YamlMappingNode node)
    {
        File = file;
        Path = path;
        _node = node;
    }

    public static Facts Load(string file, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            // YamlDotNet places errors at the end of the text one line past the last one; name the last line instead.
            long line = Math.Clamp(e.Start.Line, 1, LineCount(text));
            throw new DefinitionFileException($"{file}:{line}: malformed YAML: {DataFileException.Quote(FirstLine(e.Message))}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 16.3 throws these (without a position) on some malformed input, e.g. an alias "*a" in a flow
            // mapping or a key starting with ": " (found by tests/Cevns.Tests/Parsers/ParserFuzzTests).
            throw new DefinitionFileException($"{file}: malformed YAML: {DataFileException.Quote(FirstLine(e.Message))}");
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet 16 throws this, without a position, for some unterminated flow collections (e.g. "[1, 2").
            throw new DefinitionFileException($"{file}: malformed YAML: {FirstLine(e.Message)}");
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new DefinitionFileException($"{file}:1: expected one YAML mapping (key: value lines)");
        return new Facts(file, "", root);
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    /// <summary>Lines of a YAML text as YAML counts them (breaks: CR LF, CR, LF, NEL, LS, PS); at least 1.</summary>
    private static int LineCount(string text)
    {
        int lines = 1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                continue;
            if (c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029')
                lines++;
        }
        return text.Length > 0 && text[^1] is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029' ? Math.Max(1, lines - 1) : lines;
    }

    /// <summary>", found 'text'" for a scalar node, ", found a list" / ", found a section" otherwise.</summary>
    private static string Found(YamlNode node) => node switch
    {
        YamlScalarNode { Value: { } v } => $", found '{DataFileException.Quote(v)}'",
        YamlScalarNode => ", found nothing",
        YamlSequenceNode => ", found a list",
        YamlMappingNode => ", found a section",
        _ => "",
    };

    /// <summary>"section.key"; a key from the file is quoted so that the message stays one line.</summary>
    private string KeyPath(string key) => Path.Length == 0 ? DataFileException.Quote(key) : $"{Path}.{DataFileException.Quote(key)}";

    private int Line(YamlNode n) => (int)n.Start.Line;

    public DefinitionFileException Error(string key, string what) =>
        new($"{File}:{(_node.Children.TryGetValue(new YamlScalarNode(key), out var n) ? Line(n) : Line(_node))}: {KeyPath(key)}: {what}");

    public bool Has(string key) => _node.Children.ContainsKey(new YamlScalarNode(key));

    /// <summary>True when the value under <paramref name="key"/> is a list (e.g. [a, b]) rather than a single value.</summary>
    public bool IsList(string key) => Has(key) && Node(key) is YamlSequenceNode;

    /// <summary>True when the value under <paramref name="key"/> is a section (key: value pairs) rather than a single value.</summary>
    public bool IsSection(string key) => Has(key) && Node(key) is YamlMappingNode;

    public IEnumerable<string> Keys => _node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    private YamlNode Node(string key) =>
        _node.Children.TryGetValue(new YamlScalarNode(key), out var n) ? n
            : throw new DefinitionFileException($"{File}:{Line(_node)}: {KeyPath(key)}: missing required key");

    public string String(string key)
    {
        var node = Node(key);
        if (node is YamlScalarNode { Value: { Length: > 0 } v }) return v;
        throw Error(key, "expected a non-empty text value" + Found(node));
    }

    public string? OptionalString(string key) => Has(key) ? String(key) : null;

    public double Number(string key)
    {
        var node = Node(key);
        if (node is YamlScalarNode { Value: { } v } &&
            double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x))
            return x;
        throw Error(key, "expected a finite number" + Found(node));
    }

    public double PositiveNumber(string key)
    {
        var x = Number(key);
        return x > 0 ? x : throw Error(key, $"expected a positive number, found {TextTable.Format(x)}");
    }

    public double OptionalNumber(string key, double fallback) => Has(key) ? Number(key) : fallback;

    public bool Bool(string key, bool fallback)
    {
        if (!Has(key)) return fallback;
        var node = Node(key);
        if (node is YamlScalarNode { Value: { } v } && bool.TryParse(v, out var b)) return b;
        throw Error(key, "expected true or false" + Found(node));
    }

    public double[] Numbers(string key)
    {
        if (Node(key) is not YamlSequenceNode seq)
            throw Error(key, "expected a list of numbers, e.g. [1, 2, 3]" + Found(Node(key)));
        var result = new double[seq.Children.Count];
        for (int i = 0; i < result.Length; i++)
        {
            if (seq.Children[i] is not YamlScalarNode { Value: { } v } ||
                !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]) || !double.IsFinite(result[i]))
                throw new DefinitionFileException($"{File}:{Line(seq.Children[i])}: {KeyPath(key)}[{i}]: expected a finite number{Found(seq.Children[i])}");
        }
        return result;
    }

    public string[] Strings(string key)
    {
        if (Node(key) is not YamlSequenceNode seq)
            throw Error(key, "expected a list of text values" + Found(Node(key)));
        return seq.Children.Select((c, i) => c is YamlScalarNode { Value: { } v } ? v
            : throw new DefinitionFileException($"{File}:{Line(c)}: {KeyPath(key)}[{i}]: expected a text value{Found(c)}")).ToArray();
    }

    public Facts Section(string key) =>
        Node(key) is YamlMappingNode m ? new Facts(File, KeyPath(key), m) : throw Error(key, "expected a section of key: value lines" + Found(Node(key)));

    public Facts? OptionalSection(string key) => Has(key) ? Section(key) : null;

    /// <summary>Rejects keys that are not in the allowed list (catches typos in definitions and analysis files).</summary>
    public void AllowOnly(params string[] allowed)
    {
        foreach (var (k, _) in _node.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name))
                throw new DefinitionFileException(
                    $"{File}:{Line(k)}: {KeyPath(name)}: unknown key (allowed: {string.Join(", ", allowed)})");
        }
    }
}
