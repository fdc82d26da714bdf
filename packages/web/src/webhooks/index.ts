// Webhooks in the console (docs/webhooks.md): the list and a webhook's page with its delivery log.
export { WebhooksPage } from './webhooks.page';
export { WebhookPage } from './webhook.page';
