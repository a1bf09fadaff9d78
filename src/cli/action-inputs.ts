// Generated from action.yml by `npm run docs`: do not edit. `npm run docs:check` fails when it is
// stale. The command line's flags and its --help text come from it (src/cli/args.ts).

export interface ActionInput {
  name: string;
  description: string;
  /** As action.yml declares it; src/inputs.ts DEFAULTS applies it. */
  default?: string;
}

export const ACTION_INPUTS: readonly ActionInput[] = [
  {
    name: 'task-id',
    description:
      'One or more TaskIds (the RequestId of the mutating CLB call), separated by commas, spaces or newlines. Duplicates are waited on once. Set this or deal-name.',
  },
  {
    name: 'deal-name',
    description: 'One or more order ids (DealName), same format as task-id. Set this or task-id, not both.',
  },
  {
    name: 'secret-id',
    description:
      "Tencent Cloud SecretId. Falls back to TENCENTCLOUD_SECRET_ID; without either, the profile file, tccli's profile or the CVM instance role (see README, Credentials).",
  },
  {
    name: 'secret-key',
    description:
      'Tencent Cloud SecretKey. Falls back to TENCENTCLOUD_SECRET_KEY (then as secret-id). Masked in the log.',
  },
  {
    name: 'token',
    description:
      'Session token of temporary credentials, sent as X-TC-Token. Falls back to TENCENTCLOUD_SESSION_TOKEN, TENCENTCLOUD_TOKEN, then TENCENTCLOUD_SECURITY_TOKEN. Masked in the log.',
  },
  {
    name: 'role-arn',
    description:
      "A CAM role to assume, e.g. qcs::cam::uin/100000000001:roleName/deployer. With provider-id: STS AssumeRoleWithWebIdentity with the job's GitHub OIDC token (needs `permissions: id-token: write`) or a token from web-identity-token-file, TKE_WEB_IDENTITY_TOKEN_FILE or TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN. With secret-id/secret-key: STS AssumeRole signed with them. Falls back to TKE_ROLE_ARN, TENCENTCLOUD_ASSUME_ROLE_ARN.",
  },
  {
    name: 'provider-id',
    description:
      'With role-arn, the name of the CAM OIDC identity provider that trusts the token (GitHub, GitLab, TKE). Falls back to TKE_PROVIDER_ID, then TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID.',
  },
  {
    name: 'audience',
    description: "With role-arn, the audience of the GitHub ID token; must match the identity provider's client ID.",
    default: 'sts.tencentcloudapi.com',
  },
  {
    name: 'role-session-name',
    description:
      "With role-arn, the STS session name. Falls back to TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME, then gha-<owner>-<repo>-<run id>-<attempt> (gitlab-<project id>-<job id>, jenkins-<job>-<build>, else clb-task-wait-<host>-<pid>), fitted to STS's characters and 128-character limit.",
  },
  {
    name: 'role-duration',
    description:
      'With role-arn, how long the temporary credentials last (at most 12h). Falls back to TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION, then the timeout plus 5 minutes, at least 15 minutes; they are renewed before expiry anyway.',
  },
  {
    name: 'web-identity-token-file',
    description:
      "With role-arn and provider-id, a file holding the web identity token (a JWT), read again at each renewal, e.g. a TKE pod's projected token. Falls back to TKE_WEB_IDENTITY_TOKEN_FILE.",
  },
  {
    name: 'region',
    description:
      'Region sent as X-TC-Region, e.g. ap-guangzhou. Falls back to TENCENTCLOUD_REGION; optional for DescribeTaskStatus. STS needs one, so with role-arn it gets TKE_REGION, else ap-guangzhou, when none is set.',
  },
  {
    name: 'international',
    description:
      'Use the international site (clb.intl.tencentcloudapi.com and sts.intl.tencentcloudapi.com) for whichever of endpoint and sts-endpoint is not set.',
    default: 'false',
  },
  {
    name: 'endpoint',
    description:
      'CLB API host or URL. Default clb.tencentcloudapi.com (nearest region); regional clb.<region>.tencentcloudapi.com, financial regions such as clb.ap-shanghai-fsi.tencentcloudapi.com, clb.internal.tencentcloudapi.com inside Tencent Cloud. https is assumed; http:// is accepted only for loopback hosts (local simulators).',
  },
  {
    name: 'sts-endpoint',
    description:
      'With role-arn, the STS host or URL. Default sts.tencentcloudapi.com (sts.intl.tencentcloudapi.com with international); same rules as endpoint.',
  },
  {
    name: 'timeout',
    description: 'Total time to wait for every task, as seconds (90) or a duration (90s, 15m, 1h30m).',
    default: '10m',
  },
  {
    name: 'fail-on-timeout',
    description:
      'Fail the step when the timeout passes with tasks still in progress or, with wait-healthy, targets not yet healthy. When false, the step passes with a warning (status 2 for tasks, healthy false for targets).',
    default: 'true',
  },
  {
    name: 'poll-interval',
    description:
      "Gap between polls of one task during its first minute (the first poll is at once). A finished task is noticed within this long, plus the request's round trip. With more tasks than max-requests-per-second allows at this pace, the shared rate limit stretches the gap (200 tasks at 20/s are each polled about every 10 s).",
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
    description:
      'Retries of one request on errors that can heal (network, HTTP 5xx, InternalError, RequestLimitExceeded, ...), with jittered exponential backoff.',
    default: '5',
  },
  {
    name: 'max-requests-per-second',
    description:
      'Ceiling on requests per second for the whole step, across all tasks (DescribeTaskStatus allows 20 per account).',
    default: '20',
  },
  {
    name: 'wait-healthy',
    description:
      'After every task succeeded, also wait until every gated target behind the load balancers is healthy (CLB DescribeTargetHealth, CAM permission clb:DescribeTargetHealth). With no task-id or deal-name, load-balancers is required and only health is waited on. Alive is healthy; Unknown and Dead are waited on; Close targets (health check off) and weight-0 targets are not gated and are named in a warning. The one timeout covers tasks and health together.',
    default: 'false',
  },
  {
    name: 'load-balancers',
    description:
      'With wait-healthy, the load balancer ids to check (commas, spaces or newlines). Default the load balancers the tasks name.',
  },
  {
    name: 'listener-ids',
    description:
      'With wait-healthy, check only these listeners (lbl-...). Each must match a listener of the load balancers.',
  },
  {
    name: 'targets',
    description:
      'With wait-healthy, check only these targets, by instance id (ins-...), IP, or either with a port (ip:port, ins-...:port, [IPv6]:port). Each must match a target.',
  },
  {
    name: 'healthy-for',
    description:
      'With wait-healthy, every gated target must stay healthy this long before the step passes; a target that drops out, a change in the gated set or a poll that goes unanswered restarts the window. Must be shorter than timeout. 0 passes on the first all-healthy answer.',
    default: '10s',
  },
  {
    name: 'junit',
    description:
      "Write a JUnit XML report to this file (one testsuite per phase, one testcase per task and per gated target, the API's message in each failure), for tools that show JUnit test results. Written however the step ends, replaced whole (never half-written).",
  },
];
