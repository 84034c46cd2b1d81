// A view page: subscribes to the view's changes, loads the view, then applies each change as it arrives.
// Subscribing before loading means no change falls between the two; changes that arrive during the load wait
// for it. After a reconnect the view is loaded again, because the changes in between are not replayed.
// A view joined when it is read (customer-orders) sends the changes of its parts, not of its entries: its page
// sets window.liveViewJoin, which is handed the loaded entries and each change, and shows or removes entries.
(() => {
  const table = document.querySelector('table[data-view]');
  const view = table.dataset.view;
  const keyField = table.dataset.key;
  const query = table.dataset.query || '';
  const join = window.liveViewJoin;
  const fields = [...table.querySelectorAll('th[data-field]')].map(th => th.dataset.field);
  const rows = table.tBodies[0];
  const status = document.getElementById('live-status');
  const note = document.getElementById('view-note');
  const empty = document.querySelector('.empty');
  const LIMIT = 1000;
  // What the API derives when it answers a read, and the changes (the stored values) lack.
  const DERIVED = {
    products: value => ({ ...value, available: value.onHand - value.reserved }),
    accounts: value => ({ ...value, available: value.balance - value.held }),
  };
  const shown = DERIVED[view] || (value => value);
  // A table with data-link links each key to its own page.
  const link = table.dataset.link;
  let waiting = [];  // changes that arrived while the view was loading; null once it is loaded

  // "orders.orderId" of {orders: [{orderId: 'a'}, {orderId: 'b'}]} is ['a', 'b'].
  function valuesAt(value, path) {
    return path.split('.').reduce((values, name) => values.flatMap(v => {
      const next = v == null ? null : v[name];
      return next == null ? [] : [].concat(next);
    }), [value]);
  }

  function row(key, value) {
    const tr = document.createElement('tr');
    tr.dataset.key = key;
    for (const field of fields) {
      const td = document.createElement('td');
      for (const text of valuesAt(value, field)) {
        const line = document.createElement(link && field === keyField ? 'a' : 'div');
        if (link && field === keyField) {
          line.href = link + encodeURIComponent(text);
        }
        line.textContent = text;
        td.append(line);
      }
      tr.append(td);
    }
    return tr;
  }

  function rowOf(key) {
    return [...rows.rows].find(tr => tr.dataset.key === key);
  }

  // Rows stay in key order, as the view lists them.
  function put(key, value, fresh) {
    const tr = row(key, value);
    if (fresh) {
      tr.classList.add('fresh');
    }
    const old = rowOf(key);
    if (old) {
      old.replaceWith(tr);
    } else {
      rows.insertBefore(tr, [...rows.rows].find(other => other.dataset.key > key) || null);
    }
  }

  function remove(key) {
    const old = rowOf(key);
    if (old) {
      old.remove();
    }
  }

  const entries = {
    put: (key, value) => { put(key, shown(value), true); empty.hidden = rows.rows.length > 0; },
    remove: key => { remove(key); empty.hidden = rows.rows.length > 0; },
  };

  function apply(change) {
    if (join) {
      join.change(change, entries);
    } else if (change.value === null) {
      entries.remove(change.key);
    } else {
      entries.put(change.key, change.value);
    }
  }

  function show(text) {
    note.textContent = text;
    note.hidden = !text;
  }

  function setStatus(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  async function load() {
    table.dataset.loaded = 'false';
    try {
      const response = await fetch(`/store/${view}?limit=${LIMIT}${query}`, { headers: { Accept: 'application/json' } });
      const body = await response.json();
      if (!response.ok) {
        show(`${body.title}: ${body.detail}. Trying again…`);
        setTimeout(load, 2000);
        return;
      }
      rows.replaceChildren(...body.items.map(item => row(valuesAt(item, keyField)[0], item)));
      if (join) {
        join.loaded(body.items);
      }
      show(body.next ? `Showing the first ${LIMIT} entries.` : '');
    } catch (e) {
      show('The service cannot be reached. Trying again…');
      setTimeout(load, 2000);
      return;
    }
    const arrived = waiting || [];
    waiting = null;
    arrived.forEach(apply);
    empty.hidden = rows.rows.length > 0;
    table.dataset.loaded = 'true';
  }

  const changes = new EventSource(`/store/changes/${view}`);
  changes.onopen = () => {
    setStatus('live', 'live');
    waiting = [];
    load();
  };
  changes.onmessage = event => {
    const change = JSON.parse(event.data);
    if (waiting) {
      waiting.push(change);
    } else {
      apply(change);
    }
  };
  changes.onerror = () => {
    // The browser reconnects by itself; until then, show the view as it was.
    setStatus('offline', changes.readyState === EventSource.CLOSED ? 'not live' : 'reconnecting…');
    if (table.dataset.loaded === undefined) {
      load();
    }
  };
})();
