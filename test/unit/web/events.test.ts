import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/shared/errors.js';
import type { BridgeService, ChangeStream } from '../../../src/main/transport/bridgeService.js';
import { serveChanges } from '../../../src/main/web/events.js';

describe('browser mode: the change event stream as the server closes', () => {
  it('a stream asked for just before the close is refused, so the close does not wait on it', async () => {
    let answer: (stream: Result<ChangeStream>) => void = () => undefined;
    let asked: () => void = () => undefined;
    const wasAsked = new Promise<void>((resolve) => (asked = resolve));
    let stopped = 0;
    const bridge = {
      changes: () =>
        new Promise<Result<ChangeStream>>((resolve) => {
          answer = resolve;
          asked();
        }),
    } as unknown as BridgeService;
    const app = Fastify();
    serveChanges(
      app,
      bridge,
      () => 'token',
      (reply, result) => reply.send(result),
    );
    // The session is found only once the close has begun (this hook runs after the stream's own).
    app.addHook('preClose', async () => answer({ ok: true, value: { stop: () => void stopped++, check: () => true } }));
    await app.listen({ host: '127.0.0.1', port: 0 });

    const response = fetch(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/events`);
    await wasAsked;
    const closed = app.close();

    expect((await response).status).toBe(503);
    await closed;
    expect(stopped).toBe(1);
  });
});
