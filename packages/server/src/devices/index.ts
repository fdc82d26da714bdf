// What the app and other capabilities use of devices: the gateway and admin routes, the issuer
// key store (tickets, certificates, checkpoints are signed by it), and key blocking.
export { registerDeviceGatewayRoutes, type GatewayDeps, type RecordSink } from './device-gateway.routes';
export { registerDeviceRoutes } from './devices.routes';
export { IssuerKeyStore } from './issuer-keys';
export { DeviceRefusal, issueCredentials, issuerName, type IssuedCredentials } from './credentials';
export { blockDigitalKey } from './key-blocking';
export { enrolDeviceInTransaction, type EnrolledDevice } from './enrol-device';
