import type { FastifyReply } from 'fastify';
import { Role } from '../world/demo-data';
import { isGuid } from '../world/ids';
import { sendBindingError } from './responses';

// CurrentUserRoles is a set of flags (3 = User|Owner, 70 = Owner|Maintainer|PartnerAdministrator,
// §7): every decision tests bits, never equality with one role.

/** Owner, Maintainer, Administrator and the partner/device roles: "owner or service" (§7). */
export function manages(roles: number): boolean {
  return (roles & ~Role.User) !== 0;
}

/** Maintainer ("Service") and above, e.g. for an installation's `maxCurrent` (§7). */
export function isService(roles: number): boolean {
  return (roles & ~(Role.User | Role.Owner)) !== 0;
}

/** The owner's own details, e.g. a charger's `Pin` (§5.2). */
export function owns(roles: number): boolean {
  return (roles & Role.Owner) !== 0;
}

/** Route GUIDs bind like ASP.NET's: anything else is a 400 naming the parameter. */
export function guidParam(reply: FastifyReply, name: string, value: string): string | undefined {
  if (isGuid(value)) return value.toLowerCase();
  sendBindingError(reply, name, value);
  return undefined;
}

export interface Paging {
  index: number;
  size: number;
}

const DEFAULT_PAGE_SIZE = 50;
// Since 2025-03-01 (§3); what a larger PageSize gets is not documented: it is clamped here.
const MAX_PAGE_SIZE = 100;

export function pagingOf(
  query: Record<string, string | string[]>,
  reply: FastifyReply,
): Paging | undefined {
  const index = integerParam(query.pageindex, 0);
  if (index === undefined || index < 0) {
    sendBindingError(reply, 'PageIndex', String(query.pageindex));
    return undefined;
  }
  const size = integerParam(query.pagesize, DEFAULT_PAGE_SIZE);
  if (size === undefined || size < 1) {
    sendBindingError(reply, 'PageSize', String(query.pagesize));
    return undefined;
  }
  return { index, size: Math.min(size, MAX_PAGE_SIZE) };
}

/** The `{Pages, Data}` envelope of every list (§3). */
export function page<T>(items: T[], { index, size }: Paging): { Pages: number; Data: T[] } {
  return {
    Pages: Math.ceil(items.length / size),
    Data: items.slice(index * size, index * size + size),
  };
}

function integerParam(raw: string | string[] | undefined, fallback: number): number | undefined {
  if (raw === undefined || raw === '') return fallback;
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : undefined;
}

export function booleanParam(raw: string | string[] | undefined): boolean {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value?.toLowerCase() === 'true';
}

export function stringParam(raw: string | string[] | undefined): string | undefined {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === '' ? undefined : value;
}

/** Sort by a PascalCase property of the wire objects (SortProperty / SortDescending). */
export function sortItems<T extends object>(
  items: T[],
  property: string | undefined,
  descending: boolean,
): T[] {
  if (!property) return descending ? [...items].reverse() : items;
  const key = Object.keys(items[0] ?? {}).find(
    (name) => name.toLowerCase() === property.toLowerCase(),
  );
  if (!key) return items;
  const sorted = [...items].sort((a, b) => {
    const left = (a as Record<string, string | number | boolean | undefined>)[key];
    const right = (b as Record<string, string | number | boolean | undefined>)[key];
    return String(left ?? '').localeCompare(String(right ?? ''), 'en', { numeric: true });
  });
  return descending ? sorted.reverse() : sorted;
}
