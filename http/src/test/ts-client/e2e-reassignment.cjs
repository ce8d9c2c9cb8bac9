// Drives the Work Reassignment routes with SailPoint's official TypeScript client (WorkReassignmentV2024Api, pinned
// by package-lock.json): all 9 operations, each result checked, and a refusal through the client.
// Run by OfficialClientTest with BASE_URL, OWNER_TOKEN, ADMIN_TOKEN, OTHER_TOKEN, OWNER_ID, DELEGATE_ID and OTHER_ID.
'use strict';
const { Configuration, WorkReassignmentV2024Api } = require('sailpoint-api-client');

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`missing environment variable ${name}`);
  return v;
};

function api(token) {
  const config = new Configuration({ baseurl: env('BASE_URL'), accessToken: token, experimental: true });
  config.experimental = true;
  config.retriesConfig = { retries: 0 };
  return new WorkReassignmentV2024Api(config);
}

const checks = [];
function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
  checks.push(what);
}

async function main() {
  const owner = api(env('OWNER_TOKEN'));
  const admin = api(env('ADMIN_TOKEN'));
  const other = api(env('OTHER_TOKEN'));
  const me = env('OWNER_ID');
  const delegate = env('DELEGATE_ID');
  const someoneElse = env('OTHER_ID');
  const operations = new Set();

  const types = await owner.getReassignmentConfigTypes();
  operations.add('getReassignmentConfigTypes');
  check(types.status === 200 && types.data.length === 3 && types.data[0].internalNameCamel === 'ACCESS_REQUESTS', 'three config types');

  const endDate = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
  const created = await owner.createReassignmentConfiguration({
    configurationItemRequestV2024: { reassignedFromId: me, reassignedToId: delegate, configType: 'ACCESS_REQUESTS', endDate },
  });
  operations.add('createReassignmentConfiguration');
  check(created.status === 201 && created.data.identity.id === me, 'create answers 201 with the identity');
  check(created.data.configDetails[0].targetIdentity.id === delegate, 'the rule names the delegate');
  check(created.data.configDetails[0].auditDetails.createdBy.id === me, 'with who created it');

  const all = await admin.listReassignmentConfigurations();
  operations.add('listReassignmentConfigurations');
  check(all.data.some((c) => c.identity.id === me), 'an admin lists the rule');

  const mine = await owner.getReassignmentConfiguration({ identityId: me });
  operations.add('getReassignmentConfiguration');
  check(mine.data.configDetails.length === 1, 'the owner reads their rule');

  const replaced = await admin.putReassignmentConfig({
    identityId: me,
    configurationItemRequestV2024: { reassignedFromId: me, reassignedToId: someoneElse, configType: 'ACCESS_REQUESTS' },
  });
  operations.add('putReassignmentConfig');
  check(replaced.data.configDetails[0].targetIdentity.id === someoneElse, 'an admin replaces the rule');

  const ev = await owner.getEvaluateReassignmentConfiguration({ identityId: me, configType: 'ACCESS_REQUESTS' });
  operations.add('getEvaluateReassignmentConfiguration');
  check(ev.data[0].reassignToId === someoneElse && ev.data[0].lookupTrail[0].reassignmentType === 'AUTOMATIC_REASSIGNMENT', 'evaluate follows the rule');
  const filtered = await owner.getEvaluateReassignmentConfiguration({ identityId: me, configType: 'ACCESS_REQUESTS', exclusionFilters: ['SELF_REVIEW_DELEGATION'] });
  check(filtered.status === 200, 'evaluate takes the exclusion filter');

  const tenant = await other.getTenantConfigConfiguration();
  operations.add('getTenantConfigConfiguration');
  check(tenant.data.configDetails.disabled === false, 'rules are on');
  const off = await admin.putTenantConfiguration({ tenantConfigurationRequestV2024: { configDetails: { disabled: true } } });
  operations.add('putTenantConfiguration');
  check(off.data.configDetails.disabled === true, 'an admin turns them off');
  await admin.putTenantConfiguration({ tenantConfigurationRequestV2024: { configDetails: { disabled: false } } });

  try {
    await other.getReassignmentConfiguration({ identityId: me });
    throw new Error('another identity read the rule');
  } catch (e) {
    check(e.response && e.response.status === 403, 'another identity gets 403');
  }

  const deleted = await owner.deleteReassignmentConfiguration({ identityId: me, configType: 'ACCESS_REQUESTS' });
  operations.add('deleteReassignmentConfiguration');
  check(deleted.status === 204, 'delete answers 204');
  const after = await owner.getReassignmentConfiguration({ identityId: me });
  check(after.data.configDetails.length === 0, 'the rule is gone');

  check(operations.size === 9, 'all 9 operations were driven');
  console.log(`official client: ${operations.size} reassignment operations, ${checks.length} checks passed`);
}

main().catch((e) => {
  console.error('official client reassignment e2e FAILED:', e.message, e.response ? JSON.stringify(e.response.data) : '');
  process.exit(1);
});
