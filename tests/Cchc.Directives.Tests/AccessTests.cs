using Cchc.Testing;

namespace Cchc.Directives.Tests;

public sealed class AccessTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(Organization.OrganizationGrpcService), V1.OrganizationService.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(Organization.OrganizationGrpcService), V1.OrganizationService.Descriptor));
}

public sealed class ApiKeyAccessTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(Access.ApiKeyGrpcService), V1.ApiKeyService.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(Access.ApiKeyGrpcService), V1.ApiKeyService.Descriptor));
}

public sealed class DocumentAccessTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(Documents.DocumentGrpcService), V1.DocumentService.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(Documents.DocumentGrpcService), V1.DocumentService.Descriptor));
}

public sealed class TaskAccessTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(Tasks.TaskGrpcService), V1.TaskService.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(Tasks.TaskGrpcService), V1.TaskService.Descriptor));
}

public sealed class ChangeFeedAccessTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(ChangeFeed.ChangeFeedGrpcService), V1.DirectiveChangeFeed.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(ChangeFeed.ChangeFeedGrpcService), V1.DirectiveChangeFeed.Descriptor));
}

public sealed class StatisticsAccessTests(DirectivesFixture fixture) : IClassFixture<DirectivesFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(Statistics.StatisticsGrpcService), V1.StatisticsService.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(Statistics.StatisticsGrpcService), V1.StatisticsService.Descriptor));
}
