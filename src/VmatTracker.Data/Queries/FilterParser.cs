namespace VmatTracker.Data.Queries;

/// <summary>
/// Parses the run filter language (grammar in docs/tracking-store.md):
/// <c>params.use_structure_weighted = true and metrics."val/mae_gy".min &lt; 3 and (params.seed = 42 or tags.site = "prostate")</c>.
/// Keywords are case-insensitive; <c>and</c> binds tighter than <c>or</c>.
/// </summary>
public sealed class FilterParser
{
    private readonly List<FilterToken> _tokens;
    private int _index;

    private FilterParser(string text) => _tokens = FilterLexer.Tokenize(text);

    private FilterToken Current => _tokens[_index];

    /// <summary>Parses a filter.</summary>
    /// <exception cref="FilterSyntaxException">The text does not parse; the message names the position.</exception>
    public static FilterNode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new FilterParser(text);
        if (parser.Current.Kind == FilterTokenKind.End)
        {
            throw new FilterSyntaxException("the filter is empty", 0);
        }

        var node = parser.ParseOr();
        parser.Expect(FilterTokenKind.End, "'and', 'or' or the end of the filter");
        return node;
    }

    /// <summary>Parses a field name alone, e.g. <c>metrics."val/mae_gy".min</c> (for sorting).</summary>
    /// <exception cref="FilterSyntaxException">The text is not a field.</exception>
    public static RunField ParseField(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new FilterParser(text);
        var field = parser.ReadField();
        parser.Expect(FilterTokenKind.End, "the end of the field name");
        return field;
    }

    private FilterNode ParseOr()
    {
        var left = ParseAnd();
        while (IsKeyword("or"))
        {
            _index++;
            left = new OrNode(left, ParseAnd());
        }

        return left;
    }

    private FilterNode ParseAnd()
    {
        var left = ParseUnary();
        while (IsKeyword("and"))
        {
            _index++;
            left = new AndNode(left, ParseUnary());
        }

        return left;
    }

    private FilterNode ParseUnary()
    {
        if (IsKeyword("not"))
        {
            _index++;
            return new NotNode(ParseUnary());
        }

        if (Current.Kind == FilterTokenKind.OpenParen)
        {
            _index++;
            var inner = ParseOr();
            Expect(FilterTokenKind.CloseParen, "')'");
            return inner;
        }

        return ParseComparison();
    }

    private ComparisonNode ParseComparison()
    {
        var position = Current.Position;
        var field = ReadField();
        FilterOperator op;
        if (IsKeyword("contains"))
        {
            op = FilterOperator.Contains;
        }
        else if (Current.Kind == FilterTokenKind.Operator)
        {
            op = Current.Text switch
            {
                "=" => FilterOperator.Equal,
                "!=" => FilterOperator.NotEqual,
                "<" => FilterOperator.Less,
                "<=" => FilterOperator.LessOrEqual,
                ">" => FilterOperator.Greater,
                _ => FilterOperator.GreaterOrEqual,
            };
        }
        else
        {
            throw Error("a comparison (=, !=, <, <=, >, >=, contains)");
        }

        _index++;
        var literal = ReadLiteral();
        if (op == FilterOperator.Contains && literal is not string)
        {
            throw new FilterSyntaxException("'contains' needs a quoted string", _tokens[_index - 1].Position);
        }

        return new ComparisonNode(field, op, literal, position);
    }

    private object? ReadLiteral()
    {
        var token = Current;
        _index++;
        return token.Kind switch
        {
            FilterTokenKind.Number or FilterTokenKind.String => token.Value,
            FilterTokenKind.Identifier when token.Text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            FilterTokenKind.Identifier when token.Text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            FilterTokenKind.Identifier when token.Text.Equals("null", StringComparison.OrdinalIgnoreCase) => null,
            // A bare word is a string, so status = completed reads naturally.
            FilterTokenKind.Identifier => token.Text,
            _ => throw new FilterSyntaxException(
                $"expected a value (number, \"string\", true, false, null) but found {Describe(token)}", token.Position),
        };
    }

    private RunField ReadField()
    {
        var first = Current;
        if (first.Kind != FilterTokenKind.Identifier)
        {
            throw Error("a field (a column, params.NAME, tags.NAME or metrics.NAME.min|max|last)");
        }

        _index++;
        var family = first.Text.ToLowerInvariant();
        if (family is not ("params" or "tags" or "metrics"))
        {
            if (!RunField.Columns.Contains(family))
            {
                throw new FilterSyntaxException(
                    $"unknown field '{first.Text}'; use one of {string.Join(", ", RunField.Columns)}, params.NAME, tags.NAME or metrics.NAME.min|max|last",
                    first.Position);
            }

            return new RunField(RunFieldKind.Column, family);
        }

        var segments = new List<FilterToken>();
        while (Current.Kind == FilterTokenKind.Dot)
        {
            _index++;
            if (Current.Kind is not (FilterTokenKind.Identifier or FilterTokenKind.String))
            {
                throw Error($"a name after '{family}.'");
            }

            segments.Add(Current);
            _index++;
        }

        string Join(IEnumerable<FilterToken> parts) =>
            string.Join('.', parts.Select(p => p.Kind == FilterTokenKind.String ? (string)p.Value! : p.Text));

        if (segments.Count == 0)
        {
            throw Error($"'.' and a name after '{family}'");
        }

        if (family != "metrics")
        {
            return new RunField(family == "params" ? RunFieldKind.Parameter : RunFieldKind.Tag, Join(segments));
        }

        var last = segments[^1];
        if (segments.Count < 2 || last.Kind != FilterTokenKind.Identifier
            || !RunField.Aggregates.Contains(last.Text.ToLowerInvariant()))
        {
            throw new FilterSyntaxException(
                $"a metric needs an aggregate: metrics.NAME.min, .max or .last (metric names with dots or slashes can be quoted: metrics.\"val/mae_gy\".min)",
                last.Position);
        }

        return new RunField(RunFieldKind.Metric, Join(segments.Take(segments.Count - 1)), last.Text.ToLowerInvariant());
    }

    private bool IsKeyword(string keyword) =>
        Current.Kind == FilterTokenKind.Identifier && Current.Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    private void Expect(FilterTokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Error(what);
        }

        _index++;
    }

    private FilterSyntaxException Error(string expected) =>
        new($"expected {expected} but found {Describe(Current)}", Current.Position);

    private static string Describe(FilterToken token) =>
        token.Kind == FilterTokenKind.End ? "the end of the filter" : $"'{token.Text}'";
}
