/* global document, window, location, fetch, URLSearchParams, setTimeout, clearTimeout */
// The React-view frame of the admin-center replica: a hand-written imitation of the Fluent UI v8 DetailsList that the
// All users blade renders, served inline (no build step). Only the attributes documented in
// shared/reference/entra-portal-dom.md are stable; class names are generated per run (see class-names.ts).
// Every piece of user data goes in through textContent or setAttribute: hostile names render as text.
(function replicaFrame() {
  'use strict';
  var configNode = document.getElementById('replica-config');
  var config = JSON.parse(configNode.textContent);
  configNode.remove();
  var C = config.classes;
  var TABLE = config.layout === 'table';
  // The 'tabs' layout: a portal that keeps views alive. All users sits in a tab beside a Deleted users tab (mounted,
  // hidden, with its own command bar, search, header select-all and rows already selected); an earlier All users
  // blade is kept in the DOM, hidden, with its own grid and selection; row elements are recycled on scroll and
  // search; selection is shown on the row (aria-selected, is-selected), not on the check; "N selected" is shown.
  var TABS = config.layout === 'tabs';
  var params = new URLSearchParams(location.search);
  var trusted = params.get('trustedAuthority') || 'https://entra.microsoft.com';
  var ROW_H = 42;
  var PAGE = 10;
  var VIEW_H = 560;
  var PROFILE_PREFIX = '#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/';
  var ALL_USERS_HASH = '#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers';
  var COLUMNS = [
    { key: 'displayName', name: 'Display name', width: 220 },
    { key: 'userPrincipalName', name: 'User principal name', width: 280 },
    { key: 'userType', name: 'User type', width: 90 },
    { key: 'onPremisesSyncEnabled', name: 'On-premises sync enabled', width: 110 },
    { key: 'mail', name: 'Mail', width: 240 },
  ];
  var idCounter = config.idSeed || 1;
  function nextId(prefix) {
    idCounter += 1;
    return prefix + idCounter;
  }

  // ---- tiny DOM builder: attributes via setAttribute, text via textContent, never markup ----
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === undefined || value === null || value === false) return;
        if (name === 'class') node.className = value;
        else if (name === 'text') node.textContent = String(value);
        else if (name === 'style') node.setAttribute('style', value);
        else node.setAttribute(name, value === true ? '' : String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  // ---- state ----
  var state = {
    view: 'blank',
    users: [],
    filtered: [],
    selected: new Set(),
    search: '',
    loading: false,
    window: [-1, -1],
    rowsHost: null,
    scroller: null,
    spacer: null,
    headerCheck: null,
    resultMessage: null,
    deleteButton: null,
    searchTimer: 0,
  };

  function cellText(user, key) {
    if (key === 'onPremisesSyncEnabled') return user.onPremisesSyncEnabled ? 'Yes' : 'No';
    var v = user[key];
    return v === null || v === undefined ? '' : String(v);
  }

  function profileUrl(id) {
    return trusted + '/' + PROFILE_PREFIX + id;
  }

  function formatCount(n) {
    return n.toLocaleString('en-US') + (n === 1 ? ' user found' : ' users found');
  }

  function applyFilter() {
    var q = state.search.toLowerCase();
    state.filtered = !q
      ? state.users.slice()
      : state.users.filter(function (u) {
          return [u.displayName, u.userPrincipalName, u.mail].some(function (v) {
            return typeof v === 'string' && v.toLowerCase().indexOf(q) === 0;
          });
        });
  }

  function loadUsers() {
    state.loading = true;
    renderLoading();
    return fetch('/_replica/users', { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(function (body) {
        state.users = body.value.slice().sort(function (a, b) {
          return a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id);
        });
        state.loading = false;
        if (TABS) fillSideLists();
        // Like Fluent's Selection.setItems(items, true): new items, selection reset.
        state.selected.clear();
        applyFilter();
        if (state.scroller) state.scroller.scrollTop = 0;
        renderList(true);
      })
      .catch(function (err) {
        state.loading = false;
        if (state.rowsHost) state.rowsHost.replaceChildren(el('div', { class: C.empty, text: 'Could not load users: ' + err.message }));
      });
  }

  // ---- command bar ----
  function commandButton(label, opts) {
    opts = opts || {};
    var b = el('button', {
      type: 'button',
      role: 'menuitem',
      class: 'ms-Button ms-Button--commandBar ms-CommandBarItem-link ' + C.cmdButton + (opts.disabled ? ' is-disabled ' + C.disabled : ''),
      'data-testid': opts.testId,
      'aria-disabled': opts.disabled ? 'true' : undefined,
      'aria-label': opts.ariaLabel,
      'data-is-focusable': 'true',
      tabindex: opts.first ? '0' : '-1',
    }, [
      el('span', { class: C.cmdIcon, 'aria-hidden': 'true', text: opts.icon || '' }),
      label ? el('span', { class: C.cmdLabel, text: label }) : null,
    ]);
    if (opts.onClick) b.addEventListener('click', function () { if (b.getAttribute('aria-disabled') !== 'true') opts.onClick(); });
    return b;
  }

  function buildCommandBar() {
    state.deleteButton = commandButton('Delete', { icon: '\u{1F5D1}', disabled: true, testId: TABLE ? undefined : 'DeleteCmdBtn' });
    var primary = el('div', { class: C.primarySet, role: 'presentation' }, [
      commandButton('New user', { icon: '+', first: true }),
      commandButton('Bulk operations', { icon: '\u2630', testId: 'bulkOperations' }),
      commandButton('Refresh', { icon: '\u21BB', testId: 'RefreshCmdBtn', onClick: loadUsers }),
      commandButton('Manage view', { icon: '\u2699' }),
      state.deleteButton,
      commandButton('', { icon: '\u22EF', ariaLabel: 'More commands' }),
    ]);
    var overflow = primary.lastChild;
    overflow.classList.add('ms-CommandBar-overflowButton');
    overflow.setAttribute('aria-haspopup', 'true');
    var bar = el('div', { class: C.commandBar, role: 'menubar', 'aria-label': 'Users commands' }, [primary]);
    // The table variant wraps the bar one level deeper, as another Fluent version would.
    return TABLE ? el('div', { class: C.view + '-cmd', role: 'presentation' }, [bar]) : bar;
  }

  function buildSearch() {
    var inputId = nextId('SearchBox');
    var input = el('input', {
      id: inputId,
      class: 'ms-SearchBox-field ' + C.searchBox + '-field',
      placeholder: 'Search',
      'aria-label': 'Search',
      autocomplete: 'off',
      type: 'text',
    });
    input.addEventListener('input', function () {
      clearTimeout(state.searchTimer);
      state.searchTimer = setTimeout(function () {
        state.search = input.value.trim();
        state.selected.clear();
        applyFilter();
        if (state.scroller) state.scroller.scrollTop = 0;
        renderList(true);
      }, 250);
    });
    state.resultMessage = el('div', { 'data-testid': 'resultMessage', class: C.resultMessage, 'aria-live': 'polite' });
    state.selectedCount = TABS ? el('span', { 'data-testid': 'selectedCount', class: C.resultMessage, 'aria-live': 'polite' }) : null;
    return el('div', { class: C.searchRow }, [
      el('div', { class: 'ms-SearchBox ' + C.searchBox, role: 'search' }, [input]),
      state.resultMessage,
      state.selectedCount,
    ]);
  }

  // ---- header ----
  function buildHeader() {
    state.headerCheck = el('div', {
      class: 'ms-DetailsHeader-check ' + C.headerCheck,
      role: 'checkbox',
      'aria-checked': 'false',
      'aria-label': 'Toggle selection for all items',
      'data-selection-all-toggle': 'true',
      tabindex: '-1',
    }, [el('i', { class: C.checkIcon, 'aria-hidden': 'true', text: '\u2713' })]);
    state.headerCheck.addEventListener('click', toggleAll);
    var cells = [el('div', { class: C.headerCheckCell, role: TABLE ? undefined : 'columnheader' }, [state.headerCheck])];
    COLUMNS.forEach(function (col) {
      cells.push(el('div', {
        class: C.headerCell,
        role: TABLE ? undefined : 'columnheader',
        'data-item-key': col.key,
        'aria-sort': col.key === 'displayName' ? 'ascending' : 'none',
        style: 'width:' + col.width + 'px',
      }, [el('span', { text: col.name })]));
    });
    if (TABLE) return el('div', { class: C.header, role: 'presentation' }, [el('div', { role: 'presentation' }, cells)]);
    return el('div', { class: C.header, role: 'row', 'aria-rowindex': '1' }, cells);
  }

  // ---- rows ----
  function rowUser(row) {
    return state.filtered[Number(row.getAttribute('data-item-index'))];
  }

  function cellContent(user, key) {
    if (key === 'displayName') return el('a', { href: profileUrl(user.id), class: C.link, title: user.displayName, text: user.displayName });
    return el('span', { title: cellText(user, key), text: cellText(user, key) });
  }

  /** Makes a row element show a user: a new row, or (tabs layout) a recycled one that showed another user. */
  function fillRow(row, user, index) {
    var selected = state.selected.has(user.id);
    row.setAttribute('data-selection-index', String(index));
    row.setAttribute('data-item-index', String(index));
    row.setAttribute('aria-rowindex', String(index + 2));
    row.setAttribute('aria-selected', selected ? 'true' : 'false');
    row.classList.toggle('is-selected', selected);
    row.classList.toggle(C.rowSelected, selected);
    var check = row.querySelector('[data-automationid="DetailsRowCheck"]');
    if (!TABS) check.setAttribute('aria-checked', selected ? 'true' : 'false');
    COLUMNS.forEach(function (col) {
      row.querySelector('[data-automation-key="' + col.key + '"]').replaceChildren(cellContent(user, col.key));
    });
  }

  function buildRow(user, index) {
    var check = el('div', {
      'data-automationid': 'DetailsRowCheck',
      role: 'checkbox',
      'data-selection-toggle': 'true',
      'aria-label': 'Select row',
      class: C.check,
    }, [el('i', { class: C.checkIcon, 'aria-hidden': 'true', text: '\u2713' })]);
    var cells = COLUMNS.map(function (col) {
      return el('div', {
        'data-automationid': 'DetailsRowCell',
        'data-automation-key': col.key,
        role: TABLE ? undefined : 'gridcell',
        class: C.cell,
        style: 'width:' + col.width + 'px',
      });
    });
    var checkCell = TABLE
      ? el('span', { class: C.checkCell, role: 'presentation' }, [check])
      : el('div', { class: C.checkCell, role: 'gridcell' }, [check]);
    var inner = TABLE ? [el('div', { class: C.fields, role: 'presentation' }, [checkCell].concat(cells))] : [checkCell].concat(cells);
    var row = el('div', {
      'data-automationid': 'DetailsRow',
      role: TABLE ? 'presentation' : 'row',
      class: C.row,
      'data-is-focusable': 'true',
      tabindex: '-1',
      style: 'height:' + ROW_H + 'px',
    }, inner);
    fillRow(row, user, index);
    // Handlers ask the row whom it shows now (a recycled row shows another user than the one it was made for).
    check.addEventListener('click', function (e) {
      e.stopPropagation();
      var u = rowUser(row);
      if (u) toggleOne(u.id);
    });
    row.addEventListener('click', function (e) {
      var target = e.target;
      if (target && target.closest && target.closest('a')) return;
      var u = rowUser(row);
      // Fluent: a plain click on a row selects that row only.
      if (u) selectOnly(u.id);
    });
    row.addEventListener('keydown', function (e) {
      if (e.key === ' ') {
        e.preventDefault();
        var u = rowUser(row);
        if (u) toggleOne(u.id);
      }
    });
    return row;
  }

  function windowFor(scrollTop, total) {
    var firstVisible = Math.floor(scrollTop / ROW_H);
    var start = Math.max(0, (Math.floor(firstVisible / PAGE) - 1) * PAGE);
    var end = Math.min(total, start + 3 * PAGE);
    return [start, end];
  }

  function renderRows(force) {
    if (!state.rowsHost) return;
    var total = state.filtered.length;
    var w = windowFor(state.scroller ? state.scroller.scrollTop : 0, total);
    if (!force && w[0] === state.window[0] && w[1] === state.window[1]) return;
    state.window = w;
    // Virtualization: the rows of the old window are thrown away and new nodes are made; the tabs layout keeps
    // its row elements and makes them show the users of the new window instead.
    var pool = TABS ? Array.prototype.slice.call(state.rowsHost.querySelectorAll('[data-automationid="DetailsRow"]')) : [];
    var rows = [];
    for (var i = w[0]; i < w[1]; i += 1) {
      var reused = pool[i - w[0]];
      if (reused) fillRow(reused, state.filtered[i], i);
      rows.push(reused || buildRow(state.filtered[i], i));
    }
    state.rowsHost.replaceChildren.apply(state.rowsHost, rows);
    if (TABLE) {
      state.rowsHost.style.paddingTop = w[0] * ROW_H + 'px';
      state.rowsHost.style.paddingBottom = (total - w[1]) * ROW_H + 'px';
    } else {
      state.spacer.style.height = total * ROW_H + 'px';
      state.rowsHost.style.top = w[0] * ROW_H + 'px';
    }
  }

  function renderList(force) {
    if (state.view !== 'users') return;
    if (state.loading) return;
    if (state.resultMessage) state.resultMessage.textContent = formatCount(state.filtered.length);
    if (state.listRoot) state.listRoot.setAttribute('aria-rowcount', String(state.filtered.length + 1));
    renderRows(force);
    syncSelection();
  }

  function renderLoading() {
    if (state.resultMessage) state.resultMessage.textContent = '';
    if (state.rowsHost) state.rowsHost.replaceChildren(el('div', { class: C.shimmer, text: 'Loading\u2026' }));
    state.window = [-1, -1];
  }

  // Selection changes update the rendered rows in place (attributes), as Fluent does.
  function syncSelection() {
    if (!state.rowsHost) return;
    var rows = state.rowsHost.querySelectorAll('[data-automationid="DetailsRow"]');
    for (var i = 0; i < rows.length; i += 1) {
      var row = rows[i];
      var user = state.filtered[Number(row.getAttribute('data-item-index'))];
      var on = !!user && state.selected.has(user.id);
      if (row.getAttribute('aria-selected') !== String(on)) row.setAttribute('aria-selected', String(on));
      row.classList.toggle('is-selected', on);
      row.classList.toggle(C.rowSelected, on);
      var check = row.querySelector('[data-automationid="DetailsRowCheck"]');
      if (!TABS && check && check.getAttribute('aria-checked') !== String(on)) check.setAttribute('aria-checked', String(on));
    }
    if (state.selectedCount) state.selectedCount.textContent = state.selected.size ? state.selected.size.toLocaleString('en-US') + ' selected' : '';
    var all = state.filtered.length > 0 && state.filtered.every(function (u) { return state.selected.has(u.id); });
    if (state.headerCheck && state.headerCheck.getAttribute('aria-checked') !== String(all)) state.headerCheck.setAttribute('aria-checked', String(all));
    if (state.deleteButton) {
      var none = state.selected.size === 0;
      state.deleteButton.setAttribute('aria-disabled', String(none));
      state.deleteButton.classList.toggle('is-disabled', none);
      state.deleteButton.classList.toggle(C.disabled, none);
    }
  }

  function toggleOne(id) {
    if (state.selected.has(id)) state.selected.delete(id);
    else state.selected.add(id);
    syncSelection();
  }

  function selectOnly(id) {
    state.selected.clear();
    state.selected.add(id);
    syncSelection();
  }

  function toggleAll() {
    var all = state.filtered.length > 0 && state.filtered.every(function (u) { return state.selected.has(u.id); });
    if (all) state.filtered.forEach(function (u) { state.selected.delete(u.id); });
    else state.filtered.forEach(function (u) { state.selected.add(u.id); });
    syncSelection();
  }

  // ---- views ----
  function buildUsersView() {
    var scroller = el('div', { class: C.scroller, 'data-is-scrollable': 'true', style: 'height:' + VIEW_H + 'px;overflow-y:auto;position:relative' });
    var listRoot;
    if (TABLE) {
      state.rowsHost = el('div', { class: C.page, role: 'presentation' });
      scroller.appendChild(state.rowsHost);
      state.spacer = null;
      listRoot = el('div', { class: C.list, role: 'table', 'aria-label': 'Users' }, [buildHeader(), scroller]);
    } else {
      state.rowsHost = el('div', { class: C.page, role: 'presentation', style: 'position:absolute;left:0;right:0;top:0' });
      state.spacer = el('div', { class: C.spacer, role: 'presentation', style: 'position:relative;height:0' }, [state.rowsHost]);
      scroller.appendChild(state.spacer);
      listRoot = el('div', { class: C.list, role: 'grid', 'aria-label': 'Users', 'aria-colcount': String(COLUMNS.length + 1) }, [
        el('div', { role: 'presentation', class: C.header + '-wrap' }, [buildHeader()]),
        el('div', { role: 'rowgroup', class: C.list + '-body' }, [scroller]),
      ]);
    }
    scroller.addEventListener('scroll', function () { renderRows(false); });
    state.scroller = scroller;
    state.listRoot = listRoot;
    // data-replica-list marks the All users grid for the tests' own locators (the extension never reads it).
    if (!TABS) return el('div', { class: C.view, 'data-replica-view': 'users', 'data-replica-list': 'all-users' }, [buildCommandBar(), buildSearch(), listRoot]);
    return buildTabbedView(el('div', { role: 'presentation', 'data-replica-list': 'all-users' }, [buildCommandBar(), buildSearch(), listRoot]));
  }

  // ---- tabs layout: the views the portal keeps alive beside All users ----
  var side = { deleted: null, kept: null };

  /** A small, complete users grid of its own (command bar, search, "found", header select-all, rows, selection). */
  function buildSideList(label, commands) {
    var selected = new Set();
    var rowsHost = el('div', { role: 'presentation', class: C.page });
    var header = el('div', {
      class: 'ms-DetailsHeader-check ' + C.headerCheck, role: 'checkbox', 'aria-checked': 'false', 'aria-label': 'Toggle selection for all items', tabindex: '-1',
    }, [el('i', { class: C.checkIcon, 'aria-hidden': 'true', text: '\u2713' })]);
    var found = el('div', { 'data-testid': 'resultMessage', class: C.resultMessage });
    var users = [];
    function paint() {
      Array.prototype.forEach.call(rowsHost.children, function (row, i) {
        var on = selected.has(users[i].id);
        row.setAttribute('aria-selected', String(on));
        row.classList.toggle('is-selected', on);
        row.querySelector('[data-automationid="DetailsRowCheck"]').setAttribute('aria-checked', String(on));
      });
      header.setAttribute('aria-checked', String(users.length > 0 && users.every(function (u) { return selected.has(u.id); })));
    }
    header.addEventListener('click', function () {
      var all = users.every(function (u) { return selected.has(u.id); });
      users.forEach(function (u) { if (all) selected.delete(u.id); else selected.add(u.id); });
      paint();
    });
    var headerCells = [el('div', { class: C.headerCheckCell, role: 'columnheader' }, [header])].concat(COLUMNS.map(function (col) {
      return el('div', { class: C.headerCell, role: 'columnheader', 'data-item-key': col.key, style: 'width:' + col.width + 'px' }, [el('span', { text: col.name })]);
    }));
    var bar = el('div', { class: C.commandBar, role: 'menubar', 'aria-label': label + ' commands' }, [
      el('div', { class: C.primarySet, role: 'presentation' }, commands.map(function (c, i) { return commandButton(c, { icon: '\u2022', first: i === 0 }); })),
    ]);
    var root = el('div', { role: 'presentation' }, [
      bar,
      el('div', { class: C.searchRow }, [
        el('div', { class: 'ms-SearchBox ' + C.searchBox, role: 'search' }, [
          el('input', { id: nextId('SearchBox'), class: 'ms-SearchBox-field ' + C.searchBox + '-field', 'aria-label': 'Search ' + label, type: 'text' }),
        ]),
        found,
      ]),
      el('div', { class: C.list, role: 'grid', 'aria-label': label }, [el('div', { class: C.header, role: 'row' }, headerCells), rowsHost]),
    ]);
    return {
      root: root,
      /** Shows these users, the first `preselected` of them already selected (the view's own, earlier selection). */
      fill: function (list, preselected) {
        users = list;
        selected = new Set(list.slice(0, preselected).map(function (u) { return u.id; }));
        rowsHost.replaceChildren.apply(rowsHost, list.map(function (u, i) {
          var check = el('div', { 'data-automationid': 'DetailsRowCheck', role: 'checkbox', 'aria-checked': 'false', 'data-selection-toggle': 'true', class: C.check });
          check.addEventListener('click', function () {
            if (selected.has(u.id)) selected.delete(u.id); else selected.add(u.id);
            paint();
          });
          var cells = COLUMNS.map(function (col) {
            return el('div', { 'data-automationid': 'DetailsRowCell', 'data-automation-key': col.key, role: 'gridcell', class: C.cell, style: 'width:' + col.width + 'px' }, [cellContent(u, col.key)]);
          });
          return el('div', { 'data-automationid': 'DetailsRow', role: 'row', class: C.row, 'data-item-index': i, 'data-selection-index': i, style: 'height:' + ROW_H + 'px' },
            [el('div', { class: C.checkCell, role: 'gridcell' }, [check])].concat(cells));
        }));
        found.textContent = formatCount(list.length);
        paint();
      },
    };
  }

  function fillSideLists() {
    var n = state.users.length;
    if (side.deleted) side.deleted.fill(state.users.slice(Math.max(0, n - 30)), 3);
    if (side.kept) side.kept.fill(state.users.slice(Math.min(100, Math.max(0, n - 30)), Math.min(130, n)), 4);
  }

  function buildTabbedView(allUsers) {
    side.deleted = buildSideList('Deleted users', ['Restore users', 'Delete permanently', 'Refresh']);
    side.kept = buildSideList('Users (earlier blade)', ['New user', 'Refresh', 'Delete']);
    // Inactive tabs stay mounted: All users is hidden with the `hidden` attribute, Deleted users with aria-hidden
    // and a zero height; the earlier blade is display:none through its class (no inline style to see).
    var allPanel = el('div', { role: 'tabpanel', id: 'tab-all-users', 'aria-labelledby': 'pivot-all' }, [allUsers]);
    var deletedPanel = el('div', { role: 'tabpanel', id: 'tab-deleted-users', 'aria-labelledby': 'pivot-deleted' }, [side.deleted.root]);
    var tabAll = el('button', { type: 'button', role: 'tab', id: 'pivot-all', 'aria-controls': 'tab-all-users', class: C.cmdButton, text: 'All users' });
    var tabDeleted = el('button', { type: 'button', role: 'tab', id: 'pivot-deleted', 'aria-controls': 'tab-deleted-users', class: C.cmdButton, text: 'Deleted users' });
    function activate(all) {
      tabAll.setAttribute('aria-selected', String(all));
      tabDeleted.setAttribute('aria-selected', String(!all));
      if (all) {
        allPanel.removeAttribute('hidden');
        deletedPanel.setAttribute('aria-hidden', 'true');
        deletedPanel.setAttribute('style', 'height:0;overflow:hidden');
      } else {
        allPanel.setAttribute('hidden', '');
        deletedPanel.removeAttribute('aria-hidden');
        deletedPanel.removeAttribute('style');
      }
    }
    tabAll.addEventListener('click', function () { activate(true); });
    tabDeleted.addEventListener('click', function () { activate(false); });
    activate(true);
    var kept = el('div', { class: C.view + '-kept', 'data-replica-blade': 'kept-alive' }, [side.kept.root]);
    return el('div', { class: C.view, 'data-replica-view': 'users' }, [
      kept,
      el('div', { role: 'tablist', 'aria-label': 'Users' }, [tabAll, tabDeleted]),
      allPanel,
      deletedPanel,
    ]);
  }

  function buildProfileView(userId) {
    var user = state.users.filter(function (u) { return u.id === userId; })[0];
    var back = el('a', { href: trusted + '/' + ALL_USERS_HASH, class: C.backLink, text: 'All users' });
    var fields = user
      ? [
          ['User principal name', user.userPrincipalName],
          ['Object ID', user.id],
          ['User type', user.userType],
          ['Mail', user.mail || ''],
        ].map(function (f) {
          return el('div', { class: C.profileField }, [el('span', { text: f[0] + ': ' }), el('span', { text: f[1] })]);
        })
      : [el('div', { class: C.empty, text: 'User not found' })];
    return el('div', { class: C.profile, 'data-replica-view': 'profile' }, [
      back,
      el('h2', { class: C.profileTitle, text: user ? user.displayName : 'Unknown user' }),
    ].concat(fields));
  }

  function showView(view, userId) {
    state.view = view;
    state.selectedCount = null;
    side.deleted = side.kept = null;
    state.rowsHost = null;
    state.scroller = null;
    state.resultMessage = null;
    state.headerCheck = null;
    state.deleteButton = null;
    state.window = [-1, -1];
    var root = document.getElementById('root');
    if (view === 'users') {
      state.selected.clear();
      state.search = '';
      root.replaceChildren(buildUsersView());
      loadUsers();
    } else if (view === 'profile') {
      var render = function () { root.replaceChildren(buildProfileView(userId)); };
      if (state.users.length) render();
      else fetch('/_replica/users', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (b) { state.users = b.value; render(); });
    } else {
      root.replaceChildren();
    }
  }

  // Links ask the portal (parent) to navigate, as React views do.
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[href]') : null;
    if (!a) return;
    var href = a.getAttribute('href');
    var hashAt = href.indexOf('#view/');
    if (hashAt < 0) return;
    e.preventDefault();
    if (window.parent !== window) window.parent.postMessage({ type: 'replica/navigate', hash: href.slice(hashAt) }, trusted);
  });

  window.addEventListener('message', function (e) {
    if (e.origin !== trusted || e.source !== window.parent) return;
    var d = e.data;
    if (!d || d.type !== 'replica/view') return;
    showView(d.view, d.userId);
  });

  if (config.standalone) showView('users');
})();
