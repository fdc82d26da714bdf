// Who the passkeys belong to (WebAuthn's relying party): its id, the domain every passkey is
// bound to, and the origins a ceremony may come from. Configured with PASSKEY_RP_ID and
// PASSKEY_ORIGINS; by default the host and origin of the server's public address (PUBLIC_URL,
// else http://localhost:PORT), read per request since a test server learns its port late.
import type { AppContext } from '../platform/context';

export interface RelyingParty {
  id: string;
  name: string;
  origins: string[];
}

/** The relying party of this server's passkeys. */
export function readRelyingParty(context: Pick<AppContext, 'publicUrl' | 'passkeys'>): RelyingParty {
  const publicUrl = new URL(context.publicUrl ?? 'http://localhost');
  return {
    id: context.passkeys?.rpId ?? publicUrl.hostname,
    name: 'Portvakt',
    origins: context.passkeys?.origins ?? [publicUrl.origin],
  };
}
