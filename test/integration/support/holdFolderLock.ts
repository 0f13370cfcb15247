// Child process for the folder lock test: takes the data folder's lock, says so, and holds it until killed.
import { lockDataFolder } from '../../../src/main/db/folderLock.js';

await lockDataFolder(process.argv[2]!);
process.stdout.write('locked\n');
setInterval(() => undefined, 60_000);
