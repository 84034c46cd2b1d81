// One checkout as it runs: subscribes to the checkouts' live changes (keeping this checkout's), loads the checkout,
// then shows every change. A long poll (?waitFor=terminal) backs the feed up, so the end shows even without it.
(() => {
  const orderId = new URLSearchParams(location.search).get('orderId') || '';
  const path = `/store/checkouts/${encodeURIComponent(orderId)}`;
  const status = document.getElementById('live-status');
  const note = document.getElementById('note');
  const FINAL = ['COMPLETED', 'REJECTED'];
  let shownHistory = -1;  // entries shown; a change never takes entries away
  let loaded = false;
  let early = [];

  document.querySelector('[data-fact=orderId]').textContent = orderId;
  const TIME = { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hour12: false };

  function render(checkout) {
    if (checkout.history.length < shownHistory) {
      return;
    }
    shownHistory = checkout.history.length;
    const state = document.getElementById('state');
    state.textContent = checkout.state;
    state.dataset.state = checkout.state;
    for (const [fact, value] of Object.entries({ customerId: checkout.customerId, amountCents: checkout.amountCents,
      reason: checkout.reason })) {
      document.querySelector(`[data-fact=${fact}]`).textContent = value ?? '–';
    }
    document.querySelector('table.lines tbody').replaceChildren(...checkout.lines.map(line => {
      const tr = document.createElement('tr');
      for (const value of [line.productId, line.productName, line.quantity, line.priceCents,
        line.reserved ? 'yes' : 'no']) {
        const td = document.createElement('td');
        td.textContent = value ?? '–';
        tr.append(td);
      }
      return tr;
    }));
    document.getElementById('history').replaceChildren(...checkout.history.map(entry => {
      const li = document.createElement('li');
      li.dataset.event = entry.event;
      li.dataset.state = entry.state;
      const at = document.createElement('time');
      at.dateTime = entry.at;
      at.textContent = new Date(entry.at).toLocaleTimeString(undefined, TIME);
      const what = document.createElement('strong');
      what.textContent = entry.event;
      const where = document.createElement('span');
      where.className = 'in-state';
      where.textContent = entry.state;
      li.append(at, ' ', what, ' ', where);
      if (entry.detail) {
        li.append(`: ${entry.detail}`);
      }
      return li;
    }));
  }

  function show(text) {
    note.textContent = text;
    note.hidden = !text;
  }

  async function read(query) {
    const response = await fetch(path + query, { headers: { Accept: 'application/json' } });
    const body = await response.json();
    if (!response.ok) {
      throw new Error(`${body.title}: ${body.detail}`);
    }
    return body;
  }

  async function load() {
    try {
      render(await read('?waitMs=10000'));
      loaded = true;
      early.forEach(render);
      early = [];
      show('');
      awaitEnd();
    } catch (e) {
      show(`${e.message}. Trying again…`);
      setTimeout(load, 2000);
    }
  }

  async function awaitEnd() {
    while (!FINAL.includes(document.getElementById('state').dataset.state)) {
      try {
        render(await read('?waitFor=terminal&waitMs=30000'));
      } catch (e) {
        await new Promise(resolve => setTimeout(resolve, 2000));
      }
    }
  }

  const changes = new EventSource('/store/changes/checkouts');
  changes.onopen = () => {
    status.dataset.state = 'live';
    status.textContent = 'live';
    if (!loaded) {
      load();
    }
  };
  changes.onmessage = event => {
    const change = JSON.parse(event.data);
    if (change.key !== orderId || change.value === null) {
      return;
    }
    if (loaded) {
      render(change.value);
    } else {
      early.push(change.value);
    }
  };
  changes.onerror = () => {
    status.dataset.state = 'offline';
    status.textContent = changes.readyState === EventSource.CLOSED ? 'not live' : 'reconnecting…';
    if (!loaded) {
      load();
    }
  };
})();
