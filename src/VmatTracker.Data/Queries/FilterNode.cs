namespace VmatTracker.Data.Queries;

/// <summary>A parsed filter expression.</summary>
public abstract record FilterNode;

/// <summary><c>left and right</c>.</summary>
public sealed record AndNode(FilterNode Left, FilterNode Right) : FilterNode;

/// <summary><c>left or right</c>.</summary>
public sealed record OrNode(FilterNode Left, FilterNode Right) : FilterNode;

/// <summary><c>not operand</c>.</summary>
public sealed record NotNode(FilterNode Operand) : FilterNode;

/// <summary><c>field op literal</c> (op includes <c>contains</c>).</summary>
public sealed record ComparisonNode(RunField Field, FilterOperator Operator, object? Literal, int Position) : FilterNode;

/// <summary>Comparison operators of the filter language.</summary>
public enum FilterOperator
{
    /// <summary><c>=</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,

    /// <summary><c>contains</c> (text)</summary>
    Contains,
}
