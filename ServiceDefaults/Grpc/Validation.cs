namespace Cchc.ServiceDefaults.Grpc;

/// <summary>
/// Collects every violation of a request before failing, so a caller learns all of them at once.
/// </summary>
public sealed class Validation
{
    private readonly List<FieldViolation> _violations = [];

    public Validation Require(bool condition, string field, string description)
    {
        if (!condition)
        {
            _violations.Add(new FieldViolation(field, description));
        }
        return this;
    }

    public Validation RequireText(string? value, string field, int maxLength = 500)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _violations.Add(new FieldViolation(field, "is required"));
        }
        else if (value.Length > maxLength)
        {
            _violations.Add(new FieldViolation(field, $"must be at most {maxLength} characters"));
        }
        return this;
    }

    public bool IsValid => _violations.Count == 0;

    /// <summary>Throws INVALID_ARGUMENT with every collected violation, if there is any.</summary>
    public void ThrowIfInvalid()
    {
        if (_violations.Count > 0)
        {
            throw RpcErrors.InvalidArgument([.. _violations]);
        }
    }
}
