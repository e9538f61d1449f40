using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace VmatTracker.Tests.Web.Pages;

/// <summary>
/// Drives a page rendered per request the way a browser without scripts would: GETs it, and sends its forms with the
/// values the HTML holds (hidden fields, antiforgery token, ticked boxes, selected options) and the pressed button.
/// Keeps cookies (the antiforgery cookie) and does not follow redirects, so a redirect can be asserted.
/// </summary>
public sealed class FormClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly HtmlParser _parser = new();

    public FormClient(Uri address)
    {
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = address,
        };
    }

    /// <summary>The last response's status.</summary>
    public HttpStatusCode LastStatus { get; private set; }

    /// <summary>Where the last response redirected, when it did.</summary>
    public string? LastRedirect { get; private set; }

    /// <summary>The address the last page was read from (relative to the app).</summary>
    public string LastAddress { get; private set; } = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async Task<IHtmlDocument> GetAsync(string relative)
    {
        using var response = await _client.GetAsync(relative, Token);
        LastAddress = relative;
        return await ReadAsync(response);
    }

    /// <summary>Sends the form <paramref name="formSelector"/> of <paramref name="page"/> as its method says, with
    /// <paramref name="changes"/> replacing fields by name (a null value removes the field) and the button
    /// <paramref name="pressed"/> (name, value) added.</summary>
    public async Task<IHtmlDocument> SubmitAsync(IHtmlDocument page, string formSelector,
        IReadOnlyDictionary<string, string?>? changes = null, (string Name, string Value)? pressed = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on the page");
        var fields = Fields(form).Where(f => changes is null || !changes.ContainsKey(f.Name)).ToList();
        fields.AddRange((changes ?? new Dictionary<string, string?>()).Where(c => c.Value is not null).Select(c => (c.Key, c.Value!)));
        if (pressed is { } button)
        {
            fields.Add(button);
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a ? a.TrimStart('/') : LastAddress;
        if (form.Method.Equals("get", StringComparison.OrdinalIgnoreCase))
        {
            var query = string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}"));
            return await GetAsync(action.Split('?')[0] + "?" + query);
        }

        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var response = await _client.PostAsync(action, content, Token);
        return await ReadAsync(response);
    }

    public void Dispose() => _client.Dispose();

    private static IEnumerable<(string Name, string Value)> Fields(IHtmlFormElement form)
    {
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]"))
        {
            if (input.Type is "checkbox" or "radio" && !input.IsChecked)
            {
                continue;
            }

            yield return (input.Name!, input.Type is "checkbox" && !input.HasAttribute("value") ? "on" : input.Value);
        }

        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select[name]"))
        {
            var option = select.QuerySelector<IHtmlOptionElement>("option[selected]") ?? select.QuerySelector<IHtmlOptionElement>("option");
            if (option is not null)
            {
                yield return (select.Name!, option.Value);
            }
        }
    }

    private async Task<IHtmlDocument> ReadAsync(HttpResponseMessage response)
    {
        LastStatus = response.StatusCode;
        LastRedirect = response.Headers.Location?.ToString();
        var html = await response.Content.ReadAsStringAsync(Token);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {html[..Math.Min(html.Length, 2000)]}");
        }

        return _parser.ParseDocument(html);
    }
}
