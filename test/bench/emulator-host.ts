// Child-process entry: the Graph emulator (test/sandbox/graph) behind a plain HTTP server on
// 127.0.0.1:<random port>, mounted as its own tests do (test/sandbox/graph/harness.ts): the body is read
// in full first, and the URL is rebuilt on graph.microsoft.com because the emulator routes by Graph's paths.
//
// Why a separate process: the emulator is O(tenant size) per invitation and per read (linear user scans):
// ~10 ms of CPU per $batch of 20 invitations at 10,000 users, ~0.4 s per $batch of 20 `id in` reads. In
// the engine's process that CPU would stall the engine's timers; here it runs on the other core, and the
// engine sees it only as Graph being slower (the bench prints how much: CPU per $batch, stamp lag).
//
// Time: the emulator gets the engine's scaled clock. Its invitation window (150 per 5,000 ms) and every
// Retry-After it sends are then in engine time, which is what the engine's pacer and backoff read. (The
// real clock with a 5000/k ms window throttles identically, but its Retry-After values would be real
// seconds that the engine reads as engine seconds: k times too short.) Latency is a real setTimeout in
// the emulator, so it is passed already divided by k.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGraphEmulator } from '../sandbox/graph/index';
import { TokenSigner } from '../sandbox/tokens';
import { engineNow } from './clock';
import type { HostReply, HostRequest, HostStart, Traffic } from './emulator-protocol';
import { adminClaims, benchTenant, userId } from './tenant';

const INVITATIONS = /\/invitations$/i;

function start(o: HostStart): void {
  const now = engineNow(o.originReal, o.scale);
  const signer = new TokenSigner();
  const emulator = createGraphEmulator({
    tenant: benchTenant(o.users),
    signer,
    clock: now,
    inviteLimit: { max: 150, windowMs: 5_000 },
    faults: { latencyMs: o.latencyMs / o.scale },
  });
  let cpuAtReset = process.cpuUsage();
  let realAtReset = performance.now();

  const traffic = (): Traffic => {
    const t: Traffic = { httpRequests: 0, batchItems: 0, requests: 0, throttled: 0, invitations: 0, throttledInvitations: 0, cpuMs: 0, cpuShare: 0 };
    for (const entry of emulator.requestLog()) {
      t.httpRequests += 1;
      t.requests += 1;
      if (entry.status === 429) t.throttled += 1;
      if (INVITATIONS.test(entry.path.split('?')[0] ?? '')) {
        t.invitations += 1;
        if (entry.status === 429) t.throttledInvitations += 1;
      }
      for (const item of entry.inner ?? []) {
        t.batchItems += 1;
        t.requests += 1;
        if (item.status === 429) t.throttled += 1;
        if (INVITATIONS.test(item.url.split('?')[0] ?? '')) {
          t.invitations += 1;
          if (item.status === 429) t.throttledInvitations += 1;
        }
      }
    }
    const cpu = process.cpuUsage(cpuAtReset);
    t.cpuMs = (cpu.user + cpu.system) / 1000;
    t.cpuShare = t.cpuMs / Math.max(1, performance.now() - realAtReset);
    return t;
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'https://graph.microsoft.com');
      void Promise.resolve(emulator.handle(req, res, url, Buffer.concat(chunks))).catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500).end(String(e));
      });
    });
  });

  const reply = (message: HostReply): void => {
    process.send?.(message);
  };

  process.on('message', (raw) => {
    const request = raw as HostRequest;
    switch (request.type) {
      case 'traffic':
        return reply({ type: 'traffic', seq: request.seq, traffic: traffic() });
      case 'reset':
        emulator.clearLog();
        cpuAtReset = process.cpuUsage();
        realAtReset = performance.now();
        return reply({ type: 'done', seq: request.seq });
      case 'invitations': {
        // Straight from the emulator's own per-user count, for every user of the tenant.
        const counts = Array.from({ length: o.users }, (_, i) => emulator.invitationCount(userId(i)));
        const index = new Map(Array.from({ length: o.users }, (_, i) => [userId(i), i] as const));
        const appliedAt = new Array<number>(o.users).fill(-1);
        const records = emulator.state().invitations;
        for (const record of records) {
          const i = index.get(record.userId);
          if (i !== undefined) appliedAt[i] = record.at;
        }
        return reply({ type: 'invitations', seq: request.seq, counts, appliedAt, recorded: records.length });
      }
      case 'close':
        server.closeAllConnections();
        server.close(() => {
          reply({ type: 'done', seq: request.seq });
          process.disconnect();
        });
        return;
    }
  });

  server.listen(0, '127.0.0.1', () => {
    const port = (server.address() as AddressInfo).port;
    reply({ type: 'ready', apiRoot: `http://127.0.0.1:${port}/v1.0`, token: signer.sign(adminClaims(now())), adminUserId: emulator.state().adminUserId });
  });
}

process.once('message', (raw) => start(raw as HostStart));
// The bench died or finished: nothing is left to serve.
process.once('disconnect', () => process.exit(0));
