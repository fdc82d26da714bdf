export { registerWebhookRoutes, webhookRouteTemplates } from './webhooks.routes';
export { runWebhookJob, startWebhookJob } from './webhook-job';
