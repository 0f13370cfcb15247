import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAppUrl } from '../../../src/main/electron/appOrigin.js';
import { contentTypeOf, resolveRendererPath } from '../../../src/main/electron/rendererPath.js';

const root = path.resolve('/srv/app/out/renderer');

describe('app:// requests map to files under the renderer folder', () => {
  it.each([
    ['app://desk/index.html', 'index.html'],
    ['app://desk/', 'index.html'],
    ['app://desk/assets/index-abc123.js', 'assets/index-abc123.js'],
    ['app://desk/assets/font%20name.woff2', 'assets/font name.woff2'],
    ['app://desk/applications/42', 'index.html'],
    ['app://desk/index.html?x=1#top', 'index.html'],
  ])('%s serves %s', (url, file) => expect(resolveRendererPath(root, url)).toBe(path.join(root, file)));

  it.each([
    'app://desk/assets/..%2f..%2fsecret.txt',
    'app://desk/assets/..%5c..%5csecret.txt',
    'app://desk/assets/%2e%2e%5csecret.txt',
    'app://desk/a%00.js',
    'app://desk/%E0%A4%A.js',
    'app://other-host/index.html',
    'file:///etc/passwd',
    'https://desk/index.html',
    'not a url',
  ])('%s is refused', (url) => expect(resolveRendererPath(root, url)).toBeNull());

  it.each(['app://desk/../../etc/passwd.txt', 'app://desk/%2e%2e/%2e%2e/etc/passwd.txt'])(
    'dot segments the URL parser resolves stay inside the folder: %s',
    (url) => expect(resolveRendererPath(root, url)).toBe(path.join(root, 'etc/passwd.txt')),
  );

  it('content types follow the extension', () => {
    expect(contentTypeOf('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeOf('/x/a.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeOf('/x/blob')).toBe('application/octet-stream');
  });
});

describe('the app origin and its content security policy', () => {
  it('only app://desk counts as the app, or the dev server when one is given', () => {
    expect(isAppUrl('app://desk/index.html')).toBe(true);
    expect(isAppUrl('app://desk.evil/index.html')).toBe(false);
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/x', 'http://localhost:5173')).toBe(false);
  });

  it('the header forbids inline and eval scripts, plugins and framing', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values];
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it("the renderer's HTML carries a CSP meta tag without inline or eval scripts", () => {
    const html = fs.readFileSync(path.resolve('src/renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(meta, 'src/renderer/index.html has no CSP meta tag').not.toBeNull();
    const scriptSrc = /(?:^|;)\s*script-src ([^;]+)/.exec(meta![1]!)?.[1] ?? /default-src ([^;]+)/.exec(meta![1]!)?.[1];
    expect(scriptSrc).toBeDefined();
    expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});
