// End-to-end test of the My Tasks page in headless Chromium (Debian's package, driven by playwright-core), first part:
// Ginger's tasks, her out-of-office rules, and an item with an awkward id. Run by MyTasksBrowserTest with BASE,
// GINGER_TOKEN, ADA_TOKEN, CYD_ID, ODD_ID, SHOTS and CHROMIUM in the environment.
'use strict';
const { env, step, signedIn, statusOf, run } = require('./browser.cjs');

const BASE = env('BASE');
// A datetime-local input's value, days from now on this machine's clock.
const local = (days) => {
  const d = new Date(Date.now() + days * 86400000);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
};

run('My Tasks browser test', async (browser) => {
  // The one item Ginger must not see: Cyd's, found through the API with an admin token.
  const res = await fetch(BASE + '/v2024/work-items?ownerId=' + env('CYD_ID'), { headers: { Authorization: 'Bearer ' + env('ADA_TOKEN') } });
  const cydItem = (await res.json())[0].id;

  const page = await signedIn(browser, env('GINGER_TOKEN'));
  const status = statusOf(page);
  const row = (name) => page.locator('#list-body tr', { has: page.getByRole('link', { name, exact: true }) });
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
  await page.locator('#history li', { hasText: 'rejected by Ginger.Rogers' }).waitFor();
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

  await page.getByRole('link', { name: 'Out of office' }).click();
  await page.getByRole('heading', { name: 'Out of office' }).waitFor();
  await page.getByText('Rules (0)').waitFor(); // Fred's seeded rule is not Ginger's to see
  if (await page.getByLabel('Absent person (name or id)').inputValue() !== 'Ginger.Rogers') {
    throw new Error('the absent person should default to the signed-in person');
  }
  await page.getByLabel('Work', { exact: true }).selectOption({ label: 'Access Requests' });
  await page.getByLabel('Delegate (name or id)').fill('cyd');
  await page.getByRole('button', { name: 'Save rule' }).click();
  await status('Saved: Access Requests for Ginger.Rogers now goes to Cyd.Charisse until the rule is ended');
  const rule = (what) => page.locator('#ooo-rules tr', { hasText: what });
  await rule('Access Requests').locator('td[data-label="Goes to"]', { hasText: 'Cyd.Charisse' }).waitFor();
  await rule('Access Requests').locator('td[data-label="Now"]', { hasText: 'Active' }).waitFor();
  await rule('Access Requests').locator('td[data-label="Last changed"]', { hasText: 'by Ginger.Rogers' }).waitFor();
  step('set an out-of-office rule: new access requests go to a delegate picked by name');
  await page.getByLabel('Work', { exact: true }).selectOption({ label: 'Manual Tasks' });
  await page.getByLabel('Delegate (name or id)').fill('Fred');
  await page.getByLabel('From (empty: now)').fill(local(1));
  await page.getByLabel('Until (empty: until the rule is ended)').fill(local(8));
  await page.getByRole('button', { name: 'Save rule' }).click();
  await status('Saved: Manual Tasks for Ginger.Rogers now goes to Fred.Astaire until');
  await rule('Manual Tasks').locator('td[data-label="Now"]', { hasText: 'Starts later' }).waitFor();
  await page.getByText('Rules (2)').waitFor();
  await page.screenshot({ path: env('SHOTS') + '/out-of-office.png', fullPage: true });
  await page.getByRole('button', { name: "End Ginger.Rogers's rule for Manual Tasks" }).click();
  await status("Ended Ginger.Rogers's rule for Manual Tasks.");
  await page.getByText('Rules (1)').waitFor();
  step('added a rule for next week and ended it; the other rule stays');
  await page.getByLabel('Absent person (name or id)').fill('fred');
  await page.getByLabel('Delegate (name or id)').fill('cyd');
  await page.getByRole('button', { name: 'Save rule' }).click();
  await page.getByRole('alert').getByText(/Not allowed \(403\)/).waitFor();
  await page.reload();
  await page.getByText('Rules (1)').waitFor();
  step('changing another person\'s rule is refused in words, and nothing changes');
  await page.getByRole('link', { name: /Back to the list/ }).click();
  await page.getByRole('tab', { name: 'Pending (4)' }).waitFor();

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
  const ada = await signedIn(browser, env('ADA_TOKEN'));
  const adaStatus = statusOf(ada);
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
});
