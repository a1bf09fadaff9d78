// The --json result: the action's output strings parsed once, with their meanings kept.
import { cliResult } from '../../src/cli/result.ts';

const task = {
  id: 'req-1',
  kind: 'TaskId',
  status: 0,
  message: null,
  loadBalancerIds: ['lb-aaaaaaaa'],
  requestId: 'r',
  waitedSeconds: 1,
  polls: 2,
};
const target = { loadBalancerId: 'lb-aaaaaaaa', targetId: 'ins-aaaaaaaa', healthStatusDetail: 'Alive' };

describe('cliResult', () => {
  it.each<[string, Record<string, string>, unknown]>([
    [
      'tasks that succeeded',
      {
        status: '0',
        'load-balancer-ids': '["lb-aaaaaaaa"]',
        'request-id': 'r',
        tasks: JSON.stringify([task]),
        healthy: '',
        health: '[]',
      },
      { status: 0, loadBalancerIds: ['lb-aaaaaaaa'], requestId: 'r', tasks: [task], healthy: null, health: [] },
    ],
    [
      'a failed task',
      { status: '1', 'load-balancer-ids': '[]', 'request-id': 'r', tasks: '[]', healthy: '', health: '[]' },
      { status: 1, loadBalancerIds: [], requestId: 'r', tasks: [], healthy: null, health: [] },
    ],
    [
      'a timeout',
      { status: '2', 'load-balancer-ids': '[]', 'request-id': '', tasks: '[]', healthy: '', health: '[]' },
      { status: 2, loadBalancerIds: [], requestId: '', tasks: [], healthy: null, health: [] },
    ],
    [
      'a health-only gate that passed',
      {
        status: '',
        'load-balancer-ids': '[]',
        'request-id': 'h',
        tasks: '[]',
        healthy: 'true',
        health: JSON.stringify([target]),
      },
      { status: null, loadBalancerIds: [], requestId: 'h', tasks: [], healthy: true, health: [target] },
    ],
    [
      'targets that never turned healthy',
      {
        status: '0',
        'load-balancer-ids': '["lb-aaaaaaaa"]',
        'request-id': 'r',
        tasks: '[]',
        healthy: 'false',
        health: '[]',
      },
      { status: 0, loadBalancerIds: ['lb-aaaaaaaa'], requestId: 'r', tasks: [], healthy: false, health: [] },
    ],
    [
      'no outputs at all (the wait never ran)',
      {},
      { status: null, loadBalancerIds: [], requestId: '', tasks: [], healthy: null, health: [] },
    ],
  ])('%s', (_name, outputs, expected) => {
    expect(cliResult(outputs)).toEqual(expected);
  });
});
