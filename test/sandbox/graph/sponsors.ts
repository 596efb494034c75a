// invitedUserSponsors on POST /invitations (v1.0), as Microsoft Learn documents them:
// - sponsors are users or groups, "a maximum of five sponsors to a single guest user";
// - "If there are no sponsors in the payload, the inviter will be stamped as the sponsor."
//   (https://learn.microsoft.com/entra/external-id/b2b-sponsors)
// The exact error texts are not documented: *guess* 400 Request_BadRequest for the shape and the count, and 404
// Request_ResourceNotFound for an id that is not in the directory.
import { GraphError, badRequest } from './errors';
import type { Json, JsonObject } from './model';
import type { DirectoryStore } from './store';

export const MAX_SPONSORS = 5;

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The sponsor ids an invitation names (the inviter when it names none); throws Graph's error for a bad list. */
export function invitationSponsors(store: DirectoryStore, body: JsonObject, inviterId: string): string[] {
  const raw = body.invitedUserSponsors;
  if (raw === undefined || raw === null) return [inviterId];
  if (!Array.isArray(raw)) throw badRequest("The property 'invitedUserSponsors' must be an array.", 'Request_BadRequest');
  if (raw.length > MAX_SPONSORS) throw badRequest(`A maximum of ${MAX_SPONSORS} sponsors can be assigned to a guest user.`, 'Request_BadRequest');
  const ids: string[] = [];
  for (const s of raw) {
    const id = isObject(s) ? s.id : undefined;
    if (typeof id !== 'string' || id === '') throw badRequest("Each of 'invitedUserSponsors' needs an 'id'.", 'Request_BadRequest');
    const user = store.users.find((u) => u.id.toLowerCase() === id.toLowerCase());
    if (!user) throw new GraphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
    if (!ids.some((x) => x.toLowerCase() === user.id.toLowerCase())) ids.push(user.id);
  }
  return ids.length > 0 ? ids : [inviterId];
}

const SPONSORS = new WeakMap<DirectoryStore, Map<string, string[]>>();

/** Records the sponsors an invitation set on its user (kept beside the store, keyed by lower-case user id). */
export function setSponsors(store: DirectoryStore, userId: string, sponsorIds: readonly string[]): void {
  let map = SPONSORS.get(store);
  if (!map) SPONSORS.set(store, (map = new Map()));
  map.set(userId.toLowerCase(), [...sponsorIds]);
}

/** The sponsors of a user as the emulator has them ([] when none were ever set). */
export function sponsorsOf(store: DirectoryStore, userId: string): string[] {
  return [...(SPONSORS.get(store)?.get(userId.toLowerCase()) ?? [])];
}
