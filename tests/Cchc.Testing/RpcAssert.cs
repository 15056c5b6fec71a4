using Xunit;
using System.Net;
using System.Text.Json;
using Google.Rpc;
using Grpc.Core;

namespace Cchc.Testing;

public static class RpcAssert
{
    /// <summary>Asserts the call fails with <paramref name="code"/> and returns its <c>google.rpc.Status</c>.</summary>
    public static async Task<Google.Rpc.Status> FailsWith(StatusCode code, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, ex.StatusCode);
        return ex.GetRpcStatus() ?? new Google.Rpc.Status { Code = (int)code, Message = ex.Status.Detail };
    }

    /// <summary>Asserts INVALID_ARGUMENT naming exactly <paramref name="fields"/> (in any order) as violated.</summary>
    public static async Task<BadRequest> InvalidFields(Func<Task> call, params string[] fields)
    {
        var status = await FailsWith(StatusCode.InvalidArgument, call);
        var badRequest = status.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Equal(fields.Order(), badRequest.FieldViolations.Select(v => v.Field).Distinct().Order());
        return badRequest;
    }

    /// <summary>Reads a REST error body (google.rpc.Status as JSON) after checking its HTTP status.</summary>
    public static async Task<JsonElement> RestFails(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(json.TryGetProperty("code", out _), "the error body carries a google.rpc.Status code");
        return json;
    }
}
