/**
 * A backup's page seal: a SHA-256 over the encrypted bytes of every page but the first (the
 * header, which every write changes) and the seal's own. The row seal (backupSeal.ts) finds
 * changed contents; this finds any changed byte, including in the free space of a page, which
 * decrypts to garbage nothing reads (aes256cbc checks no page) and so passes the integrity check.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { openEncrypted } from '../db/cipher.js';

export const SEAL_TABLE = 'backup_seal';

interface Layout {
  pageSize: number;
  /** The seal's page, whose contents change when the page seal is stored. */
  sealPage: number;
}

function layoutOf(sqlite: BetterSqlite3.Database): Layout {
  return {
    pageSize: Number(sqlite.pragma('page_size', { simple: true })),
    sealPage: Number(sqlite.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').pluck().get(SEAL_TABLE)),
  };
}

/** The digest of the file's pages, the first and the seal's apart. */
function pagesDigest(file: string, { pageSize, sealPage }: Layout): string {
  const hash = createHash('sha256');
  const page = Buffer.alloc(pageSize);
  const fd = fs.openSync(file, 'r');
  try {
    for (let n = 2; fs.readSync(fd, page, 0, pageSize, (n - 1) * pageSize) > 0; n++) {
      if (n !== sealPage) hash.update(page);
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** Stores the page seal of a backup already sealed by its rows (its seal table has a `pages` column). */
export function sealPages(file: string, key: string): void {
  const db = openEncrypted(file, key, { fileMustExist: true });
  try {
    const pages = pagesDigest(file, layoutOf(db));
    // raw: a backup's own table, outside schema.ts
    db.prepare(`UPDATE ${SEAL_TABLE} SET pages = ?`).run(pages);
  } finally {
    db.close();
  }
}

/** Whether an opened backup's pages match its page seal; null when it has none (made before page seals). */
export function pagesMatch(sqlite: BetterSqlite3.Database, stored: string | null | undefined): boolean | null {
  if (!stored) return null;
  return stored === pagesDigest(sqlite.name, layoutOf(sqlite));
}
