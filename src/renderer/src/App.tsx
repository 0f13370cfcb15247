import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from './api/ApiError.js';
import { useLiveRefresh } from './api/changes.js';
import { ErrorAlert } from './components/ErrorAlert.js';
import { FirstRun } from './session/FirstRun.js';
import { LockScreen } from './session/LockScreen.js';
import { useSession } from './session/SessionContext.js';
import { SessionProvider } from './session/SessionProvider.js';
import { SignIn } from './session/SignIn.js';
import { AnnouncerProvider } from './shell/Announcer.js';
import { AppShell } from './shell/AppShell.js';
import { ErrorBoundary } from './shell/ErrorBoundary.js';

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A user error will not go away by asking again; only transport trouble is retried.
        retry: (count, error) => !(error instanceof ApiError && error.code !== 'internal') && count < 2,
        refetchOnWindowFocus: false,
        staleTime: 5_000,
      },
    },
  });
}

function Root() {
  const { phase, locked, session, startupError, retryStartup } = useSession();
  useLiveRefresh(phase === 'app' && session !== null && !locked);
  if (startupError) {
    return (
      <main className="centre-page">
        <section className="card narrow">
          <h1>The desk cannot start</h1>
          <ErrorAlert error={startupError} />
          <button type="button" onClick={retryStartup}>
            Try again
          </button>
        </section>
      </main>
    );
  }
  switch (phase) {
    case 'loading':
      return <p className="centre-page muted">Opening the desk…</p>;
    case 'firstRun':
      return <FirstRun />;
    case 'signIn':
      return <SignIn />;
    case 'app':
      return (
        <>
          {session && <AppShell hidden={locked} />}
          {locked && <LockScreen />}
        </>
      );
  }
}

export function App() {
  const [client] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={client}>
      <AnnouncerProvider>
        <SessionProvider>
          <ErrorBoundary>
            <Root />
          </ErrorBoundary>
        </SessionProvider>
      </AnnouncerProvider>
    </QueryClientProvider>
  );
}
