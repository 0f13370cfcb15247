import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

interface AnnouncerValue {
  announce(message: string): void;
  /**
   * While quiet (signed out, locked) the status line is empty and news is dropped: what one
   * person did must not be shown on the lock screen or to the next person at the desk.
   */
  setQuiet(quiet: boolean): void;
}

const AnnouncerContext = createContext<AnnouncerValue>({ announce: () => undefined, setQuiet: () => undefined });

export function useAnnounce(): (message: string) => void {
  return useContext(AnnouncerContext).announce;
}

/** For the session: silence the status line while nobody is signed in or the screen is locked. */
export function useAnnouncerQuiet(): (quiet: boolean) => void {
  return useContext(AnnouncerContext).setQuiet;
}

/**
 * The app's one `status` live region: decisions made, imports finished, settings saved.
 * It stays visible as a status line, so sighted people see the same news.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const frame = useRef<number | null>(null);
  const pending = useRef<string[]>([]);
  const quiet = useRef(false);

  const cancelPending = useCallback(() => {
    if (frame.current !== null) window.cancelAnimationFrame(frame.current);
    frame.current = null;
    pending.current = [];
  }, []);

  const announce = useCallback((text: string) => {
    if (quiet.current) return;
    // News that comes in the same frame is told together, never dropped.
    if (!pending.current.includes(text)) pending.current.push(text);
    if (frame.current !== null) return;
    // Clearing first makes a repeated message announced again.
    setMessage('');
    frame.current = window.requestAnimationFrame(() => {
      const text = pending.current.join(' ');
      frame.current = null;
      pending.current = [];
      if (!quiet.current) setMessage(text);
    });
  }, []);

  const setQuiet = useCallback(
    (on: boolean) => {
      quiet.current = on;
      if (on) {
        cancelPending();
        setMessage('');
      }
    },
    [cancelPending],
  );

  const value = useMemo(() => ({ announce, setQuiet }), [announce, setQuiet]);
  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <div className="status-line" role="status" aria-live="polite" aria-atomic="true">
        {message}
      </div>
    </AnnouncerContext.Provider>
  );
}
