import { stableId } from './ids';

/** UserRoles flags (constants `UserRoles`); a CurrentUserRoles value combines them. */
export const Role = {
  None: 0,
  User: 1,
  Owner: 2,
  Maintainer: 4,
  Administrator: 8,
  PartnerAdministrator: 64,
} as const;

/** DeviceTypes: 1 Smart (Pro), 4 Apollo (Go). */
export const DeviceType = { Pro: 1, Go: 4 } as const;

export interface DemoAccount {
  id: string;
  email: string;
  password: string;
  fullName: string;
}

export interface DemoInstallation {
  id: string;
  name: string;
  address: string;
  zipCode: string;
  city: string;
  latitude: number;
  longitude: number;
  maxCurrent: number;
  isRequiredAuthentication: boolean;
  createdOn: Date;
  /** UserRoles flags per account id. */
  roles: Record<string, number>;
  circuits: DemoCircuit[];
}

export interface DemoCircuit {
  id: string;
  name: string;
  maxCurrent: number;
  chargers: DemoCharger[];
}

export interface DemoCharger {
  id: string;
  name: string;
  deviceId: string;
  deviceType: number;
  pin: string;
  /** Who charges here in the generated history (account or resident ids). */
  drivers: string[];
}

const DOMAIN = 'demo.zaptec.local';

function account(name: string, fullName: string): DemoAccount {
  const email = `${name}@${DOMAIN}`;
  return { id: stableId(`user:${email}`), email, password: `demo-${name}`, fullName };
}

/** The demo accounts of design.md ("Demo data"): a fixed contract that tests and docs rely on. */
export const ACCOUNTS = {
  owner: account('owner', 'Olivia Owner'),
  admin: account('admin', 'Adam Admin'),
  service: account('service', 'Sam Service'),
  driver: account('driver', 'Dana Driver'),
  outsider: account('outsider', 'Oscar Outsider'),
} as const;

/** Residents who charge at the office but have no login in the simulator. */
export const RESIDENTS = ['Rita Resident', 'Rob Resident', 'Ruth Resident'].map((fullName) => ({
  id: stableId(`resident:${fullName}`),
  email: `${fullName.split(' ')[0].toLowerCase()}.resident@${DOMAIN}`,
  fullName,
}));

function charger(
  name: string,
  deviceId: string,
  deviceType: number,
  drivers: string[],
): DemoCharger {
  return {
    id: stableId(`charger:${deviceId}`),
    name,
    deviceId,
    deviceType,
    pin: deviceId.slice(-4),
    drivers,
  };
}

const residents = RESIDENTS.map((resident) => resident.id);

export const INSTALLATIONS: DemoInstallation[] = [
  {
    id: stableId('installation:Home'),
    name: 'Home',
    address: 'Fjordveien 12',
    zipCode: '0252',
    city: 'Oslo',
    latitude: 59.9139,
    longitude: 10.7522,
    maxCurrent: 32,
    isRequiredAuthentication: false,
    createdOn: new Date('2023-04-11T09:12:44.120Z'),
    // Real owners carry combined flags: HA's fixtures show 3 (User|Owner) and 70 (§13).
    roles: { [ACCOUNTS.owner.id]: Role.User | Role.Owner },
    circuits: [
      {
        id: stableId('circuit:Home/Garage'),
        name: 'Garage',
        maxCurrent: 32,
        chargers: [
          charger('Driveway', 'ZAP000101', DeviceType.Go, [ACCOUNTS.owner.id]),
          charger('Garage', 'ZAP000102', DeviceType.Go, [ACCOUNTS.owner.id]),
        ],
      },
    ],
  },
  {
    id: stableId('installation:Office'),
    name: 'Office',
    address: 'Storgata 1',
    zipCode: '4006',
    city: 'Stavanger',
    latitude: 58.97,
    longitude: 5.7331,
    maxCurrent: 63,
    isRequiredAuthentication: true,
    createdOn: new Date('2022-09-16T08:06:10.487Z'),
    roles: {
      [ACCOUNTS.admin.id]: Role.Administrator,
      [ACCOUNTS.service.id]: Role.Maintainer,
      [ACCOUNTS.driver.id]: Role.User,
    },
    circuits: [
      {
        id: stableId('circuit:Office/A'),
        name: 'Circuit A',
        maxCurrent: 32,
        chargers: [
          charger('Office 1', 'ZCS000201', DeviceType.Pro, [ACCOUNTS.driver.id]),
          charger('Office 2', 'ZCS000202', DeviceType.Pro, residents),
          charger('Office 3', 'ZCS000203', DeviceType.Pro, residents),
        ],
      },
      {
        id: stableId('circuit:Office/B'),
        name: 'Circuit B',
        maxCurrent: 32,
        chargers: [
          charger('Office 4', 'ZCS000204', DeviceType.Pro, residents),
          charger('Office 5', 'ZCS000205', DeviceType.Pro, [ACCOUNTS.admin.id, ...residents]),
          charger('Office 6', 'ZCS000206', DeviceType.Pro, residents),
        ],
      },
    ],
  },
];

/** Chargers per circuit of the generated site. */
const SITE_CIRCUIT_SIZE = 25;

/**
 * An extra installation "Depot" with `chargers` Pro chargers (SIMULATOR_SITE_CHARGERS), for load
 * and pacing runs: circuits of up to 25, the demo admin as Administrator, the residents as its
 * drivers. Ids are derived like the demo's, so every run has the same ones; 0 adds nothing.
 */
export function generatedSite(chargers: number): DemoInstallation[] {
  if (chargers <= 0) return [];
  const circuits: DemoCircuit[] = [];
  for (let first = 0; first < chargers; first += SITE_CIRCUIT_SIZE) {
    const number = circuits.length + 1;
    const count = Math.min(SITE_CIRCUIT_SIZE, chargers - first);
    circuits.push({
      id: stableId(`circuit:Depot/${number}`),
      name: `Circuit ${number}`,
      maxCurrent: 125,
      chargers: Array.from({ length: count }, (_, at) => {
        const index = first + at + 1;
        const deviceId = `ZCS1${String(index).padStart(5, '0')}`;
        return charger(`Depot ${index}`, deviceId, DeviceType.Pro, residents);
      }),
    });
  }
  return [
    {
      id: stableId('installation:Depot'),
      name: 'Depot',
      address: 'Havneveien 40',
      zipCode: '0150',
      city: 'Oslo',
      latitude: 59.9075,
      longitude: 10.7606,
      maxCurrent: 400,
      isRequiredAuthentication: true,
      createdOn: new Date('2024-02-05T07:30:00.000Z'),
      roles: { [ACCOUNTS.admin.id]: Role.Administrator },
      circuits,
    },
  ];
}

export function findAccount(email: string): DemoAccount | undefined {
  const wanted = email.trim().toLowerCase();
  return Object.values(ACCOUNTS).find((candidate) => candidate.email === wanted);
}

export function personName(id: string): { fullName: string; email: string } | undefined {
  return [...Object.values(ACCOUNTS), ...RESIDENTS].find((person) => person.id === id);
}
