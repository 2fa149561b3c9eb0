import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '../../core/auth/principal';
import type { Prisma } from '../../generated/prisma/client';
import { statusOf } from '../../core/errors/error-status';
import { AuditRepository } from './audit.repository';

export type AuditOutcome = 'SUCCEEDED' | 'REJECTED' | 'FAILED';

export interface AuditEntry {
  principal: Principal;
  /** e.g. `charger.command`, `charger.settings`, `installation.limits`. */
  action: string;
  targetType: 'charger' | 'installation' | 'circuit' | 'api-key';
  targetId: string;
  installationId?: string;
  outcome: AuditOutcome;
  details?: Prisma.InputJsonValue;
  requestId?: string;
}

/** Who sent which command or setting to what, and how it ended (design.md "AuditEvent"). */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly repository: AuditRepository) {}

  async record(entry: AuditEntry): Promise<void> {
    try {
      await this.repository.insert({
        actorType: entry.principal.kind === 'apiKey' ? 'API_KEY' : 'USER',
        actorId: entry.principal.kind === 'apiKey' ? entry.principal.keyId : entry.principal.id,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        installationId: entry.installationId,
        outcome: entry.outcome,
        details: entry.details,
        requestId: entry.requestId,
      });
    } catch (error) {
      // The write itself already happened upstream; losing its audit line must not fail the call.
      this.logger.error(
        { err: error, audit: { ...entry, principal: entry.principal.id } },
        'audit write failed',
      );
    }
  }

  /**
   * A sign-in, successful (actor: the Zaptec user id the token names) or refused (actor: the
   * username tried, as no user is known). Never the password; it belongs to no installation.
   */
  async signIn(
    outcome: 'SUCCEEDED' | 'REJECTED',
    actorId: string,
    username: string,
  ): Promise<void> {
    try {
      await this.repository.insert({
        actorType: 'USER',
        actorId,
        action: 'auth.sign-in',
        targetType: 'user',
        targetId: username,
        outcome,
      });
    } catch (error) {
      this.logger.error(
        { err: error, audit: { action: 'auth.sign-in', outcome } },
        'audit write failed',
      );
    }
  }

  /**
   * Runs `write` and records its outcome: SUCCEEDED, REJECTED (a 4xx, e.g. a failed precondition
   * or upstream's refusal) or FAILED (upstream broke); the error is rethrown unchanged.
   */
  async track<T>(entry: Omit<AuditEntry, 'outcome'>, write: () => Promise<T>): Promise<T> {
    try {
      const result = await write();
      await this.record({ ...entry, outcome: 'SUCCEEDED' });
      return result;
    } catch (error) {
      const status = statusOf(error);
      const rejected = status >= 400 && status < 500;
      await this.record({
        ...entry,
        outcome: rejected ? 'REJECTED' : 'FAILED',
        details: { ...(entry.details as object | undefined), error: (error as Error).message },
      });
      throw error;
    }
  }
}
