import { HttpStatus } from '@nestjs/common';
import { isBrokenCircuitError } from 'cockatiel';
import { seedErrorNames } from '../../seed/seed-constants';
import {
  UpstreamBusyError,
  UpstreamHttpError,
  UpstreamProtocolError,
  UpstreamTimeoutError,
  UpstreamUnreachableError,
} from '../../upstream/zaptec/upstream-errors';
import { upstreamSessionExpired } from './auth-problems';
import { ApiProblem } from './problem';

/** Zaptec ErrorCodes (by name, from the constants) that are the caller's business: a 4xx each. */
const CLIENT_ERRORS: Record<string, HttpStatus> = {
  UnknownObject: HttpStatus.NOT_FOUND,
  UnknownDeviceId: HttpStatus.NOT_FOUND,
  UnknownInstallationId: HttpStatus.NOT_FOUND,
  DeviceCommandRejected: HttpStatus.CONFLICT,
  OperationFailedDueToChargerState: HttpStatus.CONFLICT,
  // 4.7.0's answer to an operation the device refused (6.x says 538 for most of those): a
  // business answer with a code, not an outage.
  OperationFailedForUnknownReasons: HttpStatus.CONFLICT,
  NotSupported: HttpStatus.CONFLICT,
  ConcurrencyError: HttpStatus.CONFLICT,
  Forbidden: HttpStatus.FORBIDDEN,
  NotApplicableForUser: HttpStatus.FORBIDDEN,
  MissingRequiredData: HttpStatus.UNPROCESSABLE_ENTITY,
  InvalidFormat: HttpStatus.UNPROCESSABLE_ENTITY,
  UnknownSetting: HttpStatus.UNPROCESSABLE_ENTITY,
  UnknownCommand: HttpStatus.UNPROCESSABLE_ENTITY,
  InstallationConstraintViolation: HttpStatus.UNPROCESSABLE_ENTITY,
  InstallationTypeViolation: HttpStatus.UNPROCESSABLE_ENTITY,
  UnknownUser: HttpStatus.NOT_FOUND,
  UnknownEnergySensorId: HttpStatus.NOT_FOUND,
  RfidTokenInUse: HttpStatus.CONFLICT,
  CreateConflict: HttpStatus.CONFLICT,
  FeatureNotEnabled: HttpStatus.CONFLICT,
  DeviceFirmwareNotConfigured: HttpStatus.CONFLICT,
  FirmwareVersionExists: HttpStatus.CONFLICT,
  OperationFailedActiveSubscriptions: HttpStatus.CONFLICT,
  PaymentAuthorizationRequired: HttpStatus.CONFLICT,
  StringIsNotAWellFormedVersion: HttpStatus.UNPROCESSABLE_ENTITY,
  UnauthorizedToPerformOcppNativeChanges: HttpStatus.FORBIDDEN,
};

let errorNames: Map<number, string> | undefined;

/** `DeviceCommandRejected` → `DEVICE_COMMAND_REJECTED`. */
function screamingSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/**
 * What an upstream failure means to our caller, as a problem with a stable code; undefined for
 * errors that are not upstream failures.
 */
export function upstreamProblem(error: unknown): ApiProblem | undefined {
  if (error instanceof UpstreamBusyError) {
    return new ApiProblem(
      HttpStatus.SERVICE_UNAVAILABLE,
      'UPSTREAM_BUSY',
      error.message,
      {},
      {
        'retry-after': String(error.retryAfterSeconds),
      },
    );
  }
  if (isBrokenCircuitError(error)) {
    return new ApiProblem(
      HttpStatus.SERVICE_UNAVAILABLE,
      'UPSTREAM_UNAVAILABLE',
      'Zaptec is failing; calls are paused for a short while.',
      {},
      { 'retry-after': '10' },
    );
  }
  if (error instanceof UpstreamTimeoutError) {
    return new ApiProblem(
      HttpStatus.GATEWAY_TIMEOUT,
      'UPSTREAM_TIMEOUT',
      'Zaptec did not answer in time.',
    );
  }
  if (error instanceof UpstreamUnreachableError) {
    return new ApiProblem(
      HttpStatus.BAD_GATEWAY,
      'UPSTREAM_UNREACHABLE',
      'Zaptec could not be reached.',
    );
  }
  if (error instanceof UpstreamProtocolError) {
    return new ApiProblem(HttpStatus.BAD_GATEWAY, 'UPSTREAM_BAD_RESPONSE', error.message);
  }
  if (!(error instanceof UpstreamHttpError)) return undefined;
  if (error.status === 401) return upstreamSessionExpired();
  if (error.status === 403) {
    return new ApiProblem(
      HttpStatus.FORBIDDEN,
      'UPSTREAM_FORBIDDEN',
      'Zaptec refused this for your account.',
    );
  }
  if (error.status === 429) {
    return new ApiProblem(
      HttpStatus.SERVICE_UNAVAILABLE,
      'UPSTREAM_RATE_LIMITED',
      'Zaptec asked us to slow down; try again shortly.',
      {},
      { 'retry-after': String(Math.ceil((error.retryAfterMs ?? 1000) / 1000)) },
    );
  }
  if (error.status === 503) {
    return new ApiProblem(
      HttpStatus.SERVICE_UNAVAILABLE,
      'UPSTREAM_UNAVAILABLE',
      'Zaptec is overloaded or in maintenance; try again shortly.',
      {},
      { 'retry-after': String(Math.ceil((error.retryAfterMs ?? 1000) / 1000)) },
    );
  }
  const code = error.zaptecCode;
  // Answers about this request rather than outages: Zaptec's own 404 and 400 (§8).
  if (code === undefined && error.status === 404) {
    return new ApiProblem(HttpStatus.NOT_FOUND, 'NOT_FOUND', 'Zaptec does not know this object.');
  }
  if (code === undefined && error.status === 400) {
    return new ApiProblem(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'UPSTREAM_REJECTED_INPUT',
      'Zaptec refused the values of this request.',
      { details: { upstreamBody: error.body.slice(0, 500) } },
    );
  }
  errorNames ??= seedErrorNames();
  const name = code === undefined ? undefined : errorNames.get(code);
  const status = name ? CLIENT_ERRORS[name] : undefined;
  if (name && status) {
    return new ApiProblem(status, screamingSnake(name), error.zaptecDetails ?? name, {
      details: { zaptecCode: code },
    });
  }
  return new ApiProblem(
    HttpStatus.BAD_GATEWAY,
    'UPSTREAM_ERROR',
    `Zaptec failed (HTTP ${error.status}).`,
    {
      details: code === undefined ? {} : { zaptecCode: code },
    },
  );
}
