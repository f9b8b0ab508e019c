namespace Cevns.Analyses.Figures;

/// <summary>A figure could not be drawn or written; the message is one line.</summary>
public sealed class FigureException(string message) : Exception(message);
