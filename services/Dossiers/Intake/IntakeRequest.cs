using Cchc.SharedKernel.Contacts;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Cchc.Dossiers.Domain.Codes;
using Cchc.Dossiers.Records;
using Cchc.Dossiers.V1;
using Cchc.ServiceDefaults.Grpc;
using Cchc.ServiceDefaults.Security;
using Google.Protobuf;
using ApplicantKind = Cchc.Dossiers.Records.ApplicantKind;
using IntakeChannel = Cchc.Dossiers.Records.IntakeChannel;
using PaperKind = Cchc.Dossiers.Records.PaperKind;

namespace Cchc.Dossiers.Intake;

/// <summary>A validated intake request.</summary>
public sealed partial record IntakeRequest(
    Guid RequestId,
    string Fingerprint,
    ApplicantKind ApplicantKind,
    string IdentityNumber,
    string ApplicantName,
    string Phone,
    string Email,
    string Address,
    string ProcedureCode,
    string AgencyCode,
    IntakeChannel Channel,
    IReadOnlyList<DossierPaper> Papers,
    string ReceivingUnitCode,
    bool PaidOnline,
    string? ReuseConsentBasis)
{
    public const int MaxPapers = 100;

    /// <summary>Validates every field at once; the receiving unit defaults to the caller's own.</summary>
    public static IntakeRequest Parse(ReceiveDossierRequest request, Caller caller)
    {
        var validation = new Validation();
        var hasRequestId = Guid.TryParse(request.RequestId, out var requestId) && requestId != Guid.Empty;
        validation.Require(hasRequestId, "request_id", "must be a UUID the caller chose for this intake, e.g. \"0f8fad5b-d9cb-469f-a165-70867728950e\"");

        var applicant = request.Applicant;
        validation.Require(applicant is not null, "applicant", "is required");
        if (applicant is not null)
        {
            switch (applicant.Kind)
            {
                case V1.ApplicantKind.Person:
                    validation.Require(IdentityNumbers.IsValidCitizenId(applicant.IdentityNumber), "applicant.identity_number",
                        "must be the 12-digit citizen identity number of a person");
                    break;
                case V1.ApplicantKind.Organization:
                    validation.Require(IdentityNumbers.IsValidTaxCode(applicant.IdentityNumber), "applicant.identity_number",
                        "must be the tax code of an organisation: 10 digits, or 10 digits, '-' and 3 digits");
                    break;
                default:
                    validation.Require(false, "applicant.kind", "must be PERSON or ORGANIZATION");
                    break;
            }
            validation
                .RequireText(applicant.Name, "applicant.name", 200)
                .Require(ContactFormats.IsPhone(applicant.Phone), "applicant.phone", ContactFormats.PhoneRule)
                .RequireOptionalEmail(applicant.Email, "applicant.email")
                .RequireText(applicant.Address, "applicant.address", 500);
        }

        validation
            .Require(IdentityNumbers.IsValidProcedureCode(request.ProcedureCode), "procedure_code",
                "must be a national TTHC code: one digit, a dot and six digits, e.g. 2.000815")
            .RequireText(request.AgencyCode, "agency_code", 64)
            .Require(!request.AgencyCode.Any(char.IsWhiteSpace), "agency_code", "must not contain spaces")
            .Require(request.Channel is V1.IntakeChannel.InPerson or V1.IntakeChannel.Online or V1.IntakeChannel.Post,
                "channel", "must be IN_PERSON, ONLINE or POST")
            .Require(request.Papers.Count is > 0 and <= MaxPapers, "papers", $"must list the 1–{MaxPapers} papers of the dossier");
        for (var i = 0; i < Math.Min(request.Papers.Count, MaxPapers); i++)
        {
            var paper = request.Papers[i];
            validation
                .RequireText(paper.Name, $"papers[{i}].name", 500)
                .Require(paper.Kind is V1.PaperKind.Original or V1.PaperKind.Copy or V1.PaperKind.Electronic,
                    $"papers[{i}].kind", "must be ORIGINAL, COPY or ELECTRONIC")
                .Require(paper.Count is >= 1 and <= 100, $"papers[{i}].count", "must be 1–100")
                .Require(paper.Code.Length <= 64, $"papers[{i}].code", "must be at most 64 characters");
        }

        var receivingUnit = request.ReceivingUnitCode.Length > 0 ? request.ReceivingUnitCode : caller.Unit ?? "";
        validation.Require(receivingUnit.Length > 0, "receiving_unit_code", "is required when the caller's token names no unit");
        if (receivingUnit.Length > 0 && request.AgencyCode.Length > 0)
        {
            validation.Require(receivingUnit.Length <= 64 && Caller.IsWithin(receivingUnit, request.AgencyCode), "receiving_unit_code",
                $"must be agency {request.AgencyCode} or one of its units");
        }
        var consent = request.ReuseConsent;
        if (consent is { Granted: true })
        {
            validation.RequireText(consent.Basis, "reuse_consent.basis", 500);
        }
        else if (consent is not null)
        {
            validation.Require(consent.Basis.Length == 0, "reuse_consent.basis", "is given only with granted consent");
        }
        validation.ThrowIfInvalid();

        return new IntakeRequest(
            requestId,
            FingerprintOf(request, caller),
            (ApplicantKind)applicant!.Kind,
            applicant.IdentityNumber,
            applicant.Name.Trim(),
            applicant.Phone,
            applicant.Email,
            applicant.Address.Trim(),
            request.ProcedureCode,
            request.AgencyCode,
            (IntakeChannel)request.Channel,
            request.Papers.Select(p => new DossierPaper { Name = p.Name.Trim(), Kind = (PaperKind)p.Kind, Count = p.Count, Code = p.Code.Trim() }).ToList(),
            receivingUnit,
            request.PaidOnline,
            consent is { Granted: true } ? consent.Basis.Trim() : null);
    }

    /// <summary>
    /// Who asked for what, so that a request id reused by another caller or for other content is
    /// recognised instead of answered with someone else's receipt.
    /// </summary>
    private static string FingerprintOf(ReceiveDossierRequest request, Caller caller)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(caller.Subject + "\n"));
        hash.AppendData(request.ToByteArray());
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

}
