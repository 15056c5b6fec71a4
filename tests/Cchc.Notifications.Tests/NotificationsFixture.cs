using Cchc.ServiceDefaults;
using Cchc.Testing;

namespace Cchc.Notifications.Tests;

public sealed class NotificationsFixture() : ServiceFixture<Program>(Resources.NotificationsDb);
