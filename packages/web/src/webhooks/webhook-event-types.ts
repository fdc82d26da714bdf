// The event types the signed-in role may subscribe to: its scope for creating subscriptions in
// core's policy, and what that scope may receive (the server refuses anything else with 422).
import {
  policy,
  webhookEventTypesOfScope,
  type Role,
  type WebhookEventType,
  type WebhookScopeKind,
} from '@portvakt/core';
import type { MessageKey } from '../shared/i18n';

export function listEventTypesOfRole(role: Role): readonly WebhookEventType[] {
  const scope = policy.webhook_subscription[role]?.create as WebhookScopeKind | undefined;
  return scope ? webhookEventTypesOfScope[scope] : [];
}

export const eventTypeKey = (type: string) => `webhooks.type.${type}` as MessageKey;
