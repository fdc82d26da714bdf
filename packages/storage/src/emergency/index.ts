// Emergency opening (docs/support.md "Emergency opening"): emergencies, arrival links, on-call
// contacts and the SLA report's assignments.
export * from './emergency-opening.repository';
export * from './emergency-arrival.repository';
export * from './on-call-contact.repository';
export * from './emergency-sla.repository';
