// End-to-end test of the My Tasks page in headless Chromium (Debian's package, driven by playwright-core).
// Run by MyTasksBrowserTest with BASE, GINGER_TOKEN, ADA_TOKEN, CYD_ID, ODD_ID, SHOTS and CHROMIUM in the environment.
'use strict';
const { chromium } = require('playwright-core');

const env = (n) => { const v = process.env[n]; if (!v) throw new Error('missing ' + n); return v; };
const BASE = env('BASE');
const steps = [];
const step = (what) => { steps.push(what); console.log('ok - ' + what); };

async function main() {
  // The one item Ginger must not see: Cyd's, found through the API with an admin token.
  const res = await fetch(BASE + '/v2024/work-items?ownerId=' + env('CYD_ID'), { headers: { Authorization: 'Bearer ' + env('ADA_TOKEN') } });
  const cydItem = (await res.json())[0].id;

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15000);
    const status = (text) => page.locator('#status', { hasText: text }).waitFor();
    const row = (name) => page.locator('#list-body tr', { has: page.getByRole('link', { name, exact: true }) });

    await page.goto(BASE + '/');
    await page.getByLabel('Bearer token').fill(env('GINGER_TOKEN'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('tab', { name: 'Pending (7)' }).waitFor();
    await page.getByRole('tab', { name: 'Completed (2)' }).waitFor();
    await status('Signed in as Ginger.Rogers');
    step('signed in with a printed token; the tabs show the summary counts');
    await row('Create an Account').locator('td[data-label="Identity / account"]', { hasText: 'fred-astaire-sp' }).waitFor();
    await row('Create an Account').locator('td[data-label="Source"]', { hasText: 'GitHub' }).waitFor();
    await page.getByText('1–7 of 7').waitFor();
    step('the pending list shows source, account and the total');
    await page.screenshot({ path: env('SHOTS') + '/list.png', fullPage: true });

    await page.getByRole('link', { name: 'Create an Account', exact: true }).click();
    await page.getByRole('heading', { name: 'Create an Account — Pending' }).waitFor();
    await page.locator('#fields').getByText("Create account fred-astaire-sp on source 'GitHub' for identity Fred.Astaire").waitFor();
    step('opened the Fred.Astaire item');
    await page.screenshot({ path: env('SHOTS') + '/details.png', fullPage: true });

    await page.getByRole('button', { name: 'Approve account fred-astaire-sp' }).click();
    await status('Approved account fred-astaire-sp');
    await page.locator('#approvals tr').nth(0).getByText('Finished').waitFor();
    step('approved one approval item');
    await page.getByRole('button', { name: 'Reject teams engineering' }).click();
    await status('Rejected teams engineering');
    await page.locator('#approvals tr').nth(1).getByText('Rejected').waitFor();
    step('rejected another');
    await page.locator('#history li', { hasText: 'rejected by' }).waitFor();
    await page.locator('#history li', { hasText: 'created by' }).waitFor();
    step('the item\'s history lists who did what, and when');

    await page.getByRole('link', { name: /Back to the list/ }).click();
    await page.getByRole('link', { name: 'Ship a laptop', exact: true }).click();
    await page.getByLabel('Target (name or id)').fill('cyd'); // picked by name, not by a 32-character id
    await page.getByLabel('Comment for the new owner').fill('Cyd runs the hardware desk this week.');
    await page.getByRole('button', { name: 'Forward' }).click();
    await status('Forwarded "Ship a laptop" to Cyd.Charisse');
    await page.getByRole('tab', { name: 'Pending (6)' }).waitFor();
    // the tabs update from the summary before the list's own request returns: wait for the list, not the tabs
    await page.getByRole('link', { name: 'Ship a laptop', exact: true }).waitFor({ state: 'detached', timeout: 5000 })
      .catch(() => { throw new Error('the forwarded item is still listed'); });
    step('forwarded an item to a person picked by name, and it left the list');

    await page.getByRole('link', { name: 'Account Selection', exact: true }).click();
    await page.getByLabel('account', { exact: true }).selectOption('fred-astaire-sp');
    await page.getByRole('button', { name: 'Submit selection' }).click();
    await status('Account selection submitted: fred-astaire-sp');
    await page.getByRole('heading', { name: 'Account Selection — Finished' }).waitFor();
    step('submitted an account selection');

    await page.getByRole('link', { name: /Back to the list/ }).click();
    await page.getByRole('link', { name: 'Print a badge', exact: true }).click();
    await page.getByRole('button', { name: 'Mark Complete' }).click();
    await status('Marked "Print a badge" complete');
    await page.getByRole('link', { name: /Back to the list/ }).click();
    await page.getByRole('tab', { name: 'Completed (4)' }).click();
    await page.getByRole('link', { name: 'Print a badge', exact: true }).waitFor();
    step('marked an item complete and found it under Completed');

    await page.goto(BASE + '/#/items/' + cydItem);
    await page.getByRole('alert').getByText(/Not allowed \(403\)/).waitFor();
    step('opening another person\'s item by URL shows the 403 in words');
    await page.screenshot({ path: env('SHOTS') + '/forbidden.png', fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(BASE + '/');
    await page.getByRole('tab', { name: 'Pending (4)' }).waitFor();
    await page.screenshot({ path: env('SHOTS') + '/list-phone.png', fullPage: true });
    await page.keyboard.press('Tab');
    step('phone width renders the list as cards');

    // Ada's item whose ids hold '/', '?', '#' and '%': each write call must reach that item, not another route.
    const ada = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    ada.setDefaultTimeout(15000);
    const adaStatus = (text) => ada.locator('#status', { hasText: text }).waitFor();
    await ada.goto(BASE + '/');
    await ada.getByLabel('Bearer token').fill(env('ADA_TOKEN'));
    await ada.getByRole('button', { name: 'Sign in' }).click();
    await ada.getByRole('link', { name: 'Odd id', exact: true }).click();
    await ada.locator('#fields').getByText(env('ODD_ID'), { exact: true }).waitFor();
    await ada.getByRole('button', { name: 'Approve groups odd-team' }).click();
    await adaStatus('Approved groups odd-team');
    await ada.locator('#approvals tr').nth(0).getByText('Finished').waitFor();
    await ada.getByRole('button', { name: 'Reject all' }).click();
    await adaStatus('Rejected all open approval items.');
    await ada.locator('#approvals tr').nth(1).getByText('Rejected').waitFor();
    await ada.getByRole('button', { name: 'Mark Complete' }).click();
    await adaStatus('Marked "Odd id" complete');
    await ada.getByRole('heading', { name: 'Odd id — Finished' }).waitFor();
    step('an item whose id holds / ? # and % is approved, bulk-rejected and completed through encoded URLs');
    console.log('My Tasks browser test: ' + steps.length + ' steps passed');
  } finally {
    await browser.close();
  }
}

main().catch((e) => { console.error('My Tasks browser test FAILED: ' + e.message); process.exit(1); });
