// POST /v1.0/$batch: JSON batching. The envelope is validated as a whole (400 for a malformed batch);
// each item then runs as its own request (own auth, faults, throttling) and gets its own status.
import { randomUUID } from 'node:crypto';
import { GraphError, JSON_TYPE, badRequest, errorResponse } from './errors';
import type { GraphRequest, GraphResponse, Json, JsonObject, LoggedInnerRequest } from './model';
import { shuffle } from '../random';
import { dispatchLeaf, type Core } from './router';

export const MAX_BATCH = 20;
const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

interface Item {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Json | undefined;
  dependsOn: string[];
}

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseItems(body: Json | undefined): Item[] {
  if (!isObject(body) || !Array.isArray(body.requests)) throw badRequest('Invalid batch payload format.');
  const raw = body.requests;
  if (raw.length === 0) throw badRequest('Invalid batch payload format: the batch contains no requests.');
  if (raw.length > MAX_BATCH) throw badRequest(`The number of batch requests exceeds the limit of ${MAX_BATCH}.`);
  const items: Item[] = [];
  const seen = new Set<string>();
  for (const r of raw) {
    if (!isObject(r)) throw badRequest('Invalid batch payload format.');
    const id = typeof r.id === 'number' ? String(r.id) : r.id;
    if (typeof id !== 'string' || id === '') throw badRequest('Batch request is missing the required id property.');
    if (seen.has(id)) throw badRequest(`Batch request contains duplicate id '${id}'. Request ids must be unique.`);
    seen.add(id);
    if (typeof r.method !== 'string' || !METHODS.has(r.method.toUpperCase())) {
      throw badRequest(`Invalid or missing method in batch request id ${id}.`);
    }
    if (typeof r.url !== 'string' || r.url === '') throw badRequest(`Missing url in batch request id ${id}.`);
    // Batch urls are relative to the version root; an absolute url is a malformed batch.
    if (/^[a-z][a-z0-9+.-]*:/i.test(r.url) || r.url.startsWith('//')) {
      throw badRequest(`Invalid request url in batch request id ${id}: urls must be relative.`);
    }
    const headers: Record<string, string> = {};
    if (r.headers !== undefined && r.headers !== null) {
      if (!isObject(r.headers)) throw badRequest(`Invalid headers in batch request id ${id}.`);
      for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = String(v);
    }
    let dependsOn: string[] = [];
    if (r.dependsOn !== undefined && r.dependsOn !== null) {
      if (!Array.isArray(r.dependsOn) || !r.dependsOn.every((d) => typeof d === 'string')) {
        throw badRequest(`Invalid dependsOn in batch request id ${id}.`);
      }
      dependsOn = r.dependsOn as string[];
    }
    items.push({ id, method: r.method.toUpperCase(), url: r.url, headers, body: r.body ?? undefined, dependsOn });
  }
  for (const it of items) {
    for (const d of it.dependsOn) {
      if (!seen.has(d) || d === it.id) throw badRequest(`Batch request id ${it.id} depends on unknown request id '${d}'.`);
    }
  }
  return items;
}

/**
 * Graph accepts three dependency patterns only (https://learn.microsoft.com/en-us/graph/json-batching, "Sequencing
 * requests with the dependsOn property"): parallel (no dependsOn), sequential (each item depends on the one listed
 * before it) and same (every item that depends names the same single request).
 */
function checkDependencyPattern(items: Item[]): void {
  if (items.every((i) => i.dependsOn.length === 0)) return;
  const sequential = items.every((it, k) => (k === 0 ? it.dependsOn.length === 0 : it.dependsOn.length === 1 && it.dependsOn[0] === items[k - 1]?.id));
  if (sequential) return;
  const named = new Set(items.flatMap((i) => i.dependsOn));
  const same = named.size === 1 && items.every((i) => i.dependsOn.length <= 1);
  if (same) return;
  throw badRequest('Batch requests may only be all parallel, all sequential, or all depend on the same request.');
}

/** Listed order, except an item waits for its dependencies; a cycle makes the batch invalid. */
function executionOrder(items: Item[]): Item[] {
  const done = new Set<string>();
  const order: Item[] = [];
  while (order.length < items.length) {
    const next = items.find((i) => !done.has(i.id) && i.dependsOn.every((d) => done.has(d)));
    if (!next) throw badRequest('Batch request dependencies form a cycle.');
    done.add(next.id);
    order.push(next);
  }
  return order;
}

export interface BatchResult {
  response: GraphResponse;
  inner: LoggedInnerRequest[];
  drop: boolean;
}

export function runBatch(
  core: Core,
  outer: GraphRequest,
  ids: { requestId: string; clientRequestId: string },
  rand: () => number,
  shuffleResponses: boolean,
): BatchResult {
  const parsed = parseItems(outer.body);
  checkDependencyPattern(parsed);
  const items = executionOrder(parsed);
  const statusById = new Map<string, number>();
  const responses: JsonObject[] = [];
  const inner: LoggedInnerRequest[] = [];
  let drop = false;

  for (const it of items) {
    const itemIds = { requestId: randomUUID(), clientRequestId: it.headers['client-request-id'] ?? ids.clientRequestId };
    let res: GraphResponse;
    if (it.dependsOn.some((d) => (statusById.get(d) ?? 0) >= 400)) {
      res = errorResponse(
        new GraphError(424, 'FailedDependency', 'The request was not attempted because of a failed dependency.'),
        { nowMs: core.clock(), ...itemIds },
      );
    } else if (it.body !== undefined && !it.headers['content-type']) {
      res = errorResponse(badRequest(`Write request id : ${it.id} does not contain Content-Type header or body.`), {
        nowMs: core.clock(),
        ...itemIds,
      });
    } else {
      const u = new URL(it.url.startsWith('/') ? it.url : `/${it.url}`, 'https://graph.microsoft.com');
      // Items are relative to the envelope's version: /beta/$batch runs beta requests.
      const version = /^\/beta\//i.test(outer.path) ? '/beta' : '/v1.0';
      const path = `${version}${u.pathname}`;
      if (/^\/(v1\.0|beta)\/\$batch\/?$/i.test(path)) {
        res = errorResponse(badRequest('Nested batch requests are not supported.'), { nowMs: core.clock(), ...itemIds });
      } else {
        const req: GraphRequest = {
          method: it.method,
          path,
          query: u.searchParams,
          // Items carry their own headers; the envelope's token authenticates them all.
          headers: { ...it.headers, ...(outer.headers['authorization'] ? { authorization: outer.headers['authorization'] } : {}) },
          body: it.body,
          inBatch: true,
        };
        const leaf = dispatchLeaf(core, req, itemIds, !drop);
        res = leaf.response;
        drop ||= leaf.drop;
      }
    }
    statusById.set(it.id, res.status);
    // An item without content (204) still carries "body": null, as Graph writes it.
    const entry: JsonObject = { id: it.id, status: res.status, headers: res.headers, body: res.body ?? null };
    responses.push(entry);
    inner.push({
      id: it.id,
      method: it.method,
      url: it.url,
      headers: it.headers,
      body: it.body,
      status: res.status,
      responseHeaders: res.headers,
      responseBody: res.body,
    });
  }

  return {
    response: {
      status: 200,
      headers: { 'Content-Type': JSON_TYPE },
      // Graph returns items in no particular order; clients must match by id.
      body: { responses: shuffleResponses ? shuffle(responses, rand) : responses },
    },
    inner,
    drop,
  };
}
