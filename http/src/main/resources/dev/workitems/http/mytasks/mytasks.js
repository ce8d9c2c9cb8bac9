// My Tasks: a page over the V2024 Work Items API. Plain JavaScript, no build, no external resources.
(function () {
  'use strict';
  const API = document.body.dataset.api || '/v2024';
  // The library's own routes (not part of the V2024 API): who I am, identity search by name, an item's history.
  const EXT = document.body.dataset.ext || '/workitems';
  const PAGE = 250;
  const $ = (id) => document.getElementById(id);
  const state = { token: sessionStorage.getItem('workitems.token'), tab: 'pending', offset: { pending: 0, completed: 0 }, item: null,
    me: null, types: null };

  class ApiError extends Error {
    constructor(status, text) { super(text); this.status = status; }
  }

  // ---- talking to the API ---------------------------------------------------------------------------------
  // Ids are opaque (D13): every path segment built from data is encoded, so '/', '?', '#' or '%' in an id stays
  // part of that segment instead of ending the path or reaching another route.
  const items = (...segments) => '/work-items/' + segments.map(encodeURIComponent).join('/');

  const api = (method, path, body) => call(API + path, method, body);
  const ext = (path) => call(EXT + path, 'GET');
  async function call(url, method, body) {
    const headers = { Authorization: 'Bearer ' + state.token };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (!res.ok) throw new ApiError(res.status, describe(res, data, text));
    return { data, headers: res.headers };
  }

  function describe(res, data, text) {
    if (res.status === 401) return 'Sign-in failed (401): ' + (data && data.error ? data.error : 'the token was refused') + '.';
    if (res.status === 429) {
      const wait = res.headers.get('Retry-After');
      return 'Too many requests (429): please wait ' + (wait || 'a few') + ' second' + (wait === '1' ? '' : 's') + ' and try again.';
    }
    if (data && (data.causes || data.messages)) {
      const causes = (data.causes || []).map((c) => c.text).filter(Boolean);
      const reason = causes.length ? causes.join('; ') : (data.messages && data.messages[0] ? data.messages[0].text : '');
      const label = { 400: 'Not possible', 403: 'Not allowed', 404: 'Not found', 500: 'Server error' }[res.status] || 'Error';
      return label + ' (' + res.status + '): ' + reason + (data.trackingId ? ' [tracking id ' + data.trackingId + ']' : '');
    }
    return 'Error ' + res.status + (text ? ': ' + text.slice(0, 200) : '');
  }

  // ---- messages -------------------------------------------------------------------------------------------
  function say(text) { $('alert').hidden = true; $('status').textContent = text; }
  function fail(e) {
    $('status').textContent = '';
    const a = $('alert');
    a.textContent = e instanceof ApiError ? e.message : 'Something went wrong: ' + e.message;
    a.hidden = false;
    if (e instanceof ApiError && e.status === 401) signOut(true);
  }

  // ---- formatting -----------------------------------------------------------------------------------------
  const when = (iso) => iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c)));
    return e;
  }
  const badge = (s) => el('span', { class: 'state ' + (s || 'Pending') }, s || 'Pending');
  function cell(label, ...content) { return el('td', { 'data-label': label }, ...content); }
  function sources(w) {
    const s = new Set();
    (w.approvalItems || []).forEach((a) => a.application && s.add(a.application));
    (w.remediationItems || []).forEach((r) => r.applicationName && s.add(r.applicationName));
    return [...s].join(', ') || '—';
  }
  function identities(w) {
    const s = new Set();
    (w.approvalItems || []).forEach((a) => a.account && s.add(a.account));
    (w.remediationItems || []).forEach((r) => s.add(r.targetName + (r.nativeIdentity ? ' / ' + r.nativeIdentity : '')));
    if (w.form && w.form.targetUser) s.add(w.form.targetUser);
    if (!s.size && w.requesterDisplayName) s.add(w.requesterDisplayName);
    return [...s].join(', ') || '—';
  }

  // ---- sign in / out --------------------------------------------------------------------------------------
  function identityOf(token) {
    try {
      const p = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      return p.user_name || p.name || p.identity_id || 'signed in';
    } catch (e) { return 'signed in'; }
  }
  function signOut(keepMessage) {
    sessionStorage.removeItem('workitems.token');
    state.token = null; state.me = null; names.clear();
    $('who').hidden = true; show('sign-in');
    if (!keepMessage) say('Signed out.');
  }
  $('sign-in-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    state.token = $('token').value.trim().replace(/^Bearer\s+/i, '');
    try {
      await api('GET', '/work-items/summary');
      sessionStorage.setItem('workitems.token', state.token);
      $('token').value = '';
      showApp();
      say('Signed in as ' + identityOf(state.token) + '.');
      route();
    } catch (e) { fail(e); }
  });
  $('sign-out').addEventListener('click', () => signOut(false));

  function showApp() {
    show('lists');
    $('who').hidden = false; $('who-name').textContent = identityOf(state.token);
  }
  // One view at a time: the sign-in form, the lists, an item's details, or the out-of-office rules.
  function show(view) {
    for (const v of ['sign-in', 'lists', 'details', 'ooo']) $(v).hidden = v !== view;
  }

  // ---- lists ----------------------------------------------------------------------------------------------
  async function refreshLists() {
    const summary = (await api('GET', '/work-items/summary')).data;
    $('tab-pending').textContent = 'Pending (' + summary.open + ')';
    $('tab-completed').textContent = 'Completed (' + summary.completed + ')';
    const completed = state.tab === 'completed';
    const offset = state.offset[state.tab];
    const res = await api('GET', '/work-items' + (completed ? '/completed' : '') + '?limit=' + PAGE + '&offset=' + offset + '&count=true');
    const total = Number(res.headers.get('X-Total-Count') || res.data.length);
    $('list-caption').textContent = (completed ? 'Completed' : 'Pending') + ' work items (' + total + ')';
    const body = $('list-body');
    body.replaceChildren(...res.data.map((w) => el('tr', {},
      cell('Name', el('a', { href: '#/items/' + encodeURIComponent(w.id) }, w.name || '(no name)')),
      cell('Type', w.type), cell('Description', w.description), cell('Source', sources(w)),
      cell('Identity / account', identities(w)), cell('Owner', w.ownerName),
      cell('Created', el('time', { datetime: w.created, title: w.created }, when(w.created))))));
    $('empty').hidden = res.data.length > 0;
    $('range').textContent = res.data.length ? (offset + 1) + '–' + (offset + res.data.length) + ' of ' + total : '0 of ' + total;
    $('prev').disabled = offset === 0;
    $('next').disabled = offset + res.data.length >= total;
  }
  function selectTab(tab) {
    state.tab = tab;
    for (const t of ['pending', 'completed']) {
      const b = $('tab-' + t);
      b.setAttribute('aria-selected', String(t === tab));
      b.tabIndex = t === tab ? 0 : -1;
    }
    $('list-panel').setAttribute('aria-labelledby', 'tab-' + tab);
    refreshLists().catch(fail);
  }
  $('tab-pending').addEventListener('click', () => selectTab('pending'));
  $('tab-completed').addEventListener('click', () => selectTab('completed'));
  document.querySelector('.tabs').addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowRight' || ev.key === 'ArrowLeft') {
      const next = state.tab === 'pending' ? 'completed' : 'pending';
      selectTab(next); $('tab-' + next).focus();
    }
  });
  $('prev').addEventListener('click', () => { state.offset[state.tab] = Math.max(0, state.offset[state.tab] - PAGE); refreshLists().catch(fail); });
  $('next').addEventListener('click', () => { state.offset[state.tab] += PAGE; refreshLists().catch(fail); });

  // ---- details --------------------------------------------------------------------------------------------
  async function openItem(id) {
    try {
      const w = (await api('GET', items(id))).data;
      renderItem(w);
      show('details');
      $('details-title').focus();
    } catch (e) {
      show('lists');
      fail(e);
    }
  }

  function renderItem(w) {
    state.item = w;
    const pending = w.state === 'Pending';
    $('details-title').textContent = (w.name || 'Work item') + ' — ' + w.state;
    const fields = [['State', badge(w.state)], ['Type', w.type], ['Description', w.description],
      ['Requester', w.requesterDisplayName || '—'], ['Owner', w.ownerName], ['Created', when(w.created)],
      ['Modified', when(w.modified)], ['Completed', when(w.completed)], ['Items', w.numItems == null ? '—' : w.numItems],
      ['Id', w.id]];
    if (w.errors && w.errors.length) fields.push(['Errors', w.errors.join('; ')]);
    $('fields').replaceChildren(...fields.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));

    const approvals = w.approvalItems || [];
    $('approvals-block').hidden = approvals.length === 0;
    $('approvals').replaceChildren(...approvals.map((a) => {
      const what = (a.name || 'item') + ' ' + (a.value || '');
      const open = pending && (a.state === 'Pending' || a.state == null);
      return el('tr', {}, cell('Application', a.application), cell('Account', a.account || '—'), cell('Attribute', a.name || '—'),
        cell('Operation', a.operation), cell('Value', a.value || '—'), cell('State', badge(a.state)),
        cell('Decision', el('div', { class: 'actions' },
          el('button', { type: 'button', 'aria-label': 'Approve ' + what, onclick: () => act('approve', a), ...(open ? {} : { disabled: '' }) }, 'Approve'),
          el('button', { type: 'button', class: 'danger', 'aria-label': 'Reject ' + what, onclick: () => act('reject', a), ...(open ? {} : { disabled: '' }) }, 'Reject'))));
    }));
    const undecided = approvals.some((a) => a.state === 'Pending' || a.state == null);
    $('approve-all').disabled = !pending || !undecided;
    $('reject-all').disabled = !pending || !undecided;

    const rem = w.remediationItems || [];
    $('remediation-block').hidden = rem.length === 0;
    $('remediations').replaceChildren(...rem.map((r) => el('tr', {}, cell('Application', r.applicationName),
      cell('Target', r.targetDisplayName + ' (' + r.targetName + ')'), cell('Attribute', r.attributeName),
      cell('Operation', r.attributeOperation), cell('Value', r.attributeValue), cell('Native identity', r.nativeIdentity))));

    $('form-block').hidden = !w.form || !pending;
    if (w.form) {
      $('form-title').textContent = w.form.title || w.form.name || 'Form';
      $('form-subtitle').textContent = w.form.subtitle || '';
      let n = 0;
      $('form-sections').replaceChildren(...(w.form.sections || []).map((s) => el('fieldset', {},
        el('legend', {}, s.label || s.name || 'Section'),
        ...(s.formItems || []).filter((f) => f && f.name).flatMap((f) => {
          const id = 'field-' + (n++);
          const label = el('label', { for: id }, f.label || f.name);
          const options = Array.isArray(f.options) ? f.options : null;
          const input = options
            ? el('select', { id, name: f.name, required: '' }, el('option', { value: '' }, 'Choose…'),
                ...options.map((o) => el('option', { value: typeof o === 'object' ? o.value : o }, typeof o === 'object' ? (o.label || o.value) : o)))
            : el('input', { id, name: f.name, required: '' });
          return [label, input];
        }))));
    }
    $('forward-form').hidden = !pending;
    $('complete-block').hidden = !pending;
    loadHistory(w.id);
  }

  // A person picked by name: the server's identity search (the library's own route) turns a name, or part of one, into
  // the one person it names; an id, or text no search answers, is sent as it is and the API judges it.
  async function person(text) {
    let found = [];
    try {
      found = (await ext('/identities?q=' + encodeURIComponent(text) + '&limit=5')).data || [];
    } catch (e) { found = []; }
    const exact = found.find((p) => p.id === text || p.name.toLowerCase() === text.toLowerCase());
    if (exact) return exact;
    if (found.length === 1) return found[0];
    if (found.length > 1) {
      throw new ApiError(400, 'Several people match "' + text + '": ' + found.map((p) => p.name).join(', ') + '. Type more of the name.');
    }
    return { id: text, name: text };
  }

  // Who did what, when, with comments: people want to see why an item came to them. Shown when the server offers it.
  async function loadHistory(id) {
    try {
      const events = (await ext(items(id) + '/history')).data;
      if (events.some((e) => e.action === 'REASSIGNED')) await types().catch(() => null); // names of the kinds of work
      if (!state.item || state.item.id !== id) return;
      const lines = await Promise.all(events.map(async (e) => when(e.at) + ' — ' + await happened(e)));
      $('history').replaceChildren(...lines.map((line) => el('li', {}, line)));
      $('history-block').hidden = events.length === 0;
    } catch (e) {
      $('history-block').hidden = true;
    }
  }

  // One history entry in words. A reassignment by an out-of-office rule says whose rule sent the item where, and why.
  async function happened(e) {
    const d = e.data || {};
    if (e.action === 'REASSIGNED' && d.cause === 'reassignment') {
      const from = await nameOf(d.originalOwnerId);
      return 'reassigned from ' + from + ' to ' + (d.newOwnerName || d.newOwnerId) + ' by an out-of-office rule ('
        + typeName(d.configType) + '; ' + from + ' is away)';
    }
    return e.action.toLowerCase().replace(/_/g, ' ') + ' by ' + await nameOf(e.actorId) + (e.comment ? ': ' + e.comment : '');
  }
  // An identity's display name through the identity search (which also finds ids); the id itself when none is known.
  const names = new Map();
  function nameOf(id) {
    if (!id) return Promise.resolve('someone');
    if (!names.has(id)) {
      names.set(id, ext('/identities?q=' + encodeURIComponent(id) + '&limit=1')
        .then((r) => (r.data && r.data.length && r.data[0].id === id ? r.data[0].name : id), () => id));
    }
    return names.get(id);
  }
  const typeName = (t) => ((state.types || []).find((x) => x.internalNameCamel === t) || { displayName: t }).displayName;

  async function act(decision, approval) {
    const w = state.item;
    try {
      const path = approval ? items(w.id, decision, approval.id) : items(decision, w.id);
      const updated = (await api('POST', path)).data;
      renderItem(updated);
      await refreshLists();
      say(approval ? (decision === 'approve' ? 'Approved ' : 'Rejected ') + (approval.name || 'item') + ' ' + (approval.value || '') + '.'
        : (decision === 'bulk-approve' ? 'Approved all open approval items.' : 'Rejected all open approval items.'));
    } catch (e) { fail(e); }
  }
  $('approve-all').addEventListener('click', () => act('bulk-approve'));
  $('reject-all').addEventListener('click', () => act('bulk-reject'));

  $('form-block').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const selection = {};
    for (const f of ev.target.querySelectorAll('select, input')) selection[f.name] = f.value;
    try {
      renderItem((await api('POST', items(state.item.id, 'submit-account-selection'), selection)).data);
      await refreshLists();
      say('Account selection submitted: ' + Object.values(selection).join(', ') + '.');
    } catch (e) { fail(e); }
  });

  $('forward-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const target = await person($('forward-target').value.trim());
      const body = { targetOwnerId: target.id, comment: $('forward-comment').value,
        sendNotifications: $('forward-notify').checked };
      await api('POST', items(state.item.id, 'forward'), body);
      const name = state.item.name;
      ev.target.reset();
      location.hash = '';
      say('Forwarded "' + name + '" to ' + target.name + '.');
    } catch (e) { fail(e); }
  });

  $('complete').addEventListener('click', async () => {
    try {
      renderItem((await api('POST', items(state.item.id), {})).data);
      await refreshLists();
      say('Marked "' + state.item.name + '" complete. It is now in your Completed list.');
    } catch (e) { fail(e); }
  });

  for (const b of document.querySelectorAll('.back')) {
    b.addEventListener('click', (ev) => { ev.preventDefault(); location.hash = ''; });
  }

  // ---- out of office (Work Reassignment, /reassignment-configurations) ------------------------------------
  async function types() {
    if (!state.types) state.types = (await api('GET', '/reassignment-configurations/types')).data;
    return state.types;
  }
  async function me() {
    if (!state.me) state.me = (await ext('/me')).data;
    return state.me;
  }
  // A rule's state now, on this browser's clock (the server decides on its own clock when the rule acts).
  function ruleNow(d) {
    const now = Date.now();
    if (d.startDate && Date.parse(d.startDate) > now) return 'Later';
    if (d.endDate && Date.parse(d.endDate) <= now) return 'Ended';
    return 'Active';
  }
  async function openOutOfOffice() {
    try {
      show('ooo');
      const [who, kinds] = await Promise.all([me(), types()]);
      const select = $('ooo-type');
      if (!select.options.length) {
        select.replaceChildren(...[...kinds].sort((a, b) => a.priority - b.priority)
          .map((t) => el('option', { value: t.internalNameCamel }, t.displayName)));
      }
      if (!$('ooo-for').value) $('ooo-for').value = who.name;
      await refreshRules();
      $('ooo-title').focus();
    } catch (e) { fail(e); }
  }
  async function refreshRules() {
    // Everyone's rules for an admin, one's own for anyone else (R5): the list route decides, not the page.
    const [configs, tenant] = await Promise.all([api('GET', '/reassignment-configurations'),
      api('GET', '/reassignment-configurations/tenant-config')]);
    $('ooo-switch').hidden = !(tenant.data.configDetails && tenant.data.configDetails.disabled);
    const rows = configs.data.flatMap((c) => c.configDetails.map((d) => ({ who: c.identity, d })));
    $('ooo-rules').replaceChildren(...rows.map(({ who, d }) => {
      const audit = d.auditDetails || {};
      const changed = audit.modified ? [audit.modified, audit.modifiedBy] : [audit.created, audit.createdBy];
      const what = typeName(d.configType);
      return el('tr', {}, cell('Absent', who.name), cell('Work', what), cell('Goes to', d.targetIdentity.name),
        cell('From', when(d.startDate)), cell('Until', d.endDate ? when(d.endDate) : 'until ended'),
        cell('Now', el('span', { class: 'state ' + ruleNow(d) }, { Active: 'Active', Later: 'Starts later', Ended: 'Ended' }[ruleNow(d)])),
        cell('Last changed', when(changed[0]) + (changed[1] ? ' by ' + changed[1].name : '')),
        cell('Action', el('button', { type: 'button', class: 'danger', 'aria-label': 'End ' + who.name + "'s rule for " + what,
          onclick: () => endRule(who, d.configType, what) }, 'End')));
    }));
    $('ooo-empty').hidden = rows.length > 0;
    $('ooo-caption').textContent = 'Rules (' + rows.length + ')';
  }
  async function endRule(who, configType, what) {
    try {
      await api('DELETE', '/reassignment-configurations/' + encodeURIComponent(who.id) + '/' + encodeURIComponent(configType));
      await refreshRules();
      say('Ended ' + who.name + "'s rule for " + what + '.');
    } catch (e) { fail(e); }
  }
  const isoOrNull = (local) => local ? new Date(local).toISOString() : null;
  $('ooo-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const [absent, delegate] = await Promise.all([person($('ooo-for').value.trim()), person($('ooo-target').value.trim())]);
      const body = { reassignedFromId: absent.id, reassignedToId: delegate.id, configType: $('ooo-type').value,
        startDate: isoOrNull($('ooo-start').value), endDate: isoOrNull($('ooo-end').value) };
      // PUT replaces or creates this person's rule for the chosen work and leaves their other rules alone (R6).
      await api('PUT', '/reassignment-configurations/' + encodeURIComponent(absent.id), body);
      await refreshRules();
      $('ooo-target').value = ''; $('ooo-start').value = ''; $('ooo-end').value = '';
      say('Saved: ' + typeName(body.configType) + ' for ' + absent.name + ' now goes to ' + delegate.name
        + (body.endDate ? ' until ' + when(body.endDate) : ' until the rule is ended') + '.');
    } catch (e) { fail(e); }
  });

  // ---- routing --------------------------------------------------------------------------------------------
  async function route() {
    if (!state.token) return;
    const m = location.hash.match(/^#\/items\/(.+)$/);
    if (m) {
      await openItem(decodeURIComponent(m[1]));
    } else if (location.hash === '#/out-of-office') {
      await openOutOfOffice();
    } else {
      show('lists');
      await refreshLists().catch(fail);
    }
  }
  window.addEventListener('hashchange', () => { $('alert').hidden = true; route(); });

  if (state.token) { showApp(); route(); } else { $('token').focus(); }
})();
