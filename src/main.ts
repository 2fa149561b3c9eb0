import { existsSync } from 'node:fs';
import { type INestApplication, Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { DOCS_PATH } from './core/openapi/openapi';
import { StartupError } from './core/startup-error';
import { ACCOUNTS } from './simulator/world/demo-data';
import { type UpstreamTarget, ZAPTEC_UPSTREAM } from './upstream/zaptec/upstream-target';
import { GATEWAY_VERSION } from './core/version';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const startedAt = performance.now();
  const config = loadConfig();
  const app = await createApp({ config });
  await app
    .listen(config.http.port, config.http.host)
    .catch(async (error: NodeJS.ErrnoException) => {
      await app.close();
      if (error.code !== 'EADDRINUSE') throw error;
      throw new StartupError(
        `Port ${config.http.port} on ${config.http.host} is in use: stop what holds it or set PORT.`,
      );
    });

  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  const logger = new Logger('Gateway');
  logger.log(
    `zaptec-gateway v${GATEWAY_VERSION} (Node ${process.version}) listening on ${url} (ready in ${seconds} s)`,
  );
  logger.log(`API docs: ${url}/${DOCS_PATH}  ·  OpenAPI: ${url}/${DOCS_PATH}-json`);
  const { demo } = app.get<UpstreamTarget>(ZAPTEC_UPSTREAM);
  if (demo) {
    const accounts = Object.values(ACCOUNTS).map(
      (account) => `${account.email} / ${account.password}`,
    );
    logger.log(
      `Demo mode: Zaptec simulator at ${demo.url}; demo accounts (username / password): ${accounts.join(', ')}`,
    );
  }

  process.once('SIGTERM', () => void shutDown(app, 'SIGTERM', config.http.shutdownTimeoutMs));
  process.once('SIGINT', () => void shutDown(app, 'SIGINT', config.http.shutdownTimeoutMs));
}

/**
 * Stops taking connections, lets requests in flight finish, closes Prisma and then the embedded
 * PostgreSQL (Nest's shutdown hooks), and exits 0. A shutdown that hangs (a stuck client, a dead
 * database) still ends the process after `timeoutMs`, with exit code 1.
 */
async function shutDown(app: INestApplication, signal: string, timeoutMs: number): Promise<void> {
  const logger = new Logger('Gateway');
  logger.log(`${signal} received: shutting down`);
  setTimeout(() => {
    logger.error(`Shutdown did not finish within ${timeoutMs} ms; exiting anyway`);
    process.exit(1);
  }, timeoutMs).unref();
  await app.close();
  logger.log('Shutdown complete');
  process.exit(0);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `zaptec-gateway failed to start: ${(error as Error)?.stack ?? String(error)}\n`,
    );
  }
  process.exit(1);
});
