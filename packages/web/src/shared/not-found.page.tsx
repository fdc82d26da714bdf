import { Page } from './page';
import { useTranslator } from './i18n';
import { Link } from './router';

/** Shown for unknown addresses and for records the role may not see: the two look the same on purpose. */
export function NotFoundPage() {
  const { t } = useTranslator();
  return (
    <Page title={t('error.notFoundTitle')}>
      <div className="card" data-testid="not-found">
        <p>{t('error.notFoundText')}</p>
        <p>
          <Link to="/">{t('error.toStart')}</Link>
        </p>
      </div>
    </Page>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslator();
  return (
    <Page title={t('error.forbiddenTitle')}>
      <div className="card" data-testid="forbidden">
        <p>{t('error.forbiddenText')}</p>
        <p>
          <Link to="/">{t('error.toStart')}</Link>
        </p>
      </div>
    </Page>
  );
}
