/**
 * Ids of the demo world (design.md "Demo data"), as examples in the OpenAPI document: "Try it
 * out" after signing in as the example account then works on the first click. Copied, not
 * imported, so the production build does not load the simulator; a test asserts they equal the
 * simulator's stable ids.
 */
export const DEMO_EXAMPLES = {
  /** owner@demo.zaptec.local, the account of the sign-in example. */
  userId: '2515f850-50af-5413-8466-7e77602b2c93',
  /** The owner's installation "Home". */
  installationId: '53dec9bd-d8e2-51f0-a8fb-20f944812323',
  /** "Office", where admin@demo.zaptec.local is Administrator: the example of Administrator-only routes. */
  officeInstallationId: '404d76d9-dba5-531f-abec-3ef1fc9093d0',
  /** Home's circuit "Garage". */
  circuitId: '1292ec4b-9991-5691-a22d-56e701f92765',
  /** Home's charger "Driveway" (ZAP000101, a Go), which has a car charging when the demo starts. */
  chargerId: 'ed6b8e98-da3e-580f-bf78-bf1a47815a3f',
  chargerDeviceId: 'ZAP000101',
  /** Driveway's first session (the simulator's FIRST_SESSION_AT), stored once ingestion ran. */
  sessionId: 'f3e206b3-10e9-51bf-b4bf-a703c876af68',
} as const;

/** The example id of each kind of object a route can act on. */
export const DEMO_ID_OF = {
  installation: DEMO_EXAMPLES.installationId,
  circuit: DEMO_EXAMPLES.circuitId,
  charger: DEMO_EXAMPLES.chargerId,
  session: DEMO_EXAMPLES.sessionId,
} as const;

/** A request id, as the gateway generates them. */
export const EXAMPLE_REQUEST_ID = '5b4c2a5e-5d0e-4a53-a1f5-5cc3c6c0f1d2';
