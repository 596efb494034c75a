// The undo review's one read of its own: every directory role each user holds. Learn's known issue ("a user cannot be
// converted if they have a role assigned") is about any role, not only the privileged ones the conversion review
// checks, so the roles are read per user: `principalId in` 15 at a time, all in $batch calls.
import type { GraphApi } from './graph/client';
import { chunk, graphPath, inFilter, MAX_IN_VALUES, ROLE_ASSIGNMENT_SELECT, toRoleAssignment } from './graph/queries';

/** Role definition ids per lower-case user id; undefined for a user whose roles could not be read (never "none"). */
export async function rolesOfUsers(graph: GraphApi, userIds: readonly string[]): Promise<Map<string, string[] | undefined>> {
  const ids = [...new Set(userIds.map((id) => id.toLowerCase()))];
  const chunks = chunk(ids, MAX_IN_VALUES);
  const results = await graph.batch(
    chunks.map((c) => ({
      method: 'GET' as const,
      url: graphPath('/roleManagement/directory/roleAssignments', [
        ['$filter', inFilter('principalId', c)],
        ['$select', ROLE_ASSIGNMENT_SELECT],
      ]),
    })),
  );
  const out = new Map<string, string[] | undefined>();
  for (const [i, result] of results.entries()) {
    const ofChunk = chunks[i] ?? [];
    if (result.error !== undefined) {
      for (const id of ofChunk) out.set(id, undefined);
      continue;
    }
    for (const id of ofChunk) out.set(id, []);
    for (const a of await graph.collect(result.body, toRoleAssignment)) out.get(a.principalId.toLowerCase())?.push(a.roleDefinitionId.toLowerCase());
  }
  return out;
}
