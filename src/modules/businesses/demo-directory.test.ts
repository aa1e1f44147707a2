import { describe, expect, it } from 'vitest';
import { buildPlan } from '../plan/plan';
import { readPlanFile } from '../plan/plan-file';
import { demoDirectory } from './demo-directory';
import { parseProfile } from './profile-input';
import { profileContextOf } from './profile-service';

describe('the demo directory', () => {
  it('is 288 fictional businesses, each a valid profile inside the city, every name unique', async () => {
    const plan = buildPlan(await readPlanFile('plans/akiruno.yaml'));
    const directory = demoDirectory(plan);
    expect(directory).toHaveLength(288);
    expect(new Set(directory.map((b) => b.name)).size).toBe(288);
    for (const values of directory) {
      expect(values.name).toContain('（架空）');
      // throws, naming the field, if the profile form would refuse it
      const profile = parseProfile(values, profileContextOf(plan));
      expect(profile.latitude).not.toBeNull();
    }
  });
});
