import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

export interface GatewayProcess {
  child: ChildProcess;
  output: () => string;
  url: string;
}

/**
 * Runs the compiled gateway until it listens: `node dist/main.js`, or `npm start` itself (what
 * users and process managers run: `child` is then npm's process).
 */
export async function startGatewayProcess(
  env: Record<string, string>,
  { via = 'node' }: { via?: 'node' | 'npm' } = {},
): Promise<GatewayProcess> {
  const [command, args]: [string, string[]] =
    via === 'npm' ? ['npm', ['start']] : [process.execPath, ['dist/main.js']];
  const child = spawn(command, args, {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: '0',
      HOST: '127.0.0.1',
      SIMULATOR_PORT: '0',
      // Off unless a suite asks, as in startTestApp: no background upstream calls in its counts.
      INGESTION_ENABLED: 'false',
      // Counted on every request, never reached: suites make many calls as one user; the
      // rate-limit suite sets its own quotas.
      RATE_LIMIT_PER_USER: '1000000',
      RATE_LIMIT_PER_KEY: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output}`)), 60_000);
    const check = () => {
      const match = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code}:\n${output}`));
    });
  });
  return { child, output: () => output, url };
}

/** The gateway's own pid, from its log lines (under `npm start` it is not the child's). */
export function gatewayPid(gateway: GatewayProcess): number {
  const match = /"pid":(\d+).*listening on/.exec(gateway.output());
  if (!match?.[1]) throw new Error(`no pid in the gateway's output:\n${gateway.output()}`);
  return Number(match[1]);
}

/** Resolves with the exit code once the process has ended. */
export async function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}
