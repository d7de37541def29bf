using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Verigate.Core.Destinations;
using Verigate.Core.Outbox;
using Verigate.Delivery.Channels;
using Verigate.Delivery.DevInbox;
using Verigate.Delivery.Email;
using Verigate.Delivery.Fallback;
using Verigate.Delivery.Outbox;
using Verigate.Delivery.Receipts;
using Verigate.Delivery.Sms;
using Verigate.Delivery.Templates;

namespace Verigate.Delivery;

/// <summary>The outbox dispatcher, templates and channels.</summary>
public static class DeliveryServiceCollectionExtensions
{
    public static IServiceCollection AddVerigateDelivery(this IServiceCollection services)
    {
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxSignal>());
        services.AddSingleton<TemplateCatalog>();
        services.AddSingleton<MessageRenderer>();
        services.TryAddSingleton<IChannelAvailability, ChannelAvailability>();

        // Each channel goes to exactly one sender: its configured gateway, or the development inbox.
        services.AddSingleton<EmailMessageBuilder>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageSender, SmtpEmailSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageSender, KannelSmsSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageSender, HttpSmsSender>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMessageSender, DevInboxSender>());
        services.AddSingleton<ReceiptTokens>();
        services.AddSingleton<ReceiptUrls>();
        services.AddSingleton<DeliveryReportRecorder>();
        services.AddSingleton<FallbackLadder>();
        services.AddSingleton<IDeliveryReportObserver>(sp => sp.GetRequiredService<FallbackLadder>());
        services.AddHostedService(sp => sp.GetRequiredService<FallbackLadder>()); // wakes up for deadlines left by a previous run
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
