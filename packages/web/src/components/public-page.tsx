// The frame of a public page opened from a link whose token is the credential (the consent
// e-service, the locksmith's arrival): its own language switch, no console shell, no session.
import type { ComponentType, ReactNode } from 'react';
import type { ApiRequestError } from '../shared/api-client';
import { TranslatorContext, useTranslator, type MessageKey } from '../shared/i18n';
import { useLanguageChoice } from '../shared/language-choice';

/** A public link's page: `Content` shows what the link's token opens, inside the page's frame. */
export function createPublicLinkPage(
  className: string,
  title: MessageKey,
  Content: ComponentType<{ token: string }>,
): ComponentType<{ token: string }> {
  return function PublicLinkPage({ token }) {
    return (
      <PublicPage className={className} title={title}>
        <Content token={token} />
      </PublicPage>
    );
  };
}

export function PublicPage({
  className,
  title,
  children,
}: {
  className: string;
  title: MessageKey;
  /** The page's content; it reads the page's own translator. */
  children: ReactNode;
}) {
  const { translator, switchLanguage } = useLanguageChoice();
  return (
    <TranslatorContext.Provider value={translator}>
      <main id="main" className={className}>
        <div className="eservice-top">
          <button type="button" className="button button-quiet" onClick={switchLanguage}>
            {translator.t('app.switchLanguage')}
          </button>
        </div>
        <h1>{translator.t(title)}</h1>
        {children}
      </main>
    </TranslatorContext.Provider>
  );
}

/** Why a link's page cannot be shown: unknown (`notFound`), or the API's refusal (used, expired …). */
export function LinkRefusal({
  error,
  className,
  notFound,
}: {
  error: ApiRequestError;
  className: string;
  notFound: string;
}) {
  const { describeError } = useTranslator();
  return (
    <div className={`card ${className}`} data-code={error.code}>
      <p>{error.code === 'not_found' ? notFound : describeError(error.code, error.message)}</p>
    </div>
  );
}
