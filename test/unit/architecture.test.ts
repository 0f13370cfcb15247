import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The layers of ARCHITECTURE.md are lint rules: `no-restricted-imports` per folder and
 * `import/no-cycle` in .oxlintrc.json, run on every file by `npm run lint`. Those rules match import
 * specifiers by folder name, so this proves they still bite: it lints a scratch tree laid out like
 * src/ with the project's own config, one import per line, and checks exactly the wrong lines are refused.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

interface Imports {
  refused: string[];
  allowed: string[];
}

const NODE = ['node:fs', 'path', 'crypto', 'child_process'];

/** File → the imports it may not make and some it may: `type x` is a type-only import of x, `import() x` a dynamic one. */
const LAYERS: Record<string, Imports> = {
  // src/shared runs anywhere: nothing from Node, the DOM framework, Electron, the database or the other rooms.
  'src/shared/money.ts': {
    refused: [
      ...NODE,
      'electron',
      'react',
      'kysely',
      'better-sqlite3-multiple-ciphers',
      '../main/desk.js',
      'type ../main/core/deskServices.js',
      '../renderer/src/App.js',
      '../preload/bridge.js',
      '../server/app.js',
    ],
    allowed: ['zod', './errors.js'],
  },
  'src/shared/contract/sync.ts': { refused: ['../../main/core/ids.js'], allowed: ['../errors.js', './index.js'] },
  // The renderer reaches the back end only through window.kmlttb.
  'src/renderer/src/App.tsx': {
    refused: [
      ...NODE,
      'electron',
      'kysely',
      '../../main/desk.js',
      'type ../../main/core/deskApi.js',
      'import() ../../main/handlers.js',
      '../../preload/bridge.js',
      '../../server/app.js',
    ],
    allowed: ['react', '@tanstack/react-query', '../../shared/bridge.js', './api/hooks.js'],
  },
  // The preload: electron and src/shared only.
  'src/preload/index.ts': {
    refused: ['node:fs', 'zod', '../main/desk.js', '../renderer/src/App.js'],
    allowed: ['electron', '../shared/bridge.js', './bridge.js'],
  },
  // The back end runs under plain Node; only src/main/electron is the Electron shell.
  'src/main/desk.ts': {
    refused: ['electron', './electron/main.js', '../renderer/src/App.js', '../server/app.js'],
    allowed: ['./handlers.js', './core/deskServices.js', 'node:path', 'better-sqlite3-multiple-ciphers'],
  },
  'src/main/electron/main.ts': {
    refused: ['../../renderer/src/App.js', '../../preload/bridge.js', '../../server/app.js'],
    allowed: ['electron', '../desk.js', '../background.js', './ipcRouter.js'],
  },
  // Only the CLI command that starts it may depend on the central service.
  'src/main/cli/commands/server.ts': {
    refused: ['electron', '../../electron/main.js'],
    allowed: ['../../../server/start.js', '../support.js'],
  },
  'src/main/cli/support.ts': { refused: ['../../server/start.js'], allowed: ['../desk.js'] },
  'src/main/demo/index.ts': { refused: ['electron'], allowed: ['../desk.js', '../core/deskApi.js'] },
  // A domain folder never imports the composition root, nor the shells that drive it.
  'src/main/reports/export.ts': {
    refused: [
      '../desk.js',
      'type ../desk.js',
      '../handlers.js',
      '../background.js',
      '../electron/main.js',
      'electron',
      '../cli/support.js',
      '../web/server.js',
      '../transport/bridgeService.js',
      '../demo/index.js',
      '../../server/app.js',
    ],
    allowed: ['type ../core/deskApi.js', '../core/deskServices.js', '../db/handles.js', './format.js', 'node:fs', 'exceljs'],
  },
  'src/main/sync/authority/push.ts': {
    refused: ['../../desk.js', '../../handlers.js', '../../cli/support.js'],
    allowed: ['../../core/deskApi.js', '../../core/dispatch.js', './desks.js'],
  },
  'src/main/core/dispatch.ts': { refused: ['../desk.js'], allowed: ['./desk.js', './registry.js', '../sync/outbox.js'] },
  // Migrations are history: they never import app code.
  'src/main/db/migrations/012_next.ts': { refused: ['../schema.js', '../../core/ids.js', 'electron'], allowed: ['./011_sms_health.js', 'kysely'] },
  // The central service: plain Node over src/main and src/shared.
  'src/server/app.ts': {
    refused: ['electron', '../renderer/src/App.js', '../preload/bridge.js', '../main/electron/main.js'],
    allowed: ['../main/desk.js', '../shared/errors.js', 'fastify', 'node:http'],
  },
};

function importLine(spec: string, line: number): string {
  if (spec.startsWith('type ')) return `import type { T${line} } from '${spec.slice('type '.length)}';`;
  if (spec.startsWith('import() ')) return `void import('${spec.slice('import() '.length)}');`;
  return `import '${spec}';`;
}

interface Diagnostic {
  code: string;
  filename: string;
  labels?: { span: { line: number } }[];
}

let dir: string;
let diagnostics: Diagnostic[];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kmlttb-layers-'));
  fs.copyFileSync(path.join(ROOT, '.oxlintrc.json'), path.join(dir, '.oxlintrc.json'));
  const write = (file: string, lines: string[]) => {
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), `${lines.join('\n')}\n`);
  };
  for (const [file, { refused, allowed }] of Object.entries(LAYERS)) {
    const lines = [...refused, ...allowed].map((spec, i) => importLine(spec, i + 1));
    write(file, lines);
  }
  // A cycle closed only by types is still a cycle.
  write('src/main/core/a.ts', ["import type { T } from './b.js';"]);
  write('src/main/core/b.ts', ["import type { T } from './a.js';"]);
  const bin = path.join(ROOT, 'node_modules/oxlint/bin/oxlint');
  const run = spawnSync(process.execPath, [bin, '-c', '.oxlintrc.json', '-f', 'json', '.'], { cwd: dir, encoding: 'utf8' });
  expect(run.stdout, run.stderr).not.toBe('');
  diagnostics = (JSON.parse(run.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
  // A scratch file that does not parse would be refused nothing, silently.
  expect(diagnostics.filter((d) => !d.code).map((d) => d.filename)).toEqual([]);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const where = (d: Diagnostic) => `${d.filename.split(path.sep).join('/')}:${d.labels?.[0]?.span.line}`;

describe('the layers, as lint rules', () => {
  it('refuses exactly the imports against the layers, type-only and dynamic ones included', () => {
    const refused = diagnostics
      .filter((d) => d.code === 'eslint(no-restricted-imports)')
      .map(where)
      .sort();
    const expected = Object.entries(LAYERS)
      .flatMap(([file, { refused: specs }]) => specs.map((_, i) => `${file}:${i + 1}`))
      .sort();
    const spec = (at: string) => {
      const [file, line] = at.split(':') as [string, string];
      const { refused: bad, allowed } = LAYERS[file]!;
      return `${at} ${[...bad, ...allowed][Number(line) - 1]}`;
    };
    expect(refused.map(spec)).toEqual(expected.map(spec));
  });

  it('refuses an import cycle even when only types close it', () => {
    const cycles = diagnostics.filter((d) => d.code === 'import(no-cycle)').map((d) => d.filename.split(path.sep).join('/'));
    expect(cycles).toContain('src/main/core/a.ts');
    expect(cycles).toContain('src/main/core/b.ts');
  });

  it('is what `npm run lint` runs (oxlint with this config), and `npm test` runs the lint first', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.lint).toMatch(/^oxlint\b/);
    expect(pkg.scripts.lint).not.toMatch(/\s(-c|--config)\b/);
    expect(pkg.scripts.test).toMatch(/\blint\b/);
  });
});
