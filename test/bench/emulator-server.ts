// The parent's handle on the Graph emulator running in a child process (emulator-host.ts): where to send
// Graph requests, a token for the admin, and the emulator's own accounts of what it saw.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SharedClock } from './clock';
import type { HostReply, HostRequest, HostStart, Traffic } from './emulator-protocol';

export type { Traffic } from './emulator-protocol';

export interface InvitationCounts {
  /** Per user index of the tenant: emulator.invitationCount(id). */
  counts: number[];
  /** Per user index: engine time at which the emulator counted the (last) invitation against its limit; -1 if none. */
  appliedAt: number[];
  /** Invitation records the emulator holds in total. */
  recorded: number;
}

/** Users from..to-1 by how many invitations the emulator recorded for them. */
export function tally(counts: readonly number[], from: number, to: number): { once: number; never: number; more: number } {
  const t = { once: 0, never: 0, more: 0 };
  for (let i = from; i < to; i++) {
    const c = counts[i] ?? 0;
    if (c === 1) t.once += 1;
    else if (c === 0) t.never += 1;
    else t.more += 1;
  }
  return t;
}

export interface EmulatorServer {
  /** e.g. http://127.0.0.1:53211/v1.0 — GraphApi's apiRoot. */
  apiRoot: string;
  token: string;
  adminUserId: string;
  /** Traffic since the last reset. */
  traffic(): Promise<Traffic>;
  /** Clears the request log (and the CPU baseline) so the next phase is counted alone. */
  reset(): Promise<void>;
  invitations(): Promise<InvitationCounts>;
  close(): Promise<void>;
}

type Reply<T extends HostReply['type']> = Extract<HostReply, { type: T }>;

export async function startEmulator(users: number, shared: SharedClock, latencyMs = 200): Promise<EmulatorServer> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./emulator-host.ts', import.meta.url)), [], {
    // tsx's loader flags, so the child runs TypeScript the same way.
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (reply: HostReply) => void>();
  let seq = 0;
  let onReady: ((reply: Reply<'ready'>) => void) | undefined;
  child.on('message', (raw) => {
    const reply = raw as HostReply;
    if (reply.type === 'ready') return onReady?.(reply);
    waiting.get(reply.seq)?.(reply);
    waiting.delete(reply.seq);
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`emulator host exited (${String(code)})`))));
  exited.catch(() => undefined);

  const ask = <T extends HostReply['type']>(type: HostRequest['type']): Promise<Reply<T>> => {
    const request = { type, seq: ++seq } as HostRequest;
    const answer = new Promise<Reply<T>>((resolve) => waiting.set(request.seq, (r) => resolve(r as Reply<T>)));
    child.send(request);
    return Promise.race([answer, exited]);
  };

  const readyReply = new Promise<Reply<'ready'>>((resolve) => (onReady = resolve));
  const start: HostStart = { users, scale: shared.scale, originReal: shared.originReal, latencyMs };
  child.send(start);
  const ready = await Promise.race([readyReply, exited]);

  return {
    apiRoot: ready.apiRoot,
    token: ready.token,
    adminUserId: ready.adminUserId,
    traffic: async () => (await ask<'traffic'>('traffic')).traffic,
    reset: async () => {
      await ask<'done'>('reset');
    },
    invitations: async () => {
      const r = await ask<'invitations'>('invitations');
      return { counts: r.counts, appliedAt: r.appliedAt, recorded: r.recorded };
    },
    close: async () => {
      await ask<'done'>('close').catch(() => undefined);
      if (child.exitCode === null) child.kill();
    },
  };
}
