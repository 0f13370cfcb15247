import type { FastifyInstance } from 'fastify';

/** Where desks find the desktop app's releases: electron-updater's generic feed (`latest.yml` and the installers). */
export const UPDATES_PREFIX = '/updates/';

/**
 * `GET /updates/{file}`: the files of the folder set as `server.updatesFolder`, read-only. No
 * listing, no index page, no dot files, nothing outside the folder (@fastify/send refuses `..`).
 */
export function updatesRoutes(folder: string) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register((await import('@fastify/static')).default, {
      serve: true,
      root: folder,
      prefix: UPDATES_PREFIX,
      index: false,
      list: false,
      redirect: false,
      dotfiles: 'ignore',
      decorateReply: false,
    });
  };
}
