export const id = 34;
export const ids = [34];
export const modules = {

/***/ 6034:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  crashLine: () => (/* binding */ crashLine),
  main: () => (/* binding */ main)
});

// UNUSED EXPORTS: EXIT, MAX_LINE, SECRET_ENV, VERSION, jsonLine, safeLine

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
            return "STS refused the web identity token: check provider-id, and that the token's audience (the audience input on GitHub) matches the CAM identity provider's client ID";
        if (action === 'AssumeRole' && (code === 'UnauthorizedOperation' || code.startsWith('InvalidParameter')))
            return "check role-arn, and that the role's trust policy lets the base credentials' account or user assume it (sts:AssumeRole)";
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
/**
 * A credential source that is configured but cannot be used, or none found: one line naming
 * the source, its path or variable and the reason (never a file's contents). Raised before any
 * request; an InputError, so the command line exits 2.
 */
class CredentialError extends InputError {
    constructor(message) {
        super('credentials', message);
        this.message = `credentials: ${message}`;
        this.name = 'CredentialError';
    }
}

;// CONCATENATED MODULE: ./src/report/sanitize.ts
// The one gate for untrusted text (every byte from the network). Before such text reaches
// the log, an annotation, an output or the summary it is redacted, stripped of anything the
// runner or a terminal would act on, and capped. The markdown escape and the shape checks
// for ids live here too, so every caller gets the same rules.
/** Values the runner masks (setSecret feeds this), redacted from quoted text before it is cut. */
const secrets = new Set();
function registerSecret(value) {
    // Also as clean() normalises it, so the secret is found in normalised text.
    for (const form of [value, normalise(value)])
        if (form.length >= 4)
            secrets.add(form); // shorter ones would redact ordinary words
}
/** TC3 credentials and signatures, wherever a server echoes them (an Authorization header, say). */
const CREDENTIAL_PATTERNS = [
    [/(Credential=)[^\s,;"'/]+/gi, '$1***'],
    [/(Signature=)[0-9a-f]+/gi, '$1***'],
    [/(X-TC-Token["']?\s*[:=]\s*["']?)[^\s,;"']+/gi, '$1***'],
    [/(Authorization["']?\s*[:=]\s*["']?)(?!\*\*\*)[^\r\n"']+/gi, '$1***'],
];
/**
 * Where `secret` stands in `text` at `at`, whole or with one character inserted inside it (an
 * echo a hostile server disguised so the runner's exact mask misses it): its length, or 0.
 */
function matchAt(text, secret, at) {
    let same = 0;
    for (const ch of secret.split('')) {
        if (text[at + same] !== ch)
            break;
        same++;
    }
    if (same === secret.length)
        return same;
    // The first difference is the inserted character, if any (an earlier one would match here
    // too); one outside the BMP takes two UTF-16 units.
    const inserted = text.codePointAt(at + same) > 0xffff ? 2 : 1;
    return same > 0 && text.startsWith(secret.slice(same), at + same + inserted) ? secret.length + inserted : 0;
}
/**
 * Every place `secret` stands in `text`, whole or with one character inserted: [start, end)
 * pairs. With one insertion either half stays whole, so only where a half is found is checked.
 */
function findSecret(text, secret) {
    const half = secret.length >> 1;
    const found = [];
    const tryAt = (at) => {
        const length = matchAt(text, secret, at);
        if (length)
            found.push([at, at + length]);
    };
    for (let at = text.indexOf(secret.slice(0, half)); at >= 0; at = text.indexOf(secret.slice(0, half), at + 1))
        tryAt(at);
    const tail = secret.slice(half);
    // The second half whole after an insertion in the first: the secret starts one or two units
    // (a character outside the BMP) further back than whole.
    for (let at = text.indexOf(tail); at >= 0; at = text.indexOf(tail, at + 1)) {
        tryAt(at - half - 1);
        tryAt(at - half - 2);
    }
    return found;
}
function redact(text) {
    // Overlapping finds (a secret inside another, or found from both halves) become one ***.
    const found = [...secrets].flatMap((s) => findSecret(text, s)).sort((a, b) => a[0] - b[0]);
    let out = '';
    let from = 0;
    for (const [start, end] of found) {
        if (start >= from)
            out += `${text.slice(from, start)}***`;
        from = Math.max(from, end);
    }
    out += text.slice(from);
    for (const [re, by] of CREDENTIAL_PATTERNS)
        out = out.replace(re, by);
    return out;
}
/** C0/C1 controls (ESC colour codes included), DEL and the Unicode line and paragraph separators: each becomes a space. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/**
 * Unicode format characters (category Cf: bidi controls, zero-width marks, the soft hyphen,
 * word joiners, tag characters...), the rest of what Unicode says renders as nothing
 * (Default_Ignorable_Code_Point: the combining grapheme joiner, Hangul fillers, variation
 * selectors, and the unassigned code points among them: U+2065, the rest of the tag block) and
 * the braille blank are invisible and can disguise text: removed.
 */
const FORMAT = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;
/**
 * What clean() compares with the secrets: invisibles removed, controls and every run of white
 * space (a no-break space too) folded to one space, so an echo disguised by them is still found.
 */
const normalise = (text) => text.replace(FORMAT, '').replace(CONTROLS, ' ').replace(/\s+/g, ' ');
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
    return truncate(neutralise(redact(normalise(head))).trim(), // normalised first: a secret disguised by invisibles or spaces is still found
    max, text.length - head.length);
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

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
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

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/tencent/profile-files.ts
// Credentials from the files Tencent's tools write: the SDKs' profile file (INI, [default]
// secret_id / secret_key / token) and tccli's ~/.tccli/<profile>.credential (JSON). Their
// contents are untrusted: size-capped, shape-checked, and never quoted in an error (any line
// may hold a key); errors name the file, a line number or a key name.


/** A credentials file is a few hundred bytes; anything far larger is not one. */
const MAX_FILE_BYTES = 64 * 1024;
const SECRET = /^[\x21-\x7e]{1,4096}$/;
/** tccli's profile names end up in a file name: no separators, no leading dot. */
const PROFILE_NAME = /^[\w-][\w.-]{0,63}$/;
/** Reads at most MAX_FILE_BYTES; the error names the file and the system's code, nothing read. */
const readCappedFile = async (path, shown) => {
    let handle;
    try {
        handle = await (0,promises_.open)(path, 'r');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return undefined;
        throw unreadable(shown, err);
    }
    try {
        const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        if (bytesRead > MAX_FILE_BYTES)
            throw new CredentialError(`${shown} is larger than ${MAX_FILE_BYTES / 1024} KiB: not a credentials file`);
        return buffer.subarray(0, bytesRead).toString('utf8');
    }
    catch (err) {
        if (err instanceof CredentialError)
            throw err;
        throw unreadable(shown, err);
    }
    finally {
        await handle.close();
    }
};
/** Names the system's error code (EACCES, EISDIR, ...), nothing else of the error. */
const unreadable = (shown, err) => {
    const code = err.code;
    const named = typeof code === 'string' && /^E[A-Z]{2,15}$/.test(code);
    return new CredentialError(`${shown} cannot be read (${named ? code : 'error'})`);
};
/** INI sections → keys (lower case) → values. Comments (# ;) and blank lines are skipped. */
function parseIni(text, shown) {
    const sections = new Map();
    let section;
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    for (const [i, raw] of lines.entries()) {
        const line = raw.trim();
        if (!line || line.startsWith('#') || line.startsWith(';'))
            continue;
        const header = /^\[\s*([^\]]*?)\s*\]$/.exec(line);
        const pair = /^([\w.-]+)\s*[=:]\s*(.*)/.exec(line); // the line is trimmed: so is the value
        if (header) {
            section = sections.get(header[1]) ?? new Map();
            sections.set(header[1], section);
        }
        else if (pair && section)
            section.set(pair[1].toLowerCase(), pair[2]);
        else
            throw new CredentialError(`${shown}: line ${i + 1} is not "[section]" or "key = value" under a section (INI, as Tencent's SDKs read it)`);
    }
    return sections;
}
/** Checks one secret's shape; the error names the key, never the value. */
function secret(value, key, shown) {
    if (typeof value !== 'string' || !value)
        throw new CredentialError(`${shown} has no ${key}`);
    if (!SECRET.test(value))
        throw new CredentialError(`${shown}: ${key} contains spaces, line breaks or non-ASCII characters`);
    return value;
}
const credentials = (secretId, secretKey, token) => token ? { secretId, secretKey, token } : { secretId, secretKey };
/** The SDKs' profile file: [default] with secret_id, secret_key and an optional token. */
function profileFileCredentials(text, shown) {
    const section = parseIni(text, shown).get('default');
    if (!section)
        throw new CredentialError(`${shown} has no [default] section`);
    const token = section.get('token');
    return credentials(secret(section.get('secret_id'), 'secret_id', shown), secret(section.get('secret_key'), 'secret_key', shown), token ? secret(token, 'token', shown) : undefined);
}
function tccliCredentials(text, shown) {
    let data;
    try {
        data = JSON.parse(text.replace(/^\uFEFF/, ''));
    }
    catch {
        // JSON.parse's message quotes the text around the error: not repeated.
        throw new CredentialError(`${shown} is not valid JSON`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data))
        throw new CredentialError(`${shown} is not a JSON object`);
    const o = data;
    if (o.type === 'cvm-role')
        return { kind: 'cvm-role' };
    if (o.type !== undefined && o.type !== 'default' && o.type !== '')
        throw new CredentialError(`${shown}: type ${typeof o.type === 'string' && /^[a-z-]{1,20}$/.test(o.type) ? `"${o.type}"` : '(unrecognised)'} ` +
            'is not supported: use keys (secretId, secretKey) or "type": "cvm-role"');
    const token = o.token === undefined || o.token === '' ? undefined : secret(o.token, 'token', shown);
    return {
        kind: 'keys',
        credentials: credentials(secret(o.secretId, 'secretId', shown), secret(o.secretKey, 'secretKey', shown), token),
    };
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
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

;// CONCATENATED MODULE: ./src/tencent/renewal.ts



/** Renewal comes a quarter of the lifetime early, but never more than this (the SDKs' 300 s). */
const MAX_RENEW_MARGIN_MS = 300_000;
/** When to renew credentials asked for at `askedAt` that expire at `expiresAt` (wall-clock ms). */
function renewalTime(askedAt, expiresAt) {
    return expiresAt - Math.min(MAX_RENEW_MARGIN_MS, (expiresAt - askedAt) / 4);
}
/**
 * A provider that logs in on first use (or starts from `first`, fetched already) and renews
 * ahead of expiry. Callers share one pending login; a caller whose signal aborts stops waiting
 * for it at once.
 */
function renewing(policy, login, first) {
    const { clock } = policy;
    let current = first;
    /** Wall-clock ms after which to log in again. */
    let renewAt = first ? renewalTime(first.askedAt, first.expiresAt) : 0;
    let pending;
    return async (signal) => {
        if (current && clock.wallNow() < renewAt)
            return current.credentials;
        signal?.throwIfAborted(); // a cancelled caller starts no login
        pending ??= login(signal).finally(() => (pending = undefined));
        try {
            current = await untilAborted(pending, signal);
            renewAt = renewalTime(current.askedAt, current.expiresAt);
        }
        catch (err) {
            // A failed renewal need not end the wait while the current credentials last.
            if (signal?.aborted || !current || clock.wallNow() > current.expiresAt - policy.lastMs)
                throw err;
            const retryIn = policy.retryInMs(current.expiresAt - clock.wallNow());
            policy.log?.(`credentials: renewing ${policy.label} failed (${messageOf(err)}); keeping the current ones, trying again in ${formatDuration(retryIn)}`);
            renewAt = clock.wallNow() + retryIn;
        }
        return current.credentials;
    };
}

;// CONCATENATED MODULE: ./src/tencent/cvm-role.ts
// The CVM instance role: temporary credentials from the metadata service, renewed before they
// expire. Off Tencent Cloud nothing answers, so the first request is short and made once; it
// never goes through a proxy (the service is link-local to the instance). Every answer is
// untrusted: capped, shape-checked, and the role name checked before it goes into a URL.



const METADATA_ENDPOINT = 'http://metadata.tencentyun.com';
const CREDENTIALS_PATH = '/latest/meta-data/cam/security-credentials/';
/** AWS's SDKs use 1 s and one attempt for their equivalent; Terraform's Tencent provider 2 s. */
const METADATA_TIMEOUT_MS = 1000;
/** The answers are a role name and a small JSON object. */
const MAX_ANSWER_BYTES = 16 * 1024;
/** CAM role names: letters, digits and +=,.@_-, at most 128; not . or .. (a path step in a URL). */
const ROLE_NAME = /^(?!\.{1,2}$)[\w+=,.@-]{1,128}$/;
const cvm_role_SECRET = /^[\x21-\x7e]{1,4096}$/;
/** Shortest and longest lifetimes accepted; the floor bounds how often the service is asked. */
const MIN_LIFETIME_MS = 2000;
const MAX_LIFETIME_MS = (43_200 + 600) * 1000;
/** A failed renewal keeps the current credentials while they have this much left. */
const LAST_SECONDS_MS = 5000;
/**
 * node:http directly: global fetch may honour HTTP(S)_PROXY, and the metadata service must not be
 * proxied. node:https only for an https endpoint (TENCENTCLOUD_METADATA_ENDPOINT), loaded then.
 */
const metadataGet = async (url, timeoutMs, signal) => {
    const request = url.startsWith('https:') ? (await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 4708, 23))).request : external_node_http_.request;
    return new Promise((resolve, reject) => {
        const timeout = AbortSignal.timeout(timeoutMs);
        // agent: false, a fresh agent: the global one follows HTTP_PROXY when NODE_USE_ENV_PROXY=1 is set.
        const options = { agent: false, signal: signal ? AbortSignal.any([signal, timeout]) : timeout };
        const req = request(url, options, (res) => {
            const chunks = [];
            let size = 0;
            res.on('data', (chunk) => {
                size += chunk.length;
                if (size > MAX_ANSWER_BYTES) {
                    res.destroy();
                    reject(new TransportError(`the answer is larger than ${MAX_ANSWER_BYTES / 1024} KiB`, undefined, true));
                }
                else
                    chunks.push(chunk);
            });
            res.on('end', () => resolve({ status: Number(res.statusCode), body: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
        });
        req.on('error', (err) => reject(timeout.aborted ? new TransportError(`no answer within ${timeoutMs / 1000}s`) : err));
        req.end();
    });
};
/** The instance's role name; undefined when nothing answers or no role is attached. */
async function discoverRole(deps, signal) {
    let answer;
    try {
        answer = await deps.get(deps.endpoint + CREDENTIALS_PATH, deps.timeoutMs ?? METADATA_TIMEOUT_MS, signal);
    }
    catch (err) {
        if (signal?.aborted)
            throw err;
        return undefined; // not on Tencent Cloud (or no metadata service): not configured
    }
    if (answer.status === 404)
        return undefined;
    if (answer.status !== 200)
        throw new CredentialError(`CVM role: the metadata service at ${deps.endpoint} answered HTTP ${answer.status}`);
    const role = answer.body.trim();
    if (!role)
        return undefined;
    if (!ROLE_NAME.test(role))
        throw new CredentialError(`CVM role: the metadata service at ${deps.endpoint} answered a role name that is not a CAM role name (letters, digits, +=,.@_-)`);
    return role;
}
/** Checks a credentials answer against the time it was asked at (wall-clock ms). */
function parseRoleCredentials(answer, nowMs, where) {
    if (answer.status !== 200)
        throw new CredentialError(`${where}: HTTP ${answer.status}`);
    let o;
    try {
        o = JSON.parse(answer.body);
    }
    catch {
        throw new CredentialError(`${where}: the answer is not JSON`);
    }
    if (typeof o !== 'object' || o === null)
        throw new CredentialError(`${where}: the answer is not a JSON object`);
    if (o.Code !== 'Success')
        throw new CredentialError(`${where}: Code is ${typeof o.Code === 'string' && /^[\w.]{1,40}$/.test(o.Code) ? `"${o.Code}"` : 'missing or malformed'}, not "Success"`);
    const ok = (v) => typeof v === 'string' && cvm_role_SECRET.test(v);
    if (!ok(o.TmpSecretId) || !ok(o.TmpSecretKey) || !ok(o.Token))
        throw new CredentialError(`${where}: the answer lacks TmpSecretId, TmpSecretKey or Token`);
    const expiresAt = Number.isSafeInteger(o.ExpiredTime) ? o.ExpiredTime * 1000 : NaN;
    const life = expiresAt - nowMs;
    if (!(life >= MIN_LIFETIME_MS && life <= MAX_LIFETIME_MS))
        throw new CredentialError(`${where}: ExpiredTime is not between ${MIN_LIFETIME_MS / 1000} seconds and 12 hours from now. Hint: check the system clock`);
    return { credentials: { secretId: o.TmpSecretId, secretKey: o.TmpSecretKey, token: o.Token }, expiresAt };
}
/**
 * The role's credentials, fetched now (so a broken answer fails before any CLB request) and
 * renewed a quarter-lifetime (at most 5 minutes) before they expire. Resolves to the provider
 * and the first expiry.
 */
async function cvmRoleCredentials(deps, role, signal) {
    // Checked here too: whoever calls, nothing unchecked goes into the URL.
    if (!ROLE_NAME.test(role))
        throw new CredentialError('CVM role: the role name is not a CAM role name');
    const where = `CVM role ${role} (metadata service at ${deps.endpoint})`;
    const fetchOnce = async (s) => {
        const asked = deps.clock.wallNow();
        const answer = await deps.get(deps.endpoint + CREDENTIALS_PATH + role, deps.timeoutMs ?? METADATA_TIMEOUT_MS, s);
        const { credentials, expiresAt } = parseRoleCredentials(answer, asked, where);
        deps.mask(credentials.secretId);
        deps.mask(credentials.secretKey);
        deps.mask(credentials.token);
        return { credentials, expiresAt, askedAt: asked };
    };
    const first = await fetchOnce(signal).catch((err) => {
        if (err instanceof CredentialError || signal?.aborted)
            throw err;
        throw new CredentialError(`${where}: ${messageOf(err)}`);
    });
    const renew = async (s) => {
        const issued = await fetchOnce(s);
        deps.log?.(`credentials: CVM role ${role} renewed, valid until ${new Date(issued.expiresAt).toISOString()}`);
        return issued;
    };
    // A quarter of what is left on failure: more than 1.25 s, since over 5 s are.
    const policy = {
        clock: deps.clock,
        log: deps.log,
        label: `CVM role ${role}`,
        lastMs: LAST_SECONDS_MS,
        retryInMs: (left) => left / 4,
    };
    return { provider: renewing(policy, renew, first), expiresAt: first.expiresAt };
}

;// CONCATENATED MODULE: ./src/tencent/credential-chain.ts
// Where the credentials come from, in one documented order; the first source that is
// configured wins, and a configured source that is broken is an error, never a fall-through:
//   1. keys: the secret-id/secret-key/token inputs, else TENCENTCLOUD_SECRET_ID/_SECRET_KEY (+ token)
//   2. web identity (a role with a token source): the injected role provider, no base needed
//   3. the profile file, then tccli's profile
//   4. the CVM role, through the metadata service
// A role without web identity is then assumed with the base credentials (role chaining).
// Keys in the environment are found without touching a file or the network.





const hhmm = (ms) => `${new Date(ms).toISOString().slice(11, 16)}Z`;
async function resolveCredentials(inputs, deps, signal) {
    const role = inputs.role;
    if (role && inputs.roleProvider) {
        if (role.webIdentity)
            return {
                label: `web identity, role ${role.roleArn} (temporary, renewed)`,
                provider: inputs.roleProvider(undefined),
            };
        const base = await baseCredentials(inputs, deps, signal);
        return {
            label: `${base.label}, then role ${role.roleArn} (STS AssumeRole)`,
            provider: inputs.roleProvider(base.provider),
        };
    }
    return baseCredentials(inputs, deps, signal);
}
/** Sources 1, 3 and 4; "none found" names everything tried, in order. */
async function baseCredentials(inputs, deps, signal) {
    const { env } = deps;
    const keys = inputs.keys;
    if (keys.secretId || keys.secretKey || keys.token)
        return fixed(resolveStaticCredentials(keys, env), 'the secret-id and secret-key inputs', deps);
    if (env.TENCENTCLOUD_SECRET_ID?.trim() || env.TENCENTCLOUD_SECRET_KEY?.trim())
        return fixed(resolveStaticCredentials(keys, env), 'TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY', deps);
    const tried = ['TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY'];
    const profileName = inputs.profile || env.TCCLI_PROFILE?.trim() || '';
    // A profile asked for by name is tccli's: the profile file has [default] only.
    if (!profileName) {
        const file = await profileFile(deps, tried);
        if (file)
            return file;
    }
    const tccli = await tccliProfile(inputs, profileName, deps, tried, signal);
    if (tccli)
        return tccli;
    if (/^true$/i.test(env.TENCENTCLOUD_METADATA_DISABLED?.trim() ?? ''))
        tried.push('CVM role (skipped: TENCENTCLOUD_METADATA_DISABLED=true)');
    else {
        const cvm = await cvmRole(deps, signal);
        if (cvm)
            return cvm;
        tried.push(`CVM role (no role at ${metadataEndpoint(env)})`);
    }
    throw new CredentialError(`none found. Tried, in order: ${tried.join('; ')}. ` +
        'Set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, a role (role-arn), a profile file, or attach a CAM role to the CVM (see README, Credentials)');
}
function fixed(credentials, from, deps) {
    deps.mask(credentials.secretId); // as AWS's credentials action does with its key id
    deps.mask(credentials.secretKey);
    if (credentials.token)
        deps.mask(credentials.token);
    return { label: `${from}${credentials.token ? ', with a session token' : ''}`, provider: async () => credentials };
}
/** ~/x for a path under the home directory: the log line says where without naming the user. */
function shown(path, home) {
    return home && path.startsWith(home + external_node_path_.sep) ? `~${external_node_path_.sep}${path.slice(home.length + 1)}` : path;
}
async function profileFile(deps, tried) {
    const home = deps.home();
    const named = deps.env.TENCENTCLOUD_CREDENTIALS_FILE?.trim();
    if (named) {
        const where = `TENCENTCLOUD_CREDENTIALS_FILE (${named})`;
        const text = await deps.readFile(named, where);
        if (text === undefined)
            throw new CredentialError(`${where} does not exist`);
        return fixed(profileFileCredentials(text, where), `${where} [default]`, deps);
    }
    // No home directory: no path relative to the working directory (a checkout may hold anything).
    const paths = (0,external_node_path_.isAbsolute)(home) ? [(0,external_node_path_.join)(home, '.tencentcloud', 'credentials')] : [];
    if (deps.platform !== 'win32')
        paths.push('/etc/tencentcloud/credentials');
    for (const path of paths) {
        const where = shown(path, home);
        const text = await deps.readFile(path, where);
        if (text !== undefined)
            return fixed(profileFileCredentials(text, where), `${where} [default]`, deps);
        tried.push(where);
    }
    return undefined;
}
async function tccliProfile(inputs, name, deps, tried, signal) {
    const from = inputs.profile ? '--profile' : name ? 'TCCLI_PROFILE' : '';
    const profile = name || 'default';
    if (!PROFILE_NAME.test(profile))
        throw new CredentialError(`${from} is not a profile name (letters, digits, ._-, at most 64)`);
    const home = deps.home();
    const path = (0,external_node_path_.join)(home, '.tccli', `${profile}.credential`);
    const where = shown(path, home);
    const text = (0,external_node_path_.isAbsolute)(home) ? await deps.readFile(path, where) : undefined;
    if (text === undefined) {
        if (from)
            throw new CredentialError(`unknown profile ${profile} (${from}): ${where} does not exist`);
        tried.push(where);
        return undefined;
    }
    const found = tccliCredentials(text, where);
    if (found.kind === 'keys')
        return fixed(found.credentials, `${where} [${profile}]`, deps);
    // "type": "cvm-role": the instance role is what was asked for, so no role is an error.
    const cvm = await cvmRole(deps, signal);
    if (!cvm)
        throw new CredentialError(`${where} says "type": "cvm-role", but no CVM role answered at ${metadataEndpoint(deps.env)}`);
    return cvm;
}
/** TENCENTCLOUD_METADATA_ENDPOINT when set: scheme, host and port only. */
function metadataEndpoint(env) {
    const text = env.TENCENTCLOUD_METADATA_ENDPOINT?.trim();
    if (!text)
        return METADATA_ENDPOINT;
    let url;
    try {
        url = new URL(text);
    }
    catch {
        // not a URL: refused below
    }
    const web = url?.protocol === 'http:' || url?.protocol === 'https:';
    if (!url || !web || url.username || url.password || url.search || url.pathname !== '/')
        throw new CredentialError('TENCENTCLOUD_METADATA_ENDPOINT is not a base URL (http://host[:port], no path, user or query)');
    return url.origin;
}
async function cvmRole(deps, signal) {
    const roleDeps = {
        endpoint: metadataEndpoint(deps.env),
        get: deps.metadata,
        clock: deps.clock,
        mask: deps.mask,
        log: deps.log,
    };
    const role = await discoverRole(roleDeps, signal);
    if (!role)
        return undefined;
    const { provider, expiresAt } = await cvmRoleCredentials(roleDeps, role, signal);
    return { label: `CVM role ${role}, temporary, renewed before ${hhmm(expiresAt)}`, provider };
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

;// CONCATENATED MODULE: ./src/tencent/token-source.ts
// Where a web identity token comes from: the job's GitHub ID token, a file (a TKE pod's
// projected token, rotated by the kubelet, so read again at each login) or a variable
// (GitLab's id_tokens). File and variable contents are untrusted: capped, shape-checked, and
// never quoted in an error.






/** The largest token accepted (a JWT is a few KiB); a file is read no further than one byte past it. */
const MAX_TOKEN_BYTES = 16 * 1024;
/** Three base64url parts (the signature may be empty only in an unsigned JWT, which STS refuses anyway). */
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** A web identity token read from a file or variable, trimmed; what is wrong with it, never its text. */
function checkToken(text, where) {
    const token = text.trim();
    if (!token)
        throw new Error(`${where} is empty`);
    if (!JWT.test(token))
        throw new Error(`${where} does not hold a JWT (three base64url parts separated by dots); its text is not shown`);
    return token;
}
/** An fs error without the path it repeats: "ENOENT: no such file or directory". */
function readError(err) {
    return String(err.message).replace(/, \w+ '.*'/s, '');
}
/** The token file named by `path`; `where` says how it was configured, for the error line. */
function fileToken(path, where) {
    const label = `web identity token file ${clean(path, 300)} (${where})`;
    return async (signal) => {
        signal?.throwIfAborted();
        let text;
        try {
            const handle = await (0,promises_.open)(path, 'r');
            try {
                const buf = Buffer.alloc(MAX_TOKEN_BYTES + 1);
                const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
                if (bytesRead > MAX_TOKEN_BYTES)
                    throw new Error(`is larger than ${MAX_TOKEN_BYTES / 1024} KiB`);
                text = buf.subarray(0, bytesRead).toString('utf8');
            }
            finally {
                await handle.close();
            }
        }
        catch (err) {
            throw new Error(`${label}: cannot read it: ${clean(readError(err), 300)}`, { cause: err });
        }
        return checkToken(text, label);
    };
}
/** The token in the variable `name` (e.g. TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN set from GitLab's id_tokens). */
function envToken(env, name) {
    return async () => checkToken(env[name] ?? '', `web identity token variable ${name}`);
}
/** @actions/core reports "Error Code : <status>"; no status means the request itself failed. */
function tokenErrorIsTransient(err) {
    const status = /Error Code : (\d+)/.exec(err instanceof Error ? err.message : String(err));
    return !status || Number(status[1]) >= 500 || Number(status[1]) === 429;
}
/** The job's GitHub ID token, retrying what GitHub may answer differently next time (5xx, 429, no answer). */
function githubToken(deps) {
    const random = deps.random ?? Math.random;
    return (signal) => withRetries(() => untilAborted(deps.getIdToken(deps.audience), signal), // core.getIDToken takes no signal
    (err, retry) => tokenErrorIsTransient(err) && retry < deps.retry.maxRetries
        ? retryDelay(deps.retry, retry, random())
        : undefined, {
        clock: deps.clock,
        signal,
        onRetry: (err, ms) => deps.log?.(`GitHub ID token request failed (${clean(messageOf(err))}); retrying in ${formatDuration(ms)}`),
    }).catch((err) => {
        // An abort is the caller's doing, passed on as is; anything else names the audience to check.
        if (signal?.aborted)
            throw err;
        throw new Error(`Getting the GitHub ID token for audience ${deps.audience}: ${clean(messageOf(err))}`);
    });
}
/** The reader for a configured token, and how to name it in errors; refuses one this run cannot get, before any request. */
function tokenSource(token, deps) {
    if (token.kind === 'file')
        return {
            source: `the token file ${clean(token.path, 300)} (${token.from})`,
            readToken: fileToken(token.path, token.from),
        };
    if (token.kind === 'env')
        return { source: `the token in ${token.name}`, readToken: envToken(deps.env, token.name) };
    if (!deps.getIdToken)
        throw new InputError('provider-id', 'needs a web identity token: set web-identity-token-file, TKE_WEB_IDENTITY_TOKEN_FILE or ' +
            'TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN (only the GitHub action can request a GitHub ID token)');
    // GitHub sets these only for jobs with `id-token: write`; without them login would fail later, less clearly.
    if (!deps.env.ACTIONS_ID_TOKEN_REQUEST_URL || !deps.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
        throw new InputError('role-arn', 'keyless login needs a GitHub ID token, and this job cannot request one: add `permissions: id-token: write` to the workflow or job');
    return {
        source: 'the GitHub ID token',
        readToken: githubToken({ ...deps, getIdToken: deps.getIdToken, audience: token.audience }),
    };
}

;// CONCATENATED MODULE: ./src/gate/health-policy.ts
const MAX_GATED = 300;
/** How much later than planned an answer may come before it counts as a gap in what was observed. */
const ANSWER_SLACK_MS = 1000;
/** Answers further apart than this restart healthy-for: the window rests on answers, not on the time between them. */
const maxAnswerGapMs = (intervalMs) => intervalMs + ANSWER_SLACK_MS;
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
    const restartedBy = !running ? undefined : setChanged ? 'set-changed' : answerGap;
    return { gatedKey, healthySinceMs: nowMs, restartedBy, setChanges };
}
/** One poll's answer → the gate's state and verdict. `previous` is undefined on the first poll. */
function gateStep(previous, answer, gate, nowMs, observed = {}) {
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
        .map((id) => {
        const named = gate.loadBalancersNamed ?? false;
        return observed.loadBalancerIds?.includes(id) === false ? { id, named, absent: true } : { id, named };
    });
    const tooMany = matched.length > MAX_GATED;
    const blocked = tooMany ||
        unmatchedFilters.length > 0 ||
        gated.length === 0 ||
        idleLoadBalancers.some((lb) => lb.named || lb.absent);
    const gatedKey = gated.map(targetKey).sort().join('\n');
    const state = windowOf(previous, gatedKey, !blocked && !unhealthy.length, observed.gap, nowMs);
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
    const [icon, headline] = v.failure
        ? ['❌', v.failure]
        : v.warning
            ? ['⚠️', v.warning]
            : ['✅', `${n === 1 ? 'The task' : `All ${n} tasks`} succeeded in ${formatDuration(result.elapsedMs)}`];
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
        // The icon outside the escape, which strips variation selectors (⚠️ holds one).
        `${icon} ${cell(truncate(headline, MAX_HEADLINE - [...icon].length - 1))}`,
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
    'slow-answer': () => `DescribeTargetHealth answers came more than poll-interval + ${formatDuration(ANSWER_SLACK_MS)} apart, which restarts healthy-for`,
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
/** Load balancers from the tasks' answers, in the answer with nothing gated: named, since nothing of theirs was checked. */
const idleFromTasks = (r) => r.idleLoadBalancers.filter((lb) => !lb.named && !lb.absent).map((lb) => lb.id);
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
    const absent = r.idleLoadBalancers.filter((lb) => !lb.named && lb.absent).map((lb) => lb.id);
    const unmatched = [
        ...['targets', 'listener-ids'].flatMap((input) => [
            [entries(input, false), `${input} %s matched no target`],
            [entries(input, true), `${input} %s matched only targets that are not gated (Close or weight 0)`],
        ]),
        [named, 'load-balancers %s had nothing to gate (no targets, or only Close or weight-0 ones, within the filters)'],
        [
            absent,
            "the tasks' load balancers %s were left out of the DescribeTargetHealth answer, so nothing of theirs was checked (set 'load-balancers' to the ones to check)",
        ],
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
        lines.push(`⚠️ ${markdownText(v.warning)}`, ''); // the escape strips the icon's variation selector
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
    const maxGapMs = maxAnswerGapMs(o.intervalMs);
    async function poll() {
        for (;;) {
            run.signal.throwIfAborted();
            const answer = await o.describe(o.loadBalancerIds, scope, run.signal);
            polls++;
            lastRequestId = answer.requestId ?? lastRequestId;
            const now = o.clock.now();
            // An answer that came only after failed attempts, or long after the one before, leaves a
            // gap in what was observed: health may have dropped and come back unseen. (On the first
            // answer there is no window to restart.)
            const gap = answer.retried ? 'no-answer' : now - lastPollAt > maxGapMs ? 'slow-answer' : undefined;
            lastPollAt = now;
            const step = gateStep(state, answer.targets, gate, now, { gap, loadBalancerIds: answer.loadBalancerIds });
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
/**
 * Mermaid (d3) puts about ten ticks on the axis: on a chart shorter than 10 s they fall less
 * than a second apart, and seconds alone would label several the same.
 */
const SHORT_CHART_MS = 10_000;
function axisFormat(t) {
    const h = t.health;
    const starts = [...t.tasks.map((x) => x.firstMs), ...(h ? [h.startMs] : [])];
    const ends = [...t.tasks.map((x) => x.endMs), ...(h ? [h.endMs, ...h.alive.map((a) => a.atMs)] : [])];
    return Math.max(...ends) - Math.min(...starts) < SHORT_CHART_MS ? '%H:%M:%S.%L' : '%H:%M:%S';
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
    const lines = ['```mermaid', 'gantt', '  dateFormat x', `  axisFormat ${axisFormat(t)}`];
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
        phases: { originWallMs: timeline.originWallMs },
    };
    let done = []; // every task succeeded
    if (deps.config.tasks.length) {
        const tasks = await taskPhase(deps, start, timeline);
        const tasksSaid = taskVerdict(tasks, deps.config.failOnTimeout, deps.config.timeoutMs);
        Object.assign(report.outputs, tasksSaid.outputs);
        report.summary += summaryMarkdown(tasks, tasksSaid);
        if (tasksSaid.warning)
            report.warnings.push(tasksSaid.warning);
        report.phases.tasks = { result: tasks, failure: tasksSaid.failure, warning: tasksSaid.warning };
        if (tasksSaid.failure || tasksSaid.status !== '0')
            return { ...report, failure: tasksSaid.failure };
        done = tasks.tasks;
    }
    const health = deps.config.health;
    if (!health)
        return report;
    if (health.loadBalancerIds.length)
        return healthPhase(deps, health, health.loadBalancerIds, { start, report, timeline });
    // A task that names no load balancer (Tencent's own example names none) would go unchecked
    // beside one that does: what it changed is unknown, so only the user can say what to check.
    const namingNone = done.filter((t) => !t.loadBalancerIds.length).map((t) => t.ref);
    if (namingNone.length) {
        const failure = namedNoneText(namingNone);
        report.phases.health = { startMs: deps.clock.now() - start, aliveAtMs: new Map(), failure };
        return { ...report, failure };
    }
    const loadBalancerIds = [...new Set(done.flatMap((t) => t.loadBalancerIds))];
    return healthPhase(deps, health, loadBalancerIds, { start, report, timeline });
}
const namedNoneText = (refs) => `wait-healthy: the tasks named no load balancer for ${listed(refs.map(describeRef), ', ', 5)}, ` +
    `so what ${refs.length === 1 ? 'it' : 'they'} changed cannot be checked; set the 'load-balancers' input`;
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
    const phase = { result, startMs: elapsedBefore, aliveAtMs: new Map([...aliveSince].map(([k, a]) => [k, a.atMs])) };
    if (result.outcome === 'timeout' && !deps.config.failOnTimeout) {
        const warning = `${healthReport.failure}. fail-on-timeout is false, so the step passes`;
        report.warnings.push(warning);
        report.phases.health = { ...phase, warning };
        return report;
    }
    report.phases.health = { ...phase, failure: healthReport.failure, warning: healthReport.warning };
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
    checkProxies(env);
    const undici = await __webpack_require__.e(/* import() */ 752).then(__webpack_require__.t.bind(__webpack_require__, 6752, 19));
    const dispatcher = withoutWarning('UNDICI-EHPA', () => {
        return new undici.EnvHttpProxyAgent({
            httpProxy: env.http_proxy || env.HTTP_PROXY,
            httpsProxy: env.https_proxy || env.HTTPS_PROXY,
            noProxy: env.no_proxy || env.NO_PROXY,
        });
    });
    return fetchTransport(undici.fetch, dispatcher);
}
/** A proxy URL as undici reads it (it decodes the user and password), or undefined if it cannot. */
function proxyUrl(value) {
    try {
        const url = new URL(value);
        decodeURIComponent(url.username + url.password);
        return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * The proxy variables undici will use (lower case first), checked here: its own errors ("Invalid
 * URL", "URI malformed") name no variable. The value is never quoted: it may hold a password.
 */
function checkProxies(env) {
    for (const names of [
        ['https_proxy', 'HTTPS_PROXY'],
        ['http_proxy', 'HTTP_PROXY'],
    ]) {
        const name = names.find((n) => env[n]);
        if (name && !proxyUrl(env[name]))
            throw new TransportError(`${name} is not a proxy URL: give http://[user:password@]host:port (the value is not shown, as it may ` +
                'hold a password)', undefined, true);
    }
}
/**
 * The passwords in the proxy variables, as written, decoded, and in the Proxy-Authorization
 * credential undici sends: masked before any request, since a proxy may echo them.
 */
function proxySecrets(env) {
    const found = PROXY_VARS.flatMap((name) => {
        const url = proxyUrl(env[name] ?? '');
        if (!url?.password)
            return [];
        const [user, password] = [url.username, url.password].map(decodeURIComponent);
        return [url.password, password, Buffer.from(`${user}:${password}`).toString('base64')];
    });
    return [...new Set(found)];
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

;// CONCATENATED MODULE: ./src/tencent/sts-login.ts



const STS = { service: 'sts', version: '2018-08-13' };
/**
 * Shortest and longest credential lifetimes a sane STS answer gives (role-duration allows 1 min to 12 h).
 * The floor also bounds how often the action logs in: renewal comes a quarter-lifetime early, so at least 45 s apart.
 */
const sts_login_MIN_LIFETIME_MS = 60_000;
/** A failed renewal is fatal only once the current credentials have less than this left. */
const LAST_MINUTE_MS = 60_000;
/** After a failed renewal, try again this much later. */
const RENEW_RETRY_MS = 30_000;
const sts_login_MAX_LIFETIME_MS = (43_200 + 600) * 1000; // 12 h, plus room for clock skew
/** A temporary SecretId, SecretKey or Token: visible ASCII (it goes into a header), capped. */
const sts_login_SECRET = /^[\x21-\x7e]{1,4096}$/;
/** Checks an STS answer against the time it was asked at (wall-clock ms). Credentials are untrusted until checked. */
function parseAssumeRole(r, nowMs, action = 'AssumeRoleWithWebIdentity') {
    const c = r.Credentials;
    const ok = (v) => typeof v === 'string' && sts_login_SECRET.test(v);
    if (!c || !ok(c.TmpSecretId) || !ok(c.TmpSecretKey) || !ok(c.Token) || r.ExpiredTime === undefined)
        throw new TransportError(`${action} response lacks Credentials or ExpiredTime`);
    const expiresAt = Number.isSafeInteger(r.ExpiredTime) ? r.ExpiredTime * 1000 : NaN;
    const life = expiresAt - nowMs;
    if (!(life >= sts_login_MIN_LIFETIME_MS && life <= sts_login_MAX_LIFETIME_MS))
        throw new TransportError(`${action} returned ExpiredTime ${clean(JSON.stringify(r.ExpiredTime), 30)}, which is not ` +
            'between 1 minute and 12 hours from now (Unix seconds). Hint: check the runner clock and sts-endpoint', undefined, true);
    return {
        credentials: { secretId: c.TmpSecretId, secretKey: c.TmpSecretKey, token: c.Token },
        expiresAt,
    };
}
/** STS AssumeRoleWithWebIdentity with the token `readToken` gives at each login. */
function webIdentityCredentials(deps) {
    return renewingRole(deps, async (signal) => {
        const token = await deps.readToken(signal);
        deps.mask(token);
        const params = { ProviderId: deps.role.providerId, WebIdentityToken: token };
        return assume(deps, 'AssumeRoleWithWebIdentity', params, ` with ${deps.source}`, signal);
    });
}
/** STS AssumeRole signed with the base credentials the `sts` client was given; the assumed role's keys only come out. */
function assumeRoleCredentials(deps) {
    return renewingRole(deps, (signal) => assume(deps, 'AssumeRole', {}, '', signal));
}
/** What both logins share: renewed ahead of expiry, kept through a failed renewal until its last minute. */
function renewingRole(deps, login) {
    const policy = {
        clock: deps.clock,
        log: deps.log,
        label: `role ${deps.role.roleArn}`,
        lastMs: LAST_MINUTE_MS,
        retryInMs: () => RENEW_RETRY_MS,
    };
    return renewing(policy, login);
}
/** One STS call; masks every secret it yields before anything else can print them. */
async function assume(deps, action, params, via, signal) {
    const { roleArn, roleSessionName, durationSeconds } = deps.role;
    const issuedAt = deps.clock.wallNow();
    const { credentials, expiresAt } = await deps.sts(action, { ...params, RoleArn: roleArn, RoleSessionName: roleSessionName, DurationSeconds: durationSeconds }, { context: `STS ${action} for ${roleArn}${via}`, parse: (r) => parseAssumeRole(r, issuedAt, action), signal });
    deps.mask(credentials.secretKey);
    deps.mask(credentials.token);
    deps.mask(credentials.secretId);
    deps.log?.(`Assumed ${roleArn} as ${roleSessionName}; credentials valid until ${new Date(expiresAt).toISOString()}`);
    return { credentials, askedAt: issuedAt, expiresAt };
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./src/tencent/target-health.ts
// CLB DescribeTargetHealth: which backends of a load balancer are healthy. Every field of
// the answer is untrusted. Strict on structure and safety: ids, addresses, ports, weights,
// nesting and sizes are shape-checked, and free text is cleaned and capped before it can
// reach a log line, an output or the summary. Open on vocabulary: Tencent documents the
// health detail and the protocol only by example and adds values over time, so an unknown
// value is carried (cleaned) for the policy to judge, never a reason to refuse the answer.



/** The API's limit on LoadBalancerIds per call. */
const MAX_IDS_PER_CALL = 30;
/**
 * Targets kept from one answer: those within the scope (`listener-ids`, `targets`); the rest are
 * checked and dropped, bounded by the body cap alone. More is not a gate anyone can read.
 */
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
/** Not retried either: the same question gets as many targets again. */
const tooMany = () => new MalformedAnswerError(`more than ${MAX_TARGETS_PER_ANSWER} targets to check in one answer; narrow with listener-ids or targets`);
/** A short, safe rendering of an unexpected value for an error message (never recursive). */
const target_health_shown = (value) => Array.isArray(value)
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
        throw malformed(`${where} ${target_health_shown(value)} is not a valid id`);
    return value;
}
function integer(value, min, max, where) {
    if (!Number.isInteger(value) || value < min || value > max)
        throw malformed(`${where} ${target_health_shown(value)} is not an integer from ${min} to ${max}`);
    return value;
}
/** null and "" (or text that cleans to nothing) are absent; any other value must be text, then it is cleaned and capped. */
function optionalText(value, cap, where) {
    if (value == null)
        return null;
    if (typeof value !== 'string')
        throw malformed(`${where} ${target_health_shown(value)} is not text`);
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
        throw malformed(`${where} ${target_health_shown(value)} is not made of hostname and path characters`);
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
        throw malformed(`${where}: HealthStatus ${target_health_shown(status)} is not a boolean`);
    return status ? 'Alive' : 'Unknown';
}
/** `asked`: the LoadBalancerIds of the request; an answer about any other is malformed. */
function parseTargetHealth(r, asked, scope = { listenerIds: [] }) {
    if (typeof r.RequestId !== 'string' || !REQUEST_ID.test(r.RequestId))
        throw malformed(`RequestId ${target_health_shown(r.RequestId)} is not a request id`);
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
                    const t = object(targetValue, `a target of ${where}`);
                    const target = parseTarget(t, { ...base, listener, rule: rule.rule }, scope);
                    if (!target)
                        continue;
                    if (++count > MAX_TARGETS_PER_ANSWER)
                        throw tooMany();
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
        throw malformed(`${where}: IP ${target_health_shown(t.IP)} is not an IP address`);
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
var external_node_crypto_ = __webpack_require__(7598);
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
    // A proxy is untrusted: the password in its URL is masked before it could echo it back.
    for (const secret of proxySecrets(env)) {
        registerSecret(secret);
        io.mask(secret);
    }
    const transport = await createTransport(env);
    const client = {
        clock,
        transport,
        retry: config.retry,
        requestTimeoutMs: config.requestTimeoutMs,
        requestClient: REQUEST_CLIENT,
        log: (line) => io.info(line),
    };
    const source = await credentialSource(config, env, client, io, signal);
    io.info(`credentials: ${source.label}`);
    const credentials = source.provider;
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
/**
 * The credential chain (credential-chain.ts): keys, web identity, profile files, the CVM role;
 * every secret masked as it is found. The role (web identity or role chaining) is injected.
 */
function credentialSource(config, env, client, io, signal) {
    const mask = (secret) => {
        if (!secret)
            return;
        registerSecret(secret);
        io.mask(secret);
    };
    const role = config.role;
    const deps = { client, io, env, mask };
    return resolveCredentials({
        keys: config.credentials,
        profile: config.profile,
        role: role && { roleArn: role.roleArn, webIdentity: Boolean(role.webIdentity) },
        roleProvider: role && ((base) => roleCredentials(config, base, deps)),
    }, {
        env,
        // The environment given, so a test (or front-end) can point HOME elsewhere; os.homedir() reads the same.
        home: () => (process.platform === 'win32' ? env.USERPROFILE : env.HOME)?.trim() || (0,external_node_os_.homedir)(),
        readFile: readCappedFile,
        metadata: metadataGet,
        clock: client.clock,
        mask,
        log: (line) => io.info(line),
        platform: process.platform,
    }, signal);
}
/**
 * The role (config.role) assumed through STS: AssumeRole signed with `base` (role chaining; the
 * CLB calls then use only the role's keys), or, with no base, AssumeRoleWithWebIdentity with
 * the configured token. Throws an InputError for a token this run cannot get, before any request.
 */
function roleCredentials(config, base, deps) {
    const role = config.role;
    const web = role?.webIdentity;
    if (!role || !(base || web))
        throw new InputError('role-arn', 'no credentials to assume the role with: set keys, or a web identity token');
    const log = (line) => deps.io.info(line);
    const login = { role, clock: deps.client.clock, mask: deps.mask, log };
    const sts = createApiClient({
        ...STS,
        ...deps.client,
        endpoint: role.stsEndpoint,
        region: config.region ?? role.stsRegion ?? STS_DEFAULT_REGION, // STS requires one
        credentials: base,
    });
    if (base)
        return assumeRoleCredentials({ ...login, sts });
    const { source, readToken } = tokenSource(web.token, {
        env: deps.env,
        getIdToken: deps.io.getIdToken?.bind(deps.io),
        clock: deps.client.clock,
        retry: deps.client.retry,
        log,
    });
    return webIdentityCredentials({ ...login, role: { ...role, providerId: web.providerId }, sts, source, readToken });
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
    // Before anything quotes the value: `user:password@` would be printed. No host or origin has an @.
    if (text.includes('@'))
        throw new InputError(input, 'must not hold a user name or password (user:password@host): give the host or origin only ' +
            '(the value is not shown, as it may hold a password)');
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
    if (url.pathname !== '/' || url.search || url.hash)
        throw new InputError(input, `"${value}" must be a host or an origin, without a path or query`);
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
        role: readRole(get, env, timeoutMs, domain),
        region,
        endpoint: parseEndpoint(get('endpoint') || `clb.${domain}`, 'endpoint'),
        timeoutMs,
        failOnTimeout: parseBoolean(get('fail-on-timeout'), 'fail-on-timeout'),
        poll: { intervalMs, maxIntervalMs, fastWindowMs: FAST_WINDOW_MS },
        retry: { ...DEFAULT_RETRY, maxRetries: parseInteger(get('max-retries'), 'max-retries', 0, 20) },
        requestTimeoutMs: parseDurationInput(get('request-timeout'), 'request-timeout', 100, 10_000),
        maxRequestsPerSecond: parseInteger(get('max-requests-per-second'), 'max-requests-per-second', 1, 20),
        junit: get('junit') || undefined,
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
/** A role setting's input, else the variables Tencent's tools read, in that order. */
const ROLE_ENV = {
    'role-arn': ['TKE_ROLE_ARN', 'TENCENTCLOUD_ASSUME_ROLE_ARN'],
    'provider-id': ['TKE_PROVIDER_ID', 'TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID'],
    'web-identity-token-file': ['TKE_WEB_IDENTITY_TOKEN_FILE'],
    'role-session-name': ['TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME'],
    'role-duration': ['TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION'],
};
/** GitLab's id_tokens (or any CI's OIDC token) in a variable. */
const TOKEN_VARIABLE = 'TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN';
function setting(get, env, name) {
    const input = get(name);
    if (input)
        return { value: input, from: '' };
    for (const from of ROLE_ENV[name]) {
        const value = env[from]?.trim();
        if (value)
            return { value, from };
    }
    return { value: '', from: '' };
}
const fromText = (s) => (s.from ? ` (from ${s.from})` : '');
/** The role to assume, checked in full; undefined when no role ARN is set (input or variable). */
function readRole(get, env, timeoutMs, domain) {
    const arn = setting(get, env, 'role-arn');
    if (!arn.value) {
        rejectKeylessInputs(get);
        return undefined;
    }
    if (!ROLE_ARN.test(arn.value))
        throw new InputError('role-arn', `"${arn.value}"${fromText(arn)} is not a role ARN (e.g. qcs::cam::uin/100000000001:roleName/deployer)`);
    const stsRegion = env.TKE_REGION?.trim() || undefined;
    if (stsRegion && !REGION.test(stsRegion))
        throw new InputError('region', `"${stsRegion}" (from TKE_REGION) is not a region (e.g. ap-guangzhou)`);
    const webIdentity = readWebIdentity(get, env);
    return {
        roleArn: arn.value,
        roleSessionName: readRoleSessionName(setting(get, env, 'role-session-name'), env),
        durationSeconds: readRoleDuration(setting(get, env, 'role-duration'), timeoutMs),
        stsEndpoint: parseEndpoint(get('sts-endpoint') || `sts.${domain}`, 'sts-endpoint'),
        ...(stsRegion ? { stsRegion } : {}),
        ...(webIdentity ? { webIdentity } : {}),
    };
}
/**
 * Where the web identity token comes from: the token file input, the action's GitHub ID token
 * (provider-id input on a job that may request one), TKE's token file, the token variable, in
 * that order. None: AssumeRole with the base credentials (role chaining).
 */
function readWebIdentity(get, env) {
    const file = setting(get, env, 'web-identity-token-file');
    const provider = setting(get, env, 'provider-id');
    const github = { kind: 'github', audience: get('audience') };
    const token = file.value && !file.from
        ? { kind: 'file', path: file.value, from: 'web-identity-token-file' }
        : get('provider-id') && env.ACTIONS_ID_TOKEN_REQUEST_URL
            ? github
            : file.value
                ? { kind: 'file', path: file.value, from: file.from }
                : env[TOKEN_VARIABLE]?.trim()
                    ? { kind: 'env', name: TOKEN_VARIABLE }
                    : get('provider-id')
                        ? github // the engine says what is missing: the job's id-token permission, or a token on a command line
                        : undefined;
    if (!token) {
        if (provider.value)
            throw new InputError('provider-id', `"${provider.value}"${fromText(provider)} is set but there is no web identity token: set ` +
                `web-identity-token-file, TKE_WEB_IDENTITY_TOKEN_FILE or ${TOKEN_VARIABLE}`);
        return undefined;
    }
    if (!provider.value)
        throw new InputError('provider-id', `is required with a web identity token (${token.kind === 'env' ? token.name : token.kind === 'file' ? token.from : 'GitHub OIDC'}): ` +
            'the name of the CAM OIDC identity provider (or set TKE_PROVIDER_ID or TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID)');
    if (!ID.test(provider.value))
        throw new InputError('provider-id', `"${provider.value}"${fromText(provider)} is not an identity provider name`);
    return { providerId: provider.value, token };
}
/** Keyless inputs without role-arn are a mistake in the workflow, not something to ignore. */
function rejectKeylessInputs(get) {
    for (const name of ['provider-id', 'role-session-name', 'role-duration', 'sts-endpoint', 'web-identity-token-file'])
        if (get(name))
            throw new InputError(name, 'is only used with role-arn (keyless login), which is not set');
    if (get('audience') !== DEFAULTS.audience)
        throw new InputError('audience', 'is only used with role-arn (keyless login), which is not set');
}
function readRoleSessionName(s, env) {
    const roleSessionName = s.value || defaultSessionName(env);
    if (!/^[\w+=,.@-]{2,128}$/.test(roleSessionName))
        throw new InputError('role-session-name', `"${roleSessionName}"${fromText(s)} must be 2-128 of letters, digits and _+=,.@-`);
    return roleSessionName;
}
/** Whole seconds, as STS takes them. */
function readRoleDuration(s, timeoutMs) {
    // Long enough for the whole wait plus 5 minutes; renewed before expiry in any case.
    const durationSeconds = s.value
        ? parseDurationInput(s.value, `role-duration${fromText(s)}`, 60_000, MAX_ROLE_SECONDS * 1000) / 1000
        : Math.min(MAX_ROLE_SECONDS, Math.max(900, Math.ceil(timeoutMs / 1000) + 300));
    return Math.round(durationSeconds);
}
/**
 * Who is acting, for CloudAudit, from the CI's own variables: `gha-<owner>-<repo>-<run id>-<attempt>`,
 * `gitlab-<project id>-<job id>`, `jenkins-<job>-<build>`, else `clb-task-wait-<host>-<pid>`;
 * squeezed into STS's characters and length.
 */
function defaultSessionName(env, local = { host: (0,external_node_os_.hostname)(), pid: process.pid }) {
    const parts = env.GITHUB_RUN_ID || env.GITHUB_REPOSITORY
        ? ['gha', env.GITHUB_REPOSITORY ?? 'local', env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT]
        : env.CI_JOB_ID
            ? ['gitlab', env.CI_PROJECT_ID, env.CI_JOB_ID]
            : env.BUILD_NUMBER && env.JOB_NAME
                ? ['jenkins', env.JOB_NAME, env.BUILD_NUMBER]
                : ['clb-task-wait', local.host, String(local.pid)];
    const name = parts
        .filter(Boolean)
        .join('-')
        .replace(/[^\w+=,.@-]/g, '-');
    return name.length <= 128 ? name : name.slice(0, 64) + name.slice(-64);
}

;// CONCATENATED MODULE: ./src/config/secrets.ts
const SECRET_INPUTS = ['secret-id', 'secret-key', 'token'];
/** Where Tencent's own tools read credentials from, which the inputs fall back to. */
const SECRET_ENV = [
    'TENCENTCLOUD_SECRET_ID',
    'TENCENTCLOUD_SECRET_KEY',
    'TENCENTCLOUD_SESSION_TOKEN',
    'TENCENTCLOUD_TOKEN',
    'TENCENTCLOUD_SECURITY_TOKEN',
    'TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN',
];
/** Every secret value set, trimmed, in the inputs (when given) and the environment. */
function secretValues(input, env) {
    const values = [...(input ? SECRET_INPUTS.map(input) : []), ...SECRET_ENV.map((name) => env[name] ?? '')];
    return values.map((v) => v.trim()).filter(Boolean);
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
    {
        name: 'secret-id',
        description: "Tencent Cloud SecretId. Falls back to TENCENTCLOUD_SECRET_ID; without either, the profile file, tccli's profile or the CVM instance role (see README, Credentials).",
    },
    {
        name: 'secret-key',
        description: 'Tencent Cloud SecretKey. Falls back to TENCENTCLOUD_SECRET_KEY (then as secret-id). Masked in the log.',
    },
    {
        name: 'token',
        description: 'Session token of temporary credentials, sent as X-TC-Token. Falls back to TENCENTCLOUD_SESSION_TOKEN, TENCENTCLOUD_TOKEN, then TENCENTCLOUD_SECURITY_TOKEN. Masked in the log.',
    },
    {
        name: 'role-arn',
        description: "A CAM role to assume, e.g. qcs::cam::uin/100000000001:roleName/deployer. With provider-id: STS AssumeRoleWithWebIdentity with the job's GitHub OIDC token (needs `permissions: id-token: write`) or a token from web-identity-token-file, TKE_WEB_IDENTITY_TOKEN_FILE or TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN. With secret-id/secret-key: STS AssumeRole signed with them. Falls back to TKE_ROLE_ARN, TENCENTCLOUD_ASSUME_ROLE_ARN.",
    },
    {
        name: 'provider-id',
        description: 'With role-arn, the name of the CAM OIDC identity provider that trusts the token (GitHub, GitLab, TKE). Falls back to TKE_PROVIDER_ID, then TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID.',
    },
    {
        name: 'audience',
        description: "With role-arn, the audience of the GitHub ID token; must match the identity provider's client ID.",
        default: 'sts.tencentcloudapi.com',
    },
    {
        name: 'role-session-name',
        description: "With role-arn, the STS session name. Falls back to TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME, then gha-<owner>-<repo>-<run id>-<attempt> (gitlab-<project id>-<job id>, jenkins-<job>-<build>, else clb-task-wait-<host>-<pid>), fitted to STS's characters and 128-character limit.",
    },
    {
        name: 'role-duration',
        description: 'With role-arn, how long the temporary credentials last (at most 12h). Falls back to TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION, then the timeout plus 5 minutes, at least 15 minutes; they are renewed before expiry anyway.',
    },
    {
        name: 'web-identity-token-file',
        description: "With role-arn and provider-id, a file holding the web identity token (a JWT), read again at each renewal, e.g. a TKE pod's projected token. Falls back to TKE_WEB_IDENTITY_TOKEN_FILE.",
    },
    {
        name: 'region',
        description: 'Region sent as X-TC-Region, e.g. ap-guangzhou. Falls back to TENCENTCLOUD_REGION; optional for DescribeTaskStatus. STS needs one, so with role-arn it gets TKE_REGION, else ap-guangzhou, when none is set.',
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
    {
        name: 'junit',
        description: "Write a JUnit XML report to this file (one testsuite per phase, one testcase per task and per gated target, the API's message in each failure), for tools that show JUnit test results. Written however the step ends, replaced whole (never half-written).",
    },
];

;// CONCATENATED MODULE: ./src/cli/args.ts
// The command line's flags: every action input (action.yml, through action-inputs.ts) is a
// flag of the same name, except the secret ones and the GitHub ID token's audience. Pure: argv in, a
// command out, or a UsageError whose one line names the flag. Nothing here decides what an
// input means; readInputs() does, exactly as for the action.




/** Secrets never go on a command line: shell history and process lists keep them. Their environment names instead. */
const CREDENTIAL_ENV = {
    'secret-id': 'TENCENTCLOUD_SECRET_ID',
    'secret-key': 'TENCENTCLOUD_SECRET_KEY',
    token: 'TENCENTCLOUD_SESSION_TOKEN (or TENCENTCLOUD_TOKEN, TENCENTCLOUD_SECURITY_TOKEN)',
};
/** The audience of a GitHub Actions OIDC token, which only the action can request; other web identity tokens come ready-made. */
const GITHUB_ONLY_INPUTS = ['audience'];
/** Inputs that take a list (commas, spaces or newlines): a repeated flag appends. */
const LIST_INPUTS = ['task-id', 'deal-name', 'load-balancers', 'listener-ids', 'targets'];
const ENV_CREDENTIALS = 'TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SESSION_TOKEN for temporary credentials) in the environment';
const isBooleanDefault = (d) => d === 'true' || d === 'false';
/** Every flag, in action.yml's order, then the command line's own. */
const FLAGS = [
    ...ACTION_INPUTS.filter((i) => !(i.name in CREDENTIAL_ENV) && !GITHUB_ONLY_INPUTS.includes(i.name)).map((i) => ({
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
    {
        name: 'dotenv',
        description: 'Write a GitLab dotenv report to this file (CLB_STATUS, CLB_LOAD_BALANCER_IDS, CLB_REQUEST_ID, CLB_HEALTHY) for artifacts: reports: dotenv:. Written however the command ends.',
        boolean: false,
        list: false,
        input: false,
    },
    {
        name: 'profile',
        description: "tccli's profile to read credentials from (~/.tccli/<name>.credential), when no keys are in the environment. Default TCCLI_PROFILE, else default.",
        boolean: false,
        list: false,
        input: false,
    },
];
const BY_NAME = new Map(FLAGS.map((f) => [f.name, f]));
/** Bad usage: one line that names the flag; the command exits 2 before any request. */
class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
/** Why a secret or GitHub-only input is not a flag, or undefined for any other name. */
function refusal(name) {
    const env = CREDENTIAL_ENV[name];
    if (env)
        return (`--${name} is not accepted: a secret on the command line is kept in shell history and shown in process ` +
            `lists (ps) to every user of the machine; set ${env} in the environment instead`);
    if (GITHUB_ONLY_INPUTS.includes(name))
        return (`--${name} is not accepted: it is the audience of a GitHub Actions OIDC token, which only the GitHub action ` +
            `can request; give another CI's token with --web-identity-token-file or ${TOKEN_VARIABLE} (with --role-arn ` +
            `and --provider-id), or set ${ENV_CREDENTIALS}`);
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
    const refused = [...Object.keys(CREDENTIAL_ENV), ...GITHUB_ONLY_INPUTS].find((n) => squeeze(n) === squeeze(token));
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
    let dotenv;
    let profile;
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
        // `--wait-healthy "$WAIT"` with WAIT unset must not run with the gate off (readInputs reads '' as "not set").
        if (!value.trim())
            throw new UsageError(`--${name} has an empty value (an unset variable?): give it a value, or leave the flag out`);
        if (seen.has(name) && !flag.list)
            throw new UsageError(`--${name} is given twice; give it once${flag.boolean ? '' : ' (only list flags repeat)'}`);
        seen.add(name);
        if (name === 'dotenv')
            dotenv = value;
        else if (name === 'profile')
            profile = value;
        else if (!flag.input) {
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
    return {
        kind: 'run',
        inputs,
        json: own.json,
        verbose: own.verbose,
        ...(dotenv ? { dotenv } : {}),
        ...(profile === undefined ? {} : { profile }),
    };
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
        ...para('Credentials, the first source found: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (with ' +
            'TENCENTCLOUD_SESSION_TOKEN, TENCENTCLOUD_TOKEN or TENCENTCLOUD_SECURITY_TOKEN for temporary ones); the ' +
            'profile file (TENCENTCLOUD_CREDENTIALS_FILE, ~/.tencentcloud/credentials, /etc/tencentcloud/credentials); ' +
            "tccli's profile (--profile, TCCLI_PROFILE, default); the CVM instance role from the metadata service " +
            '(TENCENTCLOUD_METADATA_DISABLED=true skips it). Secrets never go on the command line. ' +
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
            '128 + the signal number on SIGINT (130), SIGTERM (143), SIGHUP (129) or SIGUSR2, after the result is written.'),
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

;// CONCATENATED MODULE: ./src/common/atomic-write.ts
// A file written whole or not at all: the text goes to a temporary file beside it, which is
// then renamed over it (atomic within one file system). A run killed meanwhile leaves the old
// file, or none, never half of one; a CI system uploading it reads a complete file.



async function writeFileAtomic(path, text) {
    const dir = (0,external_node_path_.dirname)(path);
    await (0,promises_.mkdir)(dir, { recursive: true });
    const temp = (0,external_node_path_.join)(dir, `.${(0,external_node_path_.basename)(path)}.${process.pid}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    try {
        await (0,promises_.writeFile)(temp, text); // a name no one else uses: 48 random bits
        await (0,promises_.rename)(temp, path);
    }
    catch (err) {
        await (0,promises_.rm)(temp, { force: true });
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/report/dotenv.ts

/** lb-xxxxxxxx is 11 characters: 300 of them, commas included, keep the file near 3.6 KB. */
const MAX_DOTENV_IDS = 300;
/** GitLab's default size limit; the file must stay below it. */
const DOTENV_SIZE_LIMIT = 5_120;
/** The ids of a JSON list that have a load balancer's shape, once each; anything else: none. */
function loadBalancerIds(json) {
    let list;
    try {
        list = JSON.parse(String(json));
    }
    catch {
        return [];
    }
    return Array.isArray(list)
        ? [...new Set(list.filter((id) => typeof id === 'string' && LOAD_BALANCER_ID.test(id)))]
        : [];
}
/** The value if it is one of those allowed, else empty. */
const oneOf = (value, allowed) => allowed.includes(value) ? value : '';
/** KEY=VALUE lines: CLB_STATUS, CLB_LOAD_BALANCER_IDS (comma-separated), CLB_REQUEST_ID, CLB_HEALTHY. */
function dotenvText(outputs) {
    const requestId = outputs['request-id'];
    const lbs = loadBalancerIds(outputs['load-balancer-ids']);
    return [
        `CLB_STATUS=${oneOf(outputs.status, ['0', '1', '2'])}`,
        `CLB_LOAD_BALANCER_IDS=${lbs.slice(0, MAX_DOTENV_IDS).join(',')}`,
        `CLB_REQUEST_ID=${REQUEST_ID.test(requestId) ? requestId : ''}`,
        `CLB_HEALTHY=${oneOf(outputs.healthy, ['true', 'false'])}`,
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/report/junit.ts
// The wait as JUnit XML, the report GitLab (merge request widget, Tests tab) and Jenkins (the
// `junit` step) render: one testsuite per phase, one testcase per task and per gated target.
// Pure. Network text was cleaned where it entered; it is cleaned again here (redacted, no
// controls, capped) and then XML-escaped, with every character XML 1.0 forbids removed.
// GitLab shows a testcase's `classname` as its suite and keeps only the first of two cases
// with the same classname and name, so names are made unique; no <system-out>, whose
// `[[ATTACHMENT|path]]` GitLab would follow.





/** The `message` attribute (Jenkins shows it as the error line) and the element's text. */
const MESSAGE_CAP = 500;
const junit_DETAIL_CAP = 4_000;
const junit_NAME_CAP = 300;
/** XML 1.0 allows only these characters; C1 controls and DEL are allowed but are controls all the same. */
const NOT_XML = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
/** Text for an element or a double-quoted attribute: escaped, forbidden characters removed. */
function xmlText(text) {
    return text
        .replace(NOT_XML, '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');
}
/** Attribute values are normalised by parsers (a line break becomes a space): one line from the start. */
const attr = (text, cap = MESSAGE_CAP) => xmlText(clean(text, cap));
const seconds = (ms) => (ms / 1000).toFixed(3);
/** ISO 8601 without a zone (UTC), the form Jenkins' schema for `timestamp` takes. */
const isoTime = (wallMs) => new Date(wallMs).toISOString().slice(0, 19);
const TASKS = 'clb-task-wait.tasks';
const HEALTH = 'clb-task-wait.target-health';
/**
 * Unfinished work at the end of a phase: failed by the deadline, skipped when it may pass, or an
 * error. `type` names it (a target's last state); by default, how the wait ended.
 */
function unfinished(e, what, type) {
    const after = formatDuration(e.elapsedMs);
    if (e.outcome === 'timeout')
        return e.failed
            ? { kind: 'failure', type: type ?? 'timeout', message: `${what} when the wait timed out after ${after}` }
            : { kind: 'skipped', message: `${what} at the timeout; fail-on-timeout is false` };
    if (e.outcome === 'cancelled')
        return { kind: 'error', type: type ?? 'cancelled', message: `${what} when the wait was cancelled after ${after}` };
    return {
        kind: 'error',
        type: type ?? 'error',
        message: `${what} when the wait stopped: ${e.error ?? 'unknown error'}`,
    };
}
function taskCase(t, ending) {
    const name = describeRef(t.ref);
    const facts = [
        t.requestId ? `RequestId ${t.requestId}` : '',
        t.loadBalancerIds.length ? `load balancers ${t.loadBalancerIds.join(', ')}` : '',
        `${t.polls} poll${t.polls === 1 ? '' : 's'}`,
    ].filter(Boolean);
    if (t.status === 0)
        return { name, timeMs: t.waitedMs };
    const outcome = t.status === 1
        ? { kind: 'failure', type: 'failed', message: t.message ?? 'no reason given' }
        : unfinished(ending, t.status === undefined ? 'no answer yet' : 'still in progress');
    const detail = [`${name}: ${t.status === 1 ? 'failed: ' : ''}${outcome.message}`, ...facts].join('\n');
    return { name, timeMs: t.waitedMs, outcome: { ...outcome, detail } };
}
function taskSuite(phases) {
    const p = phases.tasks;
    if (!p)
        return undefined;
    const r = p.result;
    const ending = { outcome: r.outcome, failed: !!p.failure, elapsedMs: r.elapsedMs, error: r.error?.message };
    return {
        name: 'tasks',
        classname: TASKS,
        startWallMs: phases.originWallMs,
        timeMs: r.elapsedMs,
        cases: r.tasks.map((t) => taskCase(t, ending)),
    };
}
function healthSuite(phases) {
    const p = phases.health;
    if (!p)
        return undefined;
    const suite = {
        name: 'target health',
        classname: HEALTH,
        startWallMs: phases.originWallMs + p.startMs,
        timeMs: 0,
        cases: [],
    };
    const r = p.result;
    if (!r)
        return suite; // it never started
    const ending = { outcome: r.outcome, failed: !!p.failure, elapsedMs: r.elapsedMs, error: r.error?.message };
    const gated = r.targets.filter((t) => t.gated).slice(0, MAX_GATED);
    const cases = gated.map((t) => {
        const name = describeTarget(t);
        const alive = p.aliveAtMs.get(targetKey(t));
        if (t.detail === 'Alive')
            return { name, timeMs: alive === undefined ? r.elapsedMs : alive - p.startMs };
        const o = unfinished(ending, `last state ${t.detail}`, t.detail);
        return { name, timeMs: r.elapsedMs, outcome: { ...o, detail: `${name}: ${o.message}` } };
    });
    return { ...suite, timeMs: r.elapsedMs, cases };
}
const failing = (c) => c.outcome !== undefined && c.outcome.kind !== 'skipped';
/**
 * A phase that failed with no testcase to show it (nothing gated, the healthy-for window not
 * held, an API error before any answer) gets one case that carries the phase's verdict.
 */
function withVerdict(suite, failure, ending) {
    if (!failure || suite.cases.some(failing))
        return suite;
    const kind = ending === 'cancelled' || ending === 'error' ? 'error' : 'failure';
    const outcome = { kind, type: ending ?? 'failed', message: failure, detail: failure };
    return { ...suite, cases: [...suite.cases, { name: suite.name, timeMs: suite.timeMs, outcome }] };
}
/** `a`, `a (2)`: GitLab drops a second case of the same name. */
function uniqueNames(cases) {
    const seen = new Map();
    return cases.map((c) => {
        const name = clean(c.name, junit_NAME_CAP);
        const n = (seen.get(name) ?? 0) + 1;
        seen.set(name, n);
        return { ...c, name: n === 1 ? name : `${name} (${n})` };
    });
}
function caseXml(c, classname) {
    const head = `    <testcase classname="${classname}" name="${xmlText(c.name)}" time="${seconds(c.timeMs)}"`;
    const o = c.outcome;
    if (!o)
        return `${head}/>`;
    const text = o.detail ?? o.message;
    const body = text
        .split('\n')
        .map((line) => clean(line, junit_DETAIL_CAP))
        .join('\n');
    const inner = o.kind === 'skipped'
        ? `<skipped message="${attr(o.message)}"/>`
        : `<${o.kind} message="${attr(o.message)}" type="${attr(o.type, 40)}">${xmlText(body.slice(0, junit_DETAIL_CAP))}</${o.kind}>`;
    return `${head}>\n      ${inner}\n    </testcase>`;
}
const count = (cases, kind) => cases.filter((c) => c.outcome?.kind === kind).length;
function suiteXml(s, id) {
    const cases = uniqueNames(s.cases);
    const counts = `tests="${cases.length}" failures="${count(cases, 'failure')}" errors="${count(cases, 'error')}" skipped="${count(cases, 'skipped')}"`;
    return [
        `  <testsuite name="${xmlText(s.name)}" id="${id}" ${counts} time="${seconds(s.timeMs)}" timestamp="${isoTime(s.startWallMs)}">`,
        ...cases.map((c) => caseXml(c, s.classname)),
        '  </testsuite>',
    ].join('\n');
}
/** The suites the run produced: its phases, or one case that says why it could not start. */
function junitSuites(input) {
    const p = input.phases;
    const suites = [];
    const tasks = p && taskSuite(p);
    if (tasks)
        suites.push(withVerdict(tasks, p.tasks.failure, p.tasks.result.outcome));
    const health = p && healthSuite(p);
    if (health)
        suites.push(withVerdict(health, p.health.failure, p.health.result?.outcome));
    // No phase, or a failure no phase accounts for: one case that says it.
    if (!suites.length || (input.failure && !suites.some((s) => s.cases.some(failing)))) {
        const empty = {
            name: 'wait',
            classname: 'clb-task-wait',
            startWallMs: p?.originWallMs ?? input.nowWallMs,
            timeMs: 0,
            cases: [],
        };
        suites.push(withVerdict(empty, input.failure, 'error'));
    }
    return suites;
}
function junitXml(input) {
    const suites = junitSuites(input);
    const all = suites.flatMap((s) => s.cases);
    const total = suites.reduce((sum, s) => sum + s.timeMs, 0);
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="clb-task-wait" tests="${all.length}" failures="${count(all, 'failure')}" errors="${count(all, 'error')}" time="${seconds(total)}">`,
        ...suites.map(suiteXml),
        '</testsuites>',
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/report/files.ts
// The report files a front-end was asked for (--junit, --dotenv; the action's `junit` input),
// written however the run ends. Before the first request each gets a placeholder: it proves
// the path can be written (a bad one is an input error before any request), and it is what a
// run killed outright (SIGKILL) leaves behind: a report that says the wait did not finish.





const UNFINISHED = 'the wait did not finish: the process ended before it wrote its result';
const contents = (files, end, nowWallMs) => {
    const out = [];
    const failure = end.report?.failure ?? end.failure;
    if (files.junit)
        out.push(['junit', files.junit, junitXml({ phases: end.report?.phases, failure, nowWallMs })]);
    if (files.dotenv)
        out.push(['dotenv', files.dotenv, dotenvText(end.report?.outputs ?? {})]);
    return out;
};
const why = (err) => clean(messageOf(err), 300);
/** The placeholders, before any request; a path that cannot be written is an InputError naming it. */
async function startReports(files, nowWallMs = Date.now()) {
    for (const [input, path, text] of contents(files, { failure: UNFINISHED }, nowWallMs)) {
        await writeFileAtomic(path, text).catch((err) => {
            throw new InputError(input, `cannot write ${path}: ${why(err)}`);
        });
    }
}
/** The final reports; resolves to a warning line for each one that could not be written. */
async function finishReports(files, end, nowWallMs = Date.now()) {
    const problems = [];
    for (const [input, path, text] of contents(files, end, nowWallMs))
        await writeFileAtomic(path, text).catch((err) => problems.push(`could not write the ${input} report to ${path}: ${why(err)}`));
    return problems;
}

// EXTERNAL MODULE: ./src/cli/signals.ts
var cli_signals = __webpack_require__(3563);
;// CONCATENATED MODULE: ./src/cli/main.ts










const VERSION = package_namespaceObject.rE;
/** Exit codes: passed, failed, bad usage or input; a signal gives 128 + its number. */
const EXIT = { passed: 0, failed: 1, usage: 2 };
/** The environment variables that hold a secret: redacted from everything printed, before anything is. */

/** Nothing printed runs past this (a network message is capped far below it where it enters). */
const MAX_LINE = 8_000;
/** Any text → one line fit for a terminal or a CI log: secrets redacted, no control or command syntax. */
const safeLine = (text) => truncate(neutralise(redact(text)), MAX_LINE);
/** Runs the command; resolves to the exit code. Never throws, never prints a stack. */
async function main(argv, env, streams, signals) {
    for (const value of secretValues(undefined, env))
        registerSecret(value);
    // A stderr that cannot be written (a closed pipe, a full disk) changes neither the verdict nor the --json result.
    const write = (line) => {
        try {
            streams.err(line);
        }
        catch {
            // nowhere left to say it
        }
    };
    const say = (line) => write(safeLine(line));
    const cancel = new AbortController();
    let signalled;
    // From the start, and held until the result is written: a signal meanwhile must not kill the
    // process before that. One that came before the wait starts cancels it at once.
    const unsubscribe = signals((name) => {
        say(signalled ? `Received ${name} again: already stopping` : `Received ${name}: stopping the wait`);
        signalled ??= name;
        cancel.abort();
    });
    // --junit and --dotenv are written however the run ends once the flags are read, a bad input included.
    let files = {};
    const writeReports = async (end) => {
        for (const w of await finishReports(files, end))
            say(`warning: ${w}`);
    };
    try {
        const command = parseArgs(argv);
        if (command.kind !== 'run') {
            await streams.out(command.kind === 'help' ? usage(VERSION) : `${VERSION}\n`);
            return EXIT.passed;
        }
        files = { junit: command.inputs.junit?.trim() || undefined, dotenv: command.dotenv };
        const config = { ...readInputs((name) => (command.inputs[name] ?? '').trim(), env), profile: command.profile };
        files = { junit: config.junit, dotenv: command.dotenv };
        await startReports(files).catch((err) => {
            files = {}; // the path it names cannot be written: say so once
            throw err;
        });
        const io = {
            info: say,
            debug: command.verbose ? (line) => say(`debug: ${line}`) : () => { },
            mask: registerSecret,
            warning: (line) => say(`warning: ${line}`),
        };
        let failure;
        const report = await runWait(config, env, io, cancel.signal).catch((err) => {
            if (err instanceof InputError)
                throw err; // credentials: before any request
            failure = messageOf(err);
            say(failureLine(failure));
            return undefined;
        });
        if (report) {
            for (const w of report.warnings)
                say(`warning: ${w}`);
            say(report.failure ? failureLine(report.failure) : doneLine(report.outputs));
        }
        await writeReports(report ? { report } : { failure });
        if (command.json)
            await streams.out(`${jsonLine(cliResult(report?.outputs ?? {}))}\n`);
        if (signalled)
            return (0,cli_signals/* signalExit */.hU)(signalled);
        return report && !report.failure ? EXIT.passed : EXIT.failed;
    }
    catch (err) {
        if (err instanceof UsageError)
            say(`clb-task-wait: ${err.message}; see --help`);
        else if (err instanceof InputError) {
            say(`clb-task-wait: ${inputProblem(err)}`);
            await writeReports({ failure: inputProblem(err) });
        }
        else {
            write(crashLine(err));
            return EXIT.failed;
        }
        return EXIT.usage;
    }
    finally {
        unsubscribe();
    }
}
/** The result as one line of JSON, every string in it redacted (its structure never is). */
const jsonLine = (value) => JSON.stringify(value, (_key, v) => (typeof v === 'string' ? redact(v) : v));
/** An error nothing expected, as one safe line. */
const crashLine = (err) => safeLine(failureLine(`internal error: ${messageOf(err)}`));
function doneLine(outputs) {
    return (`Done: status ${outputs.status || '(no tasks)'}, load balancers ${outputs['load-balancer-ids']}` +
        (outputs.healthy ? `, healthy ${outputs.healthy}` : ''));
}


/***/ })

};
