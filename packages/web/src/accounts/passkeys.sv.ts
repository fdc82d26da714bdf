// Swedish texts: passkeys ("lösennycklar", docs/sign-in.md "Passkeys"): signing in with one, the
// enrolment step, your own passkeys, and the administrator's requirement and reset. The English
// table (passkeys.en.ts) is typed against this one.
export const passkeysSv = {
  'passkeys.nav': 'Lösennycklar',
  'passkeys.signIn': 'Använd lösennyckel',
  'passkeys.signingIn': 'Väntar på lösennyckeln…',
  'passkeys.or': 'eller',
  'passkeys.required':
    'Ditt konto loggar in med lösennyckel. Använd din lösennyckel, eller be en administratör återställa den om du har tappat den.',
  'passkeys.enrolTitle': 'Skapa en lösennyckel',
  'passkeys.enrolIntro':
    'Din kommun kräver lösennyckel för din roll och ditt konto har ingen än. Skapa en nu med telefonen, datorn eller en säkerhetsnyckel; sedan loggar du in med den. Steget gäller i tio minuter.',
  'passkeys.name': 'Namn på lösennyckeln',
  'passkeys.nameHint': 'Till exempel "Jobbtelefon" eller "Säkerhetsnyckel".',
  'passkeys.create': 'Skapa lösennyckel',
  'passkeys.creating': 'Väntar på lösennyckeln…',
  'passkeys.title': 'Lösennycklar',
  'passkeys.intro':
    'En lösennyckel loggar in dig utan lösenord, med telefonens eller datorns skärmlås eller en säkerhetsnyckel. Du kan ha flera.',
  'passkeys.mustUse': 'Din roll måste logga in med lösennyckel. Behåll minst en.',
  'passkeys.yours': 'Dina lösennycklar',
  'passkeys.none': 'Du har inga lösennycklar än.',
  'passkeys.created': 'Skapad',
  'passkeys.lastUsed': 'Senast använd',
  'passkeys.never': 'Aldrig',
  'passkeys.synced': 'Synkas mellan enheter',
  'passkeys.add': 'Lägg till lösennyckel',
  'passkeys.added': 'Lösennyckeln "{name}" är sparad.',
  'passkeys.remove': 'Ta bort',
  'passkeys.removeTitle': 'Ta bort lösennyckeln "{name}"?',
  'passkeys.removeText': 'Den kan inte längre logga in dig.',
  'passkeys.requirement': 'Krav för administrativa roller',
  'passkeys.requirementIntro':
    'Kommunadministratörer, låsansvariga, arbetsledare och granskare loggar då bara in med lösennyckel. Den som saknar en får skapa en direkt efter rätt lösenord, så ingen blir utelåst.',
  'passkeys.requireLabel': 'Kräv lösennyckel för administrativa roller',
  'passkeys.requirementSaved': 'Kravet är sparat.',
  'passkeys.reset': 'Återställ någon annans lösennycklar',
  'passkeys.resetIntro':
    'Tar bort alla lösennycklar för kontot (till exempel en tappad telefon) och loggar ut det. Kontot skapar en ny vid nästa inloggning. Anledningen sparas i granskningsloggen.',
  'passkeys.account': 'Konto',
  'passkeys.chooseAccount': 'Välj konto',
  'passkeys.reason': 'Anledning',
  'passkeys.resetButton': 'Återställ lösennycklar',
  'passkeys.resetDone': 'Borttagna lösennycklar: {count}.',
  'passkeys.unsupported': 'Den här webbläsaren kan inte använda lösennycklar.',
  'passkeys.cancelled': 'Lösennyckeln avbröts eller tog för lång tid. Försök igen.',
} as const;
