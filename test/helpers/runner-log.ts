// Reads an action's stdout the way actions/runner does, to test what the runner would
// execute: lines split at CR, LF and CRLF; `::name props::data` at a line's start (after
// spaces) and the legacy `##[name props]data` anywhere in a line; `stop-commands` pausing
// everything (add-mask included) until its token comes back; masks applied to later lines.

export interface RunnerCommand {
  name: string;
  data: string;
  line: number;
}

/** Commands the runner knows; an unknown name is printed as text. */
const REGISTERED = new Set([
  'add-mask',
  'stop-commands',
  'set-output',
  'save-state',
  'warning',
  'error',
  'notice',
  'debug',
  'group',
  'endgroup',
  'echo',
  'set-env',
  'add-path',
  'add-matcher',
  'remove-matcher',
]);

const unescape = (s: string) => s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');

function parse(line: string): { name: string; data: string } | undefined {
  const v2 = /^\s*::([^\s:]+)(?: [^:]*)?::(.*)$/.exec(line);
  if (v2 && REGISTERED.has(v2[1])) return { name: v2[1], data: unescape(v2[2]) };
  const at = line.indexOf('##[');
  if (at >= 0) {
    const legacy = /^##\[([^\s\]]+)(?: [^\]]*)?\](.*)$/.exec(line.slice(at));
    if (legacy && REGISTERED.has(legacy[1].toLowerCase())) return { name: legacy[1].toLowerCase(), data: legacy[2] };
  }
  return undefined;
}

export function readAsRunner(stdout: string): { commands: RunnerCommand[]; visible: string[] } {
  const commands: RunnerCommand[] = [];
  const visible: string[] = [];
  const masks: string[] = [];
  let stopToken: string | undefined;
  stdout.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (stopToken !== undefined) {
      if (line.trim() === `::${stopToken}::`) stopToken = undefined;
      else visible.push(masks.reduce((l, m) => l.split(m).join('***'), line));
      return;
    }
    const cmd = parse(line);
    if (!cmd) {
      visible.push(masks.reduce((l, m) => l.split(m).join('***'), line));
      return;
    }
    commands.push({ ...cmd, line: i });
    if (cmd.name === 'add-mask' && cmd.data) masks.push(cmd.data);
    if (cmd.name === 'stop-commands') stopToken = cmd.data;
    if (cmd.name !== 'add-mask') visible.push(masks.reduce((l, m) => l.split(m).join('***'), cmd.data));
  });
  return { commands, visible };
}
