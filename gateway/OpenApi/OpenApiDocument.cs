using System.Text.Json.Nodes;
using Google.Api;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Cchc.Gateway.OpenApi;

/// <summary>
/// The OpenAPI 3 description of the REST API, built from the same proto descriptors and
/// <c>google.api.http</c> rules the services transcode with, so it cannot drift from what they serve.
/// JSON follows the proto3 JSON mapping: lowerCamelCase fields, 64-bit integers as strings, enums
/// by name, timestamps as RFC 3339 strings.
/// </summary>
public static class OpenApiDocument
{
    public static JsonObject Build(IEnumerable<ServiceDescriptor> services)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var service in services)
        {
            foreach (var method in service.Methods)
            {
                if (method.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not { } rule)
                {
                    continue;
                }
                foreach (var binding in new[] { rule }.Concat(rule.AdditionalBindings))
                {
                    var (verb, template) = Route(binding);
                    if (template is null)
                    {
                        continue;
                    }
                    var (path, pathFields) = OpenApiPath(template);
                    if (paths[path] is not JsonObject item)
                    {
                        paths[path] = item = [];
                    }
                    item[verb] = Operation(service, method, binding, verb, pathFields, schemas);
                }
            }
        }
        schemas["Problem"] = Problem();
        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "Cchc API",
                ["version"] = "v1",
                ["description"] = "REST/JSON view of Cchc's gRPC contracts (protos/cchc/*/v1). The same calls are served over gRPC and gRPC-Web. "
                    + "Authenticate with a bearer token (officials) or an x-api-key header (integrators); a few reads are anonymous.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" },
                    ["apiKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-api-key" },
                },
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }, new JsonObject { ["apiKey"] = new JsonArray() }, new JsonObject()),
        };
    }

    private static (string Verb, string? Template) Route(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => ("get", rule.Get),
        HttpRule.PatternOneofCase.Post => ("post", rule.Post),
        HttpRule.PatternOneofCase.Put => ("put", rule.Put),
        HttpRule.PatternOneofCase.Delete => ("delete", rule.Delete),
        HttpRule.PatternOneofCase.Patch => ("patch", rule.Patch),
        HttpRule.PatternOneofCase.Custom => (rule.Custom.Kind.ToLowerInvariant(), rule.Custom.Path),
        _ => ("get", null),
    };

    /// <summary>"/v1/{day.date}" → "/v1/{day.date}" with the field path; "{name=things/*}" keeps only the name.</summary>
    private static (string Path, List<string> Fields) OpenApiPath(string template)
    {
        var fields = new List<string>();
        var path = System.Text.RegularExpressions.Regex.Replace(template, @"\{([^}=]+)(=[^}]*)?\}", m =>
        {
            fields.Add(m.Groups[1].Value);
            return "{" + m.Groups[1].Value + "}";
        });
        return (path, fields);
    }

    private static JsonObject Operation(ServiceDescriptor service, MethodDescriptor method, HttpRule rule, string verb, List<string> pathFields, JsonObject schemas)
    {
        var parameters = new JsonArray();
        foreach (var field in pathFields)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = field,
                ["in"] = "path",
                ["required"] = true,
                ["schema"] = FieldSchema(FindField(method.InputType, field), schemas, inArray: false),
            });
        }
        var operation = new JsonObject
        {
            ["operationId"] = $"{service.Name}_{method.Name}",
            ["tags"] = new JsonArray(service.FullName),
            ["summary"] = $"{service.FullName}/{method.Name}",
        };
        if (rule.Body.Length == 0)
        {
            // Without a body, the request's other scalar fields travel as query parameters.
            foreach (var field in method.InputType.Fields.InFieldNumberOrder())
            {
                if (pathFields.Contains(field.Name) || field.FieldType == FieldType.Message && !IsWellKnownScalar(field.MessageType))
                {
                    continue;
                }
                parameters.Add(new JsonObject
                {
                    ["name"] = field.Name,
                    ["in"] = "query",
                    ["required"] = false,
                    ["schema"] = FieldSchema(field, schemas, inArray: false),
                });
            }
        }
        else
        {
            var bodySchema = rule.Body == "*"
                ? MessageReference(method.InputType, schemas)
                : FieldSchema(method.InputType.FindFieldByName(rule.Body), schemas, inArray: false);
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = bodySchema } },
            };
        }
        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }
        var success = new JsonObject
        {
            ["description"] = method.IsServerStreaming ? "A stream of JSON messages, one after another." : "OK",
            ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = MessageReference(method.OutputType, schemas) } },
        };
        operation["responses"] = new JsonObject
        {
            ["200"] = success,
            ["default"] = new JsonObject
            {
                ["description"] = "An error as RFC 9457 problem details carrying the google.rpc.Status.",
                ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/Problem" } } },
            },
        };
        _ = verb;
        return operation;
    }

    private static FieldDescriptor FindField(MessageDescriptor message, string path)
    {
        var parts = path.Split('.');
        var field = message.FindFieldByName(parts[0]);
        for (var i = 1; i < parts.Length; i++)
        {
            field = field.MessageType.FindFieldByName(parts[i]);
        }
        return field;
    }

    private static JsonObject MessageReference(MessageDescriptor message, JsonObject schemas)
    {
        if (WellKnown(message) is { } known)
        {
            return known;
        }
        if (!schemas.ContainsKey(message.FullName))
        {
            var properties = new JsonObject();
            schemas[message.FullName] = new JsonObject { ["type"] = "object", ["properties"] = properties };
            foreach (var field in message.Fields.InFieldNumberOrder())
            {
                properties[field.JsonName] = FieldSchema(field, schemas, inArray: false);
            }
        }
        return new JsonObject { ["$ref"] = $"#/components/schemas/{message.FullName}" };
    }

    private static JsonObject FieldSchema(FieldDescriptor field, JsonObject schemas, bool inArray)
    {
        if (field.IsMap && !inArray)
        {
            var value = field.MessageType.FindFieldByNumber(2);
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = FieldSchema(value, schemas, inArray: true) };
        }
        if (field.IsRepeated && !inArray)
        {
            return new JsonObject { ["type"] = "array", ["items"] = FieldSchema(field, schemas, inArray: true) };
        }
        return field.FieldType switch
        {
            FieldType.Double or FieldType.Float => new JsonObject { ["type"] = "number" },
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => new JsonObject { ["type"] = "integer", ["format"] = "int32" },
            FieldType.UInt32 or FieldType.Fixed32 => new JsonObject { ["type"] = "integer", ["format"] = "int64", ["minimum"] = 0 },
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 or FieldType.UInt64 or FieldType.Fixed64 =>
                new JsonObject { ["type"] = "string", ["format"] = "int64" },
            FieldType.Bool => new JsonObject { ["type"] = "boolean" },
            FieldType.String => new JsonObject { ["type"] = "string" },
            FieldType.Bytes => new JsonObject { ["type"] = "string", ["format"] = "byte" },
            FieldType.Enum => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(field.EnumType.Values.Select(v => (JsonNode)v.Name).ToArray()) },
            _ => MessageReference(field.MessageType, schemas),
        };
    }

    private static bool IsWellKnownScalar(MessageDescriptor message) => WellKnown(message) is { } s && s["type"]?.GetValue<string>() != "object";

    private static JsonObject? WellKnown(MessageDescriptor message) => message.FullName switch
    {
        "google.protobuf.Timestamp" => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
        "google.protobuf.Duration" => new JsonObject { ["type"] = "string", ["example"] = "3.5s" },
        "google.protobuf.Struct" => new JsonObject { ["type"] = "object", ["additionalProperties"] = true },
        "google.protobuf.Value" => new JsonObject(),
        "google.protobuf.Empty" => new JsonObject { ["type"] = "object" },
        "google.protobuf.StringValue" => new JsonObject { ["type"] = "string", ["nullable"] = true },
        "google.protobuf.Int32Value" => new JsonObject { ["type"] = "integer", ["nullable"] = true },
        "google.protobuf.BoolValue" => new JsonObject { ["type"] = "boolean", ["nullable"] = true },
        _ => null,
    };

    private static JsonObject Problem() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["type"] = "string" },
            ["title"] = new JsonObject { ["type"] = "string", ["description"] = "The gRPC status code name, e.g. INVALID_ARGUMENT." },
            ["status"] = new JsonObject { ["type"] = "integer" },
            ["detail"] = new JsonObject { ["type"] = "string" },
            ["instance"] = new JsonObject { ["type"] = "string" },
            ["code"] = new JsonObject { ["type"] = "integer", ["description"] = "The gRPC status code number." },
            ["correlationId"] = new JsonObject { ["type"] = "string" },
            ["details"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object" }, ["description"] = "google.rpc detail messages, with @type." },
            ["errors"] = new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                ["description"] = "Field violations by field path.",
            },
        },
    };
}
