// The consent e-service (R7.1; docs/consents.md "E-service"): no login, the link's token is the
// credential. The owner's contact sees the property's address and the entrances asked about,
// never who lives there (R2.7), answers yes or no per entrance with name and title, once. Built
// for a phone first.
import type { ConsentLinkView } from '@portvakt/contract';
import type { EntranceConsentStatus } from '@portvakt/core';
import { useState } from 'react';
import { getApi, postApi } from '../shared/api-client';
import { InputField } from '../shared/field';
import { createPublicLinkPage, EServiceForm, LinkRefusal } from '../components';
import { type MessageKey, say, useTranslator } from '../shared/i18n';
import { LoadingState } from '../shared/states';
import { useLoader } from '../shared/use-api';
import { useDraft } from '../shared/use-draft';
import { useFormSubmit } from '../shared/use-form-submit';

interface Receipt {
  answeredAt: string;
  entrances: Array<{ doorId: string; label: string; status: EntranceConsentStatus }>;
}

function AnswerForm({
  token,
  view,
  onAnswered,
}: {
  token: string;
  view: ConsentLinkView;
  onAnswered: (receipt: Receipt) => void;
}) {
  const { t } = useTranslator();
  const [answers, setAnswers] = useState<Record<string, 'consented' | 'declined'>>({});
  const { draft, bind } = useDraft({ name: '', title: '' });
  const { problem, setProblem, isBusy, submit } = useFormSubmit(async () => {
    if (view.entrances.some((entrance) => !answers[entrance.doorId])) return say('eservice.answerEvery');
    if (!draft.name.trim() || !draft.title.trim()) return say('eservice.nameMissing');
    onAnswered(
      await postApi<Receipt>(`/consent-links/${token}`, {
        name: draft.name.trim(),
        title: draft.title.trim(),
        answers: view.entrances.map((entrance) => ({
          doorId: entrance.doorId,
          answer: answers[entrance.doorId],
        })),
      }),
    );
  });
  return (
    <EServiceForm problem={problem} isBusy={isBusy} submitLabel={t('eservice.submit')} onSubmit={submit}>
      <ul className="eservice-entrances">
        {view.entrances.map((entrance) => (
          <li key={entrance.doorId} className="card eservice-entrance" data-door={entrance.doorId}>
            <fieldset>
              <legend>{entrance.label}</legend>
              {entrance.status !== 'not_asked' && (
                <p className="muted">
                  {t('eservice.currentStatus', {
                    status: t(`consents.status.${entrance.status}` as MessageKey),
                  })}
                </p>
              )}
              <div className="eservice-choices">
                {(['consented', 'declined'] as const).map((answer) => (
                  <label key={answer} className={`eservice-choice eservice-choice-${answer}`}>
                    <input
                      type="radio"
                      name={`answer-${entrance.doorId}`}
                      value={answer}
                      checked={answers[entrance.doorId] === answer}
                      onChange={() => {
                        setAnswers({ ...answers, [entrance.doorId]: answer });
                        setProblem(undefined);
                      }}
                    />
                    {answer === 'consented' ? t('eservice.yes') : t('eservice.no')}
                  </label>
                ))}
              </div>
            </fieldset>
          </li>
        ))}
      </ul>
      <InputField label={t('eservice.name')} autoComplete="name" required {...bind('name')} />
      <InputField
        label={t('eservice.titleField')}
        autoComplete="organization-title"
        required
        {...bind('title')}
      />
    </EServiceForm>
  );
}

function EService({ token }: { token: string }) {
  const { t, formatDateTime, formatDate } = useTranslator();
  const view = useLoader(`consent-${token}`, (signal) =>
    getApi<ConsentLinkView>(`/consent-links/${token}`, signal),
  );
  const [receipt, setReceipt] = useState<Receipt>();
  if (view.isLoading) return <LoadingState />;
  if (view.error) {
    return <LinkRefusal error={view.error} className="eservice-refusal" notFound={t('eservice.notFound')} />;
  }
  const data = view.data!;
  const place = [data.property.postalCode, data.property.city].filter(Boolean).join(' ');
  return (
    <>
      <p>{t('eservice.intro', { municipality: data.municipalityName, owner: data.ownerName })}</p>
      <dl className="facts card">
        <div className="fact">
          <dt>{t('eservice.property')}</dt>
          <dd>
            {data.property.streetAddress}
            {place ? `, ${place}` : ''} ({data.property.designation})
          </dd>
        </div>
      </dl>
      <p className="muted">{t('eservice.letterInfo')}</p>
      {receipt ? (
        <div className="card eservice-receipt" role="status">
          <p>
            <strong>{t('eservice.thanks', { time: formatDateTime(receipt.answeredAt) })}</strong>
          </p>
          <ul>
            {receipt.entrances.map((entrance) => (
              <li key={entrance.doorId}>
                {entrance.label}: {t(`consents.status.${entrance.status}` as MessageKey)}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <AnswerForm token={token} view={data} onAnswered={setReceipt} />
          <p className="muted">
            {t('eservice.validUntil', { date: formatDate(data.expiresAt.slice(0, 10)) })}
          </p>
        </>
      )}
    </>
  );
}

export const ConsentEServicePage = createPublicLinkPage('eservice', 'eservice.title', EService);
