using Cchc.Testing;

namespace Cchc.Notifications.Tests;

public sealed class AccessTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(Templates.TemplateGrpcService), V1.TemplateService.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(Templates.TemplateGrpcService), V1.TemplateService.Descriptor));
}

public sealed class WebhookAccessTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(Webhooks.WebhookGrpcService), V1.WebhookService.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(Webhooks.WebhookGrpcService), V1.WebhookService.Descriptor));
}

public sealed class InboxAccessTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(Inbox.InboxGrpcService), V1.InboxService.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(Inbox.InboxGrpcService), V1.InboxService.Descriptor));
}

public sealed class MessageAccessTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(Messages.MessageGrpcService), V1.MessageService.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(Messages.MessageGrpcService), V1.MessageService.Descriptor));
}

public sealed class RecipientAccessTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    [Fact]
    public Task Every_RPC_refuses_anonymous_and_other_roles_and_admits_the_roles_it_declares() =>
        AccessMatrix.VerifyAsync(typeof(Recipients.RecipientGrpcService), V1.RecipientService.Descriptor, fixture.CreateChannel, role => TestIdentity.Token(role));

    [Fact]
    public void Every_RPC_is_listed_in_the_access_table_with_exactly_its_roles() =>
        ReadmeAccessTable.AssertLists(AccessMatrix.Declared(typeof(Recipients.RecipientGrpcService), V1.RecipientService.Descriptor));
}
