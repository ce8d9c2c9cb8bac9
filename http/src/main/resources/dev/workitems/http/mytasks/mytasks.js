// My Tasks: a page over the V2024 Work Items API. Plain JavaScript, no build, no external resources.
(function () {
  'use strict';
  const API = document.body.dataset.api || '/v2024';
  // The library's own routes (not part of the V2024 API): an item's history.
  const EXT = document.body.dataset.ext || '/workitems';
  const PAGE = 250;
  const $ = (id) => document.getElementById(id);
  const state = { token: sessionStorage.getItem('workitems.token'), tab: 'pending', offset: { pending: 0, completed: 0 }, item: null };

  class ApiError extends Error {
    constructor(status, text) { super(text); this.status = status; }
  }

  // ---- talking to the API ---------------------------------------------------------------------------------
  // Ids are opaque (D13): every path segment built from data is encoded, so '/', '?', '#' or '%' in an id stays
  // part of that segment instead of ending the path or reaching another route.
  const items = (...segments) => '/work-items/' + segments.map(encodeURIComponent).join('/');

  async function api(method, path, body) {
    const headers = { Authorization: 'Bearer ' + state.token };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
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
    state.token = null;
    $('who').hidden = true; $('lists').hidden = true; $('details').hidden = true; $('sign-in').hidden = false;
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
    $('sign-in').hidden = true; $('lists').hidden = false;
    $('who').hidden = false; $('who-name').textContent = identityOf(state.token);
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
      $('details').hidden = false; $('lists').hidden = true;
      $('details-title').focus();
    } catch (e) {
      $('details').hidden = true; $('lists').hidden = false;
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
      const res = await fetch(EXT + '/identities?q=' + encodeURIComponent(text) + '&limit=5',
        { headers: { Authorization: 'Bearer ' + state.token } });
      if (res.ok) found = await res.json();
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
      const res = await fetch(EXT + items(id) + '/history', { headers: { Authorization: 'Bearer ' + state.token } });
      if (!res.ok) { $('history-block').hidden = true; return; }
      const events = await res.json();
      if (!state.item || state.item.id !== id) return;
      $('history').replaceChildren(...events.map((e) => el('li', {},
        when(e.at) + ' — ' + e.action.toLowerCase().replace(/_/g, ' ') + ' by ' + e.actorId + (e.comment ? ': ' + e.comment : ''))));
      $('history-block').hidden = events.length === 0;
    } catch (e) {
      $('history-block').hidden = true;
    }
  }

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

  $('back').addEventListener('click', (ev) => { ev.preventDefault(); location.hash = ''; });

  // ---- routing --------------------------------------------------------------------------------------------
  async function route() {
    if (!state.token) return;
    const m = location.hash.match(/^#\/items\/(.+)$/);
    if (m) {
      await openItem(decodeURIComponent(m[1]));
    } else {
      $('details').hidden = true; $('lists').hidden = false;
      await refreshLists().catch(fail);
    }
  }
  window.addEventListener('hashchange', () => { $('alert').hidden = true; route(); });

  if (state.token) { showApp(); route(); } else { $('token').focus(); }
})();
