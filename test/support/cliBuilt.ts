// Vitest global setup (integration and e2e): the CLI the tests spawn is built from the sources they test.
import { ensureCliBuilt } from '../e2e/support/build.js';

export default function setup(): void {
  ensureCliBuilt();
}
