import type { RunningSimulator } from '../../src/simulator/simulator';
import { call, type DemoAccountName, loginAs, startTestSimulator } from '../support/simulator';
import { ACCOUNT_NAMES, DEMO, FIXED_START } from './fixtures';

// The simulator's permission policy (zaptec-api.md §7): lists show only what the account has a
// role on; no role on an object → 403; a plain User (1) is refused the "owner or service" routes
// (403) and gets an empty 204 for the hierarchy; Owner (2), Maintainer (4) and Administrator (8)
// may do everything on their installation, except that maxCurrent needs the service role.

const HOME = DEMO.home.id;
const OFFICE = DEMO.office.id;
const DRIVEWAY = DEMO.chargerId('Driveway');
const OFFICE_1 = DEMO.chargerId('Office 1');
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

interface Probe {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}
const get = (path: string): Probe => ({ method: 'GET', path });
const post = (path: string, body?: unknown): Probe => ({ method: 'POST', path, body });

/** One row per route and target; cells in ACCOUNT_NAMES order (owner, admin, service, driver, outsider). */
type Cell = number | string;
type Row = [route: string, probe: Probe, expected: [Cell, Cell, Cell, Cell, Cell]];

// Lists are shown as "200 <installations the items belong to>"; "own" marks a history in which every
// session is the caller's. A Zaptec 500 shows its Code: authorizecharge passes the role check on
// Office 1, where no car is waiting, so the charger refuses it (538 OperationFailedDueToChargerState; 4.7.0, which lacks it, answers 505, see lifecycle).
// prettier-ignore
const MATRIX: Row[] = [
  //                                                                                                          owner           admin         service       driver            outsider
  ['list installations',               get('/api/installation'),                                             ['200 Home',     '200 Office', '200 Office', '200 Office',     '200 none']],
  ['one installation (Home)',          get(`/api/installation/${HOME}`),                                     [200,            403,          403,          403,              403]],
  ['one installation (Office)',        get(`/api/installation/${OFFICE}`),                                   [403,            200,          200,          200,              403]],
  ['one installation (unknown)',       get(`/api/installation/${UNKNOWN}`),                                  [404,            404,          404,          404,              404]],
  ['hierarchy (Home)',                 get(`/api/installation/${HOME}/hierarchy`),                           [200,            403,          403,          403,              403]],
  ['hierarchy (Office)',               get(`/api/installation/${OFFICE}/hierarchy`),                         [403,            200,          200,          204,              403]],
  ['installation update (Home)',       post(`/api/installation/${HOME}/update`, { availableCurrent: 16 }),   [200,            403,          403,          403,              403]],
  ['installation update (Office)',     post(`/api/installation/${OFFICE}/update`, { availableCurrent: 16 }), [403,            200,          200,          403,              403]],
  ['installation maxCurrent (Home)',   post(`/api/installation/${HOME}/update`, { maxCurrent: 32 }),         [403,            403,          403,          403,              403]],
  ['installation maxCurrent (Office)', post(`/api/installation/${OFFICE}/update`, { maxCurrent: 63 }),       [403,            200,          200,          403,              403]],
  ['circuit (Home)',                   get(`/api/circuits/${DEMO.home.circuitId}`),                          [200,            403,          403,          403,              403]],
  ['circuit (Office)',                 get(`/api/circuits/${DEMO.office.circuitIds[0]}`),                    [403,            200,          200,          403,              403]],
  ['chargers list',                    get('/api/chargers'),                                                 ['200 Home',     '200 Office', '200 Office', '200 Office',     '200 none']],
  ['charger detail (Home)',            get(`/api/chargers/${DRIVEWAY}`),                                     [200,            403,          403,          403,              403]],
  ['charger detail (Office)',          get(`/api/chargers/${OFFICE_1}`),                                     [403,            200,          200,          403,              403]],
  ['state (Home)',                     get(`/api/chargers/${DRIVEWAY}/state`),                               [200,            403,          403,          403,              403]],
  ['state (Office)',                   get(`/api/chargers/${OFFICE_1}/state`),                               [403,            200,          200,          403,              403]],
  ['state (unknown charger)',          get(`/api/chargers/${UNKNOWN}/state`),                                [404,            404,          404,          404,              404]],
  ['charger update (Home)',            post(`/api/chargers/${DRIVEWAY}/update`, { maxChargeCurrent: 16 }),   [200,            403,          403,          403,              403]],
  ['charger update (Office)',          post(`/api/chargers/${OFFICE_1}/update`, { maxChargeCurrent: 16 }),   [403,            200,          200,          403,              403]],
  ['command 102 (Home)',               post(`/api/chargers/${DRIVEWAY}/sendCommand/102`),                    [200,            403,          403,          403,              403]],
  ['command 102 (Office)',             post(`/api/chargers/${OFFICE_1}/sendCommand/102`),                    [403,            200,          200,          403,              403]],
  ['authorizecharge (Office)',         post(`/api/chargers/${OFFICE_1}/authorizecharge`),                    [403,            '500 538',    '500 538',    '500 538',        403]],
  ['firmware (Home)',                  get(`/api/chargerFirmware/installation/${HOME}`),                     [200,            403,          403,          403,              403]],
  ['firmware (Office)',                get(`/api/chargerFirmware/installation/${OFFICE}`),                   [403,            200,          200,          403,              403]],
  ['chargehistory',                    get('/api/chargehistory?PageSize=100'),                               ['200 Home own', '200 Office', '200 Office', '200 Office own', '200 none']],
];

describe('role matrix', () => {
  let simulator: RunningSimulator;
  const tokens = {} as Record<DemoAccountName, string>;
  const installationOf = new Map<string, string>();

  beforeAll(async () => {
    simulator = await startTestSimulator({ rateLimit: false, start: FIXED_START });
    for (const name of ACCOUNT_NAMES) tokens[name] = await loginAs(simulator, name);
    for (const name of ['owner', 'admin'] as const) {
      const chargers = await call(simulator, tokens[name], 'GET', '/api/chargers');
      for (const charger of chargers.json.Data)
        installationOf.set(charger.Id, charger.InstallationName);
    }
  });
  afterAll(() => simulator.close());

  /** A response as a matrix cell: the status, what a list shows, or a Zaptec error code. */
  function cell(account: DemoAccountName, status: number, json: any): Cell {
    if (status === 500 && json?.Code !== undefined) return `500 ${json.Code}`;
    if (status !== 200 || !Array.isArray(json?.Data)) return status;
    const items = json.Data as Record<string, string>[];
    const names = new Set(
      items.map((item) => item.InstallationName ?? installationOf.get(item.ChargerId) ?? item.Name),
    );
    const own =
      items.length > 0 && items.every((item) => item.UserId === DEMO.accountId(account))
        ? ' own'
        : '';
    return `200 ${[...names].sort().join(',') || 'none'}${own}`;
  }

  it('answers every demo account on every upstream route as the policy says', async () => {
    const actual: Record<string, Cell[]> = {};
    const expected: Record<string, Cell[]> = {};
    for (const [route, probe, cells] of MATRIX) {
      expected[route] = cells;
      actual[route] = [];
      for (const account of ACCOUNT_NAMES) {
        const response = await call(
          simulator,
          tokens[account],
          probe.method,
          probe.path,
          probe.body,
        );
        actual[route].push(cell(account, response.status, response.json));
      }
    }
    expect(actual).toEqual(expected);
  });
});
