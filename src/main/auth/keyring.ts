import type { KeyObject } from 'node:crypto';
import type { DeskServices } from '../core/deskServices.js';

/**
 * Op-signing keys unwrapped for signed-in sessions, by session token hash: in this process's
 * memory only, gone at sign-out, lock, expiry, and when the process ends.
 */
const rings = new WeakMap<DeskServices, Map<string, KeyObject>>();

export function sessionKeys(desk: DeskServices): Map<string, KeyObject> {
  let ring = rings.get(desk);
  if (!ring) rings.set(desk, (ring = new Map()));
  return ring;
}
