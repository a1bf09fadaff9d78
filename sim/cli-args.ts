// The simulator CLI's command line: usage text and parsing, kept apart from the server so
// tests can check every rule without starting one.
import { parseArgs } from 'node:util';
import { parseDuration } from '../src/common/duration.ts';
import type { FakeTask } from './fake-clb.ts';
import { fakeTarget } from './fake-health.ts';

export const USAGE = `Usage: npm run sim -- [--port N] [--task SPEC]... [--target SPEC]... [--cvm-role NAME[:LIFETIME]]
       (or node sim/cli.ts on Node 24, node sim/cli.mjs on any Node)

Runs the local Tencent Cloud CLB API simulator: it checks TC3-HMAC-SHA256 signatures the
way Tencent does and answers DescribeTaskStatus for the tasks given here, until it is
stopped (Ctrl+C or SIGTERM).

Options:
  --task SPEC   A task it knows; repeat for more. SPEC is id=duration[:fail[:message]]:
                the task is in progress (Status 2) for that long, then succeeds (Status 0,
                one load balancer id made of the id's first 8 letters and digits, lower
                case, padded with 0: req-ok gives ["lb-reqok000"]) or, with :fail, fails
                (Status 1) with the message (default "simulated failure").
                duration: 90 (seconds), 500ms, 3s, 2m, 1h, 1h30m, or never.
  --target SPEC A backend behind a layer-4 listener, for DescribeTargetHealth
                (wait-healthy); repeat for more. SPEC is
                "<lb-id> <lbl-id> <PROTOCOL>:<port> <host>:<port> [w<weight>] [<state>[@<time>]]...":
                the states (Alive, Dead, Unknown, Close) it goes through, counted from the
                simulator's start; Unknown before the first. Without states: Alive.
  --cvm-role NAME[:LIFETIME]
                Also serve the CVM metadata service: role NAME and its temporary
                credentials, which last LIFETIME (default 6h; e.g. 20s to watch them
                renewed). Point the client at it: TENCENTCLOUD_METADATA_ENDPOINT=<url>.
  --port N      Port on 127.0.0.1 (default 0: any free port).
  --full-fields Send every field in every answer. By default answers take the shapes
                Tencent publishes: no Weight unless given, no LoadBalancerIds or Message
                while a task says nothing, idle listeners with Rules: [] and Targets: [].
  -h, --help    Print this text.

Once listening it prints one JSON line on stdout, and nothing else there:
  {"url":"http://127.0.0.1:8080","secretId":"AKIDsimulatorEXAMPLE","secretKey":"simulatorSecretKeyEXAMPLE"}
Give the action endpoint: <url>, secret-id: <secretId>, secret-key: <secretKey>. The key is
a fixed test value that opens nothing but the simulator.

Example:
  npm run sim -- --port 8080 --task req-1=3s --task req-2=5s:fail:'Port 443 is in use' \\
    --target 'lb-req10000 lbl-req10000 TCP:80 ins-a1b2c3d4:8080 Unknown Dead@4s Alive@8s'
`;

export interface CliTask extends FakeTask {
  id: string;
}

export interface CliTarget {
  loadBalancerId: string;
  /** `lbl-... TCP:80`, as healthSpec() takes it. */
  listener: string;
  /** `ins-...:8080 w10 Unknown Alive@5s`, as fakeTarget() takes it. */
  target: string;
}

export type Cli =
  | { help: true }
  | {
      help: false;
      port: number;
      tasks: CliTask[];
      targets: CliTarget[];
      fullFields: boolean;
      cvmRole?: { roleName: string; lifetimeSeconds: number };
    };

/** Thrown for anything the user typed wrong: one line, no stack. */
export class UsageError extends Error {}

export function parseCli(argv: string[]): Cli {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        task: { type: 'string', multiple: true, default: [] },
        target: { type: 'string', multiple: true, default: [] },
        port: { type: 'string', default: '0' },
        'full-fields': { type: 'boolean', default: false },
        'cvm-role': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    // parseArgs explains unknown options and stray arguments well; drop its long hints.
    throw new UsageError((err as Error).message.split('. ')[0].replace(/\.$/, ''));
  }
  if (values.help) return { help: true };
  if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65_535)
    throw new UsageError(`--port ${values.port}: expected a port number, 0 to 65535`);
  const tasks = values.task.map(parseTask);
  const seen = new Set<string>();
  for (const { id } of tasks) {
    if (seen.has(id)) throw new UsageError(`--task ${id}: given twice`);
    seen.add(id);
  }
  return {
    help: false,
    port: Number(values.port),
    tasks,
    targets: values.target.map(parseTarget),
    fullFields: values['full-fields'],
    ...(values['cvm-role'] === undefined ? {} : { cvmRole: parseCvmRole(values['cvm-role']) }),
  };
}

export function parseCvmRole(spec: string): { roleName: string; lifetimeSeconds: number } {
  const m = /^([\w+=,.@-]{1,128})(?::(.+))?$/.exec(spec);
  if (!m) throw new UsageError(`--cvm-role ${spec}: expected NAME[:LIFETIME], a CAM role name, e.g. clb-gate:20s`);
  const ms = m[2] === undefined ? 6 * 3600_000 : parseDuration(m[2]);
  if (ms === undefined || ms < 2000)
    throw new UsageError(`--cvm-role ${spec}: "${m[2]}" is not a duration of at least 2s (20s, 5m, 1h)`);
  return { roleName: m[1], lifetimeSeconds: ms / 1000 };
}

export function parseTask(spec: string): CliTask {
  const m = /^([^=:\s]+)=([^:]*)(?::(.*))?$/.exec(spec);
  if (!m) throw new UsageError(`--task ${spec}: expected id=duration[:fail[:message]], e.g. req-1=3s`);
  const [, id, duration, rest] = m;
  const after = duration === 'never' ? Infinity : parseDuration(duration);
  if (after === undefined)
    throw new UsageError(`--task ${spec}: "${duration}" is not a duration (90, 500ms, 3s, 2m, 1h or never)`);
  if (rest !== undefined && rest !== 'fail' && !rest.startsWith('fail:'))
    throw new UsageError(`--task ${spec}: after the duration only ":fail" or ":fail:<message>" may follow`);
  const failed = rest !== undefined;
  return {
    id,
    finishAfterMs: after,
    outcome: failed ? 1 : 0,
    message: failed ? rest.slice('fail:'.length) || 'simulated failure' : null,
    loadBalancerIds: failed ? null : [loadBalancerId(id)],
  };
}

/** A well-formed id (lb- and 8 lowercase letters or digits, as the action checks) readable from the task id. */
export const loadBalancerId = (taskId: string) =>
  `lb-${taskId
    .toLowerCase()
    .replace(/[^0-9a-z]/g, '')
    .slice(0, 8)
    .padEnd(8, '0')}`;

export function parseTarget(spec: string): CliTarget {
  const m = /^\s*(\S+)\s+(\S+)\s+([A-Z_]+:\d+)\s+(.+)$/.exec(spec);
  if (!m)
    throw new UsageError(`--target ${spec}: expected "<lb-id> <lbl-id> <PROTOCOL>:<port> <host>:<port> [states]"`);
  try {
    fakeTarget(m[4]);
  } catch (err) {
    throw new UsageError(`--target ${spec}: ${(err as Error).message}`);
  }
  return { loadBalancerId: m[1], listener: `${m[2]} ${m[3]}`, target: m[4] };
}

/** The targets grouped as healthSpec() takes them: load balancer → listener → targets. */
export function targetsSpec(targets: CliTarget[]): Record<string, Record<string, string[]>> {
  const lbs: Record<string, Record<string, string[]>> = {};
  for (const t of targets) ((lbs[t.loadBalancerId] ??= {})[t.listener] ??= []).push(t.target);
  return lbs;
}
