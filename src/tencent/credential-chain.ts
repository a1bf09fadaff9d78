// Where the credentials come from, in one documented order; the first source that is
// configured wins, and a configured source that is broken is an error, never a fall-through:
//   1. keys: the secret-id/secret-key/token inputs, else TENCENTCLOUD_SECRET_ID/_SECRET_KEY (+ token)
//   2. web identity (a role with a token source): the injected role provider, no base needed
//   3. the profile file, then tccli's profile
//   4. the CVM role, through the metadata service
// A role without web identity is then assumed with the base credentials (role chaining).
// Keys in the environment are found without touching a file or the network.
import { isAbsolute, join, sep } from 'node:path';
import type { Env } from '../common/env.ts';
import type { Clock } from '../common/clock.ts';
import { resolveStaticCredentials, type CredentialInputs, type CredentialProvider } from './credentials.ts';
import { CredentialError } from './errors.ts';
import { PROFILE_NAME, profileFileCredentials, tccliCredentials, type ReadFile } from './profile-files.ts';
import { cvmRoleCredentials, discoverRole, METADATA_ENDPOINT, type MetadataGet } from './cvm-role.ts';

export interface CredentialSource {
  /** Names the source for the log ("credentials: ..."); never a value. */
  label: string;
  provider: CredentialProvider;
}

export interface ChainInputs {
  keys: CredentialInputs;
  /** --profile: tccli's profile (else TCCLI_PROFILE, else default). */
  profile?: string;
  /** A role to assume: with a web identity token source, or with the base credentials (AssumeRole). */
  role?: { roleArn: string; webIdentity: boolean };
  /** The role's provider, given the base credentials (undefined for web identity). */
  roleProvider?: (base: CredentialProvider | undefined) => CredentialProvider;
}

export interface ChainDeps {
  env: Env;
  /** os.homedir(); tests give their own. */
  home: () => string;
  readFile: ReadFile;
  metadata: MetadataGet;
  clock: Clock;
  /** Hides a secret from everything printed later. */
  mask: (secret: string) => void;
  log?: (line: string) => void;
  /** 'win32' leaves out /etc/tencentcloud/credentials. */
  platform?: string;
}

const hhmm = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)}Z`;

export async function resolveCredentials(
  inputs: ChainInputs,
  deps: ChainDeps,
  signal?: AbortSignal,
): Promise<CredentialSource> {
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
export async function baseCredentials(
  inputs: ChainInputs,
  deps: ChainDeps,
  signal?: AbortSignal,
): Promise<CredentialSource> {
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
    if (file) return file;
  }
  const tccli = await tccliProfile(inputs, profileName, deps, tried, signal);
  if (tccli) return tccli;

  if (/^true$/i.test(env.TENCENTCLOUD_METADATA_DISABLED?.trim() ?? ''))
    tried.push('CVM role (skipped: TENCENTCLOUD_METADATA_DISABLED=true)');
  else {
    const cvm = await cvmRole(deps, signal);
    if (cvm) return cvm;
    tried.push(`CVM role (no role at ${metadataEndpoint(env)})`);
  }
  throw new CredentialError(
    `none found. Tried, in order: ${tried.join('; ')}. ` +
      'Set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, a role (role-arn), a profile file, or attach a CAM role to the CVM (see README, Credentials)',
  );
}

function fixed(
  credentials: ReturnType<typeof resolveStaticCredentials>,
  from: string,
  deps: ChainDeps,
): CredentialSource {
  deps.mask(credentials.secretId); // as AWS's credentials action does with its key id
  deps.mask(credentials.secretKey);
  if (credentials.token) deps.mask(credentials.token);
  return { label: `${from}${credentials.token ? ', with a session token' : ''}`, provider: async () => credentials };
}

/** ~/x for a path under the home directory: the log line says where without naming the user. */
function shown(path: string, home: string): string {
  return home && path.startsWith(home + sep) ? `~${sep}${path.slice(home.length + 1)}` : path;
}

async function profileFile(deps: ChainDeps, tried: string[]): Promise<CredentialSource | undefined> {
  const home = deps.home();
  const named = deps.env.TENCENTCLOUD_CREDENTIALS_FILE?.trim();
  if (named) {
    const where = `TENCENTCLOUD_CREDENTIALS_FILE (${named})`;
    const text = await deps.readFile(named, where);
    if (text === undefined) throw new CredentialError(`${where} does not exist`);
    return fixed(profileFileCredentials(text, where), `${where} [default]`, deps);
  }
  // No home directory: no path relative to the working directory (a checkout may hold anything).
  const paths = isAbsolute(home) ? [join(home, '.tencentcloud', 'credentials')] : [];
  if (deps.platform !== 'win32') paths.push('/etc/tencentcloud/credentials');
  for (const path of paths) {
    const where = shown(path, home);
    const text = await deps.readFile(path, where);
    if (text !== undefined) return fixed(profileFileCredentials(text, where), `${where} [default]`, deps);
    tried.push(where);
  }
  return undefined;
}

async function tccliProfile(
  inputs: ChainInputs,
  name: string,
  deps: ChainDeps,
  tried: string[],
  signal?: AbortSignal,
): Promise<CredentialSource | undefined> {
  const from = inputs.profile ? '--profile' : name ? 'TCCLI_PROFILE' : '';
  const profile = name || 'default';
  if (!PROFILE_NAME.test(profile))
    throw new CredentialError(`${from} is not a profile name (letters, digits, ._-, at most 64)`);
  const home = deps.home();
  const path = join(home, '.tccli', `${profile}.credential`);
  const where = shown(path, home);
  const text = isAbsolute(home) ? await deps.readFile(path, where) : undefined;
  if (text === undefined) {
    if (from) throw new CredentialError(`unknown profile ${profile} (${from}): ${where} does not exist`);
    tried.push(where);
    return undefined;
  }
  const found = tccliCredentials(text, where);
  if (found.kind === 'keys') return fixed(found.credentials, `${where} [${profile}]`, deps);
  // "type": "cvm-role": the instance role is what was asked for, so no role is an error.
  const cvm = await cvmRole(deps, signal);
  if (!cvm)
    throw new CredentialError(
      `${where} says "type": "cvm-role", but no CVM role answered at ${metadataEndpoint(deps.env)}`,
    );
  return cvm;
}

/** TENCENTCLOUD_METADATA_ENDPOINT when set: scheme, host and port only. */
export function metadataEndpoint(env: Env): string {
  const text = env.TENCENTCLOUD_METADATA_ENDPOINT?.trim();
  if (!text) return METADATA_ENDPOINT;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    // not a URL: refused below
  }
  const web = url?.protocol === 'http:' || url?.protocol === 'https:';
  if (!url || !web || url.username || url.password || url.search || url.pathname !== '/')
    throw new CredentialError(
      'TENCENTCLOUD_METADATA_ENDPOINT is not a base URL (http://host[:port], no path, user or query)',
    );
  return url.origin;
}

async function cvmRole(deps: ChainDeps, signal?: AbortSignal): Promise<CredentialSource | undefined> {
  const roleDeps = {
    endpoint: metadataEndpoint(deps.env),
    get: deps.metadata,
    clock: deps.clock,
    mask: deps.mask,
    log: deps.log,
  };
  const role = await discoverRole(roleDeps, signal);
  if (!role) return undefined;
  const { provider, expiresAt } = await cvmRoleCredentials(roleDeps, role, signal);
  return { label: `CVM role ${role}, temporary, renewed before ${hhmm(expiresAt)}`, provider };
}
