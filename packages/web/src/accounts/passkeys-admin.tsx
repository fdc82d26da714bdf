// The administrator's part of "Lösennycklar": whether administrative roles must sign in with a
// passkey (a municipality setting), and resetting another account's passkeys with a reason.
import type { PasskeyList, UserAccount } from '@portvakt/contract';
import { useState, type FormEvent } from 'react';
import { patchApi, postApi } from '../shared/api-client';
import { CheckboxField, InputField, SelectField, SubmitButton } from '../shared/field';
import { say, useTranslator } from '../shared/i18n';
import { Section } from '../shared/section';
import { SendingNotice } from '../shared/states';
import { useResource } from '../shared/use-api';
import { useSending } from '../shared/use-form-submit';
import { useSession } from './session';

export function PasskeyRequirementSection() {
  const { t } = useTranslator();
  const municipality = useResource<{ settings: Record<string, unknown> }>('/municipality');
  const { problem, done, setDone, isBusy, run } = useSending();
  // Shown at once as chosen; back to what the server holds if the change is refused.
  const [choice, setChoice] = useState<boolean>();
  const isRequired = choice ?? municipality.data?.settings.passkeysRequiredForAdmins === true;
  const change = (isChecked: boolean) => {
    setChoice(isChecked);
    void run(async () => {
      try {
        await patchApi('/municipality', { settings: { passkeysRequiredForAdmins: isChecked } });
      } catch (error) {
        setChoice(undefined);
        throw error;
      }
      setDone(say('passkeys.requirementSaved'));
    });
  };
  return (
    <Section
      title={t('passkeys.requirement')}
      intro={t('passkeys.requirementIntro')}
      section="passkey-requirement"
    >
      <SendingNotice problem={problem} done={done} />
      {municipality.data && (
        <fieldset disabled={isBusy} className="plain-fieldset">
          <CheckboxField label={t('passkeys.requireLabel')} isChecked={isRequired} onChange={change} />
        </fieldset>
      )}
    </Section>
  );
}

export function PasskeyResetSection() {
  const { t, label } = useTranslator();
  const { me } = useSession();
  const users = useResource<{ items: UserAccount[] }>('/users');
  const [userId, setUserId] = useState('');
  const [reason, setReason] = useState('');
  const chosen = useResource<PasskeyList>(userId ? `/users/${userId}/passkeys` : null);
  const { problem, done, setDone, isBusy, run } = useSending();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const result = await postApi<{ removed: number }>(`/users/${userId}/passkeys/reset`, {
        reason: reason.trim(),
      });
      setDone(say('passkeys.resetDone', { count: String(result.removed) }));
      setReason('');
      chosen.reload();
    });
  };
  const others = (users.data?.items ?? []).filter((user) => user.id !== me.id && !user.isDisabled);
  return (
    <Section title={t('passkeys.reset')} intro={t('passkeys.resetIntro')} section="passkey-reset">
      <form onSubmit={submit} className="form" data-form="reset-passkeys">
        <SendingNotice problem={problem} done={done} />
        <SelectField
          label={t('passkeys.account')}
          name="account"
          required
          blank={t('passkeys.chooseAccount')}
          value={userId}
          onValue={setUserId}
          options={others.map((user) => ({
            value: user.id,
            label: `${user.displayName} (${user.username}, ${label('role', user.role)})`,
          }))}
        />
        {chosen.data && (
          <p className="muted" data-passkey-count={chosen.data.items.length}>
            {chosen.data.items.map((passkey) => passkey.name).join(', ') || '–'}
          </p>
        )}
        <InputField
          label={t('passkeys.reason')}
          name="reason"
          required
          maxLength={500}
          value={reason}
          onValue={setReason}
        />
        <SubmitButton isBusy={isBusy}>{t('passkeys.resetButton')}</SubmitButton>
      </form>
    </Section>
  );
}
