import { main } from './index.js';

// Long-running commands (web) keep the process alive through their open server.
process.exitCode = await main(process.argv);
