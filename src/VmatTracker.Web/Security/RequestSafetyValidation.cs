using Microsoft.Extensions.Options;

namespace VmatTracker.Web.Security;

/// <summary>Checks the configured hosts, origins and public URL at start-up, so a typo stops the server with its message.</summary>
public sealed class RequestSafetyValidation : IValidateOptions<RequestSafetyOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RequestSafetyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            AllowedHostSet.Build([], options.PublicUrl, options.AllowedHosts, []);
            OriginPolicy.Build(options.AllowedOrigins, options.PublicUrl);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail(e.Message.Split(" (Parameter", 2)[0]);
        }
    }
}
