// Swedish texts: locksmith companies and their on-call contacts for emergency opening. The English
// table (locksmith-companies.en.ts) is typed against this one, so a missing translation fails `tsc`.
export const locksmithCompaniesSv = {
  'nav.locksmithCompanies': 'Låssmedsföretag',
  'locksmith-companies.title': 'Låssmedsföretag',
  'locksmith-companies.intro':
    'Företagen som monterar lås och, med jouravtal, gör nödöppningar dygnet runt. Öppna ett företag för dess jourkontakter.',
  'locksmith-companies.caption': 'Låssmedsföretag',
  'locksmith-companies.organisationNumber': 'Organisationsnummer',
  'locksmith-companies.organisationNumberHint': '10 siffror, till exempel 556036-0793.',
  'locksmith-companies.organisationNumberInvalid':
    'Organisationsnummer: skriv 10 siffror som NNNNNN-NNNN. Den sista är en kontrollsiffra; stämmer den inte är numret felskrivet.',
  'locksmith-companies.contact': 'Kontakt',
  'locksmith-companies.contactEmail': 'E-post',
  'locksmith-companies.contactPhone': 'Telefon',
  'locksmith-companies.emergency': 'Nödöppning',
  'locksmith-companies.contracted': 'Jouravtal',
  'locksmith-companies.notContracted': 'Inget jouravtal',
  'locksmith-companies.isEmergencyContracted': 'Jouravtal för nödöppning',
  'locksmith-companies.isEmergencyContractedHint':
    'Bara företag med jouravtal kan tilldelas en nödöppning, och de lovar att vara på plats inom kommunens tid för nödöppning.',
  'locksmith-companies.onCallCount': 'Jourkontakter',
  'locksmith-companies.create': 'Nytt låssmedsföretag',
  'locksmith-companies.register': 'Registrera',
  'locksmith-companies.addContactIntro':
    'Turordningen bestämmer vem supporten ringer först. Lämnas den tom hamnar kontakten sist.',
  'locksmith-companies.createTitle': 'Nytt låssmedsföretag',
  'locksmith-companies.facts': 'Uppgifter',
  'locksmith-companies.edit': 'Ändra uppgifter',
  'locksmith-companies.save': 'Spara uppgifter',
  'locksmith-companies.saved': 'Uppgifterna är sparade.',
  'locksmith-companies.nameMissing': 'Ange företagets namn.',
  'locksmith-companies.readOnly': 'Bara kommunadministratörer och låsansvariga kan ändra uppgifterna.',
  'locksmith-companies.onCall': 'Jourkontakter',
  'locksmith-companies.onCallIntro':
    'Dem supporten ringer vid en nödöppning, i turordning. Länken för ankomstbekräftelsen skickas till kontakternas e-post när företaget tilldelas.',
  'locksmith-companies.onCallNotContracted':
    'Företaget har inget jouravtal och kan inte tilldelas nödöppningar förrän avtalet är markerat.',
  'locksmith-companies.onCallEmpty': 'Företaget har inga jourkontakter.',
  'locksmith-companies.callOrder': 'Turordning',
  'locksmith-companies.contactName': 'Namn',
  'locksmith-companies.phone': 'Telefon',
  'locksmith-companies.email': 'E-post (för ankomstlänken)',
  'locksmith-companies.since': 'Tillagd',
  'locksmith-companies.addContact': 'Lägg till jourkontakt',
  'locksmith-companies.contactAdded': '{name} är tillagd som jourkontakt.',
  'locksmith-companies.contactMissing': 'Ange namn och telefonnummer.',
  'locksmith-companies.endContact': 'Avsluta',
  'locksmith-companies.endContactLabel': 'Avsluta {name} som jourkontakt',
  'locksmith-companies.endContactTitle': 'Avsluta {name} som jourkontakt?',
  'locksmith-companies.endContactText':
    'Kontakten får inte längre ankomstlänkar och visas inte när supporten tilldelar en nödöppning. Den finns kvar i historiken.',
  'locksmith-companies.endContactConfirm': 'Avsluta nu',
  'locksmith-companies.contactEnded': '{name} är inte längre jourkontakt.',
  'locksmith-companies.onCallReadOnly':
    'Bara kommunadministratörer och låsansvariga kan ändra jourkontakterna.',
} as const;
