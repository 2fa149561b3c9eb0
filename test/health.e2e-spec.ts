import { rm } from 'node:fs/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../src/database/database-connection';
import { startTestApp } from './support/app';
import { makeDataDir } from './support/temp-dir';

describe('health probes', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers /health/live with 200 without touching dependencies', async () => {
    const response = await request(app.getHttpServer()).get('/health/live').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', details: {} });
  });

  it('answers /health/ready with 200 and the database check when the database is up', async () => {
    const response = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });
});

describe('the embedded database', () => {
  let app: NestFastifyApplication;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await makeDataDir('embedded');
    app = await startTestApp({ DATABASE_URL: undefined, DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is started and migrated when DATABASE_URL is not set', async () => {
    const connection = app.get<DatabaseConnection>(DATABASE_CONNECTION);
    expect(connection.embedded?.running).toBe(true);
    await request(app.getHttpServer()).get('/health/ready').expect(200);
  });

  it('turns /health/ready into a 503 problem when it stops, while /health/live stays 200', async () => {
    await app.get<DatabaseConnection>(DATABASE_CONNECTION).embedded?.stop();

    const response = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      details: { status: 'error', error: { database: { status: 'down' } } },
    });
    await request(app.getHttpServer()).get('/health/live').expect(200);
  });
});
