// Public surface of @portvakt/protocol. The issuer side (server) uses signTicket, signBlockList,
// signDeviceCertificate, signIssuerKeySet, signTimeAttestation, fitTicketBlockList,
// verifyRecordBatch, findChainConflicts, verifyCredentialRequest and verifyVisitCheck; devices use
// the rest.
export * from './block-list';
export * from './bytes';
export * from './cbor';
export * from './challenge';
export * from './chain-head';
export * from './cose';
export * from './credential-request';
export * from './crypto';
export * from './device-certificate';
export * from './errors';
export * from './event-record';
export * from './issuer-key-set';
export * from './lock-link-frame';
export type { IssuerSigningKey } from './issuer-message';
export * from './reasons';
export * from './ticket';
export * from './time-attestation';
export * from './vectors';
export * from './visit-check';
