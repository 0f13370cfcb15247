import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { API } from 'typescript/unstable/sync';
import { SyntaxKind, type InterfaceDeclaration, type SourceFile, type TypeNode } from 'typescript/unstable/ast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DeskDb } from '../../../src/main/db/open.js';
import { testKey } from '../../support/databaseFile.js';
import { tempDir } from '../support/tempDesk.js';

/**
 * src/main/db/schema.ts (the types every Kysely query is checked against) compared with the
 * tables the migrations make, so that the two cannot drift: a column added by a migration and not
 * to schema.ts (or typed otherwise) fails here.
 */

/** Tables of a migrated database that queries do not reach through `Database`, and why. */
const NOT_IN_DATABASE: Record<string, string> = {
  schema_migrations: "the migrations' own bookkeeping (db/migrate.ts), read only by it",
  applications_search: 'FTS5 virtual table, searched with hand-written MATCH SQL (search planning budget)',
  applications_search_data: 'FTS5 shadow table of applications_search',
  applications_search_idx: 'FTS5 shadow table of applications_search',
  applications_search_docsize: 'FTS5 shadow table of applications_search',
  applications_search_config: 'FTS5 shadow table of applications_search',
};

/** A column as schema.ts types it. */
interface TsColumn {
  generated: boolean;
  nullable: boolean;
  kinds: Set<'number' | 'string' | 'other'>;
}
interface SqlColumn {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

const SCHEMA_FILE = path.resolve(__dirname, '../../../src/main/db/schema.ts');

/**
 * The tables of `Database` in schema.ts and their columns' type nodes, read with the TypeScript
 * compiler's parser (TypeScript 7's API, on a copy outside any tsconfig: no project to load).
 */
function schemaTables(): Map<string, Map<string, TypeNode>> {
  const dir = tempDir('kmlttb-schema-');
  const file = path.join(dir, 'schema.ts');
  fs.copyFileSync(SCHEMA_FILE, file);
  const api = new API({ cwd: dir });
  try {
    const source = api
      .updateSnapshot({ openFiles: [file] })
      .getDefaultProjectForFile(file)
      ?.program.getSourceFile(file);
    if (!source) throw new Error('the TypeScript API did not parse schema.ts');
    const declared = interfaces(source);
    const database = declared.get('Database');
    if (!database) throw new Error('schema.ts has no interface Database');
    const tables = new Map<string, Map<string, TypeNode>>();
    for (const [table, node] of propertyTypes(database)) {
      const name = typeName(node);
      const declaration = name === undefined ? undefined : declared.get(name);
      if (!declaration) throw new Error(`Database.${table} is not an interface declared in schema.ts`);
      tables.set(table, propertyTypes(declaration));
    }
    return tables;
  } finally {
    api.close();
  }
}

function interfaces(source: SourceFile): Map<string, InterfaceDeclaration> {
  const found = new Map<string, InterfaceDeclaration>();
  for (const statement of source.statements) {
    if (statement.kind === SyntaxKind.InterfaceDeclaration) {
      const declaration = statement as InterfaceDeclaration;
      found.set(declaration.name.text, declaration);
    }
  }
  return found;
}

function propertyTypes(declaration: InterfaceDeclaration): Map<string, TypeNode> {
  const properties = new Map<string, TypeNode>();
  for (const member of declaration.members) {
    if (member.kind !== SyntaxKind.PropertySignature) throw new Error(`${declaration.name.text}: only plain properties expected`);
    const property = member as unknown as { name: { text: string }; type?: TypeNode };
    if (!property.type) throw new Error(`${declaration.name.text}.${property.name.text} has no type`);
    properties.set(property.name.text, property.type);
  }
  return properties;
}

function typeName(node: TypeNode): string | undefined {
  return node.kind === SyntaxKind.TypeReference ? (node as unknown as { typeName: { text: string } }).typeName.text : undefined;
}

/** `Generated<T>`, unions, `null`, `number`, `string` and string literals: what a column's type is made of. */
function column(node: TypeNode, column: TsColumn = { generated: false, nullable: false, kinds: new Set() }): TsColumn {
  switch (node.kind) {
    case SyntaxKind.TypeReference: {
      const reference = node as unknown as { typeName: { text: string }; typeArguments?: readonly TypeNode[] };
      if (reference.typeName.text !== 'Generated' || reference.typeArguments?.length !== 1) {
        column.kinds.add('other');
        return column;
      }
      column.generated = true;
      return columnOf(reference.typeArguments[0]!, column);
    }
    default:
      return columnOf(node, column);
  }
}

function columnOf(node: TypeNode, column: TsColumn): TsColumn {
  switch (node.kind) {
    case SyntaxKind.UnionType:
      for (const part of (node as unknown as { types: readonly TypeNode[] }).types) columnOf(part, column);
      return column;
    case SyntaxKind.NumberKeyword:
      column.kinds.add('number');
      return column;
    case SyntaxKind.StringKeyword:
      column.kinds.add('string');
      return column;
    case SyntaxKind.LiteralType: {
      const literal = (node as unknown as { literal: { kind: SyntaxKind } }).literal;
      if (literal.kind === SyntaxKind.NullKeyword) column.nullable = true;
      else column.kinds.add(literal.kind === SyntaxKind.StringLiteral ? 'string' : 'other');
      return column;
    }
    case SyntaxKind.NullKeyword:
      column.nullable = true;
      return column;
    default:
      column.kinds.add('other');
      return column;
  }
}

/** The TypeScript type a column's declared SQL type stores (SQLite's affinity rules, the types the migrations use). */
function expectedKind(sqlType: string): 'number' | 'string' | undefined {
  const type = sqlType.toUpperCase();
  if (type.includes('INT') || type === 'REAL') return 'number';
  if (type === 'TEXT') return 'string';
  return undefined;
}

/** Every difference between the columns of `tables` (schema.ts) and those of the database. */
function schemaDrift(sqlite: BetterSqlite3.Database, tables: Map<string, Map<string, TypeNode>>): string[] {
  const drift: string[] = [];
  for (const [table, properties] of tables) {
    const columns = sqlite.prepare('SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)').all(table) as SqlColumn[];
    const sqlNames = columns.map((c) => c.name);
    for (const name of sqlNames) if (!properties.has(name)) drift.push(`${table}.${name}: in the migrations, not in schema.ts`);
    for (const name of properties.keys()) if (!sqlNames.includes(name)) drift.push(`${table}.${name}: in schema.ts, not in the migrations`);
    const singleKey = columns.filter((c) => c.pk > 0).length === 1;
    for (const c of columns) {
      const node = properties.get(c.name);
      if (!node) continue;
      const ts = column(node);
      const where = `${table}.${c.name} (${c.type}${c.notnull ? ' NOT NULL' : ''}${c.dflt_value === null ? '' : ` DEFAULT ${c.dflt_value}`}${c.pk ? ' PRIMARY KEY' : ''})`;
      // A primary key holds no NULL here (an INTEGER one is the rowid; the others are always given).
      const nullable = c.notnull === 0 && c.pk === 0;
      if (ts.nullable !== nullable) drift.push(`${where}: ${nullable ? 'nullable' : 'never null'}, schema.ts says ${ts.nullable ? 'nullable' : 'never null'}`);
      const kind = expectedKind(c.type);
      if (!kind) drift.push(`${where}: a type this test does not map to TypeScript`);
      else if (ts.kinds.size !== 1 || !ts.kinds.has(kind)) drift.push(`${where}: a ${kind}, schema.ts says ${[...ts.kinds].join(' | ')}`);
      const rowid = singleKey && c.pk > 0 && c.type.toUpperCase() === 'INTEGER';
      if (ts.generated && c.dflt_value === null && !rowid) drift.push(`${where}: Generated<…> in schema.ts, but the database makes no value for it`);
    }
  }
  return drift;
}

describe('db/schema.ts against the migrated database', () => {
  let desk: DeskDb;
  let tables: Map<string, Map<string, TypeNode>>;
  let sqlTables: string[];

  beforeAll(() => {
    desk = openDatabase(tempDir(), testKey());
    tables = schemaTables();
    sqlTables = desk.sqlite
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
      .pluck()
      .all() as string[];
  }, 30_000);
  afterAll(async () => {
    await desk?.close();
  });

  it('has every table of the migrated database in Database (but those listed, each with its reason)', () => {
    expect(sqlTables.filter((t) => !tables.has(t) && !(t in NOT_IN_DATABASE))).toEqual([]);
    expect(Object.keys(NOT_IN_DATABASE).filter((t) => !sqlTables.includes(t))).toEqual([]);
    expect([...tables.keys()].filter((t) => !sqlTables.includes(t))).toEqual([]);
  });

  it('types every column of every table as the migrations make it', () => {
    expect(schemaDrift(desk.sqlite, tables)).toEqual([]);
  });

  it('finds a column a migration adds or changes without schema.ts', async () => {
    const changed = openDatabase(tempDir(), testKey());
    try {
      changed.sqlite.exec(`ALTER TABLE centres ADD COLUMN phone TEXT;
        ALTER TABLE fees DROP COLUMN placeholder; ALTER TABLE fees ADD COLUMN placeholder TEXT`);
      expect(schemaDrift(changed.sqlite, tables)).toEqual([
        'centres.phone: in the migrations, not in schema.ts',
        'fees.placeholder (TEXT): nullable, schema.ts says never null',
        'fees.placeholder (TEXT): a string, schema.ts says number',
      ]);
    } finally {
      await changed.close();
    }
  });
});
