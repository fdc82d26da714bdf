// The frame of every screen: one h1 (focused after navigation by the shell, so screen-reader
// users hear where they landed), the document title, and an optional back link.
import { useEffect, type ReactNode } from 'react';
import { useTranslator } from './i18n';
import { Link } from './router';

export function Page({
  title,
  intro,
  backTo,
  actions,
  children,
}: {
  title: string;
  intro?: ReactNode;
  backTo?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslator();
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
  return (
    <>
      {backTo && (
        <p className="back-link">
          <Link to={backTo}>← {t('common.back')}</Link>
        </p>
      )}
      <div className="page-header">
        <h1 tabIndex={-1}>{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {intro && <p className="intro">{intro}</p>}
      {children}
    </>
  );
}
