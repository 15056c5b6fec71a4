using Cchc.Testing;

namespace Cchc.Dossiers.Tests;

public sealed class AccessTests(DossiersFixture fixture) : IClassFixture<DossiersFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(Procedures.ProcedureCatalogGrpcService), V1.ProcedureCatalog.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(Procedures.ProcedureCatalogGrpcService), V1.ProcedureCatalog.Descriptor));

    [Fact]
    public Task Every_calendar_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(Calendar.WorkingCalendarGrpcService), V1.WorkingCalendar.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_calendar_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(Calendar.WorkingCalendarGrpcService), V1.WorkingCalendar.Descriptor));

    [Theory]
    [MemberData(nameof(DossierServices))]
    public Task Every_dossier_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares(Type handler, string service) =>
        AccessMatrix.VerifyAsync(handler, Descriptor(service), fixture.CreateChannel, role => TestIdentity.Token(role));

    [Theory]
    [MemberData(nameof(DossierServices))]
    public void Every_dossier_RPC_is_listed_in_the_access_table_with_exactly_its_roles(Type handler, string service) =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(handler, Descriptor(service)));

    [Theory]
    [MemberData(nameof(DossierServices))]
    public void A_service_whose_RPCs_admit_only_services_is_internal_and_the_gateway_neither_forwards_nor_lists_it(Type handler, string service)
    {
        var serviceOnly = AccessMatrix.Declared(handler, Descriptor(service)).All(r => !r.Anonymous && r.Roles.SequenceEqual([ServiceDefaults.Security.Roles.Service]));

        Assert.Equal(serviceOnly, Cchc.Contracts.ContractCatalog.InternalServices.Contains(service));
    }

    public static TheoryData<Type, string> DossierServices => new()
    {
        { typeof(Records.DossierGrpcService), V1.DossierService.Descriptor.FullName },
        { typeof(PublicLookup.PublicStatusGrpcService), V1.PublicStatus.Descriptor.FullName },
        { typeof(ChangeFeed.ChangeFeedGrpcService), V1.DossierChangeFeed.Descriptor.FullName },
        { typeof(Notices.ApplicantNoticeGrpcService), V1.ApplicantNotices.Descriptor.FullName },
        { typeof(Cchc.Dossiers.Digitisation.DigitisedPapersGrpcService), V1.DigitisedPapers.Descriptor.FullName },
        { typeof(Statistics.DossierStatisticsGrpcService), V1.DossierStatistics.Descriptor.FullName },
    };

    private static Google.Protobuf.Reflection.ServiceDescriptor Descriptor(string fullName) =>
        new[] { V1.DossierService.Descriptor, V1.PublicStatus.Descriptor, V1.DossierChangeFeed.Descriptor, V1.ApplicantNotices.Descriptor, V1.DigitisedPapers.Descriptor, V1.DossierStatistics.Descriptor }
            .Single(d => d.FullName == fullName);
}
