import { describe, expect, it } from 'vitest';
import type { ItemState } from '../../src/jobs';
import {
  decodeHeader,
  decodeItemChunk,
  decodeState,
  decodeStateChunk,
  encodeItemChunk,
  encodeState,
  encodeStateChunk,
  SchemaError,
  SCHEMA_VERSION,
  UnsupportedSchemaVersionError,
  upgradeRecord,
} from '../../src/jobs/schema';
import { jobItems } from '../support/jobs/harness';

describe('schema', () => {
  it('round-trips items and states through their compact tuples', () => {
    const items = jobItems(3, { addToOtherMails: true }).map((i, k) => ({ ...i, setGuest: k === 1 }));
    expect(decodeItemChunk(JSON.parse(JSON.stringify(encodeItemChunk(items))), 'items')).toEqual(items);
    const states: ItemState[] = [
      { status: 'queued', sent: false, attempt: 0, steps: 0, round: 0, updatedAt: 1 },
      { status: 'inviting', sent: true, attempt: 2, steps: 1, round: 1, updatedAt: 2, reason: { status: 503, code: 'ServiceUnavailable', message: 'x', requestId: 'r' } },
      { status: 'failed', sent: false, attempt: 5, steps: 0, round: 0, updatedAt: 3, reason: { status: 400, code: 'BadRequest', message: 'y' } },
    ];
    expect(decodeStateChunk(JSON.parse(JSON.stringify(encodeStateChunk(states))), 'states')).toEqual(states);
  });

  it('keeps a state small (it is rewritten with its chunk on every transition)', () => {
    const tuple = encodeState({ status: 'settingType', sent: true, attempt: 1, steps: 3, round: 0, updatedAt: 1_790_000_000_000 });
    expect(JSON.stringify(tuple).length).toBeLessThan(40);
  });

  it('refuses records written by a newer engine, and malformed ones', () => {
    expect(() => upgradeRecord({ v: SCHEMA_VERSION + 1 }, 'x')).toThrow(UnsupportedSchemaVersionError);
    expect(() => upgradeRecord({}, 'x')).toThrow(SchemaError);
    expect(() => upgradeRecord('nope', 'x')).toThrow(SchemaError);
    expect(() => decodeState(['flying', 0, 0, 0, 0, 0], 's')).toThrow(SchemaError);
    expect(() => decodeHeader({ v: 1, id: 'j' }, 'h')).toThrow(SchemaError);
  });

  it('migrates old records step by step', () => {
    const migrations = {
      1: (r: Record<string, unknown>) => ({ ...r, b: 'added in v2' }),
      2: (r: Record<string, unknown>) => ({ ...r, c: String(r.b).toUpperCase() }),
    };
    expect(upgradeRecord({ v: 1, a: 1 }, 'x', migrations, 3)).toEqual({ v: 3, a: 1, b: 'added in v2', c: 'ADDED IN V2' });
    expect(() => upgradeRecord({ v: 0 }, 'x', migrations, 3)).toThrow(/no migration from schema v0/);
  });
});
