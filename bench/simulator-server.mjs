// The simulator alone in its own process, as `npm run simulator` runs it, with Zaptec's per-user
// limit off so the benchmark measures the simulator, not the 10 req/s it would allow one account.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startSimulator } = require('../dist/simulator/simulator.js');
const { defaultSimulatorOptions } = require('../dist/simulator/simulator-options.js');

const simulator = await startSimulator(defaultSimulatorOptions({ port: 0, rateLimit: false }));
process.stdout.write(`listening ${new URL(simulator.url).port}\n`);
process.once('SIGTERM', () => simulator.close().then(() => process.exit(0)));
