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
  routes: Map<string, (url: URL, req: IncomingMessage) => { status: number; body: object }>;
  close(): Promise<void>;
}

interface TaskRecord extends FakeTask {
  createdAt: number;
  polls: number;
}

export async function startFakeClb(options: FakeClbOptions = {}): Promise<FakeClb> {
  const accounts = new Map<string, Account>(
    Object.entries(options.accounts ?? { [TEST_ACCOUNT.secretId]: { secretKey: TEST_ACCOUNT.secretKey } }),
  );
  const rateLimit = options.rateLimit ?? 20;
  const tasks = new Map<string, TaskRecord>();
  const faults: Fault[] = [];
  const requests: LoggedRequest[] = [];
  const served = new Map<string, number[]>(); // account → arrival times in the last second
  const sockets = new Set<Socket>();
  const handlers: FakeClb['handlers'] = new Map();
  const routes: FakeClb['routes'] = new Map();

  handlers.set('DescribeTaskStatus', (params) => {
    const { TaskId, DealName } = params as { TaskId?: unknown; DealName?: unknown };
    if (TaskId !== undefined && DealName !== undefined)
      throw apiError('InvalidParameter', 'TaskId and DealName cannot both be set.');
    const id = TaskId ?? DealName;
    if (id === undefined) throw apiError('MissingParameter', 'The request is missing a required parameter `TaskId`.');
    if (typeof id !== 'string') throw apiError('InvalidParameterValue', 'TaskId must be a string.');
    const task = tasks.get(id);
    if (!task) throw apiError('InvalidParameter', `The task ${id} does not exist.`);
    task.polls++;
    const done =
      task.finishAfterPolls !== undefined
        ? task.polls >= task.finishAfterPolls
        : Date.now() - task.createdAt >= task.finishAfterMs;
    const outcome = task.outcome ?? 0;
    const loadBalancerIds =
      done && outcome === 0 ? (task.loadBalancerIds === undefined ? ['lb-sim00001'] : task.loadBalancerIds) : null;
    const message = done ? (task.message ?? null) : null;
    // Tencent's published example has neither LoadBalancerIds nor Message when they say nothing.
    return {
      Status: done ? outcome : 2,
      ...(loadBalancerIds !== null || options.fullFields ? { LoadBalancerIds: loadBalancerIds } : {}),
      ...(message !== null || options.fullFields ? { Message: message } : {}),
    };
  });

  const listener: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handle(req, res, Buffer.concat(chunks).toString('utf8')));
  };
  const server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = routes.get(`${req.method} ${url.pathname}`);
    if (route) {
      const { status, body: json } = route(url, req);
      return void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    }
    const action = String(req.headers['x-tc-action'] ?? '');
    let params: Record<string, unknown> = {};
    try {
      params = JSON.parse(body || '{}');
    } catch {
      /* answered below as an invalid request */
    }
    const taskId =
      typeof params.TaskId === 'string'
        ? params.TaskId
        : typeof params.DealName === 'string'
          ? params.DealName
          : undefined;
    const entry: LoggedRequest = {
      at: Date.now(),
      action,
      taskId,
      secretId: undefined,
      result: 'ok',
      headers: req.headers,
      remotePort: req.socket.remotePort,
    };
    requests.push(entry);

    const i = faults.findIndex((f) => !f.taskId || f.taskId === taskId);
    if (i >= 0) {
      const f = faults[i];
      if ((f.times = (f.times ?? 1) - 1) <= 0) faults.splice(i, 1);
      entry.result = `fault:${f.fault.type}`;
      if (f.fault.type === 'hang') return; // never answer; the socket stays open until close()
      if (f.fault.type === 'reset') return void req.socket.destroy();
      if (f.fault.type === 'garbage')
        return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>gateway</html>');
      if (f.fault.type === 'http') return void res.writeHead(f.fault.status).end(f.fault.body ?? 'Bad Gateway');
      if (f.fault.type !== 'error') return hostile(f.fault, req, res);
      return reply(res, entry, { Error: { Code: f.fault.code, Message: f.fault.message ?? 'injected fault' } });
    }

    try {
      if (req.method !== 'POST' || (req.url ?? '/') !== '/') throw apiError('UnsupportedProtocol', 'Use POST /.');
      if (!/^application\/json/i.test(String(req.headers['content-type'] ?? '')))
        throw apiError('InvalidRequest', 'Content-Type must be application/json.');
      const handler = handlers.get(action);
      if (!handler) throw apiError('InvalidAction', `The action ${action || '(none)'} does not exist.`);
      if (req.headers.authorization !== 'SKIP') {
        const service = action === 'AssumeRoleWithWebIdentity' ? 'sts' : 'clb';
        const v = verifyTc3({
          headers: req.headers,
          body,
          service,
          nowMs: Date.now() + (options.clockSkewMs ?? 0),
          accounts,
        });
        if (!v.ok) throw apiError(v.code, v.message);
        entry.secretId = v.secretId;
        const recent = (served.get(v.secretId) ?? []).filter((t) => t > entry.at - 1000);
        if (recent.length >= rateLimit)
          throw apiError(
            'RequestLimitExceeded',
            'Your current request times equals to `20` in a second, which exceeds the frequency limit.',
          );
        served.set(v.secretId, [...recent, entry.at]);
      }
      reply(res, entry, await handler(params, req));
    } catch (err) {
      const e = err as { code?: string; message: string };
      if (!e.code) throw err;
      reply(res, entry, { Error: { Code: e.code, Message: e.message } });
    }
  }

  function reply(res: ServerResponse, entry: LoggedRequest, response: object): void {
    const error = (response as { Error?: { Code: string } }).Error;
    if (error) entry.result = entry.result.startsWith('fault') ? entry.result : error.Code;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ Response: { ...response, RequestId: randomUUID() } }));
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    accounts,
    requests,
    fullFields: options.fullFields ?? false,
    handlers,
    routes,
    addTask: (id, task) => void tasks.set(id, { ...task, createdAt: Date.now(), polls: 0 }),
    addFault: (fault) => void faults.push({ ...fault }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
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
