import { useEffect, useRef } from 'react';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/** Calls `onIdle` after `minutes` without keyboard, mouse or touch input. */
export function useIdleLock(minutes: number, active: boolean, onIdle: () => void): void {
  const callback = useRef(onIdle);
  callback.current = onIdle;

  useEffect(() => {
    if (!active || !(minutes > 0)) return;
    const limit = minutes * 60_000;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    for (const name of ACTIVITY) window.addEventListener(name, touch, { passive: true, capture: true });
    // A coarse check survives sleeping laptops and throttled background timers.
    const timer = window.setInterval(() => {
      if (Date.now() - last >= limit) {
        window.clearInterval(timer);
        callback.current();
      }
    }, 5_000);
    return () => {
      window.clearInterval(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, touch, { capture: true });
    };
  }, [minutes, active]);
}
