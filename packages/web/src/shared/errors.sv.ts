// API error codes in plain Swedish; anything unlisted falls back to the server's own message. The
// English table (errors.en.ts) is typed against this one.

export const errorsSv = {
  invalid_credentials: 'Fel användarnamn eller lösenord.',
  too_many_attempts: 'För många misslyckade inloggningar. Vänta en stund och försök igen.',
  unauthenticated: 'Du behöver logga in.',
  session_expired: 'Du har varit utloggad en stund. Logga in igen.',
  csrf_failed: 'Sidan behöver laddas om. Ladda om och försök igen.',
  forbidden: 'Din roll får inte göra detta.',
  not_found: 'Det finns inte, eller så får du inte se det.',
  route_not_found: 'Det finns inte.',
  validation_failed: 'Några uppgifter saknas eller har fel format.',
  already_exists: 'Det finns redan något med samma uppgifter.',
  still_referenced: 'Det går inte att ta bort eftersom annat fortfarande hänvisar till det.',
  unknown_reference: 'Något som ändringen hänvisar till finns inte.',
  rule_violation: 'Ändringen bryter mot en regel. Kontrollera datum och kopplingar.',
  invalid_value: 'Ett värde har fel format.',
  provider_mismatch: 'Medarbetaren hör till en annan utförare.',
  employment_ended: 'Medarbetaren är inte längre anställd.',
  door_required: 'Ett installerat lås måste sitta på en dörr.',
  lock_type_mismatch: 'Låstypen passar inte dörren.',
  ends_before_start: 'Slutdatumet ligger före startdatumet.',
  customer_refused_lock: 'Kunden har tackat nej till lås.',
  invalid_cursor: 'Sidan gick inte att hämta. Börja om från första sidan.',
  invalid_identity_number: 'Personnumret är inte giltigt.',
  internal_error: 'Något gick fel hos oss. Försök igen om en stund.',
  network_error: 'Det gick inte att nå servern. Kontrollera anslutningen och försök igen.',
  provider_not_chosen:
    'Kunden har inte valt den utföraren. Bara personal hos en utförare som kunden har valt kan få åtkomst.',
  grant_target_required: 'Ange antingen en kund eller en dörr (inte båda).',
  not_a_shared_door:
    'Bara gemensamma utrymmen (tvättstuga, soprum, läkemedelsskåp, elrum) kan få den här sortens behörighet.',
  lock_on_access_path: 'Låset sitter på vägen in till kunder med pågående insats.',
  reason_required: 'Skriv en anledning (minst 3 tecken).',
  not_mounted: 'Låset sitter inte på någon dörr.',
  cannot_unblock:
    'En spärrad, borttappad eller avvecklad nyckel kan inte aktiveras igen. Lämna ut en ny nyckel i stället.',
  customer_has_access_path:
    'Ta först bort dörrarna från kundens väg in innan du registrerar att kunden tackat nej till lås.',
  path_must_end_at_customer_door:
    'Vägen in måste sluta vid kundens egen dörr (lägenhetsdörr, nyckelgömma eller nyckelrör).',
  path_must_end_at_home: 'Vägen in måste sluta vid kundens bostad.',
  door_outside_residence: 'Dörren finns inte i kundens bostadshus.',
  duplicate_door: 'Samma dörr finns två gånger i vägen in.',
  provider_still_delivers:
    'Utföraren levererar fortfarande den insatsen till kunder. Avsluta de insatserna först.',
  provider_cannot_deliver: 'Utföraren levererar inte den insatsen.',
  not_a_hardware_key: 'Telefoner använder medarbetarens inloggning och har ingen PIN-kod att återställa.',
  not_an_alarm_patrol: 'Områdesregler gäller bara larm- och nattpatruller.',
  not_an_apartment_door: 'Kundens dörr måste vara en lägenhetsdörr, nyckelgömma eller nyckelrör.',
  wrong_property: 'Dörren finns i en annan fastighet än kundens bostad.',
  provider_required: 'Välj en utförare.',
  body_too_large: 'Det du skickade är för stort.',
} as const;
