// The history page: loads one entity's events (GET /events/{entity}/{id}), then shows the entity as of the time
// the slider or the instant field names (GET /store/{entity}/{id}?asOf=). The slider runs from the first event to
// the last: the entity stays as the last event left it from then on, and the server refuses instants in its future.
(() => {
  const LIMIT = 1000;
  const form = document.getElementById('pick');
  const entity = document.getElementById('entity');
  const id = document.getElementById('id');
  const note = document.getElementById('history-note');
  const timeline = document.getElementById('timeline');
  const slider = document.getElementById('slider');
  const instant = document.getElementById('instant');
  const state = document.getElementById('state');
  const rows = timeline.querySelector('tbody');
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
    const path = `${entity.value}/${encodeURIComponent(id.value.trim())}`;
    history.replaceState(null, '', `?entity=${entity.value}&id=${encodeURIComponent(id.value.trim())}`);
    const response = await fetch(`/events/${path}?limit=${LIMIT}`, { headers: { Accept: 'application/json' } });
    const body = await response.json();
    if (!response.ok) {
      show(`${body.title}: ${body.detail}`);
      timeline.hidden = true;
      return;
    }
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
    const response = await fetch(`/store/${entity.value}/${encodeURIComponent(id.value.trim())}?asOf=${encodeURIComponent(time)}`,
      { headers: { Accept: 'application/json' } });
    const body = await response.json();
    if (request !== asked) {
      return;
    }
    const title = document.createElement('p');
    const dl = document.createElement('dl');
    if (response.ok) {
      state.dataset.state = 'accepted';
      title.textContent = `As of ${time}`;
      dl.append(...Object.entries(body).flatMap(([name, value]) => field(name, value)));
    } else {
      state.dataset.state = 'problem';
      title.textContent = response.status === 404 ? `Did not exist at ${time}` : `${body.title}: ${body.detail}`;
    }
    state.replaceChildren(title, dl);
  }

  form.addEventListener('submit', load);
  slider.addEventListener('input', () => showAsOf(new Date(Number(slider.value)).toISOString()));
  instant.addEventListener('change', () => showAsOf(instant.value.trim()));

  const params = new URLSearchParams(location.search);
  if (params.get('id')) {
    entity.value = params.get('entity') === 'orders' ? 'orders' : 'customers';
    id.value = params.get('id');
    load();
  }
})();
