import { firstSessionId } from '../../src/simulator/world/history';
import { DEMO } from '../simulator/fixtures';
import type { DemoAccountName } from '../support/simulator';

/** Expected status per demo account: owner, admin, service, driver, outsider. */
export type Row = [
  route: string,
  path: string | ((account: DemoAccountName) => string),
  body: object | undefined,
  expected: [owner: number, admin: number, service: number, driver: number, outsider: number],
];

export const ACCOUNTS: DemoAccountName[] = ['owner', 'admin', 'service', 'driver', 'outsider'];
const office = DEMO.office.id;
const officeCircuit = DEMO.office.circuitIds[0];
const office1 = DEMO.chargerId('Office 1');
const home = DEMO.home.id;
const driveway = DEMO.chargerId('Driveway');
/** A charger of its own per account where a command changes state (a restart takes it offline). */
const restartTarget: Record<DemoAccountName, string> = {
  owner: DEMO.chargerId('Garage'),
  admin: DEMO.chargerId('Office 4'),
  service: DEMO.chargerId('Office 5'),
  driver: DEMO.chargerId('Office 6'),
  outsider: DEMO.chargerId('Office 6'),
};

/** A P-256 public key (DER SPKI hex), as a meter key registration takes it. */
const METER_KEY =
  '3059301306072a8648ce3d020106082a8648ce3d03010703420004a1071537964e398676a69c9e390d7f326cc9c9c3c42555b9634f3b08adcf89f884fce8c0ec1bd1559bff127ecc3c040535d35e9b7fd95dfe99585fcbfd4e06c5';

/**
 * design.md's role table, route by route, as the five demo accounts meet it: owner (User|Owner on
 * Home), admin (Administrator on Office), service (Maintainer on Office), driver (User on
 * Office), outsider (no role). 404 = no role on the object, 403 = a role too weak.
 */
export const MATRIX: Row[] = [
  ['GET /v1/constants', '/v1/constants', undefined, [200, 200, 200, 200, 200]],
  ['GET /v1/me', '/v1/me', undefined, [200, 200, 200, 200, 200]],
  ['GET /v1/installations', '/v1/installations', undefined, [200, 200, 200, 200, 200]],
  [
    'GET /v1/installations/{id}',
    `/v1/installations/${office}`,
    undefined,
    [404, 200, 200, 200, 404],
  ],
  ['GET /v1/installations/{id}', `/v1/installations/${home}`, undefined, [200, 404, 404, 404, 404]],
  [
    'GET /v1/installations/{id}/hierarchy',
    `/v1/installations/${office}/hierarchy`,
    undefined,
    [404, 200, 200, 403, 404],
  ],
  [
    'GET /v1/installations/{id}/hierarchy',
    `/v1/installations/${home}/hierarchy`,
    undefined,
    [200, 404, 404, 404, 404],
  ],
  [
    'GET /v1/installations/{id}/audit',
    `/v1/installations/${office}/audit`,
    undefined,
    [404, 200, 403, 403, 404],
  ],
  [
    'GET /v1/installations/{id}/audit',
    `/v1/installations/${home}/audit`,
    undefined,
    [403, 404, 404, 404, 404],
  ],
  [
    'POST /v1/installations/{id}/limits',
    `/v1/installations/${office}/limits`,
    { availableCurrent: 40 },
    [404, 200, 200, 403, 404],
  ],
  [
    'POST /v1/installations/{id}/limits',
    `/v1/installations/${home}/limits`,
    { availableCurrent: 25 },
    [200, 404, 404, 404, 404],
  ],
  [
    'GET /v1/installations/{id}/firmware',
    `/v1/installations/${office}/firmware`,
    undefined,
    [404, 200, 200, 403, 404],
  ],
  ['GET /v1/circuits/{id}', `/v1/circuits/${officeCircuit}`, undefined, [404, 200, 200, 403, 404]],
  [
    'GET /v1/circuits/{id}',
    `/v1/circuits/${DEMO.home.circuitId}`,
    undefined,
    [200, 404, 404, 404, 404],
  ],
  ['GET /v1/chargers', '/v1/chargers', undefined, [200, 200, 200, 200, 200]],
  [
    'GET /v1/chargers',
    `/v1/chargers?installationId=${office}`,
    undefined,
    [404, 200, 200, 200, 404],
  ],
  ['GET /v1/chargers/{id}', `/v1/chargers/${office1}`, undefined, [404, 200, 200, 403, 404]],
  ['GET /v1/chargers/{id}', `/v1/chargers/${driveway}`, undefined, [200, 404, 404, 404, 404]],
  [
    'GET /v1/chargers/{id}/state',
    `/v1/chargers/${office1}/state`,
    undefined,
    [404, 200, 200, 403, 404],
  ],
  [
    'GET /v1/chargers/{id}/state',
    `/v1/chargers/${driveway}/state`,
    undefined,
    [200, 404, 404, 404, 404],
  ],
  [
    'GET /v1/chargers/{id}/settings',
    `/v1/chargers/${office1}/settings`,
    undefined,
    [404, 200, 200, 403, 404],
  ],
  [
    'PATCH /v1/chargers/{id}/settings',
    `/v1/chargers/${office1}/settings`,
    { maxChargeCurrent: 16 },
    [404, 202, 202, 403, 404],
  ],
  [
    'PATCH /v1/chargers/{id}/settings',
    `/v1/chargers/${driveway}/settings`,
    { maxChargeCurrent: 20 },
    [202, 404, 404, 404, 404],
  ],
  [
    'POST /v1/chargers/{id}/commands',
    (account) => `/v1/chargers/${restartTarget[account]}/commands`,
    { command: 'RestartCharger' },
    [202, 202, 202, 403, 404],
  ],
  // A service command: Maintainer and Administrator only, so the Owner's own charger says 403.
  [
    'POST /v1/chargers/{id}/commands',
    `/v1/chargers/${office1}/commands`,
    { command: 'ResetComErrors' },
    [404, 202, 202, 403, 404],
  ],
  [
    'POST /v1/chargers/{id}/commands',
    `/v1/chargers/${driveway}/commands`,
    { command: 'ResetComErrors' },
    [403, 404, 404, 404, 404],
  ],
  // Every role may authorize; with the clock stopped no charger waits for it, so Zaptec refuses (409).
  [
    'POST /v1/chargers/{id}/authorize',
    `/v1/chargers/${office1}/authorize`,
    undefined,
    [404, 409, 409, 409, 404],
  ],
  ['GET /v1/charge-history', '/v1/charge-history', undefined, [200, 200, 200, 200, 200]],
  [
    'GET /v1/charge-history',
    `/v1/charge-history?installationId=${office}`,
    undefined,
    [404, 200, 200, 200, 404],
  ],
  // Stored history (issue 12): a User reads own sessions; a filter naming an object without a
  // role answers 404.
  [
    'GET /v1/chargers/{id}/observations',
    `/v1/chargers/${office1}/observations`,
    undefined,
    [404, 200, 200, 403, 404],
  ],
  [
    'GET /v1/installations/{id}/energy',
    `/v1/installations/${office}/energy`,
    undefined,
    [404, 200, 200, 403, 404],
  ],
  ['GET /v1/sessions', '/v1/sessions', undefined, [200, 200, 200, 200, 200]],
  // Driveway's first session (the suite stores Home's history first): the owner's alone.
  [
    'GET /v1/sessions/{id}',
    `/v1/sessions/${firstSessionId(driveway)}`,
    undefined,
    [200, 404, 404, 404, 404],
  ],
  [
    'PUT /v1/chargers/{id}/meter-public-key',
    `/v1/chargers/${office1}/meter-public-key`,
    { publicKey: METER_KEY },
    [404, 200, 200, 403, 404],
  ],
  [
    'GET /v1/sessions',
    `/v1/sessions?installationId=${office}`,
    undefined,
    [404, 200, 200, 200, 404],
  ],
  ['GET /v1/sessions', `/v1/sessions?chargerId=${driveway}`, undefined, [200, 404, 404, 404, 404]],
  // Partner keys (issue 13): any caller lists the keys of what they administer (none: []); only
  // an Administrator of every listed installation mints; an unknown key id is 404 for all.
  ['GET /v1/api-keys', '/v1/api-keys', undefined, [200, 200, 200, 200, 200]],
  [
    'POST /v1/api-keys',
    '/v1/api-keys',
    { name: 'Matrix', installationIds: [office], roles: 1 },
    [403, 201, 403, 403, 403],
  ],
  [
    'DELETE /v1/api-keys/{id}',
    '/v1/api-keys/0f7c2b1e-4d8a-4c3b-9e6f-1a2b3c4d5e6f',
    undefined,
    [404, 404, 404, 404, 404],
  ],
];
