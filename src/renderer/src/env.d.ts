import type { KmlttbBridge } from '../../shared/bridge.js';

declare global {
  interface Window {
    /** Exposed by the preload in the desktop; installed by webBridge.ts in browser mode. */
    kmlttb?: KmlttbBridge;
  }
}

export {};
