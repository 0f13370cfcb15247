/**
 * Child process of the SMS figure: the local HTTP simulator of the SMS gateway
 * (test/fixtures/smsGatewaySimulator.ts), in a process of its own as the real gateway is, so
 * that its work is not counted in the measuring process's CPU time. Prints `{"url": …}` when
 * listening; exits when its stdin closes, printing how many requests it answered.
 */
import { startSmsGatewaySimulator } from '../../fixtures/smsGatewaySimulator.js';

const sim = await startSmsGatewaySimulator();
process.stdout.write(`${JSON.stringify({ url: sim.url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  process.stdout.write(`${JSON.stringify({ requests: sim.requests.length })}\n`);
  void sim.close().then(() => process.exit(0));
});
