// The checkout form: lists the products (from the products view) with a number of units each, sends the customer
// and the lines with more than 0 units to POST /checkout, and on 202 opens the checkout's live page. A refusal (a
// 400) is shown next to the fields it names; the rules are the API's alone.
(() => {
  const form = document.getElementById('checkout');
  const table = form.querySelector('table.lines');
  const result = form.querySelector('.result');

  loadProducts();
  form.addEventListener('submit', event => {
    event.preventDefault();
    send();
  });

  async function loadProducts() {
    try {
      const response = await fetch('/store/products?limit=1000', { headers: { Accept: 'application/json' } });
      const page = await response.json();
      table.tBodies[0].replaceChildren(...(page.items || []).map(productRow));
      form.querySelector('.empty').hidden = (page.items || []).length > 0;
    } finally {
      table.dataset.loaded = 'true';
    }
  }

  function productRow(product) {
    const tr = document.createElement('tr');
    tr.dataset.productId = product.productId;
    for (const text of [`${product.name ?? ''} (${product.productId})`, product.priceCents, product.available]) {
      const td = document.createElement('td');
      td.textContent = text ?? '';
      tr.append(td);
    }
    const units = document.createElement('input');
    units.type = 'number';
    units.min = '0';
    units.value = '0';
    units.name = `units-${product.productId}`;
    units.setAttribute('aria-label', `Units of ${product.productId}`);
    const td = document.createElement('td');
    td.append(units);
    tr.append(td);
    return tr;
  }

  function request() {
    const body = { customerId: form.elements.customerId.value };
    if (form.elements.orderId.value.trim() !== '') {
      body.orderId = form.elements.orderId.value.trim();
    }
    body.lines = [...table.tBodies[0].rows]
      .map(tr => ({ productId: tr.dataset.productId, units: tr.querySelector('input').value.trim() }))
      .filter(line => line.units !== '' && line.units !== '0')
      .map(line => ({ productId: line.productId, quantity: Number.isNaN(Number(line.units)) ? line.units : Number(line.units) }));
    return body;
  }

  async function send() {
    for (const slot of form.querySelectorAll('[data-error-for]')) {
      slot.textContent = '';
    }
    let response;
    let answer;
    try {
      response = await fetch(form.action, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(request()),
      });
      answer = await response.json();
    } catch (e) {
      show('The service cannot be reached.');
      return;
    }
    if (response.ok) {
      location.href = `/views/checkout.html?orderId=${encodeURIComponent(answer.orderId)}`;
      return;
    }
    const elsewhere = [];
    for (const error of answer.errors || []) {
      // "lines[0].quantity" belongs to the lines; "customerId" to its own field.
      const slot = form.querySelector(`[data-error-for="${CSS.escape(error.field.replace(/\[.*$/, ''))}"]`);
      if (slot) {
        slot.textContent = [slot.textContent, error.message].filter(Boolean).join('; ');
      } else {
        elsewhere.push(`${error.field}: ${error.message}`);
      }
    }
    show([`${answer.title}: ${answer.detail}`, ...elsewhere].join('. '));
  }

  function show(text) {
    const message = document.createElement('p');
    message.textContent = text;
    result.dataset.state = 'problem';
    result.replaceChildren(message);
  }
})();
