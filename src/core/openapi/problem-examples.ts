import type { FieldErrorDto } from '../errors/problem';
import { DEMO_EXAMPLES } from './demo-examples';

/** One kind of problem a route documents: its code and an example occurrence of it. */
export interface ProblemCase {
  readonly code: string;
  readonly detail: string;
  readonly errors?: readonly FieldErrorDto[];
  readonly details?: Readonly<Record<string, unknown>>;
}

const NO_TOKEN: ProblemCase = {
  code: 'UNAUTHENTICATED',
  detail:
    'Send an access token from POST /v1/auth/login as `Authorization: Bearer <token>`, or an API key as `X-Api-Key: zgw_…`.',
};

/**
 * Example occurrences of the codes the gateway answers, by code, as the code that raises them
 * words them. A route that knows a better example for itself passes a ProblemCase instead.
 */
export const PROBLEM_EXAMPLES = {
  BAD_REQUEST: { code: 'BAD_REQUEST', detail: 'Client Error' },
  VALIDATION_FAILED: {
    code: 'VALIDATION_FAILED',
    detail: 'id must be a UUID',
    errors: [{ field: 'id', messages: ['id must be a UUID'] }],
  },
  UNKNOWN_COMMAND: {
    code: 'UNKNOWN_COMMAND',
    detail:
      'StopChargingFinal is not a command you can send to this charger (constants 4.7.0.de958f76). Allowed: StartCharging, StopCharging, DeauthorizeAndStop, RestartCharger, UpgradeFirmware.',
    errors: [
      {
        field: 'command',
        messages: [
          'command must be one of: StartCharging, StopCharging, DeauthorizeAndStop, RestartCharger, UpgradeFirmware',
        ],
      },
    ],
    details: {
      allowedCommands: [
        'StartCharging',
        'StopCharging',
        'DeauthorizeAndStop',
        'RestartCharger',
        'UpgradeFirmware',
      ],
      constantsVersion: '4.7.0.de958f76',
    },
  },
  UNAUTHENTICATED: NO_TOKEN,
  UPSTREAM_SESSION_EXPIRED: {
    code: 'UPSTREAM_SESSION_EXPIRED',
    detail: 'The Zaptec session has expired (Zaptec tokens last about a day): sign in again.',
  },
  INVALID_CREDENTIALS: {
    code: 'INVALID_CREDENTIALS',
    detail: 'Zaptec did not accept this username and password.',
  },
  INVALID_REFRESH_TOKEN: {
    code: 'INVALID_REFRESH_TOKEN',
    detail: 'This refresh token is unknown, expired or revoked: sign in again.',
  },
  REFRESH_TOKEN_REUSED: {
    code: 'REFRESH_TOKEN_REUSED',
    detail:
      'This refresh token was already used; the sign-in has been ended for safety. Sign in again.',
  },
  FORBIDDEN: {
    code: 'FORBIDDEN',
    detail:
      "This needs one of the roles Owner, Maintainer, Administrator on the charger's installation.",
    details: { requiredRoles: ['Owner', 'Maintainer', 'Administrator'] },
  },
  USER_REQUIRED: {
    code: 'USER_REQUIRED',
    detail:
      'Only a signed-in user can do this, not an API key: sign in with POST /v1/auth/login and send that access token.',
  },
  SERVICE_ACCOUNT_NO_ROLE: {
    code: 'SERVICE_ACCOUNT_NO_ROLE',
    detail:
      "The gateway's service account holds no role on installation 53dec9bd-d8e2-51f0-a8fb-20f944812323, so this API key cannot act there: give that account a role on the installation.",
    details: { installationId: '53dec9bd-d8e2-51f0-a8fb-20f944812323' },
  },
  SERVICE_ACCOUNT_NOT_CONFIGURED: {
    code: 'SERVICE_ACCOUNT_NOT_CONFIGURED',
    detail:
      'API keys call Zaptec as the gateway service account, and none is configured (ZAPTEC_USERNAME, ZAPTEC_PASSWORD).',
  },
  NOT_ADMINISTRATOR: {
    code: 'NOT_ADMINISTRATOR',
    detail:
      'You are not Administrator on installation 53dec9bd-d8e2-51f0-a8fb-20f944812323: only its Administrators manage its API keys.',
    details: { installationId: '53dec9bd-d8e2-51f0-a8fb-20f944812323' },
  },
  ROLES_EXCEED_OWN: {
    code: 'ROLES_EXCEED_OWN',
    detail:
      'A key cannot hold roles you do not hold on installation 53dec9bd-d8e2-51f0-a8fb-20f944812323: Owner.',
    details: {
      installationId: '53dec9bd-d8e2-51f0-a8fb-20f944812323',
      excessRoles: ['Owner'],
    },
  },
  UPSTREAM_FORBIDDEN: {
    code: 'UPSTREAM_FORBIDDEN',
    detail: 'Zaptec refused this for your account.',
  },
  NOT_FOUND: {
    code: 'NOT_FOUND',
    detail: `No charger ${DEMO_EXAMPLES.chargerId} among the objects you have a role on.`,
  },
  COMMAND_PRECONDITION_FAILED: {
    code: 'COMMAND_PRECONDITION_FAILED',
    detail: 'No car is connected (Disconnected): there is no charging to stop.',
    details: {
      command: 'StopChargingFinal',
      chargerOperationMode: 1,
      finalStopActive: false,
      isOnline: true,
    },
  },
  DEVICE_COMMAND_REJECTED: {
    code: 'DEVICE_COMMAND_REJECTED',
    detail: 'DeviceCommandRejected',
    details: { zaptecCode: 528 },
  },
  OPERATION_FAILED_DUE_TO_CHARGER_STATE: {
    code: 'OPERATION_FAILED_DUE_TO_CHARGER_STATE',
    detail: 'OperationFailedDueToChargerState',
    details: { zaptecCode: 538 },
  },
  OPERATION_FAILED_FOR_UNKNOWN_REASONS: {
    code: 'OPERATION_FAILED_FOR_UNKNOWN_REASONS',
    detail: 'OperationFailedForUnknownReasons',
    details: { zaptecCode: 537 },
  },
  NOT_SUPPORTED: { code: 'NOT_SUPPORTED', detail: 'NotSupported', details: { zaptecCode: 517 } },
  IDEMPOTENCY_KEY_REUSED: {
    code: 'IDEMPOTENCY_KEY_REUSED',
    detail:
      'This Idempotency-Key was already used for a different request; use a new key for a new command.',
  },
  INVALID_FORMAT: { code: 'INVALID_FORMAT', detail: 'InvalidFormat', details: { zaptecCode: 519 } },
  MISSING_REQUIRED_DATA: {
    code: 'MISSING_REQUIRED_DATA',
    detail: 'MissingRequiredData',
    details: { zaptecCode: 518 },
  },
  INSTALLATION_CONSTRAINT_VIOLATION: {
    code: 'INSTALLATION_CONSTRAINT_VIOLATION',
    detail: 'InstallationConstraintViolation',
    details: { zaptecCode: 540 },
  },
  UPSTREAM_REJECTED_INPUT: {
    code: 'UPSTREAM_REJECTED_INPUT',
    detail: 'Zaptec refused the values of this request.',
    details: { upstreamBody: '{"Message":"The request is invalid."}' },
  },
  RATE_LIMITED: {
    code: 'RATE_LIMITED',
    detail: 'You made 600 requests in 60 s; try again in 42 s.',
    details: { policy: 'per-user', quota: 600, windowSeconds: 60 },
  },
  TOO_MANY_LOGIN_ATTEMPTS: {
    code: 'TOO_MANY_LOGIN_ATTEMPTS',
    detail: 'Too many sign-in attempts; try again in 60 s.',
  },
  UPSTREAM_ERROR: {
    code: 'UPSTREAM_ERROR',
    detail: 'Zaptec failed (HTTP 500).',
    details: {},
  },
  UPSTREAM_UNREACHABLE: { code: 'UPSTREAM_UNREACHABLE', detail: 'Zaptec could not be reached.' },
  UPSTREAM_BAD_RESPONSE: {
    code: 'UPSTREAM_BAD_RESPONSE',
    detail: 'Zaptec answered with a body that is not the JSON it documents.',
  },
  UPSTREAM_UNAVAILABLE: {
    code: 'UPSTREAM_UNAVAILABLE',
    detail: 'Zaptec is failing; calls are paused for a short while.',
  },
  UPSTREAM_BUSY: {
    code: 'UPSTREAM_BUSY',
    detail: 'Too many calls of your Zaptec account are waiting; try again shortly.',
  },
  UPSTREAM_RATE_LIMITED: {
    code: 'UPSTREAM_RATE_LIMITED',
    detail: 'Zaptec asked us to slow down; try again shortly.',
  },
  UPSTREAM_TIMEOUT: { code: 'UPSTREAM_TIMEOUT', detail: 'Zaptec did not answer in time.' },
  SERVICE_UNAVAILABLE: {
    code: 'SERVICE_UNAVAILABLE',
    detail: 'Service Unavailable Exception',
    details: {
      status: 'error',
      info: {},
      error: { database: { status: 'down', message: 'timeout of 2000ms exceeded' } },
      details: { database: { status: 'down', message: 'timeout of 2000ms exceeded' } },
    },
  },
} as const satisfies Record<string, ProblemCase>;

export type ProblemCode = keyof typeof PROBLEM_EXAMPLES;

/** A validation failure of the given fields, each with its message. */
export function validationExample(errors: Record<string, string>): ProblemCase {
  const list = Object.entries(errors).map(([field, message]) => ({ field, messages: [message] }));
  return {
    code: 'VALIDATION_FAILED',
    detail: list.map((error) => error.messages.join(', ')).join('; '),
    errors: list,
  };
}
