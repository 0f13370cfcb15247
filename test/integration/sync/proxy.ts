import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the proxy forwarded, and the answer it got from the server. */
export interface Exchange {
  path: string;
  body: Buffer;
  status: number;
  headers: http.IncomingHttpHeaders;
  answer: Buffer;
}

/**
 * What the proxy does with an answer: pass it on, destroy the desk's socket instead (the server
 * did the work, the desk never hears of it), send another answer, or keep the desk waiting
 * until `release` (or the proxy's close).
 */
export type Verdict = { pass: true } | { drop: true } | { replace: Exchange } | { hold: true };
const PASS: Verdict = { pass: true };

export interface SyncProxy {
  url: string;
  /** Every exchange with the server so far, in the order the answers came. */
  exchanges: Exchange[];
  /** Decides each answer (default: pass everything on). */
  decide: (exchange: Exchange) => Verdict;
  /** The body forwarded to the server for a request (default: the one the desk sent). */
  rewrite: (path: string, body: Buffer) => Buffer;
  /** Requests held (verdict `hold`), waiting. */
  held: number;
  /** Resolves once `held` reaches `n`. */
  whenHeld(n: number): Promise<void>;
  close(): Promise<void>;
}

/** A real HTTP proxy on a free port, between desks and the server at `target`. */
export async function startProxy(target: string): Promise<SyncProxy> {
  const sockets = new Set<import('node:net').Socket>();
  const heldWaiters: { n: number; resolve: () => void }[] = [];
  const proxy: SyncProxy = {
    url: '',
    exchanges: [],
    decide: () => PASS,
    rewrite: (_path, body) => body,
    held: 0,
    whenHeld(n) {
      if (proxy.held >= n) return Promise.resolve();
      return new Promise((resolve) => heldWaiters.push({ n, resolve }));
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = proxy.rewrite(req.url ?? '', Buffer.concat(chunks));
      const upstream = http.request(
        `${target}${req.url}`,
        {
          method: req.method,
          // Answers are read, replayed and rewritten here as plain JSON, as a proxy that looks into them asks for them.
          headers: { ...req.headers, host: new URL(target).host, 'content-length': String(body.length), 'accept-encoding': 'identity' },
        },
        (up) => {
          const parts: Buffer[] = [];
          up.on('data', (c: Buffer) => parts.push(c));
          up.on('end', () => {
            const exchange: Exchange = { path: req.url ?? '', body, status: up.statusCode ?? 502, headers: up.headers, answer: Buffer.concat(parts) };
            proxy.exchanges.push(exchange);
            const verdict = proxy.decide(exchange);
            if ('drop' in verdict) {
              req.socket.destroy();
              return;
            }
            if ('hold' in verdict) {
              proxy.held++;
              for (const w of heldWaiters.filter((x) => proxy.held >= x.n)) {
                heldWaiters.splice(heldWaiters.indexOf(w), 1);
                w.resolve();
              }
              return;
            }
            const sent = 'replace' in verdict ? verdict.replace : exchange;
            res.writeHead(sent.status, { 'content-type': String(sent.headers['content-type'] ?? 'application/json'), 'content-length': sent.answer.length });
            res.end(sent.answer);
          });
        },
      );
      upstream.on('error', () => {
        res.destroy();
      });
      upstream.end(body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

/** The JSON body a desk sent, or the answer it got. */
export const json = (b: Buffer): any => JSON.parse(b.toString('utf8'));
