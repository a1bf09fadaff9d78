import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2460);

await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF)();
// Safety net: a request that cannot be aborted (core.getIDToken) must not hold the step open.
setTimeout(() => process.exit(), 1000).unref();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 2460:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  eF: () => (/* binding */ run)
});

// UNUSED EXPORTS: ACTION, RATE_WINDOW_MS, REQUEST_CLIENT, STS_DEFAULT_REGION

;// CONCATENATED MODULE: ./src/errors.ts
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
    if (code.startsWith('InvalidParameter') || code === 'MissingParameter' || code === 'ResourceNotFound')
        return 'check the task-id / deal-name values: each must be the RequestId of a mutating CLB call (or an order id)';
    if (code.startsWith('AuthFailure'))
        return 'check the credentials given to the action';
    return undefined;
}
const messageOf = (err) => (err instanceof Error ? err.message : String(err));

;// CONCATENATED MODULE: ./src/duration.ts
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

;// CONCATENATED MODULE: ./src/endpoint.ts
// Endpoint inputs: a host (`clb.ap-guangzhou.tencentcloudapi.com`) or a URL.

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
    if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
        throw new InputError(input, `"${value}" must be a host or an origin, without credentials, path or query`);
    return { url: `${url.origin}/`, host: url.host };
}

;// CONCATENATED MODULE: ./src/policy.ts
// When to poll next and how long to back off after an error. Pure functions.
/** After the fast window the gap grows by 1 s for every 10 s waited, up to the maximum. */
const GROWTH_PER_MS = 0.1;
/** Inputs guarantee maxIntervalMs >= intervalMs. */
function nextPollDelay(policy, elapsedMs) {
    const beyond = Math.max(0, elapsedMs - policy.fastWindowMs);
    return Math.round(Math.min(policy.maxIntervalMs, policy.intervalMs + beyond * GROWTH_PER_MS));
}
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

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./src/runner.ts
// The GitHub runner's side of the contract: inputs from INPUT_*, outputs and the job
// summary through the files it names, masks and annotations as workflow commands on
// stdout. It mirrors @actions/core's behaviour; see README "Design notes" for why this
// small module replaces the static import of @actions/core.



/** Runner rule: upper-case, spaces to `_`, hyphens kept (`task-id` → `INPUT_TASK-ID`). */
function getInput(name, env = process.env) {
    return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
function escapeData(s) {
    return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function command(name, message) {
    process.stdout.write(`::${name}::${escapeData(message)}${external_node_os_namespaceObject.EOL}`);
}
/** One log line: text from the API cannot start a new line, so it cannot issue a workflow command. */
const info = (message) => void process.stdout.write(message.replace(/[\r\n]+/g, ' ') + external_node_os_namespaceObject.EOL);
const debug = (message) => command('debug', message);
const warning = (message) => command('warning', message);
const error = (message) => command('error', message);
/** Hide a value in every later log line. Each line of a multi-line value is masked too. */
function setSecret(value) {
    if (!value)
        return;
    command('add-mask', value);
    for (const line of value.split(/\r?\n/))
        if (line && line !== value)
            command('add-mask', line);
}
function setOutput(name, value, env = process.env) {
    const file = env.GITHUB_OUTPUT;
    if (!file) {
        info(`${name}=${value}`); // local run outside a runner: show what would be set
        return;
    }
    const delimiter = `ghadelimiter_${(0,external_node_crypto_.randomUUID)()}`;
    (0,external_node_fs_namespaceObject.appendFileSync)(file, `${name}<<${delimiter}${external_node_os_namespaceObject.EOL}${value}${external_node_os_namespaceObject.EOL}${delimiter}${external_node_os_namespaceObject.EOL}`);
}
/** Appends markdown to the step summary; false when there is no summary file. */
function appendSummary(markdown, env = process.env) {
    const file = env.GITHUB_STEP_SUMMARY;
    if (!file)
        return false;
    (0,external_node_fs_namespaceObject.appendFileSync)(file, markdown);
    return true;
}

;// CONCATENATED MODULE: ./src/inputs.ts
// Reads and checks every input before anything is sent. Each problem names its input.





/** What the user calls it: `task <id>` or `order <id>`. */
const noun = (kind) => (kind === 'TaskId' ? 'task' : 'order');
const describeRef = (ref) => `${noun(ref.kind)} ${ref.id}`;
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
};
const FAST_WINDOW_MS = 60_000;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const ROLE_ARN = /^qcs::cam::uin\/\d+:role(Name)?\/[\w+=,.@-]+$/;
const MAX_ROLE_SECONDS = 43_200;
const HOUR_MS = 3_600_000;
/** Five days, the longest a self-hosted job runs (and well inside setTimeout's range). */
const MAX_TIMEOUT_MS = 120 * HOUR_MS;
const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;
function parseIdList(text, input) {
    const ids = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
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
function readInputs(env = process.env) {
    const get = (name) => getInput(name, env) || DEFAULTS[name] || '';
    const taskIds = parseIdList(get('task-id'), 'task-id');
    const dealNames = parseIdList(get('deal-name'), 'deal-name');
    if (taskIds.length && dealNames.length)
        throw new InputError('task-id', 'set task-id or deal-name, not both');
    if (!taskIds.length && !dealNames.length)
        throw new InputError('task-id', 'set task-id (RequestIds of mutating CLB calls) or deal-name (order ids)');
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
    const timeoutMs = parseDurationInput(get('timeout'), 'timeout', 1000, MAX_TIMEOUT_MS);
    const domain = parseBoolean(get('international'), 'international')
        ? 'intl.tencentcloudapi.com'
        : 'tencentcloudapi.com';
    const credentials = { secretId: get('secret-id'), secretKey: get('secret-key'), token: get('token') };
    return {
        tasks,
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
function readOidc(get, env, credentials, timeoutMs, domain) {
    const roleArn = get('role-arn');
    if (!roleArn) {
        for (const name of ['provider-id', 'role-session-name', 'role-duration', 'sts-endpoint'])
            if (get(name))
                throw new InputError(name, 'is only used with role-arn (keyless login), which is not set');
        if (get('audience') !== DEFAULTS.audience)
            throw new InputError('audience', 'is only used with role-arn (keyless login), which is not set');
        return undefined;
    }
    if (credentials.secretId || credentials.secretKey || credentials.token)
        throw new InputError('role-arn', 'choose one credential source: role-arn (keyless) or secret-id/secret-key/token, not both');
    if (!ROLE_ARN.test(roleArn))
        throw new InputError('role-arn', `"${roleArn}" is not a role ARN (e.g. qcs::cam::uin/100000000001:roleName/deployer)`);
    const providerId = get('provider-id');
    if (!providerId)
        throw new InputError('provider-id', 'is required with role-arn: the CAM OIDC identity provider name');
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
        throw new InputError('role-arn', 'keyless login needs a GitHub ID token, and this job cannot request one: add `permissions: id-token: write` to the workflow or job');
    const roleSessionName = get('role-session-name') || defaultSessionName(env);
    if (!/^[\w+=,.@-]{2,128}$/.test(roleSessionName))
        throw new InputError('role-session-name', `"${roleSessionName}" must be 2-128 of letters, digits and _+=,.@-`);
    // Long enough for the whole wait plus 5 minutes; renewed before expiry in any case.
    const durationText = get('role-duration');
    const durationSeconds = durationText
        ? parseDurationInput(durationText, 'role-duration', 60_000, MAX_ROLE_SECONDS * 1000) / 1000
        : Math.min(MAX_ROLE_SECONDS, Math.max(900, Math.ceil(timeoutMs / 1000) + 300));
    return {
        roleArn,
        providerId,
        audience: get('audience'),
        roleSessionName,
        durationSeconds: Math.round(durationSeconds),
        stsEndpoint: parseEndpoint(get('sts-endpoint') || `sts.${domain}`, 'sts-endpoint'),
    };
}
/** `gha-<owner>-<repo>-<run id>-<attempt>`, squeezed into STS's characters and length. */
function defaultSessionName(env) {
    const parts = ['gha', env.GITHUB_REPOSITORY ?? 'local', env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT].filter(Boolean);
    const name = parts.join('-').replace(/[^\w+=,.@-]/g, '-');
    return name.length <= 128 ? name : name.slice(0, 64) + name.slice(-64);
}

;// CONCATENATED MODULE: ./src/clb.ts
// CLB DescribeTaskStatus: the one CLB call this action makes.


const CLB = { service: 'clb', version: '2018-03-17' };
function parseTaskStatus(r) {
    const { Status, LoadBalancerIds, Message, RequestId } = r;
    if (Status !== 0 && Status !== 1 && Status !== 2)
        throw new TransportError(`unexpected Status ${JSON.stringify(Status)} in DescribeTaskStatus response`);
    if (LoadBalancerIds != null &&
        !(Array.isArray(LoadBalancerIds) && LoadBalancerIds.every((x) => typeof x === 'string')))
        throw new TransportError('LoadBalancerIds in DescribeTaskStatus response is not a list of strings');
    return {
        status: Status,
        loadBalancerIds: LoadBalancerIds ?? [],
        message: typeof Message === 'string' && Message ? Message : null,
        requestId: typeof RequestId === 'string' ? RequestId : '',
    };
}
const describeTaskStatus = (call, task, signal) => call('DescribeTaskStatus', { [task.kind]: task.id }, {
    context: `DescribeTaskStatus for ${describeRef(task)}`,
    parse: parseTaskStatus,
    signal,
});

;// CONCATENATED MODULE: ./src/clock.ts
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

;// CONCATENATED MODULE: ./src/credentials.ts
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

;// CONCATENATED MODULE: ./src/http.ts
// One POST, abandoned after a timeout. Proxies from HTTPS_PROXY / HTTP_PROXY / NO_PROXY.

const PROXY_VARS = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;
const proxyConfigured = (env) => PROXY_VARS.some((n) => env[n]?.trim());
/**
 * Node's built-in fetch when no proxy is set (nothing extra to load at start-up);
 * undici's EnvHttpProxyAgent, loaded on demand, when one is: it honours all three
 * variables in either case, NO_PROXY included.
 */
async function createTransport(env = process.env) {
    if (!proxyConfigured(env))
        return fetchTransport(globalThis.fetch);
    const undici = await __nccwpck_require__.e(/* import() */ 752).then(__nccwpck_require__.t.bind(__nccwpck_require__, 6752, 19));
    const dispatcher = new undici.EnvHttpProxyAgent({
        httpProxy: env.http_proxy || env.HTTP_PROXY,
        httpsProxy: env.https_proxy || env.HTTPS_PROXY,
        noProxy: env.no_proxy || env.NO_PROXY,
    });
    return fetchTransport(undici.fetch, dispatcher);
}
function fetchTransport(fetchFn, dispatcher) {
    return async ({ url, headers, body, timeoutMs, signal }) => {
        const timeout = AbortSignal.timeout(timeoutMs);
        const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
        try {
            const res = await fetchFn(url, { method: 'POST', headers, body, signal: combined, dispatcher });
            return { status: res.status, body: await res.text() };
        }
        catch (err) {
            if (signal?.aborted)
                throw signal.reason; // the run was cancelled or timed out: not a request failure
            if (timeout.aborted)
                throw new TransportError(`no response within ${timeoutMs / 1000}s; abandoned`);
            // fetch reports network failures as a TypeError with a cause; anything else is local
            // (an invalid header, say), will not heal, and its message may quote a header value.
            const cause = err?.cause;
            if (cause === undefined)
                throw new TransportError(`the request could not be sent (${err?.name ?? 'error'})`, undefined, true);
            if (typeof cause.code === 'string' && CERTIFICATE_ERROR.test(cause.code))
                throw new TransportError(`TLS error: ${describeNetworkError(err)}. Hint: the server's certificate is not trusted; ` +
                    'behind a TLS-inspecting proxy, give its CA to Node with NODE_EXTRA_CA_CERTS', undefined, true);
            throw new TransportError(`network error: ${describeNetworkError(err)}`);
        }
    };
}
function describeNetworkError(err) {
    const cause = err?.cause;
    if (cause?.code)
        return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
    return cause?.message || (err instanceof Error ? err.message : String(err));
}

;// CONCATENATED MODULE: ./src/retry.ts
/**
 * Runs `attempt` until it succeeds, or until `nextDelay` returns undefined for an error
 * (that error is thrown). A cancelled or timed-out run is never retried.
 */
async function retrying(attempt, nextDelay, o) {
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

;// CONCATENATED MODULE: ./src/oidc.ts




const STS = { service: 'sts', version: '2018-08-13' };
async function getIdTokenFromCore(audience) {
    const core = await Promise.all(/* import() */[__nccwpck_require__.e(752), __nccwpck_require__.e(421)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6421));
    return core.getIDToken(audience);
}
/** @actions/core reports "Error Code : <status>"; no status means the request itself failed. */
function tokenErrorIsTransient(err) {
    const status = /Error Code : (\d+)/.exec(err instanceof Error ? err.message : String(err));
    return !status || Number(status[1]) >= 500 || Number(status[1]) === 429;
}
function parseAssumeRole(r) {
    const c = r.Credentials;
    const ok = (v) => typeof v === 'string' && v.length > 0;
    if (!c || !ok(c.TmpSecretId) || !ok(c.TmpSecretKey) || !ok(c.Token) || typeof r.ExpiredTime !== 'number')
        throw new TransportError('AssumeRoleWithWebIdentity response lacks Credentials or ExpiredTime');
    return {
        credentials: { secretId: c.TmpSecretId, secretKey: c.TmpSecretKey, token: c.Token },
        expiresAt: r.ExpiredTime * 1000,
    };
}
/** A credentials provider for the API client: logs in on first use and renews ahead of expiry. */
function oidcCredentials(d) {
    const random = d.random ?? Math.random;
    let current;
    let pending;
    async function login(signal) {
        const idToken = await retrying(() => untilAborted(d.getIdToken(d.config.audience), signal), // core.getIDToken takes no signal
        (err, retry) => tokenErrorIsTransient(err) && retry < d.retry.maxRetries ? retryDelay(d.retry, retry, random()) : undefined, {
            clock: d.clock,
            signal,
            onRetry: (err, ms) => d.log?.(`GitHub ID token request failed (${messageOf(err)}); retrying in ${formatDuration(ms)}`),
        }).catch((err) => {
            if (signal?.aborted)
                throw err;
            throw new Error(`Getting the GitHub ID token for audience ${d.config.audience}: ${messageOf(err)}`);
        });
        d.mask(idToken);
        const issuedAt = d.clock.wallNow();
        const { credentials, expiresAt } = await d.sts('AssumeRoleWithWebIdentity', {
            ProviderId: d.config.providerId,
            WebIdentityToken: idToken,
            RoleArn: d.config.roleArn,
            RoleSessionName: d.config.roleSessionName,
            DurationSeconds: d.config.durationSeconds,
        }, { context: `STS AssumeRoleWithWebIdentity for ${d.config.roleArn}`, parse: parseAssumeRole, signal });
        // Masked before anything else can print them.
        d.mask(credentials.secretKey);
        d.mask(credentials.token ?? '');
        d.mask(credentials.secretId);
        // Renew with a quarter of the lifetime (at most 5 minutes) to spare.
        const margin = Math.min(300_000, (expiresAt - issuedAt) / 4);
        d.log?.(`Assumed ${d.config.roleArn} as ${d.config.roleSessionName}; credentials valid until ${new Date(expiresAt).toISOString()}`);
        return { credentials, renewAt: expiresAt - margin, expiresAt };
    }
    return async (signal) => {
        if (current && d.clock.wallNow() < current.renewAt)
            return current.credentials;
        pending ??= login(signal).finally(() => (pending = undefined));
        try {
            current = await untilAborted(pending, signal);
        }
        catch (err) {
            // A failed renewal need not end the wait while the current credentials last.
            if (signal?.aborted || !current || d.clock.wallNow() > current.expiresAt - 60_000)
                throw err;
            d.log?.(`Renewing the credentials failed (${messageOf(err)}); keeping the current ones, trying again in 30s`);
            current.renewAt = d.clock.wallNow() + 30_000;
        }
        return current.credentials;
    };
}

;// CONCATENATED MODULE: ./src/limiter.ts
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

;// CONCATENATED MODULE: ./src/report.ts
// Turns a wait's result into outputs, a job summary and the step's verdict.


const STATUS_TEXT = { 0: 'succeeded', 1: 'failed', 2: 'in progress' };
const statusText = (s) => (s === undefined ? 'no answer' : STATUS_TEXT[s]);
const label = (t) => describeRef(t.ref);
function verdict(result, failOnTimeout, timeoutMs) {
    const failed = result.tasks.filter((t) => t.status === 1);
    const pending = result.tasks.filter((t) => t.status !== 0 && t.status !== 1);
    const status = failed.length ? '1' : pending.length ? '2' : '0';
    const lbIds = [...new Set(result.tasks.flatMap((t) => t.loadBalancerIds))];
    const outputs = {
        status,
        'load-balancer-ids': JSON.stringify(lbIds),
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
    const of = (n) => `${n} of ${result.tasks.length} task${result.tasks.length === 1 ? '' : 's'}`;
    const stillRunning = pending.length
        ? `${of(pending.length)} still in progress (${pending.map(label).join(', ')})`
        : '';
    const failures = failed.length
        ? `${of(failed.length)} failed: ` +
            failed.map((t) => `${label(t)}: ${t.message ?? 'no reason given'} (RequestId ${t.requestId})`).join('; ')
        : '';
    const parts = (...p) => p.filter(Boolean).join('; ');
    switch (result.outcome) {
        case 'error':
            return { status, outputs, failure: parts(result.error?.message ?? 'unknown error', failures) };
        case 'cancelled':
            return {
                status,
                outputs,
                failure: parts(`cancelled after ${formatDuration(result.elapsedMs)}`, failures, stillRunning),
            };
        case 'timeout': {
            const text = parts(`timed out after ${formatDuration(timeoutMs)}`, failures, stillRunning);
            if (failed.length || failOnTimeout)
                return {
                    status,
                    outputs,
                    failure: failed.length ? text : `${text}. Raise timeout, or set fail-on-timeout: false to pass anyway`,
                };
            return { status, outputs, warning: text };
        }
        default:
            return failed.length ? { status, outputs, failure: failures } : { status, outputs };
    }
}
const cell = (s) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ') || '—';
const ICON = { 0: '✅', 1: '❌', 2: '⏳' };
function summaryMarkdown(result, v) {
    const n = result.tasks.length;
    const headline = v.failure
        ? `❌ ${v.failure}`
        : v.warning
            ? `⚠️ ${v.warning}`
            : `✅ ${n === 1 ? 'The task' : `All ${n} tasks`} succeeded in ${formatDuration(result.elapsedMs)}`;
    const rows = result.tasks.map((t) => [
        `\`${t.ref.id}\``,
        `${t.status === undefined ? '❔' : ICON[t.status]} ${statusText(t.status)}`,
        cell(t.message ?? ''),
        cell(t.loadBalancerIds.join(', ')),
        t.requestId ? `\`${t.requestId}\`` : '—',
        formatDuration(t.waitedMs),
    ].join(' | '));
    return [
        '### CLB task wait',
        '',
        cell(headline),
        '',
        `| ${n && result.tasks[0].ref.kind === 'DealName' ? 'Order' : 'Task'} | Status | Message | Load balancers | RequestId | Waited |`,
        '| --- | --- | --- | --- | --- | --- |',
        ...rows.map((r) => `| ${r} |`),
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/signer.ts
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
    const entries = Object.entries(r.headers)
        .map(([k, v]) => [k.toLowerCase(), v.trim().toLowerCase()])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const signedHeaders = entries.map(([k]) => k).join(';');
    const canonicalHeaders = entries.map(([k, v]) => `${k}:${v}\n`).join('');
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

;// CONCATENATED MODULE: ./src/tencent-api.ts
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
function createApiClient(o) {
    const random = o.random ?? Math.random;
    return async (action, params, { context, parse, signal }) => {
        const body = JSON.stringify(params);
        let attempts = 0;
        let resigned = false;
        const send = async () => {
            attempts++;
            await o.limiter?.acquire(signal);
            const headers = await buildHeaders(o, action, body, signal);
            const res = await o.transport({ url: o.endpoint.url, headers, body, timeoutMs: o.requestTimeoutMs, signal });
            return parse(readResponse(res.status, res.body));
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
                o.limiter?.slowDown(); // the account's budget is shared: yield some of it
            if (!isRetryable(err) || retry >= o.retry.maxRetries)
                return undefined;
            return retryDelay(o.retry, retry, random(), rateLimited);
        };
        try {
            return await retrying(send, nextDelay, {
                clock: o.clock,
                signal,
                onRetry: (err, delay, retry) => o.log?.(`${context}: ${messageOf(err)}; ` +
                    (isSignatureExpired(err)
                        ? 'signing it afresh'
                        : `retrying in ${formatDuration(delay)} (retry ${retry + 1} of ${o.retry.maxRetries})`)),
            });
        }
        catch (err) {
            if (signal?.aborted || !(err instanceof ApiError || err instanceof TransportError))
                throw err;
            throw failure(o, action, context, err, attempts);
        }
    };
}
const isSignatureExpired = (err) => err instanceof ApiError && err.code === 'AuthFailure.SignatureExpire';
async function buildHeaders(o, action, body, signal) {
    const creds = await o.credentials?.(signal); // first: a login may take a while
    const timestamp = Math.floor(o.clock.wallNow() / 1000);
    // fetch sends Host from the URL; it is signed with exactly that value.
    const headers = {
        'Content-Type': 'application/json',
        'X-TC-Action': action,
        'X-TC-Version': o.version,
        'X-TC-Timestamp': String(timestamp),
        'X-TC-RequestClient': o.requestClient,
    };
    if (o.region)
        headers['X-TC-Region'] = o.region;
    if (!creds)
        return { ...headers, Authorization: 'SKIP' };
    if (creds.token)
        headers['X-TC-Token'] = creds.token;
    const signed = { 'Content-Type': headers['Content-Type'], Host: o.endpoint.host, 'X-TC-Action': action };
    const { authorization } = sign({ ...creds, service: o.service, timestamp, headers: signed, body });
    return { ...headers, Authorization: authorization };
}
function readResponse(status, text) {
    const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    if (status !== 200)
        throw new TransportError(`HTTP ${status}${snippet ? `: ${snippet}` : ''}`, status);
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        throw new TransportError(`response is not JSON: ${snippet || '(empty body)'}`);
    }
    const response = json?.Response;
    if (!response || typeof response !== 'object')
        throw new TransportError(`response has no Response object: ${snippet}`);
    const r = response;
    if (r.Error) {
        const requestId = typeof r.RequestId === 'string' ? r.RequestId : undefined;
        throw new ApiError(String(r.Error.Code ?? 'UnknownError'), String(r.Error.Message ?? ''), requestId);
    }
    return r;
}
function failure(o, action, context, err, attempts) {
    const hint = err instanceof ApiError ? hintFor(err.code, action, o.service) : undefined;
    const tries = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
    return new CallError(`${context}: ${err.message}${tries}${hint ? `. Hint: ${hint}` : ''}`, err);
}

;// CONCATENATED MODULE: ./src/waiter.ts


async function waitForTasks(o) {
    const start = o.clock.now();
    const run = new AbortController();
    const cancel = () => run.abort(new CancelledError());
    if (o.signal?.aborted)
        cancel();
    o.signal?.addEventListener('abort', cancel, { once: true });
    o.clock.sleep(o.timeoutMs, run.signal).then(() => run.abort(new TimeoutError()), () => undefined);
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
    await Promise.all(states.map((s) => follow(s).catch((err) => run.signal.aborted || run.abort(err))));
    const reason = run.signal.reason;
    run.abort(); // stops the deadline timer when every task finished first
    o.signal?.removeEventListener('abort', cancel);
    const elapsedMs = o.clock.now() - start;
    for (const s of states)
        if (s.status !== 0 && s.status !== 1)
            s.waitedMs = elapsedMs;
    // Every task final is done, even if the deadline fired as the last answer came in.
    const allFinal = states.every((s) => s.status === 0 || s.status === 1);
    const outcome = reason === undefined || allFinal
        ? 'done'
        : reason instanceof TimeoutError
            ? 'timeout'
            : reason instanceof CancelledError
                ? 'cancelled'
                : 'error';
    return {
        outcome,
        tasks: states,
        lastRequestId,
        elapsedMs,
        ...(outcome === 'error' ? { error: reason } : {}),
    };
}

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/main.ts
// The action, top to bottom: inputs → credentials → client → waiter → outputs and summary.
// Every failure is reported once, here, as "clb-task-wait failed with: <message>".














const ACTION = 'clb-task-wait';
/** X-TC-RequestClient allows only [0-9a-zA-Z-_ ,;.]. */
const REQUEST_CLIENT = `${ACTION}_${package_namespaceObject.rE}`;
/** The API counts arrivals in any one second; this margin absorbs send-to-arrival jitter. */
const RATE_WINDOW_MS = 1050;
const STS_DEFAULT_REGION = 'ap-guangzhou';
/** The pieces below are tested with injected clocks and transports; run() wires the real ones. */
async function run() {
    const env = process.env;
    const clock = systemClock;
    const cancel = new AbortController();
    const signal = cancel.signal;
    const onSignal = (name) => {
        info(`Received ${name}: stopping the wait`);
        cancel.abort();
    };
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
    try {
        const config = readInputs(env);
        const transport = await createTransport(env);
        const client = {
            clock,
            transport,
            retry: config.retry,
            requestTimeoutMs: config.requestTimeoutMs,
            requestClient: REQUEST_CLIENT,
            log: info,
        };
        const call = createApiClient({
            ...CLB,
            ...client,
            endpoint: config.endpoint,
            region: config.region,
            credentials: credentialSource(config, env, client),
            limiter: createLimiter(config.maxRequestsPerSecond, RATE_WINDOW_MS, clock),
        });
        const n = config.tasks.length;
        info(`Waiting for ${n} ${noun(config.tasks[0].kind)}${n === 1 ? '' : 's'} ` +
            `at ${config.endpoint.host}${config.region ? ` (${config.region})` : ''}, timeout ${formatDuration(config.timeoutMs)}`);
        const result = await waitForTasks({
            tasks: config.tasks,
            describe: (task, signal) => describeTaskStatus(call, task, signal),
            clock,
            poll: config.poll,
            timeoutMs: config.timeoutMs,
            signal,
            onAnswer: (t, previous) => {
                debug(`${t.ref.id}: status ${t.status}, RequestId ${t.requestId}`);
                if (t.status === previous)
                    return;
                const lbs = t.loadBalancerIds.length ? `; load balancers ${t.loadBalancerIds.join(', ')}` : '';
                const why = t.message ? `: ${t.message}` : '';
                const after = t.status === 2 ? '' : ` after ${formatDuration(t.waitedMs)}`;
                info(`${describeRef(t.ref)}: ${statusText(t.status)}${why}${after}${lbs}`);
            },
        });
        const v = verdict(result, config.failOnTimeout, config.timeoutMs);
        for (const [name, value] of Object.entries(v.outputs))
            setOutput(name, value, env);
        appendSummary(summaryMarkdown(result, v), env);
        if (v.warning)
            warning(v.warning);
        if (v.failure)
            fail(v.failure);
        else
            info(`Done: status ${v.status}, load balancers ${v.outputs['load-balancer-ids']}`);
    }
    catch (err) {
        fail(messageOf(err));
        if (err instanceof Error && err.stack)
            debug(err.stack);
    }
    finally {
        process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    }
}
/** Static keys (masked at once), or keyless login through STS when role-arn is set. */
function credentialSource(config, env, client) {
    if (!config.oidc) {
        const credentials = resolveStaticCredentials(config.credentials, env);
        setSecret(credentials.secretKey);
        if (credentials.token)
            setSecret(credentials.token);
        return async () => credentials;
    }
    const sts = createApiClient({
        ...STS,
        ...client,
        endpoint: config.oidc.stsEndpoint,
        region: config.region ?? STS_DEFAULT_REGION, // STS requires one
    });
    return oidcCredentials({
        config: config.oidc,
        getIdToken: getIdTokenFromCore,
        sts,
        clock: client.clock,
        retry: client.retry,
        mask: setSecret,
        log: info,
    });
}
function fail(message) {
    process.exitCode = 1;
    error(`${ACTION} failed with: ${message}`);
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

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

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

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
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
