namespace VmatTracker.Data.Queries;

/// <summary>A token of the filter language, with its 0-based position.</summary>
internal readonly record struct FilterToken(FilterTokenKind Kind, string Text, int Position, object? Value = null);

/// <summary>Token kinds.</summary>
internal enum FilterTokenKind
{
    Identifier,
    String,
    Number,
    Operator,
    OpenParen,
    CloseParen,
    Dot,
    End,
}
