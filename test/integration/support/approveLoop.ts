// Child process for the crash test: approves every submitted application, one command at a time,
// telling the parent after each commit. The parent kills it with SIGKILL part-way.
import { openDesk } from '../../../src/main/desk.js';

const desk = openDesk(process.argv[2]!);
const officer = desk.sqlite
  .prepare("SELECT id, username, full_name AS fullName, role, centre_id AS centreId FROM users WHERE username = 'officer'")
  .get() as never;
const ids = (desk.sqlite.prepare("SELECT id FROM applications WHERE state = 'submitted' ORDER BY id").all() as { id: string }[]).map((r) => r.id);
let n = 0;
for (const id of ids) {
  const r = await desk.dispatch('application.approve', { applicationId: id }, officer);
  if (!r.ok) throw new Error(r.error.message);
  process.stdout.write(`approved ${++n}\n`);
}
