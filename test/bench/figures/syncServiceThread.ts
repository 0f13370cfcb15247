/**
 * The central service in a worker thread (figures/sync.ts, a desk's first sync): in the field the
 * service and the desk are two machines, each reading or writing while the other works; on one
 * thread each would wait for the other. Posts `{ url, startMs }` once it listens, and closes when told.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startCentralServer } from '../../../src/server/start.js';

const { dataDir, port } = workerData as { dataDir: string; port: number };
const t0 = performance.now();
const server = await startCentralServer({ dataDir, port, sendSms: false });
parentPort!.postMessage({ url: server.url, startMs: performance.now() - t0 });
parentPort!.once('message', () => {
  void server.close().then(() => parentPort!.postMessage('closed'));
});
