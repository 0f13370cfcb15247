/**
 * The main window's options, as a pure function so that a unit test can assert every security
 * setting (QUALITY.md "Electron hardening"). No 'electron' import here: main.ts passes the
 * result to `new BrowserWindow`, whose type checks the shape.
 */
export interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload, out/preload/index.cjs. */
  preloadPath: string;
  /** Restored bounds, already checked against the displays (see windowBounds.ts). */
  bounds?: Bounds;
  /** Developer tools only in unpackaged builds. */
  devTools: boolean;
}

export const DEFAULT_BOUNDS: Bounds = { width: 1280, height: 800 };
export const MIN_SIZE = { width: 960, height: 640 } as const;

/** The page is kept from Node and Electron in every window the app opens (the print window too). */
export const HARDENED_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const;

export function windowOptions(input: WindowOptionsInput) {
  const bounds = input.bounds ?? DEFAULT_BOUNDS;
  return {
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'KMLTTB Licensing Desk',
    // Shown on 'ready-to-show', so the window never flashes empty.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: { preload: input.preloadPath, ...HARDENED_PREFERENCES, devTools: input.devTools },
  };
}
