import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { JobItemRow as JobItemView } from '../../src/messages';
import { CSV_COLUMNS, csvFileName, csvRow, fetchAllItems, guardCell, parseJobCsv, toCsv, unguardCell } from '../../popup/lib/csv';

const job = { id: 'job-abc123', tenantId: '11111111-2222-3333-4444-555555555555', ranBy: 'admin@contoso.com', createdAt: Date.UTC(2026, 10, 27) };

const item = (o: Partial<JobItemView>): JobItemView => ({
  userId: 'aaaaaaaa-0000-0000-0000-000000000001',
  userPrincipalName: 'ada@contoso.com',
  displayName: 'Ada Lovelace',
  email: 'ada@fabrikam.example',
  state: 'done',
  ...o,
});

const hostile = [
  item({ displayName: '=HYPERLINK("http://evil","click")', email: 'x@y.example' }),
  item({ displayName: '+cmd|\' /C calc\'!A0' }),
  item({ displayName: '-2+3' }),
  item({ displayName: '@SUM(A1:A9)' }),
  item({ displayName: '\tleading tab' }),
  item({ displayName: '\rleading CR' }),
  item({ displayName: "'already quoted" }),
  item({ displayName: "'=quoted formula" }),
  item({ displayName: 'comma, "quotes" and\nnewline' }),
  item({ displayName: '<img src=x onerror=alert(1)>' }),
  item({ displayName: '\u202Eevil RTL override\u202C', userPrincipalName: 'ú.ñicode@contoso.com' }),
  item({ displayName: 'x'.repeat(300) }),
  item({
    state: 'failed',
    errorCode: 'BadRequest',
    errorMessage: "The email you're using to invite this user doesn't match any emails on the user object.",
    requestId: 'req-1',
    updatedAt: Date.UTC(2026, 10, 27, 10, 0, 0),
    externalUserState: null,
  }),
  item({
    externalUserState: 'Accepted',
    externalUserStateChangeDateTime: '2026-11-27T11:00:00Z',
    updatedAt: Date.UTC(2026, 10, 27, 10, 0, 1),
    inviteRedeemUrl: 'https://login.microsoftonline.com/redeem?x=1',
  }),
];

describe('CSV export', () => {
  it('has the auditor columns in order', () => {
    const text = toCsv([csvRow(job, hostile[12]!)]);
    const header = text.replace(/^\uFEFF/, '').split('\r\n')[0];
    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(CSV_COLUMNS).toEqual([
      'userId', 'userPrincipalName', 'displayName', 'email', 'result', 'graphErrorCode', 'graphErrorMessage',
      'requestId', 'time', 'invitationState', 'invitationStateChangedAt', 'jobId', 'tenantId', 'ranBy',
    ]);
  });

  it('fills each column from the item and the job, times in ISO', () => {
    const failed = csvRow(job, hostile[12]!);
    expect(failed).toMatchObject({
      result: 'failed',
      graphErrorCode: 'BadRequest',
      requestId: 'req-1',
      time: '2026-11-27T10:00:00.000Z',
      invitationState: '',
      jobId: 'job-abc123',
      tenantId: job.tenantId,
      ranBy: 'admin@contoso.com',
    });
    expect(csvRow(job, hostile[13]!).invitationStateChangedAt).toBe('2026-11-27T11:00:00.000Z');
  });

  it('guards every formula trigger and nothing else', () => {
    for (const v of ['=1', '+1', '-1', '@a', '\tx', '\rx', "'x"]) expect(guardCell(v)).toBe(`'${v}`);
    for (const v of ['', 'a=1', 'Ada', ' =1', '1-1']) expect(guardCell(v)).toBe(v);
    for (const v of ['=1', "'x", "'=x", 'plain', '']) expect(unguardCell(guardCell(v))).toBe(v);
  });

  it('no raw cell of the file starts with a formula trigger', () => {
    const text = toCsv(hostile.map((i) => csvRow(job, i)));
    const raw = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    for (const row of raw.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('parses back to the same rows (minus the guard)', () => {
    const rows = hostile.map((i) => csvRow(job, i));
    expect(parseJobCsv(toCsv(rows))).toEqual(rows);
  });

  it('names the file after the job and day', () => {
    expect(csvFileName(job)).toBe('b2b-convert-job-abc123-2026-11-27.csv');
  });

  it('reads every page of a job', async () => {
    const all = Array.from({ length: 2345 }, (_, i) => item({ userId: `id-${i}` }));
    const calls: number[] = [];
    const got = await fetchAllItems(async (offset, limit) => {
      calls.push(offset);
      return { total: all.length, items: all.slice(offset, offset + limit) };
    });
    expect(got).toHaveLength(2345);
    expect(calls).toEqual([0, 1000, 2000]);
  });
});
