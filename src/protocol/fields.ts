// The small field schemas every domain of the protocol shares, and the proof that a schema says exactly what the
// engine's or the rules' own type says (`Same`): a wire type that drifts from its source fails type-checking.
import { z } from '../zod';
import { SCOPE_TIERS } from '../scopes';

export const objectId = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'not an object id');
export const jobId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'not a job id');
export const shortText = (max: number) => z.string().max(max);
export const email = z.string().min(3).max(320);
export const scopeTier = z.enum(SCOPE_TIERS);
export const tabId = z.number().int().nonnegative();

/** At most this many users in one job or pre-flight: bounded work, bounded storage per request. */
export const MAX_USERS_PER_JOB = 50_000;

/** True only when A and B are the same type (each assignable to the other). */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** `const _: Proof<Same<X, Y>> = true` compiles only when X and Y agree. */
export type Proof<T extends true> = T;

/** A schema for a value the worker builds itself with one of the rules' own types (never re-validated field by field). */
export function built<T>(what: string, looksRight: (v: object) => boolean = () => true) {
  return z.custom<T>((v) => typeof v === 'object' && v !== null && looksRight(v), `not ${what}`);
}
