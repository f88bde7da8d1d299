import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { shouldRun } from '../support/required-programs.js';

const MISSING = { name: 'LibreOffice', path: undefined, install: 'apt-get install libreoffice-calc' };

describe('checks that need a program nobody here wrote', () => {
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
    jest.restoreAllMocks();
  });

  it('outside CI, a missing program skips the check with a warning naming the check, the program and the fix', () => {
    delete process.env.CI;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(shouldRun(MISSING, 'opens in LibreOffice')).toBe(false);
    expect(warn.mock.calls).toEqual([
      [
        'SKIPPED: opens in LibreOffice: LibreOffice is not installed (apt-get install libreoffice-calc). CI installs it and runs this check.',
      ],
    ]);
  });

  it('in CI (CI=true), a missing program never skips: the check runs, and fails', () => {
    process.env.CI = 'true';
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(shouldRun(MISSING, 'opens in LibreOffice')).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });

  it('an installed program runs the check, quietly', () => {
    delete process.env.CI;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(shouldRun({ ...MISSING, path: '/usr/bin/libreoffice' }, 'opens in LibreOffice')).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });
});
