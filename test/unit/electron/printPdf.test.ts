/**
 * Desktop Print through the IPC router, with a real desk and fake Electron parts: the PDF is
 * written where exports wait, then the system print dialog opens on it; when printing fails,
 * the PDF viewer opens instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpcRouter, type IpcRouterDeps, type Sender } from '../../../src/main/electron/ipcRouter.js';
import { openDesk, type Desk } from '../../../src/main/desk.js';
import { tempDir } from '../../integration/support/tempDesk.js';
import { testClock } from '../../integration/support/testClock.js';

const WINDOW: Sender = { id: 1, frameUrl: 'app://desk/index.html', topFrame: true };
const PDF = { fileName: 'licence-KMLTTB-2026-000001.pdf', dataBase64: Buffer.from('%PDF-1.7 test').toString('base64') };

let dir: string;
let desk: Desk;
let token: string;

// One signed-in session for every test (creating the administrator signs in: one slow hash, not two).
beforeAll(async () => {
  dir = tempDir('kmlttb-print-');
  desk = openDesk(dir, { clock: testClock() });
  const signIn = createIpcRouter({ desk, getToken: () => undefined, setToken: (_id, value) => (token = value ?? '') });
  const admin = { username: 'ada', fullName: 'Ada Wanjiru', password: 'long enough password', demo: false };
  const res = await signIn('session', { name: 'createFirstAdmin', input: admin }, WINDOW);
  if (!res.ok) throw new Error(res.error.message);
});

afterAll(async () => {
  await desk.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A router for a signed-in window (or a stranger's), whose print dialog and PDF viewer answer as told, noting each file they got. */
function fixture(answers: { print?: () => Promise<boolean>; viewer?: boolean; signedIn?: boolean }) {
  const printed: string[] = [];
  const viewed: string[] = [];
  const deps: IpcRouterDeps = {
    desk,
    getToken: () => (answers.signedIn === false ? undefined : token),
    setToken: () => {},
    openFile: async (file) => {
      viewed.push(file);
      return answers.viewer ?? true;
    },
  };
  if (answers.print) {
    const print = answers.print;
    deps.printPdf = async (file) => {
      printed.push(file);
      return print();
    };
  }
  const route = createIpcRouter(deps);
  const printPdf = (input: unknown) => route('desk', { name: 'openPdf', input }, WINDOW);
  return { printPdf, printed, viewed };
}

const written = (fileName: string) => path.join(dir, 'exports', fileName);

describe('desktop Print', { timeout: 20_000 }, () => {
  it('opens the print dialog on the PDF written where exports wait, and not the viewer', async () => {
    const f = fixture({ print: async () => true });
    expect(await f.printPdf(PDF)).toEqual({ ok: true, value: { opened: 'print-dialog' } });
    expect(f.printed).toEqual([written(PDF.fileName)]);
    expect(fs.readFileSync(f.printed[0]!, 'latin1')).toBe('%PDF-1.7 test');
    expect(f.viewed).toEqual([]);
  });

  it('opens the PDF viewer when printing fails', async () => {
    const f = fixture({ print: async () => false });
    expect(await f.printPdf(PDF)).toEqual({ ok: true, value: { opened: 'pdf-viewer' } });
    expect(f.printed).toEqual([written(PDF.fileName)]);
    expect(f.viewed).toEqual([written(PDF.fileName)]);
  });

  it('opens the PDF viewer when the print window throws', async () => {
    const f = fixture({
      print: async () => {
        throw new Error('the print window crashed');
      },
    });
    expect(await f.printPdf(PDF)).toEqual({ ok: true, value: { opened: 'pdf-viewer' } });
    expect(f.viewed).toEqual([written(PDF.fileName)]);
  });

  it('opens the PDF viewer where no print dialog is wired', async () => {
    const f = fixture({});
    expect(await f.printPdf(PDF)).toEqual({ ok: true, value: { opened: 'pdf-viewer' } });
    expect(f.viewed).toEqual([written(PDF.fileName)]);
  });

  it('says where the PDF is saved when neither the print dialog nor the viewer opened', async () => {
    const f = fixture({ print: async () => false, viewer: false });
    const res = await f.printPdf(PDF);
    expect(res).toMatchObject({ ok: false, error: { code: 'not_configured' } });
    expect(res.ok ? '' : res.error.message).toContain(written(PDF.fileName));
  });

  it.each([
    ['a file that is not a PDF', { ...PDF, fileName: 'not-pdf.pdf', dataBase64: Buffer.from('#!/bin/sh').toString('base64') }],
    ['a name that leaves the exports folder', { ...PDF, fileName: '../escape.pdf' }],
    ['a name not ending .pdf', { ...PDF, fileName: 'licence.exe' }],
  ])('refuses %s, printing and opening nothing', async (_why, input) => {
    const f = fixture({ print: async () => true });
    expect(await f.printPdf(input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(f.printed).toEqual([]);
    expect(f.viewed).toEqual([]);
    expect(fs.existsSync(written(input.fileName))).toBe(false);
  });

  it('refuses a window that is not signed in', async () => {
    const f = fixture({ print: async () => true, signedIn: false });
    expect(await f.printPdf(PDF)).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(f.printed).toEqual([]);
  });
});
