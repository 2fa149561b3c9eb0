import { existsSync } from 'node:fs';
import { ACCOUNTS } from './world/demo-data';
import { SimulatorConfigError, simulatorOptionsFromEnv } from './simulator-options';
import { startSimulator } from './simulator';

/** `npm run simulator`: the fake Zaptec cloud alone, for pointing any Zaptec client at it. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const options = simulatorOptionsFromEnv(process.env);
  const simulator = await startSimulator(options).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    throw new SimulatorConfigError(
      `Port ${options.port} on ${options.host} is in use: stop what holds it (another simulator?) or set SIMULATOR_PORT to a free port (0 picks one).`,
    );
  });
  const lines = [
    `Zaptec simulator listening on ${simulator.url} (constants ${simulator.context.options.constantsVersion}, clock x${simulator.context.options.clockSpeed})`,
    'Demo accounts (username / password):',
    ...Object.values(ACCOUNTS).map((account) => `  ${account.email} / ${account.password}`),
    `Control: ${simulator.url}/__sim/stats, /__sim/faults, /__sim/clock, /__sim/reset`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void simulator.close().then(() => process.exit(0)));
  }
}

main().catch((error: unknown) => {
  // A setting to fix is one line; anything else is a bug of the simulator, with its stack.
  process.stderr.write(
    error instanceof SimulatorConfigError
      ? `${error.message}\n`
      : `The simulator failed to start: ${(error as Error)?.stack ?? String(error)}\n`,
  );
  process.exit(1);
});
