import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The layers of ARCHITECTURE.md, checked on every import so that a wrong one fails CI. */
const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

/** Where an import points: a layer folder for relative imports, or the package name. */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  return path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec));
}

function violations(dir: string, forbidden: (target: string) => boolean): string[] {
  return sourceFiles(dir).flatMap((f) => importsOf(f).filter((s) => forbidden(target(f, s))).map((s) => `${f} imports ${s}`));
}

const isNode = (t: string) => t.startsWith('node:') || ['fs', 'path', 'os', 'crypto', 'child_process', 'better-sqlite3-multiple-ciphers', 'kysely'].includes(t);

describe('the layers', () => {
  it('src/shared runs anywhere: it imports nothing from Node, the DOM, Electron or the other rooms', () => {
    expect(violations('src/shared', (t) => isNode(t) || t === 'electron' || t.startsWith('react') || /^src\/(main|renderer|preload|server)/.test(t))).toEqual([]);
  });

  it('the renderer reaches the back end only through window.kmlttb: no src/main, Node or Electron imports', () => {
    expect(violations('src/renderer', (t) => isNode(t) || t === 'electron' || /^src\/(main|preload|server)/.test(t))).toEqual([]);
  });

  it('only src/main/electron and src/preload import electron', () => {
    const outside = ['src/main', 'src/shared', 'src/renderer'].flatMap((d) => violations(d, (t) => t === 'electron'))
      .filter((v) => !v.startsWith('src/main/electron/'));
    expect(outside).toEqual([]);
  });

  it('the back end outside src/main/electron never depends on the Electron shell or the renderer', () => {
    const bad = violations('src/main', (t) => t.startsWith('src/main/electron') || t.startsWith('src/renderer'))
      .filter((v) => !v.startsWith('src/main/electron/'));
    expect(bad).toEqual([]);
  });

  it('src/main does not depend on the central service, except the CLI command that starts it', () => {
    const bad = violations('src/main', (t) => t.startsWith('src/server')).filter((v) => !v.startsWith('src/main/cli/commands/server.ts '));
    expect(bad).toEqual([]);
  });

  it('the preload imports only electron and src/shared', () => {
    expect(violations('src/preload', (t) => t !== 'electron' && !t.startsWith('src/shared') && !t.startsWith('src/preload'))).toEqual([]);
  });
});

describe('the import checker itself', () => {
  it('sees relative and package imports, so the rules above can fail', () => {
    expect(importsOf('src/main/desk.ts')).toContain('./handlers.js');
    expect(target('src/main/desk.ts', './handlers.js')).toBe('src/main/handlers.js');
    expect(violations('src/main/web', (t) => t === 'fastify')).not.toEqual([]);
  });
});
