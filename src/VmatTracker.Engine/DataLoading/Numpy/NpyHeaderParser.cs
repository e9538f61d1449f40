using System.Globalization;

namespace VmatTracker.Engine.DataLoading.Numpy;

/// <summary>
/// A strict parser for the Python dict literal in a .npy header, e.g.
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }</c>. It accepts exactly the grammar numpy writes
/// (quoted strings, True/False, tuples of non-negative ints) because the header is untrusted input and anything
/// richer (structured dtypes, expressions) is not data this product can use.
/// </summary>
internal ref struct NpyHeaderParser
{
    private readonly ReadOnlySpan<char> _text;
    private int _position;

    private NpyHeaderParser(ReadOnlySpan<char> text)
    {
        _text = text;
        _position = 0;
    }

    /// <summary>Parses the literal into a header; throws <see cref="NumpyFormatException"/> naming the problem.</summary>
    public static NpyHeader Parse(string literal)
    {
        var parser = new NpyHeaderParser(literal);
        return parser.ParseDict(literal);
    }

    private NpyHeader ParseDict(string literal)
    {
        string? descr = null;
        bool? fortran = null;
        int[]? shape = null;
        Expect('{');
        while (true)
        {
            SkipSpace();
            if (TryConsume('}'))
            {
                break;
            }

            var key = ParseString();
            SkipSpace();
            Expect(':');
            SkipSpace();
            switch (key)
            {
                case "descr" when descr is null:
                    if (Peek() == '[')
                    {
                        throw Fail("structured dtypes (a list descr) are not supported");
                    }

                    descr = ParseString();
                    break;
                case "fortran_order" when fortran is null:
                    fortran = ParseBool();
                    break;
                case "shape" when shape is null:
                    shape = ParseShape();
                    break;
                case "descr" or "fortran_order" or "shape":
                    throw Fail($"key '{key}' appears twice");
                default:
                    throw Fail($"unexpected key '{key}'");
            }

            SkipSpace();
            if (!TryConsume(','))
            {
                SkipSpace();
                Expect('}');
                break;
            }
        }

        SkipSpace();
        if (_position != _text.Length)
        {
            throw Fail("text after the closing '}'");
        }

        if (descr is null || fortran is null || shape is null)
        {
            throw new NumpyFormatException(
                $"header '{literal.Trim()}' lacks one of 'descr', 'fortran_order', 'shape'");
        }

        return new NpyHeader(NpyDtype.Parse(descr), fortran.Value, shape);
    }

    private string ParseString()
    {
        var quote = Peek();
        if (quote is not ('\'' or '"'))
        {
            throw Fail("expected a quoted string");
        }

        _position++;
        var end = _text[_position..].IndexOf(quote);
        if (end < 0)
        {
            throw Fail("unterminated string");
        }

        var value = _text.Slice(_position, end);
        if (value.Contains('\\'))
        {
            throw Fail("escape sequences are not supported");
        }

        _position += end + 1;
        return value.ToString();
    }

    private bool ParseBool()
    {
        if (_text[_position..].StartsWith("True"))
        {
            _position += 4;
            return true;
        }

        if (_text[_position..].StartsWith("False"))
        {
            _position += 5;
            return false;
        }

        throw Fail("expected True or False");
    }

    private int[] ParseShape()
    {
        Expect('(');
        var axes = new List<int>();
        var trailingComma = false;
        SkipSpace();
        while (!TryConsume(')'))
        {
            if (axes.Count > 0 && !trailingComma)
            {
                throw Fail("expected ',' or ')' in the shape");
            }

            var start = _position;
            while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            {
                _position++;
            }

            if (start == _position
                || !int.TryParse(_text[start.._position], NumberStyles.None, CultureInfo.InvariantCulture, out var axis))
            {
                throw Fail("expected a non-negative axis length that fits in 32 bits");
            }

            axes.Add(axis);
            SkipSpace();
            trailingComma = TryConsume(',');
            SkipSpace();
        }

        // "(5)" is an int in Python, not a tuple; numpy always writes "(5,)".
        if (axes.Count == 1 && !trailingComma)
        {
            throw Fail("a one-axis shape must be written (n,)");
        }

        return [.. axes];
    }

    private readonly char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipSpace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r')
        {
            _position++;
        }
    }

    private bool TryConsume(char c)
    {
        if (Peek() != c)
        {
            return false;
        }

        _position++;
        return true;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            throw Fail($"expected '{c}'");
        }
    }

    private readonly NumpyFormatException Fail(string problem) =>
        new($"bad header '{_text.ToString().Trim()}': {problem} at character {_position}");
}
