// A local stand-in for the CLB API (and STS, for keyless login): verifies TC3 signatures,
// plays scripted task timelines, injects faults and enforces the per-account rate limit.
// Used by the integration tests, `npm run demo`, `npm run bench` and the CI workflow.
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { createGzip } from 'node:zlib';
import { verifyTc3, type Account } from './verify.ts';

export interface FakeTask {
  /** Time after creation when the task leaves status 2. Infinity: never. */
  finishAfterMs: number;
  /**
   * Or: the task leaves status 2 on this poll (1 = the first). Drives a test by the
   * simulator instead of the wall clock, so a slow, loaded machine gives the same answers.
   */
  finishAfterPolls?: number;
  /** 0 succeeded (default) or 1 failed. */
  outcome?: 0 | 1;
  message?: string | null;
  /** null is sent as JSON null, as the real API sometimes does. */
  loadBalancerIds?: string[] | null;
}

export type FaultKind =
  | { type: 'http'; status: number; body?: string }
  | { type: 'garbage' }
  | { type: 'hang' }
  | { type: 'reset' }
  | { type: 'error'; code: string; message?: string }
  // Hostile answers, as a proxy, captive portal or compromised endpoint could send them:
  /** Any status, headers and body, sent as given. */
  | { type: 'raw'; status: number; headers?: Record<string, string>; body?: string }
  /** A 200 API answer whose Response object is exactly this (no RequestId added). */
  | { type: 'answer'; response: unknown }
  /** HTTP 400 whose body echoes the request headers, Authorization included (a misconfigured gateway). */
  | { type: 'echo-headers' }
  /** A small gzip body that inflates to `inflatedBytes` of zeros. */
  | { type: 'gzip-bomb'; inflatedBytes: number }
  /** A 200 body that never ends, sent as fast as the client reads it. */
  | { type: 'endless' };

export interface Fault {
  fault: FaultKind;
  /** How many matching requests get it (default 1). */
  times?: number;
  /** Only requests for this TaskId / DealName. */
  taskId?: string;
}

export interface LoggedRequest {
  at: number;
  action: string;
  taskId: string | undefined;
  secretId: string | undefined;
  /** 'ok', an error code, or 'fault:<type>'. */
  result: string;
  headers: Record<string, string | string[] | undefined>;
  /** The client's port: tells a proxy's connection from a direct one. */
  remotePort: number | undefined;
}

export interface FakeClbOptions {
  accounts?: Record<string, Account>;
  /** Requests per second per account (default 20, as DescribeTaskStatus). */
  rateLimit?: number;
  /** Shifts the server clock, to provoke AuthFailure.SignatureExpire. */
  clockSkewMs?: number;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Serve HTTPS with this key and certificate (PEM), as the real endpoint does. */
  tls?: { key: string; cert: string };
  /**
   * Send every field, always. By default answers take the shapes Tencent publishes: fields
   * with nothing to say are left out (see tencent-samples and test/fixtures/tencent).
   */
  fullFields?: boolean;
}

export const TEST_ACCOUNT = { secretId: 'AKIDsimulatorEXAMPLE', secretKey: 'simulatorSecretKeyEXAMPLE' } as const;

export interface FakeClb {
  url: string;
  port: number;
  accounts: Map<string, Account>;
  requests: LoggedRequest[];
  /** As FakeClbOptions.fullFields. */
  fullFields: boolean;
  addTask(id: string, task: FakeTask): void;
  addFault(fault: Fault): void;
  /** Action name → handler; tests and the STS stand-in add their own. */
  handlers: Map<string, (params: Record<string, unknown>, req: IncomingMessage) => object | Promise<object>>;
  /** Non-API routes, `GET /path` → handler (the fake GitHub ID token service). */
  routes: Map<string, (url: URL, req: IncomingMessage) => { status: number; body: object | string }>;
  close(): Promise<void>;
}

interface TaskRecord extends FakeTask {
  createdAt: number;
  polls: number;
}

/** Everything one simulator keeps between requests. */
interface SimState {
  options: FakeClbOptions;
  accounts: Map<string, Account>;
  rateLimit: number;
  tasks: Map<string, TaskRecord>;
  faults: Fault[];
  requests: LoggedRequest[];
  /** Account → arrival times in the last second. */
  served: Map<string, number[]>;
  handlers: FakeClb['handlers'];
  routes: FakeClb['routes'];
}

export async function startFakeClb(options: FakeClbOptions = {}): Promise<FakeClb> {
  const state = newState(options);
  state.handlers.set('DescribeTaskStatus', (params) => describeTaskStatus(state, params));
  const sockets = new Set<Socket>();
  const server = createSimServer(state, sockets);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    accounts: state.accounts,
    requests: state.requests,
    fullFields: options.fullFields ?? false,
    handlers: state.handlers,
    routes: state.routes,
    addTask: (id, task) => void state.tasks.set(id, { ...task, createdAt: Date.now(), polls: 0 }),
    addFault: (fault) => void state.faults.push({ ...fault }),
    close: () =>
      new Promise<void>((resolve) => {
        // Hung requests keep their sockets open; close() alone would wait for them forever.
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function newState(options: FakeClbOptions): SimState {
  return {
    options,
    accounts: new Map<string, Account>(
      Object.entries(options.accounts ?? { [TEST_ACCOUNT.secretId]: { secretKey: TEST_ACCOUNT.secretKey } }),
    ),
    rateLimit: options.rateLimit ?? 20,
    tasks: new Map(),
    faults: [],
    requests: [],
    served: new Map(),
    handlers: new Map(),
    routes: new Map(),
  };
}

/** An HTTP(S) server that reads each whole body, then handles the request; tracks sockets for close(). */
function createSimServer(state: SimState, sockets: Set<Socket>) {
  const listener: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handle(state, req, res, Buffer.concat(chunks).toString('utf8')));
  };
  const server = state.options.tls ? createTlsServer(state.options.tls, listener) : createServer(listener);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return server;
}

/** The CLB action: validates the task reference, counts the poll, answers with the task's status. */
function describeTaskStatus(state: SimState, params: Record<string, unknown>): object {
  const task = findTask(state.tasks, params);
  task.polls++;
  const done =
    task.finishAfterPolls !== undefined
      ? task.polls >= task.finishAfterPolls
      : Date.now() - task.createdAt >= task.finishAfterMs;
  const outcome = task.outcome ?? 0;
  const loadBalancerIds =
    done && outcome === 0 ? (task.loadBalancerIds === undefined ? ['lb-sim00001'] : task.loadBalancerIds) : null;
  const message = done ? (task.message ?? null) : null;
  const fullFields = state.options.fullFields;
  // Tencent's published example has neither LoadBalancerIds nor Message when they say nothing.
  return {
    Status: done ? outcome : 2,
    ...(loadBalancerIds !== null || fullFields ? { LoadBalancerIds: loadBalancerIds } : {}),
    ...(message !== null || fullFields ? { Message: message } : {}),
  };
}

/** The task named by TaskId or DealName, with the errors the real API gives for bad references. */
function findTask(tasks: Map<string, TaskRecord>, params: Record<string, unknown>): TaskRecord {
  const { TaskId, DealName } = params as { TaskId?: unknown; DealName?: unknown };
  if (TaskId !== undefined && DealName !== undefined)
    throw apiError('InvalidParameter', 'TaskId and DealName cannot both be set.');
  const id = TaskId ?? DealName;
  if (id === undefined) throw apiError('MissingParameter', 'The request is missing a required parameter `TaskId`.');
  if (typeof id !== 'string') throw apiError('InvalidParameterValue', 'TaskId must be a string.');
  const task = tasks.get(id);
  if (!task) throw apiError('InvalidParameter', `The task ${id} does not exist.`);
  return task;
}

/** One request: a plain route, else logged, then a queued fault or the API call itself. */
async function handle(state: SimState, req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake');
  const route = state.routes.get(`${req.method} ${url.pathname}`);
  if (route) {
    const { status, body: answer } = route(url, req);
    if (typeof answer === 'string') return void res.writeHead(status, { 'content-type': 'text/plain' }).end(answer);
    return void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }
  const params = parseParams(body);
  const entry = logRequest(state, req, params);
  const fault = takeFault(state.faults, entry.taskId);
  if (fault) return injectFault(fault, entry, req, res);
  try {
    reply(res, entry, await callApi(state, req, body, params, entry));
  } catch (err) {
    const e = err as { code?: string; message: string };
    if (!e.code) throw err; // a bug in the simulator or a handler, not an API error
    reply(res, entry, { Error: { Code: e.code, Message: e.message } });
  }
}

function parseParams(body: string): Record<string, unknown> {
  try {
    return JSON.parse(body || '{}');
  } catch {
    return {}; // answered later as an invalid request
  }
}

/** Records the request before anything can fail, so tests see every one. */
function logRequest(state: SimState, req: IncomingMessage, params: Record<string, unknown>): LoggedRequest {
  const taskId =
    typeof params.TaskId === 'string'
      ? params.TaskId
      : typeof params.DealName === 'string'
        ? params.DealName
        : undefined;
  const entry: LoggedRequest = {
    at: Date.now(),
    action: String(req.headers['x-tc-action'] ?? ''),
    taskId,
    secretId: undefined,
    result: 'ok',
    headers: req.headers,
    remotePort: req.socket.remotePort,
  };
  state.requests.push(entry);
  return entry;
}

/** The first queued fault that applies to this task, used up once its count runs out. */
function takeFault(faults: Fault[], taskId: string | undefined): Fault | undefined {
  const i = faults.findIndex((f) => !f.taskId || f.taskId === taskId);
  if (i < 0) return undefined;
  const f = faults[i];
  if ((f.times = (f.times ?? 1) - 1) <= 0) faults.splice(i, 1);
  return f;
}

function injectFault({ fault }: Fault, entry: LoggedRequest, req: IncomingMessage, res: ServerResponse): void {
  entry.result = `fault:${fault.type}`;
  if (fault.type === 'hang') return; // never answer; the socket stays open until close()
  if (fault.type === 'reset') return void req.socket.destroy();
  if (fault.type === 'garbage')
    return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>gateway</html>');
  if (fault.type === 'http') return void res.writeHead(fault.status).end(fault.body ?? 'Bad Gateway');
  if (fault.type !== 'error') return hostile(fault, req, res);
  return reply(res, entry, { Error: { Code: fault.code, Message: fault.message ?? 'injected fault' } });
}

/** Checks the request as the real API does (protocol, action, signature, rate), then runs the action. */
async function callApi(
  state: SimState,
  req: IncomingMessage,
  body: string,
  params: Record<string, unknown>,
  entry: LoggedRequest,
): Promise<object> {
  if (req.method !== 'POST' || (req.url ?? '/') !== '/') throw apiError('UnsupportedProtocol', 'Use POST /.');
  if (!/^application\/json/i.test(String(req.headers['content-type'] ?? '')))
    throw apiError('InvalidRequest', 'Content-Type must be application/json.');
  const handler = state.handlers.get(entry.action);
  if (!handler) throw apiError('InvalidAction', `The action ${entry.action || '(none)'} does not exist.`);
  // Authorization: SKIP is how Tencent takes unsigned calls (keyless login: the ID token is the proof).
  if (req.headers.authorization !== 'SKIP') {
    entry.secretId = verifySignature(state, req, body, entry.action);
    enforceRateLimit(state, entry.secretId, entry.at);
  }
  return handler(params, req);
}

/** The signing account's SecretId; throws the API's AuthFailure error otherwise. */
function verifySignature(state: SimState, req: IncomingMessage, body: string, action: string): string {
  const service = action.startsWith('AssumeRole') ? 'sts' : 'clb';
  const v = verifyTc3({
    headers: req.headers,
    body,
    service,
    nowMs: Date.now() + (state.options.clockSkewMs ?? 0),
    accounts: state.accounts,
  });
  if (!v.ok) throw apiError(v.code, v.message);
  return v.secretId;
}

/** Tencent limits each account to `rateLimit` requests in any one second, across all clients. */
function enforceRateLimit(state: SimState, secretId: string, at: number): void {
  const recent = (state.served.get(secretId) ?? []).filter((t) => t > at - 1000);
  if (recent.length >= state.rateLimit)
    throw apiError(
      'RequestLimitExceeded',
      'Your current request times equals to `20` in a second, which exceeds the frequency limit.',
    );
  state.served.set(secretId, [...recent, at]);
}

/** Wraps an answer as Response with a RequestId, and logs the error code if any. */
function reply(res: ServerResponse, entry: LoggedRequest, response: object): void {
  const error = (response as { Error?: { Code: string } }).Error;
  if (error) entry.result = entry.result.startsWith('fault') ? entry.result : error.Code;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ Response: { ...response, RequestId: randomUUID() } }));
}

type HostileFault = Exclude<FaultKind, { type: 'http' | 'garbage' | 'hang' | 'reset' | 'error' }>;

function hostile(fault: HostileFault, req: IncomingMessage, res: ServerResponse): void {
  switch (fault.type) {
    case 'raw':
      return void res.writeHead(fault.status, fault.headers).end(fault.body ?? '');
    case 'answer':
      return void res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ Response: fault.response }));
    case 'echo-headers':
      return void res
        .writeHead(400, { 'content-type': 'text/plain' })
        .end(`Bad request. You sent: ${JSON.stringify(req.headers)}`);
    case 'gzip-bomb': {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      const gzip = createGzip({ level: 9 });
      gzip.pipe(res);
      const zeros = Buffer.alloc(1024 * 1024);
      let left = fault.inflatedBytes;
      const more = () => {
        while (left > 0 && !res.destroyed) {
          left -= zeros.length;
          if (!gzip.write(zeros)) return void gzip.once('drain', more);
        }
        gzip.end();
      };
      res.on('close', () => gzip.destroy());
      return more();
    }
    case 'endless': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const more = () => {
        while (!res.destroyed) if (!res.write(chunk)) return void res.once('drain', more);
      };
      return more();
    }
  }
}

function apiError(code: string, message: string) {
  return Object.assign(new Error(message), { code });
}

/** Requests in the busiest one-second window. */
export function peakPerSecond(times: number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; j < t.length; j++) {
    while (t[j] - t[i] >= 1000) i++;
    peak = Math.max(peak, j - i + 1);
  }
  return peak;
}
