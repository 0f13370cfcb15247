import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface AnnouncerValue {
  announce(message: string): void;
}

const AnnouncerContext = createContext<AnnouncerValue>({ announce: () => undefined });

export function useAnnounce(): (message: string) => void {
  return useContext(AnnouncerContext).announce;
}

/**
 * The app's one `status` live region: decisions made, imports finished, settings saved.
 * It stays visible as a status line, so sighted people see the same news.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const announce = useCallback((text: string) => {
    // Clearing first makes a repeated message announced again.
    setMessage('');
    window.requestAnimationFrame(() => setMessage(text));
  }, []);
  const value = useMemo(() => ({ announce }), [announce]);
  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <div className="status-line" role="status" aria-live="polite" aria-atomic="true">
        {message}
      </div>
    </AnnouncerContext.Provider>
  );
}
