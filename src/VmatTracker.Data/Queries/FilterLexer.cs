using System.Globalization;
using System.Text;

namespace VmatTracker.Data.Queries;

/// <summary>Splits a filter into tokens. Identifiers may hold letters, digits, <c>_ - /</c> (metric names do).</summary>
internal static class FilterLexer
{
    public static List<FilterToken> Tokenize(string text)
    {
        var tokens = new List<FilterToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '(')
            {
                tokens.Add(new FilterToken(FilterTokenKind.OpenParen, "(", i++));
            }
            else if (c == ')')
            {
                tokens.Add(new FilterToken(FilterTokenKind.CloseParen, ")", i++));
            }
            else if (c == '.' && !(i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && PrecedesValue(tokens)))
            {
                tokens.Add(new FilterToken(FilterTokenKind.Dot, ".", i++));
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var start = i++;
                if (i < text.Length && text[i] == '=')
                {
                    i++;
                }
                else if (c == '!')
                {
                    throw new FilterSyntaxException("'!' must be followed by '=' (use 'not' to negate)", start);
                }

                var op = text[start..i];
                tokens.Add(new FilterToken(FilterTokenKind.Operator, op == "==" ? "=" : op, start));
            }
            else if (c is '"' or '\'')
            {
                tokens.Add(ReadString(text, ref i));
            }
            else if (char.IsAsciiDigit(c) || ((c is '-' or '+' or '.') && i + 1 < text.Length
                         && (char.IsAsciiDigit(text[i + 1]) || text[i + 1] == '.')))
            {
                tokens.Add(ReadNumber(text, ref i));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-' or '/'))
                {
                    i++;
                }

                tokens.Add(new FilterToken(FilterTokenKind.Identifier, text[start..i], start));
            }
            else
            {
                throw new FilterSyntaxException($"unexpected character '{c}'", i);
            }
        }

        tokens.Add(new FilterToken(FilterTokenKind.End, string.Empty, text.Length));
        return tokens;
    }

    // A '.' starts a number like .5 only where a value can stand (after an operator), not inside a field name.
    private static bool PrecedesValue(List<FilterToken> tokens) =>
        tokens.Count > 0 && tokens[^1].Kind == FilterTokenKind.Operator;

    private static FilterToken ReadString(string text, ref int i)
    {
        var start = i;
        var quote = text[i++];
        var value = new StringBuilder();
        while (true)
        {
            if (i >= text.Length)
            {
                throw new FilterSyntaxException("the string is not closed", start);
            }

            var c = text[i++];
            if (c == quote)
            {
                break;
            }

            if (c == '\\' && i < text.Length)
            {
                c = text[i++];
            }

            value.Append(c);
        }

        return new FilterToken(FilterTokenKind.String, text[start..i], start, value.ToString());
    }

    private static FilterToken ReadNumber(string text, ref int i)
    {
        var start = i;
        i++;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or 'e' or 'E'
                   || (text[i] is '-' or '+' && text[i - 1] is 'e' or 'E')))
        {
            i++;
        }

        var raw = text[start..i];
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            throw new FilterSyntaxException($"'{raw}' is not a number", start);
        }

        return new FilterToken(FilterTokenKind.Number, raw, start, number);
    }
}
