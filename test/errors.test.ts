import { hintFor } from '../src/errors.ts';

describe('hintFor DescribeTargetHealth', () => {
  it.each([
    ['UnauthorizedOperation', /grant the CAM permission clb:DescribeTargetHealth/],
    ['AuthFailure.UnauthorizedOperation', /clb:DescribeTargetHealth/],
    ['InvalidParameter.LBIdNotFound', /check load-balancers and listener-ids/],
    ['ResourceNotFound', /check load-balancers/],
    ['UnsupportedOperation', /does not support classic CLB/],
  ])('%s → %s', (code, hint) => expect(hintFor(code, 'DescribeTargetHealth', 'clb')).toMatch(hint));

  it('keeps the task hint for DescribeTaskStatus', () => {
    expect(hintFor('InvalidParameter', 'DescribeTaskStatus', 'clb')).toMatch(/task-id/);
    expect(hintFor('UnsupportedOperation', 'DescribeTaskStatus', 'clb')).toBeUndefined();
  });
});
