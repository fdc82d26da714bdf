// English texts for locksmith companies, typed against the Swedish table.
import type { locksmithCompaniesSv } from './locksmith-companies.sv';

export const locksmithCompaniesEn: Record<keyof typeof locksmithCompaniesSv, string> = {
  'nav.locksmithCompanies': 'Locksmith companies',
  'locksmith-companies.title': 'Locksmith companies',
  'locksmith-companies.intro':
    'The companies that fit locks and, with an on-call contract, open doors in emergencies around the clock. Open a company for its on-call contacts.',
  'locksmith-companies.caption': 'Locksmith companies',
  'locksmith-companies.organisationNumber': 'Organisation number',
  'locksmith-companies.organisationNumberHint': '10 digits, e.g. 556036-0793.',
  'locksmith-companies.organisationNumberInvalid':
    'Organisation number: write 10 digits as NNNNNN-NNNN. The last is a check digit; if it does not match, the number is mistyped.',
  'locksmith-companies.contact': 'Contact',
  'locksmith-companies.contactEmail': 'E-mail',
  'locksmith-companies.contactPhone': 'Phone',
  'locksmith-companies.emergency': 'Emergency opening',
  'locksmith-companies.contracted': 'On-call contract',
  'locksmith-companies.notContracted': 'No on-call contract',
  'locksmith-companies.isEmergencyContracted': 'On-call contract for emergency opening',
  'locksmith-companies.isEmergencyContractedHint':
    'Only contracted companies can be assigned an emergency opening, and they promise to be on site within the municipality’s time for an emergency opening.',
  'locksmith-companies.onCallCount': 'On-call contacts',
  'locksmith-companies.create': 'New locksmith company',
  'locksmith-companies.register': 'Register',
  'locksmith-companies.addContactIntro':
    'The call order decides whom support calls first. Left empty, the contact comes last.',
  'locksmith-companies.createTitle': 'New locksmith company',
  'locksmith-companies.facts': 'Details',
  'locksmith-companies.edit': 'Edit details',
  'locksmith-companies.save': 'Save details',
  'locksmith-companies.saved': 'The details are saved.',
  'locksmith-companies.nameMissing': 'Enter the company’s name.',
  'locksmith-companies.readOnly':
    'Only municipality administrators and lock managers can change the details.',
  'locksmith-companies.onCall': 'On-call contacts',
  'locksmith-companies.onCallIntro':
    'Whom support calls in an emergency opening, in order. The arrival link is e-mailed to the contacts when the company is assigned.',
  'locksmith-companies.onCallNotContracted':
    'The company has no on-call contract and cannot be assigned emergency openings until the contract is marked.',
  'locksmith-companies.onCallEmpty': 'The company has no on-call contacts.',
  'locksmith-companies.callOrder': 'Call order',
  'locksmith-companies.contactName': 'Name',
  'locksmith-companies.phone': 'Phone',
  'locksmith-companies.email': 'E-mail (for the arrival link)',
  'locksmith-companies.since': 'Added',
  'locksmith-companies.addContact': 'Add on-call contact',
  'locksmith-companies.contactAdded': '{name} is added as an on-call contact.',
  'locksmith-companies.contactMissing': 'Enter a name and a phone number.',
  'locksmith-companies.endContact': 'End',
  'locksmith-companies.endContactLabel': 'End {name} as on-call contact',
  'locksmith-companies.endContactTitle': 'End {name} as on-call contact?',
  'locksmith-companies.endContactText':
    'The contact gets no more arrival links and is not shown when support assigns an emergency opening. It stays on record.',
  'locksmith-companies.endContactConfirm': 'End now',
  'locksmith-companies.contactEnded': '{name} is no longer an on-call contact.',
  'locksmith-companies.onCallReadOnly':
    'Only municipality administrators and lock managers can change the on-call contacts.',
};
