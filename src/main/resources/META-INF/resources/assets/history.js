// The history page: loads one entity's events (GET /events/{entity}/{id}), then shows the entity as of the time
// the slider or the instant field names (GET /store/{entity}/{id}?asOf=), and for a customer its customer-orders
// entry as of that time (GET /store/customer-orders/{id}?asOf=). The slider runs from the first event to the last:
// the entity stays as the last event left it from then on, and the server refuses instants in its future.
(() => {
  const LIMIT = 1000;
  const ORDERS_LIMIT = 100;
  const ENTITIES = ['customers', 'orders', 'products'];
  const form = document.getElementById('pick');
  const entity = document.getElementById('entity');
  const id = document.getElementById('id');
  const note = document.getElementById('history-note');
  const timeline = document.getElementById('timeline');
  const slider = document.getElementById('slider');
  const instant = document.getElementById('instant');
  const state = document.getElementById('state');
  const rows = document.querySelector('#events tbody');
  const customerOrders = document.getElementById('customer-orders');
  const customerOrdersNote = document.getElementById('customer-orders-note');
  const orderRows = customerOrders.querySelector('tbody');
  let events = [];
  let asked = 0;  // the latest as-of request; answers to older ones are dropped

  function show(text) {
    note.textContent = text;
    note.hidden = !text;
  }

  function summary(event) {
    if (event === null) {
      return 'deleted';
    }
    return Object.entries(event).filter(([, value]) => value !== null).map(([, value]) => value).join(' · ');
  }

  function row(item) {
    const tr = document.createElement('tr');
    tr.dataset.time = item.timestamp;
    for (const text of [item.timestamp, item.offset, summary(item.event)]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    tr.addEventListener('click', () => showAsOf(item.timestamp));
    return tr;
  }

  async function load(event) {
    event?.preventDefault();
    const key = encodeURIComponent(id.value.trim());
    history.replaceState(null, '', `?entity=${entity.value}&id=${key}`);
    const answer = await read(`/events/${entity.value}/${key}?limit=${LIMIT}`);
    if (!answer.ok) {
      show(`${answer.body.title}: ${answer.body.detail}`);
      timeline.hidden = true;
      return;
    }
    const body = answer.body;
    events = body.items;
    show(events.length === 0 ? 'No events for this id (within the retention).'
      : body.next ? `Showing the first ${LIMIT} events.` : '');
    timeline.hidden = events.length === 0;
    rows.replaceChildren(...events.map(row));
    if (events.length > 0) {
      slider.min = Date.parse(events[0].timestamp);
      slider.max = Date.parse(events[events.length - 1].timestamp);
      showAsOf(events[events.length - 1].timestamp);
    }
  }

  function field(name, value) {
    const dt = document.createElement('dt');
    dt.textContent = name;
    const dd = document.createElement('dd');
    dd.textContent = value ?? '';
    return [dt, dd];
  }

  async function showAsOf(time) {
    slider.value = Date.parse(time);
    instant.value = time;
    // The event in effect: the last one stamped at or before that time.
    const effective = events.filter(item => Date.parse(item.timestamp) <= Date.parse(time)).pop();
    [...rows.rows].forEach(tr => tr.classList.toggle('current', tr.dataset.time === effective?.timestamp));
    const request = ++asked;
    const key = encodeURIComponent(id.value.trim());
    const asOf = `asOf=${encodeURIComponent(time)}`;
    const [entityAnswer, ordersAnswer] = await Promise.all([
      read(`/store/${entity.value}/${key}?${asOf}`),
      entity.value === 'customers' ? read(`/store/customer-orders/${key}?${asOf}&limit=${ORDERS_LIMIT}`) : null,
    ]);
    if (request !== asked) {
      return;
    }
    showEntity(time, entityAnswer);
    showCustomerOrders(time, ordersAnswer);
  }

  async function read(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    return { status: response.status, ok: response.ok, body: await response.json() };
  }

  function showEntity(time, answer) {
    const title = document.createElement('p');
    const dl = document.createElement('dl');
    if (answer.ok) {
      state.dataset.state = 'accepted';
      title.textContent = `As of ${time}`;
      dl.append(...Object.entries(answer.body).flatMap(([name, value]) => field(name, value)));
    } else {
      state.dataset.state = 'problem';
      title.textContent = answer.status === 404 ? `Did not exist at ${time}` : `${answer.body.title}: ${answer.body.detail}`;
    }
    state.replaceChildren(title, dl);
  }

  // The customer's orders at that time, each with the instant from which that version of it was the customer's.
  function showCustomerOrders(time, answer) {
    customerOrders.hidden = answer === null;
    if (answer === null) {
      return;
    }
    const orders = answer.ok ? answer.body.orders : [];
    const since = new Map((answer.ok ? answer.body.versions.orders : []).map(version => [version.orderId, version.validFrom]));
    customerOrdersNote.textContent = answer.ok
      ? (answer.body.next ? `The first ${ORDERS_LIMIT} orders as of ${time}.` : `${orders.length} orders as of ${time}.`)
      : answer.status === 404 ? `No entry at ${time}: the customer or its orders did not exist yet.`
        : `${answer.body.title}: ${answer.body.detail}`;
    orderRows.replaceChildren(...orders.map(order => {
      const tr = document.createElement('tr');
      tr.dataset.key = order.orderId;
      for (const text of [order.orderId, order.orderItemName, order.orderPlace ?? '', since.get(order.orderId) ?? '']) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    }));
  }

  form.addEventListener('submit', load);
  slider.addEventListener('input', () => showAsOf(new Date(Number(slider.value)).toISOString()));
  instant.addEventListener('change', () => showAsOf(instant.value.trim()));

  const params = new URLSearchParams(location.search);
  if (params.get('id')) {
    entity.value = ENTITIES.includes(params.get('entity')) ? params.get('entity') : 'customers';
    id.value = params.get('id');
    load();
  }
})();
