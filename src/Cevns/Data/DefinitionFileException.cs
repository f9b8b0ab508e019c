namespace Cevns.Data;

/// <summary>A definition file (dataset, analysis or validation entries) is malformed; the message names the file, line and key.</summary>
public sealed class DefinitionFileException(string message) : Exception(message);
