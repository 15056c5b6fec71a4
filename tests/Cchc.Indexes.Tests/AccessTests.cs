using Cchc.Testing;

namespace Cchc.Indexes.Tests;

public sealed class AccessTests(IndexesFixture fixture) : IClassFixture<IndexesFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(Frameworks.IndexFrameworkGrpcService), V1.IndexFrameworkService.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(Frameworks.IndexFrameworkGrpcService), V1.IndexFrameworkService.Descriptor));
}

public sealed class ResultAccessTests(IndexesFixture fixture) : IClassFixture<IndexesFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(Results.IndexResultGrpcService), V1.IndexResultService.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(Results.IndexResultGrpcService), V1.IndexResultService.Descriptor));
}

public sealed class ChangeFeedAccessTests(IndexesFixture fixture) : IClassFixture<IndexesFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(ChangeFeed.IndexChangeFeedGrpcService), V1.IndexChangeFeed.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(ChangeFeed.IndexChangeFeedGrpcService), V1.IndexChangeFeed.Descriptor));
}

public sealed class SelfAssessmentAccessTests(IndexesFixture fixture) : IClassFixture<IndexesFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(SelfAssessment.SelfAssessmentGrpcService), V1.SelfAssessmentService.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(SelfAssessment.SelfAssessmentGrpcService), V1.SelfAssessmentService.Descriptor));
}

public sealed class ServiceIndexAccessTests(IndexesFixture fixture) : IClassFixture<IndexesFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(ServiceIndex.ServiceIndexGrpcService), V1.ServiceIndexService.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(ServiceIndex.ServiceIndexGrpcService), V1.ServiceIndexService.Descriptor));
}
