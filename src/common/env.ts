// The process environment as the modules read it: credentials, proxies, the runner's GITHUB_*
// and ACTIONS_* variables. Passed in rather than read from process.env, so every front-end
// (and every test) says which environment it means.
export type Env = Record<string, string | undefined>;
