using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Verigate.Server.Web.Errors;

/// <summary>
/// The page a browser sees for a missing page, a refused form or a bug: the status and what to do, never the path,
/// the exception or anything else about the request.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public IActionResult OnGet(int status) => Show(status);

    public IActionResult OnPost(int status) => Show(status);

    private PageResult Show(int status)
    {
        Status = StatusOf(status);
        Response.StatusCode = Status;
        if (Status == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = Api.Problems.ExceptionStatus.RetryAfterSeconds;
        }

        return Page();
    }

    private int StatusOf(int routed)
    {
        // After an exception the handler has chosen the status already: 503 when the database is out of reach for a
        // moment, otherwise 500.
        var failed = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null;
        if (failed && Response.StatusCode >= 500)
        {
            return Response.StatusCode;
        }

        // Reached directly (not re-executed), the page is itself a 404.
        var reExecuted = failed || HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        return reExecuted && routed is >= 400 and <= 599 ? routed : 404;
    }
}
