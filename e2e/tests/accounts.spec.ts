// Identity and access in the browser, against the real API and its mail sink: a new
// organisation signs up and invites a technician who sets a password from the e-mailed
// link; a forgotten password is reset from its link; an admin grows the unit tree.
import { test, expect, type Page } from '@playwright/test';

import { localPath, waitForMailLink } from './mail';
import { DEMO_PASSWORD, signIn, signOut } from './session';

const ALEX = 'alex.morgan@riverside-hospital.example';

/** A value unique to this run, for e-mail addresses and names. */
function unique(): string {
  return `${Date.now()}${Math.floor(Math.random() * 1000)}`;
}

/** Signs up a new organisation from the login page; lands signed in as its admin. */
async function signUp(page: Page, organisation: string, name: string, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Create an organisation' }).click();
  await expect(page).toHaveURL(/\/signup$/);
  await page.getByLabel('Organisation').fill(organisation);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await expect(page.locator('.who-name')).toHaveText(name);
  await expect(page.locator('.who-role')).toHaveText('Administrator');
}

/** Fills the new password twice on an e-mailed link's page. */
async function choosePassword(page: Page, password: string): Promise<void> {
  await page.getByLabel(/^New password/).fill(password);
  await page.getByLabel('Repeat the new password').fill(password);
}

test('a new organisation signs up, invites a technician, who sets a password and signs in', async ({ page }) => {
  const run = unique();
  const admin = `founder.${run}@clinic-${run}.example`;
  const adminPassword = `founding day ${run}`;
  const invitee = `tech.${run}@clinic-${run}.example`;
  const inviteeName = `Robin Tech ${run}`;
  const inviteePassword = `robin keeps servers ${run}`;

  await signUp(page, `Harbour Clinic ${run}`, 'Sam Founder', admin, adminPassword);
  await expect(page.locator('.org')).toHaveText(`Harbour Clinic ${run}`);

  // The admin invites a technician from the users screen.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole('row').filter({ hasText: admin })).toContainText('Administrator');
  await page.getByRole('button', { name: 'Invite user' }).click();
  const invite = page.getByRole('region', { name: 'Invite a user' });
  await invite.getByLabel(/^Name\b/).fill(inviteeName);
  await invite.getByLabel('E-mail').fill(invitee);
  await invite.getByLabel('Role').selectOption({ label: 'Technician' });
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText(`Invitation sent to ${invitee}.`)).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: invitee });
  await expect(row).toContainText('Technician');
  await expect(row).toContainText('Invited');

  // The invitation e-mail is listed in the outbox, and arrives at the sink.
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Sent mail' }).click();
  await expect(page.getByText(`To ${invitee}`)).toBeVisible();
  const link = await waitForMailLink(invitee, /https?:\/\/[^\s"<>]+\/accept-invitation\?token=[^\s"<>]+/);
  await signOut(page);

  // The technician opens the link, chooses a password and is signed in.
  await page.goto(localPath(link));
  await expect(page.getByRole('heading', { name: 'Welcome to Ferrodesk' })).toBeVisible();
  await page.getByLabel(/^New password/).fill('short');
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(page.getByText('Use at least 8 characters')).toBeVisible();
  await choosePassword(page, inviteePassword);
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await expect(page.locator('.who-name')).toHaveText(inviteeName);
  await expect(page.locator('.who-role')).toHaveText('Technician');
  await expect(page).toHaveURL(/\/queue$/);
  await signOut(page);

  // The new password works from the sign-in page.
  await signIn(page, invitee, /\/queue$/, inviteePassword);
  await expect(page.locator('.who-name')).toHaveText(inviteeName);
});

test('a forgotten password is reset from the e-mailed link; the old one stops working', async ({ page }) => {
  const run = unique();
  const email = `owner.${run}@bakery-${run}.example`;
  const oldPassword = `old bread recipe ${run}`;
  const newPassword = `new sourdough ${run}`;

  await signUp(page, `Corner Bakery ${run}`, 'Kim Owner', email, oldPassword);
  await signOut(page);

  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByText('If an account exists for that address, we sent a link')).toBeVisible();

  const link = await waitForMailLink(email, /https?:\/\/[^\s"<>]+\/reset-password\?token=[^\s"<>]+/);
  await page.goto(localPath(link));
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel(/^New password/).fill(newPassword);
  await page.getByLabel('Repeat the new password').fill(`${newPassword} typo`);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('The two passwords differ')).toBeVisible();
  await choosePassword(page, newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Password changed. Sign in with your new password.')).toBeVisible();
  await page.getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/login$/);

  await signIn(page, email, /\/queue$/, newPassword);
  await signOut(page);

  // The old password is refused with a message.
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(oldPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.form-error[role="alert"] p')).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toHaveCount(0);
});

test('an admin adds a unit under another one and sees it in the tree', async ({ page }) => {
  const name = `Night triage ${unique()}`;
  await signIn(page, ALEX, /\/queue$/, DEMO_PASSWORD);
  await page.goto('/admin/units');
  const tree = page.getByRole('list', { name: 'Unit tree' });
  const parent = tree.locator('li[data-unit="Emergency Department"]');
  await expect(parent).toBeVisible();
  await parent.getByRole('button', { name: 'Add sub-unit' }).click();

  const form = page.getByRole('region', { name: 'New unit under Emergency Department' });
  await form.getByLabel('Name').fill(name);
  await expect(form.getByLabel('Parent unit').locator('option:checked')).toHaveText(/Emergency Department/);
  await form.getByRole('button', { name: 'Create unit' }).click();
  await expect(page.getByText(`${name} was created.`)).toBeVisible();

  // The new unit sits one level below its parent, and collapsing the parent hides it.
  const child = tree.locator(`li[data-unit="${name}"]`);
  await expect(child).toBeVisible();
  const depth = async (row: typeof child) => Number(await row.evaluate((el) => getComputedStyle(el).getPropertyValue('--depth')));
  expect(await depth(child)).toBe((await depth(parent)) + 1);
  await parent.getByRole('button', { name: 'Collapse Emergency Department' }).click();
  await expect(child).toBeHidden();
  await parent.getByRole('button', { name: 'Expand Emergency Department' }).click();
  await expect(child).toBeVisible();

  // Deleting it (an empty unit) removes it from the tree.
  page.once('dialog', (dialog) => dialog.accept());
  await child.getByRole('button', { name: `Delete ${name}` }).click();
  await expect(page.getByText(`${name} was deleted.`)).toBeVisible();
  await expect(child).toHaveCount(0);
});

test('the profile renames, lists this session and creates an API key shown once', async ({ page, request }) => {
  const run = unique();
  const email = `ada.${run}@studio-${run}.example`;
  await signUp(page, `Ada Studio ${run}`, 'Ada Admin', email, `drawing boards ${run}`);

  await page.locator('a.who').click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole('heading', { name: 'Your profile' })).toBeVisible();
  const details = page.getByRole('region', { name: 'Details' });
  await details.getByLabel(/^Name/).fill('Ada Lovelace');
  await details.getByLabel(/^Time zone/).fill('Europe/London');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByText('Your details were saved.')).toBeVisible();
  await expect(page.locator('.who-name')).toHaveText('Ada Lovelace');

  const sessions = page.getByRole('region', { name: 'Sessions' });
  await expect(sessions).toContainText('This session');

  // A key with two scopes: shown once, and it works as a bearer token.
  const keys = page.getByRole('region', { name: 'API keys' });
  await keys.getByText('Create an API key').click();
  await keys.getByLabel(/^Name/).fill('Monitoring import');
  await keys.getByLabel('tickets:write').check();
  await keys.getByRole('button', { name: 'Create key' }).click();
  const shown = keys.getByLabel('New API key');
  await expect(shown).toBeVisible();
  const key = await shown.inputValue();
  expect(key).toMatch(/^fdk_/);
  const row = keys.getByRole('row').filter({ hasText: 'Monitoring import' });
  await expect(row).toContainText('tickets:read');
  await expect(row).toContainText('tickets:write');
  const prefix = (await row.locator('code').innerText()).replace('…', '');
  expect(key.startsWith(prefix)).toBe(true);
  const api = process.env.E2E_API_URL ?? 'http://127.0.0.1:18080';
  const tickets = await request.get(`${api}/api/v1/tickets`, { headers: { Authorization: `Bearer ${key}` } });
  expect(tickets.status()).toBe(200);

  await keys.getByRole('button', { name: 'Done' }).click();
  await expect(shown).toHaveCount(0);
  await row.getByRole('button', { name: 'Revoke Monitoring import' }).click();
  await expect(page.getByText('The key “Monitoring import” was revoked.')).toBeVisible();
  await expect(row).toContainText('Revoked');
  const refused = await request.get(`${api}/api/v1/tickets`, { headers: { Authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
});
