// The shell: language, session, navigation per role, and the route table.
import type { Resource, Role } from '@portvakt/core';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { forgetCachedEntities, getApi, postApi, sessionEndedEvent } from './api-client';
import { LoadingState } from './states';
import { TranslatorContext, useTranslator, type MessageKey } from './i18n';
import { useLanguageChoice } from './language-choice';
import { AuditPage } from '../audit/audit.page';
import { BlockListPage } from '../devices/block-list.page';
import { CustomerDetailPage } from '../registry/customer-detail.page';
import { CustomersPage } from '../registry/customers.page';
import { EventLogPage } from '../events/event-log.page';
import { KeyDetailPage } from '../devices/key-detail.page';
import { KeysPage } from '../devices/keys.page';
import { LockDetailPage } from '../registry/lock-detail.page';
import { LocksPage } from '../registry/locks.page';
import { LocksmithCompaniesPage } from '../registry/locksmith-companies.page';
import { PropertiesPage, PropertyDetailPage } from '../registry/properties.page';
import { LocksmithCompanyDetailPage } from '../registry/locksmith-company-detail.page';
import { BatteriesPage } from '../batteries/batteries.page';
import { LoginPage } from '../accounts/login.page';
import { PasskeysPage } from '../accounts/passkeys.page';
import { ForbiddenPage, NotFoundPage } from './not-found.page';
import { OverviewPage } from '../events/overview.page';
import { ProviderDetailPage, ProvidersPage } from '../registry/providers.page';
import { StaffDetailPage } from '../registry/staff-detail.page';
import { StaffPage } from '../registry/staff.page';
import { TeamDetailPage } from '../registry/team-detail.page';
import { TeamsPage } from '../registry/teams.page';
import { AlarmResponsePage } from '../visits/alarm-response.page';
import { BreakGlassPage } from '../visits/break-glass.page';
import { CompensationPage } from '../visits/compensation.page';
import { GivenVersusGrantedPage } from '../visits/given-versus-granted.page';
import { VisitExceptionsPage } from '../visits/visit-exceptions.page';
import { VisitWeekPage } from '../visits/visit-week.page';
import { VisitsPage } from '../visits/visits.page';
import { InstallerOrderPage, InstallerPage, WorkOrderBoardPage, WorkOrderDetailPage } from '../work-orders';
import { RolloutPage } from '../rollout';
import { ImportsPage } from '../imports';
import { LivePage } from '../live';
import { WebhookPage, WebhooksPage } from '../webhooks';
import { KeyCabinetPage, KeyCabinetsPage } from '../key-cabinets';
import {
  ConsentEServicePage,
  ConsentRequestsPage,
  PropertyOwnerDetailPage,
  PropertyOwnersPage,
} from '../consents';
import { SupportCasePage, SupportPage } from '../support';
import { EmergencyArrivalPage, EmergencyBoardPage, EmergencySlaPage } from '../emergency';
import { BackupKeysPage, DeviationPlansPage, KeyReturnReadinessPage, KeysHeldPage } from '../backup-keys';
import { RelativeInvitationPage, RelativeVisitListPage } from '../relatives';
import { Link, matchPath, navigate, usePathname } from './router';
import { createSession, SessionContext, type Me, type Session } from '../accounts/session';

interface Route {
  pattern: string;
  /** What the role must be able to read to see the page at all. */
  resources: Resource[];
  render(params: Record<string, string>): ReactNode;
}

/** A list page and the detail page of one of its rows, both open to those who may read `resource`. */
function createListRoutes(
  path: string,
  resource: Resource,
  ListPage: () => ReactNode,
  DetailPage: (props: { id: string }) => ReactNode,
): Route[] {
  return [
    { pattern: path, resources: [resource], render: () => <ListPage /> },
    { pattern: `${path}/:id`, resources: [resource], render: ({ id }) => <DetailPage id={id!} /> },
  ];
}

const routes: Route[] = [
  { pattern: '/overview', resources: ['lock_device', 'digital_key'], render: () => <OverviewPage /> },
  ...createListRoutes('/customers', 'customer', CustomersPage, CustomerDetailPage),
  ...createListRoutes('/locks', 'lock_device', LocksPage, LockDetailPage),
  ...createListRoutes('/properties', 'property', PropertiesPage, PropertyDetailPage),
  ...createListRoutes('/staff', 'staff_member', StaffPage, StaffDetailPage),
  ...createListRoutes('/keys', 'digital_key', KeysPage, KeyDetailPage),
  ...createListRoutes('/teams', 'team', TeamsPage, TeamDetailPage),
  ...createListRoutes('/providers', 'provider', ProvidersPage, ProviderDetailPage),
  { pattern: '/batteries', resources: ['battery_forecast'], render: () => <BatteriesPage /> },
  ...createListRoutes('/key-cabinets', 'key_cabinet', KeyCabinetsPage, KeyCabinetPage),
  { pattern: '/block-list', resources: ['block_list'], render: () => <BlockListPage /> },
  { pattern: '/event-log', resources: ['device_event'], render: () => <EventLogPage /> },
  { pattern: '/live', resources: ['device_event'], render: () => <LivePage /> },
  { pattern: '/visits', resources: ['visit'], render: () => <VisitsPage /> },
  { pattern: '/visit-week', resources: ['visit'], render: () => <VisitWeekPage /> },
  { pattern: '/visit-exceptions', resources: ['visit'], render: () => <VisitExceptionsPage /> },
  { pattern: '/compensation', resources: ['compensation_run'], render: () => <CompensationPage /> },
  {
    pattern: '/given-versus-granted',
    resources: ['compensation_run'],
    render: () => <GivenVersusGrantedPage />,
  },
  { pattern: '/alarms', resources: ['alarm'], render: () => <AlarmResponsePage /> },
  { pattern: '/break-glass', resources: ['break_glass'], render: () => <BreakGlassPage /> },
  { pattern: '/rollout', resources: ['rollout'], render: () => <RolloutPage /> },
  { pattern: '/imports', resources: ['care_system_import'], render: () => <ImportsPage /> },
  { pattern: '/audit', resources: ['audit_entry'], render: () => <AuditPage /> },
  ...createListRoutes('/work-orders', 'work_order', WorkOrderBoardPage, WorkOrderDetailPage),
  ...createListRoutes(
    '/locksmith-companies',
    'locksmith_company',
    LocksmithCompaniesPage,
    LocksmithCompanyDetailPage,
  ),
  { pattern: '/installer', resources: ['work_order'], render: () => <InstallerPage /> },
  {
    pattern: '/installer/:id',
    resources: ['work_order'],
    render: ({ id }) => <InstallerOrderPage id={id!} />,
  },
  ...createListRoutes('/property-owners', 'property_owner', PropertyOwnersPage, PropertyOwnerDetailPage),
  { pattern: '/consent-requests', resources: ['consent_request'], render: () => <ConsentRequestsPage /> },
  ...createListRoutes('/support', 'support_case', SupportPage, SupportCasePage),
  { pattern: '/emergency', resources: ['emergency_opening'], render: () => <EmergencyBoardPage /> },
  { pattern: '/emergency-sla', resources: ['emergency_sla'], render: () => <EmergencySlaPage /> },
  { pattern: '/backup-keys', resources: ['backup_key'], render: () => <BackupKeysPage /> },
  { pattern: '/deviation-plans', resources: ['deviation_plan'], render: () => <DeviationPlansPage /> },
  {
    pattern: '/key-return-readiness',
    resources: ['key_return_readiness'],
    render: () => <KeyReturnReadinessPage />,
  },
  { pattern: '/keys-held', resources: ['keys_held'], render: () => <KeysHeldPage /> },
  { pattern: '/relative', resources: ['relative_visit_list'], render: () => <RelativeVisitListPage /> },
  // Everyone's own passkeys: every role reads its municipality, a relative its visit list.
  {
    pattern: '/passkeys',
    resources: ['municipality', 'relative_visit_list'],
    render: () => <PasskeysPage />,
  },
  ...createListRoutes('/webhooks', 'webhook_subscription', WebhooksPage, WebhookPage),
];

const visitReviewRoles: Role[] = ['municipality_admin', 'work_lead', 'support', 'auditor'];

const navigation: Array<{ path: string; key: MessageKey; resources: Resource[]; roles?: Role[] }> = [
  // Installers land on their day's jobs (the first item they see).
  { path: '/installer', key: 'nav.installer', resources: ['work_order'], roles: ['installer'] },
  { path: '/overview', key: 'nav.overview', resources: ['lock_device', 'digital_key'] },
  { path: '/customers', key: 'nav.customers', resources: ['customer'] },
  { path: '/locks', key: 'nav.locks', resources: ['lock_device'] },
  { path: '/properties', key: 'nav.properties', resources: ['property'] },
  { path: '/batteries', key: 'nav.batteries', resources: ['battery_forecast'] },
  { path: '/staff', key: 'nav.staff', resources: ['staff_member'] },
  { path: '/keys', key: 'nav.keys', resources: ['digital_key'] },
  { path: '/key-cabinets', key: 'nav.keyCabinets', resources: ['key_cabinet'] },
  { path: '/teams', key: 'nav.teams', resources: ['team'] },
  { path: '/providers', key: 'nav.providers', resources: ['provider'] },
  { path: '/block-list', key: 'nav.blockList', resources: ['block_list'] },
  { path: '/event-log', key: 'nav.eventLog', resources: ['device_event'] },
  { path: '/live', key: 'nav.live', resources: ['device_event'] },
  { path: '/visits', key: 'nav.visits', resources: ['visit'] },
  // Staff read only their own visits: a customer's week and the exceptions queue are work leads' and oversight's.
  { path: '/visit-week', key: 'nav.visitWeek', resources: ['visit'], roles: visitReviewRoles },
  { path: '/visit-exceptions', key: 'nav.exceptions', resources: ['visit'], roles: visitReviewRoles },
  { path: '/compensation', key: 'nav.compensation', resources: ['compensation_run'] },
  { path: '/given-versus-granted', key: 'nav.givenVersusGranted', resources: ['compensation_run'] },
  { path: '/alarms', key: 'nav.alarms', resources: ['alarm'] },
  { path: '/break-glass', key: 'nav.breakGlass', resources: ['break_glass'] },
  { path: '/rollout', key: 'nav.rollout', resources: ['rollout'] },
  { path: '/audit', key: 'nav.audit', resources: ['audit_entry'] },
  { path: '/imports', key: 'nav.imports', resources: ['care_system_import'], roles: ['municipality_admin'] },
  {
    path: '/work-orders',
    key: 'nav.workOrders',
    resources: ['work_order'],
    roles: ['municipality_admin', 'lock_manager', 'support', 'auditor', 'work_lead'],
  },
  // Next to the work orders the companies' installers carry out; their on-call contacts serve
  // emergency opening.
  { path: '/locksmith-companies', key: 'nav.locksmithCompanies', resources: ['locksmith_company'] },
  { path: '/property-owners', key: 'nav.propertyOwners', resources: ['property_owner_contact'] },
  { path: '/consent-requests', key: 'nav.consentRequests', resources: ['consent_request'] },
  { path: '/backup-keys', key: 'nav.backupKeys', resources: ['backup_key'] },
  { path: '/deviation-plans', key: 'nav.deviationPlans', resources: ['deviation_plan'] },
  { path: '/key-return-readiness', key: 'nav.keyReturnReadiness', resources: ['key_return_readiness'] },
  { path: '/keys-held', key: 'nav.keysHeld', resources: ['keys_held'] },
  // Every role that reads support cases (all but none); last, so no role's start page changes.
  { path: '/support', key: 'nav.support', resources: ['support_case'] },
  { path: '/emergency', key: 'nav.emergency', resources: ['emergency_opening'] },
  { path: '/emergency-sla', key: 'nav.emergencySla', resources: ['emergency_sla'] },
  // A relative's one page (docs/relatives.md); no other role reads relative_visit_list.
  { path: '/relative', key: 'nav.relative', resources: ['relative_visit_list'] },
  { path: '/webhooks', key: 'nav.webhooks', resources: ['webhook_subscription'] },
];

function LanguageSwitch({ onSwitch }: { onSwitch: () => void }) {
  const { t } = useTranslator();
  return (
    <button
      type="button"
      className="button button-quiet"
      onClick={onSwitch}
      lang={t('app.switchLanguage') === 'English' ? 'en' : 'sv'}
      aria-label={t('app.switchLanguageLabel')}
    >
      {t('app.switchLanguage')}
    </button>
  );
}

function Shell({
  session,
  onLogout,
  onSwitchLanguage,
}: {
  session: Session;
  onLogout: () => void;
  onSwitchLanguage: () => void;
}) {
  const { t, label } = useTranslator();
  const pathname = usePathname();
  const mainRef = useRef<HTMLElement>(null);
  const visibleNavigation = navigation.filter(
    (item) =>
      item.resources.some((resource) => session.can(resource)) &&
      (!item.roles || item.roles.includes(session.me.role)),
  );
  const startPath = visibleNavigation[0]?.path;

  useEffect(() => {
    if (pathname === '/' && startPath) navigate(startPath, true);
  }, [pathname, startPath]);

  // Moving focus to the new page's heading tells keyboard and screen-reader users the page changed.
  const isFirstRender = useRef(true);
  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    const timer = window.setTimeout(() => mainRef.current?.querySelector<HTMLElement>('h1')?.focus(), 0);
    return () => window.clearTimeout(timer);
  }, [pathname]);

  // On a phone the menu is one row that scrolls sideways (docs/web.md "Small screens"): bring the
  // current page's entry into view, as it may be far along the row.
  const menuRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const menu = menuRef.current;
    const current = menu?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!menu || !current || menu.scrollWidth <= menu.clientWidth) return;
    const offset = current.getBoundingClientRect().left - menu.getBoundingClientRect().left;
    menu.scrollLeft += offset - (menu.clientWidth - current.offsetWidth) / 2;
  }, [pathname]);

  let content: ReactNode = <NotFoundPage />;
  for (const route of routes) {
    const params = matchPath(route.pattern, pathname);
    if (!params) continue;
    content = route.resources.some((resource) => session.can(resource)) ? (
      route.render(params)
    ) : (
      <ForbiddenPage />
    );
    break;
  }
  if (pathname === '/') content = startPath ? <LoadingState /> : <ForbiddenPage />;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ⌂
          </span>
          <span>
            {t('app.name')}
            <span className="brand-tagline">{t('app.tagline')}</span>
          </span>
        </Link>
        <div className="topbar-tools">
          <span className="who">
            {t('app.loggedInAs', {
              name: session.me.displayName ?? session.me.label,
              role: label('role', session.me.role),
            })}
          </span>
          <Link to="/passkeys" className="topbar-link">
            {t('passkeys.nav')}
          </Link>
          <LanguageSwitch onSwitch={onSwitchLanguage} />
          <button type="button" className="button button-secondary" onClick={onLogout}>
            {t('app.logout')}
          </button>
        </div>
      </header>
      <div className="layout">
        <nav className="sidebar" aria-label={t('app.mainNavigation')}>
          <ul ref={menuRef}>
            {visibleNavigation.map((item) => {
              const isCurrent = pathname === item.path || pathname.startsWith(`${item.path}/`);
              return (
                <li key={item.path}>
                  <Link to={item.path} aria-current={isCurrent ? 'page' : undefined}>
                    {t(item.key)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <main id="main" ref={mainRef} tabIndex={-1}>
          {content}
        </main>
      </div>
    </div>
  );
}

/** The console, or the consent e-service (public: no session, no shell) for a link's path. */
export function App() {
  const pathname = usePathname();
  const consentLink = matchPath('/consent/:token', pathname);
  if (consentLink) return <ConsentEServicePage token={consentLink.token!} />;
  const arrivalLink = matchPath('/emergency-arrival/:token', pathname);
  if (arrivalLink) return <EmergencyArrivalPage token={arrivalLink.token!} />;
  const relativeLink = matchPath('/relative/invitation/:token', pathname);
  if (relativeLink) return <RelativeInvitationPage token={relativeLink.token!} />;
  return <ConsoleApp />;
}

function ConsoleApp() {
  // The language choice also sets the page's lang and the API requests' language.
  const { translator, switchLanguage } = useLanguageChoice();
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const loadMe = useCallback(() => {
    // Any failure (no session, server unreachable) leads to the login page, which explains errors.
    getApi<Me>('/auth/me').then(setMe, () => setMe(null));
  }, []);

  useEffect(() => {
    loadMe();
    const onSessionEnded = () => {
      forgetCachedEntities();
      setMe(null);
    };
    window.addEventListener(sessionEndedEvent, onSessionEnded);
    return () => window.removeEventListener(sessionEndedEvent, onSessionEnded);
  }, [loadMe]);

  const session = useMemo(() => (me ? createSession(me) : null), [me]);

  const logout = () => {
    postApi('/auth/logout', undefined)
      .catch(() => undefined)
      .finally(() => {
        forgetCachedEntities();
        setMe(null);
        navigate('/', true);
      });
  };

  let body: ReactNode;
  if (me === undefined) {
    body = (
      <main id="main" className="centered">
        <LoadingState />
      </main>
    );
  } else if (!session) {
    body = (
      <main id="main" className="centered">
        <div className="login-language">
          <LanguageSwitch onSwitch={switchLanguage} />
        </div>
        <LoginPage onLoggedIn={loadMe} />
      </main>
    );
  } else {
    body = (
      <SessionContext.Provider value={session}>
        <Shell session={session} onLogout={logout} onSwitchLanguage={switchLanguage} />
      </SessionContext.Provider>
    );
  }
  return <TranslatorContext.Provider value={translator}>{body}</TranslatorContext.Provider>;
}
