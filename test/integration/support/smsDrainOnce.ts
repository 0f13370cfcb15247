// Child process for the crash test: one drain of the SMS queue (the parent kills it mid-request).
import { openDesk } from '../../../src/main/desk.js';
import { SmsWorker } from '../../../src/main/sms/worker.js';

await new SmsWorker(openDesk(process.argv[2]!)).drain();
