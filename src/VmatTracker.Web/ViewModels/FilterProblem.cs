using VmatTracker.Data.Queries;

namespace VmatTracker.Web.ViewModels;

/// <summary>A filter that does not parse, as the run list shows it: the message and a caret under the position.</summary>
/// <param name="Message">The parser's message, which names the 1-based position.</param>
/// <param name="Position">0-based index of the offending character.</param>
/// <param name="Marked">The filter text with a caret line under the offending character.</param>
public sealed record FilterProblem(string Message, int Position, string Marked)
{
    /// <summary>Checks <paramref name="filter"/>; null when it parses (or is empty).</summary>
    public static FilterProblem? Check(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return null;
        }

        try
        {
            _ = RunFilterTranslator.Translate(filter);
            return null;
        }
        catch (FilterSyntaxException e)
        {
            var position = Math.Clamp(e.Position, 0, filter.Length);
            return new FilterProblem(e.Message, position, filter + "\n" + new string(' ', position) + "^");
        }
    }
}
