import { existsSync } from 'node:fs';
import { ACCOUNTS } from './world/demo-data';
import { simulatorEnvSchema, simulatorOptionsFrom } from './simulator-options';
import { startSimulator } from './simulator';

/** `npm run simulator`: the fake Zaptec cloud alone, for pointing any Zaptec client at it. */
async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const present = Object.fromEntries(
    Object.entries(process.env).filter(([, value]) => value !== ''),
  );
  const parsed = simulatorEnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    process.stderr.write(`Invalid configuration: ${problems.join('; ')}\n`);
    process.exit(1);
  }
  const options = simulatorOptionsFrom(parsed.data);
  const simulator = await startSimulator(options);
  const lines = [
    `Zaptec simulator listening on ${simulator.url} (constants ${options.constantsVersion}, clock x${options.clockSpeed}, state cache ${options.stateCacheSeconds} s)`,
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
  process.stderr.write(
    `The simulator failed to start: ${(error as Error)?.stack ?? String(error)}\n`,
  );
  process.exit(1);
});
