using Cchc.Testing;

namespace Cchc.Dossiers.Tests;

public sealed class AccessTests(DossiersFixture fixture) : IClassFixture<DossiersFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(Procedures.ProcedureCatalogGrpcService), V1.ProcedureCatalog.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_README_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(Procedures.ProcedureCatalogGrpcService), V1.ProcedureCatalog.Descriptor));

    [Fact]
    public Task Every_calendar_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(Calendar.WorkingCalendarGrpcService), V1.WorkingCalendar.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_calendar_RPC_is_listed_in_the_README_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(Calendar.WorkingCalendarGrpcService), V1.WorkingCalendar.Descriptor));
}
