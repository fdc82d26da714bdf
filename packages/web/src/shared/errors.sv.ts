// API error codes in plain Swedish; the English table (errors.en.ts) is typed against this one. Every
// code the API sends has a text here (errors.test.ts), but those the server words itself in the
// reader's language (`serverWordedErrorCodes`): for them the console shows the server's message.
import type { ErrorCode } from '@portvakt/contract';

/** Codes whose message the server writes in the request's language, with facts a fixed text lacks. */
export const serverWordedErrorCodes = [
  // The support hours and when support opens next (server/src/support/raise-support-case.ts).
  'outside_support_hours',
] as const satisfies readonly ErrorCode[];

/**
 * Words of refusals whose `details` name the bound that was crossed (`{maxDays}`, docs/api.md
 * "Errors"): said with the number when the answer has it, else the code's words in `errorsSv`.
 */
export const errorsWithParamsSv = {
  // The municipality's own longest grant (core's registry rules, `maxDays`).
  grant_too_long: 'En individuell behörighet får gälla högst {maxDays} dagar. Ge en ny när den går ut.',
} as const satisfies Partial<Record<ErrorCode, string>>;

/** Codes the console gives a request that got no answer from the API (api-client.ts). */
export type ClientErrorCode = 'network_error';

export const errorsSv = {
  passkey_required: 'Ditt konto loggar in med lösennyckel, inte bara lösenord.',
  passkey_enrolment_required: 'Din roll kräver lösennyckel och kontot har ingen än. Skapa en nu.',
  passkey_enrolment_expired: 'Steget för att skapa en lösennyckel har gått ut. Logga in med lösenordet igen.',
  passkey_challenge_invalid: 'Inloggningen med lösennyckel gick ut eller var redan använd. Försök igen.',
  passkey_refused: 'Lösennyckeln godtogs inte.',
  passkey_already_registered: 'Den lösennyckeln är redan sparad.',
  last_required_passkey: 'Din roll måste ha en lösennyckel. Lägg till en ny innan du tar bort den sista.',
  own_passkeys_reset: 'Ta bort dina egna lösennycklar här ovanför; återställning gäller andras konton.',
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
  already_assigned:
    'Det finns redan en koppling av samma slag för samma tid, till exempel att medarbetaren redan är med i teamet eller redan har ett tillstånd till kunden, eller att kunden redan har samma insats från samma utförare. Ändra den som finns i stället.',
  ends_in_the_past:
    'Ett slut kan inte läggas bakåt i tiden: det som redan har gällt ska stå kvar. Ett tillstånd eller medlemskap avslutas tidigast nu, en anställning eller insats tidigast i dag (sista dagen räknas med).',
  starts_in_the_past:
    'En start kan inte läggas bakåt i tiden: det som redan har gällt ska stå kvar. Ett tillstånd börjar tidigast nu, ett teammedlemskap tidigast i dag.',
  already_started:
    'Den har redan börjat gälla, så starten står kvar som den var och den kan inte tas bort: det som redan har gällt ska stå kvar. Avsluta den i stället.',
  already_ended:
    'Den har redan slutat gälla, så slutet står kvar som det var och kan inte flyttas eller tas bort: det som redan har gällt ska stå kvar. Lägg till en ny i stället (ett nytt tillstånd, en ny insats eller anställning).',
  grant_too_long:
    'En individuell behörighet får gälla högst så många dagar som kommunen har bestämt. Ge en ny när den går ut.',
  staff_member_required: 'Ange vilken medarbetare som tar nyckeln.',
  invalid_range: 'Början av perioden måste komma före slutet, och perioden får inte vara längre än tillåtet.',
  weak_password: 'Lösenordet måste ha minst 12 och högst 200 tecken.',
  invalid_encoding:
    'Filen eller texten är inte sparad som UTF-8 (kanske Windows-1252 eller Latin-1). Spara den som UTF-8, till exempel ”CSV UTF-8” i Excel, och försök igen.',
  blank_text: 'Texten är bara mellanslag. Skriv något eller lämna fältet tomt.',
  invalid_characters:
    'Texten innehåller ett tecken som inte kan sparas här (till exempel en radbrytning i ett namn, ett annat styrtecken, ett styrtecken för skrivriktning eller ett halvt tecken). Ta bort det.',
  provider_mismatch: 'Medarbetaren hör till en annan utförare.',
  outside_employment:
    'Det ligger utanför medarbetarens anställning: ett medlemskap måste gälla någon dag av anställningen, ett tillstånd får inte börja efter eller räcka längre än anställningens sista dag.',
  employment_ended: 'Medarbetaren är inte längre anställd.',
  door_required: 'Ett installerat lås måste sitta på en dörr.',
  lock_type_mismatch: 'Låstypen passar inte dörren.',
  ends_before_start: 'Slutdatumet ligger före startdatumet.',
  customer_refused_lock: 'Kunden har tackat nej till lås.',
  invalid_cursor: 'Sidan gick inte att hämta. Börja om från första sidan.',
  invalid_identity_number: 'Personnumret är inte giltigt.',
  internal_error: 'Något gick fel hos oss. Försök igen om en stund.',
  network_error: 'Det gick inte att nå servern. Kontrollera anslutningen och försök igen.',
  database_busy: 'Servern har mycket att göra just nu. Försök igen om en stund.',
  database_unavailable: 'Databasen svarar inte just nu. Försök igen om en stund.',
  idempotency_key_in_progress:
    'Ändringen håller fortfarande på att sparas. Vänta en stund och ladda om sidan.',
  idempotency_key_unanswered: 'Ändringen sparades men svaret kom bort. Ladda om sidan för att se den.',
  provider_not_chosen:
    'Kunden har inte valt den utföraren. Bara personal hos en utförare som kunden har valt kan få åtkomst.',
  grant_target_required: 'Ange antingen en kund eller en dörr (inte båda).',
  not_a_shared_door:
    'Bara gemensamma utrymmen (tvättstuga, soprum, läkemedelsskåp, elrum) kan få den här sortens behörighet.',
  lock_on_access_path:
    'Låset sitter på vägen in till kunder med pågående insats: personalen skulle förlora åtkomst. Låt låset sitta kvar och kontakta låsansvarig, eller montera ned ändå med en orsak om det måste ske.',
  import_file_invalid: 'Filen har fel. Inget har ändrats; rätta raderna som anges och försök igen.',
  empty_file: 'Filen har inga rader. Inget har ändrats.',
  file_unreadable:
    'Filen går inte att läsa som CSV, till exempel ett citattecken som aldrig stängs eller en rad med fler kolumner än rubrikraden. Inget har ändrats.',
  unknown_column: 'Filen har en kolumn som inte känns igen. Rätta rubrikraden; inget har ändrats.',
  duplicate_row: 'Samma rad finns två gånger i filen. Ta bort den ena; inget har ändrats.',
  client_secret_required:
    'Ange klienthemligheten. Den behövs första gången identitetsleverantören ställs in.',
  oidc_config_invalid:
    'Inställningen går inte att använda: utfärdaren ska vara en https://-adress, klient-id:t får inte vara tomt och anspråket ska vara ett enkelt namn som sub eller email.',
  oidc_config_required: 'Ställ in identitetsleverantören innan konton kopplas.',
  one_answer_per_entrance: 'Svara ja eller nej för varje entré, en gång.',
  import_kind_unknown:
    'Det går inte att se vad filen innehåller. Döp den efter innehållet, t.ex. kunder.csv eller personal.csv.',
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
  take_closed: 'Uttaget är redan avslutat: återlämnat, återkallat eller förfallet.',
  residence_required: 'En kund med lägenhetsdörr behöver en bostad: fastigheten som dörren sitter i.',
  district_not_of_home: 'Kundens område måste vara det område som bostaden ligger i.',
  provider_required: 'Välj en utförare.',
  body_too_large: 'Det du skickade är för stort.',
  month_locked: 'Månaden är låst efter låsdatumet. Bara kommunen kan ändra den nu.',
  overlapping_visit: 'Medarbetaren har redan ett besök den tiden.',
  reversed_times: 'Avfärden måste komma efter ankomsten.',
  departure_required: 'Ange när besöket slutade: ett besök räknas bara med en avfärd.',
  visit_unchanged: 'Besöket är redan registrerat så. Ladda om sidan för att se det.',
  visit_in_future: 'Ett besök kan inte ligga i framtiden.',
  visit_too_long: 'Ett besök är högst tolv timmar.',
  version_conflict: 'Någon annan har ändrat det här under tiden. Ladda om sidan och försök igen.',
  customer_not_served: 'Utföraren har inte kunden den dagen.',
  customer_not_in_home: 'Ett besök kan bara flyttas till en kund i samma hem (som delar lägenhetsdörren).',
  staff_not_of_provider: 'All personal måste arbeta hos besökets utförare.',
  run_in_future: 'Månaden är inte slut än. En månad körs efter sista dagen.',
  overlapping_rates:
    'Två timpriser för samma tidsband gäller samma dag. Varje tidsband ska ha ett timpris per dag: låt det ena sluta dagen innan det andra börjar.',
  no_rate_for_day:
    'Ett tidsband saknar timpris för en dag. Varje tidsband (dag, kväll, natt, helg) behöver ett timpris för varje dag, utan luckor.',
  period_not_ended: 'Dagen eller veckan är inte slut än. Den kan attesteras när den har tagit slut.',
  unresolved_exceptions: 'Lös avvikelserna först: rätta, registrera avböjt eller bekräfta dem.',
  alarm_in_future: 'Ett larm kan inte ligga i framtiden.',
  overlapping_shift: 'Medarbetaren har redan ett arbetspass den tiden.',
  shift_too_long: 'Ett arbetspass är högst ett dygn.',
  shift_in_future: 'Ett arbetspass registreras efter att det har slutat.',
  // Work orders.
  invalid_transition: 'Ordern kan inte flyttas till den statusen härifrån.',
  consent_missing:
    'Samtycke saknas: ordern kan inte planeras förrän kunden eller fastighetsägaren har samtyckt. En order som pågår kan flyttas tillbaka till beställd och vänta på samtycket där.',
  consent_no_longer_given:
    'Samtycket gäller inte längre: låset monteras inte. Lämna tillbaka ordern med ”Lämna tillbaka till låsansvarig”: den blir beställd och väntar på samtycke igen.',
  serial_enrolled:
    'Låset med det serienumret är redan registrerat, monterat eller upptaget av en annan order. Ta ett annat lås.',
  door_has_lock: 'Dörren har redan ett monterat lås.',
  wrong_order_kind: 'Det steget hör inte till den här typen av order.',
  storage_label_required: 'Skriv var originallåset förvaras (hylla eller lådans etikett).',
  lock_not_enrolled: 'Registrera låset för ordern först.',
  restore_not_confirmed: 'Bekräfta att kundens originallås är återmonterat.',
  company_needs_installer: 'Bara montörskonton kan höra till ett låsföretag.',
  target_door_required: 'En flytt behöver dörren som låset ska flyttas till.',
  lock_not_on_door:
    'Låset sitter inte på den valda dörren. Välj dörren låset sitter på, eller lämna låset tomt.',
  same_door: 'Låset sitter redan på den dörren. Välj en annan dörr att flytta det till.',
  order_finished:
    'Ordern är avslutad: vem som gjorde jobbet, bokningen och tiderna ändras inte längre. Anteckningar kan läggas till.',
  date_in_future: 'Datumet kan inte ligga efter i dag.',
  provider_not_serving: 'Utföraren ger inte kunden några insatser och kan inte introduceras.',
  empty_opening_window:
    'Ett tidsfönster måste sluta vid en annan tid än det börjar (hela dygnet: 00:00–24:00).',
  invalid_as_of: 'Ange en dag som ÅÅÅÅ-MM-DD, senast i dag.',
  out_of_range: 'Värdet ligger utanför det tillåtna intervallet.',
  district_or_team_required: 'Välj antingen ett område eller ett team.',
  nothing_due: 'Inga lås behöver batteribyte inom den tiden.',
  changed_in_future: 'Ett batteribyte kan inte registreras i förväg.',
  team_only_for_home_care: 'Ett team anges bara när hemtjänstens team bytte batteriet.',
  consent_link_used: 'Länken har redan använts. Svaret är registrerat.',
  invitation_used: 'Inbjudan har redan använts för att skapa ett konto. Logga in med det.',
  invitation_expired: 'Inbjudan har slutat gälla. Be hemtjänsten om en ny.',
  invitation_withdrawn: 'Inbjudan är tillbakadragen. Be hemtjänsten om en ny.',
  relative_by_invitation: 'Anhöriga får sina konton genom en inbjudan från kundens arbetsledare.',
  invalid_username: 'Välj 3–40 tecken: små bokstäver a–z, siffror, punkt, bindestreck eller understreck.',
  consent_link_expired: 'Länken har slutat gälla. Kontakta kommunen för en ny.',
  door_not_in_request: 'Dörren ingår inte i förfrågan.',
  door_not_askable: 'Bara gemensamma dörrar som entréer kan ingå i en förfrågan.',
  no_entrances: 'Fastigheten har inga entréer att fråga om.',
  property_without_owner: 'Fastigheten har ingen fastighetsägare.',
  contact_of_other_owner: 'Kontakten hör till en annan fastighetsägare.',
  contact_without_email: 'Kontakten har ingen e-postadress.',
  consent_not_given: 'Det finns inget lämnat samtycke att återkalla.',
  mail_not_sent: 'E-postmeddelandet kunde inte skickas. Inget har ändrats.',
  webhook_url_invalid:
    'Mottagarens adress måste börja med https:// (http bara till den egna datorn när servern tillåter det).',
  webhook_url_internal:
    'Mottagaren måste finnas på internet: inte den här servern, localhost eller en privat, lokal eller intern adress (som 10.x, 192.168.x eller 169.254.x).',
  webhook_event_type_not_allowed: 'Välj minst en händelse som du får prenumerera på.',
  webhook_delivery_not_failed: 'Bara ett misslyckat utskick kan skickas igen.',
  slot_empty: 'Facket har ingen nyckel. Inget uttag är gjort.',
  key_already_out: 'Nyckeln är redan uttagen, eller så är ett uttag redan godkänt.',
  no_such_slot: 'Skåpet har inget sådant fack.',
  cabinet_retired: 'Skåpet är taget ur bruk.',
  storage_cabinet_retired: 'Skåpet är taget ur bruk. Välj ett annat skåp eller en annan förvaringsplats.',
  reason_text_required: 'Beskriv skälet.',
  slots_in_use: 'Det finns nycklar i skåpet eller ute ur det.',
  invalid_assignee: 'Ärendet kan bara tilldelas support, låsansvariga eller kommunens administratörer.',
  support_hours_reversed: 'Supporten måste stänga efter att den öppnar (24:00 för midnatt).',
  door_not_of_customer: 'Dörren ligger inte på vägen in till kunden som ärendet gäller.',
  lock_not_of_customer: 'Låset sitter inte på en dörr på vägen in till kunden som ärendet gäller.',
  emergency_closed: 'Nödöppningen är redan avslutad.',
  emergency_already_assigned: 'En låssmed är redan tilldelad.',
  emergency_not_assigned: 'Det steget kan inte tas ännu: ingen låssmed är tilldelad nödöppningen.',
  emergency_not_on_site:
    'Det steget kan inte tas ännu: låssmeden är inte registrerad på plats, så dörren kan inte registreras som öppnad.',
  emergency_already_on_site: 'Låssmeden är redan registrerad på plats.',
  emergency_door_already_opened: 'Dörren är redan registrerad som öppnad.',
  locksmith_not_contracted: 'Låssmedsföretaget har inget avtal om nödöppning.',
  door_not_on_path: 'Dörren ligger inte på kundens väg in.',
  follow_up_exists: 'Det finns redan en uppföljning av det slaget.',
  emergency_not_closed: 'Nödöppningen är inte avslutad än. Avsluta den först.',
  arrival_link_used: 'Länken har redan använts: ankomsten är registrerad.',
  arrival_link_expired: 'Länken gäller inte längre.',
  // Backup keys and deviation plans (docs/backup-keys.md).
  slot_taken: 'Facket i nyckelskåpet har redan en nyckel.',
  slot_out_of_range: 'Nyckelskåpet har inte det facket.',
  storage_place_required:
    'Ange var nyckeln förvaras: ett fack i ett nyckelskåp eller ett namngivet kassaskåp.',
  cabinet_of_other_provider: 'Nyckelskåpet tillhör en annan utförare.',
  key_returned: 'Nyckeln är redan återlämnad.',
  key_not_returned: 'Nyckeln förvaras fortfarande. Registrera återlämningen först.',
  not_ready_for_return: 'Kunden är inte redo att få tillbaka nycklarna. Inget har ändrats.',
  returned_before_received: 'En nyckel kan inte lämnas tillbaka innan den togs emot.',
  signed_before_received: 'En kvittens kan inte vara undertecknad innan nyckeln togs emot.',
  invalid_document: 'Filen är inte en PDF, JPEG eller PNG som den anges vara.',
  document_too_large: 'Filen är större än 2 MB.',
  plan_already_decided: 'Planen är redan godkänd eller avslagen.',
  // Requests, tokens, accounts, sign-in, devices, phone visits and exports.
  invalid_token: 'API-nyckeln är okänd, återkallad eller har gått ut.',
  unsupported_media_type: 'Förfrågan skickades i ett format som inte tas emot (skicka JSON).',
  unsupported_charset: 'Förfrågan skickades med fel teckenkodning (skicka UTF-8).',
  invalid_content_length: 'Förfrågan kom inte fram hel. Försök igen.',
  empty_body: 'Förfrågan var tom. Försök igen.',
  malformed_json: 'Förfrågan gick inte att läsa. Ladda om sidan och försök igen.',
  bad_request: 'Förfrågan gick inte att läsa. Ladda om sidan och försök igen.',
  console_not_built: 'Webbkonsolen är inte byggd på den här servern. Kontakta driften.',
  invalid_idempotency_key: 'Förfrågan hade en ogiltig upprepningsnyckel. Ladda om sidan och försök igen.',
  idempotency_key_reused: 'Förfrågan krockade med en tidigare. Ladda om sidan och försök igen.',
  no_session: 'Bara en inloggning i webbläsaren kan loggas ut; API-nycklar återkallas i stället.',
  wrong_password: 'Det nuvarande lösenordet är fel.',
  same_password: 'Välj ett annat lösenord än det du har nu.',
  cannot_disable_self: 'Du kan inte stänga av ditt eget konto.',
  provider_not_applicable: 'Bara en arbetsledares API-nyckel kan gälla en utförare.',
  property_owner_required: 'Ett konto för en fastighetsägare måste kopplas till fastighetsägaren.',
  already_expired: 'Slutdatumet måste ligga framåt i tiden.',
  oidc_not_configured: 'Kommunens inloggning är inte påslagen.',
  oidc_discovery_failed: 'Kommunens identitetstjänst gick inte att läsa in. Kontrollera adressen.',
  oidc_provider_unreachable: 'Kommunens identitetstjänst svarar inte just nu. Försök igen om en stund.',
  oidc_provider_refused: 'Inloggningen avbröts hos kommunens identitetstjänst.',
  oidc_state_mismatch: 'Inloggningen hade gått ut eller var redan använd. Försök igen.',
  oidc_code_rejected: 'Kommunens identitetstjänst godtog inte inloggningen. Försök igen.',
  oidc_token_invalid: 'Svaret från kommunens identitetstjänst gick inte att lita på. Försök igen.',
  oidc_account_unknown: 'Inget konto i Portvakt hör till den inloggningen. Kontakta din administratör.',
  oidc_account_disabled: 'Ditt konto är avstängt. Kontakta din administratör.',
  invalid_public_key: 'Enhetens publika nyckel är inte giltig.',
  key_not_active: 'En spärrad, borttappad eller avvecklad nyckel får ingen ny PIN-kod.',
  key_required: 'En nyckel eller telefon registreras med sin nyckel, utan lås.',
  kind_mismatch: 'Nyckeln är registrerad som ett annat slag av enhet.',
  lock_required: 'Ett lås registreras med sitt lås, utan nyckel.',
  one_subject: 'Ange antingen en kund eller ett lås, inte båda.',
  unexpected_reference: 'Aktiveringsboxar och synkstationer registreras utan lås och nyckel.',
  not_permitted: 'Du får inte besöka den här kunden nu.',
  visit_already_open: 'Du är redan incheckad hos den här kunden.',
  no_open_visit: 'Du är inte incheckad hos den här kunden (de senaste 12 timmarna).',
  support_case_not_applicable: 'Bara ett digitalt fel kan kopplas till ett supportärende.',
  support_case_of_other_customer:
    'Supportärendet gäller en annan kund eller dörr än nyckeln. Inget uttag är gjort.',
  period_required: 'Ange en period, från och till.',
  unknown_export_kind: 'Exporten har inget sådant slag.',
  export_kind_required: 'Välj vad som ska exporteras.',
  export_has_no_period: 'Den här exporten gäller läget nu och tar ingen period.',
} as const satisfies Partial<Record<ErrorCode | ClientErrorCode, string>>;
