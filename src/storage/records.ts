// A zod schema per worker-owned record, and the types inferred from them. Reading checks the record: one written
// by a newer or broken version is treated as absent (the worker rebuilds it: a refresh, a new report), never
// trusted as a shape it is not.
import { z } from '../zod';

/** Invitation state per user id (lower case): [externalUserState, externalUserStateChangeDateTime]. */
export const statusRecordSchema = z.record(z.string(), z.tuple([z.string().nullable(), z.string().nullable()]));
export type StatusRecord = z.infer<typeof statusRecordSchema>;

export const followUpRecordSchema = z.object({
  userId: z.string(),
  action: z.enum(['resetRedemption', 'setGuest']),
  at: z.number(),
  status: z.number(),
  code: z.string().optional(),
  message: z.string().optional(),
  requestId: z.string().optional(),
  inviteRedeemUrl: z.string().optional(),
});
export type FollowUpRecord = z.infer<typeof followUpRecordSchema>;
export const followUpsSchema = z.array(followUpRecordSchema);

/** The newest follow-ups kept per job (bounded: a job of 50,000 users retried twice stays a few MB). */
export const FOLLOW_UPS_KEPT = 5000;

export const jobTabSchema = z.number().int();

/** The undo feature's switch (off when absent or unreadable). */
export const undoFeatureSchema = z.object({ enabled: z.boolean() });

/** What one frame's content scripts found. */
export const frameReportSchema = z.object({
  recognized: z.boolean(),
  layout: z.string().optional(),
  missing: z.array(z.string()).optional(),
});
/** What a tab's content scripts found, by frame id (the top page and the React-view frame report separately). */
export const tabRecordSchema = z.object({
  frames: z.record(z.string(), frameReportSchema),
  tenantHint: z.string().optional(),
});
export type TabRecord = z.infer<typeof tabRecordSchema>;

/** The value if it has the schema's shape, else undefined (absent or unreadable: the same to the reader). */
export function parsed<T>(schema: z.ZodType<T>, raw: unknown): T | undefined {
  if (raw === undefined) return undefined;
  const result = schema.safeParse(raw);
  return result.success ? result.data : undefined;
}
