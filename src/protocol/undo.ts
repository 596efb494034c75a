// The protocol of Convert back to internal (preview, src/undo.ts): the feature's switch, the undo review's read of the
// users, and the submit. Extension pages only — the switch asks for a permission and the submit writes.
import { z } from '../zod';
import type { UndoPreview } from '../undo-review';
import { jobId, objectId, shortText, type Proof, type Same } from './fields';

/** At most this many users in one undo review: each gets a temporary password the admin hands over by hand. */
export const MAX_UNDO_USERS = 1_000;

export const undoRequests = {
  /** Whether the feature is on, and whether its permission was granted. */
  'undo/status': z.strictObject({}),
  /** The options page turns the feature on (which asks for its permission, then only) or off. */
  'undo/setEnabled': z.strictObject({ enabled: z.boolean() }),
  /** The undo review reads the users of a conversion job it is to convert back: rules applied, nothing written. */
  'undo/preview': z.strictObject({ jobId, userIds: z.array(objectId).min(1).max(MAX_UNDO_USERS) }),
  /**
   * Convert back to internal: per user, what Learn requires — for a cloud user the new UPN and a temporary password,
   * for a synced user nothing. The worker re-reads the users and re-applies every rule before the job is created.
   */
  'undo/submit': z.strictObject({
    jobId,
    expectedTenantId: objectId,
    items: z
      .array(z.strictObject({ userId: objectId, userPrincipalName: shortText(1024).optional(), password: z.string().min(8).max(256).optional() }))
      .min(1)
      .max(MAX_UNDO_USERS),
  }),
} as const;

export const undoStatusSchema = z.strictObject({
  /** The admin turned Convert back to internal on (options page). */
  enabled: z.boolean(),
  /** The signed-in account's grant carries the undo permission. */
  granted: z.boolean(),
});
export type UndoStatus = z.infer<typeof undoStatusSchema>;

const undoProblemSchema = z.strictObject({ code: z.string(), message: z.string() });
export const undoPreviewUserSchema = z.strictObject({
  id: z.string(),
  displayName: z.string(),
  userPrincipalName: z.string(),
  email: z.string(),
  externalUserState: z.string().nullable(),
  synced: z.boolean(),
  blocks: z.array(undoProblemSchema),
  proposedUpn: z.string(),
  rolesUnknown: z.boolean().optional(),
});
export const undoPreviewSchema = z.strictObject({
  jobId: z.string(),
  tenantId: z.string(),
  verifiedDomains: z.array(z.string()),
  users: z.array(undoPreviewUserSchema),
  missing: z.array(z.string()),
});
// The undo review's rules (src/undo-review.ts) build the preview; the wire says the same.
type _PreviewIsTheRules = Proof<Same<z.infer<typeof undoPreviewSchema>, UndoPreview>>;

export const undoReplies = {
  'undo/status': undoStatusSchema,
  'undo/setEnabled': undoStatusSchema,
  'undo/preview': undoPreviewSchema,
  'undo/submit': z.strictObject({ jobId: z.string() }),
} as const;
