/**
 * What only a development build honours: DevTools, and a renderer served by electron-vite's dev
 * server (ELECTRON_RENDERER_URL). A development build is what `electron-vite dev` built (a
 * build-time flag, see electron.vite.config.ts) run by an unpackaged Electron: a packaged app,
 * or the output of `npm run build`, ignores both whatever its environment says.
 */
export interface BuildFacts {
  /** `__KMLTTB_DEV_BUILD__`: true only in what `electron-vite dev` built. */
  devBuild: boolean;
  /** Electron's `app.isPackaged`. */
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
}

export interface DevelopmentOptions {
  devTools: boolean;
  /** The renderer's address instead of app://desk/, or undefined. */
  devServerUrl: string | undefined;
}

export function developmentOptions({ devBuild, isPackaged, env }: BuildFacts): DevelopmentOptions {
  const development = devBuild && !isPackaged;
  const devServerUrl = env.ELECTRON_RENDERER_URL?.trim();
  return { devTools: development, devServerUrl: development && devServerUrl ? devServerUrl : undefined };
}
