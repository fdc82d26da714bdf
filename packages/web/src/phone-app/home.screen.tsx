// The logged-in app: today's planned visits (straight to checking in at each), visits by customer
// code (check in and out at a customer), the doors the ticket opens now, and
// what waits to upload. Made for one hand: one column, large buttons, the customer's code
// pre-filled when the app was opened from the customer's link (/app/kund/<id>).
import { isRecordId } from '@portvakt/contract';
import { useEffect, useState, type FormEvent } from 'react';
import { readLockLinkKind, type LockLinkKind } from './phone-lock-link';
import {
  formatPhoneTime,
  isPhoneAppText,
  sayText,
  usePhoneTranslate,
  type PhoneSaying,
  type PhoneTranslate,
} from './phone-app.i18n';
import { groupDoorsByAddress } from './door-groups';
import type { PhoneConnection } from './issuer-contact';
import type { PhoneSession, TicketDoor, TicketSummary } from './phone-session';
import { PlannedVisitsSection } from './planned-visits.section';
import { describeVisitCheck, type VisitCheckMessage } from './visit-check-message';

/** The customer code in the address the app was opened at, if any. */
function readLinkedCustomer(): string {
  const match = /^\/app\/kund\/([^/]+)/.exec(location.pathname);
  return match && isRecordId(match[1]) ? match[1] : '';
}

export function HomeScreen(props: {
  session: PhoneSession;
  connection: PhoneConnection;
  /** Bumped whenever the phone's state changed (upload, login), so the screen reads it again. */
  revision: number;
  onChanged: () => void;
  onErased: () => void;
  onLoggedOut: () => void;
}) {
  const { t, language, timeZone } = usePhoneTranslate();
  const { session } = props;
  const [ticket, setTicket] = useState<TicketSummary | undefined>();
  useEffect(() => {
    void session.readTicket().then(setTicket);
  }, [session, props.revision]);

  return (
    <main className="phone-screen">
      <p className="phone-quiet">
        {/* The holder as people know them (as the work lead enrolled the phone), then the login. */}
        {t('home.hello', {
          name: [session.record.holderName, session.record.username && `(${session.record.username})`]
            .filter(Boolean)
            .join(' '),
        })}
      </p>
      {ticket?.isActivated ? (
        <p className="phone-quiet">
          {t('home.shift', { time: formatPhoneTime(language, ticket.shiftEndsAt, timeZone) })}
        </p>
      ) : (
        <p className="phone-problem">{t('home.notActive')}</p>
      )}
      <PlannedVisitsSection
        session={session}
        isConnected={props.connection.isConnected}
        onChanged={props.onChanged}
        onErased={props.onErased}
      />
      <VisitSection session={session} onChanged={props.onChanged} onErased={props.onErased} />
      <DoorSection session={session} ticket={ticket} onChanged={props.onChanged} />
      <QueueSection session={session} connection={props.connection} onChanged={props.onChanged} />
      <button
        type="button"
        className="phone-secondary"
        onClick={() => void session.logOut().then(props.onLoggedOut)}
      >
        {t('home.logout')}
      </button>
    </main>
  );
}

function VisitSection(props: { session: PhoneSession; onChanged: () => void; onErased: () => void }) {
  const { t, language, timeZone } = usePhoneTranslate();
  const [customer, setCustomer] = useState(readLinkedCustomer);
  const [message, setMessage] = useState<VisitCheckMessage>();
  const [isBusy, setBusy] = useState(false);

  const send = async (action: 'check-in' | 'check-out', event?: FormEvent) => {
    event?.preventDefault();
    const customerId = customer.trim().toLowerCase();
    if (!isRecordId(customerId)) return setMessage({ say: sayText('visits.badCustomer'), isProblem: true });
    setBusy(true);
    const result = await props.session.sendVisitCheck(action, customerId);
    setBusy(false);
    props.onChanged();
    if (result === 'erased') return props.onErased();
    setMessage(describeVisitCheck(action, result));
  };

  return (
    <section className="phone-section" aria-labelledby="visits-title">
      <h2 id="visits-title">{t('visits.title')}</h2>
      <p className="phone-quiet">{t('visits.intro')}</p>
      <form onSubmit={(event) => void send('check-in', event)}>
        <label className="phone-field">
          <span>{t('visits.customer')}</span>
          <input
            value={customer}
            onChange={(event) => setCustomer(event.target.value)}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
          />
        </label>
        <div className="phone-pair">
          <button type="submit" className="phone-primary" disabled={isBusy || !customer}>
            {t('visits.checkIn')}
          </button>
          <button
            type="button"
            className="phone-primary phone-outline"
            disabled={isBusy || !customer}
            onClick={() => void send('check-out')}
          >
            {t('visits.checkOut')}
          </button>
        </div>
      </form>
      {message && (
        <p className={message.isProblem ? 'phone-problem' : 'phone-done'} role="status">
          {message.say(t, language, timeZone)}
        </p>
      )}
    </section>
  );
}

function DoorSection(props: {
  session: PhoneSession;
  ticket: TicketSummary | undefined;
  onChanged: () => void;
}) {
  const { t, language, timeZone } = usePhoneTranslate();
  const { ticket } = props;
  const [linkKind] = useState<LockLinkKind>(readLockLinkKind);
  const [opening, setOpening] = useState<number>();
  // Shown in the tapped door's own row: with dozens of doors, a line under the list would be
  // screens away from the button.
  const [message, setMessage] = useState<{ lock: number; say: PhoneSaying; isProblem: boolean }>();
  const doors = ticket?.isActivated ? ticket.doors : [];

  const open = async (door: TicketDoor) => {
    if (!door.info) return;
    setOpening(door.lock);
    setMessage(undefined);
    const result = await props.session.openDoor(linkKind, door.info);
    setOpening(undefined);
    props.onChanged();
    const lock = door.lock;
    if (result.isOpen)
      return setMessage({
        lock,
        say: (inWords) => inWords('doors.opened', { door: nameOf(door, inWords) }),
        isProblem: false,
      });
    if (result.reason === 'link-failed')
      return setMessage({ lock, say: sayText('doors.linkFailed'), isProblem: true });
    const key = `reason.${result.reason}`;
    const sayRefusal: PhoneSaying = (inWords) =>
      inWords('doors.refused', { reason: inWords(isPhoneAppText(key) ? key : 'reason.other') });
    setMessage({ lock, say: sayRefusal, isProblem: true });
  };
  const nameOf = (door: TicketDoor, inWords: PhoneTranslate = t) =>
    door.info
      ? [door.info.doorLabel, door.info.address].filter(Boolean).join(', ')
      : inWords('doors.lock', { number: door.lock });

  return (
    <section className="phone-section" aria-labelledby="doors-title">
      <h2 id="doors-title">{t('doors.title')}</h2>
      {doors.length === 0 ? (
        <p className="phone-quiet">{t('doors.none')}</p>
      ) : (
        groupDoorsByAddress(doors).map((group) => (
          <section
            key={group.address ?? ''}
            className="phone-door-group"
            aria-label={group.address ?? t('doors.noAddress')}
          >
            <h3>{group.address ?? t('doors.noAddress')}</h3>
            <ul className="phone-doors">
              {group.doors.map((door) => (
                <li
                  key={door.lock}
                  data-lock={door.lock}
                  className={door.isOpenNow ? '' : 'phone-door-closed'}
                >
                  <div>
                    <strong>
                      {door.info ? door.info.doorLabel : t('doors.lock', { number: door.lock })}
                    </strong>
                    {!door.info && <span className="phone-quiet">{t('doors.unnamed')}</span>}
                    <span className="phone-quiet">
                      {door.isAlways
                        ? t('doors.always')
                        : door.isOpenNow
                          ? t('doors.now')
                          : t('doors.notNow')}
                    </span>
                  </div>
                  <button
                    type="button"
                    className="phone-open"
                    disabled={!door.info || !door.isOpenNow || opening !== undefined}
                    aria-label={`${t('doors.open')} ${nameOf(door)}`}
                    onClick={() => void open(door)}
                  >
                    {opening === door.lock ? t('doors.opening') : t('doors.open')}
                  </button>
                  {message?.lock === door.lock && (
                    <p
                      className={`phone-door-result ${message.isProblem ? 'phone-problem' : 'phone-done'}`}
                      role="status"
                    >
                      {message.say(t, language, timeZone)}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      {ticket?.isActivated && (
        <p className="phone-quiet">
          {t('doors.validUntil', { time: formatPhoneTime(language, ticket.expiresAt, timeZone) })}{' '}
          {t(linkKind === 'bluetooth' ? 'doors.via.bluetooth' : 'doors.via.loopback')}
        </p>
      )}
    </section>
  );
}

function QueueSection(props: { session: PhoneSession; connection: PhoneConnection; onChanged: () => void }) {
  const { t } = usePhoneTranslate();
  const [isBusy, setBusy] = useState(false);
  const count = props.session.waitingRecords;
  // The note follows the connection; the button is there whenever the phone has a network, since
  // a press is itself the attempt that finds the server again.
  const { hasNetwork, isConnected } = props.connection;
  return (
    <section className="phone-section" aria-labelledby="queue-title">
      <h2 id="queue-title">{t('queue.title')}</h2>
      <p data-waiting={count}>
        {count === 0 ? t('queue.empty') : count === 1 ? t('queue.countOne') : t('queue.count', { count })}
      </p>
      {count > 0 && !isConnected && <p className="phone-quiet">{t('queue.offline')}</p>}
      {count > 0 && hasNetwork && (
        <button
          type="button"
          className="phone-secondary"
          disabled={isBusy}
          onClick={() => {
            setBusy(true);
            void props.session.sendRecordsNow().finally(() => {
              setBusy(false);
              props.onChanged();
            });
          }}
        >
          {t('queue.send')}
        </button>
      )}
    </section>
  );
}
