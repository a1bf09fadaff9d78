#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 486:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5553);
// The command line's entry point (bundled to dist/cli/index.js, the package's `bin`): the
// process's streams and signals around main().

// Whatever escapes: one line, never a stack.
const crash = (err) => {
    process.stderr.write(`${(0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .crashLine */ .MO)(err)}\n`);
    process.exit(1);
};
process.on('uncaughtException', crash).on('unhandledRejection', crash);
const streams = {
    out: (text) => new Promise((done) => void process.stdout.write(text, () => done())),
    err: (line) => void process.stderr.write(`${line}\n`),
};
// SIGBREAK: Windows' Ctrl+Break, whose default would end the process before the result is written.
const signals = (handler) => {
    const names = ['SIGINT', 'SIGTERM', 'SIGBREAK'];
    for (const name of names)
        process.on(name, handler);
    return () => names.forEach((name) => process.off(name, handler));
};
process.exitCode = await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .iW)(process.argv.slice(2), process.env, streams, signals);
// Safety net: nothing left open may hold the process. Exit once stdout has drained: pipes are
// asynchronous on macOS, and the --json result must not be lost.
setTimeout(() => process.stdout.write('', () => process.exit()), 1000).unref();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 5553:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  MO: () => (/* binding */ crashLine),
  iW: () => (/* binding */ main)
});

// UNUSED EXPORTS: EXIT, MAX_LINE, SECRET_ENV, SIGNAL_EXIT, VERSION, safeLine

;// CONCATENATED MODULE: ./src/tencent/errors.ts
// Error types that carry what a user needs, and the one table that says which can heal.
/** Bad input: names the input, is raised before any request is sent. */
class InputError extends Error {
    constructor(input, problem) {
        super(`Input '${input}': ${problem}`);
        this.name = 'InputError';
    }
}
/** The API answered with Response.Error. */
class ApiError extends Error {
    code;
    constructor(code, apiMessage, requestId) {
        super(`${code}: ${apiMessage}${requestId ? ` (RequestId ${requestId})` : ''}`);
        this.name = 'ApiError';
        this.code = code;
    }
}
/** No usable API answer: network failure, hang, non-200 status or a body that is not the API's JSON. */
class TransportError extends Error {
    httpStatus;
    /** Will not heal by sending again (a local error, an untrusted certificate). */
    permanent;
    constructor(message, httpStatus, permanent = false) {
        super(message);
        this.name = 'TransportError';
        this.httpStatus = httpStatus;
        this.permanent = permanent;
    }
}
/**
 * The API's JSON, with a well-formed RequestId, that breaks the answer's shape. Sent again, the
 * same question gets the same answer: not retried. The client adds the call and RequestId.
 */
class MalformedAnswerError extends TransportError {
    constructor(message) {
        super(message, undefined, true);
        this.name = 'MalformedAnswerError';
    }
}
class TimeoutError extends Error {
    constructor(message = 'timed out') {
        super(message);
        this.name = 'TimeoutError';
    }
}
class CancelledError extends Error {
    constructor(message = 'cancelled') {
        super(message);
        this.name = 'CancelledError';
    }
}
const RETRYABLE_CODES = new Set(['InternalError', 'ServiceUnavailable', 'RequestLimitExceeded', 'ResourceUnavailable']);
/** Can this error heal if the same request is sent again later? */
function isRetryable(err) {
    if (err instanceof TransportError)
        return !err.permanent && (err.httpStatus === undefined || err.httpStatus >= 500 || err.httpStatus === 429);
    if (!(err instanceof ApiError))
        return false;
    const family = err.code.split('.')[0];
    return RETRYABLE_CODES.has(err.code) || RETRYABLE_CODES.has(family);
}
const isRateLimited = (err) => err instanceof ApiError && err.code.startsWith('RequestLimitExceeded');
/** What the user should do about a non-retryable API error. */
function hintFor(code, action, service) {
    const permission = `${service}:${action}`;
    if (code === 'AuthFailure.SignatureExpire')
        return "the request timestamp is more than 5 minutes off Tencent's clock: check the runner's system clock (NTP)";
    if (code === 'AuthFailure.SecretIdNotFound' || code === 'AuthFailure.InvalidSecretId')
        return 'check secret-id (or TENCENTCLOUD_SECRET_ID): the key may be wrong, disabled or deleted';
    if (code === 'AuthFailure.SignatureFailure')
        return 'check secret-key (or TENCENTCLOUD_SECRET_KEY): it does not match secret-id';
    if (code === 'AuthFailure.TokenFailure')
        return 'the session token is invalid or expired: refresh the temporary credentials (token input)';
    if (service === 'sts') {
        if (code.startsWith('InvalidParameter.WebIdentityTokenError'))
            return "STS refused the GitHub ID token: check provider-id, and that audience matches the CAM identity provider's client ID";
        if (code === 'UnauthorizedOperation' || code.startsWith('InvalidParameter'))
            return "check role-arn, and that the role's trust policy allows this identity provider and repository (see README, Keyless)";
    }
    if (code === 'AuthFailure.UnauthorizedOperation' || code === 'UnauthorizedOperation')
        return `grant the CAM permission ${permission} to this key or role`;
    if (code === 'InvalidParameter.RegionNotFound' || code === 'UnsupportedRegion')
        return 'check the region input (or TENCENTCLOUD_REGION), e.g. ap-guangzhou';
    if (action === 'DescribeTargetHealth') {
        if (code.startsWith('UnsupportedOperation'))
            return 'DescribeTargetHealth does not support classic CLB instances: gate on CLB (non-classic) load balancers only';
        if (code.startsWith('InvalidParameter') || code === 'MissingParameter' || code.startsWith('ResourceNotFound'))
            return 'check load-balancers and listener-ids: each must exist in this region (region input), and listeners must belong to them';
    }
    if (code.startsWith('InvalidParameter') || code === 'MissingParameter' || code === 'ResourceNotFound')
        return 'check the task-id / deal-name values: each must be the RequestId of a mutating CLB call (or an order id)';
    if (code.startsWith('AuthFailure'))
        return 'check the credentials given to the action';
    return undefined;
}
const messageOf = (err) => (err instanceof Error ? err.message : String(err));

;// CONCATENATED MODULE: ./src/report/sanitize.ts
// The one gate for untrusted text (every byte from the network). Before such text reaches
// the log, an annotation, an output or the summary it is redacted, stripped of anything the
// runner or a terminal would act on, and capped. The markdown escape and the shape checks
// for ids live here too, so every caller gets the same rules.
/** Values the runner masks (setSecret feeds this), redacted from quoted text before it is cut. */
const secrets = new Set();
function registerSecret(value) {
    if (value.length >= 4)
        secrets.add(value); // shorter ones would redact ordinary words
}
/** TC3 credentials and signatures, wherever a server echoes them (an Authorization header, say). */
const CREDENTIAL_PATTERNS = [
    [/(Credential=)[^\s,;"'/]+/gi, '$1***'],
    [/(Signature=)[0-9a-f]+/gi, '$1***'],
    [/(X-TC-Token["']?\s*[:=]\s*["']?)[^\s,;"']+/gi, '$1***'],
    [/(Authorization["']?\s*[:=]\s*["']?)(?!\*\*\*)[^\r\n"']+/gi, '$1***'],
];
function redact(text) {
    let out = text;
    // Longest first, so a secret that contains another is not left half-visible.
    for (const s of [...secrets].sort((a, b) => b.length - a.length))
        out = out.split(s).join('***');
    for (const [re, by] of CREDENTIAL_PATTERNS)
        out = out.replace(re, by);
    return out;
}
/** C0/C1 controls (ESC colour codes included), DEL and the Unicode line and paragraph separators: each becomes a space. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/**
 * Unicode format characters (category Cf: bidi controls, zero-width marks, the soft hyphen,
 * word joiners, tag characters...) and the unassigned code points around them that render as
 * nothing (U+2065, the rest of the tag block) are invisible and can disguise text: removed.
 */
const FORMAT = /[\p{Cf}\u2065\u{E0000}-\u{E0FFF}]/gu;
/**
 * The runner runs `::cmd::` at a line's start (after leading white space) and `##[cmd]`
 * anywhere in a line. A space inside each breaks both forms and stays readable; a `::` later
 * in the line (an IPv6 address) is left as it is.
 */
function neutralise(text) {
    return text
        .replace(FORMAT, '')
        .replace(CONTROLS, ' ')
        .replace(/##\[/g, '## [')
        .replace(/^(\s*):(?=:)/, '$1: ');
}
/** Cuts visibly: the reader sees that text is missing and how much. */
function truncate(text, max, alreadyCut = 0) {
    const chars = [...text]; // never split a surrogate pair
    if (chars.length <= max && !alreadyCut)
        return text;
    const kept = Math.min(max, chars.length);
    return `${chars.slice(0, kept).join('')}… (${chars.length - kept + alreadyCut} more characters)`;
}
const DEFAULT_TEXT_CAP = 300;
/** Room past the cap that is still redacted, for a secret that starts inside the shown part. */
const REDACT_SLACK = 16_384;
/** Untrusted text → one safe line: redacted first (a cut secret would escape the mask), then neutralised, then capped. */
function clean(value, max = DEFAULT_TEXT_CAP) {
    const text = typeof value === 'string' ? value : value == null ? '' : String(value);
    // What could show is redacted with room to spare for a secret that starts inside it, so
    // a 2 MiB body costs no more than a short one.
    const head = text.length > max + REDACT_SLACK ? text.slice(0, max + REDACT_SLACK) : text;
    return truncate(neutralise(redact(head.replace(FORMAT, ''))) // joined first: a secret split by a zero-width mark is still found
        .replace(/\s{2,}/g, ' ')
        .trim(), max, text.length - head.length);
}
/**
 * Markdown table cell or heading text: HTML and markdown syntax shown as text, never rendered.
 * Autolinks (`www.`, `scheme://`, `a@b.c`) and @mentions are broken by an invisible zero-width
 * space inside each marker, so network text never becomes a link or a ping (IPv6 stays as is).
 */
function markdownText(text) {
    return neutralise(text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_{}[\]()#+!|~]/g, '\\$&')
        .replace(/^(\s*)([-=])/, '$1\\$2')
        .replace(/(www(?=\.)|:(?=\/\/)|@(?=\w))/gi, '$1&#8203;');
}
// Shapes of the ids the API returns. An answer whose id breaks its shape is malformed.
const LOAD_BALANCER_ID = /^lb-[0-9a-z]{8}$/;
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

;// CONCATENATED MODULE: ./src/tencent/task.ts
// What a task is, for every module that names one (kept apart from the input parser).
/** What the user calls it: `task <id>` or `order <id>`. */
const noun = (kind) => (kind === 'TaskId' ? 'task' : 'order');
const describeRef = (ref) => `${noun(ref.kind)} ${ref.id}`;

;// CONCATENATED MODULE: ./src/tencent/task-status.ts
// CLB DescribeTaskStatus: the one CLB call this action makes.



const CLB = { service: 'clb', version: '2018-03-17' };
/** More load balancers than one task can touch: a hostile or broken answer, not the API's. */
const MAX_TASK_LOAD_BALANCERS = 20;
function parseTaskStatus(r) {
    const { Status, LoadBalancerIds, Message, RequestId } = r;
    if (Status !== 0 && Status !== 1 && Status !== 2)
        throw new MalformedAnswerError(`unexpected Status ${clean(JSON.stringify(Status), 40)} in DescribeTaskStatus response`);
    const ids = LoadBalancerIds ?? [];
    if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string' && LOAD_BALANCER_ID.test(x)))
        throw new MalformedAnswerError('LoadBalancerIds in DescribeTaskStatus response is not a list of load balancer ids');
    if (ids.length > MAX_TASK_LOAD_BALANCERS)
        throw new MalformedAnswerError(`DescribeTaskStatus response names ${ids.length} load balancers, more than ${MAX_TASK_LOAD_BALANCERS}`);
    return {
        status: Status,
        loadBalancerIds: [...new Set(ids)],
        message: (typeof Message === 'string' && clean(Message)) || null,
        requestId: String(RequestId), // shape-checked with the rest of the answer
    };
}
const describeTaskStatus = (call, task, signal) => call('DescribeTaskStatus', { [task.kind]: task.id }, {
    context: `DescribeTaskStatus for ${describeRef(task)}`,
    parse: parseTaskStatus,
    signal,
});

;// CONCATENATED MODULE: ./src/common/clock.ts
// Time as a dependency, so the poll loop, backoff and limiter are tested without waiting.
const systemClock = {
    now: () => performance.now(),
    wallNow: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(signal.reason);
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, Math.max(0, ms));
        signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

;// CONCATENATED MODULE: ./src/tencent/credentials.ts
// Static credentials: inputs first, then the environment names Tencent's own tools use.

const TOKEN_ENV = ['TENCENTCLOUD_SESSION_TOKEN', 'TENCENTCLOUD_TOKEN', 'TENCENTCLOUD_SECURITY_TOKEN'];
/**
 * The inputs when any is set, else the environment: never a mix, so a token an earlier
 * login step exported is not sent with keys from this step's inputs.
 */
function resolveStaticCredentials(inputs, env) {
    const fromInputs = Boolean(inputs.secretId || inputs.secretKey || inputs.token);
    const secretId = fromInputs ? inputs.secretId : env.TENCENTCLOUD_SECRET_ID?.trim() || '';
    const secretKey = fromInputs ? inputs.secretKey : env.TENCENTCLOUD_SECRET_KEY?.trim() || '';
    const token = (fromInputs ? inputs.token : TOKEN_ENV.map((n) => env[n]?.trim()).find(Boolean)) || undefined;
    // Header values must be visible ASCII: anything else fails every request, and fetch's
    // error message would quote the value.
    for (const [input, value] of [
        ['secret-id', secretId],
        ['secret-key', secretKey],
        ['token', token ?? ''],
    ])
        if (!/^[\x21-\x7e]*$/.test(value))
            throw new InputError(input, 'contains spaces, line breaks or non-ASCII characters; check the secret it comes from');
    if (!secretId && !secretKey)
        throw new InputError('secret-id', 'no credentials: set secret-id and secret-key (or TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY)');
    if (!secretId)
        throw new InputError('secret-id', 'is empty but secret-key is set (also checked TENCENTCLOUD_SECRET_ID)');
    if (!secretKey)
        throw new InputError('secret-key', 'is empty but secret-id is set (also checked TENCENTCLOUD_SECRET_KEY)');
    return token ? { secretId, secretKey, token } : { secretId, secretKey };
}

;// CONCATENATED MODULE: ./src/common/duration.ts
// Strict duration parsing for inputs: `90` (seconds), `90s`, `500ms`, `15m`, `1h30m`.
const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
const PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
/** Milliseconds, or undefined when the text is not a duration. */
function parseDuration(text) {
    const s = text.trim().toLowerCase();
    if (/^\d+(\.\d+)?$/.test(s))
        return Math.round(Number(s) * 1000);
    if (!s)
        return undefined;
    PART.lastIndex = 0;
    let total = 0;
    let matched = 0;
    const seen = new Set();
    for (let m = PART.exec(s); m; m = PART.exec(s)) {
        if (seen.has(m[2]))
            return undefined; // `1m2m` is a typo, not 3 minutes
        seen.add(m[2]);
        total += Number(m[1]) * UNIT_MS[m[2]];
        matched = PART.lastIndex;
    }
    return matched === s.length ? Math.round(total) : undefined;
}
/** `1h 2m 3s`, `1.5s`, `250ms`: for messages and the summary. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    if (ms < 60_000)
        return `${Number((ms / 1000).toFixed(1))}s`;
    const total = Math.round(ms / 1000);
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const sec = total % 60;
    return [h && `${h}h`, m && `${m}m`, sec && `${sec}s`].filter(Boolean).join(' ');
}

;// CONCATENATED MODULE: ./src/gate/health-policy.ts
const MAX_GATED = 300;
/** Targets carry the canonical IP (target-health.ts), filters too: a plain comparison. */
function matchesFilter(t, f) {
    if (f.port !== undefined && t.port !== f.port)
        return false;
    return f.instanceId !== undefined ? t.targetId === f.instanceId : t.ip === f.ip;
}
const inScope = (gate, listenerId, t) => (!gate.listenerIds.length || gate.listenerIds.includes(listenerId)) &&
    (!gate.filters.length || gate.filters.some((f) => matchesFilter(t, f)));
/** What the parser may skip unread: targets the filters exclude never affect the verdict. */
const scopeOf = (gate) => ({
    listenerIds: gate.listenerIds,
    includes: (t) => inScope(gate, t.listenerId, t),
});
/** Identity of a target: the same backend under two rules is checked twice (each rule probes it). */
const targetKey = (t) => [
    t.loadBalancerId,
    t.listener.id,
    t.rule?.locationId ?? '',
    t.rule?.domain ?? '',
    t.rule?.url ?? '',
    t.targetId ?? '',
    t.ip,
    t.port,
].join('|');
const notGatedReason = (t) => t.detail === 'Close' ? 'close' : t.weight === 0 ? 'weight-0' : undefined;
/** Filter entries that match nothing, or only targets that are not gated. */
function unmatchedOf(gate, targets) {
    const check = (input, entry, matches) => {
        const hits = targets.filter(matches);
        if (!hits.length)
            return [{ input, entry }];
        return hits.some((t) => t.gated) ? [] : [{ input, entry, onlyNotGated: true }];
    };
    return [
        ...gate.listenerIds.flatMap((id) => check('listener-ids', id, (t) => t.listener.id === id)),
        ...gate.filters.flatMap((f) => check('targets', f.entry, (t) => matchesFilter(t, f))),
    ];
}
/** The window: when every gated target has been Alive since, and why it last started again. */
function windowOf(previous, gatedKey, allAlive, answerGap, nowMs) {
    const setChanged = previous !== undefined && previous.gatedKey !== gatedKey;
    const setChanges = (previous?.setChanges ?? 0) + (setChanged ? 1 : 0);
    if (!allAlive)
        return { gatedKey, healthySinceMs: undefined, restartedBy: undefined, setChanges };
    const running = previous?.healthySinceMs !== undefined;
    if (running && !setChanged && !answerGap)
        return { ...previous, setChanges };
    const restartedBy = !running ? undefined : setChanged ? 'set-changed' : 'no-answer';
    return { gatedKey, healthySinceMs: nowMs, restartedBy, setChanges };
}
/**
 * One poll's answer → the gate's state and verdict. `previous` is undefined on the first poll.
 * `answerGap`: the answer came only after failed attempts, so health was not observed meanwhile.
 */
function gateStep(previous, answer, gate, nowMs, answerGap = false) {
    const matched = answer.filter((t) => inScope(gate, t.listener.id, t));
    const targets = matched.map((t) => {
        const reason = notGatedReason(t);
        return reason ? { ...t, gated: false, reason } : { ...t, gated: true };
    });
    const gated = targets.filter((t) => t.gated);
    const unhealthy = gated.filter((t) => t.detail !== 'Alive');
    const unmatchedFilters = unmatchedOf(gate, targets);
    const idleLoadBalancers = (gate.loadBalancerIds ?? [])
        .filter((id) => !gated.some((t) => t.loadBalancerId === id))
        .map((id) => ({ id, named: gate.loadBalancersNamed ?? false }));
    const tooMany = matched.length > MAX_GATED;
    const blocked = tooMany || unmatchedFilters.length > 0 || gated.length === 0 || idleLoadBalancers.some((lb) => lb.named);
    const gatedKey = gated.map(targetKey).sort().join('\n');
    const state = windowOf(previous, gatedKey, !blocked && !unhealthy.length, answerGap, nowMs);
    const { healthySinceMs } = state;
    const passed = healthySinceMs !== undefined && nowMs - healthySinceMs >= gate.healthyForMs;
    const verdict = tooMany ? 'too-many' : blocked ? 'nothing-gated' : passed ? 'healthy' : 'waiting';
    return {
        state,
        targets,
        gated,
        notGated: targets.filter((t) => !t.gated),
        unhealthy,
        unmatchedFilters,
        idleLoadBalancers,
        verdict,
        healthySinceMs,
    };
}

;// CONCATENATED MODULE: ./src/report/task-report.ts
// Turns a wait's result into outputs, a job summary and the step's verdict.



const STATUS_TEXT = { 0: 'succeeded', 1: 'failed', 2: 'in progress' };
const statusText = (s) => (s === undefined ? 'no answer' : STATUS_TEXT[s]);
const label = (t) => describeRef(t.ref);
/** Tasks named in one message, and rows in the summary table: beyond these, a count. */
const TASKS_LISTED = 10;
const TASK_ROWS = 100;
/** The summary's headline carries the failure text, capped so the summary stays far below the runner's 1 MiB. */
const MAX_HEADLINE = 4_000;
/** `a, b, c and 7 more` */
function listed(items, sep, max = TASKS_LISTED) {
    const shown = items.slice(0, max).join(sep);
    return items.length > max ? `${shown}${sep}and ${items.length - max} more` : shown;
}
const statusOf = (result) => result.tasks.some((t) => t.status === 1) ? '1' : result.tasks.every((t) => t.status === 0) ? '0' : '2';
/** The step's task outputs (as health-report.ts's healthOutputs for the targets). */
function taskOutputs(result) {
    return {
        status: statusOf(result),
        'load-balancer-ids': JSON.stringify([...new Set(result.tasks.flatMap((t) => t.loadBalancerIds))]),
        'request-id': result.lastRequestId ?? '',
        tasks: JSON.stringify(result.tasks.map((t) => ({
            id: t.ref.id,
            kind: t.ref.kind,
            status: t.status ?? null,
            message: t.message,
            loadBalancerIds: t.loadBalancerIds,
            requestId: t.requestId ?? null,
            waitedSeconds: Math.round(t.waitedMs / 100) / 10,
            polls: t.polls,
        }))),
    };
}
/** What went wrong, as message parts: the failed tasks with their reasons, and those still running. */
function problems(result) {
    const failed = result.tasks.filter((t) => t.status === 1);
    const pending = result.tasks.filter((t) => t.status !== 0 && t.status !== 1);
    const of = (n) => `${n} of ${result.tasks.length} task${result.tasks.length === 1 ? '' : 's'}`;
    const failures = failed.length
        ? `${of(failed.length)} failed: ` +
            listed(failed.map((t) => `${label(t)}: ${t.message ?? 'no reason given'} (RequestId ${t.requestId})`), '; ')
        : '';
    const stillRunning = pending.length
        ? `${of(pending.length)} still in progress (${listed(pending.map(label), ', ')})`
        : '';
    return { anyFailed: failed.length > 0, failures, stillRunning };
}
const parts = (...p) => p.filter(Boolean).join('; ');
/** Outputs, and whether the step fails or warns, from how the task wait ended. */
function taskVerdict(result, failOnTimeout, timeoutMs) {
    const outputs = taskOutputs(result);
    const base = { status: outputs.status, outputs };
    const { anyFailed, failures, stillRunning } = problems(result);
    switch (result.outcome) {
        case 'error':
            return { ...base, failure: parts(result.error?.message ?? 'unknown error', failures) };
        case 'cancelled':
            return { ...base, failure: parts(`cancelled after ${formatDuration(result.elapsedMs)}`, failures, stillRunning) };
        case 'timeout': {
            const text = parts(`timed out after ${formatDuration(timeoutMs)}`, failures, stillRunning);
            if (anyFailed)
                return { ...base, failure: text };
            if (failOnTimeout)
                return { ...base, failure: `${text}. Raise timeout, or set fail-on-timeout: false to pass anyway` };
            return { ...base, warning: text };
        }
        default:
            return anyFailed ? { ...base, failure: failures } : base;
    }
}
const cell = (s) => markdownText(s) || '—';
/** Ids are shape-checked (no backticks); the escape is for the reader's sake of certainty. */
const code = (s) => (s ? `\`${s.replace(/`/g, '')}\`` : '—');
const ICON = { 0: '✅', 1: '❌', 2: '⏳' };
/** Failed first, then unfinished, then done: the rows a reader needs survive the cap. */
const ORDER = (t) => (t.status === 1 ? 0 : t.status === 0 ? 2 : 1);
function summaryMarkdown(result, v) {
    const n = result.tasks.length;
    const headline = v.failure
        ? `❌ ${v.failure}`
        : v.warning
            ? `⚠️ ${v.warning}`
            : `✅ ${n === 1 ? 'The task' : `All ${n} tasks`} succeeded in ${formatDuration(result.elapsedMs)}`;
    const shown = [...result.tasks].sort((a, b) => ORDER(a) - ORDER(b)).slice(0, TASK_ROWS);
    const rows = shown.map((t) => [
        code(t.ref.id),
        `${t.status === undefined ? '❔' : ICON[t.status]} ${statusText(t.status)}`,
        cell(t.message ?? ''),
        cell(listed(t.loadBalancerIds, ', ', 5)),
        code(t.requestId ?? ''),
        formatDuration(t.waitedMs),
    ].join(' | '));
    const more = n - shown.length;
    return [
        '### CLB task wait',
        '',
        cell(truncate(headline, MAX_HEADLINE)),
        '',
        `| ${n && result.tasks[0].ref.kind === 'DealName' ? 'Order' : 'Task'} | Status | Message | Load balancers | RequestId | Waited |`,
        '| --- | --- | --- | --- | --- | --- |',
        ...rows.map((r) => `| ${r} |`),
        ...(more ? ['', `…and ${more} more (every task is in the \`tasks\` output)`] : []),
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/report/health-report.ts
// Turns a health gate's result into outputs, one-line messages and a job summary section.
// Pure. Ids in a result are shape-checked and Domain/Url/names cleaned by the parser; the
// summary still puts every cell through markdownText(), so nothing reaches it raw.




/** The policy fails beyond MAX_GATED matches, so the cap only guards against a bug. */
const MAX_HEALTH_OUTPUT = MAX_GATED;
const TARGETS_LISTED = 20;
const TARGET_ROWS = 50;
const address = (ip, port) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);
const ruleText = (t) => t.rule && (t.rule.domain || t.rule.url) ? `${t.rule.domain ?? ''}${t.rule.url ?? ''}` : '';
const targetText = (t) => t.targetId ? `${t.targetId} (${address(t.ip, t.port)})` : address(t.ip, t.port);
/** `lb-xxxxxxxx HTTP:80 example.com/api ins-xxxxxxxx (10.0.0.1:8080)` */
const describeTarget = (t) => [t.loadBalancerId, `${t.listener.protocol}:${t.listener.port}`, ruleText(t), targetText(t)].filter(Boolean).join(' ');
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** `a; b; c; and 5 more` */
const capped = (items, show, separator = '; ', max = TARGETS_LISTED) => listed(items.map(show), separator, max);
const gatedOf = (r) => r.targets.filter((t) => t.gated);
function healthOutputs(r) {
    const health = gatedOf(r)
        .slice(0, MAX_HEALTH_OUTPUT)
        .map((t) => ({
        loadBalancerId: t.loadBalancerId,
        listener: t.listener,
        rule: t.rule ? { domain: t.rule.domain, url: t.rule.url } : null,
        targetId: t.targetId,
        ip: t.ip,
        port: t.port,
        weight: t.weight, // null: the answer did not say
        healthStatusDetail: t.detail,
    }));
    return { healthy: r.outcome === 'healthy' ? 'true' : 'false', health: JSON.stringify(health) };
}
const WHY_RESTARTED = {
    'set-changed': (r) => `the set of gated targets kept changing (${plural(r.setChanges, 'change')}), and each change restarts healthy-for`,
    'no-answer': () => 'DescribeTargetHealth went unanswered for a while, which restarts healthy-for',
};
/** For the one ::error:: at the deadline: only the targets that are not healthy. */
function unhealthyText(r) {
    const n = gatedOf(r).length;
    if (!r.polls)
        return 'no answer from DescribeTargetHealth yet';
    if (r.unhealthy.length)
        return `${r.unhealthy.length} of ${plural(n, 'gated target')} not healthy: ${capped(r.unhealthy, (t) => `${describeTarget(t)}: ${t.detail}`)}`;
    const held = `all ${plural(n, 'gated target')} Alive, but for ${formatDuration(r.healthyMs ?? 0)} only, not yet healthy-for (${formatDuration(r.healthyForMs)})`;
    return r.restartedBy ? `${held}: ${WHY_RESTARTED[r.restartedBy](r)}` : held;
}
const WHY_NOT_GATED = {
    close: 'Close (health check off or listener stopped; cannot be verified)',
    'weight-0': 'weight 0 (gets no traffic)',
};
/** Load balancers from the tasks' answers with nothing gated: named, since nothing of theirs was checked. */
const idleFromTasks = (r) => r.idleLoadBalancers.filter((lb) => !lb.named).map((lb) => lb.id);
/** Close and weight-0 targets, and task load balancers with nothing gated: what the gate does not check. */
function notGatedWarning(r) {
    const skipped = r.targets.filter((t) => !t.gated);
    const idle = idleFromTasks(r);
    const parts = [
        skipped.length
            ? `${plural(skipped.length, 'target')} not gated: ${capped(skipped, (t) => `${describeTarget(t)}: ${WHY_NOT_GATED[t.reason ?? 'close']}`)}`
            : '',
        idle.length
            ? `${plural(idle.length, 'load balancer')} of the tasks with nothing to gate: ${capped(idle, (id) => id, ', ')}`
            : '',
    ].filter(Boolean);
    return parts.length ? parts.join('. ') : undefined;
}
function nothingGatedText(r) {
    const entries = (input, onlyNotGated) => r.unmatchedFilters
        .filter((f) => f.input === input && (f.onlyNotGated ?? false) === onlyNotGated)
        .map((f) => clean(f.entry, 80));
    const named = r.idleLoadBalancers.filter((lb) => lb.named).map((lb) => lb.id);
    const unmatched = [
        ...['targets', 'listener-ids'].flatMap((input) => [
            [entries(input, false), `${input} %s matched no target`],
            [entries(input, true), `${input} %s matched only targets that are not gated (Close or weight 0)`],
        ]),
        [named, 'load-balancers %s had nothing to gate (no targets, or only Close or weight-0 ones, within the filters)'],
    ]
        .filter(([e]) => e.length)
        .map(([e, text]) => text.replace('%s', capped(e, (x) => x, ', ')));
    if (unmatched.length)
        return `the health gate cannot check what was asked: ${unmatched.join('; ')}`;
    if (r.targets.length)
        return `the health gate has nothing to check: all ${plural(r.targets.length, 'matching target')} are Close (health check off or listener stopped) or have weight 0`;
    return 'the health gate has nothing to check: the load balancers have no targets';
}
function healthVerdict(r) {
    const outputs = healthOutputs(r);
    const warning = notGatedWarning(r);
    const w = warning ? { warning } : {};
    switch (r.outcome) {
        case 'healthy':
            return { outputs, ...w };
        case 'nothing-gated':
            return { outputs, failure: nothingGatedText(r), ...w };
        case 'timeout':
            return {
                outputs,
                failure: `targets not healthy after ${formatDuration(r.elapsedMs)}: ${unhealthyText(r)}`,
                ...w,
            };
        case 'cancelled':
            return { outputs, failure: `health wait cancelled after ${formatDuration(r.elapsedMs)}`, ...w };
        default:
            return { outputs, failure: r.error?.message ?? 'unknown error', ...w };
    }
}
const MARK = new Map([
    ['Alive', '✅'],
    ['Dead', '❌'],
    ['Unknown', '⏳'],
    ['Close', '⚪'],
]);
/** A detail Tencent adds later is shown as sent, with a question mark: it is not healthy. */
const healthCell = (t) => t.gated
    ? `${MARK.get(t.detail) ?? '❔'} ${t.detail}`
    : `⚪ ${t.reason === 'weight-0' ? `${t.detail}, weight 0` : 'Close'} (not gated)`;
/** Unhealthy first, then the ungated, then the healthy: the rows a reader needs survive the cap. */
const rank = (t) => (t.gated && t.detail !== 'Alive' ? 0 : t.gated ? 2 : 1);
function healthSummaryMarkdown(r, v) {
    const headline = v.failure
        ? `❌ ${v.failure}`
        : `✅ ${plural(gatedOf(r).length, 'gated target')} healthy for ${formatDuration(r.healthyMs ?? 0)}`;
    const shown = [...r.targets].sort((a, b) => rank(a) - rank(b)).slice(0, TARGET_ROWS);
    const lines = ['### Target health', '', markdownText(headline), ''];
    if (v.warning)
        lines.push(markdownText(`⚠️ ${v.warning}`), '');
    for (const lb of [...new Set(shown.map((t) => t.loadBalancerId))]) {
        const rows = shown.filter((t) => t.loadBalancerId === lb);
        const listeners = [...new Set(rows.map((t) => t.listener.id))];
        rows.sort((a, b) => listeners.indexOf(a.listener.id) - listeners.indexOf(b.listener.id) || rank(a) - rank(b));
        const name = rows[0].loadBalancerName === lb ? undefined : rows[0].loadBalancerName;
        lines.push(`#### ${markdownText(name ? `${lb} (${name})` : lb)}`, '');
        lines.push('| Listener | Rule | Target | Weight | Health |', '| --- | --- | --- | --- | --- |');
        for (const t of rows) {
            const cells = [
                `${t.listener.protocol}:${t.listener.port} ${t.listener.id}`,
                ruleText(t) || '—',
                targetText(t),
                t.weight === null ? '—' : String(t.weight),
                healthCell(t),
            ];
            lines.push(`| ${cells.map(markdownText).join(' | ')} |`);
        }
        lines.push('');
    }
    const hidden = r.targets.length - shown.length;
    if (hidden > 0) {
        const hiddenUnhealthy = r.targets.filter((t) => rank(t) === 0).length - shown.filter((t) => rank(t) === 0).length;
        lines.push(markdownText(`…and ${plural(hidden, 'more target')}${hiddenUnhealthy ? ` (${hiddenUnhealthy} not healthy)` : ''}`), '');
    }
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/gate/deadline.ts

function startDeadline(clock, timeoutMs, cancelled) {
    const run = new AbortController();
    const cancel = () => run.abort(new CancelledError());
    if (cancelled?.aborted)
        cancel();
    cancelled?.addEventListener('abort', cancel); // an AbortSignal fires once; end() removes the listener
    clock.sleep(timeoutMs, run.signal).then(() => run.abort(new TimeoutError()), () => undefined);
    return {
        signal: run.signal,
        fail: (err) => void (run.signal.aborted || run.abort(err)),
        end() {
            const reason = run.signal.reason;
            run.abort();
            cancelled?.removeEventListener('abort', cancel);
            return reason;
        },
    };
}
/** How a run that stopped before its work was done ended. */
const endingOf = (reason) => reason instanceof TimeoutError ? 'timeout' : reason instanceof CancelledError ? 'cancelled' : 'error';

;// CONCATENATED MODULE: ./src/gate/health-waiter.ts


const tooManyMessage = (n) => `${n} targets matched, more than ${MAX_GATED}; narrow with listener-ids or targets`;
/** Unhealthy targets and their states: a change here is worth a log line; a repeat is not. */
const unhealthySignature = (step) => step.unhealthy
    .map((t) => `${targetKey(t)}=${t.detail}`)
    .sort()
    .join('\n');
async function waitForHealth(o) {
    const start = o.clock.now();
    const run = startDeadline(o.clock, o.timeoutMs, o.signal);
    const gate = {
        filters: o.filters,
        listenerIds: o.listenerIds,
        healthyForMs: o.healthyForMs,
        loadBalancerIds: o.loadBalancerIds,
        loadBalancersNamed: o.loadBalancersNamed,
    };
    const scope = scopeOf(gate);
    let state;
    let last;
    let lastRequestId;
    let polls = 0;
    let lastPollAt = start;
    async function poll() {
        for (;;) {
            run.signal.throwIfAborted();
            const answer = await o.describe(o.loadBalancerIds, scope, run.signal);
            polls++;
            lastRequestId = answer.requestId ?? lastRequestId;
            const now = (lastPollAt = o.clock.now());
            // An answer that came only after failed attempts leaves a gap in what was observed.
            const step = gateStep(state, answer.targets, gate, now, answer.retried);
            if (!last || unhealthySignature(step) !== unhealthySignature(last))
                o.onChange?.(step, now - start);
            [state, last] = [step.state, step];
            if (step.verdict === 'too-many')
                throw new Error(tooManyMessage(step.targets.length));
            if (step.verdict !== 'waiting')
                return;
            // Wake at the window's end when it comes before the next poll: no interval of lag on top of healthy-for.
            const windowEnd = step.healthySinceMs === undefined ? Infinity : step.healthySinceMs + o.healthyForMs - now;
            await o.clock.sleep(Math.max(0, Math.min(o.intervalMs, windowEnd)), run.signal);
        }
    }
    await poll().catch((err) => run.fail(err));
    const reason = run.end();
    const verdict = last?.verdict;
    // A verdict reached as the deadline fired stands, as in waiter.ts.
    const outcome = verdict === 'healthy' || verdict === 'nothing-gated' ? verdict : endingOf(reason);
    return {
        outcome,
        targets: last?.targets ?? [],
        unhealthy: last?.unhealthy ?? [],
        unmatchedFilters: last?.unmatchedFilters ?? [],
        idleLoadBalancers: last?.idleLoadBalancers ?? [],
        restartedBy: last?.state.restartedBy,
        setChanges: last?.state.setChanges ?? 0,
        healthyMs: last?.healthySinceMs === undefined ? undefined : lastPollAt - last.healthySinceMs,
        healthyForMs: o.healthyForMs,
        elapsedMs: o.clock.now() - start,
        lastRequestId,
        polls,
        ...(outcome === 'error' ? { error: reason } : {}),
    };
}

;// CONCATENATED MODULE: ./src/gate/progress.ts


/** Tasks mostly finish within 5-30 s; a line every 15 s shows life without flooding the log. */
const PROGRESS_EVERY_MS = 15_000;
/** Calls `tick` every `everyMs` until the signal aborts. Never throws. */
async function everyUntilAborted(clock, everyMs, signal, tick) {
    try {
        for (;;) {
            await clock.sleep(everyMs, signal);
            tick();
        }
    }
    catch {
        // aborted: the wait ended
    }
}
/** `deadline in 9m 15s (10:32:05 UTC)` */
function deadlineText(remainingMs, wallNowMs) {
    const at = new Date(wallNowMs + Math.max(0, remainingMs)).toISOString().slice(11, 19);
    return `deadline in ${formatDuration(Math.max(0, remainingMs))} (${at} UTC)`;
}
/** `Still waiting after 45s: 2 of 3 tasks in progress (task a, task b); deadline in …` */
function waitingLine(what, elapsedMs, pending, total, deadline) {
    return `Still waiting after ${formatDuration(elapsedMs)}: ${pending.length} of ${total} ${what} (${listed(pending, ', ', 5)}); ${deadline}`;
}

;// CONCATENATED MODULE: ./src/report/timeline.ts
// The wait as a picture for the job summary: a Mermaid `gantt` (GitHub renders it) with each
// task from its first answer to its final status, then the health phase and the moment each
// gated target turned Alive. Pure. Labels carry ids and addresses only, reduced to characters
// that cannot end a Mermaid statement or start a directive, and every row starts with a mark
// that no Mermaid statement starts with; rows are capped like every table.
const MAX_TIMELINE_TASKS = 30;
const MAX_TIMELINE_TARGETS = 30;
const LABEL_CAP = 60;
/**
 * Mermaid reads `:` as the end of a task name, `;` and `#` as statement and entity marks, `%%`
 * as a comment, and a newline as the next statement: keep letters, digits, `. _ - [ ] ( )`,
 * spaces and `/`, turn `:` into a look-alike (U+2236) so `ip:port` and IPv6 stay readable.
 */
function mermaidLabel(text) {
    const safe = text
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/:/g, '∶')
        .replace(/[^A-Za-z0-9._\-[\]() /∶]/g, '_');
    const chars = [...safe];
    return (chars.length > LABEL_CAP ? `${chars.slice(0, LABEL_CAP - 1).join('')}…` : safe) || '_';
}
/**
 * Mermaid reads a row that starts with a keyword (`title`, `section`, `click`, `todayMarker`, a
 * date…, in any case) as that statement, and a label's text comes from the API (a listener's
 * Protocol) or the user (a task id). Every keyword starts with a letter, a digit or `%`, so the
 * one function that writes rows puts this mark first: no label, whatever its source, starts one.
 */
const ROW_MARK = '·';
/** A gantt row: `name` (made of mermaidLabel() output and our own words), then Mermaid's data. */
function row(name, data) {
    return `  ${ROW_MARK} ${name} :${data}`;
}
const TASK_TAG = { 0: 'done', 1: 'crit', 2: 'active' };
const TASK_WORD = { 0: 'succeeded', 1: 'failed', 2: 'in progress' };
function timelineMarkdown(t) {
    if (!t.tasks.length && !t.health)
        return '';
    /** Absolute ms; a span of 0 ms draws nothing, so every bar lasts 1 ms at least. */
    const span = (from, to) => {
        const start = Math.round(t.originWallMs + from);
        return `${start}, ${Math.max(Math.round(t.originWallMs + to), start + 1)}`;
    };
    const lines = ['```mermaid', 'gantt', '  dateFormat x', '  axisFormat %H:%M:%S'];
    const more = [];
    if (t.tasks.length) {
        lines.push('  section Tasks');
        t.tasks.slice(0, MAX_TIMELINE_TASKS).forEach((task, i) => {
            const word = task.status === undefined ? 'no answer' : TASK_WORD[task.status];
            const tag = task.status === undefined ? 'active' : TASK_TAG[task.status];
            lines.push(row(`${mermaidLabel(task.label)} (${word})`, `${tag}, task${i}, ${span(task.firstMs, task.endMs)}`));
        });
        if (t.tasks.length > MAX_TIMELINE_TASKS)
            more.push(`${t.tasks.length - MAX_TIMELINE_TASKS} more tasks`);
    }
    if (t.health) {
        const h = t.health;
        lines.push('  section Target health');
        lines.push(row(h.healthy ? 'healthy' : 'not healthy', `${h.healthy ? 'done' : 'crit'}, health, ${span(h.startMs, h.endMs)}`));
        [...h.alive]
            .sort((a, b) => a.atMs - b.atMs)
            .slice(0, MAX_TIMELINE_TARGETS)
            .forEach((a, i) => lines.push(row(`${mermaidLabel(a.label)} Alive`, `milestone, alive${i}, ${span(a.atMs, a.atMs)}`)));
        if (h.alive.length > MAX_TIMELINE_TARGETS)
            more.push(`${h.alive.length - MAX_TIMELINE_TARGETS} more targets`);
    }
    lines.push('```', '');
    if (more.length)
        lines.push(`Timeline leaves out ${more.join(' and ')}.`, '');
    return ['### Timeline', '', ...lines].join('\n');
}

;// CONCATENATED MODULE: ./src/gate/poll-policy.ts
// When to poll a task next: fast at first, then slower as the wait grows. Pure.
/** After the fast window the gap grows by 1 s for every 10 s waited, up to the maximum. */
const GROWTH_PER_MS = 0.1;
/** Inputs guarantee maxIntervalMs >= intervalMs. */
function nextPollDelay(policy, elapsedMs) {
    const beyond = Math.max(0, elapsedMs - policy.fastWindowMs);
    return Math.round(Math.min(policy.maxIntervalMs, policy.intervalMs + beyond * GROWTH_PER_MS));
}

;// CONCATENATED MODULE: ./src/gate/task-waiter.ts


async function waitForTasks(o) {
    const start = o.clock.now();
    const run = startDeadline(o.clock, o.timeoutMs, o.signal);
    let lastRequestId;
    const states = o.tasks.map((ref) => ({
        ref,
        status: undefined,
        message: null,
        loadBalancerIds: [],
        requestId: undefined,
        polls: 0,
        waitedMs: 0,
    }));
    async function follow(state) {
        for (;;) {
            run.signal.throwIfAborted();
            const answer = await o.describe(state.ref, run.signal);
            const previous = state.status;
            lastRequestId = answer.requestId || lastRequestId;
            Object.assign(state, { ...answer, polls: state.polls + 1, waitedMs: o.clock.now() - start });
            o.onAnswer?.(state, previous);
            if (answer.status !== 2)
                return;
            await o.clock.sleep(nextPollDelay(o.poll, o.clock.now() - start), run.signal);
        }
    }
    // The first failure for good stops every loop; later ones are its echoes.
    await Promise.all(states.map((s) => follow(s).catch((err) => run.fail(err))));
    const reason = run.end();
    const elapsedMs = o.clock.now() - start;
    for (const s of states)
        if (s.status !== 0 && s.status !== 1)
            s.waitedMs = elapsedMs;
    // Every task final is done, even if the deadline fired as the last answer came in.
    const allFinal = states.every((s) => s.status === 0 || s.status === 1);
    const outcome = reason === undefined || allFinal ? 'done' : endingOf(reason);
    return {
        outcome,
        tasks: states,
        lastRequestId,
        elapsedMs,
        ...(outcome === 'error' ? { error: reason } : {}),
    };
}

;// CONCATENATED MODULE: ./src/gate/gate.ts









/** What was not checked stays empty (`status`, `healthy`) or an empty list. */
const emptyOutputs = () => ({
    status: '',
    'load-balancer-ids': '[]',
    'request-id': '',
    tasks: '[]',
    healthy: '',
    health: '[]',
});
async function runGate(d) {
    const timeline = { originWallMs: d.clock.wallNow(), tasks: [] };
    const report = await gate(d, timeline);
    const picture = timelineMarkdown(timeline);
    return picture ? { ...report, summary: `${report.summary}\n${picture}` } : report;
}
async function gate(deps, timeline) {
    const start = deps.clock.now();
    const report = {
        outputs: emptyOutputs(),
        summary: '',
        warnings: [],
    };
    let taskLoadBalancerIds = [];
    if (deps.config.tasks.length) {
        const tasks = await taskPhase(deps, start, timeline);
        const tasksSaid = taskVerdict(tasks, deps.config.failOnTimeout, deps.config.timeoutMs);
        Object.assign(report.outputs, tasksSaid.outputs);
        report.summary += summaryMarkdown(tasks, tasksSaid);
        if (tasksSaid.warning)
            report.warnings.push(tasksSaid.warning);
        if (tasksSaid.failure || tasksSaid.status !== '0')
            return { ...report, failure: tasksSaid.failure };
        taskLoadBalancerIds = [...new Set(tasks.tasks.flatMap((t) => t.loadBalancerIds))];
    }
    const health = deps.config.health;
    if (!health)
        return report;
    const loadBalancerIds = health.loadBalancerIds.length ? health.loadBalancerIds : taskLoadBalancerIds;
    if (!loadBalancerIds.length)
        return {
            ...report,
            failure: "wait-healthy: the tasks named no load balancer, so there is nothing to check; set the 'load-balancers' input",
        };
    return healthPhase(deps, health, loadBalancerIds, { start, report, timeline });
}
/** Every task to its final status (or the deadline); the timeline gets each task's span. */
async function taskPhase(deps, start, timeline) {
    const live = new Map(); // the latest answer for each task, for the progress line
    const firstAnswerMs = new Map();
    const result = await withProgress(deps, (elapsed) => taskLine(live, elapsed, deps), () => waitForTasks({
        tasks: deps.config.tasks,
        describe: deps.describeTask,
        clock: deps.clock,
        poll: deps.config.poll,
        timeoutMs: deps.config.timeoutMs,
        signal: deps.signal,
        onAnswer: (t, previous) => {
            if (!firstAnswerMs.has(taskKey(t.ref)))
                firstAnswerMs.set(taskKey(t.ref), deps.clock.now() - start);
            onTaskAnswer(deps, live, t, previous);
        },
    }));
    timeline.tasks = result.tasks.map((t) => ({
        label: t.ref.id,
        firstMs: firstAnswerMs.get(taskKey(t.ref)) ?? 0,
        endMs: t.waitedMs,
        status: t.status,
    }));
    return result;
}
/** The targets, in what is left of the one timeout; adds its outputs, summary and verdict to `so.report`. */
async function healthPhase(deps, health, loadBalancerIds, so) {
    const { start, report } = so;
    let last;
    const elapsedBefore = deps.clock.now() - start;
    const aliveSince = new Map(); // gated targets Alive, since when
    const healthTimeoutMs = Math.max(0, deps.config.timeoutMs - elapsedBefore);
    deps.log(`Checking target health of ${listed(loadBalancerIds, ', ', 5)}` +
        `${health.listenerIds.length ? ` (listeners ${listed(health.listenerIds, ', ', 5)})` : ''}; ` +
        `every gated target must be Alive for ${formatDuration(health.healthyForMs)}`);
    const result = await withProgress(deps, (elapsed) => healthLine(last, elapsed, healthTimeoutMs, deps), () => waitForHealth({
        loadBalancerIds,
        loadBalancersNamed: health.loadBalancerIds.length > 0,
        listenerIds: health.listenerIds,
        filters: health.filters,
        describe: deps.describeHealth,
        clock: deps.clock,
        intervalMs: deps.config.poll.intervalMs,
        healthyForMs: health.healthyForMs,
        timeoutMs: healthTimeoutMs,
        signal: deps.signal,
        onChange: (step) => {
            last = step;
            noteAlive(aliveSince, step, deps.clock.now() - start);
            deps.log(healthChange(step, health.healthyForMs));
        },
    }));
    so.timeline.health = {
        startMs: elapsedBefore,
        endMs: deps.clock.now() - start,
        healthy: result.outcome === 'healthy',
        alive: [...aliveSince.values()],
    };
    const healthReport = healthVerdict(result);
    Object.assign(report.outputs, healthReport.outputs);
    if (!deps.config.tasks.length)
        report.outputs['request-id'] = result.lastRequestId ?? '';
    report.summary += (report.summary ? '\n' : '') + healthSummaryMarkdown(result, healthReport);
    if (healthReport.warning)
        report.warnings.push(healthReport.warning);
    if (result.outcome === 'timeout' && !deps.config.failOnTimeout) {
        report.warnings.push(`${healthReport.failure}. fail-on-timeout is false, so the step passes`);
        return report;
    }
    return healthReport.failure ? { ...report, failure: healthReport.failure } : report;
}
/** Runs the wait with a progress line every PROGRESS_EVERY_MS beside it. */
async function withProgress(d, line, wait) {
    const start = d.clock.now();
    const ticker = new AbortController();
    void everyUntilAborted(d.clock, d.progressEveryMs ?? PROGRESS_EVERY_MS, ticker.signal, () => {
        const text = line(d.clock.now() - start);
        if (text)
            d.log(text);
    });
    try {
        return await wait();
    }
    finally {
        ticker.abort();
    }
}
const taskKey = (ref) => `${ref.kind}:${ref.id}`;
/** Keeps, for each gated target now Alive, when it turned so; one that drops out is forgotten. */
function noteAlive(aliveSince, step, nowMs) {
    const gated = new Map(step.gated.map((t) => [targetKey(t), t]));
    for (const key of aliveSince.keys())
        if (gated.get(key)?.detail !== 'Alive')
            aliveSince.delete(key);
    for (const [key, t] of gated)
        if (t.detail === 'Alive' && !aliveSince.has(key))
            aliveSince.set(key, { label: `${t.listener.protocol}:${t.listener.port} ${targetText(t)}`, atMs: nowMs });
}
function onTaskAnswer(d, states, t, previous) {
    states.set(`${t.ref.kind}:${t.ref.id}`, t);
    d.debug(`${t.ref.id}: status ${t.status}, RequestId ${t.requestId}`);
    if (t.status === previous)
        return;
    const after = t.status === 2 ? '' : ` after ${formatDuration(t.waitedMs)}`;
    const lbs = t.loadBalancerIds.length ? `; load balancers ${listed(t.loadBalancerIds, ', ', 5)}` : '';
    const why = t.message ? `: ${t.message}` : ''; // quoted API text goes last
    d.log(`${describeRef(t.ref)}: ${statusText(t.status)}${after}${lbs}${why}`);
}
function taskLine(states, elapsedMs, d) {
    const pending = d.config.tasks.filter((ref) => {
        const s = states.get(`${ref.kind}:${ref.id}`)?.status;
        return s !== 0 && s !== 1;
    });
    if (!pending.length)
        return undefined;
    const deadline = deadlineText(d.config.timeoutMs - elapsedMs, d.clock.wallNow());
    return waitingLine('tasks in progress', elapsedMs, pending.map(describeRef), d.config.tasks.length, deadline);
}
/** `timeoutMs`: what was left of the run's timeout when the health wait began. */
function healthLine(step, elapsedMs, timeoutMs, d) {
    const deadline = deadlineText(timeoutMs - elapsedMs, d.clock.wallNow());
    if (!step)
        return `Still waiting for the first DescribeTargetHealth answer; ${deadline}`;
    if (!step.unhealthy.length)
        return `Still waiting: every gated target is Alive, holding for healthy-for; ${deadline}`;
    const pending = step.unhealthy.map((t) => `${describeTarget(t)} ${t.detail}`);
    return waitingLine('gated targets not healthy', elapsedMs, pending, step.gated.length, deadline);
}
function healthChange(step, healthyForMs) {
    const n = step.gated.length;
    if (!step.unhealthy.length)
        return `Target health: all ${n} gated target${n === 1 ? '' : 's'} Alive; holding for ${formatDuration(healthyForMs)}`;
    const pending = step.unhealthy.map((t) => `${describeTarget(t)} ${t.detail}`);
    return `Target health: ${step.unhealthy.length} of ${n} gated targets not healthy yet: ${listed(pending, '; ', 5)}`;
}

;// CONCATENATED MODULE: ./src/tencent/http.ts
// One POST, abandoned after a timeout. Proxies from HTTPS_PROXY / HTTP_PROXY / NO_PROXY.
// Everything a server sends is untrusted: redirects are refused, bodies are read as a
// stream up to a cap (gzip is inflated chunk by chunk, so the cap bounds it too).


/** The API's answers are a few KB; the largest (DescribeTargetHealth for 30 load balancers) stays far below this. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const PROXY_VARS = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;
const proxyConfigured = (env) => PROXY_VARS.some((n) => env[n]?.trim());
/**
 * Node's built-in fetch when no proxy is set; undici's EnvHttpProxyAgent when one is: it
 * honours all three variables in either case, NO_PROXY included. The import is dynamic so a
 * front-end without @actions/core (which loads undici anyway) does not load it for nothing.
 */
async function createTransport(env = process.env) {
    if (!proxyConfigured(env))
        return fetchTransport(globalThis.fetch);
    const undici = await __nccwpck_require__.e(/* import() */ 752).then(__nccwpck_require__.t.bind(__nccwpck_require__, 6752, 19));
    const dispatcher = withoutWarning('UNDICI-EHPA', () => {
        return new undici.EnvHttpProxyAgent({
            httpProxy: env.http_proxy || env.HTTP_PROXY,
            httpsProxy: env.https_proxy || env.HTTPS_PROXY,
            noProxy: env.no_proxy || env.NO_PROXY,
        });
    });
    return fetchTransport(undici.fetch, dispatcher);
}
/** undici flags EnvHttpProxyAgent "experimental" on stderr on every proxied run; users can do nothing about it. */
function withoutWarning(code, make) {
    const emit = process.emitWarning;
    process.emitWarning = ((warning, ...rest) => {
        const o = rest[0];
        if ((typeof o === 'object' && o?.code === code) || rest[1] === code)
            return;
        emit.call(process, warning, ...rest);
    });
    try {
        return make();
    }
    finally {
        process.emitWarning = emit;
    }
}
function fetchTransport(fetchFn, dispatcher) {
    return async ({ url, headers, body, timeoutMs, signal }) => {
        const timeout = AbortSignal.timeout(timeoutMs);
        const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
        try {
            const res = await fetchFn(url, {
                method: 'POST',
                headers,
                body,
                signal: combined,
                redirect: 'manual',
                dispatcher,
            });
            if (res.status >= 300 && res.status < 400) {
                await res.body?.cancel().catch(() => undefined);
                throw new TransportError(`HTTP ${res.status} redirect to ${redirectTarget(res.headers.get('location'), url)} refused: ` +
                    'the API never redirects, so credentials and the request are not sent on. Check endpoint and any proxy', res.status, true);
            }
            return { status: res.status, body: await readCapped(res, MAX_BODY_BYTES) };
        }
        catch (err) {
            if (err instanceof TransportError)
                throw err;
            if (signal?.aborted)
                throw signal.reason; // the run was cancelled or timed out: not a request failure
            if (timeout.aborted)
                throw new TransportError(`no response within ${timeoutMs / 1000}s; abandoned`);
            throw describeFetchError(err);
        }
    };
}
/** Only the host is named: a Location header is untrusted and may carry anything. */
function redirectTarget(location, base) {
    if (!location)
        return '(no Location)';
    try {
        const target = new URL(location, base);
        return clean(`${target.protocol}//${target.host}`, 100);
    }
    catch {
        return '(an invalid Location)';
    }
}
/** Reads the body up to `max` bytes; a larger body is cut off and reported, never buffered. */
async function readCapped(res, max) {
    const declared = Number(res.headers.get('content-length'));
    if (declared > max) {
        await res.body?.cancel().catch(() => undefined);
        throw tooLarge(max);
    }
    if (!res.body)
        return '';
    const reader = res.body.getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        size += value.byteLength;
        if (size > max) {
            await reader.cancel().catch(() => undefined);
            throw tooLarge(max);
        }
        chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
}
const tooLarge = (max) => new TransportError(`response body is larger than ${max / 1024 / 1024} MiB: not an API answer; abandoned`);
/** Every message and code along an error's cause chain (fetch nests the real failure). */
function causes(err) {
    const out = [];
    for (let e = err; e && out.length < 5;) {
        out.push({ message: String(e.message ?? e), code: typeof e.code === 'string' ? e.code : undefined });
        e = typeof e === 'object' ? e.cause : undefined;
    }
    return out;
}
function describeFetchError(err) {
    const chain = causes(err).slice(1); // [0] is fetch's own "fetch failed"
    // fetch reports network failures as a TypeError with a cause; anything else is local
    // (an invalid header, say), will not heal, and its message may quote a header value.
    if (!chain.length)
        return new TransportError(`the request could not be sent (${err?.name ?? 'error'})`, undefined, true);
    if (chain.some((c) => /\b407\b/.test(c.message)))
        return new TransportError('the proxy answered 407 Proxy Authentication Required. Hint: put the user and password in the proxy URL ' +
            '(HTTPS_PROXY=http://user:password@proxy:3128), or exempt this host with NO_PROXY', 407, true);
    if (chain.some((c) => c.message === 'bad port'))
        return new TransportError('the endpoint\'s port is one that fetch refuses to connect to (a browser "bad port"); use another port', undefined, true);
    const cause = chain.find((c) => c.code) ?? chain[0];
    const detail = clean(cause.code ? `${cause.code}${cause.message ? ` (${cause.message})` : ''}` : cause.message, 200);
    if (cause.code && CERTIFICATE_ERROR.test(cause.code))
        return new TransportError(`TLS error: ${detail}. Hint: the server's certificate is not trusted; ` +
            'behind a TLS-inspecting proxy, let Node use the OS certificate store (NODE_OPTIONS=--use-system-ca) or give it the CA with NODE_EXTRA_CA_CERTS', undefined, true);
    return new TransportError(`network error: ${detail}`);
}

;// CONCATENATED MODULE: ./src/tencent/limiter.ts
/** Rate regained per second after a slow-down, in requests per window. */
const RECOVERY_PER_SECOND = 1;
/**
 * At most `limit` grants in any `windowMs`, one every windowMs/rate. The server counts
 * arrivals, not departures, so callers give the window a margin over the API's second.
 */
function createLimiter(limit, windowMs, clock) {
    let current = limit;
    let updatedAt = clock.now();
    let slowedAt = -Infinity;
    let last = -Infinity; // time of the latest grant
    let tail = Promise.resolve();
    const rate = () => {
        const now = clock.now();
        current = Math.min(limit, current + ((now - updatedAt) / 1000) * RECOVERY_PER_SECOND);
        updatedAt = now;
        return current;
    };
    async function take(signal) {
        signal?.throwIfAborted();
        const spacing = windowMs / rate();
        const wait = last + spacing - clock.now();
        if (wait > 0)
            await clock.sleep(wait, signal);
        last = Math.max(clock.now(), last + spacing);
    }
    return {
        acquire(signal) {
            const turn = tail.then(() => take(signal));
            tail = turn.catch(() => undefined);
            return turn;
        },
        slowDown() {
            // Refusals from one burst arrive together: they call for one halving, not one each.
            if (clock.now() - slowedAt < windowMs)
                return;
            slowedAt = clock.now();
            current = Math.max(1, rate() / 2);
        },
        rate,
    };
}

;// CONCATENATED MODULE: ./src/tencent/retry-policy.ts
// How long to back off before the API client sends a request again. Pure.
const DEFAULT_RETRY = { maxRetries: 5, baseMs: 500, capMs: 10_000 };
/**
 * "Equal jitter" exponential backoff: half the exponential step, plus a random half.
 * Never zero (a retry never hammers), and parallel jobs drift apart instead of retrying
 * in lock-step. Rate-limit answers start from a longer base so a crowded account calms down.
 * `random` is in [0, 1).
 */
function retryDelay(policy, retry, random, rateLimited = false) {
    const base = rateLimited ? Math.max(policy.baseMs, 1000) : policy.baseMs;
    const step = Math.min(policy.capMs, base * 2 ** retry);
    return Math.round(step / 2 + random * (step / 2));
}

;// CONCATENATED MODULE: ./src/tencent/retry.ts
/**
 * Runs `attempt` until it succeeds, or until `nextDelay` returns undefined for an error
 * (that error is thrown). A cancelled or timed-out run is never retried.
 */
async function withRetries(attempt, nextDelay, o) {
    for (let retry = 0;; retry++) {
        try {
            return await attempt();
        }
        catch (err) {
            if (o.signal?.aborted)
                throw o.signal.reason;
            const delay = nextDelay(err, retry);
            if (delay === undefined)
                throw err;
            o.onRetry?.(err, delay, retry);
            await o.clock.sleep(delay, o.signal);
        }
    }
}
/** The promise's result, or the signal's reason as soon as it aborts (the work itself goes on). */
function untilAborted(promise, signal) {
    if (!signal)
        return promise;
    return new Promise((resolve, reject) => {
        if (signal.aborted)
            return reject(signal.reason);
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
}

;// CONCATENATED MODULE: ./src/tencent/oidc.ts





const STS = { service: 'sts', version: '2018-08-13' };
/** @actions/core reports "Error Code : <status>"; no status means the request itself failed. */
function tokenErrorIsTransient(err) {
    const status = /Error Code : (\d+)/.exec(err instanceof Error ? err.message : String(err));
    return !status || Number(status[1]) >= 500 || Number(status[1]) === 429;
}
/**
 * Shortest and longest credential lifetimes a sane STS answer gives (role-duration allows 1 min to 12 h).
 * The floor also bounds how often the action logs in: renewal comes a quarter-lifetime early, so at least 45 s apart.
 */
const MIN_LIFETIME_MS = 60_000;
/** Renewal comes a quarter of the lifetime early, but never more than this. */
const MAX_RENEW_MARGIN_MS = 300_000;
/** A failed renewal is fatal only once the current credentials have less than this left. */
const LAST_MINUTE_MS = 60_000;
/** After a failed renewal, try again this much later. */
const RENEW_RETRY_MS = 30_000;
const MAX_LIFETIME_MS = (43_200 + 600) * 1000; // 12 h, plus room for clock skew
/** Checks an STS answer against the time it was asked at (wall-clock ms). Credentials are untrusted until checked. */
function parseAssumeRole(r, nowMs) {
    const c = r.Credentials;
    const ok = (v) => typeof v === 'string' && /^[\x21-\x7e]{1,4096}$/.test(v);
    if (!c || !ok(c.TmpSecretId) || !ok(c.TmpSecretKey) || !ok(c.Token) || r.ExpiredTime === undefined)
        throw new TransportError('AssumeRoleWithWebIdentity response lacks Credentials or ExpiredTime');
    const expiresAt = Number.isSafeInteger(r.ExpiredTime) ? r.ExpiredTime * 1000 : NaN;
    const life = expiresAt - nowMs;
    if (!(life >= MIN_LIFETIME_MS && life <= MAX_LIFETIME_MS))
        throw new TransportError(`AssumeRoleWithWebIdentity returned ExpiredTime ${clean(JSON.stringify(r.ExpiredTime), 30)}, which is not ` +
            'between 1 minute and 12 hours from now (Unix seconds). Hint: check the runner clock and sts-endpoint', undefined, true);
    return {
        credentials: { secretId: c.TmpSecretId, secretKey: c.TmpSecretKey, token: c.Token },
        expiresAt,
    };
}
/** A credentials provider for the API client: logs in on first use and renews ahead of expiry. */
function oidcCredentials(deps) {
    const random = deps.random ?? Math.random;
    let current;
    let pending;
    return async (signal) => {
        if (current && deps.clock.wallNow() < current.renewAt)
            return current.credentials;
        pending ??= login(deps, random, signal).finally(() => (pending = undefined));
        try {
            current = await untilAborted(pending, signal);
        }
        catch (err) {
            // A failed renewal need not end the wait while the current credentials last.
            if (signal?.aborted || !current || deps.clock.wallNow() > current.expiresAt - LAST_MINUTE_MS)
                throw err;
            deps.log?.(`Renewing the credentials failed (${messageOf(err)}); keeping the current ones, trying again in ${formatDuration(RENEW_RETRY_MS)}`);
            current.renewAt = deps.clock.wallNow() + RENEW_RETRY_MS;
        }
        return current.credentials;
    };
}
/** One login: ID token, then STS; masks every secret and picks when to renew. */
async function login(deps, random, signal) {
    const idToken = await fetchIdToken(deps, random, signal);
    deps.mask(idToken);
    const { credentials, expiresAt, issuedAt } = await assumeRole(deps, idToken, signal);
    // Masked before anything else can print them.
    deps.mask(credentials.secretKey);
    deps.mask(credentials.token);
    deps.mask(credentials.secretId);
    // Renew with a quarter of the lifetime (at most 5 minutes) to spare.
    const margin = Math.min(MAX_RENEW_MARGIN_MS, (expiresAt - issuedAt) / 4);
    deps.log?.(`Assumed ${deps.config.roleArn} as ${deps.config.roleSessionName}; credentials valid until ${new Date(expiresAt).toISOString()}`);
    return { credentials, renewAt: expiresAt - margin, expiresAt };
}
/** The job's GitHub ID token, retrying what GitHub may answer differently next time (5xx, 429, no answer). */
async function fetchIdToken(deps, random, signal) {
    return withRetries(() => untilAborted(deps.getIdToken(deps.config.audience), signal), // core.getIDToken takes no signal
    (err, retry) => tokenErrorIsTransient(err) && retry < deps.retry.maxRetries ? retryDelay(deps.retry, retry, random()) : undefined, {
        clock: deps.clock,
        signal,
        onRetry: (err, ms) => deps.log?.(`GitHub ID token request failed (${clean(messageOf(err))}); retrying in ${formatDuration(ms)}`),
    }).catch((err) => {
        // An abort is the caller's doing, passed on as is; anything else names the audience to check.
        if (signal?.aborted)
            throw err;
        throw new Error(`Getting the GitHub ID token for audience ${deps.config.audience}: ${clean(messageOf(err))}`);
    });
}
/** Trades the ID token for credentials; the lifetime is checked against the time of asking. */
async function assumeRole(deps, idToken, signal) {
    const issuedAt = deps.clock.wallNow();
    const { credentials, expiresAt } = await deps.sts('AssumeRoleWithWebIdentity', {
        ProviderId: deps.config.providerId,
        WebIdentityToken: idToken,
        RoleArn: deps.config.roleArn,
        RoleSessionName: deps.config.roleSessionName,
        DurationSeconds: deps.config.durationSeconds,
    }, {
        context: `STS AssumeRoleWithWebIdentity for ${deps.config.roleArn}`,
        parse: (r) => parseAssumeRole(r, issuedAt),
        signal,
    });
    return { credentials, expiresAt, issuedAt };
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __nccwpck_require__(7030);
;// CONCATENATED MODULE: ./src/tencent/target-health.ts
// CLB DescribeTargetHealth: which backends of a load balancer are healthy. Every field of
// the answer is untrusted. Strict on structure and safety: ids, addresses, ports, weights,
// nesting and sizes are shape-checked, and free text is cleaned and capped before it can
// reach a log line, an output or the summary. Open on vocabulary: Tencent documents the
// health detail and the protocol only by example and adds values over time, so an unknown
// value is carried (cleaned) for the policy to judge, never a reason to refuse the answer.



/** The API's limit on LoadBalancerIds per call. */
const MAX_IDS_PER_CALL = 30;
/** More than this in one answer is not an answer we can report on sensibly: malformed. */
const MAX_TARGETS_PER_ANSWER = 5000;
const LISTENER_ID = /^lbl-[0-9a-z]{8}$/;
const LOCATION_ID = /^loc-[0-9a-z]{8}$/;
const TARGET_ID = /^[a-z]+-[0-9a-z]{8}$/;
// Short, and cut without a count: a value this long is no word of the API's, and 300 targets
// of it must keep the outputs within budget (test/output-budget.test.ts).
const DETAIL_CAP = 20;
const PROTOCOL_CAP = 12;
const DOMAIN_CAP = 255;
const URL_CAP = 200;
const NAME_CAP = 100;
/**
 * Hostname and path characters, with the wildcard and regular-expression characters CLB
 * rules allow (`*.example.com`, `~^/api/v\d+$`). Anything else (spaces, quotes, `<>`, `@`,
 * backticks) is no rule Tencent would store.
 */
const RULE_TEXT = /^[A-Za-z0-9._~*^$\\()[\]{}|?+,;=:/%!&'#-]+$/;
/** One call per 30 load balancers, concurrently: the caller's ApiCall is already rate-limited. */
async function describeTargetHealth(call, loadBalancerIds, scope, signal) {
    const ids = [...new Set(loadBalancerIds)];
    const batches = [];
    for (let i = 0; i < ids.length; i += MAX_IDS_PER_CALL)
        batches.push(ids.slice(i, i + MAX_IDS_PER_CALL));
    // Undocumented: what ListenerIds does with a listener of another call's load balancers. So
    // it is sent only when one call covers them all; otherwise the parser filters listeners.
    const sendListeners = batches.length === 1 && scope.listenerIds.length > 0;
    let requestId;
    let retried = false;
    const answers = await Promise.all(batches.map(async (batch) => {
        const params = sendListeners
            ? { LoadBalancerIds: batch, ListenerIds: scope.listenerIds }
            : { LoadBalancerIds: batch };
        const answer = await call('DescribeTargetHealth', params, {
            context: `DescribeTargetHealth for ${listIds(batch)}`,
            parse: (r) => parseTargetHealth(r, batch, scope),
            onRetry: () => void (retried = true),
            signal,
        });
        requestId = answer.requestId; // the latest answer to arrive
        return answer;
    }));
    return {
        targets: answers.flatMap((a) => a.targets),
        loadBalancerIds: answers.flatMap((a) => a.loadBalancerIds),
        requestId,
        retried,
    };
}
/** `a, b, c and 27 more`: an error's context stays one short line. */
const listIds = (ids, max = 3) => ids.slice(0, max).join(', ') + (ids.length > max ? ` and ${ids.length - max} more` : '');
const malformed = (what) => new MalformedAnswerError(`malformed DescribeTargetHealth response: ${what}`);
/** A short, safe rendering of an unexpected value for an error message (never recursive). */
const shown = (value) => Array.isArray(value)
    ? 'a list'
    : value && typeof value === 'object'
        ? 'an object'
        : clean(JSON.stringify(value) ?? String(value), 60);
function list(value, where) {
    if (value == null)
        return []; // the API sends null for an empty list
    if (!Array.isArray(value))
        throw malformed(`${where} is not a list`);
    return value;
}
function object(value, where) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
        throw malformed(`${where} is not an object`);
    return value;
}
function id(value, shape, where) {
    if (typeof value !== 'string' || !shape.test(value))
        throw malformed(`${where} ${shown(value)} is not a valid id`);
    return value;
}
function integer(value, min, max, where) {
    if (!Number.isInteger(value) || value < min || value > max)
        throw malformed(`${where} ${shown(value)} is not an integer from ${min} to ${max}`);
    return value;
}
/** null and "" (or text that cleans to nothing) are absent; any other value must be text, then it is cleaned and capped. */
function optionalText(value, cap, where) {
    if (value == null)
        return null;
    if (typeof value !== 'string')
        throw malformed(`${where} ${shown(value)} is not text`);
    return clean(value, cap) || null;
}
/** A word of the API's vocabulary (a detail, a protocol): cleaned, and at most `cap` characters in all. */
function word(value, cap, where) {
    const text = optionalText(value, cap * 4, where);
    if (text === null)
        return null;
    const chars = [...text];
    return chars.length <= cap ? text : `${chars.slice(0, cap - 1).join('')}…`;
}
/** Checked as sent (an invisible or control character is no real rule), then capped. */
function target_health_ruleText(value, cap, where) {
    if (value == null || value === '')
        return null;
    if (typeof value !== 'string' || !RULE_TEXT.test(value))
        throw malformed(`${where} ${shown(value)} is not made of hostname and path characters`);
    return clean(value, cap);
}
/** IPv6 has many spellings of one address; the URL parser gives the canonical one. */
const canonicalIp = (ip) => ip.includes(':') ? new URL(`http://[${ip}]/`).hostname.slice(1, -1) : ip;
/**
 * HealthStatusDetail, then the deprecated HealthStatusDetial (the only one until 2023, still
 * sent), then the HealthStatus boolean as a last resort. The detail wins over the boolean:
 * Tencent's own example pairs `HealthStatus: true` with `Dead`.
 */
function detailOf(t, where) {
    for (const field of ['HealthStatusDetail', 'HealthStatusDetial']) {
        const detail = word(t[field], DETAIL_CAP, `${where}: ${field}`);
        if (detail)
            return detail;
    }
    const status = t.HealthStatus;
    if (status == null)
        return 'Unknown'; // nothing said: not healthy
    if (typeof status !== 'boolean')
        throw malformed(`${where}: HealthStatus ${shown(status)} is not a boolean`);
    return status ? 'Alive' : 'Unknown';
}
/** `asked`: the LoadBalancerIds of the request; an answer about any other is malformed. */
function parseTargetHealth(r, asked, scope = { listenerIds: [] }) {
    if (typeof r.RequestId !== 'string' || !REQUEST_ID.test(r.RequestId))
        throw malformed(`RequestId ${shown(r.RequestId)} is not a request id`);
    const answer = { targets: [], loadBalancerIds: [], requestId: r.RequestId, retried: false };
    let count = 0;
    for (const [i, lbValue] of list(r.LoadBalancers, 'LoadBalancers').entries()) {
        const lb = object(lbValue, `LoadBalancers[${i}]`);
        const loadBalancerId = id(lb.LoadBalancerId, LOAD_BALANCER_ID, 'LoadBalancerId');
        if (!asked.includes(loadBalancerId))
            throw malformed(`load balancer ${loadBalancerId} was not asked for`);
        if (answer.loadBalancerIds.includes(loadBalancerId))
            throw malformed(`load balancer ${loadBalancerId} appears twice`);
        answer.loadBalancerIds.push(loadBalancerId);
        const name = optionalText(lb.LoadBalancerName, NAME_CAP, `LoadBalancerName of ${loadBalancerId}`);
        const base = { loadBalancerId, ...(name ? { loadBalancerName: name } : {}) };
        for (const lsValue of list(lb.Listeners, `Listeners of ${loadBalancerId}`)) {
            const ls = object(lsValue, `a listener of ${loadBalancerId}`);
            const listenerId = id(ls.ListenerId, LISTENER_ID, `ListenerId in ${loadBalancerId}`);
            if (scope.listenerIds.length && !scope.listenerIds.includes(listenerId))
                continue;
            const where = `${loadBalancerId} ${listenerId}`;
            const listener = {
                id: listenerId,
                protocol: word(ls.Protocol, PROTOCOL_CAP, `${where} Protocol`) ?? '?',
                port: integer(ls.Port, 1, 65535, `${where} Port`),
            };
            for (const ruleValue of list(ls.Rules, `Rules of ${where}`)) {
                const rule = parseRule(object(ruleValue, `a rule of ${where}`), where);
                for (const targetValue of list(rule.targets, `Targets of ${where}`)) {
                    if (++count > MAX_TARGETS_PER_ANSWER)
                        throw malformed(`more than ${MAX_TARGETS_PER_ANSWER} targets`);
                    const t = object(targetValue, `a target of ${where}`);
                    const target = parseTarget(t, { ...base, listener, rule: rule.rule }, scope);
                    if (target)
                        answer.targets.push(target);
                }
            }
        }
    }
    return answer;
}
function parseRule(ru, where) {
    const locationId = ru.LocationId == null || ru.LocationId === '' ? null : id(ru.LocationId, LOCATION_ID, `${where} LocationId`);
    const domain = target_health_ruleText(ru.Domain, DOMAIN_CAP, `${where} Domain`);
    const url = target_health_ruleText(ru.Url, URL_CAP, `${where} Url`);
    // A layer-4 rule may carry a LocationId with Domain and Url null.
    return { rule: locationId || domain || url ? { locationId, domain, url } : null, targets: ru.Targets };
}
/** undefined: outside the scope (its values are not read). */
function parseTarget(t, place, scope) {
    const where = `target of ${place.loadBalancerId} ${place.listener.id}`;
    // A zone suffix (fe80::1%eth0) passes isIP but is no backend address.
    if (typeof t.IP !== 'string' || !(0,external_node_net_.isIP)(t.IP) || t.IP.includes('%'))
        throw malformed(`${where}: IP ${shown(t.IP)} is not an IP address`);
    const targetId = t.TargetId == null || t.TargetId === '' ? null : id(t.TargetId, TARGET_ID, `${where}: TargetId`);
    const identity = {
        loadBalancerId: place.loadBalancerId,
        listenerId: place.listener.id,
        targetId,
        ip: canonicalIp(t.IP),
        port: integer(t.Port, 1, 65535, `${where}: Port`),
    };
    if (scope.includes && !scope.includes(identity))
        return undefined;
    return {
        ...place,
        targetId,
        ip: identity.ip,
        port: identity.port,
        weight: t.Weight == null ? null : integer(t.Weight, 0, 100, `${where}: Weight`),
        detail: detailOf(t, where),
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: ./src/tencent/signer.ts
// TC3-HMAC-SHA256, the Tencent Cloud API 3.0 signature. Pure: same inputs, same output.

const ALGORITHM = 'TC3-HMAC-SHA256';
const sha256Hex = (data) => (0,external_node_crypto_.createHash)('sha256').update(data, 'utf8').digest('hex');
const hmac = (key, data) => (0,external_node_crypto_.createHmac)('sha256', key).update(data, 'utf8').digest();
const utcDate = (timestamp) => new Date(timestamp * 1000).toISOString().slice(0, 10);
/** kSigning = HMAC(HMAC(HMAC("TC3"+key, date), service), "tc3_request"). */
function deriveSigningKey(secretKey, date, service) {
    const kDate = hmac('TC3' + secretKey, date);
    const kService = hmac(kDate, service);
    return { kDate, kService, kSigning: hmac(kService, 'tc3_request') };
}
function sign(r) {
    const values = new Map();
    for (const [name, value] of Object.entries(r.headers)) {
        const key = name.toLowerCase();
        // `Host` and `host` would reach the server as one header: there is no right way to sign both.
        if (values.has(key))
            throw new Error(`header ${key} is given twice`);
        values.set(key, value.trim().toLowerCase());
    }
    // Sorted by byte value: the default sort compares UTF-16 code units, the same for ASCII names.
    const names = [...values.keys()].sort();
    const signedHeaders = names.join(';');
    const canonicalHeaders = names.map((k) => `${k}:${values.get(k)}\n`).join('');
    const canonicalRequest = [
        r.method ?? 'POST',
        '/',
        r.query ?? '',
        canonicalHeaders,
        signedHeaders,
        sha256Hex(r.body),
    ].join('\n');
    const credentialScope = `${utcDate(r.timestamp)}/${r.service}/tc3_request`;
    const stringToSign = [ALGORITHM, r.timestamp, credentialScope, sha256Hex(canonicalRequest)].join('\n');
    const { kSigning } = deriveSigningKey(r.secretKey, utcDate(r.timestamp), r.service);
    const signature = (0,external_node_crypto_.createHmac)('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
    return {
        authorization: `${ALGORITHM} Credential=${r.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
        signature,
        credentialScope,
        signedHeaders,
        canonicalRequest,
    };
}

;// CONCATENATED MODULE: ./src/tencent/api-client.ts
// One client for Tencent Cloud API 3.0 (POST + JSON): sign, send, read the answer, retry
// what can heal. Every attempt is rate-limited and signed afresh.






/** Failure of a whole call, after any retries; the message carries context and a hint. */
class CallError extends Error {
    cause;
    constructor(message, cause) {
        super(message);
        this.name = 'CallError';
        this.cause = cause;
    }
}
function createApiClient(client) {
    const random = client.random ?? Math.random;
    return async (action, params, { context, parse, signal, onRetry }) => {
        const body = JSON.stringify(params);
        let attempts = 0;
        let resigned = false;
        const send = async () => {
            attempts++;
            await client.limiter?.acquire(signal);
            const headers = await buildHeaders(client, action, body, signal);
            const res = await client.transport({
                url: client.endpoint.url,
                headers,
                body,
                timeoutMs: client.requestTimeoutMs,
                signal,
            });
            const response = readResponse(res.status, res.body);
            try {
                return parse(response);
            }
            catch (err) {
                if (!(err instanceof MalformedAnswerError))
                    throw err;
                throw new MalformedAnswerError(`${err.message} (RequestId ${String(response.RequestId)})`);
            }
        };
        const nextDelay = (err, retry) => {
            if (isSignatureExpired(err)) {
                if (resigned)
                    return undefined;
                resigned = true; // once: a fresh timestamp heals a slow request, not a wrong clock
                return 0;
            }
            const rateLimited = isRateLimited(err);
            if (rateLimited)
                client.limiter?.slowDown(); // the account's budget is shared: yield some of it
            if (!isRetryable(err) || retry >= client.retry.maxRetries)
                return undefined;
            return retryDelay(client.retry, retry, random(), rateLimited);
        };
        try {
            return await withRetries(send, nextDelay, {
                clock: client.clock,
                signal,
                onRetry: (err, delay, retry) => {
                    onRetry?.();
                    client.log?.(`${context}: ${messageOf(err)}; ` +
                        (isSignatureExpired(err)
                            ? 'signing it afresh'
                            : `retrying in ${formatDuration(delay)} (retry ${retry + 1} of ${client.retry.maxRetries})`));
                },
            });
        }
        catch (err) {
            if (signal?.aborted || !(err instanceof ApiError || err instanceof TransportError))
                throw err;
            throw failure(client, action, context, err, attempts);
        }
    };
}
const isSignatureExpired = (err) => err instanceof ApiError && err.code === 'AuthFailure.SignatureExpire';
async function buildHeaders(client, action, body, signal) {
    const creds = await client.credentials?.(signal); // first: a login may take a while
    const timestamp = Math.floor(client.clock.wallNow() / 1000);
    // fetch sends Host from the URL; it is signed with exactly that value.
    const headers = {
        'Content-Type': 'application/json',
        'X-TC-Action': action,
        'X-TC-Version': client.version,
        'X-TC-Timestamp': String(timestamp),
        'X-TC-RequestClient': client.requestClient,
    };
    if (client.region)
        headers['X-TC-Region'] = client.region;
    if (!creds)
        return { ...headers, Authorization: 'SKIP' };
    if (creds.token)
        headers['X-TC-Token'] = creds.token;
    const signed = { 'Content-Type': headers['Content-Type'], Host: client.endpoint.host, 'X-TC-Action': action };
    const { authorization } = sign({ ...creds, service: client.service, timestamp, headers: signed, body });
    return { ...headers, Authorization: authorization };
}
/** Error codes are dotted words (`AuthFailure.SignatureFailure`); anything else is not the API's. */
const ERROR_CODE = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/;
/** The Response object of an API answer. Every field quoted later is cleaned here, where it enters. */
function readResponse(status, text) {
    const snippet = () => clean(text, 200) || '(empty body)';
    if (status !== 200)
        throw new TransportError(`HTTP ${status}: ${snippet()}`, status);
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        throw new TransportError(`response is not JSON: ${snippet()}`);
    }
    // The API's answers nest about 8 deep; a deeper one would overflow any recursive reader later.
    if (depthOf(json, MAX_DEPTH) > MAX_DEPTH)
        throw new MalformedAnswerError(`response is nested more than ${MAX_DEPTH} levels deep`);
    const response = json?.Response;
    if (!response || typeof response !== 'object' || Array.isArray(response))
        throw new TransportError(`response has no Response object: ${snippet()}`);
    const r = response;
    if (typeof r.RequestId !== 'string' || !REQUEST_ID.test(r.RequestId))
        throw new TransportError(`response has no well-formed RequestId: ${snippet()}`);
    if (r.Error) {
        const code = r.Error.Code;
        if (typeof code !== 'string' || code.length > 100 || !ERROR_CODE.test(code))
            throw new TransportError(`response has a malformed error code: ${snippet()}`);
        throw new ApiError(code, clean(r.Error.Message, 300), r.RequestId);
    }
    return r;
}
const MAX_DEPTH = 32;
/** Nesting depth of parsed JSON, without recursion, counting no further than `limit` + 1. */
function depthOf(value, limit) {
    let deepest = 0;
    const stack = [[value, 0]];
    while (stack.length) {
        const [v, depth] = stack.pop();
        if (!v || typeof v !== 'object')
            continue;
        if (depth + 1 > limit)
            return depth + 1;
        deepest = Math.max(deepest, depth + 1);
        for (const child of Object.values(v))
            if (child && typeof child === 'object')
                stack.push([child, depth + 1]);
    }
    return deepest;
}
function failure(client, action, context, err, attempts) {
    const hint = err instanceof ApiError ? hintFor(err.code, action, client.service) : undefined;
    const tries = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
    return new CallError(`${context}: ${err.message}${tries}${hint ? `. Hint: ${hint}` : ''}`, err);
}

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/engine.ts
// The wait, whatever front-end runs it: transport → credentials → API clients → gate (tasks,
// then health) → the report. The front-end (the GitHub action in main.ts; a command line)
// parses its inputs into a Config, hands over its log as a FrontEnd and writes out the
// GateReport it gets back. Kept to wiring: the decisions live in modules tested in-process.














const ACTION = 'clb-task-wait';
/** X-TC-RequestClient allows only [0-9a-zA-Z-_ ,;.]. */
const REQUEST_CLIENT = `${ACTION}_${package_namespaceObject.rE}`;
/** The API counts arrivals in any one second; this margin absorbs send-to-arrival jitter. */
const RATE_WINDOW_MS = 1050;
const STS_DEFAULT_REGION = 'ap-guangzhou';
/** How every front-end reports a failure, once: the report's failure, or what runWait threw. */
const failureLine = (message) => `${ACTION} failed with: ${message}`;
/** The most per-poll detail lines kept for the fold: the latest ones. */
const MAX_DETAIL_LINES = 200;
/**
 * Runs the whole wait. Throws on credentials it cannot use or a transport it cannot set up,
 * before any request; however the wait itself ends (done, a task failed, a call failed for
 * good, timed out, cancelled through `signal`), it returns the report for the front-end to
 * write out.
 */
async function runWait(config, env, io, signal, clock = systemClock) {
    if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0')
        io.warning('NODE_TLS_REJECT_UNAUTHORIZED=0 is set: TLS certificates are NOT checked, so anyone on the network path can ' +
            'read the credentials and forge the answers this gate trusts. Unset it; behind a TLS-inspecting proxy, ' +
            'give Node its CA with NODE_EXTRA_CA_CERTS (or the OS store with NODE_OPTIONS=--use-system-ca) instead');
    const transport = await createTransport(env);
    const client = {
        clock,
        transport,
        retry: config.retry,
        requestTimeoutMs: config.requestTimeoutMs,
        requestClient: REQUEST_CLIENT,
        log: (line) => io.info(line),
    };
    const credentials = credentialSource(config, env, client, io);
    // Each CLB API has its own 20/s budget per account, so each gets its own limiter.
    const clb = () => createApiClient({
        ...CLB,
        ...client,
        endpoint: config.endpoint,
        region: config.region,
        credentials,
        limiter: createLimiter(config.maxRequestsPerSecond, RATE_WINDOW_MS, clock),
    });
    const [taskCall, healthCall] = [clb(), clb()];
    const n = config.tasks.length;
    const what = n ? `${n} ${noun(config.tasks[0].kind)}${n === 1 ? '' : 's'}` : 'target health';
    io.info(`Waiting for ${what} at ${config.endpoint.host}${config.region ? ` (${config.region})` : ''}, ` +
        `timeout ${formatDuration(config.timeoutMs)}`);
    const details = detailLines(io);
    try {
        return await runGate({
            config,
            clock,
            describeTask: (task, s) => describeTaskStatus(taskCall, task, s),
            describeHealth: (lbs, scope, s) => describeTargetHealth(healthCall, lbs, scope, s),
            signal,
            log: (line) => io.info(line),
            debug: details.add,
        });
    }
    finally {
        details.end();
    }
}
/** Per-poll detail: straight to debug(), or kept (the latest MAX_DETAIL_LINES) for one fold at the end. */
function detailLines(io) {
    const group = io.group;
    if (!group)
        return { add: (line) => io.debug(line), end: () => { } };
    const kept = [];
    let count = 0;
    return {
        add(line) {
            count++;
            kept.push(line);
            if (kept.length > MAX_DETAIL_LINES)
                kept.shift();
        },
        end() {
            if (!count)
                return;
            const dropped = count - kept.length;
            group(`Poll details (${count} lines)`, dropped ? [`… ${dropped} earlier lines not kept`, ...kept] : kept);
        },
    };
}
/** Static keys (masked at once), or keyless login through STS when role-arn is set. */
function credentialSource(config, env, client, io) {
    const mask = (secret) => {
        if (!secret)
            return;
        registerSecret(secret);
        io.mask(secret);
    };
    if (!config.oidc) {
        const credentials = resolveStaticCredentials(config.credentials, env);
        mask(credentials.secretId); // as AWS's credentials action does with its key id
        mask(credentials.secretKey);
        if (credentials.token)
            mask(credentials.token);
        return async () => credentials;
    }
    if (!io.getIdToken)
        throw new InputError('role-arn', 'keyless login needs a GitHub OIDC ID token, which only the GitHub action can get: use secret-id and secret-key');
    const sts = createApiClient({
        ...STS,
        ...client,
        endpoint: config.oidc.stsEndpoint,
        region: config.region ?? STS_DEFAULT_REGION, // STS requires one
    });
    return oidcCredentials({
        config: config.oidc,
        getIdToken: io.getIdToken.bind(io),
        sts,
        clock: client.clock,
        retry: client.retry,
        mask,
        log: (line) => io.info(line),
    });
}

;// CONCATENATED MODULE: ./src/tencent/endpoint.ts
// Endpoint inputs: a host (`clb.ap-guangzhou.tencentcloudapi.com`) or a URL.

/** The Fetch standard's blocked ports: fetch fails these at once, so they are refused as input. */
const BAD_PORTS = new Set([
    1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
    111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
    540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
    6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;
function parseEndpoint(value, input) {
    const text = value.trim();
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
    let url;
    try {
        url = new URL(withScheme);
    }
    catch {
        throw new InputError(input, `"${value}" is not a host name or URL`);
    }
    if (!text || !url.hostname)
        throw new InputError(input, `"${value}" is not a host name or URL`);
    if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname))
        throw new InputError(input, `"${value}" uses http://, which is allowed only for loopback hosts (local simulators); use https://`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new InputError(input, `"${value}": only https:// (or http:// on loopback) is supported`);
    // Only http: and https: get here, and their pathname is never empty: `/` is the bare origin.
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash)
        throw new InputError(input, `"${value}" must be a host or an origin, without credentials, path or query`);
    if (url.port && BAD_PORTS.has(Number(url.port)))
        throw new InputError(input, `"${value}": fetch refuses to connect to port ${url.port} (a "bad port"); use another`);
    return { url: `${url.origin}/`, host: url.host };
}

;// CONCATENATED MODULE: ./src/config/target-filters.ts
// The health-gate inputs (`targets`, `load-balancers`, `listener-ids`): strict parsers, each
// error naming its input, before any request. What the gate does with them: gate/health-policy.ts.




const INSTANCE_ID = /^ins-[0-9a-z]{8}$/;
const PORT = /^[1-9]\d{0,4}$/;
const badTarget = (entry) => new InputError('targets', `"${clean(entry, 80)}" is not an instance id (ins-xxxxxxxx), an IP address, or either with :port (IPv6 as [::1]:80)`);
/** A zone suffix (fe80::1%eth0) passes isIP but is never a backend's address. */
const isAddress = (host) => (host.includes('%') ? 0 : (0,external_node_net_.isIP)(host));
/** `ins-xxxxxxxx`, an IP, or either with `:port`. IPv6 takes a port only in brackets: `[::1]:80`. */
function parseTargetFilter(entry) {
    const bracketed = /^\[([^\]]*)\](?::([^:]*))?$/.exec(entry);
    const plain = /^([^:[\]]+)(?::([^:]*))?$/.exec(entry);
    const [host, portText] = bracketed
        ? [bracketed[1], bracketed[2]]
        : isAddress(entry) === 6
            ? [entry, undefined]
            : // Stryker disable next-line StringLiteral: no match; any placeholder that is no id or IP is refused alike
                [plain?.[1] ?? '', plain?.[2]];
    if (portText !== undefined && !(PORT.test(portText) && Number(portText) <= 65535))
        throw badTarget(entry);
    const port = portText === undefined ? {} : { port: Number(portText) };
    if (!bracketed && INSTANCE_ID.test(host))
        return { entry, instanceId: host, ...port };
    const version = isAddress(host);
    // Bracketed hosts are IPv6 only; a bare IPv6 address took the whole entry above.
    if (version === 6 || (version === 4 && !bracketed))
        return { entry, ip: canonicalIp(host), ...port };
    throw badTarget(entry);
}
// Each separator alone: a run of them only gives empty pieces, filtered out.
const splitEntries = (text) => [...new Set(text.split(/[\s,]/).filter(Boolean))];
const parseTargetFilters = (text) => splitEntries(text).map(parseTargetFilter);
function parseIds(text, input, shape, example) {
    const ids = splitEntries(text);
    for (const id of ids)
        if (!shape.test(id))
            throw new InputError(input, `"${clean(id, 80)}" is not a valid id (like ${example})`);
    return ids;
}
const parseLoadBalancerIds = (text) => parseIds(text, 'load-balancers', LOAD_BALANCER_ID, 'lb-1a2b3c4d');
const parseListenerIds = (text) => parseIds(text, 'listener-ids', LISTENER_ID, 'lbl-1a2b3c4d');

;// CONCATENATED MODULE: ./src/config/inputs.ts
// Reads and checks every input before anything is sent. Each problem names its input.






/** Defaults, also declared in action.yml (a test keeps the two in step). */
const DEFAULTS = {
    international: 'false',
    audience: 'sts.tencentcloudapi.com',
    timeout: '10m',
    'fail-on-timeout': 'true',
    'poll-interval': '900ms',
    'max-poll-interval': '5s',
    'request-timeout': '5s',
    'max-retries': '5',
    'max-requests-per-second': '20',
    'wait-healthy': 'false',
    'healthy-for': '10s',
};
const FAST_WINDOW_MS = 60_000;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const ROLE_ARN = /^qcs::cam::uin\/\d+:role(Name)?\/[\w+=,.@-]+$/;
const MAX_ROLE_SECONDS = 43_200;
const HOUR_MS = 3_600_000;
/** Five days, the longest a self-hosted job runs (and well inside setTimeout's range). */
const MAX_TIMEOUT_MS = 120 * HOUR_MS;
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;
/** Ids one input takes: keeps the outputs and the summary far below the runner's limits. */
const MAX_IDS = 200;
function parseIdList(text, input) {
    const ids = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
    if (ids.length > MAX_IDS)
        throw new InputError(input, `${ids.length} ids given, at most ${MAX_IDS} per step: split them over several steps`);
    for (const id of ids)
        if (!ID.test(id))
            throw new InputError(input, `"${id}" is not a valid id`);
    return ids;
}
/** YAML 1.2 core-schema booleans only, so a typo like `ture` is an error, not `false`. */
function parseBoolean(text, input) {
    if (['true', 'True', 'TRUE'].includes(text))
        return true;
    if (['false', 'False', 'FALSE'].includes(text))
        return false;
    throw new InputError(input, `"${text}" is not a boolean (use true or false)`);
}
function parseDurationInput(text, input, minMs, maxMs) {
    const ms = parseDuration(text);
    if (ms === undefined)
        throw new InputError(input, `"${text}" is not a duration (examples: 90, 90s, 500ms, 15m, 1h30m)`);
    if (ms < minMs || ms > maxMs)
        throw new InputError(input, `${text} is out of range (${describeRange(minMs, maxMs)})`);
    return ms;
}
function parseInteger(text, input, min, max) {
    if (!/^\d+$/.test(text))
        throw new InputError(input, `"${text}" is not a whole number`);
    const n = Number(text);
    if (n < min || n > max)
        throw new InputError(input, `${n} is out of range (${min} to ${max})`);
    return n;
}
const describeRange = (min, max) => `${formatDuration(min)} to ${formatDuration(max)}`;
function readInputs(input, env) {
    const get = (name) => input(name) || DEFAULTS[name] || '';
    const taskIds = parseIdList(get('task-id'), 'task-id');
    const dealNames = parseIdList(get('deal-name'), 'deal-name');
    if (taskIds.length && dealNames.length)
        throw new InputError('task-id', 'set task-id or deal-name, not both');
    const timeoutMs = parseDurationInput(get('timeout'), 'timeout', 1000, MAX_TIMEOUT_MS);
    const health = readHealth(get, taskIds.length + dealNames.length > 0);
    if (health && health.healthyForMs >= timeoutMs)
        throw new InputError('healthy-for', `${get('healthy-for')} is not shorter than timeout (${get('timeout')}), so the gate could never pass: ` +
            'lower healthy-for or raise timeout');
    if (!taskIds.length && !dealNames.length && !health)
        throw new InputError('task-id', 'set task-id (RequestIds of mutating CLB calls) or deal-name (order ids), or wait-healthy with load-balancers');
    const tasks = taskIds.length
        ? taskIds.map((id) => ({ kind: 'TaskId', id }))
        : dealNames.map((id) => ({ kind: 'DealName', id }));
    const region = get('region') || env.TENCENTCLOUD_REGION?.trim() || undefined;
    if (region && !REGION.test(region))
        throw new InputError('region', `"${region}"${get('region') ? '' : ' (from TENCENTCLOUD_REGION)'} is not a region (e.g. ap-guangzhou)`);
    const intervalMs = parseDurationInput(get('poll-interval'), 'poll-interval', 100, HOUR_MS);
    const maxIntervalMs = parseDurationInput(get('max-poll-interval'), 'max-poll-interval', 100, HOUR_MS);
    if (maxIntervalMs < intervalMs)
        throw new InputError('max-poll-interval', `must not be shorter than poll-interval (${get('poll-interval')})`);
    const domain = parseBoolean(get('international'), 'international')
        ? 'intl.tencentcloudapi.com'
        : 'tencentcloudapi.com';
    const credentials = { secretId: get('secret-id'), secretKey: get('secret-key'), token: get('token') };
    return {
        tasks,
        health,
        credentials,
        oidc: readOidc(get, env, credentials, timeoutMs, domain),
        region,
        endpoint: parseEndpoint(get('endpoint') || `clb.${domain}`, 'endpoint'),
        timeoutMs,
        failOnTimeout: parseBoolean(get('fail-on-timeout'), 'fail-on-timeout'),
        poll: { intervalMs, maxIntervalMs, fastWindowMs: FAST_WINDOW_MS },
        retry: { ...DEFAULT_RETRY, maxRetries: parseInteger(get('max-retries'), 'max-retries', 0, 20) },
        requestTimeoutMs: parseDurationInput(get('request-timeout'), 'request-timeout', 100, 10_000),
        maxRequestsPerSecond: parseInteger(get('max-requests-per-second'), 'max-requests-per-second', 1, 20),
    };
}
const HEALTH_INPUTS = ['load-balancers', 'listener-ids', 'targets', 'healthy-for'];
function readHealth(get, hasTasks) {
    if (!parseBoolean(get('wait-healthy'), 'wait-healthy')) {
        for (const name of HEALTH_INPUTS)
            if (isSetByWorkflow(get, name))
                throw new InputError(name, 'is only used with wait-healthy: true, which is not set');
        return undefined;
    }
    const capped = (list, input) => {
        if (list.length > MAX_IDS)
            throw new InputError(input, `${list.length} given, at most ${MAX_IDS}`);
        return list;
    };
    const loadBalancerIds = capped(parseLoadBalancerIds(get('load-balancers')), 'load-balancers');
    if (!hasTasks && !loadBalancerIds.length)
        throw new InputError('load-balancers', 'is required with wait-healthy when no task-id or deal-name is given: name the load balancers to check');
    return {
        loadBalancerIds: [...new Set(loadBalancerIds)],
        listenerIds: [...new Set(capped(parseListenerIds(get('listener-ids')), 'listener-ids'))],
        filters: capped(parseTargetFilters(get('targets')), 'targets'),
        healthyForMs: parseDurationInput(get('healthy-for'), 'healthy-for', 0, HOUR_MS),
    };
}
/** Set by the workflow, not filled in from DEFAULTS. */
const isSetByWorkflow = (get, name) => get(name) !== '' && get(name) !== DEFAULTS[name];
/** Keyless login (role-arn), checked in full; undefined when role-arn is not set. */
function readOidc(get, env, credentials, timeoutMs, domain) {
    const roleArn = get('role-arn');
    if (!roleArn) {
        rejectKeylessInputs(get);
        return undefined;
    }
    checkRoleArn(roleArn, credentials);
    const providerId = get('provider-id');
    if (!providerId)
        throw new InputError('provider-id', 'is required with role-arn: the CAM OIDC identity provider name');
    checkIdTokenAvailable(env);
    return {
        roleArn,
        providerId,
        audience: get('audience'),
        roleSessionName: readRoleSessionName(get, env),
        durationSeconds: readRoleDuration(get, timeoutMs),
        stsEndpoint: parseEndpoint(get('sts-endpoint') || `sts.${domain}`, 'sts-endpoint'),
    };
}
/** Keyless inputs without role-arn are a mistake in the workflow, not something to ignore. */
function rejectKeylessInputs(get) {
    for (const name of ['provider-id', 'role-session-name', 'role-duration', 'sts-endpoint'])
        if (get(name))
            throw new InputError(name, 'is only used with role-arn (keyless login), which is not set');
    if (get('audience') !== DEFAULTS.audience)
        throw new InputError('audience', 'is only used with role-arn (keyless login), which is not set');
}
/** One credential source only, and an ARN STS will accept. */
function checkRoleArn(roleArn, credentials) {
    if (credentials.secretId || credentials.secretKey || credentials.token)
        throw new InputError('role-arn', 'choose one credential source: role-arn (keyless) or secret-id/secret-key/token, not both');
    if (!ROLE_ARN.test(roleArn))
        throw new InputError('role-arn', `"${roleArn}" is not a role ARN (e.g. qcs::cam::uin/100000000001:roleName/deployer)`);
}
/** GitHub sets these only for jobs with `id-token: write`; without them login would fail later, less clearly. */
function checkIdTokenAvailable(env) {
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
        throw new InputError('role-arn', 'keyless login needs a GitHub ID token, and this job cannot request one: add `permissions: id-token: write` to the workflow or job');
}
function readRoleSessionName(get, env) {
    const roleSessionName = get('role-session-name') || defaultSessionName(env);
    if (!/^[\w+=,.@-]{2,128}$/.test(roleSessionName))
        throw new InputError('role-session-name', `"${roleSessionName}" must be 2-128 of letters, digits and _+=,.@-`);
    return roleSessionName;
}
/** Whole seconds, as STS takes them. */
function readRoleDuration(get, timeoutMs) {
    // Long enough for the whole wait plus 5 minutes; renewed before expiry in any case.
    const durationText = get('role-duration');
    const durationSeconds = durationText
        ? parseDurationInput(durationText, 'role-duration', 60_000, MAX_ROLE_SECONDS * 1000) / 1000
        : Math.min(MAX_ROLE_SECONDS, Math.max(900, Math.ceil(timeoutMs / 1000) + 300));
    return Math.round(durationSeconds);
}
/** `gha-<owner>-<repo>-<run id>-<attempt>`, squeezed into STS's characters and length. */
function defaultSessionName(env) {
    const parts = ['gha', env.GITHUB_REPOSITORY ?? 'local', env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT].filter(Boolean);
    const name = parts.join('-').replace(/[^\w+=,.@-]/g, '-');
    return name.length <= 128 ? name : name.slice(0, 64) + name.slice(-64);
}

;// CONCATENATED MODULE: ./src/cli/action-inputs.ts
// Generated from action.yml by `npm run docs`: do not edit. `npm run docs:check` fails when it is
// stale. The command line's flags and its --help text come from it (src/cli/args.ts).
const ACTION_INPUTS = [
    {
        name: 'task-id',
        description: 'One or more TaskIds (the RequestId of the mutating CLB call), separated by commas, spaces or newlines. Duplicates are waited on once. Set this or deal-name.',
    },
    {
        name: 'deal-name',
        description: 'One or more order ids (DealName), same format as task-id. Set this or task-id, not both.',
    },
    { name: 'secret-id', description: 'Tencent Cloud SecretId. Falls back to TENCENTCLOUD_SECRET_ID.' },
    {
        name: 'secret-key',
        description: 'Tencent Cloud SecretKey. Falls back to TENCENTCLOUD_SECRET_KEY. Masked in the log.',
    },
    {
        name: 'token',
        description: 'Session token of temporary credentials, sent as X-TC-Token. Falls back to TENCENTCLOUD_SESSION_TOKEN, TENCENTCLOUD_TOKEN, then TENCENTCLOUD_SECURITY_TOKEN. Masked in the log.',
    },
    {
        name: 'role-arn',
        description: "Keyless login. A CAM role to assume with the job's GitHub OIDC token (STS AssumeRoleWithWebIdentity), e.g. qcs::cam::uin/100000000001:roleName/deployer. Needs `permissions: id-token: write`. Do not combine with secret-id/secret-key/token.",
    },
    { name: 'provider-id', description: 'With role-arn, the name of the CAM OIDC identity provider that trusts GitHub.' },
    {
        name: 'audience',
        description: "With role-arn, the audience of the GitHub ID token; must match the identity provider's client ID.",
        default: 'sts.tencentcloudapi.com',
    },
    {
        name: 'role-session-name',
        description: "With role-arn, the STS session name. Defaults to gha-<owner>-<repo>-<run id>-<attempt>, fitted to STS's characters and 128-character limit.",
    },
    {
        name: 'role-duration',
        description: 'With role-arn, how long the temporary credentials last (at most 12h). Defaults to the timeout plus 5 minutes, at least 15 minutes; they are renewed before expiry anyway.',
    },
    {
        name: 'region',
        description: 'Region sent as X-TC-Region, e.g. ap-guangzhou. Falls back to TENCENTCLOUD_REGION; optional for DescribeTaskStatus. STS needs one, so keyless login sends ap-guangzhou when none is set.',
    },
    {
        name: 'international',
        description: 'Use the international site (clb.intl.tencentcloudapi.com and sts.intl.tencentcloudapi.com) for whichever of endpoint and sts-endpoint is not set.',
        default: 'false',
    },
    {
        name: 'endpoint',
        description: 'CLB API host or URL. Default clb.tencentcloudapi.com (nearest region); regional clb.<region>.tencentcloudapi.com, financial regions such as clb.ap-shanghai-fsi.tencentcloudapi.com, clb.internal.tencentcloudapi.com inside Tencent Cloud. https is assumed; http:// is accepted only for loopback hosts (local simulators).',
    },
    {
        name: 'sts-endpoint',
        description: 'With role-arn, the STS host or URL. Default sts.tencentcloudapi.com (sts.intl.tencentcloudapi.com with international); same rules as endpoint.',
    },
    {
        name: 'timeout',
        description: 'Total time to wait for every task, as seconds (90) or a duration (90s, 15m, 1h30m).',
        default: '10m',
    },
    {
        name: 'fail-on-timeout',
        description: 'Fail the step when the timeout passes with tasks still in progress or, with wait-healthy, targets not yet healthy. When false, the step passes with a warning (status 2 for tasks, healthy false for targets).',
        default: 'true',
    },
    {
        name: 'poll-interval',
        description: "Gap between polls of one task during its first minute (the first poll is at once). A finished task is noticed within this long, plus the request's round trip. With more tasks than max-requests-per-second allows at this pace, the shared rate limit stretches the gap (200 tasks at 20/s are each polled about every 10 s).",
        default: '900ms',
    },
    {
        name: 'max-poll-interval',
        description: 'After the first minute the gap grows by 1 s every 10 s, up to this maximum.',
        default: '5s',
    },
    {
        name: 'request-timeout',
        description: 'Abandon and retry a request with no answer after this long (at most 10s).',
        default: '5s',
    },
    {
        name: 'max-retries',
        description: 'Retries of one request on errors that can heal (network, HTTP 5xx, InternalError, RequestLimitExceeded, ...), with jittered exponential backoff.',
        default: '5',
    },
    {
        name: 'max-requests-per-second',
        description: 'Ceiling on requests per second for the whole step, across all tasks (DescribeTaskStatus allows 20 per account).',
        default: '20',
    },
    {
        name: 'wait-healthy',
        description: 'After every task succeeded, also wait until every gated target behind the load balancers is healthy (CLB DescribeTargetHealth, CAM permission clb:DescribeTargetHealth). With no task-id or deal-name, load-balancers is required and only health is waited on. Alive is healthy; Unknown and Dead are waited on; Close targets (health check off) and weight-0 targets are not gated and are named in a warning. The one timeout covers tasks and health together.',
        default: 'false',
    },
    {
        name: 'load-balancers',
        description: 'With wait-healthy, the load balancer ids to check (commas, spaces or newlines). Default the load balancers the tasks name.',
    },
    {
        name: 'listener-ids',
        description: 'With wait-healthy, check only these listeners (lbl-...). Each must match a listener of the load balancers.',
    },
    {
        name: 'targets',
        description: 'With wait-healthy, check only these targets, by instance id (ins-...), IP, or either with a port (ip:port, ins-...:port, [IPv6]:port). Each must match a target.',
    },
    {
        name: 'healthy-for',
        description: 'With wait-healthy, every gated target must stay healthy this long before the step passes; a target that drops out, a change in the gated set or a poll that goes unanswered restarts the window. Must be shorter than timeout. 0 passes on the first all-healthy answer.',
        default: '10s',
    },
];

;// CONCATENATED MODULE: ./src/cli/args.ts
// The command line's flags: every action input (action.yml, through action-inputs.ts) is a
// flag of the same name, except the credential and keyless-login ones. Pure: argv in, a
// command out, or a UsageError whose one line names the flag. Nothing here decides what an
// input means; readInputs() does, exactly as for the action.




/** Secrets never go on a command line: shell history and process lists keep them. Their environment names instead. */
const CREDENTIAL_ENV = {
    'secret-id': 'TENCENTCLOUD_SECRET_ID',
    'secret-key': 'TENCENTCLOUD_SECRET_KEY',
    token: 'TENCENTCLOUD_SESSION_TOKEN (or TENCENTCLOUD_TOKEN, TENCENTCLOUD_SECURITY_TOKEN)',
};
/** Keyless login trades a GitHub Actions OIDC token, which only the action can request. */
const OIDC_INPUTS = [
    'role-arn',
    'provider-id',
    'audience',
    'role-session-name',
    'role-duration',
    'sts-endpoint',
];
/** Inputs that take a list (commas, spaces or newlines): a repeated flag appends. */
const LIST_INPUTS = ['task-id', 'deal-name', 'load-balancers', 'listener-ids', 'targets'];
const ENV_CREDENTIALS = 'TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN for temporary credentials) in the environment';
const isBooleanDefault = (d) => d === 'true' || d === 'false';
/** Every flag, in action.yml's order, then the command line's own. */
const FLAGS = [
    ...ACTION_INPUTS.filter((i) => !(i.name in CREDENTIAL_ENV) && !OIDC_INPUTS.includes(i.name)).map((i) => ({
        ...i,
        boolean: isBooleanDefault(i.default),
        list: LIST_INPUTS.includes(i.name),
        input: true,
    })),
    ...[
        [
            'json',
            'Print the result on stdout as one JSON object (status, loadBalancerIds, requestId, tasks, healthy, health).',
        ],
        ['verbose', 'Also print the detail of every poll on stderr.'],
    ].map(([name, description]) => ({ name, description, default: 'false', boolean: true, list: false, input: false })),
];
const BY_NAME = new Map(FLAGS.map((f) => [f.name, f]));
/** Bad usage: one line that names the flag; the command exits 2 before any request. */
class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
/** Why a credential or keyless-login input is not a flag, or undefined for any other name. */
function refusal(name) {
    const env = CREDENTIAL_ENV[name];
    if (env)
        return (`--${name} is not accepted: a secret on the command line is kept in shell history and shown in process ` +
            `lists (ps) to every user of the machine; set ${env} in the environment instead`);
    if (OIDC_INPUTS.includes(name))
        return (`--${name} is not accepted: keyless login trades a GitHub Actions OIDC token, which only the GitHub action ` +
            `can request; set ${ENV_CREDENTIALS}`);
    return undefined;
}
/** `--taskid`, `--Task_Id` → task-id: the flag someone meant, for the error line. */
const squeeze = (name) => name.toLowerCase().replace(/[-_]/g, '');
/**
 * Quoted for an error line: one short line. clean() redacts before it cuts, so a secret pasted
 * where it does not belong cannot show even in part (main() registers the environment's first).
 */
const quote = (text) => JSON.stringify(clean(text, 40));
/** Edits (insert, delete, replace) from a to b. */
function distance(a, b) {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const next = [i];
        for (let j = 1; j <= b.length; j++)
            next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        row = next;
    }
    return row[b.length];
}
/** `--foo`: unknown; `--taskid`, `--wait-healty`: did you mean; `--secret_key`: refused, saying why. */
function unknownFlag(token) {
    const refused = [...Object.keys(CREDENTIAL_ENV), ...OIDC_INPUTS].find((n) => squeeze(n) === squeeze(token));
    if (refused)
        return new UsageError(refusal(refused));
    const known = [...BY_NAME.keys(), 'help', 'version'];
    const meant = known.find((n) => squeeze(n) === squeeze(token)) ??
        known.find((n) => distance(n, token.replace(/^-+/, '').toLowerCase()) <= 2);
    // Only the name is quoted, never a value after `=`: it could be a secret under a mistyped name.
    return new UsageError(`unknown flag ${quote(token)}${meant ? ` (did you mean --${meant}?)` : ''}`);
}
function parseArgs(argv) {
    const inputs = {};
    const own = { json: false, verbose: false };
    const seen = new Set();
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--help' || arg === '-h')
            return { kind: 'help' };
        if (arg === '--version')
            return { kind: 'version' };
        if (!arg.startsWith('-') || arg === '--')
            throw new UsageError(`unexpected argument ${quote(arg)}: every value goes after its flag (--task-id <id>, --timeout=5m)`);
        const eq = arg.indexOf('=');
        const token = eq < 0 ? arg : arg.slice(0, eq);
        const name = token.slice(2);
        const flag = token.startsWith('--') ? BY_NAME.get(name) : undefined;
        if (!flag) {
            if (token === '--help' || token === '--version')
                throw new UsageError(`${token} takes no value`);
            throw unknownFlag(token);
        }
        let value;
        if (eq >= 0)
            value = arg.slice(eq + 1);
        else if (flag.boolean)
            // A following word is its value (the command takes no other arguments): `--wait-healthy false`.
            value = i + 1 < argv.length && !argv[i + 1].startsWith('-') ? argv[++i] : 'true';
        else if (i + 1 < argv.length && !argv[i + 1].startsWith('--'))
            value = argv[++i];
        else
            throw new UsageError(`--${name} needs a value (--${name} <value> or --${name}=<value>)`);
        if (seen.has(name) && !flag.list)
            throw new UsageError(`--${name} is given twice; give it once${flag.boolean ? '' : ' (only list flags repeat)'}`);
        seen.add(name);
        if (!flag.input) {
            try {
                own[name] = parseBoolean(value, name);
            }
            catch (err) {
                throw new UsageError(inputProblem(err));
            }
        }
        else
            inputs[name] = name in inputs ? `${inputs[name]}\n${value}` : value;
    }
    return { kind: 'run', inputs, json: own.json, verbose: own.verbose };
}
/**
 * An InputError from readInputs() or the credentials, in the command line's terms: the flag
 * it is about (`--timeout: ...`), or the environment variable for a credential.
 */
function inputProblem(err) {
    const m = /^Input '([^']+)': ([\s\S]*)$/.exec(err.message);
    if (!m)
        return err.message;
    const [, input, problem] = m;
    const env = CREDENTIAL_ENV[input];
    if (env)
        return `${env}: ${problem}; this command reads credentials from the environment only`;
    return `--${input}: ${problem}`;
}
const WIDTH = 80;
/** Words wrapped at WIDTH, each line indented. */
function wrap(text, indent) {
    const lines = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
        if (line && indent.length + line.length + 1 + word.length > WIDTH) {
            lines.push(indent + line);
            line = word;
        }
        else
            line = line ? `${line} ${word}` : word;
    }
    if (line)
        lines.push(indent + line);
    return lines;
}
function flagLine(f) {
    const shape = f.boolean ? `--${f.name}[=true|false]` : `--${f.name} <${f.list ? 'list' : 'value'}>`;
    const notes = [f.list ? 'repeatable' : '', f.default !== undefined ? `default ${f.default}` : ''].filter(Boolean);
    return `  ${shape}${notes.length ? `  (${notes.join('; ')})` : ''}`;
}
/** The --help text: every flag with action.yml's description and default. */
function usage(version) {
    const para = (text) => [...wrap(text, ''), ''];
    return [
        ...para(`clb-task-wait ${version}: wait for Tencent Cloud CLB async tasks (DescribeTaskStatus) and, with ` +
            '--wait-healthy, for the targets behind the load balancers (DescribeTargetHealth); exit 0 only when ' +
            'they succeeded. The same engine as the GitHub Action clb-task-wait.'),
        'Usage: clb-task-wait --task-id <id> [flags]',
        '       clb-task-wait --wait-healthy --load-balancers <lb-id> [flags]',
        '',
        ...para('Credentials come from the environment only: TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, and for ' +
            'temporary credentials TENCENTCLOUD_SESSION_TOKEN (or TENCENTCLOUD_TOKEN, TENCENTCLOUD_SECURITY_TOKEN). ' +
            'Region: --region or TENCENTCLOUD_REGION. Proxy: HTTPS_PROXY, NO_PROXY.'),
        'Flags (--name <value> or --name=<value>):',
        ...FLAGS.flatMap((f) => [flagLine(f), ...wrap(f.description, '      ')]),
        '  -h, --help',
        '      Print this text.',
        '  --version',
        '      Print the version.',
        '',
        ...para('Progress goes to stderr; stdout carries only the --json result.'),
        ...para('Exit status: 0 passed (a timeout too, with --fail-on-timeout=false); 1 a task failed, targets not ' +
            'healthy, timed out, or an API error stopped the wait; 2 a bad flag or input, before any request; ' +
            '130 on SIGINT, 143 on SIGTERM (after the result is written).'),
        'Example:',
        '  export TENCENTCLOUD_SECRET_ID=... TENCENTCLOUD_SECRET_KEY=...',
        '  clb-task-wait --task-id "$REQUEST_ID" --timeout 10m --json > result.json',
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/cli/result.ts
const result_list = (text) => (text ? JSON.parse(text) : []);
/** From the action's output strings; missing ones (the wait never ran) read as not checked. */
function cliResult(outputs) {
    const status = outputs.status;
    return {
        status: status === '0' || status === '1' || status === '2' ? Number(status) : null,
        loadBalancerIds: result_list(outputs['load-balancer-ids']),
        requestId: outputs['request-id'] ?? '',
        tasks: result_list(outputs.tasks),
        healthy: outputs.healthy === 'true' ? true : outputs.healthy === 'false' ? false : null,
        health: result_list(outputs.health),
    };
}

;// CONCATENATED MODULE: ./src/cli/main.ts







const VERSION = package_namespaceObject.rE;
/** Exit codes: passed, failed, bad usage or input; a signal gives 128 + its number. */
const EXIT = { passed: 0, failed: 1, usage: 2 };
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGBREAK: 149 };
/** The environment variables that hold a secret: redacted from everything printed, before anything is. */
const SECRET_ENV = [
    'TENCENTCLOUD_SECRET_ID',
    'TENCENTCLOUD_SECRET_KEY',
    'TENCENTCLOUD_SESSION_TOKEN',
    'TENCENTCLOUD_TOKEN',
    'TENCENTCLOUD_SECURITY_TOKEN',
];
/** Nothing printed runs past this (a network message is capped far below it where it enters). */
const MAX_LINE = 8_000;
/** Any text → one line fit for a terminal or a CI log: secrets redacted, no control or command syntax. */
const safeLine = (text) => truncate(neutralise(redact(text)), MAX_LINE);
/** Runs the command; resolves to the exit code. Never throws, never prints a stack. */
async function main(argv, env, streams, signals) {
    for (const name of SECRET_ENV) {
        const value = env[name]?.trim();
        if (value)
            registerSecret(value);
    }
    const say = (line) => streams.err(safeLine(line));
    try {
        const command = parseArgs(argv);
        if (command.kind !== 'run') {
            await streams.out(command.kind === 'help' ? usage(VERSION) : `${VERSION}\n`);
            return EXIT.passed;
        }
        const config = readInputs((name) => (command.inputs[name] ?? '').trim(), env);
        const io = {
            info: say,
            debug: command.verbose ? (line) => say(`debug: ${line}`) : () => { },
            mask: registerSecret,
            warning: (line) => say(`warning: ${line}`),
        };
        const cancel = new AbortController();
        let signalled;
        // Held until the result is written: a signal meanwhile must not kill the process before that.
        const unsubscribe = signals((name) => {
            say(signalled ? `Received ${name} again: already stopping` : `Received ${name}: stopping the wait`);
            signalled ??= name;
            cancel.abort();
        });
        try {
            const report = await runWait(config, env, io, cancel.signal).catch((err) => {
                if (err instanceof InputError)
                    throw err; // credentials: before any request
                say(failureLine(messageOf(err)));
                return undefined;
            });
            if (report) {
                for (const w of report.warnings)
                    say(`warning: ${w}`);
                say(report.failure ? failureLine(report.failure) : doneLine(report.outputs));
            }
            if (command.json)
                await streams.out(`${redact(JSON.stringify(cliResult(report?.outputs ?? {})))}\n`);
            if (signalled)
                return SIGNAL_EXIT[signalled];
            return report && !report.failure ? EXIT.passed : EXIT.failed;
        }
        finally {
            unsubscribe();
        }
    }
    catch (err) {
        if (err instanceof UsageError)
            say(`clb-task-wait: ${err.message}; see --help`);
        else if (err instanceof InputError)
            say(`clb-task-wait: ${inputProblem(err)}`);
        else {
            streams.err(crashLine(err));
            return EXIT.failed;
        }
        return EXIT.usage;
    }
}
/** An error nothing expected, as one safe line. */
const crashLine = (err) => safeLine(failureLine(`internal error: ${messageOf(err)}`));
function doneLine(outputs) {
    return (`Done: status ${outputs.status || '(no tasks)'}, load balancers ${outputs['load-balancer-ids']}` +
        (outputs.healthy ? `, healthy ${outputs.healthy}` : ''));
}


/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(486);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
