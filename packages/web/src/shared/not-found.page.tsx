import { Page } from './page';
import { useTranslator, type MessageKey } from './i18n';
import { Link } from './router';

/** A page that only says why there is nothing to show, with the way back to the start. */
function MessagePage({ title, text, testId }: { title: MessageKey; text: MessageKey; testId: string }) {
  const { t } = useTranslator();
  return (
    <Page title={t(title)}>
      <div className="card" data-testid={testId}>
        <p>{t(text)}</p>
        <p>
          <Link to="/">{t('error.toStart')}</Link>
        </p>
      </div>
    </Page>
  );
}

/** Shown for unknown addresses and for records the role may not see: the two look the same on purpose. */
export function NotFoundPage() {
  return <MessagePage title="error.notFoundTitle" text="error.notFoundText" testId="not-found" />;
}

export function ForbiddenPage() {
  return <MessagePage title="error.forbiddenTitle" text="error.forbiddenText" testId="forbidden" />;
}
