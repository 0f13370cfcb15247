import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type Compilable,
  type RawBuilder,
  type SelectQueryBuilder,
} from 'kysely';
import type { Database } from './schema.js';

/**
 * The one way to the database. Queries are built with Kysely's builder (typed by schema.ts) or,
 * where a benchmark figure needs hand-written SQL, with Kysely's `sql` template; either is
 * compiled and run synchronously on the desk's connection (better-sqlite3 is synchronous, and a
 * command's work must not yield inside its transaction).
 *
 * Two handles over the same connection, as Signal Desktop's ReadableDB and WritableDB:
 * - a query gets a ReadableDB: it can build selects and run statements that SQLite says only
 *   read (a raw statement that writes is refused before it runs);
 * - a command gets a WritableDB, inside the transaction `dispatch` holds.
 */
export interface ReadableDB {
  readonly selectFrom: Kysely<Database>['selectFrom'];
  /** Every row of a select. */
  all<O>(query: ReadQuery<O>): O[];
  /** The first row of a select, or undefined. */
  first<O>(query: ReadQuery<O>): O | undefined;
  /** Rows one at a time, for long reads (exports) that should not hold every row in memory. */
  iterate<O>(query: ReadQuery<O>): IterableIterator<O>;
  /** `work`'s reads in one read transaction: they see one state of the database (a grid's count and its page). */
  snapshot<T>(work: () => T): T;
  /** A select compiled once and run many times with new values: see WritableDB's `compileOnce`. */
  compileOnce<A extends unknown[], O>(build: (...args: A) => ReadQuery<O>): RepeatedRead<A, O>;
}

export interface WritableDB extends ReadableDB {
  readonly insertInto: Kysely<Database>['insertInto'];
  readonly replaceInto: Kysely<Database>['replaceInto'];
  readonly updateTable: Kysely<Database>['updateTable'];
  readonly deleteFrom: Kysely<Database>['deleteFrom'];
  /** Runs a write (an insert, update or delete, or a `sql` statement); answers how many rows it changed. */
  run(query: Compilable<unknown> | RawBuilder<unknown>): { changes: number; lastInsertRowid: number | bigint };
  /** Runs several `sql` statements without parameters (schema work, bulk moves). */
  exec(query: RawBuilder<unknown>): void;
  /**
   * `work` in a transaction of its own (BEGIN IMMEDIATE), or in a savepoint of the one already
   * open: for writers outside `dispatch` (the SMS worker, sync, sessions).
   */
  transaction<T>(work: () => T): T;
  /**
   * A statement compiled once and run many times with new values, for loops over every row of a
   * large import and for the statements every op runs (each use names the figure it protects).
   * `build` is called once, with stand-ins for its arguments: it must hand them to the query as
   * they are, not compute with them. Compiled once per connection and `build` function: a build
   * defined once (at module level, with `statements`) is never compiled again.
   */
  compileOnce<A extends unknown[], O>(build: (...args: A) => Compilable<O> | RawBuilder<O>): Repeated<A, O>;
}

/** A select compiled once (see `compileOnce`). */
export interface RepeatedRead<A extends unknown[], O> {
  first(...args: A): O | undefined;
  all(...args: A): O[];
}

/** A statement compiled once (see `compileOnce`). */
export interface Repeated<A extends unknown[], O> extends RepeatedRead<A, O> {
  run(...args: A): { changes: number };
}

/** What a ReadableDB runs: a select built with Kysely, or a `sql` template with its row type. */
export type ReadQuery<O> = SelectQueryBuilder<any, any, O> | RawBuilder<O>;

/** Builds queries only: the desk's handles compile them and run them on their connection. */
const builder = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

/**
 * The builder alone, for statements defined once at module level and run with `compileOnce`
 * (e.g. `const appliedOp = (opId: string) => statements.selectFrom('applied_ops')…`): building and
 * compiling a query costs more than running a small one, and every op runs a dozen (QUALITY.md:
 * incremental sync of 1,000 ops ≤ 2 s).
 */
export const statements: Pick<Kysely<Database>, 'selectFrom' | 'insertInto' | 'updateTable' | 'deleteFrom'> = builder;

/** Kysely's own SQLite adapter passes booleans through; SQLite stores them as 0/1 (schema.ts). */
function bindable(parameters: readonly unknown[]): unknown[] {
  return parameters.map((value) => (typeof value === 'boolean' ? Number(value) : value));
}

/** Prepared statements by SQL text, per connection (a desk prepares each distinct query once). */
class StatementCache {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private static readonly LIMIT = 500;

  constructor(private readonly sqlite: BetterSqlite3.Database) {}

  get(sqlText: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sqlText);
    if (!statement) {
      statement = this.sqlite.prepare(sqlText);
      if (this.statements.size >= StatementCache.LIMIT) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sqlText, statement);
    }
    return statement;
  }
}

const handles = new WeakMap<BetterSqlite3.Database, WritableDB>();

function compiled(query: Compilable<unknown> | RawBuilder<unknown>): CompiledQuery {
  return isRaw(query) ? query.compile(builder) : query.compile();
}

function isRaw(query: Compilable<unknown> | RawBuilder<unknown>): query is RawBuilder<unknown> {
  return (query as RawBuilder<unknown>).isRawBuilder === true;
}

/** The write handle of a connection (one per connection); it is also the connection's read handle. */
export function writableDb(sqlite: BetterSqlite3.Database): WritableDB {
  const known = handles.get(sqlite);
  if (known) return known;
  const cache = new StatementCache(sqlite);
  const compiledOnce = new WeakMap<(...args: never[]) => unknown, Repeated<unknown[], unknown> & { reads: boolean }>();
  const reading = (query: ReadQuery<unknown>) => {
    const { sql: text, parameters } = compiled(query);
    const statement = cache.get(text);
    if (!statement.reader) throw new Error(`Not a read: ${text.slice(0, 80)}`);
    return { statement, parameters: bindable(parameters) };
  };
  const handle: WritableDB = {
    selectFrom: builder.selectFrom.bind(builder),
    insertInto: builder.insertInto.bind(builder),
    replaceInto: builder.replaceInto.bind(builder),
    updateTable: builder.updateTable.bind(builder),
    deleteFrom: builder.deleteFrom.bind(builder),
    all<O>(query: ReadQuery<O>) {
      const { statement, parameters } = reading(query);
      return statement.all(...parameters) as O[];
    },
    first<O>(query: ReadQuery<O>) {
      const { statement, parameters } = reading(query);
      return statement.get(...parameters) as O | undefined;
    },
    iterate<O>(query: ReadQuery<O>) {
      const { statement, parameters } = reading(query);
      return statement.iterate(...parameters) as IterableIterator<O>;
    },
    run(query) {
      const { sql: text, parameters } = compiled(query);
      const statement = cache.get(text);
      if (statement.reader) {
        // A write with RETURNING reads too: run it, and count what it returned.
        return { changes: statement.all(...bindable(parameters)).length, lastInsertRowid: 0 };
      }
      const { changes, lastInsertRowid } = statement.run(...bindable(parameters));
      return { changes, lastInsertRowid };
    },
    exec(query) {
      sqlite.exec(query.compile(builder).sql);
    },
    snapshot(work) {
      return sqlite.transaction(work).deferred();
    },
    transaction(work) {
      return sqlite.transaction(work).immediate();
    },
    compileOnce<A extends unknown[], O>(build: (...args: A) => Compilable<O> | RawBuilder<O>): Repeated<A, O> {
      const known = compiledOnce.get(build);
      if (known) return known as Repeated<A, O>;
      const standIns = Array.from({ length: build.length }, () => ({}));
      const { sql: text, parameters } = compiled(build(...(standIns as A)));
      const statement = cache.get(text);
      const slots = parameters.map((p) => standIns.indexOf(p as object));
      const bind = (args: A) => bindable(parameters.map((p, i) => (slots[i]! >= 0 ? args[slots[i]!] : p)));
      const repeated: Repeated<A, O> & { reads: boolean } = {
        reads: statement.reader,
        first: (...args) => statement.get(...bind(args)) as O | undefined,
        all: (...args) => statement.all(...bind(args)) as O[],
        run: (...args) => ({ changes: statement.run(...bind(args)).changes }),
      };
      compiledOnce.set(build, repeated as never);
      return repeated;
    },
  };
  handles.set(sqlite, handle);
  return handle;
}

/**
 * The read handle of a connection: the same object, typed so that only reads can be built or run
 * with it; a raw statement that would write is refused (better-sqlite3's `reader`).
 */
export function readableDb(sqlite: BetterSqlite3.Database): ReadableDB {
  const writable = writableDb(sqlite);
  const { selectFrom, all, first, iterate, snapshot } = writable;
  return {
    selectFrom,
    all,
    first,
    iterate,
    snapshot,
    compileOnce<A extends unknown[], O>(build: (...args: A) => ReadQuery<O>): RepeatedRead<A, O> {
      const { first, all, reads } = writable.compileOnce(build) as Repeated<A, O> & { reads: boolean };
      if (!reads) throw new Error(`Not a read: ${build.toString().slice(0, 80)}`);
      return { first, all };
    },
  };
}

export { sql } from 'kysely';
