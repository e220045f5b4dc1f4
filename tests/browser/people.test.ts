/**
 * Staff and roles through the page (Debian's Chromium, a real server):
 * sign-in errors in words (wrong password, the rate limit with its minutes,
 * no connection); the admin invites a colleague on /staff/people and gets the
 * welcome link once; the colleague sets a password on /staff/welcome/<token>
 * and signs in as a recruiter who sees no authoring or people controls; the
 * admin changes roles and removes the colleague (signed out at once); the
 * last admin cannot demote themself; the staff language menu switches to
 * Swedish, left to right, stored apart from the candidate's choice; axe-core
 * finds no serious or critical violation on the people and welcome pages.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EMAIL, DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.ts';
import { accessibilityProblems, candidatePage, launchBrowser } from './support/candidate.ts';

const RITA_PASSWORD = 'rita-recruiter-password';

let server: TestServer;
let browser: Browser;
let admin: Page;
let errors: string[];
let welcomeUrl: string;

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const alertText = (page: Page) => page.locator('main [role="alert"]').allInnerTexts().then((texts) => texts.join(' ').trim());
const status = (page: Page) => page.locator('main [role="status"]').allInnerTexts().then((texts) => texts.join(' ').trim());

beforeAll(async () => {
  browser = await launchBrowser();
  // Five sign-in tries per address and e-mail: the sixth shows the rate limit.
  server = await startTestServer({ KODBRO_LOGIN_LIMIT: '5' });
  ({ page: admin, errors } = await candidatePage(browser));
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('signing in: what went wrong, in words', () => {
  it('a wrong password says so, not "You are not signed in"', async () => {
    await admin.goto(`${server.url}/staff/login`);
    await signIn(admin, DEMO_EMAIL, 'not-the-password');
    await expect.poll(() => alertText(admin)).toBe('Wrong e-mail or password.');
  });

  it('too many tries say how many minutes to wait', async () => {
    for (let n = 0; n < 5; n++) {
      await signIn(admin, 'someone@kodbro.example', `guess-${n}`);
      await expect.poll(() => alertText(admin)).toBe('Wrong e-mail or password.');
      await admin.locator('main [role="alert"]').first().evaluate((node) => (node.textContent = ''));
    }
    await signIn(admin, 'someone@kodbro.example', 'guess-6');
    await expect.poll(() => alertText(admin)).toMatch(/^Too many attempts, try again in (1[0-5]|[1-9]) minutes?\.$/);
  });

  it('no answer from the server is a connection problem', async () => {
    await admin.route('**/api/auth/login', (route) => route.abort('connectionrefused'));
    await signIn(admin, DEMO_EMAIL, DEMO_PASSWORD);
    await expect.poll(() => alertText(admin)).toBe('Kodbro cannot be reached. Check your connection and try again.');
    await admin.unroute('**/api/auth/login');
  });
});

describe('people: invite, welcome, roles, removal', () => {
  it('the admin sees People, invites a recruiter and gets the welcome link once; axe finds nothing serious', async () => {
    await signIn(admin, DEMO_EMAIL, DEMO_PASSWORD);
    await admin.getByRole('link', { name: 'People' }).click();
    await admin.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    await admin.getByRole('cell', { name: DEMO_EMAIL }).waitFor();
    expect(await accessibilityProblems(admin)).toEqual([]);

    await admin.getByLabel('Name', { exact: true }).fill('Rita Recruiter');
    await admin.getByLabel('E-mail', { exact: true }).fill('rita@kodbro.example');
    await admin.getByRole('button', { name: 'Invite', exact: true }).click();
    const link = admin.getByLabel('Welcome link for Rita Recruiter');
    await link.waitFor();
    welcomeUrl = await link.inputValue();
    expect(welcomeUrl).toMatch(/\/staff\/welcome\/[A-Za-z0-9_-]{43}$/);
    expect(await admin.getByText(/Rita Recruiter is invited\. Send them this link: it is shown only now/).count()).toBe(1);
    await admin.getByRole('button', { name: 'Copy' }).waitFor();
    await admin.getByText(/Invited, no password yet/).waitFor();
    expect(await accessibilityProblems(admin)).toEqual([]);

    // Shown once: after a reload the list has Rita, the page no link.
    await admin.reload();
    await admin.getByRole('cell', { name: 'rita@kodbro.example' }).waitFor();
    expect(await admin.getByLabel('Welcome link for Rita Recruiter').count()).toBe(0);
  });

  it('the colleague sets a password on the welcome page, signs in, and as a recruiter sees no authoring or people controls', async () => {
    const { page: rita, errors: ritaErrors } = await candidatePage(browser);
    await rita.goto(welcomeUrl);
    await rita.getByRole('heading', { name: 'Welcome to Kodbro' }).waitFor();
    // The token leaves the address bar (and the history) at once.
    await expect.poll(() => new URL(rita.url()).pathname).toBe('/staff/welcome');
    expect(await accessibilityProblems(rita)).toEqual([]);
    await rita.getByLabel('New password').fill('too-short');
    await rita.getByLabel('The same password again').fill('too-short');
    await rita.getByRole('button', { name: 'Set password' }).click();
    await expect.poll(() => alertText(rita)).toBe('The password needs at least 12 characters.');
    await rita.getByLabel('New password').fill(RITA_PASSWORD);
    await rita.getByLabel('The same password again').fill(`${RITA_PASSWORD}!`);
    await rita.getByRole('button', { name: 'Set password' }).click();
    await expect.poll(() => alertText(rita)).toBe('The two passwords are not the same.');
    await rita.getByLabel('The same password again').fill(RITA_PASSWORD);
    await rita.getByRole('button', { name: 'Set password' }).click();
    await rita.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await status(rita)).toBe('Your password is set. Sign in with rita@kodbro.example.');

    // The link works once.
    const again = await browser.newPage();
    await again.goto(welcomeUrl);
    await again.getByLabel('New password').fill('another-password-long');
    await again.getByLabel('The same password again').fill('another-password-long');
    await again.getByRole('button', { name: 'Set password' }).click();
    await expect.poll(() => alertText(again)).toMatch(/^This welcome link does not work: it was used already or has expired\./);
    await again.close();

    await signIn(rita, 'rita@kodbro.example', RITA_PASSWORD);
    await rita.getByRole('link', { name: 'Demo assessment' }).waitFor();
    for (const control of ['New assessment', 'People', 'Challenge library']) expect(await rita.getByRole('link', { name: control }).count(), control).toBe(0);
    await rita.getByRole('link', { name: 'Demo assessment' }).click();
    await rita.getByRole('heading', { name: 'Invites' }).waitFor();
    expect(await rita.getByRole('link', { name: 'Change settings' }).count()).toBe(0);
    expect(await rita.getByRole('heading', { name: 'Duplicate for another round' }).count()).toBe(0);
    // Authoring and people pages by address: not shown to a recruiter.
    for (const address of ['/staff/people', '/staff/assessments/new']) {
      await rita.goto(`${server.url}${address}`);
      await rita.getByRole('heading', { name: 'Assessments' }).waitFor();
      expect(await rita.getByRole('heading', { name: /People|New assessment/ }).count(), address).toBe(0);
    }
    await rita.goto(`${server.url}/staff/challenges`);
    await rita.getByRole('heading', { name: 'Challenge library', level: 1 }).waitFor().catch(() => undefined);
    expect(await rita.getByLabel('Package archive').count()).toBe(0);
    expect(await rita.getByRole('button', { name: /^Archive / }).count()).toBe(0);
    expect(ritaErrors).toEqual([]);

    // The admin makes Rita an author too (confirmed), then removes her: she is signed out at once.
    await admin.getByLabel('Author: Rita Recruiter').check();
    await admin.getByRole('button', { name: 'Save roles of Rita Recruiter' }).click();
    await expect.poll(() => status(admin)).toBe('Roles of Rita Recruiter saved: Author, Recruiter.');
    await rita.goto(`${server.url}/staff`);
    await rita.getByRole('link', { name: 'New assessment' }).waitFor();

    await admin.getByRole('button', { name: 'Remove Rita Recruiter' }).click();
    await expect.poll(() => status(admin)).toBe('Rita Recruiter is removed and signed out.');
    await expect.poll(() => admin.getByRole('cell', { name: 'rita@kodbro.example' }).count()).toBe(0);
    await rita.reload();
    await rita.getByRole('heading', { name: 'Sign in' }).waitFor();
    await rita.context().close();
  });

  it('the last admin cannot take away their own admin role: the refusal says why', async () => {
    await admin.getByLabel('Admin: Demo Author').uncheck();
    await admin.getByRole('button', { name: 'Save roles of Demo Author' }).click();
    await expect.poll(() => alertText(admin)).toBe('The organisation’s last admin cannot be removed or lose the admin role. Make another colleague admin first.');
    expect(errors).toEqual([]);
  });
});

describe('the staff language menu', () => {
  it('switches the staff pages to Swedish, left to right, kept on this device apart from the candidate’s language', async () => {
    await admin.evaluate("localStorage.setItem('kodbro.language', 'ar')");
    await admin.getByLabel('Language').selectOption('sv');
    await admin.getByRole('heading', { name: 'Personer', level: 1 }).waitFor();
    expect(await admin.evaluate("[document.documentElement.lang, document.documentElement.dir, localStorage.getItem('kodbro.staffLanguage'), localStorage.getItem('kodbro.language')]")).toEqual([
      'sv',
      'ltr',
      'sv',
      'ar',
    ]);
    await admin.reload();
    await admin.getByRole('heading', { name: 'Personer', level: 1 }).waitFor();
    await admin.getByRole('link', { name: 'Personer' }).waitFor();
    expect(await accessibilityProblems(admin)).toEqual([]);
    await admin.getByLabel('Språk').selectOption('en');
    await admin.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    expect(errors).toEqual([]);
  });
});
