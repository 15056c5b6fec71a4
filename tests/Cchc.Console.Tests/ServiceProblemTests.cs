using Cchc.Console.Presentation;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Cchc.Console.Tests;

public sealed class ServiceProblemTests
{
    private static RpcException Refusal(Code code, string message, params Google.Protobuf.IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.AddRange(details.Select(Any.Pack));
        return status.ToRpcException();
    }

    [Fact]
    public void Field_violations_become_Vietnamese_messages_keyed_by_field()
    {
        var badRequest = new BadRequest
        {
            FieldViolations =
            {
                new BadRequest.Types.FieldViolation { Field = "applicant.identity_number", Description = "must be the 12-digit citizen identity number" },
                new BadRequest.Types.FieldViolation { Field = "applicant.name", Description = "is required" },
                new BadRequest.Types.FieldViolation { Field = "papers[1].name", Description = "must be at most 500 characters" },
            },
        };

        var problem = ServiceProblem.From(Refusal(Code.InvalidArgument, "3 invalid fields", badRequest));

        Assert.Equal("Thông tin chưa hợp lệ (3 mục): xem các ô được đánh dấu.", problem.Message);
        Assert.StartsWith("Số CCCD / mã số thuế: không hợp lệ", problem.For("applicant.identity_number"));
        Assert.Equal("Họ tên / tên tổ chức: bắt buộc phải nhập.", problem.For("applicant.name"));
        Assert.Equal("Tên giấy tờ: dài quá 500 ký tự.", problem.For("papers[1].name"));
    }

    [Theory]
    [InlineData(Code.PermissionDenied, "không có quyền")]
    [InlineData(Code.Unauthenticated, "đăng nhập lại")]
    [InlineData(Code.NotFound, "Không tìm thấy")]
    [InlineData(Code.Aborted, "người khác cập nhật")]
    [InlineData(Code.Unavailable, "thử lại")]
    [InlineData(Code.Internal, "Có lỗi xảy ra")]
    public void Each_refusal_reads_in_Vietnamese_and_never_as_the_services_own_text(Code code, string expected)
    {
        var problem = ServiceProblem.From(Refusal(code, "System.InvalidOperationException: at Cchc.Dossiers…"));

        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", problem.Message, StringComparison.Ordinal);
        Assert.Empty(problem.Fields);
    }

    [Fact]
    public void A_failed_precondition_names_the_rule_the_dossier_breaks()
    {
        var failure = new PreconditionFailure { Violations = { new PreconditionFailure.Types.Violation { Type = "APOLOGY_LETTER_LIMIT", Subject = "QT.SKHCN-261206-0001" } } };

        var problem = ServiceProblem.From(Refusal(Code.FailedPrecondition, "limit", failure));

        Assert.Equal("Hồ sơ đã có đủ số phiếu xin lỗi được phép.", problem.Message);
    }

    [Fact]
    public void An_unknown_field_keeps_its_path_so_it_can_still_be_shown()
    {
        Assert.Equal("reuse_consent.basis: không hợp lệ.", ServiceProblem.FieldMessage("reuse_consent.basis", "is given only with granted consent"));
    }
}
