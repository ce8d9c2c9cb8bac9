// Drives the workitems HTTP adapter with SailPoint's official TypeScript client (sailpoint-api-client, pinned by
// package-lock.json): all 13 V2024 work-items operations, ids discovered from list responses, each result checked.
// Run by OfficialClientTest with BASE_URL, OWNER_TOKEN, ADMIN_TOKEN, OTHER_TOKEN and TARGET_ID in the environment.
'use strict';
const { Configuration, WorkItemsV2024Api } = require('sailpoint-api-client');

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`missing environment variable ${name}`);
  return v;
};

function api(token) {
  // The client appends /v2024 itself; a non-empty accessToken keeps it from fetching an OAuth token.
  const config = new Configuration({ baseurl: env('BASE_URL'), accessToken: token, experimental: true });
  config.experimental = true; // else it refuses forward and completed/count
  config.retriesConfig = { retries: 0 };
  return new WorkItemsV2024Api(config);
}

const checks = [];
function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
  checks.push(what);
}

async function expectStatus(promise, status, what) {
  try {
    await promise;
  } catch (e) {
    if (e.response && e.response.status === status) {
      checks.push(what);
      return e.response;
    }
    throw new Error(`${what}: expected ${status}, got ${e.response ? e.response.status + ' ' + JSON.stringify(e.response.data) : e}`);
  }
  throw new Error(`${what}: expected ${status}, got success`);
}

async function main() {
  const owner = api(env('OWNER_TOKEN'));
  const admin = api(env('ADMIN_TOKEN'));
  const other = api(env('OTHER_TOKEN'));
  const target = env('TARGET_ID');
  const operations = new Set();

  // 1. listWorkItems
  const list = await owner.listWorkItems({ limit: 250, offset: 0, count: true });
  operations.add('listWorkItems');
  const pending = list.data;
  check(list.status === 200 && Array.isArray(pending) && pending.length >= 6, 'listWorkItems returns the pending items');
  check(Number(list.headers['x-total-count']) === pending.length, 'X-Total-Count equals the list length');
  const approvals = pending.filter((w) => w.type === 'Approval' && (w.approvalItems || []).length >= 3);
  const form = pending.find((w) => w.form !== null && w.form !== undefined);
  const generic = pending.filter((w) => w.type === 'Generic');
  check(approvals.length >= 3 && form && generic.length >= 2, 'the seeded kinds are all there');
  check(pending.every((w) => w.state === 'Pending' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(w.created)), 'PascalCase states, millisecond UTC times');

  // 2-3. counts and summary
  const count = await owner.getCountWorkItems({});
  operations.add('getCountWorkItems');
  check(count.data.count === pending.length, 'getCountWorkItems equals the list');
  const summary = await owner.getWorkItemsSummary({});
  operations.add('getWorkItemsSummary');
  check(summary.data.open === pending.length && summary.data.total === summary.data.open + summary.data.completed, 'summary adds up');

  // 4. getWorkItem
  const first = approvals[0];
  const got = await owner.getWorkItem({ id: first.id });
  operations.add('getWorkItem');
  check(got.data.id === first.id && got.data.numItems === first.approvalItems.length, 'getWorkItem returns the item');

  // 5-6. approve and reject single approval items
  const a0 = first.approvalItems[0].id;
  const a1 = first.approvalItems[1].id;
  const approved = await owner.approveApprovalItem({ id: first.id, approvalItemId: a0 });
  operations.add('approveApprovalItem');
  check(approved.data.approvalItems.find((a) => a.id === a0).state === 'Finished', 'approve finishes the approval item');
  const rejected = await owner.rejectApprovalItem({ id: first.id, approvalItemId: a1 });
  operations.add('rejectApprovalItem');
  check(rejected.data.approvalItems.find((a) => a.id === a1).state === 'Rejected', 'reject rejects the approval item');
  const conflict = await expectStatus(owner.approveApprovalItem({ id: first.id, approvalItemId: a1 }), 400, 'approving a rejected item is a 400 conflict');
  check(conflict.data.detailCode === '400.1.409 Work item state conflict', 'the conflict carries its detail code');

  // 7-8. bulk
  const bulkApproved = await owner.approveApprovalItemsInBulk({ id: approvals[1].id });
  operations.add('approveApprovalItemsInBulk');
  check(bulkApproved.data.approvalItems.every((a) => a.state === 'Finished'), 'bulk approve finishes every approval item');
  const bulkRejected = await owner.rejectApprovalItemsInBulk({ id: approvals[2].id });
  operations.add('rejectApprovalItemsInBulk');
  check(bulkRejected.data.approvalItems.every((a) => a.state === 'Rejected'), 'bulk reject rejects every approval item');

  // 9. forward
  const forwarded = await owner.forwardWorkItem({
    id: generic[0].id,
    workItemForwardV2024: { targetOwnerId: target, comment: "I'm going on vacation.", sendNotifications: true },
  });
  operations.add('forwardWorkItem');
  check(forwarded.status === 200, 'forward answers 200');
  const afterForward = await owner.listWorkItems({});
  check(!afterForward.data.some((w) => w.id === generic[0].id), 'the forwarded item left the owner\'s list');
  const targetList = await admin.listWorkItems({ ownerId: target });
  check(targetList.data.some((w) => w.id === generic[0].id && w.ownerId === target), 'an admin sees it in the new owner\'s list');

  // 10. submit account selection
  const submitted = await owner.submitAccountSelection({ id: form.id, requestBody: { account: 'fred-astaire-sp' } });
  operations.add('submitAccountSelection');
  check(submitted.data.state === 'Finished', 'the account selection finishes the form item');

  // 11. complete
  const completed = await owner.completeWorkItem({ id: generic[1].id });
  operations.add('completeWorkItem');
  check(completed.data.state === 'Finished' && completed.data.completed !== null, 'complete finishes the item');

  // 12-13. completed list and count
  const done = await owner.getCompletedWorkItems({ count: true });
  operations.add('getCompletedWorkItems');
  check(done.data.some((w) => w.id === generic[1].id) && done.data.some((w) => w.id === form.id), 'completed items are listed');
  check(Number(done.headers['x-total-count']) === done.data.length, 'X-Total-Count on the completed list');
  const doneCount = await owner.getCountCompletedWorkItems({});
  operations.add('getCountCompletedWorkItems');
  check(doneCount.data.count === done.data.length, 'getCountCompletedWorkItems equals the completed list');

  // authorisation through the client
  const forbidden = await expectStatus(other.getWorkItem({ id: first.id }), 403, 'another identity gets 403');
  check(forbidden.data.detailCode === '403 Forbidden' && /^[0-9a-f]{32}$/.test(forbidden.data.trackingId), 'the 403 body');
  await expectStatus(api('not-a-token').listWorkItems({}), 401, 'a bad token gets 401');

  check(operations.size === 13, 'all 13 operations were driven');
  console.log(`official client: ${operations.size} operations, ${checks.length} checks passed`);
}

main().catch((e) => {
  console.error('official client e2e FAILED:', e.message);
  process.exit(1);
});
