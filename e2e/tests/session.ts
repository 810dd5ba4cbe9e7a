// Signing in and out through the SPA's own forms, shared by the browser tests.
import { expect, type Page } from '@playwright/test';

/** The password of every seeded demo account. */
export const DEMO_PASSWORD = 'ferrodesk-demo-2026';

/** Signs in as `email` and waits for the role's landing page (`landing`). */
export async function signIn(page: Page, email: string, landing: RegExp, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await expect(page).toHaveURL(landing);
}

/** Signs out and waits for the sign-in form. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
}
