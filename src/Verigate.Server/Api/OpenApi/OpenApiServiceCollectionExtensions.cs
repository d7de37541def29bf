namespace Verigate.Server.Api.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>, generated from the endpoints and corrected where they cannot say enough.</summary>
public static class OpenApiServiceCollectionExtensions
{
    public static IServiceCollection AddVerigateOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddSchemaTransformer<ContractSchemaTransformer>();
            o.AddDocumentTransformer<ContractDocumentTransformer>();
        });
}
