import type { Logger } from '@nestjs/common';
import { type AppConfig, ConfigError } from '../../config/app-config';
import { StartupError } from '../../core/startup-error';
import { startSimulator } from '../../simulator/simulator';
import { SimulatorConfigError, simulatorOptionsFromEnv } from '../../simulator/simulator-options';
import { ACCOUNTS } from '../../simulator/world/demo-data';

export const ZAPTEC_UPSTREAM = Symbol('ZAPTEC_UPSTREAM');

export interface DemoAccount {
  readonly username: string;
  readonly password: string;
}

/** The simulator demo mode runs in this process, and how to sign in to it. */
export interface DemoUpstream {
  readonly url: string;
  readonly accounts: readonly DemoAccount[];
  /** Whose installations ingestion reads: the admin (Office) and the owner (Home), both demo sites. */
  readonly ingestionAccounts: readonly DemoAccount[];
  /** Whom API keys call Zaptec as without ZAPTEC_USERNAME: the demo admin (Office, Depot). */
  readonly serviceAccount: DemoAccount;
  close(): Promise<void>;
}

/** Where Zaptec is: the real API, or in demo mode the simulator this process runs. */
export interface UpstreamTarget {
  readonly baseUrl: string;
  readonly demo: DemoUpstream | undefined;
}

/**
 * With no ZAPTEC_API_URL, starts the simulator in-process (demo mode) and points at it. This is
 * the gateway's one way into the simulator; production code never loads it otherwise.
 */
export async function resolveUpstream(
  config: AppConfig['upstream'],
  logger: Logger,
): Promise<UpstreamTarget> {
  if (config.url) return { baseUrl: config.url, demo: undefined };
  const demo = await startDemoSimulator(config.simulatorEnv);
  // The start-up banner says which upstream is used; this is for debugging a start that hangs.
  logger.debug(`Demo mode: no ZAPTEC_API_URL, started the Zaptec simulator at ${demo.url}`);
  return { baseUrl: demo.url, demo };
}

async function startDemoSimulator(env: Readonly<Record<string, string>>): Promise<DemoUpstream> {
  let options;
  try {
    options = simulatorOptionsFromEnv(env);
  } catch (error) {
    if (error instanceof SimulatorConfigError) throw new ConfigError(error.message);
    throw error;
  }
  const simulator = await startSimulator(options).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    const { host, port } = options;
    throw new StartupError(
      `Demo mode needs ${host}:${port} for its Zaptec simulator, but that port is in use. If \`npm run simulator\` is running, point the gateway at it with ZAPTEC_API_URL=http://${host}:${port}; otherwise set SIMULATOR_PORT to a free port (0 picks one).`,
      { cause: error },
    );
  });
  return {
    url: simulator.url,
    accounts: Object.values(ACCOUNTS).map(demoAccount),
    ingestionAccounts: [ACCOUNTS.admin, ACCOUNTS.owner].map(demoAccount),
    serviceAccount: demoAccount(ACCOUNTS.admin),
    close: () => simulator.close(),
  };
}

function demoAccount({ email, password }: { email: string; password: string }): DemoAccount {
  return { username: email, password };
}
