using Cchc.SharedKernel.Contacts;

namespace Cchc.ServiceDefaults.Grpc;

/// <summary>The shared contact formats as field rules of a request.</summary>
public static class ContactValidation
{
    /// <summary>An optional phone number: empty, or a valid one.</summary>
    public static Validation RequireOptionalPhone(this Validation validation, string value, string field) =>
        validation.Require(value.Length == 0 || ContactFormats.IsPhone(value), field, ContactFormats.PhoneRule + ", or empty");

    /// <summary>An optional e-mail address: empty, or a valid one.</summary>
    public static Validation RequireOptionalEmail(this Validation validation, string value, string field) =>
        validation.Require(value.Length == 0 || ContactFormats.IsEmail(value), field, ContactFormats.EmailRule + ", or empty");
}
