import { useEffect, useMemo } from 'react';
import { ApplicationsScreen } from '../applications/ApplicationsScreen.js';
import { AuditScreen } from '../audit/AuditScreen.js';
import { CollectionScreen } from '../collection/CollectionScreen.js';
import { DashboardScreen } from '../dashboard/DashboardScreen.js';
import { LicencesScreen } from '../licences/LicencesScreen.js';
import { PaymentsScreen } from '../payments/PaymentsScreen.js';
import { ReportsScreen } from '../reports/ReportsScreen.js';
import { useSession, useSignedIn } from '../session/SessionContext.js';
import { useIdleLock } from '../session/useIdleLock.js';
import { SettingsScreen } from '../settings/SettingsScreen.js';
import { SmsScreen } from '../sms/SmsScreen.js';
import { VerifyScreen } from '../verify/VerifyScreen.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { Header } from './Header.js';
import { Nav } from './Nav.js';
import { SCREENS, VERIFY_SCREEN, navigate, useHashRoute, type ScreenId } from './routes.js';

function Screen({ id, rest }: { id: ScreenId; rest: string[] }) {
  switch (id) {
    case 'dashboard':
      return <DashboardScreen />;
    case 'applications':
      return <ApplicationsScreen state={rest[0]} />;
    case 'sms':
      return <SmsScreen state={rest[0]} />;
    case 'audit':
      return <AuditScreen />;
    case 'settings':
      return <SettingsScreen section={rest[0]} />;
    case 'payments':
      return <PaymentsScreen tab={rest[0]} />;
    case 'licences':
      return <LicencesScreen />;
    case 'collection':
      return <CollectionScreen />;
    case 'verify':
      return <VerifyScreen />;
    case 'reports':
      return <ReportsScreen report={rest[0]} />;
  }
}

/** The signed-in app: header, main navigation and the current screen. */
export function AppShell({ hidden }: { hidden: boolean }) {
  const session = useSignedIn();
  const { lockNow, locked } = useSession();
  const route = useHashRoute();
  const allowed = useMemo(() => SCREENS.filter((s) => session.permissions.includes(s.permission)), [session.permissions]);
  const verify = route.screen === VERIFY_SCREEN.id && session.permissions.includes(VERIFY_SCREEN.permission) ? VERIFY_SCREEN : undefined;
  const current = allowed.find((s) => s.id === route.screen) ?? verify;

  useEffect(() => {
    const first = allowed[0];
    if (!current && first) navigate(first.id);
  }, [current, allowed]);

  useIdleLock(session.idleLockMinutes, !locked, () => void lockNow());

  return (
    <div className="app" hidden={hidden} inert={hidden}>
      <Header />
      <div className="app-body">
        <Nav screens={allowed} current={current?.id ?? ''} />
        <main className="app-main" id="main">
          <ErrorBoundary resetKey={current?.id}>
            {current ? <Screen id={current.id} rest={route.rest} /> : allowed.length === 0 && <p>Your account has no screens to use. Ask an administrator.</p>}
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
