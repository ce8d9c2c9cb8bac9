// What the browser tests share: the environment, headless Chromium, signing in and numbered steps.
'use strict';
const { chromium } = require('playwright-core');

const env = (n) => { const v = process.env[n]; if (!v) throw new Error('missing ' + n); return v; };
const steps = [];
const step = (what) => { steps.push(what); console.log('ok - ' + what); };

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// A new page signed in with the token; status(text) waits for the status line to say text.
async function signedIn(browser, token) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(15000);
  await page.goto(env('BASE') + '/');
  await page.getByLabel('Bearer token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#status', { hasText: 'Signed in as' }).waitFor();
  return page;
}
const statusOf = (page) => (text) => page.locator('#status', { hasText: text }).waitFor();

// Runs the test body with a browser, then prints the tally the Java side checks, or the failure.
function run(name, body) {
  (async () => {
    const browser = await launch();
    try {
      await body(browser);
      console.log(name + ': ' + steps.length + ' steps passed');
    } finally {
      await browser.close();
    }
  })().catch((e) => { console.error(name + ' FAILED: ' + e.message); process.exit(1); });
}

module.exports = { env, step, launch, signedIn, statusOf, run };
