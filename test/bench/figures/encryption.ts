/**
 * The cost of encryption itself: the same raw better-sqlite3 work (no app code) on a copy of the
 * bench database encrypted as every data folder is (SQLCipher 4 format, db/cipher.ts) and on a
 * copy in clear. Printed beside the budgets, which are measured with encryption on.
 */
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { applyDatabaseKey } from '../../../src/main/db/cipher.js';
import type { Rng } from '../prng.js';
import { formatMs, formatPct, infoLine, median, timeSync, type Figure } from '../stats.js';

const PAGE_QUERIES = 200;
const SCANS = 5;
const WRITE_TRANSACTIONS = 20;
const ROWS_PER_WRITE = 500;

interface Measured {
  page: number;
  scan: number;
  write: number;
}

/** `file` must have no WAL content left (checkpointed): the copies are of the file alone. */
export function benchEncryptionCost(file: string, key: string, rng: Rng, say: (line: string) => void): Figure[] {
  const dir = fs.mkdtempSync(path.join(path.dirname(file), 'encryption-cost-'));
  try {
    const encrypted = path.join(dir, 'encrypted.sqlite');
    const clear = path.join(dir, 'clear.sqlite');
    fs.copyFileSync(file, encrypted);
    fs.copyFileSync(file, clear);
    const decrypt = new BetterSqlite3(clear);
    applyDatabaseKey(decrypt, key);
    decrypt.pragma('journal_mode = DELETE');
    decrypt.pragma("rekey = ''");
    decrypt.close();

    const counter = new BetterSqlite3(clear, { readonly: true });
    const total = counter.prepare('SELECT count(*) FROM applications').pluck().get() as number;
    counter.close();
    const offsets = Array.from({ length: PAGE_QUERIES }, () => rng.int(0, Math.max(0, total - 100)));
    const withKey = measure(encrypted, offsets, (db) => applyDatabaseKey(db, key));
    const inClear = measure(clear, offsets, () => {});
    const cost = (a: number, b: number) => `${formatMs(a)} encrypted, ${formatMs(b)} in clear (+${formatPct(a / b - 1)})`;
    say(`  encryption cost measured on raw better-sqlite3 copies of the bench database`);
    return [
      infoLine('encryption cost: a page of 100 applications by date, median', cost(withKey.page, inClear.page)),
      infoLine('encryption cost: a full scan of the applications table, median', cost(withKey.scan, inClear.scan)),
      infoLine(`encryption cost: a commit of ${ROWS_PER_WRITE} rows (WAL, synchronous=FULL), median`, cost(withKey.write, inClear.write)),
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function measure(file: string, offsets: number[], key: (db: BetterSqlite3.Database) => void): Measured {
  const db = new BetterSqlite3(file);
  try {
    key(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const page = db.prepare('SELECT * FROM applications ORDER BY submitted_at DESC LIMIT 100 OFFSET ?');
    const pages = offsets.map((o) => timeSync(() => page.all(o)).ms);
    const scan = db.prepare("SELECT count(*) FROM applications WHERE application_ref LIKE '%99%'").pluck();
    const scans = Array.from({ length: SCANS }, () => timeSync(() => scan.get()).ms);
    db.exec('CREATE TABLE bench_writes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO bench_writes (body) VALUES (?)');
    const write = db.transaction(() => {
      for (let i = 0; i < ROWS_PER_WRITE; i++) insert.run(`row ${i} of a bench write, about as long as an application`);
    });
    const writes = Array.from({ length: WRITE_TRANSACTIONS }, () => timeSync(write).ms);
    return { page: median(pages), scan: median(scans), write: median(writes) };
  } finally {
    db.close();
  }
}
