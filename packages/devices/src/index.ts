// Public surface of @portvakt/devices: firmware-like simulated devices over @portvakt/protocol,
// and the IssuerGateway seam through which boxes, stations and phones reach the issuer.
export * from './activation-box.device';
export * from './battery';
export * from './clock';
export * from './credential-holder';
export * from './hardware-key.device';
export * from './in-process-issuer';
export * from './issuer-gateway';
export * from './lock.device';
export * from './lock-link';
export * from './phone.device';
export * from './pin';
export * from './record-log';
export * from './sync-station.device';
export * from './http-issuer-gateway';
export * from './key-cabinet.device';
export * from './framed-lock-link';
export * from './lock-link-responder';
export * from './lock-sim-host';
export * from './websocket-lock-link';
export * from './bluetooth-lock-link';
